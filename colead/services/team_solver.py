"""Team proposal for every company of a programme at once, solved exactly as a MILP.

Pure: plain values in, plain values out; no database, no Streamlit. The matching page builds the
`Opening`s (a company and the talent types it needs) and `Candidate`s (a person, the types they
offer and how many more projects they can join) and shows the `TeamPlan` for the facilitator to
adjust; pairs they lock come back as `fixed`, people already on a project as `excluded`.

The problem, lexicographically:

1. cover as many (company, needed type) pairs as possible;
2. among those, use as few assignments (person-to-company slots) as possible;
3. among those, maximise the sum of the chosen assignments' match scores.

subject to: a person joins at most `capacity` companies; a company gets at most
`max_team_size` people; a person joins only a company needing a type they offer; `excluded`
pairs are never chosen, `fixed` pairs always are.

Model (scipy.optimize.milp, HiGHS). One binary x[c, t] per *eligible* pair only (capacity > 0,
a shared type, not excluded), so 500 talent x 100 companies stays a sparse model; one binary
y[c, s] per needed pair that some eligible person could cover, with y[c, s] <= sum of x[c, t]
over the eligible t offering s. Rows: capacity per person, team size per company (only where
they can bind), coverage per y.

How lexicographic optimality is guaranteed (two solves, all weights small integers):

* Solve A merges levels 1 and 2 into ``min sum(x) - K * sum(y)`` with
  ``K = len(fixed) + len(y) + 1``. Why K is large enough: in a lexicographically optimal
  solution A*, every assignment that is not fixed is the only one covering some pair (otherwise
  dropping it keeps the coverage, stays feasible, and saves an assignment), and different
  assignments are sole coverers of different pairs, so ``X(A*) <= len(fixed) + Y(A*) < K``. For
  any solution B covering fewer pairs, ``f(B) - f(A*) >= K - X(A*) + X(B) > 0``; among solutions
  with the same coverage f orders by X. So f's minimisers are exactly the lexicographic optima
  of levels 1-2. All coefficients are integers below a few thousand and the objective is
  integral, so HiGHS (run with ``mip_rel_gap=0``; its absolute gap is 1e-6) proves the exact
  optimum; no tolerance can swap the two priorities. Scores play no part in solve A, so it
  runs on a smaller, equivalent model where interchangeable people are merged into classes
  (see `_solve_levels_1_2`); its answer is dealt back to people.
* Solve B, on the per-person model, adds ``sum(y) >= Y*`` and ``sum(x) <= X*`` (the values of
  solve A's answer, recounted from the rounded x) and maximises ``sum(score * x)`` alone. No
  weights are mixed, so the float scores can't trade against levels 1-2; they are used as
  given (optimal up to HiGHS's 1e-6 absolute gap). Solve B is skipped when no pair outside
  `fixed` has a positive score.

`time_limit` is the budget of the solves together. If it stops solve A, its incumbent is compared
with a plain greedy plan (company by company, the person covering most of what is missing) and
the better one goes on to solve B with whatever time is left; `TeamPlan.optimal` is then False.
HiGHS can overrun the limit on very large models (measured: a 10 s limit took ~30 s on 2,000
talent x 400 companies, 460,000 pairs). Inputs are sorted by id before the model is built, so
the answer does not depend on input order or on string hashing; HiGHS itself is deterministic
(once a time limit is hit, the answer can depend on the machine's speed).

Measured (bench/teams.py, 500 talent x 100 companies, ~26,000 pairs): solve A ~0.05 s, solve B
1-2 s. Tried and dropped: HiGHS without presolve (faster on most instances, 4x slower on one);
cuts from the fact that no two non-fixed members of a team may have nested profiles (slower);
reduced-cost fixing from the LP relaxation (kept ~75% of the columns).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

SCORE_SLACK = 1e-9  # scores this far outside [0, 1] are float noise, clipped rather than refused


class FixedPairError(ValueError):
    """Some `fixed` pairs cannot hold (unknown id, excluded, no shared type, capacity, size)."""


@dataclass(frozen=True)
class Opening:
    """A company to staff and the talent types it needs."""

    company_id: int
    needs: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """A person, the talent types they offer, and how many more companies they can join."""

    talent_id: int
    skills: frozenset[str]
    capacity: int


@dataclass(frozen=True)
class TeamPlan:
    """The proposal: a team (maybe empty) for every opening, and what it covers."""

    teams: dict[int, tuple[int, ...]]  # company_id -> sorted talent_ids
    covered: dict[int, frozenset[str]]  # company_id -> needed types the team covers
    uncovered: dict[int, frozenset[str]]  # company_id -> needed types nobody in the team covers
    optimal: bool  # False if a time limit stopped a solve before optimality was proved
    seconds: float
    variables: int = 0  # size of the model (x and y variables); 0 when nothing was solved


def propose_teams(
    openings: Sequence[Opening],
    candidates: Sequence[Candidate],
    *,
    scores: Mapping[tuple[int, int], float] | None = None,
    max_team_size: int | None = None,
    excluded: Collection[tuple[int, int]] = (),
    fixed: Collection[tuple[int, int]] = (),
    time_limit: float = 30.0,
) -> TeamPlan:
    """Propose a team for every opening at once (see the module docstring for the model).

    `scores` maps (company_id, talent_id) to a match score in [0, 1]; missing pairs score 0.
    Raises FixedPairError (a ValueError) when the `fixed` pairs cannot all hold, with a message
    naming the pair, and ValueError on duplicate ids or out-of-range values.
    """
    started = time.perf_counter()
    openings = sorted(openings, key=lambda o: o.company_id)
    candidates = sorted(candidates, key=lambda c: c.talent_id)
    _check_inputs(openings, candidates, max_team_size, time_limit)
    scores = scores or {}
    _check_scores(scores)
    excluded = set(excluded)
    fixed = set(fixed)
    _check_fixed(openings, candidates, fixed, excluded, max_team_size)

    # Eligible pairs, in (company, talent) id order: the x variables.
    pairs: list[tuple[int, int]] = []
    pair_opening: list[int] = []
    pair_candidate: list[int] = []
    for i, opening in enumerate(openings):
        for j, cand in enumerate(candidates):
            if (
                cand.capacity > 0
                and not opening.needs.isdisjoint(cand.skills)
                and (opening.company_id, cand.talent_id) not in excluded
            ):
                pairs.append((opening.company_id, cand.talent_id))
                pair_opening.append(i)
                pair_candidate.append(j)

    # Needed pairs some eligible person could cover: the y variables, with their coverers.
    by_opening: dict[int, list[int]] = {}
    for k, i in enumerate(pair_opening):
        by_opening.setdefault(i, []).append(k)
    needed: list[list[int]] = []  # for each y, the x indices that cover it
    for i, opening in enumerate(openings):
        for skill in sorted(opening.needs):
            coverers = [
                k for k in by_opening.get(i, []) if skill in candidates[pair_candidate[k]].skills
            ]
            if coverers:
                needed.append(coverers)

    n_x, n_y = len(pairs), len(needed)
    values = np.clip(np.array([float(scores.get(p, 0.0)) for p in pairs]), 0.0, 1.0)
    is_fixed = np.array([p in fixed for p in pairs], dtype=bool)
    chosen = is_fixed.astype(np.int8)
    optimal = True
    if n_x:
        # Solve A, on interchangeable people merged into classes.
        x, done = _solve_levels_1_2(
            openings,
            candidates,
            pair_opening,
            pair_candidate,
            is_fixed,
            needed,
            max_team_size,
            len(fixed),
            _remaining(started, time_limit),
        )
        if x is not None:
            chosen = x
        if not done:
            # Stopped early: a poor incumbent (or none) may lose to a plain greedy plan.
            optimal = False
            greedy = _greedy(
                openings,
                candidates,
                pair_opening,
                pair_candidate,
                values,
                is_fixed.astype(np.int8),
                max_team_size,
            )
            if _rank(greedy, needed, values) > _rank(chosen, needed, values):
                chosen = greedy

        budget = _remaining(started, time_limit)
        if values[~is_fixed].any() and budget <= 0:
            optimal = False
        elif values[~is_fixed].any():
            # Solve B, per person: the best scores among the optima of levels 1 and 2 (or,
            # after a time limit, among plans as good as the one in hand on those levels).
            model = _Model(
                n_openings=len(openings),
                col_opening=pair_opening,
                col_group=pair_candidate,
                col_lower=is_fixed.astype(float),
                col_upper=np.ones(n_x),
                group_capacity=[c.capacity for c in candidates],
                needed=needed,
                max_team_size=max_team_size,
            )
            y_now = sum(1 for coverers in needed if chosen[coverers].any())
            extra = [
                LinearConstraint(np.concatenate([np.zeros(n_x), np.ones(n_y)]), y_now, np.inf),
                LinearConstraint(
                    np.concatenate([np.ones(n_x), np.zeros(n_y)]), -np.inf, int(chosen.sum())
                ),
            ]
            cost = np.concatenate([-values, np.zeros(n_y)])
            x, done = model.solve(cost, extra, budget)
            optimal &= done
            if x is not None and _rank(x, needed, values) > _rank(chosen, needed, values):
                chosen = x

    members: dict[int, list[int]] = {o.company_id: [] for o in openings}
    for k in np.flatnonzero(chosen):
        company_id, talent_id = pairs[k]
        members[company_id].append(talent_id)
    teams: dict[int, tuple[int, ...]] = {}
    covered: dict[int, frozenset[str]] = {}
    uncovered: dict[int, frozenset[str]] = {}
    skills_of = {c.talent_id: c.skills for c in candidates}
    for opening in openings:
        team = tuple(sorted(members[opening.company_id]))
        offered = frozenset().union(*(skills_of[t] for t in team))
        teams[opening.company_id] = team
        covered[opening.company_id] = opening.needs & offered
        uncovered[opening.company_id] = opening.needs - offered
    return TeamPlan(
        teams=teams,
        covered=covered,
        uncovered=uncovered,
        optimal=optimal,
        seconds=time.perf_counter() - started,
        variables=n_x + n_y if n_x else 0,
    )


def _solve_levels_1_2(
    openings: list[Opening],
    candidates: list[Candidate],
    pair_opening: list[int],
    pair_candidate: list[int],
    is_fixed: np.ndarray,
    needed: list[list[int]],
    max_team_size: int | None,
    n_fixed: int,
    time_limit: float,
) -> tuple[np.ndarray | None, bool]:
    """Solve A: max coverage, then min assignments; returns (x over the pairs, optimal).

    Scores play no part here, so people who are eligible for the same companies with the same
    needed types there, and have the same capacity and the same fixed companies, are
    interchangeable: they form a class, and one integer z[c, class] in 0..len(class) counts how
    many of them join company c, with sum over c of z <= capacity * len(class). Any such z is
    the count of some per-person plan (deal each class's companies round-robin over its members:
    z <= len(class) keeps a member from getting a company twice, the class row keeps everyone
    within capacity), and vice versa, so both models have the same (coverage, assignments)
    optima. On the bench's 500 talent this turns ~26,000 binaries into ~830 integers.
    """
    by_candidate: dict[int, list[int]] = {}
    for k, j in enumerate(pair_candidate):
        by_candidate.setdefault(j, []).append(k)
    classes: dict[tuple, list[int]] = {}  # key -> candidate indices, by talent id
    for j, ks in by_candidate.items():
        profile = tuple(
            (pair_opening[k], tuple(sorted(openings[pair_opening[k]].needs & candidates[j].skills)))
            for k in ks
        )
        fixed_at = tuple(pair_opening[k] for k in ks if is_fixed[k])
        classes.setdefault((profile, candidates[j].capacity, fixed_at), []).append(j)

    col_opening: list[int] = []
    col_group: list[int] = []
    col_lower: list[float] = []
    col_upper: list[float] = []
    group_capacity: list[int] = []
    col_of: dict[tuple[int, int], int] = {}  # (opening index, class index) -> column
    class_of: dict[int, int] = {}  # candidate index -> class index
    class_members: list[list[int]] = []
    for g, ((profile, capacity, fixed_at), js) in enumerate(classes.items()):
        class_members.append(js)
        group_capacity.append(capacity * len(js))
        for j in js:
            class_of[j] = g
        for i, _ in profile:
            col_of[i, g] = len(col_opening)
            col_opening.append(i)
            col_group.append(g)
            col_lower.append(len(js) if i in fixed_at else 0)
            col_upper.append(len(js))
    col_needed = [
        sorted({col_of[pair_opening[k], class_of[pair_candidate[k]]] for k in coverers})
        for coverers in needed
    ]
    model = _Model(
        n_openings=len(openings),
        col_opening=col_opening,
        col_group=col_group,
        col_lower=np.array(col_lower),
        col_upper=np.array(col_upper),
        group_capacity=group_capacity,
        needed=col_needed,
        max_team_size=max_team_size,
    )
    # min sum(z) - K * sum(y): K > any lexicographic optimum's assignments (module docstring).
    weight = n_fixed + len(needed) + 1
    cost = np.concatenate([np.ones(len(col_opening)), np.full(len(needed), -float(weight))])
    z, done = model.solve(cost, [], time_limit)
    if z is None:
        return None, done

    # Back to people: each class deals its companies round-robin over its members.
    pair_of = {(pair_opening[k], pair_candidate[k]): k for k in range(len(pair_opening))}
    x = np.zeros(len(pair_opening), dtype=np.int8)
    turn = [0] * len(class_members)
    for col in np.flatnonzero(z):
        g, i = col_group[col], col_opening[col]
        js = class_members[g]
        for _ in range(int(z[col])):
            x[pair_of[i, js[turn[g] % len(js)]]] = 1
            turn[g] += 1
    return x, done


class _Model:
    """Columns with bounds, grouped for capacity rows, plus one binary y per needed pair.

    Serves both solves: per class in solve A (integer columns), per person in solve B (binary).
    Capacity and team-size rows are only added where they can bind.
    """

    def __init__(
        self,
        *,
        n_openings: int,
        col_opening: list[int],
        col_group: list[int],
        col_lower: np.ndarray,
        col_upper: np.ndarray,
        group_capacity: list[int],
        needed: list[list[int]],
        max_team_size: int | None,
    ) -> None:
        n_x, n_y = len(col_opening), len(needed)
        self.n_x, self.n_y = n_x, n_y
        self.lower_bounds = np.concatenate([col_lower, np.zeros(n_y)])
        self.upper_bounds = np.concatenate([col_upper, np.ones(n_y)])
        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        upper: list[float] = []

        def add_row(columns: list[int], coefficients: list[float], hi: float) -> None:
            rows.extend([len(upper)] * len(columns))
            cols.extend(columns)
            data.extend(coefficients)
            upper.append(hi)

        per_group: dict[int, list[int]] = {}
        for k, g in enumerate(col_group):
            per_group.setdefault(g, []).append(k)
        for g, ks in per_group.items():
            if col_upper[ks].sum() > group_capacity[g]:
                add_row(ks, [1.0] * len(ks), group_capacity[g])
        if max_team_size is not None:
            per_opening: list[list[int]] = [[] for _ in range(n_openings)]
            for k, i in enumerate(col_opening):
                per_opening[i].append(k)
            for ks in per_opening:
                if ks and col_upper[ks].sum() > max_team_size:
                    add_row(ks, [1.0] * len(ks), max_team_size)
        # Coverage: y - sum(columns that cover it) <= 0.
        for m, coverers in enumerate(needed):
            add_row([n_x + m, *coverers], [1.0] + [-1.0] * len(coverers), 0.0)

        self.matrix = sparse.csr_array(
            (data, (rows, cols)), shape=(len(upper), n_x + n_y), dtype=float
        )
        self.row_upper = np.array(upper)

    def solve(
        self, cost: np.ndarray, extra: list[LinearConstraint], time_limit: float
    ) -> tuple[np.ndarray | None, bool]:
        """Minimise `cost`; returns (columns rounded to integers or None, optimality proved)."""
        if time_limit <= 0:
            return None, False
        constraints = [
            LinearConstraint(self.matrix, -np.inf, self.row_upper),
            *extra,
        ]
        result = milp(
            cost,
            integrality=np.ones(self.n_x + self.n_y),
            bounds=Bounds(self.lower_bounds, self.upper_bounds),
            constraints=constraints,
            options={"time_limit": time_limit, "mip_rel_gap": 0.0},
        )
        if result.status == 0 or (result.status == 1 and result.x is not None):
            x = np.rint(result.x[: self.n_x]).astype(np.int64)
            return x, result.status == 0
        if result.status == 1:  # time limit without any feasible answer
            return None, False
        # Always feasible (the fixed pairs alone are a solution), so this is a solver failure.
        raise RuntimeError(f"team solver failed: {result.message}")


def _rank(x: np.ndarray, needed: list[list[int]], values: np.ndarray) -> tuple[int, int, float]:
    """The lexicographic objective of a 0/1 vector over the pairs: bigger is better."""
    covered = sum(1 for coverers in needed if x[coverers].any())
    return covered, -int(x.sum()), float(values @ x)


def _greedy(
    openings: list[Opening],
    candidates: list[Candidate],
    pair_opening: list[int],
    pair_candidate: list[int],
    values: np.ndarray,
    start: np.ndarray,
    max_team_size: int | None,
) -> np.ndarray:
    """A quick feasible plan from `start` (the fixed pairs), only used after a time limit.

    Company by company, add the eligible person with spare capacity who covers the most of its
    still uncovered needs (then the higher score, then the lower id) until nobody adds any.
    """
    chosen = start.copy()
    load = Counter(pair_candidate[k] for k in np.flatnonzero(chosen))
    per_opening: dict[int, list[int]] = {}
    for k, i in enumerate(pair_opening):
        per_opening.setdefault(i, []).append(k)
    for i, opening in enumerate(openings):
        ks = per_opening.get(i, [])
        team = [k for k in ks if chosen[k]]
        missing = set(opening.needs).difference(
            *(candidates[pair_candidate[k]].skills for k in team)
        )
        while missing and (max_team_size is None or len(team) < max_team_size):
            best, best_key = -1, (0, 0.0, 0)
            for k in ks:
                cand = candidates[pair_candidate[k]]
                if chosen[k] or load[pair_candidate[k]] >= cand.capacity:
                    continue
                key = (len(missing & cand.skills), float(values[k]), -cand.talent_id)
                if key[0] and (best < 0 or key > best_key):
                    best, best_key = k, key
            if best < 0:
                break
            chosen[best] = 1
            team.append(best)
            load[pair_candidate[best]] += 1
            missing -= candidates[pair_candidate[best]].skills
    return chosen


def _remaining(started: float, time_limit: float) -> float:
    return time_limit - (time.perf_counter() - started)


def _check_inputs(
    openings: list[Opening],
    candidates: list[Candidate],
    max_team_size: int | None,
    time_limit: float,
) -> None:
    for label, ids in (
        ("company", [o.company_id for o in openings]),
        ("talent", [c.talent_id for c in candidates]),
    ):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        if dupes:
            raise ValueError(f"duplicate {label} ids: {dupes}")
    for cand in candidates:
        if cand.capacity < 0:
            raise ValueError(f"talent {cand.talent_id} has a negative capacity")
    if max_team_size is not None and max_team_size < 0:
        raise ValueError("max_team_size must not be negative")
    if not time_limit > 0:
        raise ValueError("time_limit must be positive")


def _check_scores(scores: Mapping[tuple[int, int], float]) -> None:
    # A weighted average of values in [0, 1] can come out one rounding step above 1: allowed.
    for pair, score in scores.items():
        if not -SCORE_SLACK <= score <= 1.0 + SCORE_SLACK:  # also refuses NaN
            raise ValueError(f"score of {pair} is {score}; scores must lie in [0, 1]")


def _check_fixed(
    openings: list[Opening],
    candidates: list[Candidate],
    fixed: set[tuple[int, int]],
    excluded: set[tuple[int, int]],
    max_team_size: int | None,
) -> None:
    """Refuse fixed pairs that no plan can contain, with a message a facilitator can act on."""
    needs = {o.company_id: o.needs for o in openings}
    by_id = {c.talent_id: c for c in candidates}
    for company_id, talent_id in sorted(fixed):
        if company_id not in needs:
            raise FixedPairError(f"fixed pair ({company_id}, {talent_id}): unknown company")
        if talent_id not in by_id:
            raise FixedPairError(f"fixed pair ({company_id}, {talent_id}): unknown talent")
        if (company_id, talent_id) in excluded:
            raise FixedPairError(
                f"talent {talent_id} is both fixed to and excluded from company {company_id}"
            )
        if needs[company_id].isdisjoint(by_id[talent_id].skills):
            raise FixedPairError(
                f"talent {talent_id} offers none of the types company {company_id} needs"
            )
    for talent_id, count in sorted(Counter(t for _, t in fixed).items()):
        capacity = by_id[talent_id].capacity
        if count > capacity:
            raise FixedPairError(
                f"talent {talent_id} is fixed to {count} companies but can join only {capacity}"
            )
    if max_team_size is not None:
        for company_id, count in sorted(Counter(c for c, _ in fixed).items()):
            if count > max_team_size:
                raise FixedPairError(
                    f"company {company_id} has {count} fixed people but the team size limit is "
                    f"{max_team_size}"
                )


__all__ = ["Candidate", "FixedPairError", "Opening", "TeamPlan", "propose_teams"]
