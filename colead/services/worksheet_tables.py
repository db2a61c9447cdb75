"""The tables of the guideline's worksheets, computed for the Excel export and the print view.

- a TABLE or RECORDS answer as its grid of cells (B-5's itinerary with the days across and
  AM/PM down, as the guideline draws it);
- B-1's checklist: candidate companies × the ten checks, grouped by STEP, with the verdict of
  the 受入体制の整備 rule (colead.services.screening: `holds` and `readiness`);
- the timetables the guideline gives: A-3's meetup タイムスケジュール and B-5's 事前顔合わせ
  agenda per company (colead.services.agenda).

Plain values only: the writers (colead.services.export, colead.ui.worksheet_page) lay them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from sqlmodel import Session, col, select

from colead.i18n import to_jst, translate
from colead.models import Event, EventKind, WorksheetAnswer
from colead.services import screening
from colead.services.access import Actor, require_programme
from colead.services.agenda import (
    MEETUP_LIMIT_MINUTES,
    PRE_MEETING_BLOCKS,
    Agenda,
    meetup_agenda,
    meetup_registrations,
    pre_meeting_agendas,
)
from colead.services.records import record_choices
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Kind, Question, Record, Worksheet
from colead.worksheets.text import describe

# Tables the guideline draws with the first column's values across the top (B-5: １日目 ２日目
# ３日目 across, AM and PM down).
ACROSS = {("B-5", "s4_itinerary")}
# The start times the facilitation aids offer first (colead.ui.facilitation).
MEETUP_START = time(19, 0)
PRE_MEETING_START = time(13, 0)
HOLDS = "○"  # a check that holds, as the guideline's ticked box


@dataclass(frozen=True)
class Grid:
    """A table of cells: a header row, then rows of the same width."""

    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...] = ()
    row_heads: bool = False  # each row's first cell names it (B-5's AM, PM)


def _cell(value: Any) -> Any:
    return "" if value is None else value


def answer_grid(code: str, question: Question, value: Any, names: Mapping[int, str]) -> Grid | None:
    """A TABLE or RECORDS answer as a grid (None for other kinds)."""
    if question.kind not in (Kind.TABLE, Kind.RECORDS):
        return None
    rows: list[Mapping[str, Any]] = [row for row in value or [] if isinstance(row, Mapping)]
    header = [column.label for column in question.columns]
    cells = [[_cell(row.get(column.id)) for column in question.columns] for row in rows]
    if question.kind == Kind.RECORDS:
        header.insert(0, translate(f"worksheet.record.{question.record}"))
        for line, row in zip(cells, rows, strict=True):
            record_id = row.get("record_id")
            line.insert(0, "" if record_id is None else names.get(int(record_id), f"#{record_id}"))
    if (code, question.id) in ACROSS and question.columns:
        days = [line[0] for line in cells] or [example[0] for example in question.prefill]
        across = tuple(
            (label, *(line[index] for line in cells)) if cells else (label, *("" for _ in days))
            for index, label in enumerate(header[1:], start=1)
        )
        return Grid((header[0], *map(str, days)), across, row_heads=True)
    return Grid(tuple(header), tuple(tuple(line) for line in cells))


@dataclass(frozen=True)
class ScreeningTable:
    """B-1 as the guideline's checklist."""

    steps: tuple[tuple[str, int], ...]  # (STEP heading, how many checks it has)
    checks: tuple[str, ...]  # the ten check labels, in order
    company_label: str
    verdict_label: str
    rows: tuple[tuple[str, tuple[bool, ...], str], ...]  # company, holds per check, verdict

    def grid(self) -> Grid:
        """The same table as plain cells (○ where a check holds)."""
        return Grid(
            (self.company_label, *self.checks, self.verdict_label),
            tuple(
                (name, *(HOLDS if held else "" for held in holds), verdict)
                for name, holds, verdict in self.rows
            ),
        )


def screening_table(
    session: Session,
    actor: Actor,
    programme_id: int,
    lang: str = "ja",
    sheet: Worksheet | None = None,
) -> ScreeningTable:
    """Every company of the programme (by name) with its ten B-1 checks and the verdict.
    `sheet` is B-1's declaration in the reader's language (default: the guideline's)."""
    sheet = sheet or WORKSHEETS[screening.SCREENING]
    questions = sheet.questions()
    verdicts = screening.readiness(session, actor, programme_id)
    ids = [row.company_id for row in verdicts]
    values: dict[tuple[int, str], object] = {}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):  # SQLite's variable limit
        for company_id, question, value in session.exec(
            select(
                WorksheetAnswer.company_id, WorksheetAnswer.question, WorksheetAnswer.value
            ).where(
                WorksheetAnswer.programme_id == programme_id,
                WorksheetAnswer.worksheet == screening.SCREENING,
                col(WorksheetAnswer.company_id).in_(chunk),
            )
        ):
            values[(company_id, question)] = value
    rows = tuple(
        (
            row.name,
            tuple(screening.holds(values.get((row.company_id, q.id))) for q in questions),
            translate("company.ready", lang)
            if row.ready
            else translate("company.not_ready", lang, missing="、".join(row.missing)),
        )
        for row in verdicts
    )
    return ScreeningTable(
        steps=tuple((f"{step.id} {step.title}", len(step.questions)) for step in sheet.steps),
        checks=tuple(q.label for q in questions),
        company_label="候補企業名",
        verdict_label="判定（受入体制の整備）",
        rows=rows,
    )


