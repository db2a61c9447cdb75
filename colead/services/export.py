"""Worksheet answers as an Excel workbook laid out like the guideline.

One sheet per worksheet: its title and the programme on top, then a row per question:
STEP, question, answer (and the company, for sheets answered per company). Questions without an
answer keep their row, empty, so the printout doubles as the blank worksheet.
Every cell is written through colead.services.cells: an answer never becomes a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from sqlmodel import Session, select

from colead.models import Company, Region, WorksheetAnswer
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.cells import append_row
from colead.services.records import record_choices
from colead.worksheets.schema import Record, Worksheet
from colead.worksheets.text import describe

_HEADER_FILL = PatternFill("solid", fgColor="DCEBF0")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ExportRow:
    step: str
    question: str
    company: str
    answer: str


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
                    )
                )
    return rows


def _write_sheet(book: Workbook, sheet: Worksheet, heading: str, rows: list[ExportRow]) -> None:
    ws = book.create_sheet(title=sheet.code)
    append_row(ws, [f"{sheet.code} {sheet.title}"])
    append_row(ws, [heading])
    ws["A1"].font = Font(bold=True, size=14)
    header = ["STEP", "設問", "回答"] if not sheet.per_company else ["企業", "STEP", "設問", "回答"]
    ws.append([])
    append_row(ws, header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in rows:
        values = [row.step, row.question, row.answer]
        append_row(ws, [row.company, *values] if sheet.per_company else values)
    widths = [28, 48, 70] if not sheet.per_company else [24, 28, 48, 70]
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    for line in ws.iter_rows(min_row=5):
        for cell in line:
            cell.alignment = _WRAP
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1


def workbook(session: Session, actor: Actor, programme_id: int, sheets: list[Worksheet]) -> bytes:
    """An .xlsx of `sheets` for the programme; the export is written to the audit log."""
    programme = require_programme(session, actor, programme_id)
    region = session.get(Region, programme.region_id)
    heading = f"{region.prefecture} {region.name} ／ {programme.name}"
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book, sheet, heading, worksheet_rows(session, actor, programme_id, sheet))
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
