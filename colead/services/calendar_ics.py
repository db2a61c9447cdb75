"""Calendar files (.ics, RFC 5545) for events: attached to mails and offered for download.

Times are written in Asia/Tokyo with its VTIMEZONE, so a calendar shows the event at the hour
the programme announced; stored datetimes are UTC (a naive one is read as UTC). A plain `date`
makes an all-day entry (a milestone's due day). Text is escaped and folded by the `icalendar`
library, Japanese included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import ColumnElement, Select, or_
from sqlmodel import Session, col, select

from colead.config import get_settings
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    Milestone,
    Programme,
    Project,
    ProjectMember,
    Talent,
)
from colead.models import Event as ProgrammeEvent
from colead.models.base import utcnow
from colead.services.access import Actor, require_programme

TOKYO = ZoneInfo("Asia/Tokyo")
PRODID = "-//Co-LEAD Workbook//Co-LEAD//JA"


@dataclass(frozen=True)
class IcsEvent:
    """One event of a calendar file. Without `ends_at` the file has no end (RFC 5545: the
    event lasts no time); the app does not invent a length."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str = ""
    description: str = ""
    url: str = ""


def _tokyo(value: datetime | date) -> datetime | date:
    if not isinstance(value, datetime):
        return value  # all day: a calendar day has no time zone
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # stored values are UTC
    return value.astimezone(TOKYO)


def _vevent(event: IcsEvent, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    vevent.add("dtstart", _tokyo(event.starts_at))
    if event.ends_at is not None:
        vevent.add("dtend", _tokyo(event.ends_at))
    if event.place:
        vevent.add("location", event.place)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    return vevent


def calendar_ics(events: list[IcsEvent], *, name: str = "") -> bytes:
    """A calendar file holding the events (an empty list gives a valid, empty calendar)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = utcnow().replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    if events:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str,
    description: str,
    url: str = "",
) -> bytes:
    """A calendar file with one event, to attach to a mail (content type text/calendar)."""
    return calendar_ics(
        [
            IcsEvent(
                uid=uid,
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                description=description,
                url=url,
            )
        ]
    )


MILESTONE_MARK = "【マイルストーン】"


def _host() -> str:
    return get_settings().public_url.split("//", 1)[-1].split("/", 1)[0] or "colead"


def event_uid(event_id: int) -> str:
    """The UID of an event in every calendar file (mail attachment and download alike), so a
    calendar that holds both keeps one entry."""
    return f"colead-event-{event_id}@{_host()}"


def milestone_uid(milestone_id: int) -> str:
    return f"colead-milestone-{milestone_id}@{_host()}"


def event_place(place: str, online_tool: str) -> str:
    """Where an event takes place: the venue, or the online tool when there is none."""
    return place.strip() or online_tool.strip()


def _entries(
    events: list[ProgrammeEvent], milestones: list[tuple[Milestone, str]]
) -> list[IcsEvent]:
    entries = [
        IcsEvent(
            uid=event_uid(event.id),
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event_place(event.place, event.online_tool),
            description=event.agenda,
        )
        for event in events
    ]
    entries += [
        IcsEvent(
            uid=milestone_uid(milestone.id),
            title=f"{MILESTONE_MARK}{company}：{milestone.title}",
            starts_at=milestone.due_on,
            ends_at=milestone.due_on + timedelta(days=1),
        )
        for milestone, company in milestones
    ]
    return entries


def _milestones(where: ColumnElement[bool]) -> Select[tuple[Milestone, str]]:
    return (
        select(Milestone, Company.name)
        .join(Project, col(Project.id) == Milestone.project_id)
        .join(Company, col(Company.id) == Project.company_id)
        .where(where)
        .order_by(col(Milestone.due_on), col(Milestone.id))
    )


def programme_calendar(session: Session, actor: Actor, programme_id: int) -> bytes:
    """Every event of the programme that goes ahead, and every milestone of its projects (all
    day, "【マイルストーン】<company>：<title>"), as one calendar named after the programme."""
    programme = require_programme(session, actor, programme_id)
    events = session.exec(
        select(ProgrammeEvent)
        .where(
            ProgrammeEvent.programme_id == programme.id,
            col(ProgrammeEvent.cancelled_at).is_(None),
        )
        .order_by(col(ProgrammeEvent.starts_at), col(ProgrammeEvent.id))
    ).all()
    milestones = session.exec(_milestones(col(Project.programme_id) == programme.id)).all()
    return calendar_ics(_entries(list(events), list(milestones)), name=programme.name)


# Signed up, or there: an event a person is expected at.
_GOING = (AttendanceStatus.REGISTERED, AttendanceStatus.ATTENDED)


def person_calendar(session: Session, talent_id: int) -> bytes:
    """One person's calendar (the feed behind their calendar link): the events they signed up
    for or attended, their projects' meetings, and their projects' milestones; nothing called
    off. Read by a link, never by staff: it holds only what the person's own page shows."""
    talent = session.get(Talent, talent_id)
    if talent is None:
        return calendar_ics([])
    projects = select(ProjectMember.project_id).where(ProjectMember.talent_id == talent_id)
    signed_up = select(Attendance.event_id).where(
        Attendance.talent_id == talent_id, col(Attendance.status).in_(_GOING)
    )
    events = session.exec(
        select(ProgrammeEvent)
        .where(
            col(ProgrammeEvent.cancelled_at).is_(None),
            or_(
                col(ProgrammeEvent.id).in_(signed_up),
                col(ProgrammeEvent.project_id).in_(projects),
            ),
        )
        .order_by(col(ProgrammeEvent.starts_at), col(ProgrammeEvent.id))
    ).all()
    milestones = session.exec(_milestones(col(Project.id).in_(projects))).all()
    programme = session.get(Programme, talent.programme_id)
    name = f"{programme.name}（{talent.name}）" if programme else talent.name
    return calendar_ics(_entries(list(events), list(milestones)), name=name)


class _ProgrammeLike(Protocol):
    id: int | None
    fiscal_year: int


def calendar_filename(programme: _ProgrammeLike) -> str:
    """An ASCII file name (any browser, any OS): the fiscal year and the programme's id."""
    return f"colead-{programme.fiscal_year}-{programme.id}.ics"
