"""Breakout groups read from the database, on data built by hand: who is grouped, their talent
types, the checks, the scope, the export frame, and a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event as sa_event
from sqlmodel import Session, select

from colead.i18n import to_jst
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Event,
    EventKind,
    Programme,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services.access import AccessDenied, Actor
from colead.services.breakout import Attendee
from colead.services.breakout_groups import (
    BreakoutPlan,
    groups_for_event,
    groups_frame,
    meetup_attendees,
    record_export,
)
from colead.services.errors import InputError

START = datetime(2026, 7, 4, 10, tzinfo=UTC)  # 19:00 JST
REG, OK, ABSENT, CANCELLED = (
    AttendanceStatus.REGISTERED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.CANCELLED,
)
SEC, DS, UX, ENG, BIZ = list(SkillType)


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


def _person(
    s: Session,
    pid: int,
    name: str,
    skills: tuple[SkillType, ...] = (),
    status: TalentStatus = TalentStatus.ACTIVE,
) -> int:
    talent = Talent(programme_id=pid, name=name, status=status, applied_on=date(2026, 6, 1))
    s.add(talent)
    s.flush()
    s.add_all(TalentSkill(talent_id=talent.id, skill_type=skill) for skill in skills)
    return talent.id


def _event(s: Session, pid: int, kind: EventKind = EventKind.MEETUP) -> int:
    event = Event(programme_id=pid, kind=kind, title="オンラインミートアップ", starts_at=START)
    s.add(event)
    s.flush()
    return event.id


def _attend(s: Session, event_id: int, statuses: dict[int, AttendanceStatus]) -> None:
    s.add_all(Attendance(event_id=event_id, talent_id=t, status=st) for t, st in statuses.items())
    s.flush()


def _names(people: list[Attendee]) -> list[str]:
    return [p.name for p in people]


# --- who is grouped ---------------------------------------------------------------------------


def test_the_attended_are_grouped_once_anyone_is_checked_in(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    came = _person(s, setting.pid, "青木", (DS,))
    also = _person(s, setting.pid, "井上", (ENG,))
    only_registered = _person(s, setting.pid, "上田", (UX,))
    absent = _person(s, setting.pid, "江藤", (SEC,))
    cancelled = _person(s, setting.pid, "大野", (BIZ,))
    left = _person(s, setting.pid, "加藤", (DS,), TalentStatus.WITHDRAWN)
    meetup = _event(s, setting.pid)
    _attend(
        s,
        meetup,
        {came: OK, also: OK, only_registered: REG, absent: ABSENT, cancelled: CANCELLED, left: OK},
    )
    event, people = meetup_attendees(s, setting.staff, meetup)
    assert event.id == meetup
    assert _names(people) == ["井上", "青木"]  # by name
    plan = groups_for_event(s, setting.viewer, meetup)  # reading: viewers too
    assert plan.basis == "attended"
    assert sorted(p.name for g in plan.groups for p in g) == sorted(["青木", "井上"])
    assert (plan.event_title, to_jst(plan.starts_at)) == ("オンラインミートアップ", to_jst(START))


def test_before_check_in_the_registered_are_grouped(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    ids = {
        name: _person(s, setting.pid, name, skills, status)
        for name, skills, status in (
            ("佐藤", (SEC,), TalentStatus.ACTIVE),
            ("鈴木", (), TalentStatus.APPLIED),
            ("高橋", (UX, DS), TalentStatus.PAUSED),
            ("田中", (ENG,), TalentStatus.ACTIVE),
            ("伊藤", (BIZ,), TalentStatus.WITHDRAWN),
        )
    }
    meetup = _event(s, setting.pid)
    _attend(
        s,
        meetup,
        {
            ids["佐藤"]: REG,
            ids["鈴木"]: REG,
            ids["高橋"]: REG,
            ids["田中"]: ABSENT,
            ids["伊藤"]: REG,
        },
    )
    elsewhere = _person(s, setting.other_pid, "小松の人", (SEC,))
    _attend(s, meetup, {elsewhere: REG})  # not through `register`: another programme's person
    plan = groups_for_event(s, setting.staff, meetup)
    assert plan.basis == "registered"
    grouped = {p.name: p for g in plan.groups for p in g}
    assert set(grouped) == {"佐藤", "鈴木", "高橋"}
    assert grouped["高橋"].skills == ("data_scientist", "ux_designer")  # SkillType's order
    assert grouped["鈴木"].skills == ()
    assert plan.people == 3 and len(plan.groups) == 1


def test_nobody_to_group_makes_no_groups(write_session: Session, setting: Setting) -> None:
    s = write_session
    meetup = _event(s, setting.pid)
    gone = _person(s, setting.pid, "欠席者")
    _attend(s, meetup, {gone: ABSENT})
    plan = groups_for_event(s, setting.staff, meetup)
    assert (plan.people, plan.groups, plan.basis) == (0, [], "registered")


def test_talent_types_are_read_in_the_declared_order(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    meetup = _event(s, setting.pid)
    person = _person(s, setting.pid, "全部できる人", (BIZ, SEC, ENG, UX, DS))
    _attend(s, meetup, {person: OK})
    _, people = meetup_attendees(s, setting.staff, meetup)
    assert people[0].skills == tuple(s.value for s in SkillType)  # the first is the primary


# --- groups -----------------------------------------------------------------------------------


def test_groups_are_about_five_with_talent_types_mixed(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    meetup = _event(s, setting.pid)
    kinds = [SEC, DS, UX, ENG, BIZ, DS, DS, ENG, ENG, ENG, UX, BIZ, SEC]  # 13 people
    people = [_person(s, setting.pid, f"人材{i:02d}", (k,)) for i, k in enumerate(kinds)]
    _attend(s, meetup, dict.fromkeys(people, OK))
    plan = groups_for_event(s, setting.staff, meetup)
    assert sorted(len(g) for g in plan.groups) == [4, 4, 5]
    assert sorted(p.talent_id for g in plan.groups for p in g) == sorted(people)
    for skill in SkillType:
        per_group = [sum(p.skills[0] == skill for p in g) for g in plan.groups]
        assert max(per_group) - min(per_group) <= 1, skill
    assert Counter(len(g) for g in groups_for_event(s, setting.staff, meetup, 3).groups) == {
        3: 3,
        4: 1,
    }
    assert [len(g) for g in groups_for_event(s, setting.staff, meetup, 10).groups] == [13]


@pytest.mark.parametrize("size", [2, 11, 0, -5])
def test_a_group_size_outside_three_to_ten_is_refused(
    write_session: Session, setting: Setting, size: int
) -> None:
    meetup = _event(write_session, setting.pid)
    with pytest.raises(InputError) as error:
        groups_for_event(write_session, setting.staff, meetup, size)
    assert (error.value.key, error.value.params) == ("breakout.error.size", {"low": 3, "high": 10})


# --- checks and scope -------------------------------------------------------------------------


def test_only_a_meetup_is_split_into_groups(write_session: Session, setting: Setting) -> None:
    s = write_session
    for kind in set(EventKind) - {EventKind.MEETUP}:
        tour = _event(s, setting.pid, kind)
        with pytest.raises(InputError) as error:
            groups_for_event(s, setting.staff, tour)
        assert error.value.key == "breakout.error.not_meetup"
        with pytest.raises(InputError):
            meetup_attendees(s, setting.staff, tour)


def test_another_regions_meetup_is_denied(write_session: Session, setting: Setting) -> None:
    s = write_session
    meetup = _event(s, setting.pid)
    _attend(s, meetup, {_person(s, setting.pid, "加賀の人"): OK})
    for call in (groups_for_event, meetup_attendees):
        with pytest.raises(AccessDenied):
            call(s, setting.outsider, meetup)
        with pytest.raises(AccessDenied):
            call(s, setting.staff, 987654)  # missing: told exactly as another region's


def test_the_number_of_queries_does_not_grow_with_the_people(
    write_session: Session, setting: Setting
) -> None:
    s = write_session

    def meetup_of(n: int) -> int:
        meetup = _event(s, setting.pid)
        people = [
            _person(s, setting.pid, f"参加者{n}-{i}", tuple(list(SkillType)[i % 5 : i % 5 + 2]))
            for i in range(n)
        ]
        _attend(s, meetup, dict.fromkeys(people, REG))
        return meetup

    small, large = meetup_of(3), meetup_of(60)
    s.expire_all()  # nothing comes from the identity map

    @contextmanager
    def counted() -> Iterator[list[str]]:
        statements: list[str] = []

        def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        engine = s.get_bind()
        sa_event.listen(engine, "before_cursor_execute", count)
        try:
            yield statements
        finally:
            sa_event.remove(engine, "before_cursor_execute", count)

    with counted() as few:
        assert groups_for_event(s, setting.staff, small).people == 3
    s.expire_all()
    with counted() as many:
        assert groups_for_event(s, setting.staff, large).people == 60
    assert 0 < len(many) == len(few) <= 4, many


# --- export -----------------------------------------------------------------------------------


def test_the_frame_has_a_row_a_person_group_by_group() -> None:
    plan = BreakoutPlan(
        event_title="ミートアップ",
        starts_at=START,
        basis="attended",
        groups=[
            [Attendee(1, "青木", ("data_scientist", "ux_designer")), Attendee(2, "井上", ())],
            [Attendee(3, "上田", ("engineer",)), Attendee(4, "江藤", ("new_kind",))],
        ],
    )
    labels = {"data_scientist": "データサイエンティスト", "ux_designer": "UI/UXデザイナー"}
    labels["engineer"] = "エンジニア・オペレータ"
    frame = groups_frame(plan, labels)
    assert list(frame.columns) == ["グループ", "氏名", "人材タイプ"]
    assert frame.values.tolist() == [
        [1, "青木", "データサイエンティスト、UI/UXデザイナー"],
        [1, "井上", ""],
        [2, "上田", "エンジニア・オペレータ"],
        [2, "江藤", "new_kind"],  # a type without a label shows as stored, never dropped
    ]
    english = groups_frame(plan, labels, ("Group", "Name", "Talent types"))
    assert list(english.columns) == ["Group", "Name", "Talent types"]
    empty = groups_frame(BreakoutPlan("x", START, "registered", []), labels)
    assert list(empty.columns) == ["グループ", "氏名", "人材タイプ"] and empty.empty


def test_an_export_is_written_to_the_audit_log(write_session: Session, setting: Setting) -> None:
    s = write_session
    meetup = _event(s, setting.pid)
    record_export(s, setting.viewer, meetup, 12, "csv")
    s.flush()
    log = s.exec(select(AuditLog).where(AuditLog.action == "breakout.export")).one()
    assert (log.username, log.target, log.detail) == (
        setting.viewer.username,
        f"event:{meetup}",
        "12 people, csv",
    )
    with pytest.raises(AccessDenied):
        record_export(s, setting.outsider, meetup, 12, "csv")
