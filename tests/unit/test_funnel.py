"""The funnel on data built by hand: every stage counted once per person, scoped by region."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
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
from colead.services.errors import InputError
from colead.services.funnel import STAGES, funnels
from colead.services.trends import Period

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


JST = timezone(timedelta(hours=9))
FY2026 = Period(date(2026, 4, 1), date(2027, 3, 31))


def _jst(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Japan, stored (as the app does) as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST).astimezone(UTC)


def _event_at(s: Session, pid: int, kind: EventKind, at: datetime, people: list[int]) -> None:
    event = Event(programme_id=pid, kind=kind, title=kind, starts_at=at)
    s.add(event)
    s.flush()
    s.add_all(
        Attendance(event_id=event.id, talent_id=t, status=AttendanceStatus.ATTENDED) for t in people
    )
    s.flush()


def _project(
    s: Session, pid: int, company: int, starts: date, members: list[int], **reports: date
) -> None:
    """A project; `interim=`/`final=` add that report, due and held on the given day."""
    project = Project(programme_id=pid, company_id=company, theme="t", starts_on=starts)
    s.add(project)
    s.flush()
    s.add_all(ProjectMember(project_id=project.id, talent_id=t) for t in members)
    kinds = {"interim": MilestoneKind.INTERIM_REPORT, "final": MilestoneKind.FINAL_REPORT}
    s.add_all(
        Milestone(project_id=project.id, kind=kinds[k], title=k, due_on=day, done_on=day)
        for k, day in reports.items()
    )
    s.flush()


def _delivered(s: Session, pid: int, day: date, people: list[int]) -> None:
    delivery = InformationDelivery(
        programme_id=pid, kind="k", channel="c", sent_on=day, subject="s"
    )
    s.add(delivery)
    s.flush()
    s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in people)
    s.flush()


def _dated_programme(s: Session) -> tuple[int, int]:
    """Records on both sides of fiscal year 2026's edges, each stage dated its own way."""
    region, pid = _programme(s, "釧路市")
    applied = [date(2026, 5, 1)] * 4 + [date(2026, 3, 31), date(2027, 4, 1)]
    people = [Talent(programme_id=pid, name=f"人{i}", applied_on=d) for i, d in enumerate(applied)]
    company = Company(programme_id=pid, name="釧路港水産加工")
    s.add_all([*people, company])
    s.flush()
    p = [person.id for person in people]
    # 08:00 on 1 April in Japan is still 31 March in UTC: inside the fiscal year.
    _event_at(s, pid, EventKind.MEETUP, _jst(date(2026, 4, 1), 8), p[:3])
    # 08:00 on 1 April 2027 in Japan is 31 March in UTC: outside. p1 came back after the final.
    _event_at(s, pid, EventKind.MEETUP, _jst(date(2027, 4, 1), 8), [p[3], p[1]])
    _event_at(s, pid, EventKind.TOUR, _jst(date(2027, 3, 31), 20), [p[0], p[3]])
    _event_at(s, pid, EventKind.TOUR, _jst(date(2026, 3, 31), 23, 30), [p[2]])
    _project(
        s, pid, company.id, date(2026, 7, 1), p[:2],
        interim=date(2026, 10, 1), final=date(2027, 2, 20),
    )  # fmt: skip
    _project(  # started the year before: its members and reports belong to that year
        s, pid, company.id, date(2026, 3, 1), [p[2]],
        interim=date(2026, 5, 1), final=date(2026, 6, 1),
    )  # fmt: skip
    _project(s, pid, company.id, date(2026, 8, 1), [p[3]], interim=date(2027, 5, 1))
    _delivered(s, pid, date(2027, 3, 1), [p[0], p[2]])  # after both final reports
    return region, pid


def test_without_a_period_every_record_counts(write_session: Session, make_actor) -> None:
    _, pid = _dated_programme(write_session)
    (funnel,) = funnels(write_session, make_actor(Role.ADMIN), [pid])
    assert funnel.counts == (6, 4, 3, 4, 4, 3, 3)


