"""Programmes a user may pick, and the programme map: headline counts and each step's status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, distinct, or_
from sqlmodel import Session, col, func, select

from colead.i18n import today_in_japan
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
    Talent,
    WorksheetAnswer,
)
from colead.services.access import Actor, region_scope, require_programme


@dataclass(frozen=True)
class ProgrammeChoice:
    id: int
    region_id: int
    region_name: str
    prefecture: str
    fiscal_year: int
    name: str
    archived: bool = False  # the programme or its region is archived: read-only


def list_programmes(session: Session, actor: Actor) -> list[ProgrammeChoice]:
    """Programmes of the actor's regions, newest year first, then by region."""
    rows = session.exec(
        select(Programme, Region)
        .join(Region, col(Region.id) == col(Programme.region_id))
        .where(region_scope(actor, Programme.region_id))
        .order_by(
            (col(Programme.archived_at).is_not(None) | col(Region.archived_at).is_not(None)),
            col(Programme.fiscal_year).desc(),
            col(Region.id),
        )
    ).all()
    return [
        ProgrammeChoice(
            id=p.id,
            region_id=r.id,
            region_name=r.name,
            prefecture=r.prefecture,
            fiscal_year=p.fiscal_year,
            name=p.name,
            archived=p.archived_at is not None or r.archived_at is not None,
        )
        for p, r in rows
    ]


def list_regions(session: Session, actor: Actor) -> list[Region]:
    return list(
        session.exec(select(Region).where(region_scope(actor, Region.id)).order_by(Region.id))
    )


class StepState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class Fact:
    """A figure shown on a step, as a catalog key and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StepStatus:
    code: str
    state: StepState
    answered: int
    total: int
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Headline:
    talents: int
    companies: int
    events_held: int
    projects_running: int


@dataclass(frozen=True)
class ProgrammeOverview:
    programme: ProgrammeChoice
    headline: Headline
    steps: dict[str, StepStatus]


def _end_of_day(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def _count(session: Session, model: type, *where: Any) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _event_counts(session: Session, programme_id: int, now: datetime) -> dict[str, tuple[int, int]]:
    """{kind: (held, planned)} in one grouped query; cancelled events are neither."""
    rows = session.exec(
        select(
            Event.kind,
            func.sum(case((col(Event.starts_at) <= now, 1), else_=0)),
            func.sum(case((col(Event.starts_at) > now, 1), else_=0)),
        )
        .where(Event.programme_id == programme_id, col(Event.cancelled_at).is_(None))
        .group_by(Event.kind)
    ).all()
    return {kind: (int(held or 0), int(planned or 0)) for kind, held, planned in rows}


def _answered_by_worksheet(session: Session, programme_id: int) -> dict[str, int]:
    """Distinct questions answered per worksheet (per-company sheets count a question once)."""
    rows = session.exec(
        select(WorksheetAnswer.worksheet, func.count(distinct(WorksheetAnswer.question)))
        .where(WorksheetAnswer.programme_id == programme_id, col(WorksheetAnswer.answered))
        .group_by(WorksheetAnswer.worksheet)
    ).all()
    return dict(rows)


def _state(answered: int, total: int, activity: StepState) -> StepState:
    if total and answered >= total:
        worksheet_state = StepState.DONE
    elif answered:
        worksheet_state = StepState.IN_PROGRESS
    else:
        worksheet_state = StepState.NOT_STARTED
    order = list(StepState)
    return max(worksheet_state, activity, key=order.index)


def _event_activity(held: int, planned: int) -> StepState:
    if held:
        return StepState.DONE
    return StepState.IN_PROGRESS if planned else StepState.NOT_STARTED


def programme_overview(
    session: Session,
    actor: Actor,
    programme_id: int,
    question_totals: dict[str, int],
    today: date | None = None,
) -> ProgrammeOverview:
    """Headline counts and every step's status for the programme map.

    `question_totals` is {worksheet code: number of questions}, from the declarations.
    """
    programme = require_programme(session, actor, programme_id)
    region = session.get(Region, programme.region_id)
    today = today or today_in_japan()
    now = _end_of_day(today)
    pid = programme.id

    talents = _count(session, Talent, Talent.programme_id == pid)
    companies = _count(session, Company, Company.programme_id == pid)
    events = _event_counts(session, pid, now)
    events_held = sum(held for held, _ in events.values())
    running = and_(
        col(Project.starts_on) <= today,
        or_(col(Project.ends_on).is_(None), col(Project.ends_on) >= today),
    )
    projects_total = _count(session, Project, Project.programme_id == pid)
    projects_running = _count(session, Project, Project.programme_id == pid, running)
    deliveries = _count(session, InformationDelivery, InformationDelivery.programme_id == pid)
    finals = session.exec(
        select(func.count(), func.count(Milestone.done_on))
        .select_from(Milestone)
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .where(Project.programme_id == pid, Milestone.kind == MilestoneKind.FINAL_REPORT)
    ).one()
    answered = _answered_by_worksheet(session, pid)

    meetups = events.get(EventKind.MEETUP, (0, 0))
    tours = events.get(EventKind.TOUR, (0, 0))
    some = StepState.IN_PROGRESS
    none = StepState.NOT_STARTED
    activity: dict[str, tuple[StepState, tuple[Fact, ...]]] = {
        "A-1": (none, ()),
        "A-2": (some if talents else none, (Fact("fact.talents", {"n": talents}),)),
        "A-3": (
            _event_activity(*meetups),
            (Fact("fact.events", {"held": meetups[0], "planned": meetups[1]}),),
        ),
        "A-4": (some if deliveries else none, (Fact("fact.deliveries", {"n": deliveries}),)),
        "B-1": (none, ()),
        "B-2": (some if companies else none, (Fact("fact.companies", {"n": companies}),)),
        "B-3": (none, ()),
        "B-4": (some if deliveries else none, (Fact("fact.deliveries", {"n": deliveries}),)),
        "B-5": (
            _event_activity(*tours),
            (Fact("fact.events", {"held": tours[0], "planned": tours[1]}),),
        ),
        "B-6": (
            StepState.DONE
            if finals[0] and finals[0] == finals[1]
            else (some if projects_total else none),
            (Fact("fact.projects", {"running": projects_running, "total": projects_total}),),
        ),
    }
    steps = {}
    for code, (act, facts) in activity.items():
        total = question_totals.get(code, 0)
        done = min(answered.get(code, 0), total) if total else answered.get(code, 0)
        steps[code] = StepStatus(
            code=code, state=_state(done, total, act), answered=done, total=total, facts=facts
        )
    return ProgrammeOverview(
        programme=ProgrammeChoice(
            id=pid,
            region_id=region.id,
            region_name=region.name,
            prefecture=region.prefecture,
            fiscal_year=programme.fiscal_year,
            name=programme.name,
            archived=programme.archived_at is not None or region.archived_at is not None,
        ),
        headline=Headline(
            talents=talents,
            companies=companies,
            events_held=events_held,
            projects_running=projects_running,
        ),
        steps=steps,
    )
