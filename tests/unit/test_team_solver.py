"""The team solver: hand-made cases, optimality against brute force, constraints, determinism.

Pure functions: no database fixture is used.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from pathlib import Path

import pytest

from colead.services.team_solver import (
    Candidate,
    FixedPairError,
    Opening,
    TeamPlan,
    propose_teams,
)

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("engineer", "data_scientist", "ux_designer", "security")


def op(company_id: int, *needs: str) -> Opening:
    return Opening(company_id, frozenset(needs))


def cand(talent_id: int, *skills: str, capacity: int = 1) -> Candidate:
    return Candidate(talent_id, frozenset(skills), capacity)


# --- checking a plan -------------------------------------------------------------------------


def objective(
    plan_teams: dict[int, tuple[int, ...]],
    openings: list[Opening],
    candidates: list[Candidate],
    scores: dict[tuple[int, int], float],
) -> tuple[int, int, float]:
    """(covered pairs, -assignments, total score): bigger is better, compared in this order."""
    skills = {c.talent_id: c.skills for c in candidates}
    covered = 0
    for o in openings:
        offered = set().union(*(skills[t] for t in plan_teams.get(o.company_id, ())))
        covered += len(o.needs & offered)
    pairs = [(c, t) for c, team in plan_teams.items() for t in team]
    return covered, -len(pairs), sum(scores.get(p, 0.0) for p in pairs)


def assert_feasible(
    plan: TeamPlan,
    openings: list[Opening],
    candidates: list[Candidate],
    *,
    max_team_size: int | None = None,
    excluded: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
    fixed: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> None:
    by_id = {c.talent_id: c for c in candidates}
    assert set(plan.teams) == {o.company_id for o in openings}
    load = {c.talent_id: 0 for c in candidates}
    for o in openings:
        team = plan.teams[o.company_id]
        assert team == tuple(sorted(set(team)))
        if max_team_size is not None:
            assert len(team) <= max_team_size
        offered: set[str] = set()
        for t in team:
            assert not o.needs.isdisjoint(by_id[t].skills), "member offers nothing needed"
            assert (o.company_id, t) not in excluded
            load[t] += 1
            offered |= by_id[t].skills
        assert plan.covered[o.company_id] == o.needs & offered
        assert plan.uncovered[o.company_id] == o.needs - offered
    for t, n in load.items():
        assert n <= by_id[t].capacity, f"talent {t} over capacity"
    for c, t in fixed:
        assert t in plan.teams[c]


# --- brute force -----------------------------------------------------------------------------


def brute_force(
    openings: list[Opening],
    candidates: list[Candidate],
    scores: dict[tuple[int, int], float],
    max_team_size: int | None,
    excluded: set[tuple[int, int]],
    fixed: set[tuple[int, int]],
) -> tuple[int, int, float]:
    """The best objective over every plan that respects the constraints."""
    companies = [o.company_id for o in openings]
    needs = {o.company_id: o.needs for o in openings}
    # Per person: every set of companies they could join (eligible, within capacity, fixed in).
    options: list[list[tuple[int, ...]]] = []
    for c in candidates:
        eligible = [
            k
            for k in companies
            if c.capacity > 0 and needs[k] & c.skills and (k, c.talent_id) not in excluded
        ]
        must = {k for k in eligible if (k, c.talent_id) in fixed}
        mine = []
        for r in range(min(c.capacity, len(eligible)) + 1):
            for combo in itertools.combinations(eligible, r):
                if must <= set(combo):
                    mine.append(combo)
        options.append(mine)
    best = None
    for choice in itertools.product(*options):
        teams: dict[int, list[int]] = {k: [] for k in companies}
        for c, combo in zip(candidates, choice, strict=True):
            for k in combo:
                teams[k].append(c.talent_id)
        if max_team_size is not None and any(len(v) > max_team_size for v in teams.values()):
            continue
        value = objective({k: tuple(v) for k, v in teams.items()}, openings, candidates, scores)
        if best is None or value[:2] > best[:2] or (value[:2] == best[:2] and value[2] > best[2]):
            best = value
    assert best is not None
    return best


def random_instance(rng: random.Random, n_companies: int, n_people: int) -> dict:
    types = TYPES[: rng.choice((2, 3, 4))]
    openings = [
        Opening(k, frozenset(rng.sample(types, min(len(types), rng.choice((0, 1, 1, 2, 2, 3))))))
        for k in range(10, 10 + n_companies)
    ]
    candidates = [
        Candidate(t, frozenset(rng.sample(types, rng.choice((1, 1, 2)))), rng.choice((0, 1, 1, 2)))
        for t in range(100, 100 + n_people)
    ]
    # Scores with ties (one decimal), some pairs missing (= 0).
    scores = {
        (o.company_id, c.talent_id): round(rng.random(), 1)
        for o in openings
        for c in candidates
        if rng.random() < 0.8
    }
    eligible = [
        (o.company_id, c.talent_id)
        for o in openings
        for c in candidates
        if c.capacity and o.needs & c.skills
    ]
    excluded = {p for p in eligible if rng.random() < 0.15}
    max_team_size = rng.choice((None, None, 1, 2))
    # Fixed pairs drawn so that they can hold together.
    fixed: set[tuple[int, int]] = set()
    capacity = {c.talent_id: c.capacity for c in candidates}
    size: dict[int, int] = {}
    for p in eligible:
        if p in excluded or rng.random() > 0.1:
            continue
        k, t = p
        if capacity[t] and (max_team_size is None or size.get(k, 0) < max_team_size):
            fixed.add(p)
            capacity[t] -= 1
            size[k] = size.get(k, 0) + 1
    return {
        "openings": openings,
        "candidates": candidates,
        "scores": scores,
        "max_team_size": max_team_size,
        "excluded": excluded,
        "fixed": fixed,
    }


# --- hand-made cases -------------------------------------------------------------------------


def test_one_versatile_person_beats_two_specialists() -> None:
    plan = propose_teams(
        [op(1, "engineer", "data_scientist")],
        [cand(1, "engineer"), cand(2, "engineer", "data_scientist"), cand(3, "data_scientist")],
        scores={(1, 1): 1.0, (1, 3): 1.0, (1, 2): 0.1},
    )
    assert plan.teams == {1: (2,)}
    assert plan.covered == {1: frozenset({"engineer", "data_scientist"})}
    assert plan.uncovered == {1: frozenset()}
    assert plan.optimal


def test_coverage_comes_before_scores() -> None:
    # Person 1 scores best at company 2, but sending them to company 1 covers one more pair.
    openings = [op(1, "engineer", "security"), op(2, "engineer")]
    candidates = [cand(1, "engineer", "security"), cand(2, "engineer")]
    plan = propose_teams(openings, candidates, scores={(2, 1): 1.0, (1, 2): 0.9})
    assert plan.teams == {1: (1,), 2: (2,)}
    assert all(not u for u in plan.uncovered.values())


def test_one_more_covered_pair_is_worth_many_assignments() -> None:
    # The generalist alone could staff company 1; covering company 2's need as well takes five
    # specialists at company 1 (six assignments instead of one). Level 1 comes first.
    needs = [f"type{i}" for i in range(5)]
    openings = [op(1, *needs), op(2, "rare")]
    candidates = [cand(1, *needs, "rare"), *(cand(10 + i, need) for i, need in enumerate(needs))]
    scores = {(1, 1): 1.0, (2, 1): 0.0}
    plan = propose_teams(openings, candidates, scores=scores)
    assert plan.teams == {1: (10, 11, 12, 13, 14), 2: (1,)}
    assert all(not u for u in plan.uncovered.values())


def test_highest_score_wins_among_equals() -> None:
    plan = propose_teams(
        [op(1, "engineer")],
        [cand(1, "engineer"), cand(2, "engineer"), cand(3, "engineer")],
        scores={(1, 1): 0.2, (1, 2): 0.9, (1, 3): 0.5},
    )
    assert plan.teams == {1: (2,)}


def test_capacity_shares_a_person_between_companies() -> None:
    openings = [op(1, "security"), op(2, "security"), op(3, "security")]
    plan = propose_teams(openings, [cand(7, "security", capacity=2)])
    assert sum(len(t) for t in plan.teams.values()) == 2
    assert sum(1 for u in plan.uncovered.values() if u) == 1


def test_capacity_zero_is_not_available() -> None:
    plan = propose_teams([op(1, "engineer")], [cand(1, "engineer", capacity=0)])
    assert plan.teams == {1: ()}
    assert plan.uncovered == {1: frozenset({"engineer"})}


def test_type_nobody_offers_is_reported_uncovered() -> None:
    plan = propose_teams([op(1, "engineer", "security")], [cand(1, "engineer")])
    assert plan.teams == {1: (1,)}
    assert plan.covered == {1: frozenset({"engineer"})}
    assert plan.uncovered == {1: frozenset({"security"})}


def test_company_without_needs_gets_an_empty_team() -> None:
    plan = propose_teams([op(1), op(2, "engineer")], [cand(1, "engineer", capacity=2)])
    assert plan.teams == {1: (), 2: (1,)}
    assert plan.covered[1] == plan.uncovered[1] == frozenset()


def test_no_openings_and_no_candidates() -> None:
    plan = propose_teams([], [cand(1, "engineer")])
    assert (plan.teams, plan.covered, plan.uncovered, plan.optimal) == ({}, {}, {}, True)
    plan = propose_teams([op(1, "engineer"), op(2)], [])
    assert plan.teams == {1: (), 2: ()}
    assert plan.uncovered == {1: frozenset({"engineer"}), 2: frozenset()}
    assert plan.optimal


def test_max_team_size_limits_coverage() -> None:
    openings = [op(1, "engineer", "security", "ux_designer")]
    candidates = [cand(1, "engineer"), cand(2, "security"), cand(3, "ux_designer")]
    plan = propose_teams(
        openings, candidates, max_team_size=2, scores={(1, 1): 0.1, (1, 2): 0.5, (1, 3): 0.9}
    )
    assert plan.teams == {1: (2, 3)}
    assert plan.uncovered == {1: frozenset({"engineer"})}
    assert propose_teams(openings, candidates, max_team_size=0).teams == {1: ()}


def test_excluded_pair_is_never_chosen() -> None:
    openings = [op(1, "engineer")]
    candidates = [cand(1, "engineer"), cand(2, "engineer")]
    plan = propose_teams(openings, candidates, scores={(1, 1): 1.0}, excluded={(1, 1)})
    assert plan.teams == {1: (2,)}
    plan = propose_teams(openings, candidates, excluded={(1, 1), (1, 2)})
    assert plan.teams == {1: ()}
    assert plan.uncovered == {1: frozenset({"engineer"})}


def test_fixed_pairs_are_kept_even_when_redundant() -> None:
    openings = [op(1, "engineer", "security")]
    candidates = [cand(1, "engineer", "security"), cand(2, "engineer"), cand(3, "security")]
    plan = propose_teams(openings, candidates, scores={(1, 1): 1.0}, fixed={(1, 2)})
    # With person 2 locked in, person 3 completes the team with 2 assignments; so does 1, whose
    # score is higher.
    assert plan.teams == {1: (1, 2)}
    plan = propose_teams(openings, candidates, fixed={(1, 2), (1, 3)})
    assert plan.teams == {1: (2, 3)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fixed": {(1, 1), (2, 1)}}, "fixed to 2 companies but can join only 1"),
        ({"fixed": {(1, 9)}}, "unknown talent"),
        ({"fixed": {(9, 1)}}, "unknown company"),
        ({"fixed": {(1, 1)}, "excluded": {(1, 1)}}, "both fixed to and excluded"),
        ({"fixed": {(1, 3)}}, "offers none of the types"),
        ({"fixed": {(1, 4)}}, "can join only 0"),
        ({"fixed": {(1, 1), (1, 2)}, "max_team_size": 1}, "team size limit is 1"),
    ],
)
def test_impossible_fixed_pairs_raise(kwargs: dict, message: str) -> None:
    openings = [op(1, "engineer"), op(2, "engineer")]
    candidates = [
        cand(1, "engineer"),
        cand(2, "engineer"),
        cand(3, "security"),
        cand(4, "engineer", capacity=0),
    ]
    with pytest.raises(FixedPairError, match=message):
        propose_teams(openings, candidates, **kwargs)


@pytest.mark.parametrize(
    ("openings", "candidates", "kwargs", "message"),
    [
        ([op(1, "engineer"), op(1)], [], {}, "duplicate company ids: \\[1\\]"),
        ([], [cand(2, "engineer"), cand(2, "security")], {}, "duplicate talent ids: \\[2\\]"),
        ([], [cand(1, "engineer", capacity=-1)], {}, "negative capacity"),
        ([], [], {"max_team_size": -1}, "max_team_size"),
        ([], [], {"scores": {(1, 1): 1.5}}, "scores must lie in"),
        ([], [], {"scores": {(1, 1): float("nan")}}, "scores must lie in"),
        ([], [], {"time_limit": 0}, "time_limit"),
    ],
)
def test_bad_input_raises(openings: list, candidates: list, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        propose_teams(openings, candidates, **kwargs)
    assert not isinstance(caught.value, FixedPairError)  # callers tell the two apart


def test_score_a_rounding_step_above_one_is_accepted() -> None:
    # A weighted average of ones can come out as 1.0000000000000002.
    plan = propose_teams(
        [op(1, "engineer")], [cand(1, "engineer")], scores={(1, 1): 1 + 2e-16, (2, 2): -1e-12}
    )
    assert plan.teams == {1: (1,)}


# --- properties over random instances --------------------------------------------------------


@pytest.mark.parametrize("seed", range(150))
def test_optimal_against_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    shape = rng.choice([(3, 5), (3, 5), (3, 6), (4, 4), (2, 6), (4, 3)])
    inst = random_instance(rng, *shape)
    plan = propose_teams(
        inst["openings"],
        inst["candidates"],
        scores=inst["scores"],
        max_team_size=inst["max_team_size"],
        excluded=inst["excluded"],
        fixed=inst["fixed"],
    )
    assert plan.optimal
    assert_feasible(
        plan,
        inst["openings"],
        inst["candidates"],
        max_team_size=inst["max_team_size"],
        excluded=inst["excluded"],
        fixed=inst["fixed"],
    )
    got = objective(plan.teams, inst["openings"], inst["candidates"], inst["scores"])
    best = brute_force(
        inst["openings"],
        inst["candidates"],
        inst["scores"],
        inst["max_team_size"],
        inst["excluded"],
        inst["fixed"],
    )
    assert got[:2] == best[:2]
    assert got[2] == pytest.approx(best[2], abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("with_scores", [True, False])
def test_constraints_hold_on_larger_instances(seed: int, with_scores: bool) -> None:
    # Without scores the plan is solve A's answer dealt from classes back to people as it is.
    rng = random.Random(1000 + seed)
    inst = random_instance(rng, rng.randint(10, 30), rng.randint(20, 80))
    scores = inst["scores"] if with_scores else None
    plan = propose_teams(
        inst["openings"],
        inst["candidates"],
        scores=scores,
        max_team_size=inst["max_team_size"],
        excluded=inst["excluded"],
        fixed=inst["fixed"],
    )
    assert plan.optimal
    assert plan.variables > 0 or not any(o.needs for o in inst["openings"])
    assert_feasible(
        plan,
        inst["openings"],
        inst["candidates"],
        max_team_size=inst["max_team_size"],
        excluded=inst["excluded"],
        fixed=inst["fixed"],
    )
    # Lexicographic minimality of assignments: every member not fixed is the only one in the
    # team covering some needed type (otherwise dropping them would be better).
    skills = {c.talent_id: c.skills for c in inst["candidates"]}
    for o in inst["openings"]:
        team = plan.teams[o.company_id]
        for t in team:
            if (o.company_id, t) in inst["fixed"]:
                continue
            others = set().union(*(skills[u] for u in team if u != t))
            assert (o.needs & skills[t]) - others, f"talent {t} is redundant at {o.company_id}"


def test_classes_of_interchangeable_people_share_the_work() -> None:
    # Ten identical engineers with capacity 2 and fifteen companies: 20 slots, 15 needed.
    openings = [op(k, "engineer") for k in range(1, 16)]
    candidates = [cand(t, "engineer", capacity=2) for t in range(100, 110)]
    plan = propose_teams(openings, candidates)
    assert plan.optimal
    assert all(len(team) == 1 for team in plan.teams.values())
    assert_feasible(plan, openings, candidates)
    # The same with two of them locked to company 1 and one excluded from everything but 2.
    excluded = {(k, 109) for k in range(1, 16) if k != 2}
    plan = propose_teams(openings, candidates, fixed={(1, 100), (1, 101)}, excluded=excluded)
    assert plan.teams[1] == (100, 101)
    assert sum(len(team) for team in plan.teams.values()) == 16
    assert_feasible(plan, openings, candidates, excluded=excluded, fixed={(1, 100), (1, 101)})


def test_same_result_for_the_same_input_in_any_order() -> None:
    rng = random.Random(7)
    inst = random_instance(rng, 20, 60)
    kwargs = {k: inst[k] for k in ("scores", "max_team_size", "excluded", "fixed")}
    first = propose_teams(inst["openings"], inst["candidates"], **kwargs)
    again = propose_teams(inst["openings"], inst["candidates"], **kwargs)
    shuffled = propose_teams(
        list(reversed(inst["openings"])), rng.sample(inst["candidates"], 60), **kwargs
    )
    assert first.teams == again.teams == shuffled.teams
    assert first.covered == shuffled.covered and first.uncovered == shuffled.uncovered


def test_same_result_under_different_string_hashing() -> None:
    """Sets of strings iterate in a per-process order; the plan must not depend on it."""
    script = (
        "import random, sys; sys.path.insert(0, 'tests/unit');"
        "from test_team_solver import random_instance;"
        "from colead.services.team_solver import propose_teams;"
        "i = random_instance(random.Random(3), 15, 40);"
        "p = propose_teams(i['openings'], i['candidates'], scores=i['scores'],"
        " max_team_size=i['max_team_size'], excluded=i['excluded'], fixed=i['fixed']);"
        "print(sorted(p.teams.items()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_time_limit_still_returns_a_feasible_plan() -> None:
    rng = random.Random(11)
    inst = random_instance(rng, 30, 80)
    plan = propose_teams(inst["openings"], inst["candidates"], time_limit=1e-9)
    assert not plan.optimal
    assert_feasible(plan, inst["openings"], inst["candidates"])
