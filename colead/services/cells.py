"""Text made safe for a spreadsheet cell: the one place every CSV and Excel writer goes through.

A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel
(and LibreOffice, Google Sheets) as a formula: a name typed as `=HYPERLINK("http://…","…")`
would become a live link in an official's workbook. Following OWASP's advice on CSV
injection, such text gets a single quote in front, so it stays readable and is shown as text;
in .xlsx the cell is also written as a string (data type "s"), never as a formula. The
full-width forms (＝ ＋ － ＠), which a Japanese Excel may read as their ASCII twins, are
treated the same way.

Control characters that an .xlsx cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, e.g. a bell
`\\x07`) are removed, so one stray character never stops a whole export.

Only text is changed: numbers, dates and empty cells the app writes stay what they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUOTE = "'"


def safe_text(value: str) -> str:
    """`value` without characters a spreadsheet cannot hold, quoted if it would be a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: Any) -> Any:
    """A cell's value made safe: text through `safe_text`, anything else unchanged."""
    return safe_text(value) if isinstance(value, str) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and headers are safe; numbers keep their type."""
    safe = frame.map(safe_cell) if len(frame.columns) else frame.copy()
    return safe.rename(columns=safe_cell)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append one row to an openpyxl sheet: text as safe strings (data type "s") only."""
    sheet.append([safe_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


__all__ = ["FORMULA_STARTS", "append_row", "safe_cell", "safe_frame", "safe_text"]
