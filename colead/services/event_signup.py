"""Public sign-up for events (#12): staff publish a meetup or tour with its capacity and agenda;
a person signs up (from their own page, or by e-mail address on the public page), gets a
confirmation mail with a calendar file, and can cancel. When the event is full they join the
waiting list (キャンセル待ち) and move up, in the order they signed up, when a seat frees.

Registrations are the same Attendance rows staff see on イベント・出欠. A seat is held by those
registered or attended; the waiting list holds none. Two people taking the last seat at once
cannot both get it: every change of an event's seats first locks the event's row (`FOR UPDATE`
on PostgreSQL; SQLite's write transactions are `BEGIN IMMEDIATE`, one writer at a time).

What the public sees of an event is its public text only: title, date and time, place or
online tool, agenda, and whether seats are left — never who signed up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, func, select

from colead.i18n import format_datetime, stored_moment, to_jst, translate
from colead.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    Programme,
    PurposeText,
    Role,
    Talent,
    TalentStatus,
)
from colead.models.base import utcnow
from colead.services import access_links, audit
from colead.services.access import Actor
from colead.services.errors import InputError
from colead.services.events import audit_event, event_for
from colead.services.form_limits import allow
from colead.services.talent import EMAIL

FORM = "event_signup"
PUBLIC_NAME = "public:signup"  # how the audit log names the public sign-up form
PER_ADDRESS = 10  # sign-ups by e-mail an hour from one client address
PER_EMAIL = 3  # … and for one e-mail address
AGENDA_MAX = 4_000
CAPACITY_MAX = 10_000
NAME_MAX = 100  # Talent.name
EMAIL_MAX = 200  # Talent.email
PUBLIC_KINDS = (EventKind.MEETUP, EventKind.TOUR)
HOLDS_SEAT = (AttendanceStatus.REGISTERED, AttendanceStatus.ATTENDED)
SIGNED_UP = (*HOLDS_SEAT, AttendanceStatus.WAITLISTED)
_ADDRESS_SPECIALS = set('<>,;:"()[]\\')
if TYPE_CHECKING:
    from colead.services.mail import Attachment

MAIL_LANGUAGE = "ja"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublicEvent:
    """An event as the public page shows it: public texts only, never names."""

    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_tool: str
    agenda: str
    seats_left: bool


# --- staff: publishing ----------------------------------------------------------------------


def publish(
    session: Session,
    actor: Actor,
    event_id: int,
    *,
    capacity: int | None,
    agenda: str,
    now: datetime | None = None,
) -> Event:
    """Show the event on the programme's public page with its capacity (None: no limit) and
    agenda. A larger capacity moves people up from the waiting list (and mails them)."""
    event = event_for(session, actor, event_id, write=True)
    if event.cancelled_at is not None:
        raise InputError("event.error.cancelled")
    if event.kind not in PUBLIC_KINDS:
        raise InputError("signup.error.kind")
    if capacity is not None and not 1 <= capacity <= CAPACITY_MAX:
        raise InputError("signup.error.capacity", maximum=CAPACITY_MAX)
    agenda = agenda.strip()
    if len(agenda) > AGENDA_MAX:
        raise InputError("signup.error.agenda_too_long", maximum=AGENDA_MAX)
    event = _locked(session, event_id) or event
    event.published, event.capacity, event.agenda = True, capacity, agenda
    session.add(event)
    session.flush()
    _fill_seats(session, event, now or utcnow())
    audit_event(session, actor, event, "event.publish", f"capacity {capacity or '-'}")
    return event


def unpublish(session: Session, actor: Actor, event_id: int) -> Event:
    """Take the event off the public page; those signed up keep their places."""
    event = event_for(session, actor, event_id, write=True)
    if event.published:
        event.published = False
        session.add(event)
        audit_event(session, actor, event, "event.unpublish")
    return event


def suggested_agenda(session: Session, actor: Actor, event_id: int) -> str:
    """The agenda the worksheets already give: A-3's timetable for a meetup (from the event's
    start), B-5's itinerary for a tour; empty for other events."""
    from colead.services.agenda import meetup_agenda
    from colead.services.tours import tour_defaults
    from colead.services.worksheet_tables import _linked_names

    event = event_for(session, actor, event_id)
    if event.kind == EventKind.TOUR:
        return tour_defaults(session, actor, event.programme_id).itinerary
    if event.kind != EventKind.MEETUP:
        return ""
    companies = _linked_names(session, actor, event.programme_id, "A-3", "s2_companies")
    people = event.capacity or _taken(session, [event_id]).get(event_id, 0)
    start = to_jst(event.starts_at).time().replace(second=0, microsecond=0)
    agenda = meetup_agenda(start, len(companies), people)
    return "\n".join(f"{i.start:%H:%M}–{i.end:%H:%M}　{i.title}" for i in agenda.items)


