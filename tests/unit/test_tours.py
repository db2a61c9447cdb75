"""The fieldwork tour (B-5): events over several days, the pre-meetings made from the agenda in
one step, a repeated event refused until confirmed, cancelling (registrants listed) and deleting."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.i18n import JST, to_jst
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    Event,
    EventKind,
    OutboxMail,
    Programme,
    Region,
    Role,
    Talent,
)
from colead.services import answers, events, programmes, tours
from colead.services.access import AccessDenied, Actor
from colead.services.agenda import meetup_registrations
from colead.services.errors import InputError, InvalidInput
from colead.services.events import EventInput
from colead.services.tours import TourPlan
from colead.worksheets import WORKSHEETS

B5 = WORKSHEETS["B-5"]
A3 = WORKSHEETS["A-3"]
FIRST_DAY = date(2026, 10, 14)


@pytest.fixture
def pid(write_session: Session) -> int:
    region = Region(name="釧路市", prefecture="北海道")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="釧路")
    write_session.add(programme)
    write_session.flush()
    return programme.id


@pytest.fixture
def staff(write_session: Session, pid: int, make_actor) -> Actor:  # type: ignore[no-untyped-def]
    region = write_session.get(Programme, pid).region_id
    return make_actor(Role.STAFF, (region,))


@pytest.fixture
def viewer(write_session: Session, pid: int, make_actor) -> Actor:  # type: ignore[no-untyped-def]
    region = write_session.get(Programme, pid).region_id
    return make_actor(Role.VIEWER, (region,))


def _companies(s: Session, pid: int, *names: str) -> list[int]:
    rows = [Company(programme_id=pid, name=name) for name in names]
    s.add_all(rows)
    s.flush()
    return [c.id for c in rows]


def _answer(s: Session, actor: Actor, pid: int, sheet, question: str, value) -> None:  # type: ignore[no-untyped-def]
    answers.save_answer(s, actor, pid, sheet, question, value, 0)


def _all_events(s: Session, pid: int) -> list[Event]:
    s.flush()
    return list(
        s.exec(select(Event).where(Event.programme_id == pid).order_by(Event.starts_at)).all()
    )


def _plan(company_ids: list[int], **fields) -> TourPlan:  # type: ignore[no-untyped-def]
    values = {
        "title": "フィールドワークツアー",
        "first_day": FIRST_DAY,
        "days": 3,
        "place": "釧路市役所",
        "pre_meeting_day": FIRST_DAY - timedelta(days=14),
        "pre_meeting_start": time(13, 0),
        "online_tool": "Zoom",
        "company_ids": tuple(company_ids),
    }
    return TourPlan(**{**values, **fields})


# --- several days ---------------------------------------------------------------------------


def test_an_event_may_span_several_days(write_session: Session, pid: int, staff: Actor) -> None:
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    data = EventInput(EventKind.TOUR, "ツアー", start, ends_at=start + timedelta(days=2, hours=4))
    event = events.create_event(write_session, staff, pid, data)
    assert to_jst(event.ends_at) == datetime(2026, 10, 16, 17, tzinfo=JST)
    backwards = EventInput(EventKind.TOUR, "逆", start, ends_at=start - timedelta(days=1))
    with pytest.raises(InvalidInput) as error:
        events.create_event(write_session, staff, pid, backwards)
    assert [e.key for e in error.value.errors] == ["event.error.ends_before_start"]


# --- from B-5 in one step -------------------------------------------------------------------


def test_defaults_come_from_b5_and_the_a3_tool(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    fish, onsen, _ = _companies(s, pid, "釧路水産加工", "阿寒観光", "選ばれていない会社")
    _answer(s, staff, pid, B5, "s1_days", {"choice": "four_days", "other": ""})
    _answer(s, staff, pid, B5, "s1_dates", ["2026-10-21", "2026-10-14"])
    rows = [{"record_id": onsen, "visit": "旅館"}, {"record_id": fish}]
    _answer(s, staff, pid, B5, "s4_companies", rows)
    _answer(s, staff, pid, B5, "s4_itinerary", [{"day": "１日目", "am": "移動", "pm": "訪問"}])
    _answer(s, staff, pid, A3, "s1_tool", "Microsoft Teams")
    defaults = tours.tour_defaults(s, staff, pid)
    assert defaults.days == 4
    assert defaults.first_day == date(2026, 10, 14)  # the earliest candidate
    assert defaults.companies == ((onsen, "阿寒観光"), (fish, "釧路水産加工"))
    assert defaults.online_tool == "Microsoft Teams"
    assert defaults.pre_meetings
    assert defaults.itinerary == "１日目　AM：移動　PM：訪問"


def test_without_answers_the_guideline_example_is_the_default(
    write_session: Session, pid: int, staff: Actor
) -> None:
    defaults = tours.tour_defaults(write_session, staff, pid)
    assert (defaults.days, defaults.first_day, defaults.companies) == (3, None, ())
    assert defaults.pre_meetings


def test_the_tour_and_one_pre_meeting_per_company_are_made_in_one_step(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    fish, onsen = _companies(s, pid, "釧路水産加工", "阿寒観光")
    _answer(s, staff, pid, B5, "s4_itinerary", [{"day": "１日目", "am": "現地への移動"}])
    created = tours.create_tour(s, staff, pid, _plan([fish, onsen]))
    assert len(created) == 3
    first, second, tour = _all_events(s, pid)  # by start: the pre-meetings come first
    assert (tour.kind, tour.title, tour.place) == (
        EventKind.TOUR,
        "フィールドワークツアー",
        "釧路市役所",
    )
    assert to_jst(tour.starts_at) == datetime(2026, 10, 14, 13, tzinfo=JST)
    assert to_jst(tour.ends_at) == datetime(2026, 10, 16, 17, tzinfo=JST)  # three days
    assert tour.note == "１日目　AM：現地への移動"
    assert [e.kind for e in (first, second)] == [EventKind.PRE_MEETING] * 2
    assert [e.company_id for e in (first, second)] == [fish, onsen]
    assert [e.title for e in (first, second)] == [
        "事前顔合わせ（釧路水産加工）",
        "事前顔合わせ（阿寒観光）",
    ]
    assert {e.online_tool for e in (first, second)} == {"Zoom"}
    # 60 minutes per company, back to back, two weeks before the tour
    assert to_jst(first.starts_at) == datetime(2026, 9, 30, 13, tzinfo=JST)
    assert (
        to_jst(first.ends_at) == to_jst(second.starts_at) == datetime(2026, 9, 30, 14, tzinfo=JST)
    )
    assert to_jst(second.ends_at) == datetime(2026, 9, 30, 15, tzinfo=JST)
    # the guideline's agenda with clock times
    assert first.note.splitlines() == [
        "13:00–13:20 企業紹介（事業概要、経営課題・ビジョンの説明）（20分）",
        "13:20–13:30 高度デジタル人材の自己紹介（10分）",
        "13:30–13:50 質疑応答（20分）",
        "13:50–14:00 フィールドワークツアーで見学したい内容、"
        "開示して欲しいデータ等の要望確認（10分）",
    ]


def test_only_the_pre_meetings_or_only_the_tour(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    (fish,) = _companies(s, pid, "釧路水産加工")
    tours.create_tour(s, staff, pid, _plan([fish], tour=False))
    assert [e.kind for e in _all_events(s, pid)] == [EventKind.PRE_MEETING]
    tours.create_tour(s, staff, pid, _plan([], pre_meeting_day=None, days=5))
    tour = _all_events(s, pid)[-1]
    assert to_jst(tour.ends_at).date() == FIRST_DAY + timedelta(days=4)


def test_a_wrong_plan_is_refused_whole(write_session: Session, pid: int, staff: Actor) -> None:
    s = write_session
    (fish,) = _companies(s, pid, "釧路水産加工")
    wrong = _plan([fish], days=0, pre_meeting_day=FIRST_DAY)
    with pytest.raises(InvalidInput) as error:
        tours.create_tour(s, staff, pid, wrong)
    assert [e.key for e in error.value.errors] == [
        "tour.error.days",
        "tour.error.pre_meeting_after",
    ]
    with pytest.raises(InvalidInput) as error:
        tours.create_tour(s, staff, pid, _plan([]))
    assert [e.key for e in error.value.errors] == ["tour.error.no_companies"]
    with pytest.raises(InvalidInput) as error:
        tours.create_tour(s, staff, pid, _plan([], tour=False, pre_meeting_day=None))
    assert [e.key for e in error.value.errors] == ["tour.error.nothing"]
    assert _all_events(s, pid) == []


def test_a_company_of_another_programme_is_refused(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    region = Region(name="根室市", prefecture="北海道")
    s.add(region)
    s.flush()
    other = Programme(region_id=region.id, fiscal_year=2026, name="根室")
    s.add(other)
    s.flush()
    (elsewhere,) = _companies(s, other.id, "根室水産")
    with pytest.raises(InvalidInput) as error:
        tours.create_tour(s, staff, pid, _plan([elsewhere]))
    assert [e.key for e in error.value.errors] == ["event.error.company"]


def test_a_viewer_cannot_create_the_tour(write_session: Session, pid: int, viewer: Actor) -> None:
    with pytest.raises(AccessDenied):
        tours.create_tour(write_session, viewer, pid, _plan([], pre_meeting_day=None))


# --- the same event twice -------------------------------------------------------------------


def test_an_identical_event_is_refused_until_confirmed(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "フィールドワークツアー", start))
    # the same kind, title (spacing and case aside) and day in Japan, another hour
    again = EventInput(EventKind.TOUR, " ﾌｨｰﾙﾄﾞﾜｰｸツアー ", start + timedelta(hours=3))
    assert [r.title for r in events.duplicates(s, staff, pid, again)] == ["フィールドワークツアー"]
    with pytest.raises(InputError) as error:
        events.create_event(s, staff, pid, again)
    assert error.value.key == "event.error.duplicate"
    events.create_event(s, staff, pid, again, allow_duplicate=True)
    assert len(_all_events(s, pid)) == 2
    # another day, another kind or another title is not a repeat
    for other in (
        EventInput(EventKind.TOUR, "フィールドワークツアー", start + timedelta(days=1)),
        EventInput(EventKind.MEETUP, "フィールドワークツアー", start),
        EventInput(EventKind.TOUR, "第2回ツアー", start),
    ):
        assert events.duplicates(s, staff, pid, other) == []


def test_a_cancelled_event_is_not_a_duplicate(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    first = events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "ツアー", start))
    events.cancel_event(s, staff, first.id)
    events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "ツアー", start))


def test_repeating_the_tour_from_b5_asks_first(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    fish, onsen = _companies(s, pid, "釧路水産加工", "阿寒観光")
    plan = _plan([fish, onsen])
    assert tours.tour_duplicates(s, staff, pid, plan) == []
    tours.create_tour(s, staff, pid, plan)
    repeated = tours.tour_duplicates(s, staff, pid, plan)
    assert [r.kind for r in repeated] == [EventKind.PRE_MEETING] * 2 + [EventKind.TOUR]
    with pytest.raises(InputError) as error:
        tours.create_tour(s, staff, pid, plan)
    assert error.value.key == "event.error.duplicate"
    assert len(_all_events(s, pid)) == 3  # nothing of the refused plan was made
    tours.create_tour(s, staff, pid, plan, allow_duplicate=True)
    assert len(_all_events(s, pid)) == 6


# --- cancel and delete ----------------------------------------------------------------------


def _registered(s: Session, pid: int, event_id: int, **people: str) -> list[int]:
    rows = [
        Talent(programme_id=pid, name=name, email=email, applied_on=date(2026, 6, 1))
        for name, email in people.items()
    ]
    s.add_all(rows)
    s.flush()
    s.add_all(Attendance(event_id=event_id, talent_id=t.id) for t in rows)
    s.flush()
    return [t.id for t in rows]


def test_cancelling_keeps_the_event_and_lists_whom_to_tell(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    event = events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "ツアー", start))
    ids = _registered(s, pid, event.id, 佐藤="sato@example.jp", 鈴木="suzuki@example.jp")
    told = events.cancel_event(s, staff, event.id)
    assert [(r.name, r.email) for r in told] == [
        ("佐藤", "sato@example.jp"),
        ("鈴木", "suzuki@example.jp"),
    ]
    assert event.cancelled_at is not None
    (row,) = events.list_events(s, staff, pid)
    assert row.cancelled
    # and each of them is told by mail, with the event's day, and a link to their own page
    told_by_mail = s.exec(
        select(OutboxMail).where(OutboxMail.kind == "event_called_off").order_by(OutboxMail.id)
    ).all()
    assert [m.to_address for m in told_by_mail] == ["sato@example.jp", "suzuki@example.jp"]
    assert {m.subject for m in told_by_mail} == {"【中止のお知らせ】ツアー"}
    assert "2026年10月14日" in told_by_mail[0].body_text and "/me?t=" in told_by_mail[0].body_text
    # registrations and check-in stop
    with pytest.raises(InputError) as error:
        events.register(s, staff, event.id, ids)
    assert error.value.key == "event.error.cancelled"
    with pytest.raises(InputError):
        events.set_attendance(s, staff, event.id, {ids[0]: AttendanceStatus.ATTENDED})
    actions = s.exec(select(AuditLog.action).where(AuditLog.target == f"event:{event.id}")).all()
    assert {"event.cancel", "event.registrants"} <= set(actions)
    # and it can go ahead again
    events.restore_event(s, staff, event.id)
    assert not events.list_events(s, staff, pid)[0].cancelled
    assert events.register(s, staff, event.id, ids) == 0


def test_an_event_that_took_place_cannot_be_cancelled(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    event = events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "ツアー", start))
    (person,) = _registered(s, pid, event.id, 佐藤="sato@example.jp")
    events.set_attendance(s, staff, event.id, {person: AttendanceStatus.ATTENDED})
    with pytest.raises(InputError) as error:
        events.cancel_event(s, staff, event.id)
    assert error.value.key == "event.error.cancel_attended"


def test_a_cancelled_event_is_neither_held_nor_planned(
    write_session: Session, pid: int, staff: Actor
) -> None:
    s = write_session
    today = date(2026, 7, 1)
    now = datetime(2026, 7, 1, tzinfo=UTC)
    meetup = events.create_event(
        s, staff, pid, EventInput(EventKind.MEETUP, "ミートアップ", now + timedelta(days=30))
    )
    _registered(s, pid, meetup.id, 佐藤="sato@example.jp")
    assert meetup_registrations(s, staff, pid) == 1
    events.cancel_event(s, staff, meetup.id)
    assert meetup_registrations(s, staff, pid) == 0
    overview = programmes.programme_overview(s, staff, pid, {}, today=today)
    assert overview.steps["A-3"].facts[0].params == {"held": 0, "planned": 0}


def test_only_an_event_without_registrations_can_be_deleted(
    write_session: Session, pid: int, staff: Actor, viewer: Actor
) -> None:
    s = write_session
    start = datetime(2026, 10, 14, 13, tzinfo=JST)
    mistake = events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "誤登録", start))
    kept = events.create_event(s, staff, pid, EventInput(EventKind.TOUR, "ツアー", start))
    _registered(s, pid, kept.id, 佐藤="sato@example.jp")
    with pytest.raises(AccessDenied):
        events.delete_event(s, viewer, mistake.id)
    with pytest.raises(InputError) as error:
        events.delete_event(s, staff, kept.id)
    assert (error.value.key, error.value.params) == ("event.error.delete_registered", {"n": 1})
    assert events.delete_event(s, staff, mistake.id) == "誤登録"
    s.flush()
    assert [e.title for e in _all_events(s, pid)] == ["ツアー"]
    assert s.exec(select(func.count()).select_from(Attendance)).one() == 1
    deleted = s.exec(select(AuditLog.detail).where(AuditLog.action == "event.delete")).all()
    assert deleted == ["誤登録"]
