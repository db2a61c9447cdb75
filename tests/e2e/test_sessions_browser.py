"""In a real browser: signing out signs out (#11 item 1).

While signed in, the login cookie carries the session to a reload, a new tab and even a copy of
the cookie in another browser. After ログアウト, all three show the sign-in form: the cookie's
session was ended in the database, so a replayed copy signs nobody in.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORT, sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

MAP = "プログラムマップ"


def _cookie(context):  # type: ignore[no-untyped-def]
    return next(c for c in context.cookies() if c["name"] == "colead_auth")


def _replayed(browser, server, cookie):  # type: ignore[no-untyped-def]
    """A new browser (no shared state) given a copy of the cookie, on the app's home page."""
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    tab = context.new_page()
    tab.goto(server.url)
    return context, tab


def _shows_sign_in(tab) -> None:  # type: ignore[no-untyped-def]
    expect(tab.get_by_role("button", name="ログイン")).to_be_visible()
    wait_until_idle(tab)
    expect(tab.get_by_role("heading", name=MAP)).to_have_count(0)


def test_sign_out_ends_the_session_for_reload_new_tab_and_a_copied_cookie(
    server, browser, page, screenshot
) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, server.url, "viewer")
    wait_signed_in(page)
    cookie = _cookie(page.context)
    assert len(cookie["value"]) >= 40 and "." not in cookie["value"]  # a random id, not a JWT

    # while signed in, the cookie carries the session
    page.reload()
    expect(page.get_by_role("heading", name=MAP)).to_be_visible()
    other_tab = page.context.new_page()
    other_tab.goto(server.url)
    expect(other_tab.get_by_role("heading", name=MAP)).to_be_visible()
    other_tab.close()
    elsewhere, tab = _replayed(browser, server, cookie)
    expect(tab.get_by_role("heading", name=MAP)).to_be_visible()
    elsewhere.close()

    wait_until_idle(page)
    page.get_by_role("button", name="ログアウト").click()
    _shows_sign_in(page)
    screenshot(page, "signed_out")

    page.reload()
    _shows_sign_in(page)
    new_tab = page.context.new_page()
    new_tab.goto(server.url)
    _shows_sign_in(new_tab)
    new_tab.close()
    elsewhere, tab = _replayed(browser, server, cookie)
    try:
        _shows_sign_in(tab)
    finally:
        elsewhere.close()


def test_a_session_ended_by_an_admin_shows_the_sign_in_at_the_next_click(
    server, browser, page, screenshot
) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, server.url, "staff")
    wait_signed_in(page)

    admin_context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    try:
        admin = admin_context.new_page()
        sign_in(admin, server.url, "admin")
        wait_signed_in(admin)
        admin.goto(f"{server.url}/accounts")
        admin.get_by_role("tab", name="既存アカウントの変更").click()
        admin.get_by_role("combobox", name="変更するアカウント").click()
        admin.keyboard.type("staff（")
        admin.keyboard.press("Enter")
        expect(admin.get_by_text("staff の設定")).to_be_visible()
        wait_until_idle(admin)
        screenshot(admin, "accounts_end_sessions")
        admin.get_by_role("button", name="全端末からログアウト").click()
        expect(admin.get_by_text("「staff」のログインをすべて終了しました。")).to_be_visible()
    finally:
        admin_context.close()

    page.get_by_role("link", name="人材").first.click()
    expect(page.get_by_text("ログインの有効期限が切れたか、ログアウトされました")).to_be_visible()
    _shows_sign_in(page)
