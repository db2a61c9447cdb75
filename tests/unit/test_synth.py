"""Synthetic data: the counts asked for, every link inside its own programme, the same rows for
the same seed, next to existing data, and the command line that makes it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from colead.__main__ import main
from colead.db import session_scope
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Talent,
    TalentSkill,
)
from colead.synth import largest_programme, synthesize

TODAY = date(2026, 11, 24)


def _count(session: Session, model: type, *where: ColumnElement[bool]) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _crossed(session: Session, link: type, parent: type, key: str) -> int:
    """Rows of `link` whose talent belongs to another programme than their `parent` row."""
    return session.exec(
        select(func.count())
        .select_from(link)
        .join(parent, col(parent.id) == getattr(link, key))  # type: ignore[attr-defined]
        .join(Talent, col(Talent.id) == link.talent_id)  # type: ignore[attr-defined]
        .where(parent.programme_id != Talent.programme_id)  # type: ignore[attr-defined]
    ).one()


def test_counts_and_every_link_stays_inside_its_programme(db_url: str) -> None:
    with session_scope(write=True) as s:
        summary = synthesize(s, regions=2, talents=60, companies=12, today=TODAY)
    with session_scope() as s:
        assert (_count(s, Region), _count(s, Programme)) == (2, 2)
        assert (_count(s, Talent), _count(s, Company)) == (60, 12)
        assert (summary.regions, summary.talents, summary.companies) == (2, 60, 12)
        assert _count(s, TalentSkill) >= 60
        assert 0.3 * 60 < _count(s, ConsentRecord) < 0.9 * 60
        assert _count(s, Attendance) == summary.attendances > 0
        assert _count(s, InformationDelivery) == summary.deliveries > 0
        assert _count(s, DeliveryRecipient) == summary.recipients > summary.deliveries
        assert _count(s, Project) == summary.projects > 0
        assert _count(s, Milestone) == summary.milestones > 0
        assert _count(s, MeetingReport) == summary.reports > 0

        kinds = set(s.exec(select(Event.kind)))
        assert kinds == set(EventKind)
        assert set(s.exec(select(Milestone.kind))) >= {
            MilestoneKind.MONTHLY_MEETING,
            MilestoneKind.INTERIM_REPORT,
            MilestoneKind.FINAL_REPORT,
        }
        statuses = set(s.exec(select(Attendance.status)))
        assert {AttendanceStatus.ATTENDED, AttendanceStatus.REGISTERED} <= statuses
        assert statuses <= set(AttendanceStatus)
        team_sizes = s.exec(
            select(func.count()).select_from(ProjectMember).group_by(ProjectMember.project_id)
        ).all()
        assert len(team_sizes) == summary.projects and all(2 <= n <= 4 for n in team_sizes)
        past = s.exec(select(Milestone).where(col(Milestone.due_on) < TODAY)).all()
        assert sum(m.done_on is not None for m in past) > len(past) / 2
        future = (col(Milestone.due_on) > TODAY, col(Milestone.done_on).is_not(None))
        assert _count(s, Milestone, *future) == 0

        assert _crossed(s, Attendance, Event, "event_id") == 0
        assert _crossed(s, DeliveryRecipient, InformationDelivery, "delivery_id") == 0
        assert _crossed(s, ProjectMember, Project, "project_id") == 0
        assert _crossed(s, MeetingReport, Project, "project_id") == 0
        for model in (Event, Project):
            foreign = s.exec(
                select(func.count())
                .select_from(model)
                .join(Company, col(Company.id) == model.company_id)  # type: ignore[attr-defined]
                .where(Company.programme_id != model.programme_id)  # type: ignore[attr-defined]
            ).one()
            assert foreign == 0, model
        project_events = s.exec(
            select(func.count())
            .select_from(Event)
            .join(Project, col(Project.id) == col(Event.project_id))
            .where(Project.programme_id != Event.programme_id)
        ).one()
        assert project_events == 0

        biggest = largest_programme(s)
        sizes = s.exec(
            select(Talent.programme_id, func.count()).group_by(col(Talent.programme_id))
        ).all()
        assert biggest == max(sizes, key=lambda row: row[1])[0]


def _people(seed: int) -> list[tuple[str, str]]:
    """Synthesizes into the (empty) database, reads the people, and rolls it all back."""
    with session_scope(write=True) as s:
        synthesize(s, regions=2, talents=30, companies=6, today=TODAY, seed=seed)
        people = [(t.name, t.email) for t in s.exec(select(Talent).order_by(col(Talent.id)))]
        s.rollback()
    return people


def test_the_same_seed_gives_the_same_people(db_url: str) -> None:
    first = _people(seed=7)
    assert len(first) == 30 and len({email for _, email in first}) == 30
    assert _people(seed=7) == first
    assert _people(seed=8) != first


def test_synthetic_regions_go_next_to_existing_data(demo_url: str) -> None:
    with session_scope() as s:
        demo_talent = _count(s, Talent)
        demo_regions = set(s.exec(select(Region.name)))
    for _ in range(2):
        with session_scope(write=True) as s:
            synthesize(s, regions=2, talents=10, companies=2, today=TODAY)
    with session_scope() as s:
        assert set(s.exec(select(Region.name))) - demo_regions == {
            "合成市01",
            "合成市02",
            "合成市03",
            "合成市04",
        }
        assert _count(s, Talent) == demo_talent + 20


def test_the_command_line_migrates_and_synthesizes(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["synth", "--regions", "3", "--talents", "40", "--companies", "9", "--seed", "2"]
    assert main([*argv, "--today", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert "3 regions" in out and "40 talents" in out and "9 companies" in out
    with session_scope() as s:
        assert (_count(s, Region), _count(s, Talent), _count(s, Company)) == (3, 40, 9)


def test_the_command_line_refuses_empty_sizes(db_url: str) -> None:
    with pytest.raises(SystemExit):
        main(["synth", "--talents", "0"])
