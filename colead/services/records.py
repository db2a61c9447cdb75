"""Registry records a worksheet question can link to, as (id, label) choices."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from colead.models import Company, PartnerInstitution, Programme, Talent
from colead.services.access import Actor, require_programme
from colead.worksheets.schema import Record


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def record_choices(
    session: Session, actor: Actor, programme_id: int, record: Record
) -> list[Choice]:
    """Companies or talent of the programme, or partner institutions of its region."""
    programme: Programme = require_programme(session, actor, programme_id)
    if record == Record.COMPANY:
        rows = session.exec(
            select(Company.id, Company.name)
            .where(Company.programme_id == programme_id)
            .order_by(Company.name)
        ).all()
    elif record == Record.TALENT:
        rows = session.exec(
            select(Talent.id, Talent.name)
            .where(Talent.programme_id == programme_id)
            .order_by(Talent.name)
        ).all()
    else:
        rows = session.exec(
            select(PartnerInstitution.id, PartnerInstitution.name)
            .where(PartnerInstitution.region_id == programme.region_id)
            .order_by(PartnerInstitution.name)
        ).all()
    return [Choice(id=row_id, label=name) for row_id, name in rows]
