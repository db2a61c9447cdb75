"""A person's calendar link (#13 item 6): their own events, meetings and milestones as a feed
that only the link opens; a new link or turning it off stops the old one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar
from sqlmodel import Session

from colead.db import session_scope
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    Event,
    EventKind,
    Milestone,
    Programme,
    Project,
    ProjectMember,
    Region,
    Talent,
)
from colead.models.base import utcnow
from colead.services import access_links, own_page


def _world(s: Session) -> tuple[int, int]:
    region = Region(name="気仙沼市", prefecture="宮城県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="気仙沼 Co-LEAD")
    s.add(programme)
    s.flush()
    me = Talent(programme_id=programme.id, name="佐藤 花子", email="h@example.jp",
                applied_on=date(2026, 6, 1))  # fmt: skip
    other = Talent(programme_id=programme.id, name="鈴木 一郎", email="i@example.jp",
                   applied_on=date(2026, 6, 1))  # fmt: skip
    company = Company(programme_id=programme.id, name="気仙沼水産")
    s.add_all([me, other, company])
    s.flush()
    project = Project(programme_id=programme.id, company_id=company.id, theme="受注管理",
                      starts_on=date(2026, 9, 1))  # fmt: skip
    s.add(project)
    s.flush()
    s.add(ProjectMember(project_id=project.id, talent_id=me.id))

    def event(title: str, **fields: object) -> Event:
        row = Event(programme_id=programme.id, title=title,
                    starts_at=datetime(2026, 12, 20, 1, tzinfo=UTC), **fields)  # fmt: skip
        s.add(row)
        s.flush()
        return row

    meetup = event("ミートアップ", kind=EventKind.MEETUP)
    tour = event("ツアー", kind=EventKind.TOUR)
    called_off = event("中止の会", kind=EventKind.MEETUP, cancelled_at=utcnow())
    event("定例会", kind=EventKind.MONTHLY_MEETING, project_id=project.id)
    s.add_all(
        [
            Attendance(event_id=meetup.id, talent_id=me.id, status=AttendanceStatus.ATTENDED),
            Attendance(event_id=tour.id, talent_id=other.id),
            Attendance(event_id=called_off.id, talent_id=me.id),
            Milestone(
                project_id=project.id, kind="interim", title="中間報告", due_on=date(2027, 1, 15)
            ),
        ]
    )
    s.flush()
    return me.id, other.id


def _summaries(data: bytes) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT"))


def test_the_feed_holds_only_the_persons_own_events_and_milestones(db_url: str) -> None:
    with session_scope(write=True) as s:
        me, _ = _world(s)
        link = own_page.new_calendar_link(s, s.get(Talent, me))
    assert link.startswith("http://localhost:8501/calendar/") and link.endswith(".ics")
    token = link.rsplit("/", 1)[1]
    with session_scope() as s:
        data = own_page.calendar_feed(s, token)
    assert data is not None
    assert _summaries(data) == sorted(
        ["ミートアップ", "定例会", "【マイルストーン】気仙沼水産：中間報告"]
    )
    name = Calendar.from_ical(data)["X-WR-CALNAME"]
    assert str(name) == "気仙沼 Co-LEAD（佐藤 花子）"


def test_a_new_link_or_turning_it_off_stops_the_old_one(db_url: str) -> None:
    with session_scope(write=True) as s:
        me, _ = _world(s)
        person = s.get(Talent, me)
        first = own_page.new_calendar_link(s, person).rsplit("/", 1)[1]
        second = own_page.new_calendar_link(s, person).rsplit("/", 1)[1]
    with session_scope() as s:
        assert own_page.calendar_feed(s, first) is None
        assert own_page.calendar_feed(s, second) is not None
        # the own page's link is not a calendar link, and nonsense opens nothing
        page_token = access_links.issue(s, me)
        assert own_page.calendar_feed(s, page_token) is None
        assert own_page.calendar_feed(s, "nonsense.ics") is None
        assert own_page.calendar_feed(s, None) is None
    with session_scope(write=True) as s:
        assert own_page.stop_calendar_links(s, s.get(Talent, me)) == 1
    with session_scope() as s:
        assert own_page.calendar_feed(s, second) is None


def test_an_expired_link_opens_nothing(db_url: str) -> None:
    with session_scope(write=True) as s:
        me, _ = _world(s)
        long_ago = utcnow() - own_page.CALENDAR_LIFETIME - timedelta(days=1)
        token = own_page.new_calendar_link(s, s.get(Talent, me), now=long_ago).rsplit("/", 1)[1]
    with session_scope() as s:
        assert own_page.calendar_feed(s, token) is None
