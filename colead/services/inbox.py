"""受付: what arrived through the public doors, for the programme's staff to act on.

Pending talent applications (status 応募, 未確認 until the person opened the mailed link),
pending company applications (status 応募), recent sign-ups for published events (waiting
list too) and requests to erase a person. Staff accept an application, merge a person's
application into the record of someone already registered, or reject it with a reason that
is stored and mailed to the applicant. Every action is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, delete, select, update

from colead.i18n import translate
from colead.models import (
    Attendance,
    Company,
    Event,
    PartnerInstitution,
    Programme,
    Talent,
    TalentStatus,
    WorksheetAnswer,
)
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.answers import confirm_drafts
from colead.services.company_apply import STATUS_APPLIED
from colead.services.errors import InputError
from colead.worksheets import WORKSHEETS

COMPANY_ACTIVE = "active"
COMPANY_REJECTED = "rejected"
REASON_MAX = 1_000
LIMIT = 100  # rows of each list; the oldest pending come first, so nothing waits unseen
DRAFTED_SHEETS = ("B-1", "B-3")
# Attendance kept when a merged person and the kept one both signed up for one event.
_ATTENDANCE_RANK = {"attended": 4, "registered": 3, "waitlisted": 2, "absent": 1, "cancelled": 0}


@dataclass(frozen=True)
class TalentApplication:
    id: int
    name: str
    email: str
    applied_on: date
    confirmed: bool  # 確認済み: the mailed link was opened (or staff entered the person)
    channel: str
    created_at: datetime
    same_email: tuple[tuple[int, str], ...]  # others of the programme with this address


@dataclass(frozen=True)
class CompanyApplication:
    id: int
    name: str
    industry: str
    employees: int | None
    contact_name: str
    contact_email: str
    contact_phone: str
    partner: str
    note: str
    applied_at: datetime | None
    drafts: int  # the applicant's answers (B-1, B-3) staff have not confirmed yet
    same_name: bool  # another company of the programme has this name


@dataclass(frozen=True)
class SignUp:
    talent_id: int
    name: str
    event_id: int
    event_title: str
    starts_at: datetime
    status: str
    registered_at: datetime


@dataclass(frozen=True)
class ErasureRequest:
    talent_id: int
    name: str
    requested_at: datetime


@dataclass(frozen=True)
class Inbox:
    talents: list[TalentApplication]
    companies: list[CompanyApplication]
    signups: list[SignUp]
    erasures: list[ErasureRequest]

    @property
    def pending(self) -> int:
        return len(self.talents) + len(self.companies) + len(self.erasures)


def inbox(session: Session, actor: Actor, programme_id: int, limit: int = LIMIT) -> Inbox:
    """What waits for the staff of the programme."""
    require_programme(session, actor, programme_id)
    talents = session.exec(
        select(Talent)
        .where(
            Talent.programme_id == programme_id,
            Talent.status == TalentStatus.APPLIED,
            col(Talent.erased_at).is_(None),
        )
        .order_by(Talent.created_at, Talent.id)
        .limit(limit)
    ).all()
    emails = sorted({t.email for t in talents if t.email})
    others: dict[str, list[tuple[int, str]]] = {}
    if emails:
        for other_id, other_name, other_email in session.exec(
            select(Talent.id, Talent.name, Talent.email).where(
                Talent.programme_id == programme_id,
                col(Talent.email).in_(emails),
                col(Talent.erased_at).is_(None),
            )
        ):
            others.setdefault(other_email, []).append((other_id, other_name))
    return Inbox(
        talents=[
            TalentApplication(
                id=t.id or 0,
                name=t.name,
                email=t.email,
                applied_on=t.applied_on,
                confirmed=not t.awaiting_confirmation,
                channel=t.recruitment_channel,
                created_at=t.created_at,
                same_email=tuple(o for o in others.get(t.email, []) if o[0] != t.id),
            )
            for t in talents
        ],
        companies=_companies(session, programme_id, limit),
        signups=_signups(session, programme_id, limit),
        erasures=[
            ErasureRequest(talent_id, name, requested)
            for talent_id, name, requested in session.exec(
                select(Talent.id, Talent.name, Talent.erasure_requested_at)
                .where(
                    Talent.programme_id == programme_id,
                    col(Talent.erasure_requested_at).is_not(None),
                    col(Talent.erased_at).is_(None),
                )
                .order_by(col(Talent.erasure_requested_at))
                .limit(limit)
            )
        ],
    )


def _companies(session: Session, programme_id: int, limit: int) -> list[CompanyApplication]:
    rows = session.exec(
        select(Company, PartnerInstitution.name)
        .join(
            PartnerInstitution,
            col(PartnerInstitution.id) == col(Company.partner_id),
            isouter=True,
        )
        .where(Company.programme_id == programme_id, Company.status == STATUS_APPLIED)
        .order_by(col(Company.applied_at), Company.id)
        .limit(limit)
    ).all()
    ids = [company.id for company, _ in rows]
    drafts: dict[int, int] = {}
    names: dict[str, int] = {}
    if ids:
        drafts = dict(
            session.exec(
                select(WorksheetAnswer.company_id, func.count())
                .where(
                    col(WorksheetAnswer.company_id).in_(ids),
                    col(WorksheetAnswer.carried_from_id) == col(WorksheetAnswer.programme_id),
                )
                .group_by(WorksheetAnswer.company_id)
            ).all()
        )
        lowered = sorted({company.name.lower() for company, _ in rows})
        names = dict(
            session.exec(
                select(func.lower(Company.name), func.count())
                .where(
                    Company.programme_id == programme_id,
                    func.lower(Company.name).in_(lowered),
                )
                .group_by(func.lower(Company.name))
            ).all()
        )
    return [
        CompanyApplication(
            id=company.id or 0,
            name=company.name,
            industry=company.industry,
            employees=company.employees,
            contact_name=company.contact_name,
            contact_email=company.contact_email,
            contact_phone=company.contact_phone,
            partner=partner or "",
            note=company.note,
            applied_at=company.applied_at,
            drafts=int(drafts.get(company.id, 0)),
            same_name=names.get(company.name.lower(), 0) > 1,
        )
        for company, partner in rows
    ]


def _signups(session: Session, programme_id: int, limit: int) -> list[SignUp]:
    rows = session.exec(
        select(Attendance, Talent.name, Event.title, Event.starts_at)
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .join(Talent, col(Talent.id) == col(Attendance.talent_id))
        .where(Event.programme_id == programme_id, col(Event.published).is_(True))
        .order_by(col(Attendance.registered_at).desc(), col(Attendance.id).desc())
        .limit(limit)
    ).all()
    return [
        SignUp(
            talent_id=attendance.talent_id,
            name=name,
            event_id=attendance.event_id,
            event_title=title,
            starts_at=starts_at,
            status=attendance.status,
            registered_at=attendance.registered_at,
        )
        for attendance, name, title, starts_at in rows
    ]


# --- talent applications ------------------------------------------------------------------


def _talent(session: Session, actor: Actor, talent_id: int) -> tuple[Talent, Programme]:
    talent = session.get(Talent, talent_id)
    if talent is None or talent.erased_at is not None:
        raise AccessDenied(f"talent {talent_id} not found")
    programme = require_programme(session, actor, talent.programme_id, write=True)
    return talent, programme


def _pending_talent(session: Session, actor: Actor, talent_id: int) -> tuple[Talent, Programme]:
    talent, programme = _talent(session, actor, talent_id)
    if talent.status != TalentStatus.APPLIED:
        raise InputError("inbox.error.not_pending")
    return talent, programme


def accept_talent(session: Session, actor: Actor, talent_id: int) -> Talent:
    """応募 → 参加中 (TalentStatus.ACTIVE). A person who has not confirmed their address yet
    (未確認) cannot be accepted: the address may not be theirs."""
    talent, programme = _pending_talent(session, actor, talent_id)
    if talent.awaiting_confirmation:
        raise InputError("inbox.error.unconfirmed", name=talent.name)
    talent.status = TalentStatus.ACTIVE
    talent.rejection_reason = ""
    talent.updated_at = utcnow()
    session.add(talent)
    audit.record(
        session,
        actor.username,
        "talent.accept",
        target=f"talent:{talent.id}",
        region_id=programme.region_id,
    )
    return talent


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InputError("inbox.error.reason_required")
    if len(reason) > REASON_MAX:
        raise InputError("inbox.error.reason_too_long", maximum=REASON_MAX)
    return reason


def reject_talent(session: Session, actor: Actor, talent_id: int, reason: str) -> Talent:
    """Not taken: the person becomes 辞退・終了 (withdrawn) with the reason, and is told."""
    talent, programme = _pending_talent(session, actor, talent_id)
    reason = _reason(reason)
    talent.status = TalentStatus.WITHDRAWN
    talent.rejection_reason = reason
    talent.updated_at = utcnow()
    session.add(talent)
    if talent.email:
        from colead.services.mail import send_mail

        send_mail(
            session,
            to=talent.email,
            subject=translate("inbox.mail.rejected_subject", programme=programme.name),
            text=translate(
                "inbox.mail.rejected_talent",
                name=talent.name,
                programme=programme.name,
                reason=reason,
            ),
            kind="application_rejected",
            talent_id=talent.id,
            programme_id=programme.id,
        )
    audit.record(
        session,
        actor.username,
        "talent.reject",
        target=f"talent:{talent.id}",
        region_id=programme.region_id,
    )
    return talent


def _talent_references() -> list[tuple[type[SQLModel], str]]:
    """(model, column) of every table pointing at a person, read from the tables themselves."""
    found: list[tuple[type[SQLModel], str]] = []
    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        model = mapper.class_
        table = getattr(model, "__table__", None)
        if table is None or model is Talent:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "talent" for fk in column.foreign_keys):
                found.append((model, column.name))
    return sorted(found, key=lambda pair: (pair[0].__name__, pair[1]))


def _unique_partners(model: type[SQLModel], column: str) -> list[list[str]]:
    """The other columns that make a row unique together with `column` (PK or constraint)."""
    table = model.__table__  # type: ignore[attr-defined]
    sets: list[list[str]] = []
    key = [c.name for c in table.primary_key.columns]
    if column in key and len(key) > 1:
        sets.append([name for name in key if name != column])
    for constraint in table.constraints:
        names = [c.name for c in getattr(constraint, "columns", [])]
        if column in names and len(names) > 1 and constraint is not table.primary_key:
            sets.append([name for name in names if name != column])
    return sets


def merge_talent(session: Session, actor: Actor, application_id: int, person_id: int) -> Talent:
    """The application is the person already registered: one record is kept (the older),
    everything of the other (attendance, consents, skills, mail, tokens, …) moves to it, empty
    fields are filled from it, and it is removed. Both must be of the same programme."""
    application, programme = _talent(session, actor, application_id)
    person, _ = _talent(session, actor, person_id)
    if application.id == person.id or application.programme_id != person.programme_id:
        raise InputError("inbox.error.merge_target")
    kept, gone = sorted((application, person), key=lambda t: (t.created_at, t.id or 0))
    assert kept.id is not None and gone.id is not None
    for name in (
        "email",
        "kana",
        "affiliation",
        "residence",
        "recruitment_channel",
        "interests",
        "skills_text",
        "available_time",
    ):
        if not getattr(kept, name) and getattr(gone, name):
            setattr(kept, name, getattr(gone, name))
    if gone.confirmed_at and not kept.confirmed_at:
        kept.confirmed_at = gone.confirmed_at
        kept.awaiting_confirmation = False
    kept.applied_on = min(kept.applied_on, gone.applied_on)
    if kept.status == TalentStatus.APPLIED and gone.status != TalentStatus.APPLIED:
        kept.status = gone.status
    kept.updated_at = utcnow()
    _better_attendance(session, kept.id, gone.id)
    for model, column in _talent_references():
        field = getattr(model, column)
        for others in _unique_partners(model, column):
            taken = select(*(getattr(model, name) for name in others)).where(field == kept.id)
            clash = [getattr(model, name) for name in others]
            if len(clash) == 1:
                session.exec(
                    delete(model).where(field == gone.id, col(clash[0]).in_(taken))  # type: ignore[call-overload]
                )
            else:
                for values in session.exec(taken).all():
                    session.exec(
                        delete(model).where(  # type: ignore[call-overload]
                            field == gone.id,
                            *(c == v for c, v in zip(clash, values, strict=True)),
                        )
                    )
        session.exec(
            update(model)  # type: ignore[call-overload]
            .where(field == gone.id)
            .values({column: kept.id})
            .execution_options(synchronize_session=False)
        )
    session.add(kept)
    session.flush()
    session.expire_all()
    gone_row = session.get(Talent, gone.id)
    if gone_row is not None:
        session.delete(gone_row)
    audit.record(
        session,
        actor.username,
        "talent.merge",
        target=f"talent:{kept.id}",
        region_id=programme.region_id,
        detail=f"merged talent:{gone.id}",
    )
    session.flush()
    kept_row = session.get(Talent, kept.id)
    assert kept_row is not None
    return kept_row


def _better_attendance(session: Session, kept_id: int, gone_id: int) -> None:
    """Where both signed up for one event, the kept record takes the further status."""
    mine = {
        a.event_id: a
        for a in session.exec(select(Attendance).where(Attendance.talent_id == kept_id)).all()
    }
    for theirs in session.exec(select(Attendance).where(Attendance.talent_id == gone_id)).all():
        ours = mine.get(theirs.event_id)
        if ours is not None and _ATTENDANCE_RANK.get(theirs.status, 0) > _ATTENDANCE_RANK.get(
            ours.status, 0
        ):
            ours.status = theirs.status
            ours.updated_at = theirs.updated_at
            session.add(ours)
    session.flush()


def merge_candidates(
    session: Session, actor: Actor, application_id: int, query: str = "", limit: int = 20
) -> list[tuple[int, str, str]]:
    """(id, name, e-mail) of the people of the application's programme it could be merged into:
    the same address first, then names containing `query`."""
    application, _ = _talent(session, actor, application_id)
    statement = select(Talent.id, Talent.name, Talent.email).where(
        Talent.programme_id == application.programme_id,
        Talent.id != application.id,
        col(Talent.erased_at).is_(None),
    )
    query = (query or "").strip()[:100]
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(
            func.lower(Talent.name).like(pattern) | func.lower(Talent.email).like(pattern)
        )
    elif application.email:
        statement = statement.where(Talent.email == application.email)
    else:
        return []
    return [tuple(row) for row in session.exec(statement.order_by(Talent.name).limit(limit))]  # type: ignore[misc]


# --- company applications -----------------------------------------------------------------


def _pending_company(session: Session, actor: Actor, company_id: int) -> tuple[Company, Programme]:
    company = session.get(Company, company_id)
    if company is None:
        raise AccessDenied(f"company {company_id} not found")
    programme = require_programme(session, actor, company.programme_id, write=True)
    if company.status != STATUS_APPLIED:
        raise InputError("inbox.error.not_pending")
    return company, programme


def accept_company(session: Session, actor: Actor, company_id: int) -> Company:
    """応募 → 参加 (active). The applicant's B-1/B-3 answers stay drafts until confirmed
    (`confirm_company_answers`): accepting a company does not make it ready."""
    company, programme = _pending_company(session, actor, company_id)
    company.status = COMPANY_ACTIVE
    session.add(company)
    audit.record(
        session,
        actor.username,
        "company.accept",
        target=f"company:{company.id}",
        region_id=programme.region_id,
    )
    return company


def confirm_company_answers(session: Session, actor: Actor, company_id: int) -> int:
    """Staff checked the applicant's answers: they become the company's B-1/B-3 answers."""
    company = session.get(Company, company_id)
    if company is None:
        raise AccessDenied(f"company {company_id} not found")
    programme = require_programme(session, actor, company.programme_id, write=True)
    count = sum(
        confirm_drafts(session, actor, company.programme_id, WORKSHEETS[code], company.id)
        for code in DRAFTED_SHEETS
    )
    audit.record(
        session,
        actor.username,
        "company.confirm_answers",
        target=f"company:{company.id}",
        region_id=programme.region_id,
        detail=str(count),
    )
    return count


def reject_company(session: Session, actor: Actor, company_id: int, reason: str) -> Company:
    """Not taken: the company is kept as 見送り (rejected) with the reason, and its contact is
    told."""
    company, programme = _pending_company(session, actor, company_id)
    reason = _reason(reason)
    company.status = COMPANY_REJECTED
    line = translate("inbox.note.rejected", reason=reason)
    company.note = f"{company.note}\n{line}".strip()
    session.add(company)
    if company.contact_email:
        from colead.services.mail import send_mail

        send_mail(
            session,
            to=company.contact_email,
            subject=translate("inbox.mail.rejected_subject", programme=programme.name),
            text=translate(
                "inbox.mail.rejected_company",
                name=company.contact_name or company.name,
                company=company.name,
                programme=programme.name,
                reason=reason,
            ),
            kind="application_rejected",
            programme_id=programme.id,
        )
    audit.record(
        session,
        actor.username,
        "company.reject",
        target=f"company:{company.id}",
        region_id=programme.region_id,
    )
    return company


def pending_count(session: Session, actor: Actor, programme_id: int) -> int:
    """How many applications and erasure requests wait, counted in SQL (for a badge)."""
    require_programme(session, actor, programme_id)
    talents = session.exec(
        select(func.count())
        .select_from(Talent)
        .where(
            Talent.programme_id == programme_id,
            col(Talent.erased_at).is_(None),
            (Talent.status == TalentStatus.APPLIED) | col(Talent.erasure_requested_at).is_not(None),
        )
    ).one()
    companies = session.exec(
        select(func.count())
        .select_from(Company)
        .where(Company.programme_id == programme_id, Company.status == STATUS_APPLIED)
    ).one()
    return int(talents) + int(companies)
