"""Everything that happened with one person, in date order: the person's page reads this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from colead.i18n import to_jst
from colead.models import (
    Attendance,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    Incentive,
    InformationDelivery,
    MeetingReport,
    Milestone,
    Project,
    ProjectMember,
    Talent,
)


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str  # timeline.<kind> in the catalog
    title: str
    tags: tuple[str, ...] = ()  # catalog keys shown beside the title (event kind, status…)


def talent_timeline(session: Session, talent: Talent) -> list[TimelineEntry]:
    """Applied, events (with attendance), information received, projects, their milestones,
    reports submitted, incentives and consents, oldest first. The caller checks access."""
    entries = [TimelineEntry(talent.applied_on, "applied", talent.recruitment_channel)]
    for event, attendance in session.exec(
        select(Event, Attendance)
        .join(Attendance, col(Attendance.event_id) == col(Event.id))
        .where(Attendance.talent_id == talent.id)
    ):
        entries.append(
            TimelineEntry(
                to_jst(event.starts_at).date(),
                "event",
                event.title,
                (f"enum.event.{event.kind}", f"enum.attendance.{attendance.status}"),
            )
        )
    for delivery in session.exec(
        select(InformationDelivery)
        .join(DeliveryRecipient, col(DeliveryRecipient.delivery_id) == col(InformationDelivery.id))
        .where(DeliveryRecipient.talent_id == talent.id)
    ):
        entries.append(TimelineEntry(delivery.sent_on, "delivery", delivery.subject))
    projects = session.exec(
        select(Project, ProjectMember)
        .join(ProjectMember, col(ProjectMember.project_id) == col(Project.id))
        .where(ProjectMember.talent_id == talent.id)
    ).all()
    for project, member in projects:
        entries.append(
            TimelineEntry(member.joined_on or project.starts_on, "project", project.theme)
        )
    project_ids = [project.id for project, _ in projects]
    if project_ids:
        for milestone in session.exec(
            select(Milestone).where(col(Milestone.project_id).in_(project_ids))
        ):
            done = milestone.done_on is not None
            entries.append(
                TimelineEntry(
                    milestone.done_on or milestone.due_on,
                    "milestone",
                    milestone.title,
                    ("timeline.done" if done else "timeline.due",),
                )
            )
    for report in session.exec(select(MeetingReport).where(MeetingReport.talent_id == talent.id)):
        entries.append(TimelineEntry(report.submitted_on, "report", report.summary[:80]))
    for incentive in session.exec(select(Incentive).where(Incentive.talent_id == talent.id)):
        entries.append(
            TimelineEntry(
                incentive.granted_on, "incentive", incentive.description,
                (f"enum.incentive.{incentive.kind}",),
            )
        )  # fmt: skip
    for consent in session.exec(select(ConsentRecord).where(ConsentRecord.talent_id == talent.id)):
        entries.append(TimelineEntry(consent.granted_on, "consent", consent.scope))
        if consent.withdrawn_on:
            entries.append(TimelineEntry(consent.withdrawn_on, "consent_withdrawn", consent.scope))
    order = ("applied", "consent", "event", "delivery", "project", "milestone", "report")
    return sorted(
        entries,
        key=lambda e: (e.day, order.index(e.kind) if e.kind in order else len(order)),
    )
