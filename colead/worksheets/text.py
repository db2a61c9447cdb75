"""An answer as plain text: for read-only views, conflict views, print and export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from colead.worksheets.schema import Kind, Question

SENTENCE_ENDS = ("。", "！", "？", "!", "?")


def join_phrases(parts: list[str] | tuple[str, ...]) -> str:
    """Words joined with 、; a part that is already a sentence (ends in 。) needs no 、 after it."""
    text = ""
    for index, part in enumerate(parts):
        if index and not text.endswith(SENTENCE_ENDS):
            text += "、"
        text += part
    return text


def _choice_text(question: Question, choices: list[str], other: str) -> str:
    """Stored option ids as their labels; the その他 option followed by its text."""
    parts = []
    for choice in choices:
        option = question.option(choice)
        label = option.label if option is not None else str(choice)
        parts.append(
            f"{label}：{other}" if option is not None and option.other and other else label
        )
    return "、".join(parts)


def _row_text(question: Question, row: Mapping[str, Any], names: Mapping[int, str]) -> str:
    cells = []
    if question.kind == Kind.RECORDS and row.get("record_id") is not None:
        cells.append(names.get(int(row["record_id"]), f"#{row['record_id']}"))
    cells += [
        f"{c.label}：{row[c.id]}" for c in question.columns if row.get(c.id) not in (None, "")
    ]
    return " ／ ".join(str(cell) for cell in cells)


def describe(question: Question, value: Any, names: Mapping[int, str] | None = None) -> str:
    """Readable text of `value` ("" when unanswered). `names` maps record ids to names."""
    if value is None:
        return ""
    kind = question.kind
    if kind == Kind.TEXT:
        return str(value)
    if kind == Kind.SINGLE:
        choice = value.get("choice")
        return _choice_text(question, [choice], value.get("other", "")) if choice else ""
    if kind in (Kind.MULTI, Kind.CHECKLIST):
        return _choice_text(question, list(value.get("choices", [])), value.get("other", ""))
    if kind == Kind.DATES:
        return "、".join(str(day) for day in value)
    return "\n".join(_row_text(question, row, names or {}) for row in value)
