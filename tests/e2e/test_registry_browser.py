"""In a real browser: importing applicants from a CSV with one bad row, and a person's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

APPLICANTS = (
    "氏名,メールアドレス,所属,応募経路\n"
    "東京 一郎,ichiro.tokyo@example.jp,データ分析会社,AIクエスト\n"
    "大阪 次郎,jiro-at-example,Web制作会社,ITコーディネータ協会\n"
    "名古屋 三子,miko.nagoya@example.jp,SIer,知人の紹介\n"
).encode()


def _open_talent(page, url: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, url, "staff")
    wait_signed_in(page)
    page.get_by_role("link", name="人材台帳").click()
    expect(page.get_by_role("heading", name="人材台帳")).to_be_visible()
    wait_until_idle(page)


def test_csv_import_shows_the_bad_row_and_imports_the_rest(server, page, screenshot) -> None:
    _open_talent(page, server.url)
    page.get_by_role("tab", name="取り込み").click()
    wait_until_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "applicants.csv", "mimeType": "text/csv", "buffer": APPLICANTS}]
    )
    expect(page.get_by_text("メールアドレスの形式が正しくありません").first).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "talent_import_preview")
    wait_until_idle(page)
    page.get_by_role("button", name="2行を取り込む").click()
    expect(page.get_by_text("2件を登録しました").first).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "talent_import_done")
    page.get_by_role("tab", name="一覧").click()
    page.get_by_role("textbox", name="検索").fill("名古屋 三子")
    page.get_by_role("textbox", name="検索").press("Enter")
    wait_until_idle(page)
    expect(page.get_by_text("1件中 1〜1件目")).to_be_visible()


def test_a_person_page_shows_their_timeline(server, page, screenshot) -> None:
    _open_talent(page, server.url)
    picker = page.get_by_role("combobox", name="詳しく見る人材")
    picker.scroll_into_view_if_needed()
    wait_until_idle(page)
    picker.click()
    page.keyboard.type("小川")  # as a person narrows the list by typing a name
    page.keyboard.press("Enter")
    timeline = page.get_by_role("heading", name="これまでの経過")
    expect(timeline).to_be_visible()
    expect(page.get_by_text("人材の詳細：小川").first).to_be_visible()
    wait_until_idle(page)
    page.get_by_text("人材の詳細").first.scroll_into_view_if_needed()
    screenshot(page, "talent_profile")
