"""In a real browser: a login cookie the app did not sign is ignored and deleted (#11 item 3).

An unsigned token (`alg=none`), a token signed with our key but another algorithm, one with an
expiry that is not a number, plain garbage, and even a token streamlit-authenticator itself
would accept (the cookie holds a session token now, not a JWT): each shows the sign-in form,
never an error page, and the cookie is gone afterwards.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT_MS, VIEWPORT, wait_until_idle

pytestmark = pytest.mark.e2e

KEY = "e2e-cookie-key-" + "y" * 40  # the key the e2e server signs with (conftest)
LATER = (datetime.now(UTC) + timedelta(days=1)).timestamp()


def _b64(part: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


FORGED = {
    "alg_none": ".".join(
        (_b64({"alg": "none", "typ": "JWT"}), _b64({"username": "admin", "exp_date": LATER}), "")
    ),
    "other_algorithm": jwt.encode({"username": "admin", "exp_date": LATER}, KEY, algorithm="HS512"),
    "bad_expiry": jwt.encode({"username": "admin", "exp_date": "tomorrow"}, KEY, algorithm="HS256"),
    "no_username": jwt.encode({"exp_date": LATER}, KEY, algorithm="HS256"),
    "garbage": "not-a-token",
    # what streamlit-authenticator itself signs: the cookie now holds a session token instead
    "signed_jwt": jwt.encode({"username": "admin", "exp_date": LATER}, KEY, algorithm="HS256"),
    # a cookie planted to break out of the script that deletes it
    "script_breakout": "</script><script>document.title='pwned'</script>",
}


@pytest.mark.parametrize("kind", list(FORGED))
def test_a_cookie_the_app_did_not_sign_shows_the_sign_in(server, browser, kind: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    try:
        host = server.url.split("//", 1)[1].split(":", 1)[0]
        context.add_cookies(
            [{"name": "colead_auth", "value": FORGED[kind], "domain": host, "path": "/"}]
        )
        tab = context.new_page()
        tab.goto(server.url)
        expect(tab.get_by_role("button", name="ログイン")).to_be_visible()
        wait_until_idle(tab)
        assert "pwned" not in tab.title()
        for frame in tab.frames:
            assert "pwned" not in frame.title()
        body = tab.locator("body")
        for text in ("Traceback", "Error", "プログラムマップ"):
            expect(body).not_to_contain_text(text)
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while any(c["name"] == "colead_auth" for c in context.cookies()):
            assert time.monotonic() < deadline, "the forged cookie was not deleted"
            time.sleep(0.2)
    finally:
        context.close()
