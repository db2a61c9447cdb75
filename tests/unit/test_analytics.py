"""The dashboard's queries over a period, at their edges (tests/unit/test_trends.py has the
ordinary cases): both ends of the period count, a delivery nobody received still counts, another
programme's records never leak in, and only the programme's own regions may ask."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

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
from colead.services.trends import (
    Period,
    deliveries_by_month,
    fiscal_year_period,
    milestones,
    skill_balance,
)
from colead.ui.charts import milestone_frame

TODAY = date(2026, 11, 24)
FY2026 = fiscal_year_period(2026)
EDGES = (date(2026, 3, 31), date(2026, 4, 1), date(2027, 3, 31), date(2027, 4, 1))


def _programme(s: Session, region: str, skills: list[SkillType], needs: list[SkillType]) -> dict:
    """A programme with one project whose milestones, and deliveries, fall on EDGES."""
    place = Region(name=region, prefecture="県")
    s.add(place)
    s.flush()
    programme = Programme(region_id=place.id, fiscal_year=2026, name=region)
    s.add(programme)
    s.flush()
    people = [
        Talent(programme_id=programme.id, name=f"{region}{i}", applied_on=date(2026, 5, 1))
        for i in range(len(skills))
    ]
    firm = Company(programme_id=programme.id, name=f"{region}の会社")
    s.add_all([*people, firm])
    s.flush()
    s.add_all(
        TalentSkill(talent_id=p.id, skill_type=k) for p, k in zip(people, skills, strict=True)
    )
    s.add_all(CompanyNeed(company_id=firm.id, skill_type=k) for k in needs)
    project = Project(
        programme_id=programme.id, company_id=firm.id, theme="テーマ", starts_on=date(2026, 4, 1)
    )
    s.add(project)
    s.flush()
    for day in EDGES:
        s.add(Milestone(project_id=project.id, kind="other", title=day.isoformat(), due_on=day))
        delivery = InformationDelivery(
            programme_id=programme.id, kind="k", channel="c", sent_on=day, subject="s"
        )
        s.add(delivery)
        s.flush()
        s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=p.id) for p in people)
    s.flush()
    return {"programme": programme.id, "region": place.id, "people": len(people)}


@pytest.fixture
def two(write_session: Session) -> tuple[dict, dict]:
    s = write_session
    kushiro = _programme(
        s,
        "釧路市",
        [SkillType.ENGINEER, SkillType.ENGINEER, SkillType.DATA_SCIENTIST],
        [SkillType.ENGINEER, SkillType.SECURITY],
    )
    kaga = _programme(s, "加賀市", [SkillType.SECURITY] * 4, [SkillType.UX_DESIGNER])
    return kushiro, kaga


def test_the_fiscal_year_runs_from_april_to_march() -> None:
    assert fiscal_year_period(2026) == Period(date(2026, 4, 1), date(2027, 3, 31))


def test_both_ends_of_the_period_count_and_nothing_beyond(
    write_session: Session, two, make_actor
) -> None:
    kushiro, _ = two
    actor = make_actor(Role.VIEWER, (kushiro["region"],))
    points = milestones(write_session, actor, kushiro["programme"], FY2026)
    assert [p.due_on for p in points] == [date(2026, 4, 1), date(2027, 3, 31)]
    assert list(milestone_frame(points, TODAY)["state"]) == ["overdue", "planned"]
    rows = deliveries_by_month(write_session, actor, kushiro["programme"], FY2026)
    assert [(r.month, r.deliveries, r.recipients) for r in rows] == [
        (date(2026, 4, 1), 1, 3),
        (date(2027, 3, 1), 1, 3),
    ]  # 加賀市's deliveries on the same days are not counted


def test_a_delivery_nobody_received_is_still_a_delivery(
    write_session: Session, two, make_actor
) -> None:
    kushiro, _ = two
    s = write_session
    s.add(
        InformationDelivery(
            programme_id=kushiro["programme"], kind="k", channel="c",
            sent_on=date(2026, 4, 20), subject="宛先なし",
        )
    )  # fmt: skip
    s.flush()
    actor = make_actor(Role.ADMIN)
    (april, _) = deliveries_by_month(s, actor, kushiro["programme"], FY2026)
    assert (april.month, april.deliveries, april.recipients) == (date(2026, 4, 1), 2, 3)
    one_day = Period(date(2026, 4, 20), date(2026, 4, 20))
    rows = deliveries_by_month(s, actor, kushiro["programme"], one_day)
    assert [(r.deliveries, r.recipients) for r in rows] == [(1, 0)]


def test_supply_and_needs_are_the_programmes_own(write_session: Session, two, make_actor) -> None:
    kushiro, kaga = two
    actor = make_actor(Role.STAFF, (kushiro["region"], kaga["region"]))
    balance = {
        b.skill: (b.talent, b.companies)
        for b in skill_balance(write_session, actor, kushiro["programme"])
    }
    assert list(balance) == list(SkillType)  # all five types, in SkillType's order
    assert balance == {
        SkillType.SECURITY: (0, 1),
        SkillType.DATA_SCIENTIST: (1, 0),
        SkillType.UX_DESIGNER: (0, 0),
        SkillType.ENGINEER: (2, 1),
        SkillType.BUSINESS_ARCHITECT: (0, 0),
    }


@pytest.mark.parametrize("role", [Role.VIEWER, Role.STAFF])
def test_another_regions_people_are_refused_every_chart(
    write_session: Session, two, make_actor, role: Role
) -> None:
    kushiro, kaga = two
    stranger = make_actor(role, (kaga["region"],))
    s, pid = write_session, kushiro["programme"]
    for ask in (
        lambda: milestones(s, stranger, pid, FY2026),
        lambda: deliveries_by_month(s, stranger, pid, FY2026),
        lambda: skill_balance(s, stranger, pid),
    ):
        with pytest.raises(AccessDenied):
            ask()
    nobody = make_actor(Role.STAFF, ())
    with pytest.raises(AccessDenied):
        skill_balance(s, nobody, pid)
