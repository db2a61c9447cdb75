"""Cached service reads: served again until a table they read is written, never after."""

from __future__ import annotations

from datetime import date

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
