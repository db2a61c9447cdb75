"""Calendar files (.ics, RFC 5545) for events: attached to mails and offered for download.

Times are written in Asia/Tokyo with its VTIMEZONE, so a calendar shows the event at the hour
the programme announced; stored datetimes are UTC (a naive one is read as UTC). Text is escaped
and folded by the `icalendar` library, Japanese included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from colead.models.base import utcnow

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


def _tokyo(value: datetime) -> datetime:
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
