"""Failed sign-ins per (name, address) and per address; unknown names are counted the same."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from colead.models import AuditLog, Region, Role
from colead.models.base import utcnow
from colead.services import accounts, login_throttle

LIMIT = login_throttle.MAX_FAILED_ATTEMPTS


def _fail(session: Session, name: str, address: str, times: int, now=None):  # type: ignore[no-untyped-def]
    until = None
    for _ in range(times):
        until = login_throttle.record_failure(session, name, address, now)
    return until


def test_five_failures_close_the_name_at_that_address_for_fifteen_minutes(
    write_session: Session,
) -> None:
    now = utcnow()
    assert _fail(write_session, "admin", "203.0.113.9", LIMIT - 1, now) is None
    assert login_throttle.locked_until(write_session, "admin", "203.0.113.9", now) is None
    until = _fail(write_session, "admin", "203.0.113.9", 1, now)
    assert until == now + timedelta(minutes=15)
    assert login_throttle.locked_until(write_session, "ADMIN ", "203.0.113.9", now) == until
    # attempts while locked neither count nor extend it
    assert _fail(write_session, "admin", "203.0.113.9", 3, now + timedelta(minutes=5)) == until
    assert login_throttle.locked_until(write_session, "admin", "203.0.113.9", until) is None


def test_an_attacker_cannot_lock_admin_out_of_another_address(write_session: Session) -> None:
    _fail(write_session, "admin", "203.0.113.9", LIMIT * 3)
    assert login_throttle.locked_until(write_session, "admin", "203.0.113.9") is not None
    assert login_throttle.locked_until(write_session, "admin", "198.51.100.20") is None
    assert login_throttle.locked_until(write_session, "staff", "203.0.113.9") is None


def test_many_names_from_one_address_close_the_address(write_session: Session) -> None:
    now = utcnow()
    for index in range(login_throttle.MAX_ADDRESS_FAILURES):
        login_throttle.record_failure(write_session, f"guess{index}", "203.0.113.9", now)
    assert login_throttle.locked_until(write_session, "anyone", "203.0.113.9", now) is not None
    assert login_throttle.locked_until(write_session, "anyone", "198.51.100.20", now) is None


def test_unknown_and_real_names_are_answered_alike(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    write_session.add(Region(name="加賀市", prefecture="石川県"))
    accounts.create_first_admin(
        write_session, username="chief", display_name="管理者", password="correct-horse"
    )
    real = [login_throttle.record_failure(write_session, "chief", "local") for _ in range(LIMIT)]
    fake = [login_throttle.record_failure(write_session, "nobody", "local") for _ in range(LIMIT)]
    assert [u is None for u in real] == [u is None for u in fake] == [True] * (LIMIT - 1) + [False]
    actions = write_session.exec(
        select(AuditLog.username, AuditLog.action).where(AuditLog.action == "login.locked")
    ).all()
    assert sorted(actions) == [("chief", "login.locked"), ("nobody", "login.locked")]


def test_old_failures_are_forgotten(write_session: Session) -> None:
    now = utcnow()
    _fail(write_session, "staff", "local", LIMIT - 1, now)
    later = now + login_throttle.WINDOW + timedelta(seconds=1)
    assert _fail(write_session, "staff", "local", LIMIT - 1, later) is None


def test_success_and_admin_unlock_clear_the_count(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin_id = accounts.create_first_admin(
        write_session, username="chief", display_name="管理者", password="correct-horse"
    )
    admin = make_actor(Role.ADMIN, user_id=admin_id)
    _fail(write_session, "chief", "local", LIMIT - 1)
    login_throttle.clear(write_session, "chief", "local")
    assert _fail(write_session, "chief", "local", LIMIT - 1) is None
    _fail(write_session, "chief", "local", 1)
    _fail(write_session, "chief", "10.0.0.7", LIMIT)
    row = accounts.list_accounts(write_session, admin)[0]
    assert row.locked_until is not None
    accounts.unlock(write_session, admin, admin_id)
    assert login_throttle.locked_until(write_session, "chief", "local") is None
    assert login_throttle.locked_until(write_session, "chief", "10.0.0.7") is None
    assert accounts.list_accounts(write_session, admin)[0].locked_until is None