def test_a_period_counts_each_stage_by_its_own_date(write_session: Session, make_actor) -> None:
    _, pid = _dated_programme(write_session)
    (funnel,) = funnels(write_session, make_actor(Role.ADMIN), [pid], FY2026)
    # registered: applied within the year (not 31 March, not 1 April 2027); meetup: the
    # 1 April 08:00 JST meetup only; tour: 31 March 2027 20:00 JST only; project: the two
    # projects started in the year; interim/final: reports due in the year; continuing: p0's
    # delivery (p1 came back only on 1 April 2027, p2's project belongs to the year before).
    assert funnel.counts == (4, 3, 2, 3, 2, 2, 1)
    assert funnel.rates()[1] == 3 / 4


def test_reports_due_after_the_period_are_not_counted_in_it(
    write_session: Session, make_actor
) -> None:
    _, pid = _dated_programme(write_session)
    half = Period(date(2026, 4, 1), date(2026, 9, 30))
    (funnel,) = funnels(write_session, make_actor(Role.ADMIN), [pid], half)
    assert funnel.counts == (4, 3, 0, 3, 0, 0, 0)


def test_a_period_keeps_the_scope_and_refuses_to_run_backwards(
    write_session: Session, make_actor
) -> None:
    _, pid = _dated_programme(write_session)
    other_region, other_pid = _programme(write_session, "加賀市")
    stranger = make_actor(Role.STAFF, (other_region,))
    assert funnels(write_session, stranger, [pid], FY2026) == []
    assert [f.programme_id for f in funnels(write_session, stranger, [pid, other_pid], FY2026)] == [
        other_pid
    ]
    backwards = Period(date(2027, 1, 1), date(2026, 1, 1))
    with pytest.raises(InputError):
        funnels(write_session, make_actor(Role.ADMIN), [pid], backwards)


def test_continuing_is_judged_against_the_persons_own_final_report(
    write_session: Session, make_actor
) -> None:
    """Another project's later final report (even in another region) must not hide that a
    member came back after their own; an evening event counts on its day in Japan."""
    s = write_session
    _, pid = _programme(s, "釧路市")
    _, other_pid = _programme(s, "加賀市")
    here = Talent(programme_id=pid, name="戻ってきた人", applied_on=DAY)
    late = Talent(programme_id=other_pid, name="別地域の人", applied_on=DAY)
    company = Company(programme_id=pid, name="釧路港水産加工")
    other_company = Company(programme_id=other_pid, name="加賀の旅館")
    s.add_all([here, late, company, other_company])
    s.flush()
    _project(s, pid, company.id, date(2026, 4, 1), [here.id], final=date(2026, 6, 1))
    _project(s, other_pid, other_company.id, date(2026, 4, 1), [late.id], final=date(2026, 9, 1))
    _event_at(s, pid, EventKind.MEETUP, _jst(date(2026, 7, 1), 19), [here.id])
    admin = make_actor(Role.ADMIN)
    (funnel,) = funnels(s, admin, [pid])
    assert dict(zip(STAGES, funnel.counts, strict=True))["continuing"] == 1

    # the same evening event one day earlier in UTC terms: 00:30 on 2 June in Japan still counts
    night_owl = Talent(programme_id=pid, name="深夜の人", applied_on=DAY)
    s.add(night_owl)
    s.flush()
    _project(s, pid, company.id, date(2026, 4, 1), [night_owl.id], final=date(2026, 6, 1))
    _event_at(s, pid, EventKind.MEETUP, _jst(date(2026, 6, 2), 0, 30), [night_owl.id])
    (funnel,) = funnels(s, admin, [pid])
    assert dict(zip(STAGES, funnel.counts, strict=True))["continuing"] == 2


def test_an_unconfirmed_application_is_left_out_until_its_link_is_opened(
    write_session: Session, make_actor
) -> None:
    """Double opt-in (#12): a public application counts in 応募・登録 once confirmed."""
    from colead.services.public_apply import confirm

    s = write_session
    region, pid = _programme(s, "釧路市")
    staff = make_actor(Role.STAFF, (region,))
    known = Talent(programme_id=pid, name="登録済み", applied_on=DAY)
    waiting = Talent(programme_id=pid, name="未確認", applied_on=DAY, awaiting_confirmation=True)
    s.add_all([known, waiting])
    s.flush()
    assert funnels(s, staff, [pid])[0].counts[0] == 1
    assert confirm(s, waiting)
    assert funnels(s, staff, [pid])[0].counts[0] == 2
