"""The programme funnel, counted in SQL: one grouped query per stage for any set of programmes.

応募・登録 → ミートアップ参加 → ツアー参加 → プロジェクト参画 → 中間報告 → 最終報告 → 継続関係,
each as distinct people:
- ミートアップ参加 / ツアー参加: checked in (attended) at a meetup / fieldwork tour;
- プロジェクト参画: a member of a collaboration project;
- 中間報告 / 最終報告: a member of a project whose interim / final report milestone is done;
- 継続関係: after that final report, still attended an event or received information.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, distinct, or_
from sqlmodel import Session, col, exists, func, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    DeliveryRecipient,
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


def _attended(kind: EventKind, programme_ids: list[int]) -> Select:
    return (
        select(Event.programme_id, func.count(distinct(Attendance.talent_id)))
        .join(Attendance, col(Attendance.event_id) == col(Event.id))
        .where(
            col(Event.programme_id).in_(programme_ids),
            Event.kind == kind,
            Attendance.status == AttendanceStatus.ATTENDED,
        )
        .group_by(Event.programme_id)
    )


def _members(programme_ids: list[int], *where: ColumnElement[bool]) -> Select:
    return (
        select(Project.programme_id, func.count(distinct(ProjectMember.talent_id)))
        .join(ProjectMember, col(ProjectMember.project_id) == col(Project.id))
        .where(col(Project.programme_id).in_(programme_ids), *where)
        .group_by(Project.programme_id)
    )


def _milestone_done(kind: MilestoneKind) -> ColumnElement[bool]:
    return exists().where(
        col(Milestone.project_id) == col(Project.id),
        Milestone.kind == kind,
        col(Milestone.done_on).is_not(None),
    )


def _continuing() -> ColumnElement[bool]:
    """A member active after the project's final report: attended, or received information."""
    final_done = (
        select(func.max(Milestone.done_on))
        .where(
            col(Milestone.project_id) == col(Project.id),
            Milestone.kind == MilestoneKind.FINAL_REPORT,
        )
        .scalar_subquery()
    )
    attended_after = exists().where(
        col(Attendance.talent_id) == col(ProjectMember.talent_id),
        Attendance.status == AttendanceStatus.ATTENDED,
        col(Attendance.event_id).in_(
            select(Event.id).where(func.date(Event.starts_at) > final_done)
        ),
    )
    informed_after = exists().where(
        col(DeliveryRecipient.talent_id) == col(ProjectMember.talent_id),
        col(DeliveryRecipient.delivery_id).in_(
            select(InformationDelivery.id).where(InformationDelivery.sent_on > final_done)
        ),
    )
    return or_(attended_after, informed_after)


def funnels(session: Session, actor: Actor, programme_ids: list[int]) -> list[Funnel]:
    """The funnel of each programme the actor may see among `programme_ids`, in that order."""
    visible = session.exec(
        select(Programme.id).where(
            col(Programme.id).in_(programme_ids), programme_scope(actor, Programme.id)
        )
    ).all()
    ids = [pid for pid in programme_ids if pid in set(visible)]
    if not ids:
        return []
    queries = (
        select(Talent.programme_id, func.count())
        .where(col(Talent.programme_id).in_(ids))
        .group_by(Talent.programme_id),
        _attended(EventKind.MEETUP, ids),
        _attended(EventKind.TOUR, ids),
        _members(ids),
        _members(ids, _milestone_done(MilestoneKind.INTERIM_REPORT)),
        _members(ids, _milestone_done(MilestoneKind.FINAL_REPORT)),
        _members(ids, _milestone_done(MilestoneKind.FINAL_REPORT), _continuing()),
    )
    per_stage = [dict(session.exec(query).all()) for query in queries]
    return [Funnel(pid, tuple(int(stage.get(pid, 0)) for stage in per_stage)) for pid in ids]
