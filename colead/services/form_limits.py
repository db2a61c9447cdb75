"""Holding back floods on the public forms: a few submissions an hour per client address and
per e-mail address, counted in FormSubmission rows (forgotten after a day)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session, col, delete, func, select

from colead.models import FormSubmission

WINDOW = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)
ADDRESS_MAX = 64  # FormSubmission.address
EMAIL_MAX = 200  # FormSubmission.email


def recent(
    session: Session, form: str, now: datetime, *, address: str = "", email: str = ""
) -> int:
    """Submissions of `form` within the window from this address (or with this e-mail)."""
    where = (
        [FormSubmission.address == address[:ADDRESS_MAX]]
        if address
        else [FormSubmission.email == email.strip().lower()[:EMAIL_MAX]]
    )
    return session.exec(
        select(func.count())
        .select_from(FormSubmission)
        .where(FormSubmission.form == form, col(FormSubmission.at) > now - WINDOW, *where)
    ).one()


def hold(session: Session, form: str, address: str) -> None:
    """On PostgreSQL, submissions from one address count one after another (a transaction-long
    advisory lock), so simultaneous requests cannot all see room under the limit. SQLite's
    write transactions are already one at a time."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"),  # type: ignore[call-overload]
            params={"key": f"form:{form}:{address[:ADDRESS_MAX]}"},
        )


def over(
    session: Session, form: str, now: datetime, limit: int, *, address: str, email: str = ""
) -> bool:
    """Whether the address, or the e-mail address when given, has used up `limit`."""
    hold(session, form, address)
    if recent(session, form, now, address=address) >= limit:
        return True
    return bool(email) and recent(session, form, now, email=email) >= limit


def record(session: Session, form: str, address: str, email: str, now: datetime) -> None:
    """Count one accepted submission, and forget those older than a day."""
    session.exec(delete(FormSubmission).where(col(FormSubmission.at) < now - FORGET_AFTER))
    session.add(
        FormSubmission(
            form=form,
            address=(address or "")[:ADDRESS_MAX],
            email=(email or "").strip().lower()[:EMAIL_MAX],
            at=now,
        )
    )
    session.flush()


def allow(
    session: Session,
    form: str,
    address: str,
    email: str,
    now: datetime,
    *,
    per_address: int,
    per_email: int,
) -> bool:
    """Count this submission of `form` and say whether it is within the limits.

    A refused submission is not counted, so a flood does not lock the address out for longer
    than the window. The e-mail address is counted whether or not anyone has it, so the answer
    says nothing about which addresses are known.
    """
    address = (address or "")[:ADDRESS_MAX]
    hold(session, form, address)
    if recent(session, form, now, address=address) >= per_address:
        return False
    if email and recent(session, form, now, email=email) >= per_email:
        return False
    record(session, form, address, email, now)
    return True
