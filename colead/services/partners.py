"""Partner institutions (連携機関, B-2): the region's registry, and what each one's referrals
became — companies ready by B-1 and companies that started a project."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import and_
from sqlmodel import Session, col, exists, func, select

from colead.models import Company, PartnerInstitution, PartnerKind, Project, Region
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import column_limit, too_long
from colead.services.screening import is_ready
from colead.services.talent import EMAIL

NAME_MAX = column_limit(PartnerInstitution, "name") or 200


@dataclass(frozen=True)
class PartnerInput:
    """What a form gives for one institution."""

    name: str
    kind: str
    contact: str = ""
    email: str = ""
    note: str = ""

    def cleaned(self) -> PartnerInput:
        return PartnerInput(
            name=" ".join(self.name.split()),
            kind=(self.kind or "").strip(),
            contact=" ".join(self.contact.split()),
            email=unicodedata.normalize("NFKC", self.email).strip().lower(),
            note=self.note.strip(),
        )


@dataclass(frozen=True)
class PartnerOutcome:
    """One institution's referrals in a programme; `partner_id` None is the row of companies
    that no institution referred."""

    partner_id: int | None
    name: str
    kind: str
    referred: int  # companies of the programme it referred
    ready: int  # of those, ready to host by B-1 (all 受入体制の整備 checks hold)
    started: int  # of those, companies with at least one project


def _region(session: Session, actor: Actor, region_id: int, *, write: bool = False) -> Region:
    """The region if the actor may see it (and edit it, with `write`); a hidden region is
    reported exactly like a missing one."""
    region = session.get(Region, region_id)
    if region is None or not actor.may_see_region(region.id):
        raise AccessDenied(f"region {region_id} is not visible to {actor.username}")
    if write and not actor.may_edit_region(region.id):
        raise AccessDenied(f"{actor.username} may not edit region {region_id}")
    if write and region.archived_at is not None:
        raise InputError("partner.error.region_archived")
    return region


def partner_for(
    session: Session, actor: Actor, partner_id: int, *, write: bool = False
) -> PartnerInstitution:
    """The institution if the actor may see (or edit) its region; a hidden one looks missing."""
    partner = session.get(PartnerInstitution, partner_id)
    if partner is None:
        raise AccessDenied(f"partner {partner_id} not found")
    _region(session, actor, partner.region_id, write=write)
    return partner


def check_partner(
    session: Session, region_id: int, data: PartnerInput, *, existing_id: int | None = None
) -> list[InputError]:
    """Every problem with `data` (already cleaned); a name is unique within a region."""
    errors: list[InputError] = []
    if not data.name:
        errors.append(InputError("partner.error.name_required"))
    elif len(data.name) > NAME_MAX:
        errors.append(InputError("partner.error.name_too_long", maximum=NAME_MAX))
    else:
        query = select(PartnerInstitution.id).where(
            PartnerInstitution.region_id == region_id,
            func.lower(PartnerInstitution.name) == data.name.lower(),
        )
        if existing_id is not None:
            query = query.where(PartnerInstitution.id != existing_id)
        if session.exec(query.limit(1)).first() is not None:
            errors.append(InputError("partner.error.duplicate", name=data.name))
    if data.kind not in {kind.value for kind in PartnerKind}:
        errors.append(InputError("partner.error.kind"))
    if data.email and not EMAIL.match(data.email):
        errors.append(InputError("partner.error.email_malformed", email=data.email))
    errors += too_long(
        PartnerInstitution,
        "partner",
        (("contact", data.contact), ("email", data.email), ("note", data.note)),
    )
    return errors


def _checked(
    session: Session, region_id: int, data: PartnerInput, existing_id: int | None
) -> PartnerInput:
    data = data.cleaned()
    errors = check_partner(session, region_id, data, existing_id=existing_id)
    if errors:
        raise InvalidInput(errors)
    return data


_FIELDS = ("name", "kind", "contact", "email", "note")


def list_partners(session: Session, actor: Actor, region_id: int) -> list[PartnerInstitution]:
    """The region's institutions by name (a region has a handful: no paging)."""
    _region(session, actor, region_id)
    return list(
        session.exec(
            select(PartnerInstitution)
            .where(PartnerInstitution.region_id == region_id)
            .order_by(PartnerInstitution.name, PartnerInstitution.id)
        )
    )


def create_partner(
    session: Session,
    actor: Actor,
    region_id: int,
    *,
    name: str,
    kind: str,
    contact: str = "",
    email: str = "",
    note: str = "",
) -> PartnerInstitution:
    _region(session, actor, region_id, write=True)
    data = _checked(session, region_id, PartnerInput(name, kind, contact, email, note), None)
    partner = PartnerInstitution(region_id=region_id, **{f: getattr(data, f) for f in _FIELDS})
    session.add(partner)
    session.flush()
    audit.record(
        session,
        actor.username,
        "partner.create",
        target=f"partner:{partner.id}",
        region_id=region_id,
    )
    return partner


def update_partner(
    session: Session,
    actor: Actor,
    partner_id: int,
    *,
    name: str,
    kind: str,
    contact: str = "",
    email: str = "",
    note: str = "",
) -> PartnerInstitution:
    partner = partner_for(session, actor, partner_id, write=True)
    data = _checked(
        session, partner.region_id, PartnerInput(name, kind, contact, email, note), partner_id
    )
    for field in _FIELDS:
        setattr(partner, field, getattr(data, field))
    session.add(partner)
    session.flush()
    audit.record(
        session,
        actor.username,
        "partner.update",
        target=f"partner:{partner.id}",
        region_id=partner.region_id,
    )
    return partner


def partner_outcomes(session: Session, actor: Actor, programme_id: int) -> list[PartnerOutcome]:
    """Per institution of the programme's region (most referrals first), the programme's
    companies it referred, how many of them are ready by B-1 and how many started a project;
    last, the same for companies without a referrer. Three queries, whatever the counts."""
    programme = require_programme(session, actor, programme_id)
    started = exists().where(Project.company_id == Company.id)
    referred = func.count(Company.id)
    rows = session.exec(
        select(
            PartnerInstitution.id,
            PartnerInstitution.name,
            PartnerInstitution.kind,
            referred,
            func.count(Company.id).filter(is_ready()),
            func.count(Company.id).filter(started),
        )
        .outerjoin(
            Company,
            and_(
                col(Company.partner_id) == col(PartnerInstitution.id),
                col(Company.programme_id) == programme_id,
            ),
        )
        .where(PartnerInstitution.region_id == programme.region_id)
        .group_by(PartnerInstitution.id, PartnerInstitution.name, PartnerInstitution.kind)
        .order_by(referred.desc(), PartnerInstitution.name, PartnerInstitution.id)
    ).all()
    outcomes = [
        PartnerOutcome(pid, name, kind, int(n or 0), int(ready or 0), int(began or 0))
        for pid, name, kind, n, ready, began in rows
    ]
    n, ready, began = session.exec(
        select(
            func.count(),
            func.count().filter(is_ready()),
            func.count().filter(started),
        ).where(Company.programme_id == programme_id, col(Company.partner_id).is_(None))
    ).one()
    outcomes.append(PartnerOutcome(None, "", "", int(n or 0), int(ready or 0), int(began or 0)))
    return outcomes
