"""Next fiscal year's programme: carry-over copies exactly what was chosen and nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from colead.models import (
    Company,
    CompanyNeed,
    PartnerInstitution,
    PartnerKind,
    Programme,
    Role,
    SkillType,
    Talent,
    WorksheetAnswer,
)
from colead.services import answers
from colead.services.access import AccessDenied
from colead.services.companies import CompanyInput, create_company
from colead.services.errors import InputError, InvalidInput
from colead.services.fiscal_year import CarryOver, previous_programme, start_next_year
from colead.services.needs import NEEDS_QUESTION, NEEDS_WORKSHEET
from colead.services.regions import ProgrammeInput, create_programme, create_region
from colead.services.relationships import talent_pool
from colead.services.screening import ACCEPTANCE_CHECKS, ready_count
from colead.services.talent import TalentInput, create_talent
from colead.worksheets import WORKSHEETS

A1, A2, A4, B1, B2 = (WORKSHEETS[c] for c in ("A-1", "A-2", "A-4", "B-1", "B-2"))


@pytest.fixture
def year_one(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    """釧路市's 2026 programme with answers, two companies (one ready), a partner and a person."""
    admin = make_actor(Role.ADMIN)
    region = create_region(write_session, admin, prefecture="北海道", name="釧路市")
    programme = create_programme(
        write_session, admin, region.id, ProgrammeInput(2026, contact_interval_days=14)
    )
    staff = make_actor(Role.STAFF, (region.id,))
    partner = PartnerInstitution(
        region_id=region.id, name="釧路商工会議所", kind=PartnerKind.CHAMBER
    )
    write_session.add(partner)
    write_session.flush()
    ready = create_company(
        write_session, staff, programme.id, CompanyInput(name="釧路水産", partner_id=partner.id)
    )
    other = create_company(write_session, staff, programme.id, CompanyInput(name="阿寒観光"))
    person = create_talent(
        write_session,
        staff,
        programme.id,
        TalentInput(
            name="山田 花子",
            email="hanako@example.jp",
            applied_on=date(2026, 5, 1),
            skills=(SkillType.ENGINEER,),
        ),
    )

    def save(sheet, question, value, company=None):  # type: ignore[no-untyped-def]
        answers.save_answer(write_session, staff, programme.id, sheet, question, value, 0, company)

    save(A1, "s1_attractions", "湿原と港の景観")
    save(A1, "s2_issues", "水産加工の人手不足")
    save(A2, "s1_approach", "SNSで募集")
    save(A4, "s3_fit_talent", [{"record_id": person.id}])
    save(
        B2,
        "s1_candidates",
        [{"record_id": ready.id, "issue": "受発注の紙運用"}, {"record_id": other.id}],
    )
    save(B2, "s2_partners", [{"record_id": partner.id, "merit": "会員企業の支援"}])
    for check in ACCEPTANCE_CHECKS:
        save(B1, check, {"choice": "はい"}, ready.id)
    save(
        WORKSHEETS[NEEDS_WORKSHEET],
        NEEDS_QUESTION,
        {"choices": ["エンジニア・オペレータ"], "other": ""},
        ready.id,
    )
    write_session.flush()
    return {
        "admin": admin,
        "staff": staff,
        "region": region,
        "programme": programme,
        "partner": partner,
        "ready": ready,
        "other": other,
        "person": person,
    }


def _answers(session: Session, programme_id: int) -> dict[tuple[str, str, str], WorksheetAnswer]:
    rows = session.exec(
        select(WorksheetAnswer).where(WorksheetAnswer.programme_id == programme_id)
    ).all()
    return {(r.worksheet, r.question, r.subject): r for r in rows}


def _count(session: Session, model: type, *where) -> int:  # type: ignore[no-untyped-def]
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_only_the_chosen_worksheets_are_carried_as_drafts(
    write_session: Session,
    year_one,  # type: ignore[no-untyped-def]
) -> None:
    source = year_one["programme"]
    before = _answers(write_session, source.id)
    result = start_next_year(
        write_session,
        year_one["admin"],
        source.id,
        ProgrammeInput(2027),
        CarryOver(worksheets=frozenset({"A-1", "B-2"}), companies=False, contact_interval=True),
    )
    new = result.programme
    assert (new.fiscal_year, new.carried_from_id, new.contact_interval_days) == (
        2027,
        source.id,
        14,
    )
    carried = _answers(write_session, new.id)
    assert set(carried) == {
        ("A-1", "s1_attractions", ""),
        ("A-1", "s2_issues", ""),
        ("B-2", "s1_candidates", ""),
        ("B-2", "s2_partners", ""),
    }
    assert result.answers == 4 and result.companies == 0
    assert carried[("A-1", "s1_attractions", "")].value == "湿原と港の景観"
    assert all(row.carried_from_id == source.id and row.version == 1 for row in carried.values())
    # companies stayed in last year: their links are dropped, what was typed beside them kept
    assert carried[("B-2", "s1_candidates", "")].value == [{"issue": "受発注の紙運用"}]
    # partners are the region's: the link stays
    assert carried[("B-2", "s2_partners", "")].value == [
        {"record_id": year_one["partner"].id, "merit": "会員企業の支援"}
    ]
    assert _count(write_session, Company, Company.programme_id == new.id) == 0
    assert _count(write_session, Talent, Talent.programme_id == new.id) == 0
    # last year is untouched
    after = _answers(write_session, source.id)
    assert {k: (v.value, v.version) for k, v in after.items()} == {
        k: (v.value, v.version) for k, v in before.items()
    }


