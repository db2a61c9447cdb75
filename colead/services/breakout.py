"""Breakout groups for a meetup (guideline A-3: 高度デジタル人材を５名程度のグループ分け).

Pure: attendees in, groups out; no database, no Streamlit.

How many groups: the count whose groups stay closest to `size`. For each possible count g the
groups hold n // g or n // g + 1 people; the count with the smallest worst deviation from `size`
wins, ties going to the count nearest n / size, then to fewer groups. So whenever some count
keeps every group within size - 1 … size + 1, the groups are within it; otherwise it is as close
as n allows. With size 5: 7 people make one group of 7 (4 + 3 is as far from 5, and 7 / 5 is
nearer 1 than 2), 8 make 4 + 4, 12 make 6 + 6, 13 make 5 + 4 + 4; up to 7 make one group.
For size 5 the count equals max(1, round(n / 5)) (the tests check n up to 1,000); for other
sizes plain rounding can make groups needlessly far from `size` (size 6, 15 people: 8 + 7 where
5 + 5 + 5 is possible), which this rule avoids.

Who goes where: attendees sorted by primary skill (the first listed; people without one last),
then name, then talent id, are dealt round-robin, the deal running on from one skill to the
next. Any run of consecutive attendees in a round-robin deal lands on the groups as evenly as
possible, so group sizes differ by at most one and, for every primary skill, the number of its
people in each group differs by at most one: the skills are mixed in every group. The result
depends only on the attendees, not on their input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Attendee:
    """A meetup attendee; `skills` are talent types, the first being the primary one."""

    talent_id: int
    name: str
    skills: tuple[str, ...]


def group_count(n: int, size: int = 5) -> int:
    """How many groups `n` attendees make with groups of about `size` (see the module doc)."""
    if size < 2:
        raise ValueError("group size must be at least 2")
    if n <= 0:
        return 0

    def key(g: int) -> tuple[int, float, int]:
        smallest, largest = n // g, -(-n // g)
        worst = max(abs(smallest - size), abs(largest - size))
        return worst, abs(g - n / size), g

    return min(range(1, n + 1), key=key)


def breakout_groups(attendees: Sequence[Attendee], size: int = 5) -> list[list[Attendee]]:
    """Split attendees into groups of about `size` with the primary skills spread evenly.

    Raises ValueError when `size` is below 2 or a talent id appears twice.
    """
    if size < 2:
        raise ValueError("group size must be at least 2")
    dupes = sorted(t for t, k in Counter(a.talent_id for a in attendees).items() if k > 1)
    if dupes:
        raise ValueError(f"attendees listed twice: {dupes}")
    count = group_count(len(attendees), size)
    ordered = sorted(
        attendees,
        key=lambda a: (not a.skills, a.skills[0] if a.skills else "", a.name, a.talent_id),
    )
    groups: list[list[Attendee]] = [[] for _ in range(count)]
    for i, attendee in enumerate(ordered):
        groups[i % count].append(attendee)
    return groups


__all__ = ["Attendee", "breakout_groups", "group_count"]
