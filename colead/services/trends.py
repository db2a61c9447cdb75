"""What the dashboard draws beside the funnel, aggregated in SQL for one programme and period:
applications by recruitment channel, project milestones on a timeline, information deliveries
per month, and the supply of the five talent types against the companies' needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract
from sqlmodel import Session, col, distinct, func, select

from colead.models import (
    Company,
    CompanyNeed,
    DeliveryRecipient,
    InformationDelivery,
    Milestone,
    Project,
    SkillType,
    Talent,
    TalentSkill,
)
from colead.services.access import Actor, require_programme
from colead.services.errors import InputError


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def check(self) -> Period:
        if self.start > self.end:
            raise InputError("dashboard.error.period")
        return self


def fiscal_year_period(fiscal_year: int) -> Period:
    """April 1 to March 31: the Japanese fiscal year a programme runs in."""
    return Period(date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31))


@dataclass(frozen=True)
class MilestonePoint:
    project: str  # company: theme
    kind: str
    title: str
    due_on: date
    done_on: date | None


@dataclass(frozen=True)
class MonthlyDeliveries:
    month: date  # the first of the month
    deliveries: int
    recipients: int


@dataclass(frozen=True)
class SkillBalance:
    skill: SkillType
    talent: int  # people of the programme with this skill
    companies: int  # companies of the programme needing it


@dataclass(frozen=True)
class ChannelCount:
    channel: str  # as stored: the A-2 channel's Japanese label; "" when not given
    confirmed: int  # counted in the funnel
    unconfirmed: int  # applied on the public page, mailed link not opened yet


def applications_by_channel(
    session: Session, actor: Actor, programme_id: int, period: Period | None = None
) -> list[ChannelCount]:
    """People who applied or registered (by `applied_on`, within the period), by how they heard
    of the programme; the most confirmed first."""
    require_programme(session, actor, programme_id)
    where = [Talent.programme_id == programme_id]
    if period is not None:
        period.check()
        where += [col(Talent.applied_on) >= period.start, col(Talent.applied_on) <= period.end]
    unconfirmed = case((col(Talent.awaiting_confirmation), 1), else_=0)
    rows = session.exec(
        select(Talent.recruitment_channel, func.count(), func.sum(unconfirmed))
        .where(*where)
        .group_by(Talent.recruitment_channel)
    ).all()
    counts = [
        ChannelCount(channel, int(total) - int(waiting or 0), int(waiting or 0))
        for channel, total, waiting in rows
    ]
    return sorted(counts, key=lambda c: (-c.confirmed, -c.unconfirmed, c.channel))


def milestones(
    session: Session, actor: Actor, programme_id: int, period: Period
) -> list[MilestonePoint]:
    """Milestones due within the period, by project, then due date."""
    require_programme(session, actor, programme_id)
    period.check()
    rows = session.exec(
        select(Company.name, Project.theme, Milestone)
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(
            Project.programme_id == programme_id,
            col(Milestone.due_on) >= period.start,
            col(Milestone.due_on) <= period.end,
        )
        .order_by(Company.name, Project.id, Milestone.due_on)
    ).all()
    return [
        MilestonePoint(f"{company}：{theme}", m.kind, m.title, m.due_on, m.done_on)
        for company, theme, m in rows
    ]


def deliveries_by_month(
    session: Session, actor: Actor, programme_id: int, period: Period
) -> list[MonthlyDeliveries]:
    """Deliveries sent and recipients reached, per calendar month of the period."""
    require_programme(session, actor, programme_id)
    period.check()
    year = extract("year", InformationDelivery.sent_on)
    month = extract("month", InformationDelivery.sent_on)
    rows = session.exec(
        select(
            year,
            month,
            func.count(distinct(InformationDelivery.id)),
            func.count(DeliveryRecipient.talent_id),
        )
        .outerjoin(
            DeliveryRecipient,
            col(DeliveryRecipient.delivery_id) == col(InformationDelivery.id),
        )
        .where(
            InformationDelivery.programme_id == programme_id,
            col(InformationDelivery.sent_on) >= period.start,
            col(InformationDelivery.sent_on) <= period.end,
        )
        .group_by(year, month)
        .order_by(year, month)
    ).all()
    return [MonthlyDeliveries(date(int(y), int(m), 1), int(n), int(r or 0)) for y, m, n, r in rows]


def skill_balance(session: Session, actor: Actor, programme_id: int) -> list[SkillBalance]:
    """For each of the five talent types: how many people offer it, how many companies need it."""
    require_programme(session, actor, programme_id)
    supply = dict(
        session.exec(
            select(TalentSkill.skill_type, func.count())
            .join(Talent, col(Talent.id) == col(TalentSkill.talent_id))
            .where(Talent.programme_id == programme_id)
            .group_by(TalentSkill.skill_type)
        ).all()
    )
    demand = dict(
        session.exec(
            select(CompanyNeed.skill_type, func.count())
            .join(Company, col(Company.id) == col(CompanyNeed.company_id))
            .where(Company.programme_id == programme_id)
            .group_by(CompanyNeed.skill_type)
        ).all()
    )
    return [SkillBalance(s, int(supply.get(s, 0)), int(demand.get(s, 0))) for s in SkillType]
