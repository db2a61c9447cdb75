"""Synthetic data: the counts asked for, rows tied to their own programme, the same every time,
and the command line that makes it."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, func, select

from colead.__main__ import main
from colead.db import session_scope
from colead.models import (
    Attendance,
    Company,
    DeliveryRecipient,
    Event,
    InformationDelivery,
    Project,
    ProjectMember,
    Region,
    Talent,
)
from colead.synth import largest_programme, synthesize

TODAY = date(2026, 11, 24)


def _count(model, *where) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def test_counts_and_every_link_stays_inside_its_programme(db_url: str) -> None:
    with session_scope(write=True) as s:
        summary = synthesize(s, regions=3, talents=61, companies=12, today=TODAY)
    assert (_count(Region), _count(Talent), _count(Company)) == (3, 61, 12)
    assert summary.attendances == _count(Attendance) > 0
    assert _count(InformationDelivery) == summary.deliveries > 0 and _count(DeliveryRecipient) > 0
    assert _count(Project) == summary.projects > 0
    with session_scope() as s:
        crossed = s.exec(
            select(func.count())
            .select_from(Attendance)
            .join(Event, col(Event.id) == col(Attendance.event_id))
            .join(Talent, col(Talent.id) == col(Attendance.talent_id))
            .where(Event.programme_id != Talent.programme_id)
        ).one()
        crossed += s.exec(
            select(func.count())
            .select_from(ProjectMember)
            .join(Project, col(Project.id) == col(ProjectMember.project_id))
            .join(Talent, col(Talent.id) == col(ProjectMember.talent_id))
            .where(Project.programme_id != Talent.programme_id)
        ).one()
        assert crossed == 0
        assert largest_programme(s) in set(s.exec(select(Talent.programme_id)))


def _names() -> list[str]:
    with session_scope() as s:
        return list(s.exec(select(Talent.name).order_by(Talent.id)))


def test_the_same_seed_gives_the_same_people(db_url: str) -> None:
    assert main(["synth", "--regions", "2", "--talents", "20", "--companies", "4"]) == 0
    first = _names()
    with session_scope(write=True) as s:
        synthesize(s, regions=2, talents=20, companies=4, today=TODAY)
    names = _names()
    assert names[:20] == first and names[20:] == first
