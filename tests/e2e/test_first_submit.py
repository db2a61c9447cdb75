"""On a freshly started server the first submit of a form is taken (issues #11 and #16).

A fresh server runs its first script runs in Streamlit's `pages/` folder mode, whose widget IDs
differ from those of every later run; a form drawn in such a run used to drop its first submit.
Each check runs on its own new server, several times: the loss depended on which run drew the
form.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from colead.i18n import translate
from tests.e2e.conftest import sign_in, wait_until_idle

pytestmark = pytest.mark.e2e

SERVERS = range(3)
ADMIN = "first.admin"
ADMIN_PASSWORD = "first-admin-pass-2026"


@pytest.mark.parametrize("attempt", SERVERS)
def test_first_sign_in_on_a_fresh_server_takes_one_click(fresh_server, page, attempt) -> None:
    sign_in(page, fresh_server.url, "admin")
    expect(page.get_by_role("heading", name="プログラムマップ")).to_be_visible()


@pytest.mark.parametrize("attempt", SERVERS)
def test_first_admin_form_takes_its_first_submit(empty_server, page, attempt) -> None:
    page.goto(empty_server.url)
    submit = page.get_by_role("button", name=translate("setup.submit"))
    submit.wait_for()
    wait_until_idle(page)
    page.get_by_role("textbox", name=translate("accounts.username")).fill(ADMIN)
    page.get_by_role("textbox", name=translate("accounts.display_name")).fill("最初の管理者")
    page.get_by_role("textbox", name=translate("accounts.password"), exact=True).fill(
        ADMIN_PASSWORD
    )
    page.get_by_role("textbox", name=translate("accounts.password_confirm")).fill(ADMIN_PASSWORD)
    submit.click()
    expect(page.get_by_text(translate("setup.done"))).to_be_visible()

    sign_in(page, empty_server.url, ADMIN, ADMIN_PASSWORD)
    # Signed in: the navigation is drawn (an empty installation opens on its set-up page).
    expect(page.get_by_role("link", name="プログラムマップ")).to_be_visible()
    expect(page.get_by_role("button", name=translate("login.submit"))).to_have_count(0)


def test_the_login_page_draws_nothing_that_reruns_it(fresh_server, page) -> None:
    """streamlit-authenticator's cookie manager drew a component on the login page whose
    answer reran the app after it had loaded: a sign-in submitted before that answer was
    dropped on a busy server (issue #14). The page has no component frame at all now."""
    page.goto(fresh_server.url)
    page.get_by_role("button", name="ログイン").wait_for()
    wait_until_idle(page)
    expect(page.locator("iframe")).to_have_count(0)


def test_a_sign_in_submitted_while_the_first_page_is_still_loading(fresh_server, page) -> None:
    """The fields are filled and the button clicked the moment they show, while the server
    may still be running the first page's script: one click signs in."""
    page.goto(fresh_server.url, wait_until="commit")
    page.get_by_label("ユーザー名").fill("admin")
    page.get_by_label("パスワード").fill("colead-demo")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="プログラムマップ")).to_be_visible()
