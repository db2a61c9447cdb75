"""In a real browser: cells typed quickly into a worksheet table are all kept after a reload.

B-6 STEP2 (アドバイザーとなる地域のキーマン) is an `st.data_editor` with rows added by the person.
Each finished cell saves the answer. The person here types six cells of two new rows one after
another, as fast as the grid takes keys: it moves on as soon as the cell editor is open or
closed in the browser, never waiting for the app to finish a save.

Reading the grid: st.data_editor draws on a canvas, but glide-data-grid keeps an accessible
table beside it (`[data-testid="stDataFrameResizable"] table[role="grid"]`) whose
`td[role="gridcell"]` hold each visible cell's display text, with `aria-colindex` for the column
and the row's `aria-rowindex` (the header is row 1). That table is what screen readers read, so
it is what the grid shows; the test reads it row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from colead.models import WorksheetAnswer
from tests.conftest import PG_URL
from tests.e2e.conftest import Server, sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

LINK = "B-6 伴走支援"
QUESTION = "プロジェクトのアドバイザーとなるような地域のキーマンは誰ですか？"
HEADER_HEIGHT = 38  # the grid's header row, in CSS pixels
ROW_HEIGHT = 35  # one row of the grid
COLUMN_X = (100, 520, 940)  # a point inside 氏名, 区分, 所属・期待する役割 from the grid's left
ROWS = [
    ("山田 太郎", "大学", "大学教員", "釧路公立大学・DX講座の講師"),
    ("佐藤 花子", "ハブ", "地域社会・経済のハブ役", "くしろ港町商工会議所・企業の紹介"),
]


@contextmanager
def _saves_wait(server: Server) -> Iterator[None]:
    """Hold the database's write lock: every save waits (the app's writers queue on it, as
    behind another person's save) until the block ends. Reads go on, so pages still draw.

    This makes "typed faster than the app answers" certain rather than a matter of luck: the
    first cell's save is still on its way while the other cells are typed.
    """
    if PG_URL:
        engine = create_engine(PG_URL)
        with engine.connect() as connection, connection.begin():
            table = WorksheetAnswer.__table__.name
            connection.execute(text(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE'))
            yield
        engine.dispose()
        return
    connection = sqlite3.connect(server.log.parent / "e2e.db", isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def _open_b6(tab: Page) -> None:
    tab.get_by_role("link", name=LINK).first.click()
    expect(tab.get_by_text(QUESTION)).to_be_visible()
    wait_until_idle(tab)


def _grid(tab: Page):  # type: ignore[no-untyped-def]
    """The advisors' table: the data editor drawn under the question."""
    heading = tab.get_by_role("heading", name=QUESTION)
    step = tab.locator("[data-testid='stVerticalBlock']").filter(has=heading).last  # innermost
    return step.locator("[data-testid='stDataFrame']").first


def _cells(tab: Page):  # type: ignore[no-untyped-def]
    """The grid's body cells as shown, row by row, from its accessible table."""
    return _grid(tab).locator("table[role='grid'] tbody td[role='gridcell']")


def _text_editor_open(tab: Page) -> None:
    expect(tab.locator("#portal textarea.gdg-input")).to_be_focused()


def _editor_closed(tab: Page) -> None:
    expect(tab.locator("#portal .gdg-clip-region")).to_have_count(0)


def _type_rows(tab: Page) -> None:
    """Add each row and fill its three cells, moving on as soon as the browser has."""
    grid = _grid(tab)
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = grid.locator("[data-testid='stDataFrameResizable']").bounding_box()
    assert box is not None
    keys = tab.keyboard
    for index, (name, search, _, role) in enumerate(ROWS):
        y = box["y"] + HEADER_HEIGHT + ROW_HEIGHT * index + ROW_HEIGHT / 2
        tab.mouse.click(box["x"] + COLUMN_X[0], y)  # the empty row at the bottom adds a row
        _text_editor_open(tab)
        keys.insert_text(name)
        keys.press("Tab")  # commits the cell and moves to 区分
        _editor_closed(tab)
        keys.press("Enter")  # opens 区分's list
        choices = tab.locator("#portal .glide-select input[role='combobox']")
        expect(choices).to_be_focused()
        keys.insert_text(search)
        expect(tab.locator("#portal").get_by_text(ROWS[index][2], exact=True)).to_be_visible()
        keys.press("Tab")  # takes the option shown and moves to 所属・期待する役割
        _editor_closed(tab)
        keys.press("Enter")
        _text_editor_open(tab)
        keys.insert_text(role)
        keys.press("Tab")
        _editor_closed(tab)


def _settle(tab: Page) -> None:
    """Wait until the app has answered the last cell: Streamlit's status widget shows a run
    only once it has lasted a moment, so idle is checked again after that moment."""
    wait_until_idle(tab)
    tab.wait_for_timeout(1_500)
    wait_until_idle(tab)


def test_cells_typed_quickly_are_all_kept_after_reload(server, page, screenshot) -> None:
    sign_in(page, server.url, "staff")
    wait_signed_in(page)
    _open_b6(page)
    with _saves_wait(server):
        _type_rows(page)
    _settle(page)
    typed = [cell for name, _, kind, role in ROWS for cell in (name, kind, role)]
    expect(_cells(page)).to_have_text(typed)
    screenshot(page, "grid_typed")
    page.reload()
    wait_until_idle(page)
    _open_b6(page)
    _grid(page).evaluate("e => e.scrollIntoView({block: 'center'})")
    expect(_cells(page)).to_have_text(typed)  # every cell, in order, nothing else
    screenshot(page, "grid_after_reload")
