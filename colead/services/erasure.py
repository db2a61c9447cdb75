"""Erasing a person (APPI): their personal data goes, what they took part in stays as counts.

The person's row stays, so attendance, project membership, deliveries, incentives and
certificates keep counting: the funnel and the reports of past years read the same before and
after. What identified them is removed: the name becomes 「削除済み」 and the row's number, the
contact and profile fields are cleared, consent notes are cleared, every mailed link stops
working, mails addressed to them lose the address and the text, and a certificate no longer
carries the name. The erasure is written to the audit log (without the name).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select, update

from colead.models import Certificate, ConsentRecord, OutboxMail, Talent
from colead.models.base import utcnow
from colead.services import access_links, audit
from colead.services.access import AccessDenied, Actor, require_programme

ERASED_NAME = "削除済み"
_CLEARED = (
    "email",
    "kana",
    "affiliation",
    "residence",
    "interests",
    "note",
    "skills_text",
    "available_time",
    "rejection_reason",
)


def erased_name(talent_id: int) -> str:
    return f"{ERASED_NAME}{talent_id}"


def erase_talent(
    session: Session, actor: Actor, talent_id: int, now: datetime | None = None
) -> Talent:
    """Erase the person's personal data (staff of their programme); erasing twice is harmless."""
    talent = session.get(Talent, talent_id)
    if talent is None:
        raise AccessDenied(f"talent {talent_id} not found")
    programme = require_programme(session, actor, talent.programme_id, write=True)
    if talent.erased_at is not None:
        return talent
    now = now or utcnow()
    address = talent.email
    talent.name = erased_name(talent_id)
    for name in _CLEARED:
        setattr(talent, name, "")
    talent.erased_at = now
    talent.updated_at = now
    session.add(talent)
    session.exec(
        update(ConsentRecord)  # type: ignore[call-overload]
        .where(col(ConsentRecord.talent_id) == talent_id)
        .values(note="")
        .execution_options(synchronize_session=False)
    )
    session.exec(
        update(Certificate)  # type: ignore[call-overload]
        .where(col(Certificate.talent_id) == talent_id)
        .values(person_name=talent.name)
        .execution_options(synchronize_session=False)
    )
    access_links.revoke_all(session, talent_id, now)
    _forget_mail(session, talent_id, address)
    audit.record(
        session,
        actor.username,
        "talent.erase",
        target=f"talent:{talent_id}",
        region_id=programme.region_id,
    )
    session.flush()
    return talent


def _forget_mail(session: Session, talent_id: int, address: str) -> None:
    """Mails to the person keep their date and kind (a count), not the address or the text;
    one still waiting to be sent is not sent."""
    to_them = [col(OutboxMail.talent_id) == talent_id]
    if address:
        to_them.append(func.lower(OutboxMail.to_address) == address.lower())
    mails = session.exec(select(OutboxMail).where(or_(*to_them))).all()
    for mail in mails:
        mail.to_address = ""
        mail.body_text = ""
        mail.body_html = ""
        mail.attachment = None
        mail.attachment_name = ""
        if mail.status == "queued":
            mail.status = "failed"
            mail.error = "erased"
        session.add(mail)
