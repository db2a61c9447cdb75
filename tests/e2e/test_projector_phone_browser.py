"""In a real browser: B-1 fits a projector and saves a batch of ticks; a phone's menu stays shut.

#17 item 6: at 1920×1080 the ten checks of B-1 are all on screen, without scrolling the table
sideways, and ticks made one after another are saved together by one press of the button.
#17 item 7: on a phone (390×844) the menu does not cover the page after sign-in, nor after
going to another page from it.

Reading the grid: st.data_editor draws on a canvas; glide-data-grid keeps an accessible table
beside it (`table[role="grid"]`) whose header cells hold the column titles and whose body cells
hold each cell's display text ("true"/"false" for a checkbox), in order. The canvas's geometry
follows from the column widths the page sets: the company column keeps its width (it is pinned)
and the ten check columns share the rest evenly; the header row is as tall as a body row. Hovering a
header shows its tooltip (the full check), which confirms the geometry before anything is
clicked; a click in the middle of a cell hits its checkbox.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from colead.ui.screening_grid import COMPANY_WIDTH
from colead.worksheets import WORKSHEETS
from tests.e2e.conftest import (
    PHONE,
    TIMEOUT_MS,
    VIEWPORT,
    sign_in,
    wait_signed_in,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

B1 = "B-1 候補企業の要件整理"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
BORDER = 1  # the grid's frame, in CSS pixels
ACCEPTANCE = (4, 5, 6)  # ⑤⑥⑦ 受入体制の整備, by position among the ten checks


def _grid(tab: Page):  # type: ignore[no-untyped-def]
    return tab.locator("[data-testid='stDataFrame']").first


def _open_b1(tab: Page) -> None:
    tab.get_by_role("link", name=B1).first.click()
    expect(tab.get_by_role("heading", name=f"B-1 {WORKSHEETS['B-1'].title}")).to_be_visible()
    expect(_grid(tab)).to_be_visible()
    wait_until_idle(tab)
    _grid(tab).evaluate("e => e.scrollIntoView({block: 'center'})")


def _cells(tab: Page) -> list[list[str]]:
    """The grid's rows as shown: the company, then "true"/"false" for each check."""
    rows = _grid(tab).locator("table[role='grid'] tbody tr")
    rows.first.wait_for(state="attached")  # the accessible table is not drawn: attached
    return [
        rows.nth(i).locator("td[role='gridcell']").all_inner_texts() for i in range(rows.count())
    ]


def _check_x(box: dict, index: int) -> float:
    """The middle of check column `index` (0 for ①) on the canvas."""
    width = (box["width"] - 2 * BORDER - COMPANY_WIDTH) / 10
    return box["x"] + BORDER + COMPANY_WIDTH + width * (index + 0.5)


def _row_height(box: dict, rows: int) -> float:
    """The height of one row (the header's too) of a grid of `rows` rows drawn in `box`."""
    return (box["height"] - 2 * BORDER) / (rows + 1)


def _row_y(box: dict, rows: int, row: int) -> float:
    """The middle of body row `row` (0 for the first company) on the canvas."""
    return box["y"] + BORDER + _row_height(box, rows) * (row + 1.5)


def _expect_cells(tab: Page, expected: list[list[str]]) -> None:
    rows = _grid(tab).locator("table[role='grid'] tbody tr")
    expect(rows).to_have_count(len(expected))
    for index, cells in enumerate(expected):
        expect(rows.nth(index).locator("td[role='gridcell']")).to_have_text(cells)


def _assert_ten_checks_on_screen(tab: Page) -> dict:
    """Every column fits the grid (no sideways scrolling) and the grid fits the screen; the
    ① and ⑩ headers are where the geometry puts them (their tooltips show there)."""
    grid = _grid(tab)
    headers = grid.locator("table[role='grid'] thead th")
    expect(headers).to_have_text(["候補企業", *CIRCLED])  # all eleven columns, in order
    scroller = grid.locator(".dvn-scroller").first
    overflow = scroller.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 1, f"the table scrolls sideways by {overflow} px"
    box = grid.locator("[data-testid='stDataFrameResizable']").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], box
    questions = WORKSHEETS["B-1"].questions()
    for index in (0, 9):
        tab.mouse.move(_check_x(box, index), box["y"] + BORDER + 10)  # inside the header row
        tooltip = f"{CIRCLED[index]} {questions[index].label}"
        expect(tab.get_by_text(tooltip, exact=False).last).to_be_visible()
        right = _check_x(box, index) + (box["width"] - 2 * BORDER - COMPANY_WIDTH) / 20
        assert right <= VIEWPORT["width"]
    tab.mouse.move(5, 5)
    return box