def test_companies_carry_with_their_b1_state_and_needs(
    write_session: Session,
    year_one,  # type: ignore[no-untyped-def]
) -> None:
    admin, source = year_one["admin"], year_one["programme"]
    result = start_next_year(
        write_session,
        admin,
        source.id,
        ProgrammeInput(2027, contact_interval_days=45),
        CarryOver(worksheets=frozenset({"B-2"}), companies=True, contact_interval=False),
    )
    new = result.programme
    assert new.contact_interval_days == 45  # typed, not carried
    companies = write_session.exec(
        select(Company).where(Company.programme_id == new.id).order_by(col(Company.name))
    ).all()
    assert [(c.name, c.partner_id) for c in companies] == [
        ("釧路水産", year_one["partner"].id),
        ("阿寒観光", None),
    ]
    by_name = {c.name: c.id for c in companies}
    assert ready_count(write_session, admin, new.id) == (1, 2)
    assert ready_count(write_session, admin, source.id) == (1, 2)
    needs = write_session.exec(
        select(CompanyNeed.skill_type).where(CompanyNeed.company_id == by_name["釧路水産"])
    ).all()
    assert len(needs) == 1
    carried = _answers(write_session, new.id)
    # B-1 travels with the companies; B-3 was not chosen, so its answers stay behind
    assert {k[0] for k in carried} == {"B-1", "B-2"}
    assert carried[("B-2", "s1_candidates", "")].value == [
        {"record_id": by_name["釧路水産"], "issue": "受発注の紙運用"},
        {"record_id": by_name["阿寒観光"]},
    ]
    assert result.companies == 2


def test_a_saved_draft_becomes_this_years_answer(
    write_session: Session,
    year_one,  # type: ignore[no-untyped-def]
) -> None:
    new = start_next_year(
        write_session,
        year_one["admin"],
        year_one["programme"].id,
        ProgrammeInput(2027),
        CarryOver(worksheets=frozenset({"A-1"})),
    ).programme
    stored = answers.load_answers(write_session, year_one["staff"], new.id, A1)
    assert stored["s1_attractions"].carried_from == year_one["programme"].id
    answers.save_answer(
        write_session, year_one["staff"], new.id, A1, "s1_attractions", "湿原と港と食", 1
    )
    stored = answers.load_answers(write_session, year_one["staff"], new.id, A1)
    assert stored["s1_attractions"].carried_from is None
    assert stored["s1_attractions"].value == "湿原と港と食"
    assert stored["s2_issues"].carried_from == year_one["programme"].id


def test_people_continue_across_years(write_session: Session, year_one) -> None:  # type: ignore[no-untyped-def]
    start_next_year(
        write_session,
        year_one["admin"],
        year_one["programme"].id,
        ProgrammeInput(2027),
        CarryOver(),
    )
    pool = talent_pool(write_session, year_one["staff"], year_one["region"].id, date(2027, 5, 1))
    assert [row.name for row in pool.rows] == ["山田 花子"]


def test_carry_over_is_refused_when_the_year_exists_or_for_staff(
    write_session: Session,
    year_one,  # type: ignore[no-untyped-def]
) -> None:
    source = year_one["programme"]
    with pytest.raises(InvalidInput) as taken:
        start_next_year(
            write_session, year_one["admin"], source.id, ProgrammeInput(2026), CarryOver()
        )
    assert {e.key for e in taken.value.errors} == {"programme.error.taken"}
    with pytest.raises(AccessDenied):
        start_next_year(
            write_session, year_one["staff"], source.id, ProgrammeInput(2027), CarryOver()
        )
    with pytest.raises(InputError):
        start_next_year(
            write_session,
            year_one["admin"],
            source.id,
            ProgrammeInput(2027),
            CarryOver(worksheets=frozenset({"Z-9"})),
        )
    assert _count(write_session, Programme) == 1


def test_previous_programme_is_the_latest_earlier_year(
    write_session: Session,
    year_one,  # type: ignore[no-untyped-def]
) -> None:
    admin = year_one["admin"]
    later = create_programme(write_session, admin, year_one["region"].id, ProgrammeInput(2028))
    prev = previous_programme(write_session, admin, later.id)
    assert prev is not None and prev.id == year_one["programme"].id
    assert previous_programme(write_session, admin, year_one["programme"].id) is None
