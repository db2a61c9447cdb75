"""The talent registry (高度デジタル人材): list, check, create, edit, and one person's timeline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, exists, func, select

from colead.i18n import stored_day, stored_moment, to_jst
from colead.models import (
    Attendance,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    InformationDelivery,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.paging import PER_PAGE, Page, clamp
from colead.services.timeline import TimelineEntry, talent_timeline

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NAME_MAX = 100
# The TEXT columns' limits: a few paragraphs each.
TEXT_LIMITS = {"interests": 2_000, "note": 2_000}


@dataclass(frozen=True)
class TalentInput:
    """What a form or an imported row gives for one person."""

    name: str
    applied_on: date
    email: str = ""
    affiliation: str = ""
    residence: str = ""
    recruitment_channel: str = ""
    status: TalentStatus = TalentStatus.APPLIED
    skills: tuple[SkillType, ...] = ()
    interests: str = ""
    note: str = ""

    def cleaned(self) -> TalentInput:
        return TalentInput(
            name=" ".join(self.name.split()),
            applied_on=self.applied_on,
            email=self.email.strip().lower(),
            affiliation=self.affiliation.strip(),
            residence=self.residence.strip(),
            recruitment_channel=self.recruitment_channel.strip(),
            status=TalentStatus(self.status),
            skills=tuple(dict.fromkeys(SkillType(s) for s in self.skills)),
            interests=self.interests.strip(),
            note=self.note.strip(),
        )


@dataclass(frozen=True)
class TalentFilter:
    query: str = ""
    skill: SkillType | None = None
    status: TalentStatus | None = None
    channel: str = ""
    consent: bool | None = None  # True: an active consent to share; False: none


@dataclass(frozen=True)
class TalentRow:
    id: int
    name: str
    email: str
    affiliation: str
    recruitment_channel: str
    status: str
    applied_on: date
    skills: tuple[str, ...]
    consent: bool
    last_contact: date | None
    awaiting_confirmation: bool = False  # applied on the public page, mailed link not opened


@dataclass(frozen=True)
class TalentProfile:
    talent: Talent
    skills: tuple[str, ...]
    consents: list[ConsentRecord]
    timeline: list[TimelineEntry] = field(default_factory=list)


def check_talent(
    session: Session, programme_id: int, data: TalentInput, *, existing_id: int | None = None
) -> list[InputError]:
    """Every problem with `data` (already cleaned); an empty list means it can be stored.

    A person is a duplicate when another person of the programme has the same e-mail address,
    or, when no address is given, the same name.
    """
    errors: list[InputError] = []
    if not data.name:
        errors.append(InputError("talent.error.name_required"))
    elif len(data.name) > NAME_MAX:
        errors.append(InputError("talent.error.name_too_long", maximum=NAME_MAX))
    if data.email and not EMAIL.match(data.email):
        errors.append(InputError("talent.error.email_malformed", email=data.email))
    errors += too_long(
        Talent,
        "talent",
        (
            ("email", data.email),
            ("affiliation", data.affiliation),
            ("residence", data.residence),
            ("recruitment_channel", data.recruitment_channel),
            ("interests", data.interests),
            ("note", data.note),
        ),
        TEXT_LIMITS,
    )
    if data.name or data.email:
        same = (
            func.lower(Talent.email) == data.email
            if data.email
            else func.lower(Talent.name) == data.name.lower()
        )
        query = select(Talent.name).where(Talent.programme_id == programme_id, same)
        if existing_id is not None:
            query = query.where(Talent.id != existing_id)
        other = session.exec(query.limit(1)).first()
        if other is not None:
            key = "talent.error.duplicate_email" if data.email else "talent.error.duplicate_name"
            errors.append(InputError(key, name=other, email=data.email))
    return errors


def _checked(session: Session, programme_id: int, data: TalentInput, existing_id: int | None):  # type: ignore[no-untyped-def]
    data = data.cleaned()
    errors = check_talent(session, programme_id, data, existing_id=existing_id)
    if errors:
        raise InvalidInput(errors)
    return data


def _set_skills(session: Session, talent_id: int, skills: tuple[SkillType, ...]) -> None:
    current = set(
        session.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == talent_id))
    )
    for skill in current - set(skills):
        session.delete(session.get(TalentSkill, (talent_id, skill)))
    session.add_all(
        TalentSkill(talent_id=talent_id, skill_type=s) for s in skills if s not in current
    )


def create_talent(session: Session, actor: Actor, programme_id: int, data: TalentInput) -> Talent:
    """Register a person; InvalidInput lists every problem, AccessDenied outside one's regions."""
    programme = require_programme(session, actor, programme_id, write=True)
    data = _checked(session, programme_id, data, None)
    talent = Talent(
        programme_id=programme_id,
        name=data.name,
        email=data.email,
        affiliation=data.affiliation,
        residence=data.residence,
        recruitment_channel=data.recruitment_channel,
        status=data.status,
        applied_on=data.applied_on,
        interests=data.interests,
        note=data.note,
    )
    session.add(talent)
    session.flush()
    _set_skills(session, talent.id, data.skills)
    audit.record(
        session,
        actor.username,
        "talent.create",
        target=f"talent:{talent.id}",
        region_id=programme.region_id,
    )
    return talent


