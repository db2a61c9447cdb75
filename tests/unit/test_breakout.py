"""Meetup breakout groups: sizes, balance, skill spread, determinism. Pure: no database."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from colead.services.breakout import Attendee, breakout_groups, group_count

TYPES = ("security", "data_scientist", "ux_designer", "engineer", "business_architect")


def people(n: int, rng: random.Random | None = None) -> list[Attendee]:
    rng = rng or random.Random(n)
    out = []
    for t in range(1, n + 1):
        k = rng.choice((0, 1, 1, 1, 2))  # some people without a type
        skills = tuple(rng.sample(TYPES, k))
        out.append(
            Attendee(t, rng.choice(("佐藤", "鈴木", "高橋", "田中", "Ito")) + str(t), skills)
        )
    return out


def primary(a: Attendee) -> str:
    return a.skills[0] if a.skills else ""


def test_no_attendees_no_groups() -> None:
    assert breakout_groups([]) == []
    assert group_count(0) == 0


@pytest.mark.parametrize("size", [1, 0, -3])
def test_group_size_below_two_is_refused(size: int) -> None:
    with pytest.raises(ValueError, match="at least 2"):
        breakout_groups(people(4), size)


def test_attendee_listed_twice_is_refused() -> None:
    a = Attendee(1, "佐藤", ("engineer",))
    with pytest.raises(ValueError, match="listed twice"):
        breakout_groups([a, Attendee(1, "佐藤", ())])


@pytest.mark.parametrize(
    ("n", "sizes"),
    [
        (1, [1]),
        (3, [3]),
        (5, [5]),
        (6, [6]),
        (7, [7]),  # 4 + 3 is as far from 5; 7 / 5 rounds to one group
        (8, [4, 4]),
        (10, [5, 5]),
        (12, [6, 6]),
        (13, [5, 4, 4]),
        (23, [5, 5, 5, 4, 4]),
        (40, [5] * 8),
    ],
)
def test_group_sizes_for_size_five(n: int, sizes: list[int]) -> None:
    assert [len(g) for g in breakout_groups(people(n))] == sizes


def test_group_count_is_round_n_over_five() -> None:
    for n in range(1, 1001):
        assert group_count(n, 5) == max(1, round(n / 5)), n


def test_other_sizes_stay_close_to_size() -> None:
    assert [len(g) for g in breakout_groups(people(15), 6)] == [5, 5, 5]  # not 8 + 7
    assert [len(g) for g in breakout_groups(people(10), 7)] == [5, 5]  # not one group of 10
    assert [len(g) for g in breakout_groups(people(4), 2)] == [2, 2]


@pytest.mark.parametrize("size", range(2, 9))
def test_sizes_are_balanced_and_as_close_to_size_as_n_allows(size: int) -> None:
    for n in range(1, 80):
        groups = breakout_groups(people(n), size)
        sizes = [len(g) for g in groups]
        assert sum(sizes) == n
        assert max(sizes) - min(sizes) <= 1
        # No other number of groups would keep the worst group closer to `size`.
        best = min(max(abs(n // g - size), abs(-(-n // g) - size)) for g in range(1, n + 1))
        assert max(abs(s - size) for s in sizes) == best
        if best <= 1:
            assert all(size - 1 <= s <= size + 1 for s in sizes)


@pytest.mark.parametrize("seed", range(200))
def test_everyone_once_and_primary_skills_spread(seed: int) -> None:
    rng = random.Random(seed)
    attendees = people(rng.randint(1, 60), rng)
    size = rng.choice((3, 4, 5, 5, 5, 6))
    groups = breakout_groups(attendees, size)
    assert sorted(a.talent_id for g in groups for a in g) == sorted(a.talent_id for a in attendees)
    for skill in {primary(a) for a in attendees}:
        counts = [sum(1 for a in g if primary(a) == skill) for g in groups]
        assert max(counts) - min(counts) <= 1, (skill, counts)


def test_same_skill_people_are_not_put_together() -> None:
    attendees = [Attendee(t, f"E{t}", ("engineer",)) for t in range(1, 5)]
    attendees += [Attendee(t, f"D{t}", ("data_scientist",)) for t in range(5, 9)]
    attendees += [Attendee(t, f"U{t}", ("ux_designer",)) for t in range(9, 11)]
    groups = breakout_groups(attendees)
    assert [len(g) for g in groups] == [5, 5]
    for g in groups:
        assert Counter(primary(a) for a in g) == Counter(
            {"engineer": 2, "data_scientist": 2, "ux_designer": 1}
        )


def test_independent_of_input_order() -> None:
    rng = random.Random(5)
    attendees = people(37, rng)
    first = breakout_groups(attendees)
    for _ in range(5):
        assert breakout_groups(rng.sample(attendees, len(attendees))) == first
    assert breakout_groups(attendees) == first
