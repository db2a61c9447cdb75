"""The public pages open without signing in, show nothing of the staff's app, and never show
an error page; every other page still asks for the sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from colead.ui.nav import PUBLIC_PAGES
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

ROOT = Path(__file__).resolve().parents[2]
TITLES = {
    "apply": "募集・応募",
    "join": "企業の応募",
    "me": "本人ページ",
    "unsubscribe": "配信停止",
}


@pytest.mark.parametrize("spec", PUBLIC_PAGES, ids=lambda p: p.url)
def test_a_stranger_opens_a_public_page_through_the_app(demo_url: str, spec) -> None:  # type: ignore[no-untyped-def]
    at = new_app().run(timeout=TIMEOUT)
    at.switch_page(spec.path).run(timeout=TIMEOUT)
    assert not at.exception
    assert TITLES[spec.url] in [t.value for t in at.title]
    assert "ログイン" not in [b.label for b in at.button]  # no sign-in asked
    assert "プログラムマップ" not in visible_text(at)


@pytest.mark.parametrize("spec", PUBLIC_PAGES, ids=lambda p: p.url)
def test_a_public_page_file_run_first_on_a_fresh_server(demo_url: str, spec) -> None:  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / spec.path), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert TITLES[spec.url] in [t.value for t in at.title]


def test_signed_in_staff_can_open_a_public_page_too(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/apply.py").run(timeout=TIMEOUT)
    assert not at.exception
    assert "募集・応募" in [t.value for t in at.title]
    assert "ログアウト" in [b.label for b in at.button]  # their own frame stays