@dataclass(frozen=True)
class Timetable:
    """A computed timetable sheet: notes on what it was computed from, then captioned grids."""

    code: str  # the worksheet it belongs to
    title: str  # e.g. タイムスケジュール
    notes: tuple[str, ...]
    blocks: tuple[tuple[str, Grid], ...]


def _agenda_grid(agenda: Agenda) -> Grid:
    return Grid(
        ("時刻", "内容", "分"),
        tuple(
            (f"{item.start:%H:%M}–{item.end:%H:%M}", item.title, item.minutes)
            for item in agenda.items
        ),
    )


def _linked_names(
    session: Session, actor: Actor, programme_id: int, code: str, question_id: str
) -> list[str]:
    """Names of the companies a RECORDS answer lists, in its order (unknown ids left out)."""
    value = session.exec(
        select(WorksheetAnswer.value).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == code,
            WorksheetAnswer.question == question_id,
            WorksheetAnswer.subject == "",
        )
    ).first()
    names = {c.id: c.label for c in record_choices(session, actor, programme_id, Record.COMPANY)}
    rows = value if isinstance(value, list) else []
    return [
        names[row["record_id"]]
        for row in rows
        if isinstance(row, Mapping) and row.get("record_id") in names
    ]


def _answer_text(session: Session, programme_id: int, code: str, question_id: str) -> str:
    question = next(q for q in WORKSHEETS[code].questions() if q.id == question_id)
    value = session.exec(
        select(WorksheetAnswer.value).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == code,
            WorksheetAnswer.question == question_id,
            WorksheetAnswer.subject == "",
        )
    ).first()
    return describe(question, value)


def meetup_timetable(session: Session, actor: Actor, programme_id: int) -> Timetable:
    """A-3's タイムスケジュール: from the latest meetup's start (else 19:00), the companies A-3
    introduces and the people registered for that meetup."""
    require_programme(session, actor, programme_id)
    companies = _linked_names(session, actor, programme_id, "A-3", "s2_companies")
    people = meetup_registrations(session, actor, programme_id)
    latest = session.exec(
        select(Event.title, Event.starts_at)
        .where(Event.programme_id == programme_id, Event.kind == EventKind.MEETUP)
        .order_by(col(Event.starts_at).desc())
    ).first()
    if latest is None:
        start, basis = MEETUP_START, "ミートアップ未登録のため仮の開始時刻"
    else:
        begins = to_jst(latest[1])
        start = begins.time().replace(second=0, microsecond=0)
        basis = f"「{latest[0]}」{begins:%Y年%m月%d日}"
    agenda = meetup_agenda(start, len(companies), people)
    end = agenda.items[-1].end
    total = f"合計{agenda.minutes}分（{end:%H:%M}終了予定）"
    if agenda.too_long:
        total += f"：{MEETUP_LIMIT_MINUTES}分を超えています"
    return Timetable(
        code="A-3",
        title="タイムスケジュール",
        notes=(
            f"開始 {start:%H:%M}（{basis}）",
            f"紹介する企業 {len(companies)}社（STEP2）、自己紹介する人材 {people}名（申込者数）",
            total,
        ),
        blocks=(("", _agenda_grid(agenda)),),
    )


def pre_meeting_timetable(session: Session, actor: Actor, programme_id: int) -> Timetable:
    """B-5's 事前顔合わせ: one online meeting of about 60 minutes per company of STEP4."""
    require_programme(session, actor, programme_id)
    companies = _linked_names(session, actor, programme_id, "B-5", "s4_companies")
    held = _answer_text(session, programme_id, "B-5", "s4_pre_meeting")
    members = _answer_text(session, programme_id, "B-5", "s4_pre_meeting_members")
    minutes = sum(minutes for _, minutes in PRE_MEETING_BLOCKS)
    notes = (
        f"開催形態：オンライン　開催時間：{minutes}分程度/社",
        f"実施：{held or '未記入'}　参加者：{members or '未記入'}",
    )
    if not companies:
        notes += ("参加企業（STEP4）が未記入です。企業ごとのアジェンダの例：",)
        companies_or_example = ["（企業名）"]
    else:
        companies_or_example = companies
    blocks = tuple(
        (
            f"{company}（{agenda.items[0].start:%H:%M}–{agenda.items[-1].end:%H:%M}）",
            _agenda_grid(agenda),
        )
        for company, agenda in pre_meeting_agendas(PRE_MEETING_START, companies_or_example)
    )
    return Timetable(code="B-5", title="事前顔合わせ", notes=notes, blocks=blocks)


TIMETABLES = {"A-3": meetup_timetable, "B-5": pre_meeting_timetable}


def timetables(
    session: Session, actor: Actor, programme_id: int, codes: Sequence[str]
) -> dict[str, Timetable]:
    """The computed timetable of each of `codes` that has one."""
    return {
        code: TIMETABLES[code](session, actor, programme_id) for code in codes if code in TIMETABLES
    }
