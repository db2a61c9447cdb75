"""Page files run on their own (as a fresh server serves them by URL) guard themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.services import accounts
from colead.ui.nav import PAGES
from tests.app.helpers import TIMEOUT, sign_in, visible_text

ROOT = Path(__file__).resolve().parents[2]


def _direct(path: str) -> AppTest:
    return AppTest.from_file(str(ROOT / path), default_timeout=TIMEOUT)


@pytest.mark.parametrize("path", [page.path for page in PAGES])
def test_every_page_file_shows_the_login_before_anything(demo_url: str, path: str) -> None:
    at = _direct(path).run(timeout=TIMEOUT)
    assert not at.exception
    assert [b.label for b in at.button] == ["ログイン"]
    assert [t.value for t in at.title] == ["ふるさとCo-LEADプログラム ワークブック"]
    assert not at.metric and not at.dataframe


def test_a_directly_run_page_rechecks_the_account_on_every_run(demo_url: str) -> None:
    """Signed in on a directly run page, the guard hands over to the app's navigation, which
    draws the sidebar and runs the page."""
    at = sign_in(_direct("pages/home.py"), "staff")
    assert not at.exception
    assert "プログラムマップ" in [t.value for t in at.title]
    assert "ログアウト" in [b.label for b in at.button]

    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        staff = accounts.load_actor(session, "staff")
        accounts.set_disabled(session, admin, staff.user_id, True)
    at.run(timeout=TIMEOUT)
    assert "プログラムマップ" not in [t.value for t in at.title]
    assert "ログインの有効期限が切れたか、ログアウトされました" in visible_text(at)


def test_a_viewer_cannot_open_the_admin_page_file(demo_url: str) -> None:
    at = sign_in(_direct("pages/accounts.py"), "viewer")
    assert not at.exception
    assert "アカウント管理" not in [t.value for t in at.title]
    assert not at.dataframe