def _plan(rows: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """A company whose three 受入体制 checks are all open (ticked: it becomes ready) and two
    open checks of another company: (that company's name, [(row, check index)])."""
    ready_row = next(
        r for r, cells in enumerate(rows) if all(cells[1 + i] == "false" for i in ACCEPTANCE)
    )
    extra = next(
        picks
        for r, cells in enumerate(rows)
        if r != ready_row
        if len(picks := [(r, i) for i in range(10) if cells[1 + i] == "false"][:2]) == 2
    )
    return rows[ready_row][0], [(ready_row, i) for i in ACCEPTANCE] + extra


def test_b1_fits_a_projector_and_one_click_saves_every_tick(server, page, screenshot) -> None:
    sign_in(page, server.url, "staff")
    wait_signed_in(page)
    _open_b1(page)
    box = _assert_ten_checks_on_screen(page)
    screenshot(page, "b1_projector_width")

    before = _cells(page)
    company, ticks = _plan(before)
    expect(page.get_by_text(f"{company}：まだプロジェクトを開始できません")).to_be_visible()
    started = time.monotonic()
    for row, index in ticks:  # one after another, as a facilitator does while the room answers
        page.mouse.click(_check_x(box, index), _row_y(box, len(before), row))
    expected = [list(cells) for cells in before]
    for row, index in ticks:
        expected[row][1 + index] = "true"
    _expect_cells(page, expected)  # every tick is shown, and nothing else changed
    ticking = time.monotonic() - started
    page.get_by_role("button", name="チェックを保存").click()  # once
    expect(page.get_by_text(f"{len(ticks)}件のチェックを保存しました。")).to_be_visible()
    wait_until_idle(page)
    saving = time.monotonic() - started - ticking
    expect(page.get_by_text(f"{company}：受入体制が整っています。")).to_be_visible()
    print(f"{len(ticks)} ticks in {ticking:.1f} s, saved with one click in {saving:.1f} s")
    screenshot(page, "b1_batch_saved")

    page.reload()
    wait_until_idle(page)
    _open_b1(page)
    _expect_cells(page, expected)  # saved: the same ticks after a reload
    expect(page.get_by_text(f"{company}：受入体制が整っています。")).to_be_visible()

    page.get_by_text("プロジェクターモード").click()  # the wall's view: no sidebar, large type
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    wait_until_idle(page)
    _grid(page).evaluate("e => e.scrollIntoView({block: 'center'})")
    _assert_ten_checks_on_screen(page)
    screenshot(page, "b1_projector_mode")


def _menu_closed(tab: Page) -> None:
    """The sidebar is out of sight and the page's own content is not covered."""
    sidebar = tab.locator("[data-testid='stSidebar']")
    expect(tab.locator("[data-testid='stExpandSidebarButton']")).to_be_visible()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while (box := sidebar.bounding_box()) is not None and box["x"] + box["width"] > 0:
        assert time.monotonic() < deadline, f"the menu still covers the page: {box}"
        time.sleep(0.1)  # its closing slides it out
    heading = tab.locator("[data-testid='stMain'] h1").first
    expect(heading).to_be_in_viewport()


def _go(tab: Page, link: str, heading: str) -> None:
    """Open the menu and pick a page, as on a phone."""
    tab.locator("[data-testid='stExpandSidebarButton']").click()
    nav = tab.locator("[data-testid='stSidebarNav']")
    expect(nav).to_be_in_viewport()
    nav.get_by_role("link", name=link).click()
    expect(tab.get_by_role("heading", name=heading).first).to_be_visible()
    wait_until_idle(tab)


def test_on_a_phone_the_menu_is_closed_after_sign_in_and_each_page_change(
    server, browser, screenshot
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE, locale="ja-JP")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = context.new_page()
        sign_in(tab, server.url, "staff")
        wait_signed_in(tab)
        _menu_closed(tab)
        screenshot(tab, "phone_signed_in")
        _go(tab, B1, f"B-1 {WORKSHEETS['B-1'].title}")
        _menu_closed(tab)
        screenshot(tab, "phone_after_b1")
        _go(tab, "人材台帳", "人材台帳")
        _menu_closed(tab)
        screenshot(tab, "phone_after_talent")
    finally:
        context.close()
