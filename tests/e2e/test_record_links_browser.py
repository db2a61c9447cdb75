"""In a real browser: a shared link to a person's profile, opened signed out, signed in once."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from colead.db import dispose_engines, session_scope
from colead.models import Programme, Talent
from tests.e2e.conftest import PG_URL, TIMEOUT_MS, sign_in, wait_until_idle

pytestmark = pytest.mark.e2e


def _demo_person(server) -> Talent:  # type: ignore[no-untyped-def]
    """A person of the server's demo database, of a programme other than the one a fresh
    session starts on (the link must bring its programme along)."""
    url = PG_URL or f"sqlite:///{server.log.parent / 'e2e.db'}"
    try:
        with session_scope(url=url) as session:
            programmes = session.exec(select(Programme).order_by(Programme.id)).all()
            return session.exec(
                select(Talent).where(Talent.programme_id == programmes[-1].id).order_by(Talent.id)
            ).first()
    finally:
        dispose_engines()


def _wait_for_login_cookie(tab) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not any(c["name"] == "colead_auth" for c in tab.context.cookies()):
        if time.monotonic() > deadline:
            raise AssertionError("the login cookie was never set")
        time.sleep(0.2)


def test_a_shared_link_opens_the_person_after_sign_in_and_after_a_reload(
    server, page, screenshot
) -> None:
    person = _demo_person(server)
    link = f"{server.url}/talent?id={person.id}"
    sign_in(page, link, "staff")  # the login form at the link's address, submitted once
    profile = page.get_by_text(f"人材の詳細：{person.name}").first
    expect(profile).to_be_visible()
    wait_until_idle(page)
    assert page.url.endswith(f"/talent?id={person.id}")
    profile.scroll_into_view_if_needed()
    screenshot(page, "record_link_after_sign_in")

    _wait_for_login_cookie(page)  # set just after the sign-in; a reload before would lose it
    page.reload()
    expect(page.get_by_text(f"人材の詳細：{person.name}").first).to_be_visible()
    wait_until_idle(page)
    assert page.url.endswith(f"/talent?id={person.id}")

    page.get_by_role("link", name="企業台帳").click()  # another page: the id stays behind
    expect(page.get_by_role("heading", name="企業台帳")).to_be_visible()
    wait_until_idle(page)
    assert "id=" not in page.url
