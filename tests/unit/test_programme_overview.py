"""The programme map's counts and step states on data built by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from colead.models import (
    Company,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    Region,
    Role,
    Talent,
    WorksheetAnswer,
)
from colead.services.programmes import StepState, programme_overview

TODAY = date(2026, 11, 24)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _programme(session: Session) -> int:
    region = Region(name="加賀市", prefecture="石川県")
    session.add(region)
    session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="加賀")
    session.add(programme)
    session.flush()
    return programme.id


def test_empty_programme_has_nothing_started(write_session: Session, make_actor) -> None:
    pid = _programme(write_session)
    overview = programme_overview(
        write_session, make_actor(Role.ADMIN), pid, {"A-1": 10}, today=TODAY
    )
    assert overview.headline.talents == 0
    assert {s.state for s in overview.steps.values()} == {StepState.NOT_STARTED}
    assert overview.steps["A-1"].total == 10


def test_counts_and_states_follow_the_records(write_session: Session, make_actor) -> None:
    pid = _programme(write_session)
    s = write_session
    s.add_all(Talent(programme_id=pid, name=f"人材{i}", applied_on=TODAY) for i in range(3))
    companies = [Company(programme_id=pid, name=f"企業{i}") for i in range(2)]
    s.add_all(companies)
    s.flush()
    s.add_all(
        [
            Event(
                programme_id=pid,
                kind=EventKind.MEETUP,
                title="m1",
                starts_at=_at(TODAY - timedelta(days=30)),
            ),
            Event(
                programme_id=pid,
                kind=EventKind.MEETUP,
                title="m2",
                starts_at=_at(TODAY + timedelta(days=5)),
            ),
            Event(
                programme_id=pid,
                kind=EventKind.TOUR,
                title="t1",
                starts_at=_at(TODAY + timedelta(days=20)),
            ),
            InformationDelivery(
                programme_id=pid, kind="地域イベント情報", channel="SNS", sent_on=TODAY, subject="x"
            ),
        ]
    )
    running = Project(
        programme_id=pid,
        company_id=companies[0].id,
        theme="a",
        starts_on=TODAY - timedelta(days=60),
        ends_on=TODAY + timedelta(days=60),
    )
    finished = Project(
        programme_id=pid,
        company_id=companies[1].id,
        theme="b",
        starts_on=TODAY - timedelta(days=300),
        ends_on=TODAY - timedelta(days=1),
    )
    s.add_all([running, finished])
    s.flush()
    s.add(
        Milestone(
            project_id=running.id,
            kind=MilestoneKind.FINAL_REPORT,
            title="final",
            due_on=TODAY + timedelta(days=50),
        )
    )
    s.add_all(
        WorksheetAnswer(programme_id=pid, worksheet="A-1", question=q, value="x", answered=True)
        for q in ("q1", "q2")
    )
    s.add(
        WorksheetAnswer(programme_id=pid, worksheet="A-2", question="q1", value="", answered=False)
    )  # cleared again: not progress
    s.flush()

    overview = programme_overview(s, make_actor(Role.ADMIN), pid, {"A-1": 2, "A-2": 4}, today=TODAY)
    assert overview.headline.talents == 3
    assert overview.headline.companies == 2
    assert overview.headline.events_held == 1
    assert overview.headline.projects_running == 1
    steps = overview.steps
    assert steps["A-1"].state == StepState.DONE and steps["A-1"].answered == 2
    assert steps["A-2"].state == StepState.IN_PROGRESS
    assert steps["A-2"].answered == 0
    assert steps["A-3"].state == StepState.DONE  # a meetup was held
    assert steps["B-5"].state == StepState.IN_PROGRESS  # the tour is only planned
    assert steps["B-6"].state == StepState.IN_PROGRESS  # final report not done yet
    assert steps["B-1"].state == StepState.NOT_STARTED
    assert steps["A-3"].facts[0].params == {"held": 1, "planned": 1}


def test_the_map_counts_projects_running_on_the_day_in_japan(
    write_session: Session, make_actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """At 16:00 UTC on New Year's Day 2030 it is already January 2 in Japan: a project
    starting on the 2nd is running (the server's own clock and date say otherwise)."""
    import colead.i18n

    class _Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return datetime(2030, 1, 1, 16, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(colead.i18n, "datetime", _Clock)
    pid = _programme(write_session)
    company = Company(programme_id=pid, name="企業")
    write_session.add(company)
    write_session.flush()
    write_session.add(
        Project(programme_id=pid, company_id=company.id, theme="DX", starts_on=date(2030, 1, 2))
    )
    write_session.flush()
    overview = programme_overview(write_session, make_actor(Role.ADMIN), pid, {"A-1": 10})
    assert overview.headline.projects_running == 1
