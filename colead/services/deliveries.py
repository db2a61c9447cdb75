"""Information deliveries (A-4/B-4): what was sent to whom, and who has not heard from the
region for longer than the programme's chosen interval, so interest does not cool between the
meetup and the tour.

A person's last contact is the later of the last information they received and the last event
they attended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col, exists, func, select

from colead.i18n import jst_midnight
from colead.models import (
    Attendance,
    AttendanceStatus,
    DeliveryRecipient,
    Event,
    InformationDelivery,
    Programme,
    Talent,
    TalentStatus,
)
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.paging import PER_PAGE, Page, clamp
from colead.services.talent import last_contacts

SUBJECT_MAX = 200
INTERVAL_RANGE = (1, 365)
REACHABLE = (TalentStatus.APPLIED, TalentStatus.ACTIVE)  # paused or withdrawn: not chased


@dataclass(frozen=True)
class DeliveryInput:
    kind: str
    channel: str
    sent_on: date
    subject: str
    recipients: tuple[int, ...]


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    sent_on: date
    kind: str
    channel: str
    subject: str
    recipients: int


@dataclass(frozen=True)
class QuietPerson:
    id: int
    name: str
    email: str
    status: str
    last_contact: date | None


def record_delivery(
    session: Session, actor: Actor, programme_id: int, data: DeliveryInput
) -> InformationDelivery:
    programme = require_programme(session, actor, programme_id, write=True)
    errors: list[InputError] = []
    if not data.subject.strip():
        errors.append(InputError("delivery.error.subject_required"))
    elif len(data.subject.strip()) > SUBJECT_MAX:
        errors.append(InputError("delivery.error.subject_too_long", maximum=SUBJECT_MAX))
    if not data.kind.strip():
        errors.append(InputError("delivery.error.kind_required"))
    if not data.channel.strip():
        errors.append(InputError("delivery.error.channel_required"))
    errors += too_long(
        InformationDelivery,
        "delivery",
        (("kind", data.kind.strip()), ("channel", data.channel.strip())),
    )
    recipients = set(data.recipients)
    if not recipients:
        errors.append(InputError("delivery.error.no_recipients"))
    else:
        found = set(
            session.exec(
                select(Talent.id).where(
                    Talent.programme_id == programme_id, col(Talent.id).in_(sorted(recipients))
                )
            )
        )
        if found != recipients:
            errors.append(InputError("delivery.error.recipients"))
    if errors:
        raise InvalidInput(errors)
    delivery = InformationDelivery(
        programme_id=programme_id,
        kind=data.kind.strip(),
        channel=data.channel.strip(),
        sent_on=data.sent_on,
        subject=data.subject.strip(),
    )
    session.add(delivery)
    session.flush()
    session.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in recipients)
    audit.record(
        session,
        actor.username,
        "delivery.record",
        target=f"delivery:{delivery.id}",
        region_id=programme.region_id,
        detail=f"{len(recipients)} recipients",
    )
    return delivery


def list_deliveries(
    session: Session, actor: Actor, programme_id: int, page: int = 1, per_page: int = PER_PAGE
) -> Page[DeliveryRow]:
    """The programme's deliveries, newest first, each with its number of recipients."""
    require_programme(session, actor, programme_id)
    where = InformationDelivery.programme_id == programme_id
    total = session.exec(select(func.count()).select_from(InformationDelivery).where(where)).one()
    page = clamp(page, total, per_page)
    recipients = (
        select(func.count())
        .where(col(DeliveryRecipient.delivery_id) == col(InformationDelivery.id))
        .scalar_subquery()
    )
    rows = session.exec(
        select(InformationDelivery, recipients)
        .where(where)
        .order_by(col(InformationDelivery.sent_on).desc(), col(InformationDelivery.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(
        rows=[DeliveryRow(d.id, d.sent_on, d.kind, d.channel, d.subject, int(n)) for d, n in rows],
        total=total,
        page=page,
        per_page=per_page,
    )


def _contacted_since(programme_id: int, cutoff: date) -> ColumnElement[bool]:
    """The person received the programme's information, or attended one of its events, on or
    after `cutoff` (a day in Japan: an 08:00 event that day counts)."""
    received = exists().where(
        col(DeliveryRecipient.talent_id) == col(Talent.id),
        col(DeliveryRecipient.delivery_id).in_(
            select(InformationDelivery.id).where(
                InformationDelivery.programme_id == programme_id,
                col(InformationDelivery.sent_on) >= cutoff,
            )
        ),
    )
    attended = exists().where(
        col(Attendance.talent_id) == col(Talent.id),
        Attendance.status == AttendanceStatus.ATTENDED,
        col(Attendance.event_id).in_(
            select(Event.id).where(
                Event.programme_id == programme_id, col(Event.starts_at) >= jst_midnight(cutoff)
            )
        ),
    )
    return received | attended


def _quiet(programme: Programme, today: date) -> ColumnElement[bool]:
    cutoff = date.fromordinal(today.toordinal() - programme.contact_interval_days)
    return and_(
        col(Talent.programme_id) == programme.id,
        col(Talent.status).in_(REACHABLE),
        col(Talent.applied_on) <= cutoff,  # someone who applied last week is not overdue
        ~_contacted_since(programme.id, cutoff),
    )


def quiet_condition(programme: Programme, today: date) -> ColumnElement[bool]:
    """The enclosing query's `talent` row is on the quiet list (for newsletter audiences)."""
    return _quiet(programme, today)


def quiet_ids(session: Session, actor: Actor, programme_id: int, today: date) -> list[int]:
    """Every quiet person's id: the recipients of a delivery meant to reach them."""
    where = _quiet(require_programme(session, actor, programme_id), today)
    return list(session.exec(select(Talent.id).where(where)))


def quiet_people(
    session: Session,
    actor: Actor,
    programme_id: int,
    today: date,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[QuietPerson]:
    """People still in the programme whose last contact is older than its contact interval.

    Counted and paged in SQL; only the page's last-contact dates are looked up.
    """
    where = _quiet(require_programme(session, actor, programme_id), today)
    total = session.exec(select(func.count()).select_from(Talent).where(where)).one()
    page = clamp(page, total, per_page)
    people = session.exec(
        select(Talent)
        .where(where)
        .order_by(col(Talent.applied_on), col(Talent.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    contacts = last_contacts(session, [p.id for p in people])
    rows = [QuietPerson(p.id, p.name, p.email, p.status, contacts.get(p.id)) for p in people]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def set_contact_interval(session: Session, actor: Actor, programme_id: int, days: int) -> None:
    """How often the programme means to contact each person (A-4 STEP2's 頻度), in days."""
    programme = require_programme(session, actor, programme_id, write=True)
    low, high = INTERVAL_RANGE
    if not low <= days <= high:
        raise InputError("delivery.error.interval", low=low, high=high)
    programme.contact_interval_days = days
    session.add(programme)


def recipient_choices(session: Session, actor: Actor, programme_id: int) -> list[tuple[int, str]]:
    """People who can receive information: everyone of the programme not withdrawn."""
    require_programme(session, actor, programme_id)
    return list(
        session.exec(
            select(Talent.id, Talent.name)
            .where(Talent.programme_id == programme_id, Talent.status != TalentStatus.WITHDRAWN)
            .order_by(Talent.name)
        )
    )
