"""The programme funnel, counted in SQL: one grouped query per stage for any set of programmes.

応募・登録 → ミートアップ参加 → ツアー参加 → プロジェクト参画 → 中間報告 → 最終報告 → 継続関係,
each as distinct people:
- 応募・登録: registered, except applications from the public page whose mailed link was not
  opened yet (未確認: `awaiting_confirmation`);
- ミートアップ参加 / ツアー参加: checked in (attended) at a meetup / fieldwork tour;
- プロジェクト参画: a member of a collaboration project;
- 中間報告 / 最終報告: a member of a project whose interim / final report milestone is done;
- 継続関係: after that final report, still attended an event or received information.

With a `Period`, each stage counts what happened in it, dated the way a person reads the record:
talent by `applied_on`, meetups and tours by the event's `starts_at` (as a day in Japan, so an
08:00 JST event on April 1 is in a period starting April 1), project membership by the
project's `starts_on`, interim and final reports by the milestone's `due_on` (the date the
timeline shows), and the continuing relationship by the date of the later event or delivery
(`sent_on`). A report is only counted for members of a project started in the period, so that
no stage counts people the stage before it could not: the funnel stays a funnel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct
from sqlmodel import Session, col, exists, func, select

from colead.i18n import jst_midnight
from colead.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Talent,
)
from colead.services.access import Actor, programme_scope
from colead.services.continuing import active_after_final_report
from colead.services.trends import Period

STAGES = ("registered", "meetup", "tour", "project", "interim", "final", "continuing")


@dataclass(frozen=True)
class Funnel:
    programme_id: int
    counts: tuple[int, ...]  # in STAGES order

    def rates(self) -> tuple[float | None, ...]:
        """Each stage as a share of the one before it (None where that one is 0)."""
        return (
            None,
            *(
                (current / previous if previous else None)
                for previous, current in zip(self.counts, self.counts[1:], strict=False)
            ),
        )


def _days(column: Any, period: Period | None) -> list[ColumnElement[bool]]:
    """`column` within the period's days, both ends included (nothing when no period)."""
    if period is None:
        return []
    return [col(column) >= period.start, col(column) <= period.end]


def _moments(column: Any, period: Period | None) -> list[ColumnElement[bool]]:
    """A stored UTC moment within the period's days as they are in Japan."""
    if period is None:
        return []
    start, end = jst_midnight(period.start), jst_midnight(period.end + timedelta(days=1))
    return [col(column) >= start, col(column) < end]


def _attended(kind: EventKind, programme_ids: list[int], period: Period | None) -> Select:
    return (
        select(Event.programme_id, func.count(distinct(Attendance.talent_id)))
        .join(Attendance, col(Attendance.event_id) == col(Event.id))
        .where(
            col(Event.programme_id).in_(programme_ids),
            Event.kind == kind,
            Attendance.status == AttendanceStatus.ATTENDED,
            *_moments(Event.starts_at, period),
        )
        .group_by(Event.programme_id)
    )


def _members(
    programme_ids: list[int], period: Period | None, *where: ColumnElement[bool]
) -> Select:
    return (
        select(Project.programme_id, func.count(distinct(ProjectMember.talent_id)))
        .join(ProjectMember, col(ProjectMember.project_id) == col(Project.id))
        .where(
            col(Project.programme_id).in_(programme_ids),
            *_days(Project.starts_on, period),
            *where,
        )
        .group_by(Project.programme_id)
    )


def _milestone_done(kind: MilestoneKind, period: Period | None) -> ColumnElement[bool]:
    return exists().where(
        col(Milestone.project_id) == col(Project.id),
        Milestone.kind == kind,
        col(Milestone.done_on).is_not(None),
        *_days(Milestone.due_on, period),
    )


def _continuing(period: Period | None) -> ColumnElement[bool]:
    """A member active after the project's final report (attended, or received information),
    within the period."""
    return active_after_final_report(
        _moments(Event.starts_at, period), _days(InformationDelivery.sent_on, period)
    )


def funnels(
    session: Session, actor: Actor, programme_ids: list[int], period: Period | None = None
) -> list[Funnel]:
    """The funnel of each programme the actor may see among `programme_ids`, in that order.

    Without a period every record counts; with one, each stage counts only what happened in it
    (see the module's docstring for which date each stage is read by). An inverted period raises
    InputError, as the other dashboard queries do.
    """
    if period is not None:
        period.check()
    visible = session.exec(
        select(Programme.id).where(
            col(Programme.id).in_(programme_ids), programme_scope(actor, Programme.id)
        )
    ).all()
    ids = [pid for pid in programme_ids if pid in set(visible)]
    if not ids:
        return []
    report = _milestone_done(MilestoneKind.INTERIM_REPORT, period)
    final = _milestone_done(MilestoneKind.FINAL_REPORT, period)
    queries = (
        select(Talent.programme_id, func.count())
        .where(
            col(Talent.programme_id).in_(ids),
            ~col(Talent.awaiting_confirmation),  # a public application counts once confirmed
            *_days(Talent.applied_on, period),
        )
        .group_by(Talent.programme_id),
        _attended(EventKind.MEETUP, ids, period),
        _attended(EventKind.TOUR, ids, period),
        _members(ids, period),
        _members(ids, period, report),
        _members(ids, period, final),
        _members(ids, period, final, _continuing(period)),
    )
    per_stage = [dict(session.exec(query).all()) for query in queries]
    return [Funnel(pid, tuple(int(stage.get(pid, 0)) for stage in per_stage)) for pid in ids]