def _talent_for(session: Session, actor: Actor, talent_id: int, *, write: bool = False) -> Talent:
    """The person if the actor may see (or edit) their programme; a hidden one looks missing."""
    talent = session.get(Talent, talent_id)
    if talent is None:
        raise AccessDenied(f"talent {talent_id} not found")
    require_programme(session, actor, talent.programme_id, write=write)
    return talent


def talent_for(session: Session, actor: Actor, talent_id: int) -> Talent:
    """The person if the actor may see their programme, else AccessDenied (a link's check; not
    a view of the record, so nothing is logged)."""
    return _talent_for(session, actor, talent_id)


def update_talent(session: Session, actor: Actor, talent_id: int, data: TalentInput) -> Talent:
    talent = _talent_for(session, actor, talent_id, write=True)
    data = _checked(session, talent.programme_id, data, talent_id)
    for name in (
        "name", "email", "affiliation", "residence", "recruitment_channel", "status",
        "applied_on", "interests", "note",
    ):  # fmt: skip
        setattr(talent, name, getattr(data, name))
    talent.updated_at = utcnow()
    session.add(talent)
    _set_skills(session, talent_id, data.skills)
    return talent


def _active_consent() -> ColumnElement[bool]:
    return exists().where(
        col(ConsentRecord.talent_id) == col(Talent.id), col(ConsentRecord.withdrawn_on).is_(None)
    )


