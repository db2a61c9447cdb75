"""Worksheet answers as an Excel workbook laid out like the guideline's worksheets.

A question sheet reads as the guideline prints it: the STEP boxes down the left, each ● question
with its answer beneath, a table answer as its grid of cells (B-5's itinerary with the days
across). Per-company sheets (B-3) give each company its own page. B-1 is the guideline's
checklist: candidate companies down, the ten checks across under their STEPs, and the verdict
of 受入体制の整備. A-3 and B-5 are followed by their computed timetables (the meetup's
タイムスケジュール, the 事前顔合わせ agenda per company). Questions without an answer keep
their place, empty, so the printout doubles as the blank worksheet.

Every cell is written through colead.services.cells: an answer never becomes a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet as Sheet
from sqlmodel import Session, select

from colead.models import Company, Region, WorksheetAnswer
from colead.services import audit, screening
from colead.services.access import Actor, require_programme
from colead.services.cells import append_row
from colead.services.records import record_choices
from colead.services.worksheet_tables import (
    HOLDS,
    Grid,
    ScreeningTable,
    Timetable,
    answer_grid,
    screening_table,
    timetables,
)
from colead.worksheets.schema import Record, Worksheet
from colead.worksheets.text import describe

_HEADER_FILL = PatternFill("solid", fgColor="DCEBF0")
_STEP_FILL = PatternFill("solid", fgColor="1F6F8B")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="7F7F7F")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SPAN = 12  # answer columns B..M: a grid's columns share them
_SPAN_WIDTH = 11
_CHARS_PER_LINE = 62  # full-width characters across B..M, for the height of a wrapped answer


@dataclass(frozen=True)
class ExportRow:
    step: str
    question: str
    company: str
    answer: str
    grid: Grid | None = None  # a TABLE or RECORDS answer as cells


def worksheet_rows(
    session: Session, actor: Actor, programme_id: int, sheet: Worksheet
) -> list[ExportRow]:
    """Every question of `sheet` with its answer text (per company for per-company sheets)."""
    require_programme(session, actor, programme_id)
    stored = session.exec(
        select(WorksheetAnswer).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == sheet.code,
        )
    ).all()
    by_key = {(row.subject, row.question): row.value for row in stored}
    names = {
        record: {c.id: c.label for c in record_choices(session, actor, programme_id, record)}
        for record in Record
    }
    subjects: list[tuple[str, str]] = [("", "")]
    if sheet.per_company:
        companies = session.exec(
            select(Company.id, Company.name)
            .where(Company.programme_id == programme_id)
            .order_by(Company.name)
        ).all()
        subjects = [(f"company:{cid}", name) for cid, name in companies]
    rows = []
    for subject, company in subjects:
        for step in sheet.steps:
            for question in step.questions:
                value = by_key.get((subject, question.id))
                lookup = names[question.record] if question.record else {}
                rows.append(
                    ExportRow(
                        step=f"{step.id} {step.title}",
                        question=question.label,
                        company=company,
                        answer=describe(question, value, lookup),
                        grid=answer_grid(sheet.code, question, value, lookup),
                    )
                )
    return rows


# --- writing ---------------------------------------------------------------------------------


def _put(ws: Sheet, cells: dict[int, Any], width: int) -> int:
    """Append a row holding `cells` (1-based column → value), safely; returns its number."""
    append_row(ws, [cells.get(column) for column in range(1, width + 1)])
    return ws.max_row


def _merge(ws: Sheet, row: int, first: int, last: int, *, to_row: int | None = None) -> None:
    if last > first or (to_row or row) > row:
        ws.merge_cells(start_row=row, start_column=first, end_row=to_row or row, end_column=last)


def _style(ws: Sheet, row: int, first: int, last: int, **styles: Any) -> None:
    for column in range(first, last + 1):
        cell = ws.cell(row=row, column=column)
        for name, value in styles.items():
            setattr(cell, name, value)


def _spans(count: int) -> list[int]:
    """How many of the answer columns each of a grid's `count` columns takes."""
    if count >= _SPAN:
        return [1] * count
    first = _SPAN // count
    rest = [(_SPAN - first) // (count - 1)] * (count - 1) if count > 1 else []
    if rest:
        rest[-1] += _SPAN - first - sum(rest)
    return [first, *rest]


def _grid_rows(ws: Sheet, grid: Grid, first_column: int, width: int) -> None:
    """`grid` under a question: a shaded header row, then its rows, each cell boxed."""
    spans = _spans(len(grid.header))
    starts = [first_column + sum(spans[:i]) for i in range(len(spans))]
    for index, line in enumerate((grid.header, *grid.rows)):
        row = _put(ws, dict(zip(starts, line, strict=False)), width)
        for start, span in zip(starts, spans, strict=True):
            _merge(ws, row, start, start + span - 1)
        _style(ws, row, first_column, starts[-1] + spans[-1] - 1, border=_BOX, alignment=_WRAP)
        if index == 0:
            _style(ws, row, first_column, starts[-1] + spans[-1] - 1, fill=_HEADER_FILL)
            _style(ws, row, first_column, starts[-1] + spans[-1] - 1, font=Font(bold=True))
        else:
            lines = max(
                (-(-len(str(v)) // (span * 5)) for v, span in zip(line, spans, strict=False)),
                default=1,
            )
            ws.row_dimensions[row].height = max(20, 15 * lines + 5)


def _text_height(text: str) -> float:
    lines = sum(max(1, -(-len(part) // _CHARS_PER_LINE)) for part in text.split("\n"))
    return max(30.0, 15.0 * lines + 6)


def _title_rows(ws: Sheet, title: str, heading: str, width: int, lead: str = "") -> None:
    _put(ws, {1: title}, width)
    ws["A1"].font = Font(bold=True, size=14)
    _put(ws, {1: heading}, width)
    if lead:
        row = _put(ws, {1: lead}, width)
        _merge(ws, row, 1, width)
        ws.cell(row=row, column=1).alignment = _WRAP
        ws.row_dimensions[row].height = _text_height(lead) * 0.8
    _put(ws, {}, width)


def _print_setup(ws: Sheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """A4, fitted to the page's width (as many pages down as it takes)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows


def _write_questions(
    ws: Sheet, sheet: Worksheet, rows: Sequence[ExportRow], width: int, company: str
) -> None:
    """One worksheet's STEPs and questions (for one company of a per-company sheet)."""
    if company:
        row = _put(ws, {1: f"企業：{company}"}, width)
        ws.cell(row=row, column=1).font = Font(bold=True, size=12)
    for step in sheet.steps:
        label = f"{step.id} {step.title}"
        first = ws.max_row + 1
        for item in (r for r in rows if r.step == label):
            row = _put(
                ws, {1: label if ws.max_row + 1 == first else None, 2: f"● {item.question}"}, width
            )
            _merge(ws, row, 2, width)
            ws.cell(row=row, column=2).font = Font(bold=True)
            ws.cell(row=row, column=2).alignment = _WRAP
            ws.row_dimensions[row].height = _text_height(f"● {item.question}") * 0.6
            if item.grid is not None:
                _grid_rows(ws, item.grid, 2, width)
            else:
                row = _put(ws, {2: item.answer}, width)
                _merge(ws, row, 2, width)
                _style(ws, row, 2, width, border=_BOX, alignment=_WRAP)
                ws.row_dimensions[row].height = _text_height(item.answer)
        last = ws.max_row
        _merge(ws, first, 1, 1, to_row=last)
        step_cell = ws.cell(row=first, column=1)
        step_cell.font = Font(bold=True, color="FFFFFF")
        step_cell.fill = _STEP_FILL
        step_cell.alignment = _CENTRE
        _put(ws, {}, width)


def _write_sheet(book: Workbook, sheet: Worksheet, heading: str, rows: list[ExportRow]) -> None:
    ws = book.create_sheet(title=sheet.code)
    width = 1 + max([_SPAN, *(len(r.grid.header) for r in rows if r.grid is not None)])
    _title_rows(ws, f"{sheet.code} {sheet.title}", heading, width, sheet.purpose)
    ws.column_dimensions["A"].width = 18
    for column in range(2, width + 1):
        ws.column_dimensions[get_column_letter(column)].width = _SPAN_WIDTH
    if not sheet.per_company:
        _write_questions(ws, sheet, rows, width, "")
    companies = list(dict.fromkeys(r.company for r in rows)) if sheet.per_company else []
    for number, company in enumerate(companies):
        if number:  # one company's worksheet per page, as the guideline hands one out per company
            ws.row_breaks.append(Break(id=ws.max_row))
        _write_questions(ws, sheet, [r for r in rows if r.company == company], width, company)
    _print_setup(ws)


def _write_screening(book: Workbook, sheet: Worksheet, heading: str, table: ScreeningTable) -> None:
    """B-1: companies × the ten checks under their STEPs, ○ where a check holds, the verdict."""
    ws = book.create_sheet(title=sheet.code)
    checks = len(table.checks)
    width = checks + 2
    _title_rows(ws, f"{sheet.code} {sheet.title}", heading, width, sheet.purpose)
    starts = [2 + sum(count for _, count in table.steps[:i]) for i in range(len(table.steps))]
    steps = dict(zip(starts, (step for step, _ in table.steps), strict=True))
    top = _put(ws, {1: table.company_label, **steps, width: table.verdict_label}, width)
    for start, (_, count) in zip(starts, table.steps, strict=True):
        _merge(ws, top, start, start + count - 1)
    labels = _put(ws, {2 + i: label for i, label in enumerate(table.checks)}, width)
    _merge(ws, top, 1, 1, to_row=labels)
    _merge(ws, top, width, width, to_row=labels)
    for row in (top, labels):
        _style(ws, row, 1, width, border=_BOX, alignment=_CENTRE, fill=_HEADER_FILL)
        _style(ws, row, 1, width, font=Font(bold=True))
    ws.row_dimensions[labels].height = 64
    for name, holds, verdict in table.rows:
        checked = {2 + i: HOLDS if held else "" for i, held in enumerate(holds)}
        row = _put(ws, {1: name, **checked, width: verdict}, width)
        _style(ws, row, 1, width, border=_BOX)
        _style(ws, row, 2, width - 1, alignment=_CENTRE)
        ws.cell(row=row, column=1).alignment = _WRAP
        ws.cell(row=row, column=width).alignment = _WRAP
    ws.column_dimensions["A"].width = 26
    for index in range(2, width):
        ws.column_dimensions[get_column_letter(index)].width = 9
    ws.column_dimensions[get_column_letter(width)].width = 34
    ws.freeze_panes = ws.cell(row=labels + 1, column=2)
    _print_setup(ws, title_rows=f"{top}:{labels}")


def _write_timetable(book: Workbook, table: Timetable, heading: str) -> None:
    ws = book.create_sheet(title=f"{table.code} {table.title}"[:31])
    width = 3
    _title_rows(ws, f"{table.code} {table.title}", heading, width)
    for note in table.notes:
        _put(ws, {1: note}, width)
    for caption, grid in table.blocks:
        _put(ws, {}, width)
        if caption:
            row = _put(ws, {1: caption}, width)
            ws.cell(row=row, column=1).font = Font(bold=True)
        for index, line in enumerate((grid.header, *grid.rows)):
            row = _put(ws, dict(enumerate(line, start=1)), width)
            _style(ws, row, 1, width, border=_BOX, alignment=_WRAP)
            if index == 0:
                _style(ws, row, 1, width, fill=_HEADER_FILL, font=Font(bold=True))
    for letter, size in zip("ABC", (16, 72, 8), strict=True):
        ws.column_dimensions[letter].width = size
    _print_setup(ws, landscape=False)


def workbook(session: Session, actor: Actor, programme_id: int, sheets: list[Worksheet]) -> bytes:
    """An .xlsx of `sheets` for the programme; the export is written to the audit log."""
    programme = require_programme(session, actor, programme_id)
    region = session.get(Region, programme.region_id)
    heading = f"{region.prefecture} {region.name} ／ {programme.name}"
    computed = timetables(session, actor, programme_id, [sheet.code for sheet in sheets])
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        if sheet.code == screening.SCREENING:
            table = screening_table(session, actor, programme_id)
            _write_screening(book, sheet, heading, table)
        else:
            _write_sheet(book, sheet, heading, worksheet_rows(session, actor, programme_id, sheet))
        if sheet.code in computed:
            _write_timetable(book, computed[sheet.code], heading)
    buffer = BytesIO()
    book.save(buffer)
    audit.record(
        session,
        actor.username,
        "export.worksheets",
        region_id=region.id,
        target=",".join(sheet.code for sheet in sheets),
    )
    return buffer.getvalue()
