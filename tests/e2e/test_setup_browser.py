"""In a real browser, from an empty database with COLEAD_DEMO=0: a municipality starts for real.

The first admin, the guided set-up (region, programme, a partner, a staff account), the staff
member's first answer, person and referred company, then next year's programme carrying A-1
over as a draft. Nothing is written to the database except by the app.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORT, sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

ADMIN = ("chief", "企画課 管理者", "first-admin-pass")
STAFF = ("kushiro.sato", "佐藤 花子", "kushiro-pass-1")
ANSWER = "釧路湿原と港町の食、人の温かさ"


def _pick(tab, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose in a Streamlit selectbox as a person does: open it, type, press Enter."""
    tab.get_by_role("combobox", name=label).click()
    tab.keyboard.type(option)
    tab.keyboard.press("Enter")


def _first_admin(tab, url: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(url)
    expect(tab.get_by_text("最初の管理者アカウントを作成").first).to_be_visible()
    wait_until_idle(tab)
    username, name, password = ADMIN
    tab.get_by_label("ユーザー名", exact=True).fill(username)
    tab.get_by_label("表示名", exact=True).fill(name)
    tab.get_by_label("パスワード", exact=True).fill(password)
    tab.get_by_label("パスワード（確認）", exact=True).fill(password)
    tab.get_by_role("button", name="管理者アカウントを作成").click()
    expect(tab.get_by_text("管理者アカウントを作成しました").first).to_be_visible()


def _set_up(tab, screenshot) -> None:  # type: ignore[no-untyped-def]
    expect(tab.get_by_role("heading", name="初期設定", exact=True)).to_be_visible()
    wait_until_idle(tab)
    screenshot(tab, "setup_region")
    _pick(tab, "都道府県", "北海道")
    tab.get_by_label("市区町村名", exact=True).fill("釧路市")
    tab.get_by_label("全国地方公共団体コード（任意）", exact=True).fill("012068")
    tab.get_by_role("button", name="地域を登録").click()
    expect(tab.get_by_text("「北海道 釧路市」を登録しました。")).to_be_visible()
    expect(tab.get_by_text("最初のプログラム（年度）を作ります")).to_be_visible()
    wait_until_idle(tab)
    screenshot(tab, "setup_programme")
    tab.get_by_role("button", name="プログラムを作成").click()
    expect(tab.get_by_text("ふるさとCo-LEADプログラムを作成しました。")).to_be_visible()
    expect(tab.get_by_text("連携機関を登録します（B-2）")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_label("機関名", exact=True).fill("釧路商工会議所")
    tab.get_by_label("担当者", exact=True).fill("中小企業相談所 佐藤")
    tab.get_by_role("button", name="連携機関を追加").click()
    expect(tab.get_by_text("「釧路商工会議所」を追加しました。")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("button", name="次へ").click()
    expect(tab.get_by_text("職員のアカウントを作ります")).to_be_visible()
    wait_until_idle(tab)
    username, name, password = STAFF
    tab.get_by_label("ユーザー名", exact=True).fill(username)
    tab.get_by_label("表示名", exact=True).fill(name)
    tab.get_by_label("パスワード", exact=True).fill(password)
    tab.get_by_label("パスワード（確認）", exact=True).fill(password)
    tab.get_by_role("button", name="アカウントを作成").click()
    expect(tab.get_by_text(f"「{name}」さんのアカウントを作成しました。")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("button", name="次へ").click()
    expect(tab.get_by_text("設定が終わりました")).to_be_visible()
    expect(tab.get_by_text("連携機関：1件").first).to_be_visible()
    wait_until_idle(tab)
    screenshot(tab, "setup_done")
    tab.get_by_role("button", name="プログラムマップを開く").click()
    expect(tab.get_by_role("heading", name="プログラムマップ", exact=True)).to_be_visible()


def _staff_work(tab, url: str) -> None:  # type: ignore[no-untyped-def]
    username, _, password = STAFF
    sign_in(tab, url, username, password)
    wait_signed_in(tab)
    # an A-1 answer
    tab.get_by_role("link", name="A-1 役割設定").first.click()
    box = tab.get_by_role("textbox", name="発信していきたい地域の魅力は何ですか？")
    expect(box).to_be_visible()
    wait_until_idle(tab)
    box.fill(ANSWER)
    box.press("Tab")
    expect(tab.get_by_text("保存済み").first).to_be_visible()
    wait_until_idle(tab)
    # a person
    tab.get_by_role("link", name="人材台帳").click()
    expect(tab.get_by_role("heading", name="人材台帳", exact=True)).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("tab", name="新規登録").click()
    wait_until_idle(tab)
    tab.get_by_label("氏名 *", exact=True).fill("山田 太郎")
    tab.get_by_label("メールアドレス", exact=True).fill("taro.yamada@example.jp")
    tab.get_by_role("button", name="新規登録").click()
    expect(tab.get_by_text("「山田 太郎」さんを登録しました。")).to_be_visible()
    wait_until_idle(tab)
    # a company referred by the partner
    tab.get_by_role("link", name="企業台帳").click()
    expect(tab.get_by_role("heading", name="企業台帳", exact=True)).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("tab", name="新規登録").click()
    wait_until_idle(tab)
    tab.get_by_label("企業名 *", exact=True).fill("釧路水産加工")
    _pick(tab, "紹介元の機関（B-2）", "釧路商工会議所")
    tab.get_by_role("button", name="新規登録").click()
    expect(tab.get_by_text("「釧路水産加工」を登録しました。")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("link", name="連携機関").click()
    expect(tab.get_by_role("heading", name="連携機関", exact=True)).to_be_visible()
    wait_until_idle(tab)
    partners = tab.get_by_test_id("stDataFrame").first
    expect(partners).to_contain_text("釧路商工会議所")


def _next_year(tab, url: str, screenshot) -> None:  # type: ignore[no-untyped-def]
    username, _, password = ADMIN
    sign_in(tab, url, username, password)
    wait_signed_in(tab)
    tab.get_by_role("link", name="地域とプログラム").click()
    expect(tab.get_by_role("heading", name="地域とプログラム", exact=True)).to_be_visible()
    expect(tab.get_by_test_id("stDataFrame").first).to_contain_text("北海道 釧路市")
    wait_until_idle(tab)
    screenshot(tab, "regions_overview")
    tab.get_by_role("radio", name="次年度のプログラム").click()
    expect(tab.get_by_role("button", name="次年度のプログラムを作成")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_test_id("stCheckbox").filter(has_text="A-1 役割設定").click()
    expect(tab.get_by_role("checkbox", name="A-1 役割設定")).to_be_checked()
    wait_until_idle(tab)
    screenshot(tab, "regions_next_year")
    tab.get_by_role("button", name="次年度のプログラムを作成").click()
    expect(tab.get_by_text("引き継いだ回答 1件").first).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("link", name="A-1 役割設定").first.click()
    box = tab.get_by_role("textbox", name="発信していきたい地域の魅力は何ですか？")
    expect(box).to_have_value(ANSWER)
    expect(tab.get_by_text("前年度からの下書き").first).to_be_visible()
    expect(tab.get_by_text("から引き継いだ下書きが1問あります").first).to_be_visible()
    wait_until_idle(tab)
    screenshot(tab, "worksheet_draft")


def test_a_municipality_starts_from_an_empty_database(empty_server, browser, screenshot) -> None:  # type: ignore[no-untyped-def]
    def fresh_tab():  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
        context.set_default_timeout(30_000)
        return context.new_page()

    admin_tab = fresh_tab()
    try:
        _first_admin(admin_tab, empty_server.url)
        username, _, password = ADMIN
        sign_in(admin_tab, empty_server.url, username, password)
        _set_up(admin_tab, screenshot)
    finally:
        admin_tab.context.close()
    staff_tab = fresh_tab()
    try:
        _staff_work(staff_tab, empty_server.url)
    finally:
        staff_tab.context.close()
    admin_tab = fresh_tab()
    try:
        _next_year(admin_tab, empty_server.url, screenshot)
    finally:
        admin_tab.context.close()
