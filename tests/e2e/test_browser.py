"""In a real browser: page URLs refuse strangers, demo sign-in works, every page renders."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from colead.i18n import translate
from colead.ui.nav import PAGES
from colead.worksheets import WORKSHEETS
from tests.e2e.conftest import sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["a1_roles", "accounts"])
def test_fresh_server_shows_login_not_data_for_a_page_url(
    fresh_server, page, screenshot, path
) -> None:
    """Before Home.py has ever run, Streamlit serves pages/<file> directly: it must not leak."""
    page.goto(f"{fresh_server.url}/{path}")
    expect(page.get_by_role("button", name="ログイン")).to_be_visible()
    wait_until_idle(page)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert WORKSHEETS["A-1"].title not in body
    assert WORKSHEETS["A-1"].steps[0].title not in body
    expect(page.get_by_role("heading", name="アカウント管理")).to_have_count(0)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(0)
    screenshot(page, f"fresh_server_{path}")


def test_wrong_password_is_refused_with_a_clear_message(server, page, screenshot) -> None:
    sign_in(page, server.url, "staff", "not-the-password")
    expect(page.get_by_text("ユーザー名またはパスワードが正しくありません")).to_be_visible()
    expect(page.get_by_text("15分間ログインできなくなります")).to_be_visible()
    screenshot(page, "login_failed")


def test_admin_visits_every_page(server, page, screenshot) -> None:
    page.goto(server.url)
    expect(page.get_by_label("ユーザー名")).to_be_visible()
    expect(page.get_by_text("colead-demo")).to_be_visible()  # demo accounts are listed
    wait_until_idle(page)
    screenshot(page, "login")
    sign_in(page, server.url, "admin")
    wait_signed_in(page)
    expect(page.get_by_text("登録人材").first).to_be_visible()
    screenshot(page, "admin_home")
    for spec in PAGES:
        if spec.default:
            continue
        sheet = WORKSHEETS.get(spec.worksheet)
        link = f"{sheet.code} {sheet.short_title}" if sheet else translate(spec.title_key)
        heading = f"{sheet.code} {sheet.title}" if sheet else translate(spec.title_key)
        page.get_by_role("link", name=link).first.click()
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        wait_until_idle(page)
        if spec.url == "dashboard":  # the funnel is drawn, with its stages
            expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
            expect(page.locator(".js-plotly-plot").first).to_contain_text("継続関係")
        assert "Traceback" not in page.content()
        screenshot(page, f"admin_{spec.url}")
        if spec.worksheet:
            page.get_by_text("プロジェクターモード").click()
            expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
            if spec.worksheet != "B-1":  # B-1 is one grid; the others go STEP by STEP
                expect(page.get_by_role("button", name="次のSTEP →")).to_be_visible()
            wait_until_idle(page)
            screenshot(page, f"projector_{spec.url}")
            page.get_by_text("プロジェクターモード").click()
            expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
            wait_until_idle(page)


def test_staff_sees_no_admin_page_and_stays_signed_in_on_reload(server, page, screenshot):
    sign_in(page, server.url, "staff")
    wait_signed_in(page)
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_role("link", name=re.compile("A-1"))).to_be_visible()
    expect(nav.get_by_role("link", name="アカウント管理")).to_have_count(0)
    page.reload()  # a new session, signed in again by the cookie
    expect(page.get_by_role("heading", name="プログラムマップ")).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "staff_home")
    page.goto(f"{server.url}/accounts")  # not registered for staff: never drawn
    wait_until_idle(page)
    expect(page.get_by_text("自治体職員（デモ）（職員）でログイン中")).to_be_visible()
    expect(page.get_by_role("heading", name="アカウント管理")).to_have_count(0)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(0)


def test_viewer_signs_out(server, page) -> None:
    sign_in(page, server.url, "viewer")
    wait_signed_in(page)
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_role("button", name="ログイン")).to_be_visible()
    expect(page.get_by_role("heading", name="プログラムマップ")).to_have_count(0)
