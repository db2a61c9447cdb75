"""In a real browser: a name typed as a spreadsheet formula comes out of the talent Excel
export as readable text, never as a live formula (issue #11, item 8)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import select

from colead.db import dispose_engines, session_scope
from colead.models import Programme, Talent
from tests.e2e.conftest import (
    Server,
    _demo_database,
    _require_browser,
    _start_server,
    _stop,
    sign_in,
    wait_signed_in,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

FORMULA = '=HYPERLINK("http://127.0.0.1/x","クリック")'


@pytest.fixture(scope="module")
def formula_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on a demo database where every programme has a person named as a formula
    (written before the server starts, so whichever programme is chosen holds one)."""
    _require_browser()
    folder: Path = tmp_path_factory.mktemp("e2e-export")
    url = _demo_database(folder)
    with session_scope(write=True, url=url) as s:
        for programme_id in s.exec(select(Programme.id)).all():
            s.add(Talent(programme_id=programme_id, name=FORMULA, applied_on=date(2026, 6, 1)))
    dispose_engines()
    srv = _start_server(folder, url)
    yield srv
    _stop(srv)


def test_talent_excel_export_holds_the_formula_as_text(formula_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, formula_server.url, "staff")
    wait_signed_in(page)
    page.get_by_role("link", name="人材台帳").click()
    expect(page.get_by_role("heading", name="人材台帳")).to_be_visible()
    wait_until_idle(page)
    button = page.get_by_role("button", name="Excelで書き出す")
    button.scroll_into_view_if_needed()
    with page.expect_download() as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    names = [row[0].value for row in book.active.iter_rows(min_row=2)]
    assert "'" + FORMULA in names
    assert not [v for v in names if isinstance(v, str) and v.startswith("=")]
    wait_until_idle(page)
    expect(page.get_by_text("ファイルを作成できませんでした")).to_have_count(0)
    screenshot(page, "talent_export_formula_name")