# --- the public list ------------------------------------------------------------------------


def _taken(session: Session, event_ids: list[int]) -> dict[int, int]:
    """Seats held per event (registered or attended), counted in SQL."""
    if not event_ids:
        return {}
    return dict(
        session.exec(
            select(Attendance.event_id, func.count())
            .where(col(Attendance.event_id).in_(event_ids), col(Attendance.status).in_(HOLDS_SEAT))
            .group_by(Attendance.event_id)
        ).all()
    )


def _is_open(event: Event | None, now: datetime) -> bool:
    return (
        event is not None
        and event.published
        and event.cancelled_at is None
        and _aware(event.starts_at) > now
    )


def _aware(moment: datetime) -> datetime:
    return stored_moment(moment)


def open_events(session: Session, programme_id: int, now: datetime | None = None) -> list[Event]:
    """The programme's published events still to come and not called off, by start."""
    now = now or utcnow()
    return list(
        session.exec(
            select(Event)
            .where(
                Event.programme_id == programme_id,
                col(Event.published).is_(True),
                col(Event.cancelled_at).is_(None),
                col(Event.starts_at) > now,
            )
            .order_by(col(Event.starts_at), col(Event.id))
        ).all()
    )


def as_public(session: Session, events: list[Event]) -> list[PublicEvent]:
    taken = _taken(session, [e.id for e in events if e.id is not None])
    return [
        PublicEvent(
            id=e.id,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            place=e.place,
            online_tool=e.online_tool,
            agenda=e.agenda,
            seats_left=e.capacity is None or taken.get(e.id, 0) < e.capacity,
        )
        for e in events
    ]


def public_events(
    session: Session, programme_id: int, now: datetime | None = None
) -> list[PublicEvent]:
    """What the public page lists: the published programme's open events (empty otherwise)."""
    programme = session.get(Programme, programme_id) if isinstance(programme_id, int) else None
    if programme is None or not programme.published or programme.archived_at is not None:
        return []
    return as_public(session, open_events(session, programme_id, now))


def purpose_text(session: Session, programme_id: int) -> PurposeText | None:
    """The programme's current purpose of use of personal data (its latest version)."""
    return session.exec(
        select(PurposeText)
        .where(PurposeText.programme_id == programme_id)
        .order_by(col(PurposeText.version).desc())
    ).first()


# --- signing up and cancelling --------------------------------------------------------------


