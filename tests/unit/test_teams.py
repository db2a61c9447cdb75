"""Team proposals from the database: who is offered, capacity, running projects, accepting a
team as a project, and filling A-4/B-4 STEP3 without losing what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import Session, select

from colead.models import (
    Company,
    CompanyNeed,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import teams
from colead.services.access import AccessDenied, Actor
from colead.services.answers import load_answers, save_answer
from colead.services.errors import InputError
from colead.services.screening import ACCEPTANCE_CHECKS, SCREENING
from colead.worksheets import WORKSHEETS

TODAY = date(2026, 11, 24)
ENGINEER, DATA, UX = SkillType.ENGINEER, SkillType.DATA_SCIENTIST, SkillType.UX_DESIGNER
LABELS = {ENGINEER: "エンジニア", DATA: "データサイエンティスト", UX: "UXデザイナー"}


@dataclass(frozen=True)
class Setting:
    pid: int
    fish: int  # needs engineer + data scientist
    inn: int  # needs UX designer
    shop: int  # no needs recorded
    busy: int  # needs engineer, runs a project already
    people: dict[str, int]
    staff: Actor
    viewer: Actor
    outsider: Actor


def _person(s: Session, pid: int, name: str, *skills: SkillType, **fields: object) -> int:
    talent = Talent(programme_id=pid, name=name, applied_on=date(2026, 5, 1), **fields)
    s.add(talent)
    s.flush()
    s.add_all(TalentSkill(talent_id=talent.id, skill_type=skill) for skill in skills)
    s.flush()
    return talent.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    s = write_session
    region, other = (
        Region(name="釧路市", prefecture="北海道"),
        Region(name="加賀市", prefecture="石川県"),
    )
    s.add_all([region, other])
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="釧路")
    s.add(programme)
    s.flush()
    pid = programme.id
    names = ("釧路港水産加工", "阿寒の宿", "駅前商店", "霧の街工務店")
    companies = [Company(programme_id=pid, name=name) for name in names]
    s.add_all(companies)
    s.flush()
    fish, inn, shop, busy = (c.id for c in companies)
    s.add_all(
        [
            CompanyNeed(company_id=fish, skill_type=ENGINEER),
            CompanyNeed(company_id=fish, skill_type=DATA),
            CompanyNeed(company_id=inn, skill_type=UX),
            CompanyNeed(company_id=busy, skill_type=ENGINEER),
        ]
    )
    people = {
        "both": _person(s, pid, "両方できる人", ENGINEER, DATA),
        "engineer": _person(s, pid, "エンジニアの人", ENGINEER),
        "ux": _person(s, pid, "デザイナーの人", UX),
        "left": _person(s, pid, "辞退した人", UX, status=TalentStatus.WITHDRAWN),
        "nothing": _person(s, pid, "タイプ未登録の人"),
    }
    project = Project(programme_id=pid, company_id=busy, theme="既存", starts_on=date(2026, 6, 1))
    s.add(project)
    s.flush()
    s.add(ProjectMember(project_id=project.id, talent_id=people["engineer"]))
    s.flush()
    return Setting(
        pid=pid,
        fish=fish,
        inn=inn,
        shop=shop,
        busy=busy,
        people=people,
        staff=make_actor(Role.STAFF, (region.id,)),
        viewer=make_actor(Role.VIEWER, (region.id,)),
        outsider=make_actor(Role.STAFF, (other.id,)),
    )


def _make_ready(s: Session, company_id: int) -> None:
    sheet = WORKSHEETS[SCREENING]
    questions = {q.id: q for q in sheet.questions()}
    actor = Actor(0, "test", "test", Role.ADMIN, frozenset())
    pid = s.get(Company, company_id).programme_id
    for check in ACCEPTANCE_CHECKS:
        value = {"choice": questions[check].options[0].label}
        save_answer(s, actor, pid, sheet, check, value, 0, company_id=company_id)


def test_every_needed_type_is_covered_with_as_few_people_as_possible(
    write_session: Session, setting: Setting
) -> None:
    proposal = teams.propose(write_session, setting.viewer, setting.pid, TODAY)
    by_company = {team.company_id: team for team in proposal.teams}
    assert set(by_company) == {setting.fish, setting.inn}  # needs, and no project running
    fish, inn = by_company[setting.fish], by_company[setting.inn]
    # one person covers both of the fish company's needs; the engineer already holds a project
    assert [m.talent_id for m in fish.members] == [setting.people["both"]]
    assert fish.members[0].serves == (DATA, ENGINEER)  # in B-3 STEP5's order of types
    assert (set(fish.covered), fish.uncovered) == ({ENGINEER, DATA}, ())
    assert [m.talent_id for m in inn.members] == [setting.people["ux"]]  # not the withdrawn one
    assert proposal.without_needs == ("駅前商店",)
    assert proposal.running == ("霧の街工務店",)
    assert (proposal.needed, proposal.covered, proposal.assigned) == (3, 3, 2)
    assert not fish.ready and "経営者の参加" in "、".join(fish.missing_checks)


def test_nobody_is_placed_over_the_capacity_limit(write_session: Session, setting: Setting) -> None:
    s = write_session
    # a second company needing both types: one person cannot serve both at capacity 1
    twin = Company(programme_id=setting.pid, name="第二水産")
    s.add(twin)
    s.flush()
    s.add_all(CompanyNeed(company_id=twin.id, skill_type=k) for k in (ENGINEER, DATA))
    s.flush()
    one = teams.propose(s, setting.staff, setting.pid, TODAY, capacity=1)
    placed = [m.talent_id for team in one.teams for m in team.members]
    assert placed.count(setting.people["both"]) == 1
    assert one.covered == one.needed - 2  # the second fish company stays uncovered
    assert any(set(team.uncovered) == {ENGINEER, DATA} for team in one.teams)
    # capacity 2: the person already on a project gets one more, the other both companies
    two = teams.propose(s, setting.staff, setting.pid, TODAY, capacity=2)
    assert two.covered == two.needed
    counts = {t: 0 for t in setting.people.values()}
    for team in two.teams:
        for member in team.members:
            counts[member.talent_id] += 1
    assert counts[setting.people["both"]] <= 2 and counts[setting.people["engineer"]] <= 1


def test_limits_and_kept_pairs_are_checked_in_words(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    with pytest.raises(InputError) as error:
        teams.propose(s, setting.staff, setting.pid, TODAY, capacity=0)
    assert error.value.key == "team.error.capacity"
    with pytest.raises(InputError) as error:
        teams.propose(s, setting.staff, setting.pid, TODAY, max_team_size=11)
    assert error.value.key == "team.error.team_size"
    second = _person(s, setting.pid, "二人目のエンジニア", ENGINEER)
    kept = teams.propose(s, setting.staff, setting.pid, TODAY, fixed=[(setting.fish, second)])
    fish = next(team for team in kept.teams if team.company_id == setting.fish)
    assert second in [m.talent_id for m in fish.members]  # kept, though one person would do
    assert fish.uncovered == ()
    twin = Company(programme_id=setting.pid, name="第二水産")
    s.add(twin)
    s.flush()
    s.add(CompanyNeed(company_id=twin.id, skill_type=ENGINEER))
    s.flush()
    for impossible in (
        [(setting.inn, setting.people["both"])],  # offers nothing the inn needs
        [(setting.fish, second), (twin.id, second)],  # two teams, room for one project
    ):
        with pytest.raises(InputError) as error:
            teams.propose(s, setting.staff, setting.pid, TODAY, fixed=impossible)
        assert error.value.key == "team.error.fixed"


def test_accepting_a_team_starts_the_project_only_for_a_ready_company(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    team = [setting.people["both"]]
    with pytest.raises(InputError) as error:
        teams.accept(s, setting.staff, setting.pid, setting.fish, team, "需要予測", TODAY, None)
    assert error.value.key == "screening.error.not_ready"
    _make_ready(s, setting.fish)
    with pytest.raises(InputError):
        teams.accept(s, setting.staff, setting.pid, setting.fish, [], "需要予測", TODAY, None)
    with pytest.raises(AccessDenied):
        teams.accept(s, setting.viewer, setting.pid, setting.fish, team, "需要予測", TODAY, None)
    project = teams.accept(
        s, setting.staff, setting.pid, setting.fish, team, "需要予測", TODAY, date(2027, 2, 28)
    )
    members = s.exec(
        select(ProjectMember.talent_id).where(ProjectMember.project_id == project.id)
    ).all()
    assert members == team
    kinds = s.exec(select(Milestone.kind).where(Milestone.project_id == project.id)).all()
    assert MilestoneKind.FINAL_REPORT in kinds
    # the company now runs a project: the next proposal leaves it out
    again = teams.propose(s, setting.staff, setting.pid, TODAY)
    assert setting.fish not in {t.company_id for t in again.teams}
    assert "釧路港水産加工" in again.running


def test_step3_is_filled_without_replacing_what_was_typed(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    sheet = WORKSHEETS["A-4"]
    typed = [{"record_id": setting.people["ux"], "expectation": "観光アプリの画面設計"}]
    save_answer(s, setting.staff, setting.pid, sheet, teams.FIT_QUESTION, typed, 0)
    proposal = teams.propose(s, setting.staff, setting.pid, TODAY)
    rows = teams.fit_rows(proposal.teams, LABELS)
    assert teams.fill_fit_talent(s, setting.staff, setting.pid, "A-4", rows) == 1
    stored = load_answers(s, setting.staff, setting.pid, sheet)[teams.FIT_QUESTION].value
    assert stored[0] == typed[0]  # the typed expectation is kept, not overwritten
    added = stored[1]
    assert added["record_id"] == setting.people["both"]
    assert added["expectation"].startswith("釧路港水産加工：")
    assert "エンジニア" in added["expectation"]
    assert teams.fill_fit_talent(s, setting.staff, setting.pid, "A-4", rows) == 0  # idempotent
    assert load_answers(s, setting.staff, setting.pid, WORKSHEETS["B-4"]) == {}  # apart
    with pytest.raises(AccessDenied):
        teams.fill_fit_talent(s, setting.viewer, setting.pid, "A-4", rows)
    with pytest.raises(InputError):
        teams.fill_fit_talent(s, setting.staff, setting.pid, "B-1", rows)


def test_another_regions_staff_get_nothing(write_session: Session, setting: Setting) -> None:
    with pytest.raises(AccessDenied):
        teams.propose(write_session, setting.outsider, setting.pid, TODAY)
