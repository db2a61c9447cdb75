"""Holding back floods on the public forms: a few submissions an hour per client address and
per e-mail address, counted in FormSubmission rows (forgotten after a day)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from colead.models import FormSubmission

WINDOW = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)
ADDRESS_MAX = 64  # FormSubmission.address
EMAIL_MAX = 200  # FormSubmission.email


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
    email = (email or "").strip().lower()[:EMAIL_MAX]
    session.exec(delete(FormSubmission).where(col(FormSubmission.at) < now - FORGET_AFTER))
    recent = (
        select(func.count())
        .select_from(FormSubmission)
        .where(FormSubmission.form == form, col(FormSubmission.at) > now - WINDOW)
    )
    if session.exec(recent.where(FormSubmission.address == address)).one() >= per_address:
        return False
    if email and session.exec(recent.where(FormSubmission.email == email)).one() >= per_email:
        return False
    session.add(FormSubmission(form=form, address=address, email=email, at=now))
    session.flush()
    return True
