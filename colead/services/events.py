"""Events (online meetup, fieldwork tour, pre-meetings, monthly and report meetings) and who
registered for and attended each, with check-in of many people at once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, case
from sqlmodel import Session, col, func, select

from colead.i18n import jst_midnight, to_jst
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    Event,
    EventKind,
    Project,
    Talent,
)
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.paging import PER_PAGE, Page, clamp

TITLE_MAX = 200
NOTE_MAX = 2_000  # the note is a TEXT column: a few paragraphs


@dataclass(frozen=True)
class EventInput:
    kind: EventKind
    title: str
    starts_at: datetime  # timezone-aware
    ends_at: datetime | None = None
    place: str = ""
    online_tool: str = ""
    company_id: int | None = None
    project_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class EventRow:
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_tool: str
    counts: dict[str, int]  # attendance status → people
    cancelled: bool = False  # 中止: called off, kept listed so registrants can be told

    @property
    def signed_up(self) -> int:
        """Everyone who registered and has not withdrawn, whether or not checked in since:
        a check-in moves a person from 申込 to 参加, it does not take their sign-up away.
        Those on the waiting list (キャンセル待ち) hold no seat and are counted apart."""
        apart = {AttendanceStatus.CANCELLED, AttendanceStatus.WAITLISTED}
        return sum(n for status, n in self.counts.items() if status not in apart)


@dataclass(frozen=True)
class Registrant:
    """A person to tell that an event was called off."""

    talent_id: int
    name: str
    email: str
    status: str


@dataclass(frozen=True)
class AttendanceRow:
    talent_id: int
    name: str
    affiliation: str
    status: str


def check_event(session: Session, programme_id: int, data: EventInput) -> list[InputError]:
    errors: list[InputError] = []
    if not data.title.strip():
        errors.append(InputError("event.error.title_required"))
    elif len(data.title.strip()) > TITLE_MAX:
        errors.append(InputError("event.error.title_too_long", maximum=TITLE_MAX))
    errors += too_long(
        Event,
        "event",
        (
            ("place", data.place.strip()),
            ("online_tool", data.online_tool.strip()),
            ("note", data.note.strip()),
        ),
        {"note": NOTE_MAX},
    )
    if data.ends_at is not None and data.ends_at < data.starts_at:
        errors.append(InputError("event.error.ends_before_start"))
    if data.company_id is not None:
        company = session.get(Company, data.company_id)
        if company is None or company.programme_id != programme_id:
            errors.append(InputError("event.error.company"))
    if data.project_id is not None:
        project = session.get(Project, data.project_id)
        if project is None or project.programme_id != programme_id:
            errors.append(InputError("event.error.project"))
    return errors


def _apply(event: Event, data: EventInput) -> None:
    event.kind = EventKind(data.kind)
    event.title = data.title.strip()
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.place = data.place.strip()
    event.online_tool = data.online_tool.strip()
    event.company_id = data.company_id
    event.project_id = data.project_id
    event.note = data.note.strip()


def _same_title(title: str) -> str:
    """A title as compared for repeats: full- and half-width, spacing and case aside."""
    return " ".join(unicodedata.normalize("NFKC", title).split()).casefold()


def duplicates(
    session: Session, actor: Actor, programme_id: int, data: EventInput
) -> list[EventRow]:
    """Events of the programme that `data` would repeat: same kind, same title (width, spacing
    and case aside) and the same first day in Japan. Cancelled events are not counted."""
    require_programme(session, actor, programme_id)
    day = to_jst(data.starts_at).date()
    start = jst_midnight(day)
    same_day = session.exec(
        select(Event).where(
            Event.programme_id == programme_id,
            Event.kind == EventKind(data.kind),
            col(Event.cancelled_at).is_(None),
            col(Event.starts_at) >= start,
            col(Event.starts_at) < start + timedelta(days=1),
        )
    ).all()
    title = _same_title(data.title)
    return _with_counts(session, [e for e in same_day if _same_title(e.title) == title])


def create_events(
    session: Session,
    actor: Actor,
    programme_id: int,
    items: list[EventInput],
    *,
    allow_duplicate: bool = False,
) -> list[Event]:
    """Create several events in one transaction (a tour and its pre-meetings): all or none.

    An event that repeats one already registered (see `duplicates`), or another of `items`,
    is refused unless `allow_duplicate`: the person is asked first.
    """
    require_programme(session, actor, programme_id, write=True)
    errors: list[InputError] = []
    for data in items:
        errors += check_event(session, programme_id, data)
    if errors:
        raise InvalidInput(errors)
    if not allow_duplicate:
        seen: set[tuple[str, str, object]] = set()
        for data in items:
            key = (str(data.kind), _same_title(data.title), to_jst(data.starts_at).date())
            if key in seen or duplicates(session, actor, programme_id, data):
                raise InputError("event.error.duplicate", title=data.title.strip())
            seen.add(key)
    created = []
    for data in items:
        event = Event(programme_id=programme_id, kind=data.kind, title="", starts_at=data.starts_at)
        _apply(event, data)
        session.add(event)
        created.append(event)
    session.flush()
    return created


def create_event(
    session: Session,
    actor: Actor,
    programme_id: int,
    data: EventInput,
    *,
    allow_duplicate: bool = False,
) -> Event:
    """One event; a repeat of one already registered is refused unless `allow_duplicate`."""
    return create_events(session, actor, programme_id, [data], allow_duplicate=allow_duplicate)[0]


def event_for(session: Session, actor: Actor, event_id: int, *, write: bool = False) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise AccessDenied(f"event {event_id} not found")
    require_programme(session, actor, event.programme_id, write=write)
    return event


def update_event(session: Session, actor: Actor, event_id: int, data: EventInput) -> Event:
    event = event_for(session, actor, event_id, write=True)
    errors = check_event(session, event.programme_id, data)
    if errors:
        raise InvalidInput(errors)
    _apply(event, data)
    session.add(event)
    return event


def _events_query(programme_id: int, kind: EventKind | None) -> Select:
    query = select(Event).where(Event.programme_id == programme_id)
    return query.where(Event.kind == kind) if kind else query


def list_events(
    session: Session, actor: Actor, programme_id: int, kind: EventKind | None = None
) -> list[EventRow]:
    """The programme's events by start, each with its attendance counted per status in SQL."""
    require_programme(session, actor, programme_id)
    query = _events_query(programme_id, kind).order_by(col(Event.starts_at), col(Event.id))
    return _with_counts(session, list(session.exec(query).all()))


