"""Login sessions: the cookie's token signs in only while its row is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from colead.models import LoginSession, Region, Role
from colead.models.base import utcnow
from colead.services import accounts, login_sessions

DAY = timedelta(days=1)


@pytest.fixture
def people(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    region = Region(name="加賀市", prefecture="石川県")
    write_session.add(region)
    write_session.flush()
    admin_id = accounts.create_first_admin(
        write_session, username="chief", display_name="管理者", password="correct-horse"
    )
    admin = make_actor(Role.ADMIN, user_id=admin_id)
    staff_id = accounts.create_account(
        write_session,
        admin,
        username="tanaka",
        display_name="田中",
        password="s3cret-pass",
        role=Role.STAFF,
        region_ids=[region.id],
    )
    return admin, staff_id, region.id


def test_a_token_signs_in_until_it_expires(write_session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _, staff_id, _ = people
    now = utcnow()
    token, expires_at = login_sessions.open_session(write_session, staff_id, DAY, now)
    assert expires_at == now + DAY
    assert login_sessions.resolve(write_session, token, now) == "tanaka"
    assert login_sessions.resolve(write_session, token, now + DAY + timedelta(seconds=1)) is None
    assert login_sessions.resolve(write_session, token + "x", now) is None
    assert login_sessions.resolve(write_session, None, now) is None


def test_only_a_digest_of_the_token_is_stored(write_session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _, staff_id, _ = people
    token, _ = login_sessions.open_session(write_session, staff_id, DAY)
    stored = write_session.exec(select(LoginSession.token_hash)).all()
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


def test_signing_out_ends_only_that_session(write_session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _, staff_id, _ = people
    laptop, _ = login_sessions.open_session(write_session, staff_id, DAY)
    phone, _ = login_sessions.open_session(write_session, staff_id, DAY)
    login_sessions.end_session(write_session, laptop)
    assert login_sessions.resolve(write_session, laptop) is None
    assert login_sessions.resolve(write_session, phone) == "tanaka"


@pytest.mark.parametrize("change", ["reset", "disable", "role", "admin_ends"])
def test_account_changes_end_every_session(write_session: Session, people, change: str) -> None:  # type: ignore[no-untyped-def]
    admin, staff_id, region_id = people
    tokens = [login_sessions.open_session(write_session, staff_id, DAY)[0] for _ in range(2)]
    if change == "reset":
        accounts.reset_password(write_session, admin, staff_id, "brand-new-pass")
    elif change == "disable":
        accounts.set_disabled(write_session, admin, staff_id, True)
    elif change == "role":
        accounts.update_account(
            write_session,
            admin,
            staff_id,
            display_name="田中",
            email="",
            role=Role.VIEWER,
            region_ids=[region_id],
        )
    else:
        assert accounts.end_sessions(write_session, admin, staff_id) == 2
    assert [login_sessions.resolve(write_session, t) for t in tokens] == [None, None]
    reasons = set(write_session.exec(select(LoginSession.ended_reason)).all())
    assert len(reasons) == 1 and "" not in reasons


def test_a_name_change_keeps_the_sessions(write_session: Session, people) -> None:  # type: ignore[no-untyped-def]
    admin, staff_id, region_id = people
    token, _ = login_sessions.open_session(write_session, staff_id, DAY)
    accounts.update_account(
        write_session,
        admin,
        staff_id,
        display_name="田中 花子",
        email="hanako@example.jp",
        role=Role.STAFF,
        region_ids=[region_id],
    )
    assert login_sessions.resolve(write_session, token) == "tanaka"


def test_re_enabling_does_not_revive_ended_sessions(write_session: Session, people) -> None:  # type: ignore[no-untyped-def]
    admin, staff_id, _ = people
    token, _ = login_sessions.open_session(write_session, staff_id, DAY)
    accounts.set_disabled(write_session, admin, staff_id, True)
    accounts.set_disabled(write_session, admin, staff_id, False)
    assert login_sessions.resolve(write_session, token) is None


def test_actor_for_reads_the_account_and_its_regions_in_one_query(
    write_session: Session,
    people,  # type: ignore[no-untyped-def]
) -> None:
    admin, staff_id, region_id = people
    now = utcnow()
    token, _ = login_sessions.open_session(write_session, staff_id, DAY, now)
    write_session.flush()
    statements: list[str] = []
    engine = write_session.get_bind()

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        actor = login_sessions.actor_for(write_session, token, now)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1
    assert actor == accounts.load_actor(write_session, "tanaka")
    assert actor is not None and actor.role == Role.STAFF and actor.region_ids == {region_id}
    assert login_sessions.actor_for(write_session, token, now + DAY + timedelta(seconds=1)) is None
    assert login_sessions.actor_for(write_session, token + "x", now) is None
    assert login_sessions.actor_for(write_session, None, now) is None
    chief, _ = login_sessions.open_session(write_session, admin.user_id, DAY, now)
    assert login_sessions.actor_for(write_session, chief, now).region_ids == frozenset()  # type: ignore[union-attr]
    accounts.set_disabled(write_session, admin, staff_id, True)
    assert login_sessions.actor_for(write_session, token, now) is None
