"""Events on data built by hand: checks, counts, registration, bulk check-in, scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    Event,
    EventKind,
    Programme,
    Project,
    Region,
    Role,
    Talent,
)
from colead.services import events
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError, InvalidInput
from colead.services.events import EventInput

START = datetime(2026, 7, 4, 5, tzinfo=UTC)  # 14:00 JST
REG, OK, ABSENT, CANCELLED = (
    AttendanceStatus.REGISTERED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.CANCELLED,
)


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "加賀市")
    other_region, other_pid = _programme(write_session, "小松市")
    return Setting(
        pid=pid,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _people(s: Session, pid: int, *names: str) -> list[int]:
    people = [Talent(programme_id=pid, name=name, applied_on=date(2026, 6, 1)) for name in names]
    s.add_all(people)
    s.flush()
    return [p.id for p in people]


def _event(s: Session, pid: int, title: str = "ミートアップ", **fields) -> Event:  # type: ignore[no-untyped-def]
    fields.setdefault("kind", EventKind.MEETUP)
    fields.setdefault("starts_at", START)
    event = Event(programme_id=pid, title=title, **fields)
    s.add(event)
    s.flush()
    return event


def _statuses(s: Session, event_id: int) -> dict[int, str]:
    s.flush()
    rows = s.exec(select(Attendance).where(Attendance.event_id == event_id)).all()
    return {row.talent_id: row.status for row in rows}


def _keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.key for e in error.value.errors]


# --- create and update ------------------------------------------------------------------------


def test_create_reports_every_problem_at_once(write_session: Session, setting: Setting) -> None:
    s = write_session
    elsewhere = Company(programme_id=setting.other_pid, name="小松製作")
    s.add(elsewhere)
    s.flush()
    project = Project(
        programme_id=setting.other_pid,
        company_id=elsewhere.id,
        theme="x",
        starts_on=date(2026, 7, 1),
    )
    s.add(project)
    s.flush()
    data = EventInput(
        kind=EventKind.TOUR,
        title="   ",
        starts_at=START,
        ends_at=START - timedelta(minutes=1),
        company_id=elsewhere.id,
        project_id=project.id,
    )
    with pytest.raises(InvalidInput) as error:
        events.create_event(s, setting.staff, setting.pid, data)
    assert _keys(error) == [
        "event.error.title_required",
        "event.error.ends_before_start",
        "event.error.company",
        "event.error.project",
    ]
    missing = EventInput(EventKind.TOUR, "ツアー", START, company_id=987654)
    with pytest.raises(InvalidInput) as error:
        events.create_event(s, setting.staff, setting.pid, missing)
    assert _keys(error) == ["event.error.company"]
    assert s.exec(select(func.count()).select_from(Event)).one() == 0


def test_create_and_update_store_the_cleaned_event(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    company = Company(programme_id=setting.pid, name="加賀漆器")
    s.add(company)
    s.flush()
    event = events.create_event(
        s,
        setting.staff,
        setting.pid,
        EventInput(
            EventKind.TOUR,
            "  現地ツアー ",
            START,
            ends_at=START,  # ending when it starts is allowed
            place=" 加賀市役所 ",
            company_id=company.id,
        ),
    )
    s.flush()
    stored = s.get(Event, event.id)
    assert (stored.kind, stored.title, stored.place, stored.company_id) == (
        "tour",
        "現地ツアー",
        "加賀市役所",
        company.id,
    )
    with pytest.raises(InvalidInput) as error:
        events.update_event(
            s, setting.staff, event.id, EventInput(EventKind.TOUR, "", START + timedelta(hours=1))
        )
    assert _keys(error) == ["event.error.title_required"]
    s.flush()
    assert s.get(Event, event.id).starts_at == START  # a refused update changes nothing
    later = START + timedelta(days=1)
    events.update_event(
        s,
        setting.staff,
        event.id,
        EventInput(EventKind.PRE_MEETING, "事前打合せ", later, ends_at=later + timedelta(hours=2)),
    )
    s.flush()
    s.expire_all()
    stored = s.get(Event, event.id)
    assert (stored.kind, stored.title, stored.starts_at, stored.company_id) == (
        "pre_meeting",
        "事前打合せ",
        later,
        None,
    )


# --- list -------------------------------------------------------------------------------------


def test_list_events_counts_people_per_status(write_session: Session, setting: Setting) -> None:
    s = write_session
    t = _people(s, setting.pid, "A", "B", "C", "D", "E")
    tour = _event(
        s, setting.pid, "ツアー", kind=EventKind.TOUR, starts_at=START + timedelta(days=30)
    )
    meetup = _event(s, setting.pid, "ミートアップ")
    empty = _event(s, setting.pid, "誰も来ない", starts_at=START + timedelta(days=60))
    _event(s, setting.other_pid, "小松の会")
    s.add_all(
        [
            Attendance(event_id=meetup.id, talent_id=t[0], status=OK),
            Attendance(event_id=meetup.id, talent_id=t[1], status=OK),
            Attendance(event_id=meetup.id, talent_id=t[2], status=OK),
            Attendance(event_id=meetup.id, talent_id=t[3], status=ABSENT),
            Attendance(event_id=meetup.id, talent_id=t[4], status=REG),
            Attendance(event_id=tour.id, talent_id=t[0], status=REG),
            Attendance(event_id=tour.id, talent_id=t[1], status=CANCELLED),
        ]
    )
    s.flush()
    rows = events.list_events(s, setting.staff, setting.pid)
    assert [r.id for r in rows] == [meetup.id, tour.id, empty.id]  # by start
    assert rows[0].counts == {"attended": 3, "absent": 1, "registered": 1}
    assert rows[1].counts == {"registered": 1, "cancelled": 1}
    assert rows[2].counts == {}
    tours = events.list_events(s, setting.staff, setting.pid, EventKind.TOUR)
    assert [r.id for r in tours] == [tour.id]


# --- registration and check-in ----------------------------------------------------------------


def test_register_adds_only_those_not_yet_registered(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    a, b, c = _people(s, setting.pid, "A", "B", "C")
    (stranger,) = _people(s, setting.other_pid, "小松の人")
    event = _event(s, setting.pid)
    assert events.register(s, setting.staff, event.id, [a, b]) == 2
    events.set_attendance(s, setting.staff, event.id, {a: OK})
    assert events.register(s, setting.staff, event.id, [a, b, c, c]) == 1
    assert _statuses(s, event.id) == {a: "attended", b: "registered", c: "registered"}

    d, e = _people(s, setting.pid, "D", "E")
    with pytest.raises(InputError) as error:
        events.register(s, setting.staff, event.id, [d, stranger])
    assert error.value.key == "event.error.talent"
    with pytest.raises(InputError):
        events.register(s, setting.staff, event.id, [e, 987654])
    assert set(_statuses(s, event.id)) == {a, b, c}  # nobody added by a refused call
    assert events.register(s, setting.staff, event.id, []) == 0


def test_bulk_check_in_changes_only_what_differs(write_session: Session, setting: Setting) -> None:
    s = write_session
    a, b, c, d = _people(s, setting.pid, "A", "B", "C", "D")
    event = _event(s, setting.pid)
    events.register(s, setting.staff, event.id, [a, b, c, d])
    assert events.set_attendance(s, setting.staff, event.id, {a: OK, b: OK}) == 2
    s.flush()
    before = {
        row.talent_id: row.updated_at
        for row in s.exec(select(Attendance).where(Attendance.event_id == event.id))
    }
    changed = events.set_attendance(s, setting.staff, event.id, {a: OK, b: OK, c: OK, d: OK})
    assert changed == 2
    assert _statuses(s, event.id) == {a: "attended", b: "attended", c: "attended", d: "attended"}
    after = {
        row.talent_id: row.updated_at
        for row in s.exec(select(Attendance).where(Attendance.event_id == event.id))
    }
    assert after[a] == before[a] and after[b] == before[b]  # untouched
    assert events.set_attendance(s, setting.staff, event.id, {a: OK, b: OK, c: OK, d: OK}) == 0
    assert events.set_attendance(s, setting.staff, event.id, {d: ABSENT}) == 1
    assert _statuses(s, event.id)[d] == "absent"
    log = s.exec(
        select(AuditLog.detail).where(AuditLog.action == "event.attendance").order_by(AuditLog.id)
    ).all()
    assert log == ["2 changed", "2 changed", "0 changed", "1 changed"]


def test_check_in_refuses_people_not_registered_and_changes_nothing(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    a, b, unregistered = _people(s, setting.pid, "A", "B", "C")
    (stranger,) = _people(s, setting.other_pid, "小松の人")
    event = _event(s, setting.pid)
    other_event = _event(s, setting.pid, "別の会")
    events.register(s, setting.staff, event.id, [a, b])
    events.register(s, setting.staff, other_event.id, [unregistered])
    for intruder in (unregistered, stranger, 987654):
        with pytest.raises(InputError) as error:
            events.set_attendance(s, setting.staff, event.id, {a: OK, b: ABSENT, intruder: OK})
        assert error.value.key == "event.error.not_registered"
    assert _statuses(s, event.id) == {a: "registered", b: "registered"}
    assert _statuses(s, other_event.id) == {unregistered: "registered"}


def test_attendance_lists_by_status_then_name(write_session: Session, setting: Setting) -> None:
    s = write_session
    ids = dict(
        zip(
            ("Ueda", "Abe", "Kato", "Baba", "Endo", "Ito"),
            _people(s, setting.pid, "Ueda", "Abe", "Kato", "Baba", "Endo", "Ito"),
            strict=True,
        )
    )
    s.get(Talent, ids["Abe"]).affiliation = "金沢大学"
    event = _event(s, setting.pid)
    events.register(s, setting.staff, event.id, list(ids.values()))
    events.set_attendance(
        s,
        setting.staff,
        event.id,
        {ids["Ueda"]: OK, ids["Baba"]: OK, ids["Endo"]: CANCELLED, ids["Abe"]: ABSENT},
    )
    rows = events.attendance(s, setting.viewer, event.id)
    assert [(r.name, r.status) for r in rows] == [
        ("Ito", "registered"),
        ("Kato", "registered"),
        ("Baba", "attended"),
        ("Ueda", "attended"),
        ("Abe", "absent"),
        ("Endo", "cancelled"),
    ]
    assert rows[4].talent_id == ids["Abe"] and rows[4].affiliation == "金沢大学"
    assert events.attendance(s, setting.staff, _event(s, setting.pid, "空").id) == []


# --- scope ------------------------------------------------------------------------------------


def test_viewers_read_and_other_regions_see_nothing(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    (a,) = _people(s, setting.pid, "A")
    event = _event(s, setting.pid)
    events.register(s, setting.staff, event.id, [a])
    data = EventInput(EventKind.MEETUP, "新しい会", START)

    assert [r.id for r in events.list_events(s, setting.viewer, setting.pid)] == [event.id]
    assert len(events.attendance(s, setting.viewer, event.id)) == 1
    for attempt in (
        lambda actor: events.create_event(s, actor, setting.pid, data),
        lambda actor: events.update_event(s, actor, event.id, data),
        lambda actor: events.register(s, actor, event.id, [a]),
        lambda actor: events.set_attendance(s, actor, event.id, {a: OK}),
    ):
        for actor in (setting.viewer, setting.outsider):
            with pytest.raises(AccessDenied):
                attempt(actor)
    with pytest.raises(AccessDenied):
        events.list_events(s, setting.outsider, setting.pid)
    with pytest.raises(AccessDenied):
        events.attendance(s, setting.outsider, event.id)
    with pytest.raises(AccessDenied):
        events.event_for(s, setting.staff, 987654)
    assert _statuses(s, event.id) == {a: "registered"}
    assert s.get(Event, event.id).title == "ミートアップ"


def test_over_long_place_is_reported_not_crashed_on(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    data = EventInput(EventKind.TOUR, "ツアー", START, place="場" * 201, online_tool="t" * 101)
    # The savepoint keeps the test's transaction usable after a database error.
    with pytest.raises(InvalidInput) as error, s.begin_nested():
        events.create_event(s, setting.staff, setting.pid, data)
    assert len(error.value.errors) == 2
