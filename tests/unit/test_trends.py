"""The dashboard's trends on hand-built data: milestones by state, deliveries per month,
talent types against needs — counted in SQL, scoped, limited to the period."""

from __future__ import annotations

from datetime import date

import pytest

from colead.db import session_scope
from colead.models import (
    Company,
    CompanyNeed,
    DeliveryRecipient,
    InformationDelivery,
    Milestone,
    Programme,
    Project,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
)
from colead.services.access import AccessDenied
from colead.services.errors import InputError
from colead.services.trends import (
    Period,
    deliveries_by_month,
    fiscal_year_period,
    milestones,
    skill_balance,
)
from colead.ui.charts import deliveries_figure, milestone_figure, milestone_frame, skills_figure

TODAY = date(2026, 11, 24)
FY = fiscal_year_period(2026)


@pytest.fixture
def ids(db_url: str) -> dict[str, int]:
    with session_scope(write=True) as s:
        region, other = (
            Region(name="釧路市", prefecture="北海道"),
            Region(name="加賀市", prefecture="石川県"),
        )
        s.add_all([region, other])
        s.flush()
        programme = Programme(region_id=region.id, fiscal_year=2026, name="p")
        s.add(programme)
        s.flush()
        people = [
            Talent(programme_id=programme.id, name=f"t{i}", applied_on=date(2026, 5, 1))
            for i in range(3)
        ]
        firm = Company(programme_id=programme.id, name="釧路水産")
        s.add_all([*people, firm])
        s.flush()
        s.add_all(
            [
                TalentSkill(talent_id=people[0].id, skill_type=SkillType.ENGINEER),
                TalentSkill(talent_id=people[1].id, skill_type=SkillType.ENGINEER),
                TalentSkill(talent_id=people[1].id, skill_type=SkillType.SECURITY),
                CompanyNeed(company_id=firm.id, skill_type=SkillType.ENGINEER),
                CompanyNeed(company_id=firm.id, skill_type=SkillType.UX_DESIGNER),
            ]
        )
        project = Project(
            programme_id=programme.id,
            company_id=firm.id,
            theme="在庫管理",
            starts_on=date(2026, 7, 1),
        )
        s.add(project)
        s.flush()
        for kind, title, due, done in (
            ("monthly_meeting", "7月", date(2026, 7, 31), date(2026, 7, 30)),
            ("interim_report", "中間", date(2026, 10, 15), None),
            ("final_report", "最終", date(2027, 2, 20), None),
            ("other", "翌年度", date(2027, 5, 1), None),
        ):
            s.add(
                Milestone(project_id=project.id, kind=kind, title=title, due_on=due, done_on=done)
            )
        for day, reached in (
            (date(2026, 6, 3), 3),
            (date(2026, 6, 20), 2),
            (date(2026, 9, 1), 1),
            (date(2026, 3, 1), 3),
        ):
            delivery = InformationDelivery(
                programme_id=programme.id, kind="k", channel="c", sent_on=day, subject="s"
            )
            s.add(delivery)
            s.flush()
            s.add_all(
                DeliveryRecipient(delivery_id=delivery.id, talent_id=p.id) for p in people[:reached]
            )
        return {"programme": programme.id, "region": region.id, "other": other.id}


def test_milestones_in_period_with_their_state(ids, make_actor) -> None:
    actor = make_actor(Role.VIEWER, (ids["region"],))
    with session_scope() as s:
        points = milestones(s, actor, ids["programme"], FY)
    assert [p.title for p in points] == ["7月", "中間", "最終"]  # next year's is outside
    frame = milestone_frame(points, TODAY)
    assert list(frame["state"]) == ["done", "overdue", "planned"]
    figure = milestone_figure(frame, {"done": "済", "overdue": "超過", "planned": "予定"}, TODAY)
    assert [len(trace.x) for trace in figure.data] == [1, 1, 1]


def test_deliveries_per_month_count_deliveries_and_people(ids, make_actor) -> None:
    actor = make_actor(Role.VIEWER, (ids["region"],))
    with session_scope() as s:
        rows = deliveries_by_month(s, actor, ids["programme"], FY)
    assert [(r.month, r.deliveries, r.recipients) for r in rows] == [
        (date(2026, 6, 1), 2, 5),
        (date(2026, 9, 1), 1, 1),
    ]
    figure = deliveries_figure(rows, "回数", "人数")
    assert list(figure.data[0].y) == [2, 1] and list(figure.data[1].y) == [5, 1]


def test_skill_supply_against_needs(ids, make_actor) -> None:
    actor = make_actor(Role.VIEWER, (ids["region"],))
    with session_scope() as s:
        balance = {
            b.skill: (b.talent, b.companies) for b in skill_balance(s, actor, ids["programme"])
        }
    assert balance[SkillType.ENGINEER] == (2, 1)
    assert balance[SkillType.SECURITY] == (1, 0)
    assert balance[SkillType.UX_DESIGNER] == (0, 1)
    assert balance[SkillType.DATA_SCIENTIST] == (0, 0)
    with session_scope() as s:
        rows = skill_balance(s, actor, ids["programme"])
    figure = skills_figure(rows, {k: k.value for k in SkillType}, "人材", "企業")
    assert list(figure.data[0].y) == [b.talent for b in rows]
    assert list(figure.data[1].y) == [b.companies for b in rows]


def test_other_region_and_inverted_period_are_refused(ids, make_actor) -> None:
    stranger = make_actor(Role.STAFF, (ids["other"],))
    with session_scope() as s:
        for query in (
            lambda: milestones(s, stranger, ids["programme"], FY),
            lambda: deliveries_by_month(s, stranger, ids["programme"], FY),
            lambda: skill_balance(s, stranger, ids["programme"]),
        ):
            with pytest.raises(AccessDenied):
                query()
        with pytest.raises(InputError):
            milestones(
                s, make_actor(Role.VIEWER, (ids["region"],)), ids["programme"],
                Period(date(2027, 1, 1), date(2026, 1, 1)),
            )  # fmt: skip
