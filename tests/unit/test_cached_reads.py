"""Cached service reads: served again until a table they read is written, never after."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, col, delete, func, select

from colead.db import session_scope
from colead.models import Region, Talent, WorksheetAnswer
from colead.services import accounts
from colead.services.access import Actor
from colead.services.programmes import list_programmes
from colead.services.talent import TalentInput, create_talent
from colead.ui import cached
from colead.ui.cached import cached_read

ROOT = Path(__file__).resolve().parents[2]
calls: list[str] = []


def count_talent(session: Session, actor: Actor, programme_id: int) -> int:
    calls.append("talent")
    return session.exec(
        select(func.count()).select_from(Talent).where(col(Talent.programme_id) == programme_id)
    ).one()


@pytest.fixture
def staff(demo_url: str) -> tuple[Actor, int]:
    calls.clear()
    cached.forget_cached_reads()
    with session_scope() as session:
        actor = accounts.load_actor(session, "staff")
        assert actor is not None
        programme_id = list_programmes(session, actor)[0].id
    return actor, programme_id


def test_a_read_is_served_again_while_nothing_it_read_is_written(staff) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    first = cached_read(count_talent, actor, programme_id)
    assert cached_read(count_talent, actor, programme_id) == first
    assert calls == ["talent"]
    with session_scope(write=True) as session:  # another table: the count stays cached
        session.add(Region(name="別の町", prefecture="石川県"))
    assert cached_read(count_talent, actor, programme_id) == first
    assert calls == ["talent"]


def test_a_write_to_a_table_it_read_makes_it_fresh(staff) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    first = cached_read(count_talent, actor, programme_id)
    with session_scope(write=True) as session:
        create_talent(session, actor, programme_id, TalentInput("新しい人", date(2026, 11, 20)))
    assert cached_read(count_talent, actor, programme_id) == first + 1
    assert calls == ["talent", "talent"]


def test_a_delete_may_cascade_so_it_makes_every_read_fresh(staff) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    with session_scope(write=True) as session:
        session.exec(delete(WorksheetAnswer).where(col(WorksheetAnswer.id) == -1))
    cached_read(count_talent, actor, programme_id)
    assert calls == ["talent", "talent"]


def test_a_failed_write_changes_nothing_cached(staff) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    with pytest.raises(RuntimeError), session_scope(write=True) as session:
        create_talent(session, actor, programme_id, TalentInput("取り消す人", date(2026, 11, 20)))
        session.flush()
        raise RuntimeError("rolled back")
    cached_read(count_talent, actor, programme_id)
    assert calls == ["talent"]


def test_results_are_kept_per_actor(staff, make_actor) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    other = Actor(actor.user_id + 1000, "other", "他の人", actor.role, actor.region_ids)
    cached_read(count_talent, other, programme_id)
    assert calls == ["talent", "talent"]


def test_results_expire_after_the_ttl(staff, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Another app process's writes are not seen here: a result is read again after the TTL."""
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    now = cached.time.monotonic()
    monkeypatch.setattr(cached.time, "monotonic", lambda: now + cached.TTL_SECONDS + 1)
    cached_read(count_talent, actor, programme_id)
    assert calls == ["talent", "talent"]


def _in_another_process(url: str, code: str) -> None:
    """Run `code` (with `session_scope`, `Talent` and `Region` imported) in a new interpreter,
    as the background mail sender or a second app process writes."""
    prelude = (
        "from datetime import date\n"
        "from sqlmodel import col, delete\n"
        "from colead.db import session_scope\n"
        "from colead.models import Region, Talent\n"
    )
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-c", prelude + code], env=env, check=True, cwd=ROOT)


def _until(condition, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    """Whether `condition()` becomes true within `seconds` (another process's write is seen
    when the versions are next read, within VERSIONS_SECONDS)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_write_by_another_process_is_seen_within_a_second(staff, demo_url: str) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    first = cached_read(count_talent, actor, programme_id)
    _in_another_process(
        demo_url,
        "with session_scope(write=True) as s:\n"
        f"    s.add(Talent(programme_id={programme_id}, name='別プロセスの人',"
        " applied_on=date(2026, 11, 20)))\n",
    )
    began = time.monotonic()
    assert _until(lambda: cached_read(count_talent, actor, programme_id) == first + 1)
    assert time.monotonic() - began < cached.TTL_SECONDS / 10  # the versions, not the TTL


def test_another_process_writing_another_table_leaves_the_read_cached(staff, demo_url: str) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    _in_another_process(
        demo_url,
        "with session_scope(write=True) as s:\n"
        "    s.add(Region(name='別の町', prefecture='福井県'))\n",
    )
    time.sleep(cached.VERSIONS_SECONDS * 2)
    cached_read(count_talent, actor, programme_id)
    assert calls == ["talent"]


def test_a_delete_by_another_process_makes_every_read_fresh(staff, demo_url: str) -> None:  # type: ignore[no-untyped-def]
    actor, programme_id = staff
    cached_read(count_talent, actor, programme_id)
    _in_another_process(
        demo_url,
        "with session_scope(write=True) as s:\n"
        "    s.exec(delete(Region).where(col(Region.name) == 'どこにもない町'))\n",
    )
    assert _until(lambda: (cached_read(count_talent, actor, programme_id), len(calls))[1] == 2)
