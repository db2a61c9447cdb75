"""A fresh server's very first request goes straight to a page's URL (a bookmark, a shared link).

Streamlit serves `pages/<file>` by URL until Home.py has run once, so each page must migrate the
database itself, show the sign-in (or the first-admin form) and nothing else: no error page, no
list of the other pages. Checked on an empty database without the demo and on the demo, as a
stranger, then signing in there as a viewer and as staff of one region.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from colead import migrate
from colead.db import dispose_engines, session_scope
from colead.models import Region, Role
from colead.services import accounts
from tests.e2e.conftest import (
    PG_URL,
    VIEWPORT,
    Server,
    _demo_database,
    _empty_database,
    _require_browser,
    _start_server,
    _stop,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

PAGES = ("talent", "dashboard", "accounts")
OTHER_PAGES = ("人材台帳", "ダッシュボード", "アカウント管理", "B-1 候補企業の要件整理")


def _no_error_and_no_page_list(tab) -> None:  # type: ignore[no-untyped-def]
    body = tab.locator("body")
    for text in ("no such table", "Traceback", "UndefinedTable", "Error"):
        expect(body).not_to_contain_text(text)
    for name in OTHER_PAGES:
        expect(tab.get_by_role("link", name=name)).to_have_count(0)


def _one_region_staff(url: str) -> None:
    with session_scope(write=True, url=url) as session:
        admin = accounts.load_actor(session, "admin")
        kaga = session.exec(Region.__table__.select().where(Region.name == "加賀市")).one()
        accounts.create_account(
            session,
            admin,
            username="kaga.staff",
            display_name="加賀市の職員",
            password="kaga-pass-123",
            role=Role.STAFF,
            region_ids=[kaga.id],
        )
    dispose_engines()


@pytest.mark.parametrize("page_url", PAGES)
def test_a_first_request_to_a_page_of_an_empty_database_asks_for_the_first_admin(
    browser, tmp_path: Path, page_url: str
) -> None:  # type: ignore[no-untyped-def]
    _require_browser()
    database = _empty_database(tmp_path)
    server = _start_server(tmp_path, database, demo=False)
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    try:
        tab = context.new_page()
        tab.goto(f"{server.url}/{page_url}")
        expect(tab.get_by_text("最初の管理者アカウントを作成").first).to_be_visible()
        wait_until_idle(tab)
        _no_error_and_no_page_list(tab)
    finally:
        context.close()
        _stop(server)
    if not PG_URL:  # the server migrated the file it was given
        migrate.upgrade(database)  # nothing left to do: it is at the newest revision
        dispose_engines()


@pytest.fixture(scope="module")
def linked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo with a staff account of 加賀市 only."""
    _require_browser()
    folder = tmp_path_factory.mktemp("links")
    database = _demo_database(folder)
    _one_region_staff(database)
    server = _start_server(folder, database)
    yield server
    _stop(server)


@pytest.mark.parametrize("page_url", PAGES)
def test_a_first_request_to_a_page_of_the_demo_shows_the_sign_in(
    browser, tmp_path: Path, page_url: str
) -> None:  # type: ignore[no-untyped-def]
    _require_browser()
    server = _start_server(tmp_path, _demo_database(tmp_path))
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    try:
        tab = context.new_page()
        tab.goto(f"{server.url}/{page_url}")
        expect(tab.get_by_role("button", name="ログイン")).to_be_visible()
        wait_until_idle(tab)
        _no_error_and_no_page_list(tab)
        expect(tab.get_by_text("Page not found")).to_have_count(0)
    finally:
        context.close()
        _stop(server)


@pytest.mark.parametrize(
    ("page_url", "user", "password", "expected"),
    [
        ("talent", "kaga.staff", "kaga-pass-123", "石川県 加賀市"),
        ("accounts", "viewer", "colead-demo", "このページを表示する権限がありません"),
        ("dashboard", "viewer", "colead-demo", "ダッシュボード"),
    ],
)
def test_a_shared_link_opens_where_it_points_after_sign_in(
    linked_server, browser, page_url: str, user: str, password: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    """A link to a page, opened signed out on a running server, keeps its address through the
    sign-in and then shows that page, or the refusal where the role may not see it."""
    warm = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    warm.new_page().goto(linked_server.url)  # the app's main page has run at least once
    warm.close()
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    try:
        tab = context.new_page()
        tab.goto(f"{linked_server.url}/{page_url}")
        expect(tab.get_by_role("button", name="ログイン")).to_be_visible()
        wait_until_idle(tab)
        expect(tab.get_by_text("Page not found")).to_have_count(0)
        assert tab.url.rstrip("/").endswith(f"/{page_url}")
        tab.get_by_role("textbox", name="ユーザー名").fill(user)
        tab.get_by_label("パスワード", exact=True).fill(password)
        tab.get_by_role("button", name="ログイン").click()
        expect(tab.get_by_role("button", name="ログアウト")).to_be_visible()
        wait_until_idle(tab)
        body = tab.locator("body")
        expect(body).to_contain_text(expected)
        expect(body).not_to_contain_text("Traceback")
        expect(tab.get_by_text("Page not found")).to_have_count(0)
        if user == "kaga.staff":  # one region: the others' programmes are not offered
            expect(body).not_to_contain_text("北海道 釧路市")
    finally:
        context.close()
