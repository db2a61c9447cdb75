"""The funnel on data built by hand: every stage counted once per person, scoped by region."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    Talent,
)
from colead.services.funnel import STAGES, funnels

DAY = date(2026, 6, 1)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


def _event(
    s: Session, pid: int, kind: EventKind, day: date, people: dict[int, AttendanceStatus]
) -> None:
    event = Event(programme_id=pid, kind=kind, title=kind, starts_at=_at(day))
    s.add(event)
    s.flush()
    s.add_all(Attendance(event_id=event.id, talent_id=t, status=st) for t, st in people.items())
    s.flush()


def test_each_stage_counts_distinct_people(write_session: Session, make_actor) -> None:
    s = write_session
    region, pid = _programme(s, "釧路市")
    people = [Talent(programme_id=pid, name=f"人{i}", applied_on=DAY) for i in range(5)]
    s.add_all(people)
    s.flush()
    t = [p.id for p in people]
    ok, absent = AttendanceStatus.ATTENDED, AttendanceStatus.ABSENT
    _event(s, pid, EventKind.MEETUP, DAY, {t[0]: ok, t[1]: ok, t[2]: ok, t[3]: ok, t[4]: absent})
    _event(s, pid, EventKind.MEETUP, DAY + timedelta(days=7), {t[0]: ok})  # counted once
    _event(s, pid, EventKind.TOUR, DAY + timedelta(days=30), {t[0]: ok, t[1]: ok, t[2]: ok})
    company = Company(programme_id=pid, name="釧路港水産加工")
    s.add(company)
    s.flush()
    project = Project(
        programme_id=pid,
        company_id=company.id,
        theme="歩留まり改善",
        starts_on=DAY + timedelta(days=40),
    )
    other = Project(
        programme_id=pid,
        company_id=company.id,
        theme="在庫予測",
        starts_on=DAY + timedelta(days=40),
    )
    s.add_all([project, other])
    s.flush()
    s.add_all(
        [
            ProjectMember(project_id=project.id, talent_id=t[0]),
            ProjectMember(project_id=project.id, talent_id=t[1]),
            ProjectMember(project_id=other.id, talent_id=t[2]),
        ]
    )
    final_day = DAY + timedelta(days=150)
    s.add_all(
        [
            Milestone(
                project_id=project.id,
                kind=MilestoneKind.INTERIM_REPORT,
                title="中間",
                due_on=DAY + timedelta(days=90),
                done_on=DAY + timedelta(days=90),
            ),
            Milestone(
                project_id=project.id,
                kind=MilestoneKind.FINAL_REPORT,
                title="最終",
                due_on=final_day,
                done_on=final_day,
            ),
            Milestone(
                project_id=other.id,
                kind=MilestoneKind.INTERIM_REPORT,
                title="中間",
                due_on=DAY + timedelta(days=90),
            ),  # not done
        ]
    )
    s.flush()
    _event(s, pid, EventKind.MEETUP, final_day + timedelta(days=20), {t[0]: ok})  # came back
    delivery = InformationDelivery(
        programme_id=pid,
        kind="地域イベント情報",
        channel="SNS",
        sent_on=final_day - timedelta(days=1),
        subject="x",
    )
    s.add(delivery)
    s.flush()
    s.add(DeliveryRecipient(delivery_id=delivery.id, talent_id=t[1]))  # before: not continuing
    s.flush()

    _, other_pid = _programme(s, "加賀市")
    s.add(Talent(programme_id=other_pid, name="加賀の人", applied_on=DAY))
    s.flush()

    result = funnels(s, make_actor(Role.ADMIN), [pid, other_pid])
    assert len(STAGES) == 7
    assert result[0].counts == (5, 4, 3, 3, 2, 2, 1)
    assert result[1].counts == (1, 0, 0, 0, 0, 0, 0)
    assert result[0].rates()[:3] == (None, 4 / 5, 3 / 4)
    assert result[1].rates()[2] is None  # nobody at the meetup: no rate, not a division by 0

    staff = make_actor(Role.STAFF, (region,))
    assert [f.programme_id for f in funnels(s, staff, [pid, other_pid])] == [pid]
