"""継続関係 in SQL: a project member still in touch after the project's final report.

Shared by the funnel's last stage and the relationship ladder, so both count the same people.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col, exists, func, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    DeliveryRecipient,
    Event,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Project,
    ProjectMember,
)


class JstDate(FunctionElement[date]):
    """The calendar day in Japan of a stored UTC moment (JST has no daylight saving)."""

    type = Date()
    name = "jst_date"
    inherit_cache = True


@compiles(JstDate)
def _jst_date_default(element: JstDate, compiler: Any, **kw: Any) -> str:
    # A timestamptz read as UTC wall time, moved nine hours: no dependency on the server's zone.
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(({moment} AT TIME ZONE 'UTC') + INTERVAL '9 hours' AS DATE)"


@compiles(JstDate, "sqlite")
def _jst_date_sqlite(element: JstDate, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+9 hours')"


def active_after_final_report(
    events: Iterable[ColumnElement[bool]] = (), deliveries: Iterable[ColumnElement[bool]] = ()
) -> ColumnElement[bool]:
    """The enclosing query's project member attended an event, or received information, after
    the day the project's final report was done (an event's day is its day in Japan).

    `events` and `deliveries` narrow which events and deliveries count (a period, say). The
    final-report subquery names the project it correlates with: nested this deep, SQLAlchemy's
    automatic correlation would not reach the enclosing project and would compare with the
    latest final report of any project at all.
    """
    final_done = (
        select(func.max(Milestone.done_on))
        .where(
            col(Milestone.project_id) == col(Project.id),
            Milestone.kind == MilestoneKind.FINAL_REPORT,
        )
        .correlate(Project)
        .scalar_subquery()
    )
    attended_after = exists().where(
        col(Attendance.talent_id) == col(ProjectMember.talent_id),
        Attendance.status == AttendanceStatus.ATTENDED,
        col(Event.id) == col(Attendance.event_id),
        JstDate(Event.starts_at) > final_done,
        *events,
    )
    informed_after = exists().where(
        col(DeliveryRecipient.talent_id) == col(ProjectMember.talent_id),
        col(InformationDelivery.id) == col(DeliveryRecipient.delivery_id),
        col(InformationDelivery.sent_on) > final_done,
        *deliveries,
    )
    return or_(attended_after, informed_after)
