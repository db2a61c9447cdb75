"""印刷用の表示 of a worksheet: the sheet as the guideline prints it, and nothing else.

The same tables as the Excel export (colead.services.export, colead.services.worksheet_tables):
the STEP boxes beside the ● questions and their answers, table answers as grids, B-1 as the
checklist of companies × ten checks with the verdict, A-3 and B-5 followed by their timetables.
Per-company sheets start each company on a new page. What is printed (only the sheet, on A4)
is colead.ui.print_css. Every text from the database or a user is escaped (html.escape).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import streamlit as st

from colead.db import session_scope
from colead.services import export, screening
from colead.services.export import ExportRow
from colead.services.worksheet_tables import Grid, ScreeningTable, Timetable, screening_table
from colead.services.worksheet_tables import timetables as computed_timetables
from colead.ui import print_css
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import lang
from colead.worksheets.schema import Worksheet


def _text(value: Any) -> str:
    return escape("" if value is None else str(value))


def _grid(grid: Grid) -> str:
    head = "".join(f"<th>{_text(cell)}</th>" for cell in grid.header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<th>{_text(cell)}</th>"
            if grid.row_heads and index == 0
            else f"<td>{_text(cell)}</td>"
            for index, cell in enumerate(line)
        )
        + "</tr>"
        for line in grid.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _title(sheet: Worksheet, heading: str, extra: str = "") -> str:
    return (
        f"<h2>{_text(sheet.code)} {_text(sheet.title)}{_text(extra)}</h2>"
        f"<p class='meta'>{_text(heading)}</p>"
    )


def _questions(sheet: Worksheet, rows: Sequence[ExportRow]) -> str:
    parts = ["<table class='steps'>"]
    for step in sheet.steps:
        label = f"{step.id} {step.title}"
        items = [row for row in rows if row.step == label]
        for index, item in enumerate(items):
            span = len(items)
            box = (
                f"<th class='step' rowspan='{span}'>{_text(step.id)}<br>{_text(step.title)}</th>"
                if index == 0
                else ""
            )
            answer = _grid(item.grid) if item.grid is not None else _text(item.answer)
            parts.append(
                f"<tr>{box}<td><div class='question'>● {_text(item.question)}</div>"
                f"<div class='answer'>{answer}</div></td></tr>"
            )
    parts.append("</table>")
    return "".join(parts)


def _screening(table: ScreeningTable) -> str:
    steps = "".join(f"<th colspan='{count}'>{_text(step)}</th>" for step, count in table.steps)
    checks = "".join(f"<th class='vertical'>{_text(label)}</th>" for label in table.checks)
    rows = "".join(
        f"<tr><td>{_text(name)}</td>"
        + "".join(f"<td class='check'>{'○' if held else ''}</td>" for held in holds)
        + f"<td>{_text(verdict)}</td></tr>"
        for name, holds, verdict in table.rows
    )
    return (
        "<table><thead>"
        f"<tr><th rowspan='2'>{_text(table.company_label)}</th>{steps}"
        f"<th rowspan='2'>{_text(table.verdict_label)}</th></tr>"
        f"<tr>{checks}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _timetable(table: Timetable) -> str:
    parts = [f"<div class='{print_css.PAGE}'><h3>{_text(table.code)} {_text(table.title)}</h3>"]
    parts += [f"<p class='meta'>{_text(note)}</p>" for note in table.notes]
    for caption, grid in table.blocks:
        if caption:
            parts.append(f"<p class='question'>{_text(caption)}</p>")
        parts.append(_grid(grid))
    parts.append("</div>")
    return "".join(parts)


def render(context: PageContext, sheet: Worksheet) -> None:
    """The print view of `sheet` for the context's programme."""
    programme_id = context.programme.id
    heading = programme_label(context.programme)
    with session_scope() as session:
        if sheet.code == screening.SCREENING:
            table = screening_table(session, context.actor, programme_id, lang(), sheet)
            rows: list[ExportRow] = []
        else:
            rows = export.worksheet_rows(session, context.actor, programme_id, sheet)
        extra = computed_timetables(session, context.actor, programme_id, [sheet.code])
    pages: list[str] = []
    if sheet.code == screening.SCREENING:
        pages.append(_title(sheet, heading) + f"<p class='lead'>{_text(sheet.purpose)}</p>")
        pages[-1] += _screening(table)
    elif sheet.per_company:
        for company in dict.fromkeys(row.company for row in rows):
            mine = [row for row in rows if row.company == company]
            pages.append(_title(sheet, heading, f"：{company}") + _questions(sheet, mine))
    else:
        lead = f"<p class='lead'>{_text(sheet.purpose)}</p>"
        pages.append(_title(sheet, heading) + lead + _questions(sheet, rows))
    body = "".join(
        f"<div class='{print_css.PAGE if number else ''}'>{page}</div>"
        for number, page in enumerate(pages)
    )
    body += "".join(_timetable(table) for table in extra.values())
    with print_css.sheet(f"worksheet_{sheet.code}"):
        st.html(f"<div class='colead-ws'>{body}</div>")
