"""Failed sign-ins, counted per (typed user name, client address) and per address alone.

Why per pair and not per account: a lock on the account lets anyone keep `admin` locked out
from one machine. Here, five failures for a name from one address lock that name from that
address only; the same person at another address, or already signed in, is not affected.
Twenty failures from one address, whatever the names, lock that address. Names that do not
exist are counted exactly like real ones, so the answer never tells which names exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, or_, select

from colead.models import LoginThrottle
from colead.models.base import utcnow
from colead.services import audit

MAX_FAILED_ATTEMPTS = 5  # per user name and address
MAX_ADDRESS_FAILURES = 20  # per address, whatever the names
LOCK_DURATION = timedelta(minutes=15)
WINDOW = timedelta(minutes=15)  # failures older than this are forgotten
NAME_LENGTH = 60
ANY_NAME = ""


def name_key(typed: str) -> str:
    """The user name as streamlit-authenticator compares it, cut to the stored length."""
    return typed.strip().lower()[:NAME_LENGTH]


def locked_until(
    session: Session, username: str, address: str, now: datetime | None = None
) -> datetime | None:
    """When sign-in for this name from this address opens again, or None if it is open."""
    now = now or utcnow()
    until = session.exec(
        select(LoginThrottle.locked_until).where(
            LoginThrottle.address == address,
            or_(LoginThrottle.username == name_key(username), LoginThrottle.username == ANY_NAME),
            col(LoginThrottle.locked_until) > now,
        )
    ).all()
    return max(until) if until else None


def _row(session: Session, username: str, address: str, now: datetime) -> LoginThrottle:
    query = (
        select(LoginThrottle)
        .where(LoginThrottle.username == username, LoginThrottle.address == address)
        .with_for_update()
    )
    row = session.exec(query).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = LoginThrottle(username=username, address=address, window_start=now)
            session.add(row)
    except IntegrityError:  # another failure for the same pair inserted it first
        row = session.exec(query).one()
    return row


def _count(row: LoginThrottle, limit: int, now: datetime) -> datetime | None:
    if row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    if now - row.window_start > WINDOW:
        row.failures = 0
        row.window_start = now
    row.failures += 1
    if row.failures >= limit:
        row.failures = 0
        row.locked_until = now + LOCK_DURATION
        return row.locked_until
    return None


def record_failure(
    session: Session, username: str, address: str, now: datetime | None = None
) -> datetime | None:
    """Count a failed sign-in; return until when it is locked now (None if still open).

    Attempts while locked neither count nor extend the lock.
    """
    now = now or utcnow()
    name = name_key(username)
    pair = _row(session, name, address, now)
    by_address = _row(session, ANY_NAME, address, now)
    pair_lock = _count(pair, MAX_FAILED_ATTEMPTS, now)
    address_lock = _count(by_address, MAX_ADDRESS_FAILURES, now)
    session.add_all([pair, by_address])
    locks = [lock for lock in (pair_lock, address_lock) if lock is not None]
    until = max(locks) if locks else None
    audit.record(
        session,
        name,
        "login.locked" if until is not None else "login.failed",
        detail=f"address={address}",
    )
    session.exec(
        delete(LoginThrottle).where(
            col(LoginThrottle.window_start) < now - timedelta(days=1),
            or_(col(LoginThrottle.locked_until).is_(None), col(LoginThrottle.locked_until) < now),
        )
    )
    return until


def clear(session: Session, username: str, address: str) -> None:
    """Forget the failures of a name at an address (after a successful sign-in there)."""
    session.exec(
        delete(LoginThrottle).where(
            LoginThrottle.username == name_key(username), LoginThrottle.address == address
        )
    )


def unlock_name(session: Session, username: str) -> None:
    """Lift every lock on a name, from every address (an admin's unlock)."""
    session.exec(delete(LoginThrottle).where(LoginThrottle.username == name_key(username)))


def locked_names(session: Session, now: datetime | None = None) -> dict[str, datetime]:
    """Names locked from at least one address, with the latest end of their locks."""
    now = now or utcnow()
    result: dict[str, datetime] = {}
    for name, until in session.exec(
        select(LoginThrottle.username, LoginThrottle.locked_until).where(
            LoginThrottle.username != ANY_NAME, col(LoginThrottle.locked_until) > now
        )
    ):
        result[name] = max(until, result.get(name, until))
    return result
