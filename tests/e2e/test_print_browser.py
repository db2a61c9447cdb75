"""In a real browser: a worksheet's 印刷用の表示 prints the sheet alone on A4 (issue #17 item 5).

Under print media the sidebar, the header, the buttons, the toggles and the download button
are not shown; the sheet is, with B-5's itinerary as its grid. The print itself (page.pdf, A4)
gives a handful of pages, not the app over two.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from colead.worksheets import WORKSHEETS
from tests.e2e.conftest import SCREENSHOTS, sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

SHEET = WORKSHEETS["B-5"]
A4 = {"width": 794, "height": 1123}  # A4 at 96 dpi


def _open_print_view(tab, url: str):  # type: ignore[no-untyped-def]
    sign_in(tab, url, "staff")
    wait_signed_in(tab)
    tab.get_by_role("link", name=f"{SHEET.code} {SHEET.short_title}").first.click()
    expect(tab.get_by_role("heading", name=f"{SHEET.code} {SHEET.title}")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_text("印刷用の表示", exact=True).click()
    sheet = tab.locator(f".st-key-colead_print_worksheet_{SHEET.code}")
    expect(sheet).to_be_visible()
    wait_until_idle(tab)
    return sheet


def test_the_print_view_prints_only_the_sheet(server, page, screenshot) -> None:
    sheet = _open_print_view(page, server.url)
    sidebar = page.locator("[data-testid='stSidebar']")
    download = page.locator("[data-testid='stDownloadButton']").first
    toggle = page.get_by_text("印刷用の表示", exact=True)
    expect(sidebar).to_be_visible()  # on screen the app is all there
    expect(download).to_be_visible()

    page.emulate_media(media="print")
    expect(sidebar).to_be_hidden()
    expect(download).to_be_hidden()
    expect(toggle).to_be_hidden()
    expect(page.locator("[data-testid='stHeader']")).to_be_hidden()
    expect(page.get_by_role("heading", name=f"{SHEET.code} {SHEET.title}").first).to_be_visible()
    visible_buttons = [b for b in page.locator("button").all() if b.is_visible()]
    assert visible_buttons == []
    expect(sheet).to_be_visible()
    expect(sheet.get_by_text("● ツアーの行程（AM・PM）")).to_be_visible()
    expect(sheet.locator("th", has_text="１日目").first).to_be_visible()  # days across
    expect(sheet.get_by_text("B-5 事前顔合わせ")).to_be_visible()

    page.set_viewport_size(A4)
    wait_until_idle(page)
    screenshot(page, "print_view_b5_print_media")
    pdf = page.pdf(format="A4", print_background=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "print_view_b5.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 4, pages  # the worksheet and its agenda, not the app in slices