def talent_filters(programme_id: int, chosen: TalentFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [col(Talent.programme_id) == programme_id]
    query = chosen.query.strip()
    if query:
        where.append(
            or_(
                *(
                    col(column).icontains(query, autoescape=True)
                    for column in (Talent.name, Talent.email, Talent.affiliation, Talent.interests)
                )
            )
        )
    if chosen.skill:
        where.append(
            exists().where(
                col(TalentSkill.talent_id) == col(Talent.id),
                TalentSkill.skill_type == chosen.skill,
            )
        )
    if chosen.status:
        where.append(col(Talent.status) == chosen.status)
    if chosen.channel:
        where.append(col(Talent.recruitment_channel) == chosen.channel)
    if chosen.consent is not None:
        where.append(_active_consent() if chosen.consent else ~_active_consent())
    return where


def last_contacts(session: Session, talent_ids: list[int]) -> dict[int, date]:
    """The day each person last received information or attended an event, from SQL; an
    event's day is its date in Japan, as everywhere on screen."""
    if not talent_ids:
        return {}
    delivered = session.exec(
        select(DeliveryRecipient.talent_id, func.max(InformationDelivery.sent_on))
        .join(
            InformationDelivery, col(InformationDelivery.id) == col(DeliveryRecipient.delivery_id)
        )
        .where(col(DeliveryRecipient.talent_id).in_(talent_ids))
        .group_by(DeliveryRecipient.talent_id)
    ).all()
    attended = session.exec(
        select(Attendance.talent_id, func.max(Event.starts_at))
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(col(Attendance.talent_id).in_(talent_ids), Attendance.status == "attended")
        .group_by(Attendance.talent_id)
    ).all()
    result: dict[int, date] = {}
    for talent_id, day in delivered:
        result[talent_id] = stored_day(day)
    for talent_id, moment in attended:
        day = to_jst(stored_moment(moment)).date()
        if talent_id not in result or day > result[talent_id]:
            result[talent_id] = day
    return result


def list_talent(
    session: Session,
    actor: Actor,
    programme_id: int,
    chosen: TalentFilter = TalentFilter(),
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[TalentRow]:
    """One page of the programme's talent matching the filter, newest applicant first."""
    require_programme(session, actor, programme_id)
    where = talent_filters(programme_id, chosen)
    total = session.exec(select(func.count()).select_from(Talent).where(*where)).one()
    page = clamp(page, total, per_page)
    people = session.exec(
        select(Talent)
        .where(*where)
        .order_by(col(Talent.applied_on).desc(), col(Talent.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [p.id for p in people]
    skills: dict[int, list[str]] = {}
    consenting: set[int] = set()
    if ids:
        for talent_id, skill in session.exec(
            select(TalentSkill.talent_id, TalentSkill.skill_type).where(
                col(TalentSkill.talent_id).in_(ids)
            )
        ):
            skills.setdefault(talent_id, []).append(skill)
        consenting = set(
            session.exec(
                select(ConsentRecord.talent_id).where(
                    col(ConsentRecord.talent_id).in_(ids),
                    col(ConsentRecord.withdrawn_on).is_(None),
                )
            )
        )
    contacts = last_contacts(session, ids)
    order = list(SkillType)
    rows = [
        TalentRow(
            id=p.id,
            name=p.name,
            email=p.email,
            affiliation=p.affiliation,
            recruitment_channel=p.recruitment_channel,
            status=p.status,
            applied_on=p.applied_on,
            skills=tuple(sorted(skills.get(p.id, []), key=order.index)),
            consent=p.id in consenting,
            last_contact=contacts.get(p.id),
            awaiting_confirmation=p.awaiting_confirmation,
        )
        for p in people
    ]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def recruitment_channels(session: Session, actor: Actor, programme_id: int) -> list[str]:
    """The channels people of the programme came through, for the filter."""
    require_programme(session, actor, programme_id)
    return list(
        session.exec(
            select(Talent.recruitment_channel)
            .where(Talent.programme_id == programme_id, Talent.recruitment_channel != "")
            .distinct()
            .order_by(Talent.recruitment_channel)
        )
    )


def talent_profile(
    session: Session, actor: Actor, talent_id: int, *, record_view: bool = True
) -> TalentProfile:
    """A person, their skills and consents, and everything that happened with them, by date.

    Viewing a person's record is a view of personal data: it is written to the audit log
    (`record_view=False` for the reruns of a view already recorded).
    """
    talent = _talent_for(session, actor, talent_id)
    programme = require_programme(session, actor, talent.programme_id)
    skills = tuple(
        session.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == talent_id))
    )
    consents = list(
        session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.talent_id == talent_id)
            .order_by(col(ConsentRecord.granted_on).desc())
        )
    )
    if record_view:
        audit.record(
            session,
            actor.username,
            "talent.view",
            target=f"talent:{talent_id}",
            region_id=programme.region_id,
        )
    order = list(SkillType)
    return TalentProfile(
        talent=talent,
        skills=tuple(sorted(skills, key=order.index)),
        consents=consents,
        timeline=talent_timeline(session, talent),
    )
