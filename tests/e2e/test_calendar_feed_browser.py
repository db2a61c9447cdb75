"""A person's calendar link, end to end (#13 item 6): made on their own page, served by the
app's own server (serve.py) as a feed of their events, and turned off from the same page."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from sqlmodel import col, select

from colead.db import dispose_engines, session_scope
from colead.models import ProjectMember, Talent
from colead.services import access_links
from colead.services.calendar_ics import person_calendar
from tests.e2e.conftest import (
    TIMEOUT_MS,
    VIEWPORT,
    Server,
    _demo_database,
    _free_port,
    _require_browser,
    _start_server,
    _stop,
    shoot,
    wait_until_idle,
)


@dataclass(frozen=True)
class Feed:
    server: Server
    database: str
    talent_id: int
    page_token: str


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Feed]:
    _require_browser()
    folder = tmp_path_factory.mktemp("feed")
    database = _demo_database(folder)
    with session_scope(write=True, url=database) as session:
        # a project member: their calendar holds meetings and milestones as well as sign-ups
        talent_id = session.exec(
            select(ProjectMember.talent_id).order_by(col(ProjectMember.talent_id))
        ).first()
        assert talent_id is not None
        token = access_links.issue(session, talent_id)
    dispose_engines()
    port = _free_port()
    server = _start_server(
        folder, database, port=port, env={"COLEAD_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    )
    try:
        yield Feed(server, database, talent_id, token)
    finally:
        _stop(server)


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def _summaries(data: bytes) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT"))


def test_a_person_makes_a_calendar_link_their_calendar_reads_and_turns_it_off(
    feed: Feed,
    browser,  # type: ignore[no-untyped-def]
) -> None:
    assert _get(f"{feed.server.url}/calendar/nonsense.ics")[0] == 404
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = context.new_page()
        tab.goto(f"{feed.server.url}/me?t={feed.page_token}")
        tab.locator("[data-testid='stApp']").wait_for()
        wait_until_idle(tab)
        expect(tab.get_by_role("heading", name="カレンダーに登録")).to_be_visible()
        tab.get_by_role("button", name="カレンダー用のリンクを作る").click()
        code = tab.get_by_test_id("stCode")
        expect(code).to_contain_text("/calendar/")
        wait_until_idle(tab)
        link = code.inner_text().strip()
        assert link.startswith(f"{feed.server.url}/calendar/") and link.endswith(".ics")
        expect(tab.get_by_role("link", name="カレンダーアプリで開く")).to_have_attribute(
            "href", "webcal://" + link.split("://", 1)[1]
        )
        shoot(tab, "public_me_calendar_desktop")

        status, kind, body = _get(link)
        assert status == 200 and kind.startswith("text/calendar")
        with session_scope(url=feed.database) as session:
            expected = _summaries(person_calendar(session, feed.talent_id))
            name = session.get(Talent, feed.talent_id).name
        dispose_engines()
        assert _summaries(body) == expected and expected  # their events, nobody else's
        assert name in str(Calendar.from_ical(body)["X-WR-CALNAME"])

        tab.get_by_role("button", name="カレンダー用のリンクを無効にする").click()
        expect(tab.get_by_text("カレンダー用のリンクを無効にしました。")).to_be_visible()
        assert _get(link)[0] == 404
    finally:
        context.close()
