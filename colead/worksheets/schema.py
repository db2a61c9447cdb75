"""The shape of a worksheet declaration.

Each worksheet of the guideline (A-1 … B-6) is declared once as data: steps, questions,
options, hints. The renderer, saving, validation, the Excel export and the tests all walk the
same declaration, so adding a question is one line in the worksheet's module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"  # free text
    SINGLE = "single"  # one of `options`
    MULTI = "multi"  # any of `options`; an option with other=True takes free text
    CHECKLIST = "checklist"  # each option ticked or not (a list of checks)
    DATES = "dates"  # candidate dates (a list of dates)
    TABLE = "table"  # rows of `columns`
    RECORDS = "records"  # rows linked to registry records (`record`), with `columns` beside


class Track(StrEnum):
    A = "A"  # 地域と高度デジタル人材の関係性構築
    B = "B"  # 地域中小企業と高度デジタル人材のマッチング


class ColumnKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    SELECT = "select"


class Record(StrEnum):
    """Registry records a question can link to (stored as ids, never as copied names)."""

    COMPANY = "company"
    TALENT = "talent"
    PARTNER = "partner"


@dataclass(frozen=True)
class Option:
    """One choice of a question: `id` is what answers store, `label` only what people read.

    The id is ASCII, unique within its question and never changes: rewording a label (or
    translating it) leaves every stored answer and every rule that reads one as it was.
    """

    id: str
    label: str  # the guideline's wording
    other: bool = False  # その他（具体的に）: ticking it asks for free text
    description: str = ""  # e.g. the explanation of a talent type in B-3 STEP5


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: ColumnKind = ColumnKind.TEXT
    options: tuple[str, ...] = ()  # for ColumnKind.SELECT


@dataclass(frozen=True)
class Question:
    id: str  # unique within the worksheet, stable: answers are stored under it
    label: str  # the guideline's ● line, in its Japanese wording
    kind: Kind
    options: tuple[Option, ...] = ()
    hints: tuple[str, ...] = ()  # 検討のヒント chips
    help: str = ""  # short guidance shown under the question
    columns: tuple[Column, ...] = ()  # for TABLE and RECORDS
    record: Record | None = None  # for RECORDS
    # TABLE rows the guideline gives as an example: shown as one, beside the empty table, and
    # part of the answer only once staff choose to use it (what is shown as the answer is it).
    prefill: tuple[tuple[str, ...], ...] = ()

    def example_rows(self) -> list[dict[str, str]]:
        """The guideline's example (`prefill`) as the rows of an answer."""
        return [dict(zip((c.id for c in self.columns), row, strict=False)) for row in self.prefill]

    def option(self, key: object) -> Option | None:
        """The option a stored choice names: its id (or, from an import, its exact label)."""
        for option in self.options:
            if option.id == key:
                return option
        return next((option for option in self.options if option.label == key), None)

    def option_label(self, key: object) -> str:
        """What people read for a stored choice; an unknown value is shown as it is."""
        option = self.option(key)
        return option.label if option is not None else str(key)


@dataclass(frozen=True)
class Step:
    id: str  # "STEP1"
    title: str  # the guideline's step heading, e.g. 地域の魅力の棚卸
    guidance: str  # the short explanation the guideline gives for the step
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Worksheet:
    code: str  # "A-1"
    title: str  # e.g. 高度デジタル人材に期待する役割の設定
    short_title: str  # the programme map's label, e.g. 役割設定
    track: Track
    purpose: str  # one or two sentences from the guideline's overview
    steps: tuple[Step, ...] = field(default_factory=tuple)
    per_company: bool = False  # B-1, B-3: answered once per company

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)
