"""Calendar files: parsed back with icalendar, Japanese text and Tokyo times intact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from colead.i18n import JST
from colead.services.calendar_ics import IcsEvent, calendar_ics, event_ics

TITLE = "ミートアップ; 第1回, 東京会場"
DESCRIPTION = "持ち物: 名刺\n会場は2階です。" + "長い説明文" * 40


def test_one_event_round_trips() -> None:
    data = event_ics(
        uid="event-7@colead",
        title=TITLE,
        starts_at=datetime(2026, 11, 24, 18, 30, tzinfo=JST),
        ends_at=datetime(2026, 11, 24, 21, 0, tzinfo=JST),
        place="東京都千代田区丸の内1-1, 3階",
        description=DESCRIPTION,
        url="http://localhost:8501/me?token=abc",
    )
    assert isinstance(data, bytes)
    text = data.decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # folded
    assert "BEGIN:VTIMEZONE" in text and "TZID:Asia/Tokyo" in text
    calendar = Calendar.from_ical(data)
    (event,) = calendar.events
    assert str(event["uid"]) == "event-7@colead"
    assert str(event["summary"]) == TITLE
    assert str(event["location"]) == "東京都千代田区丸の内1-1, 3階"
    assert str(event["description"]) == DESCRIPTION
    assert str(event["url"]) == "http://localhost:8501/me?token=abc"
    starts = event.decoded("dtstart")
    assert starts == datetime(2026, 11, 24, 18, 30, tzinfo=JST)
    assert starts.utcoffset() == timedelta(hours=9)
    assert event.decoded("dtend") == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert event.decoded("dtstamp").tzinfo is not None


def test_naive_times_are_utc_and_the_end_may_be_missing() -> None:
    data = event_ics(
        uid="u",
        title="説明会",
        starts_at=datetime(2026, 12, 1, 1, 0),  # stored values are UTC
        ends_at=None,
        place="",
        description="",
    )
    (event,) = Calendar.from_ical(data).events
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 10, 0, tzinfo=JST)
    assert "dtend" not in event and "location" not in event and "url" not in event


def test_a_calendar_of_several_events() -> None:
    start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    events = [
        IcsEvent(
            uid=f"e{n}", title=f"イベント{n}", starts_at=start + timedelta(days=n), ends_at=None
        )
        for n in range(3)
    ]
    calendar = Calendar.from_ical(calendar_ics(events, name="ふるさとCo-LEAD"))
    assert [str(e["summary"]) for e in calendar.events] == ["イベント0", "イベント1", "イベント2"]
    assert str(calendar["x-wr-calname"]) == "ふるさとCo-LEAD"
    assert len(calendar.timezones) == 1
    assert Calendar.from_ical(calendar_ics([])).events == []
