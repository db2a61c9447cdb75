"""A programme's calendar file: its events that go ahead and its projects' milestones, parsed
back with icalendar; scoped like every programme query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import event as sa_event
from sqlmodel import Session

from colead.i18n import JST
from colead.models import (
    Company,
    Event,
    EventKind,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    Region,
    Role,
)
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.calendar_ics import (
    calendar_filename,
    event_uid,
    milestone_uid,
    programme_calendar,
)


@dataclass(frozen=True)
class Setting:
    pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor
    meetup: int
    tour: int
    cancelled: int
    interim: int
    final: int


def _programme(s: Session, name: str, programme_name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="長野県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=programme_name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


def _event(s: Session, pid: int, title: str, **fields) -> int:  # type: ignore[no-untyped-def]
    fields.setdefault("kind", EventKind.MEETUP)
    row = Event(programme_id=pid, title=title, **fields)
    s.add(row)
    s.flush()
    return row.id


def _milestone(s: Session, project_id: int, title: str, due_on: date, kind: str) -> int:
    row = Milestone(project_id=project_id, kind=kind, title=title, due_on=due_on)
    s.add(row)
    s.flush()
    return row.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    s = write_session
    region, pid = _programme(s, "塩尻市", "ふるさとCo-LEAD 塩尻 2026")
    other_region, other_pid = _programme(s, "松本市", "ふるさとCo-LEAD 松本 2026")
    meetup = _event(
        s,
        pid,
        "第1回ミートアップ",
        starts_at=datetime(2026, 7, 4, 5, 0, tzinfo=UTC),  # 14:00 JST
        ends_at=datetime(2026, 7, 4, 8, 0, tzinfo=UTC),
        place="塩尻市市民交流センター",
        online_tool="Zoom",
        agenda="自己紹介と地域の紹介",
    )
    tour = _event(
        s,
        pid,
        "オンラインツアー",
        kind=EventKind.TOUR,
        starts_at=datetime(2026, 8, 1, 1, 30, tzinfo=UTC),  # 10:30 JST
        online_tool="Microsoft Teams",
    )
    cancelled = _event(
        s,
        pid,
        "中止した報告会",
        kind=EventKind.FINAL_REPORT,
        starts_at=datetime(2026, 9, 1, 9, 0, tzinfo=UTC),
        cancelled_at=datetime(2026, 8, 20, tzinfo=UTC),
    )
    _event(s, other_pid, "松本のミートアップ", starts_at=datetime(2026, 7, 5, 5, tzinfo=UTC))
    company = Company(programme_id=pid, name="塩尻ワイナリー")
    elsewhere = Company(programme_id=other_pid, name="松本精機")
    s.add_all([company, elsewhere])
    s.flush()
    project = Project(
        programme_id=pid, company_id=company.id, theme="需要予測", starts_on=date(2026, 6, 1)
    )
    other_project = Project(
        programme_id=other_pid, company_id=elsewhere.id, theme="在庫", starts_on=date(2026, 6, 1)
    )
    s.add_all([project, other_project])
    s.flush()
    interim = _milestone(
        s, project.id, "中間報告会", date(2026, 10, 15), MilestoneKind.INTERIM_REPORT
    )
    final = _milestone(s, project.id, "最終報告会", date(2027, 2, 20), MilestoneKind.FINAL_REPORT)
    _milestone(s, other_project.id, "松本の中間報告", date(2026, 10, 1), MilestoneKind.OTHER)
    return Setting(
        pid=pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.VIEWER, (other_region,)),
        meetup=meetup,
        tour=tour,
        cancelled=cancelled,
        interim=interim,
        final=final,
    )


def _by_uid(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).events}


def test_the_calendar_holds_the_events_that_go_ahead_and_every_milestone(
    write_session: Session, setting: Setting
) -> None:
    data = programme_calendar(write_session, setting.viewer, setting.pid)
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "ふるさとCo-LEAD 塩尻 2026"
    summaries = [str(e["summary"]) for e in calendar.events]
    assert summaries == [
        "第1回ミートアップ",
        "オンラインツアー",
        "【マイルストーン】塩尻ワイナリー：中間報告会",
        "【マイルストーン】塩尻ワイナリー：最終報告会",
    ]  # the cancelled event and the other programme's records are absent
    events = _by_uid(data)
    assert set(events) == {
        event_uid(setting.meetup),
        event_uid(setting.tour),
        milestone_uid(setting.interim),
        milestone_uid(setting.final),
    }
    assert event_uid(setting.cancelled) not in events

    meetup = events[event_uid(setting.meetup)]
    starts = meetup.decoded("dtstart")
    assert starts == datetime(2026, 7, 4, 14, 0, tzinfo=JST)
    assert starts.utcoffset() == timedelta(hours=9)
    assert str(meetup["dtstart"].params["TZID"]) == "Asia/Tokyo"
    assert meetup.decoded("dtend") == datetime(2026, 7, 4, 17, 0, tzinfo=JST)
    assert str(meetup["location"]) == "塩尻市市民交流センター"  # the place before the tool
    assert str(meetup["description"]) == "自己紹介と地域の紹介"

    tour = events[event_uid(setting.tour)]
    assert tour.decoded("dtstart") == datetime(2026, 8, 1, 10, 30, tzinfo=JST)
    assert "dtend" not in tour
    assert str(tour["location"]) == "Microsoft Teams"  # no place: the online tool

    interim = events[milestone_uid(setting.interim)]
    assert interim.decoded("dtstart") == date(2026, 10, 15)  # all day: a date, no time
    assert not isinstance(interim.decoded("dtstart"), datetime)
    assert interim["dtstart"].params["VALUE"] == "DATE"
    assert interim.decoded("dtend") == date(2026, 10, 16)
    assert "location" not in interim
    assert events[milestone_uid(setting.final)].decoded("dtstart") == date(2027, 2, 20)


def test_uids_are_stable_and_shared_with_the_mailed_invitation(
    write_session: Session, setting: Setting
) -> None:
    first = programme_calendar(write_session, setting.staff, setting.pid)
    second = programme_calendar(write_session, setting.viewer, setting.pid)
    assert list(_by_uid(first)) == list(_by_uid(second))
    assert event_uid(setting.meetup).startswith(f"colead-event-{setting.meetup}@")
    assert milestone_uid(setting.interim).startswith(f"colead-milestone-{setting.interim}@")


def test_a_programme_of_another_region_is_refused_like_a_missing_one(
    write_session: Session, setting: Setting
) -> None:
    with pytest.raises(AccessDenied) as expected:
        require_programme(write_session, setting.outsider, setting.pid)
    with pytest.raises(AccessDenied) as refused:
        programme_calendar(write_session, setting.outsider, setting.pid)
    assert type(refused.value) is type(expected.value)
    assert str(refused.value) == str(expected.value)
    with pytest.raises(AccessDenied):
        programme_calendar(write_session, setting.staff, 999_999)


def test_an_empty_programme_gives_a_valid_empty_calendar(
    write_session: Session, make_actor
) -> None:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "大町市", "大町")
    data = programme_calendar(write_session, make_actor(Role.VIEWER, (region,)), pid)
    calendar = Calendar.from_ical(data)
    assert calendar.events == [] and str(calendar["x-wr-calname"]) == "大町"


def test_the_cost_does_not_grow_with_the_number_of_rows(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = s.get_bind()
    s.expunge_all()  # the programme is read too, as on a page's fresh session
    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        programme_calendar(s, setting.staff, setting.pid)
        few = len(statements)
        project_id = s.get(Milestone, setting.interim).project_id
        for n in range(10):
            _event(s, setting.pid, f"定例会{n}", starts_at=datetime(2026, 11, n + 1, tzinfo=UTC))
            _milestone(s, project_id, f"定例会{n}", date(2026, 11, n + 1), "monthly_meeting")
        s.expunge_all()
        statements.clear()
        data = programme_calendar(s, setting.staff, setting.pid)
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == few <= 3
    assert len(Calendar.from_ical(data).events) == 24


def test_the_file_name_is_ascii(write_session: Session, setting: Setting) -> None:
    programme = write_session.get(Programme, setting.pid)
    name = calendar_filename(programme)
    assert name == f"colead-2026-{setting.pid}.ics" and name.isascii()