def _locked(session: Session, event_id: int) -> Event | None:
    """The event, its row locked until the transaction ends, read afresh from the database."""
    return session.exec(
        select(Event)
        .where(Event.id == event_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()


def _attendance(session: Session, event_id: int, talent_id: int) -> Attendance | None:
    return session.exec(
        select(Attendance)
        .where(Attendance.event_id == event_id, Attendance.talent_id == talent_id)
        .execution_options(populate_existing=True)
    ).first()


def sign_up(
    session: Session, event_id: int, talent_id: int, now: datetime | None = None
) -> AttendanceStatus:
    """Sign the person up: registered while seats are left, else on the waiting list; mails a
    confirmation (with the calendar file when registered). Signing up again changes nothing.

    Raises InputError("signup.error.closed") for an event that is not open to sign-ups
    (unpublished, called off, begun, or of another programme).
    """
    now = now or utcnow()
    event = _locked(session, event_id)
    talent = session.get(Talent, talent_id)
    if (
        not _is_open(event, now)
        or talent is None
        or talent.erased_at is not None
        or talent.programme_id != event.programme_id  # type: ignore[union-attr]
    ):
        raise InputError("signup.error.closed")
    assert event is not None and event.id is not None
    row = _attendance(session, event.id, talent_id)
    if row is not None and row.status in SIGNED_UP:
        return AttendanceStatus(row.status)
    full = event.capacity is not None and _taken(session, [event.id]).get(event.id, 0) >= (
        event.capacity
    )
    status = AttendanceStatus.WAITLISTED if full else AttendanceStatus.REGISTERED
    if row is None:
        row = Attendance(event_id=event.id, talent_id=talent_id)
    row.status, row.registered_at, row.updated_at = status, now, now  # the back of the queue
    session.add(row)
    session.flush()
    _mail(
        session,
        "registered" if status == AttendanceStatus.REGISTERED else "waitlisted",
        event,
        talent,
        now,
    )
    return status


def cancel(session: Session, event_id: int, talent_id: int, now: datetime | None = None) -> bool:
    """Cancel the person's sign-up (or place on the waiting list) for a meetup or tour; the
    seat it frees goes to the first on the waiting list, who is mailed. False when there was
    nothing to cancel.

    Raises InputError("signup.error.started") once the event has begun, and
    InputError("signup.error.not_public") for the meetings staff register people for.
    """
    now = now or utcnow()
    event = _locked(session, event_id)
    row = _attendance(session, event_id, talent_id) if event is not None else None
    talent = session.get(Talent, talent_id)
    if (
        event is None
        or row is None
        or talent is None
        or row.status
        not in (
            AttendanceStatus.REGISTERED,
            AttendanceStatus.WAITLISTED,
        )
    ):
        return False
    if event.kind not in PUBLIC_KINDS:  # report meetings and the like: staff keep them
        raise InputError("signup.error.not_public")
    if event.cancelled_at is None and _aware(event.starts_at) <= now:
        raise InputError("signup.error.started")
    held = row.status == AttendanceStatus.REGISTERED
    row.status, row.updated_at = AttendanceStatus.CANCELLED, now
    session.add(row)
    session.flush()
    _mail(session, "cancelled", event, talent, now)
    if held:
        _fill_seats(session, event, now)
    return True


def _fill_seats(session: Session, event: Event, now: datetime) -> list[int]:
    """Move people up from the waiting list, first come first served, into the free seats;
    each is mailed. The event's row must be locked by the caller. Returns who moved up."""
    if event.cancelled_at is not None or _aware(event.starts_at) <= now or event.id is None:
        return []
    query = (
        select(Attendance)
        .where(Attendance.event_id == event.id, Attendance.status == AttendanceStatus.WAITLISTED)
        .order_by(col(Attendance.registered_at), col(Attendance.id))
    )
    if event.capacity is not None:
        free = event.capacity - _taken(session, [event.id]).get(event.id, 0)
        if free <= 0:
            return []
        query = query.limit(free)
    moved = []
    for row in session.exec(query).all():
        row.status, row.updated_at = AttendanceStatus.REGISTERED, now
        session.add(row)
        moved.append(row.talent_id)
    session.flush()
    for talent_id in moved:
        talent = session.get(Talent, talent_id)
        if talent is not None:
            _mail(session, "moved_up", event, talent, now)
    return moved


def waitlist_position(session: Session, event_id: int, talent_id: int) -> int | None:
    """The person's place on the event's waiting list (1 is next), None when not on it."""
    row = _attendance(session, event_id, talent_id)
    if row is None or row.status != AttendanceStatus.WAITLISTED:
        return None
    ahead = session.exec(
        select(func.count())
        .select_from(Attendance)
        .where(
            Attendance.event_id == event_id,
            Attendance.status == AttendanceStatus.WAITLISTED,
            (col(Attendance.registered_at) < row.registered_at)
            | (
                (col(Attendance.registered_at) == row.registered_at) & (col(Attendance.id) < row.id)
            ),
        )
    ).one()
    return ahead + 1


# --- sign-up by e-mail address (the public page) --------------------------------------------


def clean_email(email: object) -> str:
    """The address, stripped and lower-case, if it is one plain address; else InputError."""
    if not isinstance(email, str):
        raise InputError("signup.error.email")
    email = email.strip().lower()
    if (
        not email
        or len(email) > EMAIL_MAX
        or not EMAIL.match(email)
        or _ADDRESS_SPECIALS & set(email)
        or any(c in email for c in "\r\n\0")
    ):
        raise InputError("signup.error.email")
    return email


def sign_up_by_email(
    session: Session,
    event_id: object,
    email: object,
    name: object,
    address: str,
    now: datetime | None = None,
) -> None:
    """A sign-up from the public page: mails the address a link to the person's own page,
    where they confirm the sign-up with one button. The answer is the same whether or not the
    address is known; a new address applies on the way (a person awaiting confirmation, whom
    opening the link confirms).

    Raises InputError for what the visitor can correct (address, name), for too many sign-ups
    from one client or address ("signup.error.too_many"), and for an event that is not open.
    """
    now = now or utcnow()
    email = clean_email(email)
    name = name.strip() if isinstance(name, str) else ""
    if not name or len(name) > NAME_MAX or any(c in name for c in "\r\n\0"):
        raise InputError("signup.error.name", maximum=NAME_MAX)
    event = session.get(Event, event_id) if isinstance(event_id, int) else None
    programme = session.get(Programme, event.programme_id) if event is not None else None
    if (
        event is None
        or programme is None
        or not programme.published
        or programme.archived_at is not None
        or not _is_open(event, now)
    ):
        raise InputError("signup.error.closed")
    if not allow(session, FORM, address, email, now, per_address=PER_ADDRESS, per_email=PER_EMAIL):
        raise InputError("signup.error.too_many")
    talent = session.exec(
        select(Talent)
        .where(
            Talent.programme_id == event.programme_id,
            func.lower(Talent.email) == email,
            col(Talent.erased_at).is_(None),
        )
        .order_by(col(Talent.id))
    ).first()
    if talent is None:
        talent = _applicant(session, programme, name, email, now)
    token = access_links.issue(session, talent.id, now=now)
    link = f"{access_links.url(token)}&e={event.id}"
    send(
        session,
        talent,
        kind="event_signup_link",
        subject=_text("signup.mail.confirm.subject", title=_one_line(event.title)),
        text=_text(
            "signup.mail.confirm.body",
            name=talent.name,
            title=event.title,
            when=_when(event),
            where=_where(event),
            url=link,
            expires=format_datetime(now + access_links.LIFETIME, MAIL_LANGUAGE),
        ),
    )


def _applicant(
    session: Session, programme: Programme, name: str, email: str, now: datetime
) -> Talent:
    """A new person applying on the way to an event: awaiting confirmation of their address,
    which opening the mailed link gives (own_page.open_page → public_apply.confirm). The form
    had them agree to the programme's purpose text: recorded, as the application form does,
    through relationships.grant_consent with the text's version."""
    from colead.services.relationships import grant_consent

    talent = Talent(
        programme_id=programme.id,
        name=name,
        email=email,
        status=TalentStatus.APPLIED,
        applied_on=to_jst(now).date(),
        recruitment_channel=_text("signup.channel"),
        awaiting_confirmation=True,
        created_at=now,
        updated_at=now,
    )
    session.add(talent)
    session.flush()
    audit.record(
        session,
        PUBLIC_NAME,
        "talent.apply",
        target=f"talent:{talent.id}",
        region_id=programme.region_id,
    )
    purpose = purpose_text(session, programme.id)
    if purpose is not None:
        actor = Actor(
            user_id=0,
            username=PUBLIC_NAME,
            display_name=_text("signup.channel"),
            role=Role.STAFF,
            region_ids=frozenset({programme.region_id}),
        )
        grant_consent(
            session,
            actor,
            talent.id,
            _text("apply.consent_scope", version=purpose.version),
            to_jst(now).date(),
            purpose_id=purpose.id,
            granted_at=now,
        )
    return talent


# --- mail -----------------------------------------------------------------------------------


def _text(key: str, **params: object) -> str:
    return translate(key, MAIL_LANGUAGE, **params)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _when(event: Event) -> str:
    start = format_datetime(event.starts_at, MAIL_LANGUAGE)
    if event.ends_at is None:
        return start
    end = format_datetime(event.ends_at, MAIL_LANGUAGE)
    same_day = end[: end.rfind(" ")] == start[: start.rfind(" ")]
    return f"{start}〜{end.rsplit(' ', 1)[-1] if same_day else end}"


def _where(event: Event) -> str:
    parts = [event.place.strip()] if event.place.strip() else []
    if event.online_tool.strip():
        parts.append(_text("signup.online", tool=event.online_tool.strip()))
    return "／".join(parts) or "—"


def _ics(event: Event, url: str) -> bytes:
    from colead.services.calendar_ics import event_ics, event_uid

    return event_ics(
        uid=event_uid(event.id),  # the same entry as in the programme's calendar file
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=_where(event),
        description=event.agenda,
        url=url,
    )


def event_attachment(event: Event, url: str) -> Attachment:
    """The event's calendar file as a mail attachment (the same entry as in the programme's
    calendar file, so calendars update rather than duplicate it)."""
    from colead.services.mail import Attachment

    return Attachment("event.ics", "text/calendar", _ics(event, url))


def when_and_where(event: Event) -> tuple[str, str]:
    """The event's date and time, and its place or online tool, as mails write them."""
    return _when(event), _where(event)


def _mail(session: Session, what: str, event: Event, talent: Talent, now: datetime) -> None:
    """Tell the person what became of their sign-up, with a fresh link to their own page;
    a registration (or a move up) carries the calendar file."""
    if not talent.email:
        return
    link = access_links.url(access_links.issue(session, talent.id, now=now))
    attachment = None
    if what in ("registered", "moved_up"):
        attachment = event_attachment(event, link)
    agenda = _text("signup.mail.agenda", agenda=event.agenda) if event.agenda else ""
    send(
        session,
        talent,
        kind=f"event_{what}",
        subject=_text(f"signup.mail.{what}.subject", title=_one_line(event.title)),
        text=_text(
            f"signup.mail.{what}.body",
            name=talent.name,
            title=event.title,
            when=_when(event),
            where=_where(event),
            agenda=agenda,
            url=link,
        ),
        attachment=attachment,
    )


def tell_called_off(session: Session, event: Event, now: datetime | None = None) -> int:
    """Mail everyone still signed up (registered or waiting) that the event is called off;
    returns how many were told."""
    people = session.exec(
        select(Talent)
        .join(Attendance, col(Attendance.talent_id) == col(Talent.id))
        .where(
            Attendance.event_id == event.id,
            col(Attendance.status).in_([AttendanceStatus.REGISTERED, AttendanceStatus.WAITLISTED]),
            col(Talent.erased_at).is_(None),
        )
        .order_by(col(Talent.id))
    ).all()
    for talent in people:
        _mail(session, "called_off", event, talent, now or utcnow())
    return sum(1 for t in people if t.email)


def send(
    session: Session,
    talent: Talent,
    *,
    kind: str,
    subject: str,
    text: str,
    attachment: object = None,
) -> None:
    """Mail the person; an address staff typed that cannot take mail is logged, and the
    sign-up it tells of still stands."""
    from colead.services.mail import send_mail

    try:
        send_mail(
            session,
            to=talent.email,
            subject=subject,
            text=text,
            kind=kind,
            talent_id=talent.id,
            programme_id=talent.programme_id,
            attachment=attachment,  # type: ignore[arg-type]
        )
    except InputError:
        log.warning("no mail to talent %s: the address cannot take mail", talent.id)
