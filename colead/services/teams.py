"""Teams for every company of a programme at once: the database side of the team optimiser.

`propose` reads the programme (the companies' needed talent types from B-3, each person's
talent types and the projects they already hold, the match scores) and hands them to
`team_solver.propose_teams`, which covers as many needed types as possible with as few people
as possible, nobody over the capacity limit. Companies that already run a project are left out,
as are people who withdrew. The facilitator adjusts a team and accepts it: `accept` starts the
project (B-1's 受入体制の整備 must hold) with that team. `fill_fit_talent` writes the proposal
into A-4/B-4 STEP3's list of fitting talent.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from colead.models import (
    Company,
    CompanyNeed,
    MilestoneKind,
    Project,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import audit, matching
from colead.services.access import Actor, require_programme
from colead.services.answers import load_answers, save_answer
from colead.services.errors import InputError
from colead.services.projects import (
    ProjectInput,
    create_project,
    current_memberships,
    finished,
    set_team,
)
from colead.services.screening import missing_checks
from colead.services.team_solver import Candidate, FixedPairError, Opening, propose_teams
from colead.worksheets import WORKSHEETS

CAPACITY_RANGE = (1, 5)  # projects a person may hold at once, counting those already held
TEAM_SIZE_RANGE = (1, 10)
FIT_QUESTION = "s3_fit_talent"  # A-4 / B-4 STEP3: 適合する人材 and the expectation on them
SOLVER_SECONDS = 20.0
_SKILL_ORDER = {skill.value: i for i, skill in enumerate(SkillType)}


@dataclass(frozen=True)
class Member:
    talent_id: int
    name: str
    skills: tuple[str, ...]  # every talent type the person offers
    serves: tuple[str, ...]  # the company's needed types among them
    score: float  # match score 0..100 for this company


@dataclass(frozen=True)
class ProposedTeam:
    company_id: int
    company: str
    needs: tuple[str, ...]
    members: tuple[Member, ...]
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    missing_checks: tuple[str, ...]  # B-1 acceptance checks not held: no project can start yet

    @property
    def ready(self) -> bool:
        return not self.missing_checks


@dataclass(frozen=True)
class Proposal:
    teams: tuple[ProposedTeam, ...]  # companies with needs and no current project, by name
    without_needs: tuple[str, ...]  # companies left out: B-3 needs not recorded
    running: tuple[str, ...]  # companies left out: a project is under way
    people: int  # people available (not withdrawn, with a talent type and spare capacity)
    optimal: bool
    seconds: float

    @property
    def needed(self) -> int:
        return sum(len(team.needs) for team in self.teams)

    @property
    def covered(self) -> int:
        return sum(len(team.covered) for team in self.teams)

    @property
    def assigned(self) -> int:
        return sum(len(team.members) for team in self.teams)


def _ordered(skills: Collection[str]) -> tuple[str, ...]:
    return tuple(sorted(skills, key=lambda s: _SKILL_ORDER.get(s, 99)))


def _check_limits(capacity: int, max_team_size: int | None) -> None:
    low, high = CAPACITY_RANGE
    if not low <= capacity <= high:
        raise InputError("team.error.capacity", low=low, high=high)
    if max_team_size is not None:
        low, high = TEAM_SIZE_RANGE
        if not low <= max_team_size <= high:
            raise InputError("team.error.team_size", low=low, high=high)


def propose(
    session: Session,
    actor: Actor,
    programme_id: int,
    today: date,
    *,
    capacity: int = 1,
    max_team_size: int | None = None,
    fixed: Collection[tuple[int, int]] = (),
) -> Proposal:
    """A team for every company of the programme that needs talent and runs no project yet.

    `capacity` is how many projects a person may hold at once, those already held included.
    `fixed` are (company, person) pairs the facilitator keeps in the team whatever else changes.
    """
    require_programme(session, actor, programme_id)
    _check_limits(capacity, max_team_size)
    companies = dict(
        session.exec(
            select(Company.id, Company.name).where(Company.programme_id == programme_id)
        ).all()
    )
    needs: dict[int, set[str]] = {}
    for company_id, skill in session.exec(
        select(CompanyNeed.company_id, CompanyNeed.skill_type)
        .join(Company, col(Company.id) == col(CompanyNeed.company_id))
        .where(Company.programme_id == programme_id)
    ):
        needs.setdefault(company_id, set()).add(skill)
    running = set(
        session.exec(
            select(Project.company_id).where(Project.programme_id == programme_id, ~finished())
        ).all()
    )
    held = current_memberships(session, programme_id)
    people = dict(
        session.exec(
            select(Talent.id, Talent.name).where(
                Talent.programme_id == programme_id, Talent.status != TalentStatus.WITHDRAWN
            )
        ).all()
    )
    skills: dict[int, set[str]] = {}
    for talent_id, skill in session.exec(
        select(TalentSkill.talent_id, TalentSkill.skill_type)
        .join(Talent, col(Talent.id) == col(TalentSkill.talent_id))
        .where(Talent.programme_id == programme_id, Talent.status != TalentStatus.WITHDRAWN)
    ):
        skills.setdefault(talent_id, set()).add(skill)

    openings = [
        Opening(company_id, frozenset(needs[company_id]))
        for company_id in companies
        if needs.get(company_id) and company_id not in running
    ]
    candidates = [
        Candidate(talent_id, frozenset(offered), capacity - len(held.get(talent_id, {})))
        for talent_id, offered in skills.items()
        if talent_id in people and capacity > len(held.get(talent_id, {}))
    ]
    open_ids = {o.company_id for o in openings}
    available = {c.talent_id for c in candidates}
    fixed = {(c, t) for c, t in fixed if c in open_ids and t in available}
    scores = matching.score_matrix(session, actor, programme_id, today) if openings else {}
    try:
        plan = propose_teams(
            openings,
            candidates,
            scores=scores,
            max_team_size=max_team_size,
            fixed=fixed,
            time_limit=SOLVER_SECONDS,
        )
    except FixedPairError as error:  # the kept pairs cannot all hold under the limits
        raise InputError("team.error.fixed") from error
    missing = missing_checks(session, sorted(open_ids))
    teams = []
    for opening in openings:
        company_id = opening.company_id
        members = tuple(
            Member(
                talent_id=t,
                name=people[t],
                skills=_ordered(skills[t]),
                serves=_ordered(opening.needs & skills[t]),
                score=round(scores.get((company_id, t), 0.0) * 100, 1),
            )
            for t in plan.teams[company_id]
        )
        teams.append(
            ProposedTeam(
                company_id=company_id,
                company=companies[company_id],
                needs=_ordered(opening.needs),
                members=tuple(sorted(members, key=lambda m: (-m.score, m.name, m.talent_id))),
                covered=_ordered(plan.covered[company_id]),
                uncovered=_ordered(plan.uncovered[company_id]),
                missing_checks=missing[company_id],
            )
        )
    teams.sort(key=lambda team: (team.company, team.company_id))
    return Proposal(
        teams=tuple(teams),
        without_needs=tuple(sorted(name for cid, name in companies.items() if not needs.get(cid))),
        running=tuple(sorted(companies[c] for c in running if c in companies and needs.get(c))),
        people=len(candidates),
        optimal=plan.optimal,
        seconds=plan.seconds,
    )


def accept(
    session: Session,
    actor: Actor,
    programme_id: int,
    company_id: int,
    talent_ids: list[int],
    theme: str,
    starts_on: date,
    ends_on: date | None,
    milestone_titles: Mapping[MilestoneKind, str] | None = None,
) -> Project:
    """Start the company's project with the accepted team (the facilitator may have changed it).

    The project's own rules apply: B-1 readiness, a theme, a period; a team of nobody is refused.
    """
    if not talent_ids:
        raise InputError("team.error.empty")
    project = create_project(
        session,
        actor,
        programme_id,
        ProjectInput(company_id, theme, starts_on, ends_on),
        dict(milestone_titles or {}),
    )
    set_team(session, actor, project.id, dict.fromkeys(talent_ids, ""), starts_on)
    programme = require_programme(session, actor, programme_id, write=True)
    audit.record(
        session,
        actor.username,
        "team.accept",
        target=f"project:{project.id}",
        region_id=programme.region_id,
        detail=",".join(str(t) for t in talent_ids),
    )
    return project


def fit_rows(teams: Collection[ProposedTeam], labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """A-4/B-4 STEP3 rows for the proposed members: the person and what is expected of them,
    e.g. "釧路港水産加工：データサイエンティスト" (several companies joined by "／")."""
    expectations: dict[int, list[str]] = {}
    for team in teams:
        for member in team.members:
            needed = "・".join(labels.get(s, s) for s in member.serves)
            expectations.setdefault(member.talent_id, []).append(f"{team.company}：{needed}")
    return [
        {"record_id": talent_id, "expectation": "／".join(lines)}
        for talent_id, lines in expectations.items()
    ]


def fill_fit_talent(
    session: Session,
    actor: Actor,
    programme_id: int,
    worksheet: str,
    rows: list[dict[str, Any]],
) -> int:
    """Add `rows` to the worksheet's list of fitting talent; rows already there are kept as
    they are (nothing a person typed is replaced). Returns how many people were added."""
    require_programme(session, actor, programme_id, write=True)
    if worksheet not in ("A-4", "B-4"):
        raise InputError("team.error.worksheet")
    sheet = WORKSHEETS[worksheet]
    stored = load_answers(session, actor, programme_id, sheet).get(FIT_QUESTION)
    current = list(stored.value or []) if stored else []
    listed = {row.get("record_id") for row in current}
    added = [row for row in rows if row["record_id"] not in listed]
    if added:
        save_answer(
            session,
            actor,
            programme_id,
            sheet,
            FIT_QUESTION,
            current + added,
            stored.version if stored else 0,
        )
    return len(added)
