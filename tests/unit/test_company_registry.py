"""The company registry on data built by hand: checks, B-1 readiness, B-3 needs, scope."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session, func, select

from colead.models import (
    Company,
    CompanyNeed,
    PartnerInstitution,
    PartnerKind,
    Programme,
    Region,
    Role,
    SkillType,
)
from colead.services import companies as registry
from colead.services.access import AccessDenied, Actor
from colead.services.answers import save_answer
from colead.services.companies import CompanyInput
from colead.services.errors import InvalidInput
from colead.services.needs import NEEDS_QUESTION, skill_label
from colead.services.screening import ACCEPTANCE_CHECKS
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Kind

B1 = WORKSHEETS["B-1"]
B3 = WORKSHEETS["B-3"]


@dataclass(frozen=True)
class Setting:
    region: int
    pid: int
    partner: int
    other_pid: int
    other_partner: int
    staff: Actor
    viewer: Actor
    outsider: Actor


def _programme(s: Session, name: str) -> tuple[int, int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    partner = PartnerInstitution(
        region_id=region.id, name=f"{name}商工会議所", kind=PartnerKind.CHAMBER
    )
    s.add_all([programme, partner])
    s.flush()
    return region.id, programme.id, partner.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid, partner = _programme(write_session, "宇都宮市")
    other_region, other_pid, other_partner = _programme(write_session, "日光市")
    return Setting(
        region=region,
        pid=pid,
        partner=partner,
        other_pid=other_pid,
        other_partner=other_partner,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _company(s: Session, pid: int, name: str, **fields) -> Company:  # type: ignore[no-untyped-def]
    company = Company(programme_id=pid, name=name, **fields)
    s.add(company)
    s.flush()
    return company


def _keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.key for e in error.value.errors]


def _label(question_id: str) -> str:
    return next(q.label for q in B1.questions() if q.id == question_id)


def _answer_check(s: Session, setting: Setting, company_id: int, check: str, yes: bool) -> None:
    question = next(q for q in B1.questions() if q.id == check)
    choice = question.options[0 if yes else 1].label
    save_answer(s, setting.staff, setting.pid, B1, check, {"choice": choice}, 0, company_id)


# --- checks -----------------------------------------------------------------------------------


def test_check_company_reports_every_problem(write_session: Session, setting: Setting) -> None:
    s = write_session
    data = CompanyInput(name="  ", employees=-1, partner_id=setting.other_partner).cleaned()
    keys = [e.key for e in registry.check_company(s, setting.pid, data)]
    assert keys == [
        "company.error.name_required",
        "company.error.employees",
        "company.error.partner",
    ]
    data = CompanyInput(name="栃木精密", employees=0, partner_id=setting.partner).cleaned()
    assert registry.check_company(s, setting.pid, data) == []
    missing_partner = CompanyInput(name="栃木精密", partner_id=987654).cleaned()
    assert [e.key for e in registry.check_company(s, setting.pid, missing_partner)] == [
        "company.error.partner"
    ]
    long_name = CompanyInput(name="社" * 201).cleaned()
    errors = registry.check_company(s, setting.pid, long_name)
    assert [(e.key, e.params) for e in errors] == [
        ("company.error.name_too_long", {"maximum": 200})
    ]


def test_a_name_is_unique_in_a_programme_whatever_its_case(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    first = registry.create_company(
        s, setting.staff, setting.pid, CompanyInput(name="Nikko Seimitsu", industry="製造業")
    )
    with pytest.raises(InvalidInput) as error:
        registry.create_company(
            s, setting.staff, setting.pid, CompanyInput(name="  NIKKO   seimitsu ")
        )
    assert _keys(error) == ["company.error.duplicate"]
    assert error.value.errors[0].params == {"name": "NIKKO seimitsu"}
    assert s.exec(select(func.count()).select_from(Company)).one() == 1
    # Its own name does not collide with itself; another programme may use the name.
    registry.update_company(
        s, setting.staff, first.id, CompanyInput(name="NIKKO SEIMITSU", employees=12)
    )
    s.flush()
    assert (s.get(Company, first.id).name, s.get(Company, first.id).employees) == (
        "NIKKO SEIMITSU",
        12,
    )
    admin = Actor(0, "admin", "Admin", Role.ADMIN, frozenset())
    registry.create_company(s, admin, setting.other_pid, CompanyInput(name="Nikko Seimitsu"))
    second = registry.create_company(s, setting.staff, setting.pid, CompanyInput(name="宇都宮食品"))
    with pytest.raises(InvalidInput) as error:
        registry.update_company(s, setting.staff, second.id, CompanyInput(name="nikko seimitsu"))
    assert _keys(error) == ["company.error.duplicate"]


def test_create_refuses_a_partner_of_another_region(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    with pytest.raises(InvalidInput) as error:
        registry.create_company(
            s,
            setting.staff,
            setting.pid,
            CompanyInput(name="宇都宮食品", partner_id=setting.other_partner),
        )
    assert _keys(error) == ["company.error.partner"]
    company = registry.create_company(
        s, setting.staff, setting.pid, CompanyInput(name="宇都宮食品", partner_id=setting.partner)
    )
    assert company.partner_id == setting.partner
    assert [p.id for p in registry.partner_choices(s, setting.staff, setting.pid)] == [
        setting.partner
    ]


# --- the list ---------------------------------------------------------------------------------


def test_readiness_follows_the_three_acceptance_checks(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    ready = _company(s, setting.pid, "A 準備完了")
    two = _company(s, setting.pid, "B 二つだけ")
    refused = _company(s, setting.pid, "C いいえあり")
    blank = _company(s, setting.pid, "D 未回答")
    for check in ACCEPTANCE_CHECKS:
        _answer_check(s, setting, ready.id, check, yes=True)
    for check in ACCEPTANCE_CHECKS[:2]:
        _answer_check(s, setting, two.id, check, yes=True)
    _answer_check(s, setting, refused.id, "acceptance_executive", yes=True)
    _answer_check(s, setting, refused.id, "acceptance_field", yes=False)
    _answer_check(s, setting, refused.id, "acceptance_team", yes=True)
    # Other B-1 questions answered "no" do not matter for readiness.
    _answer_check(s, setting, ready.id, "transformation_vision", yes=False)

    rows = {r.id: r for r in registry.list_companies(s, setting.staff, setting.pid).rows}
    assert (rows[ready.id].ready, rows[ready.id].missing) == (True, ())
    assert (rows[two.id].ready, rows[two.id].missing) == (False, (_label("acceptance_team"),))
    assert rows[refused.id].missing == (_label("acceptance_field"),)
    assert rows[blank.id].missing == tuple(_label(c) for c in ACCEPTANCE_CHECKS)
    assert not rows[blank.id].ready


def test_rows_carry_needs_in_order_and_the_partner(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    referred = _company(
        s, setting.pid, "宇都宮食品", industry="食品製造", employees=30, partner_id=setting.partner
    )
    alone = _company(s, setting.pid, "宇都宮運輸", industry="運輸")
    s.add_all(
        CompanyNeed(company_id=referred.id, skill_type=skill)
        for skill in (SkillType.BUSINESS_ARCHITECT, SkillType.SECURITY, SkillType.DATA_SCIENTIST)
    )
    s.flush()
    rows = {r.id: r for r in registry.list_companies(s, setting.staff, setting.pid).rows}
    assert rows[referred.id].needs == ("security", "data_scientist", "business_architect")
    assert rows[referred.id].partner == "宇都宮市商工会議所"
    assert (rows[referred.id].industry, rows[referred.id].employees) == ("食品製造", 30)
    assert rows[alone.id].needs == ()
    assert rows[alone.id].partner == ""


def test_search_by_name_or_industry_and_paging(write_session: Session, setting: Setting) -> None:
    s = write_session
    names = [f"会社{i:02d}" for i in range(7)]
    made = [_company(s, setting.pid, name, industry="製造業") for name in names]
    fish = _company(s, setting.pid, "港の水産", industry="水産加工")
    percent = _company(s, setting.pid, "100%出資子会社", industry="サービス")
    _company(s, setting.pid, "100社連合", industry="サービス")  # `%` as a wildcard would match
    _company(s, setting.other_pid, "会社99", industry="水産加工")

    def ids(query: str) -> list[int]:
        return [r.id for r in registry.list_companies(s, setting.staff, setting.pid, query).rows]

    assert ids("水産") == [fish.id]  # by name and industry: one company, found once
    assert ids("加工") == [fish.id]  # by industry
    assert ids("会社0") == [c.id for c in made]
    assert ids("100%") == [percent.id]
    assert ids("誰も") == []

    first = registry.list_companies(s, setting.staff, setting.pid, "製造", page=1, per_page=3)
    assert (first.total, first.pages, [r.name for r in first.rows]) == (7, 3, names[:3])
    last = registry.list_companies(s, setting.staff, setting.pid, "製造", page=99, per_page=3)
    assert (last.page, [r.name for r in last.rows]) == (3, names[6:])
    everything = registry.list_companies(s, setting.staff, setting.pid)
    assert everything.total == 10


# --- B-3 STEP5 writes the needs ---------------------------------------------------------------


def _needs(s: Session, company_id: int) -> dict[str, str]:
    s.flush()
    rows = s.exec(select(CompanyNeed).where(CompanyNeed.company_id == company_id)).all()
    return {row.skill_type: row.description for row in rows}


def test_saving_b3_talent_types_rewrites_the_needs(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    company = _company(s, setting.pid, "宇都宮食品")
    bystander = _company(s, setting.pid, "宇都宮運輸")
    s.add(CompanyNeed(company_id=bystander.id, skill_type=SkillType.SECURITY, description="守り"))
    s.flush()

    def save(skills: list[SkillType], seen: int) -> None:
        value = {"choices": [skill_label(k) for k in skills], "other": ""}
        save_answer(s, setting.staff, setting.pid, B3, NEEDS_QUESTION, value, seen, company.id)

    save([SkillType.BUSINESS_ARCHITECT, SkillType.DATA_SCIENTIST], 0)
    assert _needs(s, company.id) == {"data_scientist": "", "business_architect": ""}
    kept = s.get(CompanyNeed, (company.id, "data_scientist"))
    kept.description = "需要予測モデルを作る"
    s.add(kept)
    s.flush()

    save([SkillType.UX_DESIGNER, SkillType.DATA_SCIENTIST], 1)
    assert _needs(s, company.id) == {
        "data_scientist": "需要予測モデルを作る",
        "ux_designer": "",
    }
    row = registry.list_companies(s, setting.staff, setting.pid, "食品").rows[0]
    assert row.needs == ("data_scientist", "ux_designer")

    save([], 2)
    assert _needs(s, company.id) == {}
    assert _needs(s, bystander.id) == {"security": "守り"}


def test_other_b3_answers_leave_the_needs_alone(write_session: Session, setting: Setting) -> None:
    s = write_session
    company = _company(s, setting.pid, "宇都宮食品")
    s.add(CompanyNeed(company_id=company.id, skill_type=SkillType.ENGINEER, description="基盤"))
    s.flush()
    other = next(q for q in B3.questions() if q.id != NEEDS_QUESTION and q.kind == Kind.TEXT)
    save_answer(s, setting.staff, setting.pid, B3, other.id, "人手不足", 0, company.id)
    assert _needs(s, company.id) == {"engineer": "基盤"}


# --- scope ------------------------------------------------------------------------------------


def test_scoping_of_the_company_registry(write_session: Session, setting: Setting) -> None:
    s = write_session
    company = _company(s, setting.pid, "宇都宮食品")
    with pytest.raises(AccessDenied):
        registry.list_companies(s, setting.outsider, setting.pid)
    with pytest.raises(AccessDenied):
        registry.create_company(s, setting.outsider, setting.pid, CompanyInput(name="侵入"))
    with pytest.raises(AccessDenied):
        registry.update_company(s, setting.outsider, company.id, CompanyInput(name="侵入"))
    with pytest.raises(AccessDenied):
        registry.company_for(s, setting.outsider, company.id)
    with pytest.raises(AccessDenied):
        registry.partner_choices(s, setting.outsider, setting.pid)

    assert [r.id for r in registry.list_companies(s, setting.viewer, setting.pid).rows] == [
        company.id
    ]
    assert registry.company_for(s, setting.viewer, company.id).id == company.id
    with pytest.raises(AccessDenied):
        registry.create_company(s, setting.viewer, setting.pid, CompanyInput(name="閲覧者の会社"))
    with pytest.raises(AccessDenied):
        registry.update_company(s, setting.viewer, company.id, CompanyInput(name="改名"))
    with pytest.raises(AccessDenied):
        registry.company_for(s, setting.staff, 987654)
    s.flush()
    assert s.exec(select(Company.name).where(Company.programme_id == setting.pid)).all() == [
        "宇都宮食品"
    ]


def test_over_long_fields_are_reported_not_crashed_on(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    data = CompanyInput(name="長い業種の会社", industry="業" * 101, representative="代" * 101)
    # The savepoint keeps the test's transaction usable after a database error.
    with pytest.raises(InvalidInput) as error, s.begin_nested():
        registry.create_company(s, setting.staff, setting.pid, data)
    assert len(error.value.errors) == 2
