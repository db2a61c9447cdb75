"""One page of a list: the rows shown and how many there are in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")

PER_PAGE = 50


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    total: int
    page: int  # 1-based
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def clamp(page: int, total: int, per_page: int) -> int:
    """The requested page, kept within 1 .. last page (a filter may have shrunk the list)."""
    last = max(1, -(-total // per_page))
    return min(max(1, page), last)