def events_page(
    session: Session,
    actor: Actor,
    programme_id: int,
    kind: EventKind | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[EventRow]:
    """A page of `list_events`, counted in SQL."""
    require_programme(session, actor, programme_id)
    query = _events_query(programme_id, kind)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = clamp(page, total, per_page)
    events = session.exec(
        query.order_by(col(Event.starts_at), col(Event.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(_with_counts(session, list(events)), total, page, per_page)


def _with_counts(session: Session, events: list[Event]) -> list[EventRow]:
    """Rows of `events` with their attendance counted per status in one query."""
    counts: dict[int, dict[str, int]] = {}
    ids = [e.id for e in events]
    if ids:
        for event_id, status, n in session.exec(
            select(Attendance.event_id, Attendance.status, func.count())
            .where(col(Attendance.event_id).in_(ids))
            .group_by(Attendance.event_id, Attendance.status)
        ):
            counts.setdefault(event_id, {})[status] = n
    return [
        EventRow(
            id=e.id,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            place=e.place,
            online_tool=e.online_tool,
            counts=counts.get(e.id, {}),
            cancelled=e.cancelled_at is not None,
        )
        for e in events
    ]


_STATUS_ORDER = case(
    {s.value: i for i, s in enumerate(AttendanceStatus)}, value=col(Attendance.status)
)


def attendance(session: Session, actor: Actor, event_id: int) -> list[AttendanceRow]:
    """Everyone registered for the event, by name, with their status."""
    event_for(session, actor, event_id)
    rows = session.exec(
        select(Talent.id, Talent.name, Talent.affiliation, Attendance.status)
        .join(Attendance, col(Attendance.talent_id) == col(Talent.id))
        .where(Attendance.event_id == event_id)
        .order_by(_STATUS_ORDER, col(Talent.name))
    ).all()
    return [AttendanceRow(*row) for row in rows]


def _programme_talent(session: Session, programme_id: int, talent_ids: list[int]) -> set[int]:
    if not talent_ids:
        return set()
    return set(
        session.exec(
            select(Talent.id).where(
                Talent.programme_id == programme_id, col(Talent.id).in_(talent_ids)
            )
        )
    )


def register(session: Session, actor: Actor, event_id: int, talent_ids: list[int]) -> int:
    """Register people of the event's programme; those already registered keep their status.

    Returns how many were added.
    """
    event = event_for(session, actor, event_id, write=True)
    if event.cancelled_at is not None:
        raise InputError("event.error.cancelled")
    allowed = _programme_talent(session, event.programme_id, talent_ids)
    if len(allowed) != len(set(talent_ids)):
        raise InputError("event.error.talent")
    already = set(
        session.exec(
            select(Attendance.talent_id).where(
                Attendance.event_id == event_id, col(Attendance.talent_id).in_(allowed)
            )
        )
    )
    new = sorted(allowed - already)
    session.add_all(Attendance(event_id=event_id, talent_id=t) for t in new)
    return len(new)


def set_attendance(
    session: Session, actor: Actor, event_id: int, statuses: dict[int, AttendanceStatus]
) -> int:
    """Set the status of registered people (bulk check-in is every one set to attended).

    People not registered for the event are refused, not silently added. Returns how many
    statuses changed.
    """
    event = event_for(session, actor, event_id, write=True)
    if event.cancelled_at is not None:
        raise InputError("event.error.cancelled")
    rows = {
        a.talent_id: a
        for a in session.exec(
            select(Attendance).where(
                Attendance.event_id == event_id, col(Attendance.talent_id).in_(list(statuses))
            )
        )
    }
    if set(statuses) - set(rows):
        raise InputError("event.error.not_registered")
    changed = 0
    now = utcnow()
    for talent_id, status in statuses.items():
        row = rows[talent_id]
        if row.status != AttendanceStatus(status):
            row.status = AttendanceStatus(status)
            row.updated_at = now
            session.add(row)
            changed += 1
    programme = require_programme(session, actor, event.programme_id)
    audit.record(
        session,
        actor.username,
        "event.attendance",
        target=f"event:{event_id}",
        region_id=programme.region_id,
        detail=f"{changed} changed",
    )
    return changed


def audit_event(
    session: Session, actor: Actor, event: Event, action: str, detail: str = ""
) -> None:
    """Write an action on an event to the audit log, under the event's region."""
    programme = require_programme(session, actor, event.programme_id)
    audit.record(
        session,
        actor.username,
        action,
        target=f"event:{event.id}",
        region_id=programme.region_id,
        detail=detail,
    )


def registrants(session: Session, actor: Actor, event_id: int) -> list[Registrant]:
    """The people to tell about a cancelled event (registered, marked attending or on the
    waiting list), by name, with their e-mail addresses. A view of personal data: written to
    the audit log."""
    event = event_for(session, actor, event_id, write=True)
    told = [AttendanceStatus.REGISTERED, AttendanceStatus.ATTENDED, AttendanceStatus.WAITLISTED]
    rows = session.exec(
        select(Talent.id, Talent.name, Talent.email, Attendance.status)
        .join(Attendance, col(Attendance.talent_id) == col(Talent.id))
        .where(Attendance.event_id == event_id, col(Attendance.status).in_(told))
        .order_by(col(Talent.name), col(Talent.id))
    ).all()
    audit_event(session, actor, event, "event.registrants", f"{len(rows)} people")
    return [Registrant(*row) for row in rows]


def cancel_event(session: Session, actor: Actor, event_id: int) -> list[Registrant]:
    """Call the event off (中止): it stays listed as cancelled and takes no more registrations.

    Refused once someone's attendance is recorded (it took place). Everyone still signed up is
    mailed (see event_signup.tell_called_off); returns the list of them for staff as well.
    """
    event = event_for(session, actor, event_id, write=True)
    if event.cancelled_at is None:
        if _attended(session, event_id):
            raise InputError("event.error.cancel_attended")
        event.cancelled_at = utcnow()
        session.add(event)
        audit_event(session, actor, event, "event.cancel")
        from colead.services.event_signup import tell_called_off  # it builds on this module

        tell_called_off(session, event)
    return registrants(session, actor, event_id)


def restore_event(session: Session, actor: Actor, event_id: int) -> Event:
    """Take back a cancellation: the event goes ahead again."""
    event = event_for(session, actor, event_id, write=True)
    if event.cancelled_at is not None:
        event.cancelled_at = None
        session.add(event)
        audit_event(session, actor, event, "event.restore")
    return event


def _attended(session: Session, event_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(Attendance)
        .where(Attendance.event_id == event_id, Attendance.status == AttendanceStatus.ATTENDED)
    ).one()


def delete_event(session: Session, actor: Actor, event_id: int) -> str:
    """Delete an event nobody registered for (one made by mistake); returns its title.

    An event with registrations or attendance is refused: cancel it instead, so that the
    people registered can be told and the record of who came is kept.
    """
    event = event_for(session, actor, event_id, write=True)
    registered = session.exec(
        select(func.count()).select_from(Attendance).where(Attendance.event_id == event_id)
    ).one()
    if registered:
        raise InputError("event.error.delete_registered", n=registered)
    title = event.title
    audit_event(session, actor, event, "event.delete", title)
    session.delete(event)
    return title
