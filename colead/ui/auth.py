"""Sign-in: streamlit-authenticator's form checks the password; the session is ours.

The login cookie holds only a random token of a row in `loginsession` (services/login_sessions),
checked on every run: signing out, a password reset, a disabled account or a role change ends
it, in this tab, in other tabs and in any browser the cookie was copied to.
streamlit-authenticator's own JWT cookie is neither read nor written, and its cookie manager
component is never drawn (`_NoCookieManager`).

Failed sign-ins are counted per typed name and client address (services/login_throttle) and
checked before any password is; a name that does not exist gets the same answer as one that
does.

streamlit-authenticator owns the session keys `name`, `username`, `email`, `roles`,
`authentication_status`, `logout` and `failed_login_attempts`; ours start with `colead_`.
`Authenticate` is created at most once per run (twice raises DuplicateWidgetID).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import streamlit as st
import streamlit_authenticator as stauth
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit_authenticator.models import cookie_model

from colead.bootstrap import DEMO_PASSWORD
from colead.config import get_settings
from colead.db import session_scope
from colead.services import accounts, login_sessions, login_throttle
from colead.services.access import Actor
from colead.services.errors import InputError
from colead.ui.i18n import fmt_datetime, language_picker, t
from colead.ui.widgets import new_password_fields, passwords_match

COOKIE_NAME = "colead_auth"
ADDRESS_LENGTH = 64
_SIGNED_IN_AS = "colead_signed_in_as"
_LOGIN_MESSAGE = "colead_login_message"
_LOGIN_NOTICE = "colead_login_notice"
_TOKEN = "colead_session_token"
_COOKIE = "colead_cookie"
_COOKIE_FRAME = "colead_cookie_frame"
SESSION_KEYS_TO_CLEAR = ("colead_programme_id", "colead_run_context", _SIGNED_IN_AS, _COOKIE)


class _NoCookieManager:
    """Stands in for extra-streamlit-components' CookieManager, which streamlit-authenticator
    creates with every `Authenticate`. That one draws a component on each run of the login
    form, and the component's answer (the browser's cookies) reruns the app once it has loaded:
    a sign-in submitted before that answer came was dropped by the rerun (issue #14, seen on a
    busy server). The app writes and reads its own cookie, so nothing is lost by never drawing
    it."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        self.cookies: dict[str, str] = {}

    def get(self, _cookie: str) -> None:
        return None

    def get_all(self, *_args: object, **_kwargs: object) -> dict[str, str]:
        return {}

    def set(self, *_args: object, **_kwargs: object) -> None:
        return None

    def delete(self, *_args: object, **_kwargs: object) -> None:
        return None


cookie_model.stx = SimpleNamespace(CookieManager=_NoCookieManager)  # type: ignore[attr-defined]


@dataclass
class _Attempt:
    """What the sign-in form was asked in this run."""

    username: str | None = None
    ok: bool = False
    locked_until: datetime | None = None


def _clear_own_state(_info: dict | None = None) -> None:
    for key in SESSION_KEYS_TO_CLEAR:
        st.session_state.pop(key, None)


def client_address() -> str:
    """The address failed sign-ins are counted against.

    Behind a reverse proxy every connection comes from the proxy, so the address is read from
    the header the proxy sets (COLEAD_CLIENT_IP_HEADER); of a forwarded list, the right-most
    entry is the one the proxy itself saw. Local connections count as "local".
    """
    header = get_settings().client_ip_header
    value = st.context.headers.get(header) if header else None
    if isinstance(value, str):
        forwarded = [part.strip() for part in value.split(",") if part.strip()]
        if forwarded:
            return forwarded[-1][:ADDRESS_LENGTH]
    address = st.context.ip_address
    return address[:ADDRESS_LENGTH] if isinstance(address, str) and address else "local"


def _authenticator(credentials: dict, attempt: _Attempt) -> stauth.Authenticate:
    settings = get_settings()
    authenticator = stauth.Authenticate(
        credentials,
        cookie_name=COOKIE_NAME,
        cookie_key=settings.cookie_key,
        cookie_expiry_days=settings.cookie_expiry_days,
        auto_hash=False,
        login_sleep_time=settings.login_sleep,
    )
    controller = authenticator.cookie_controller
    controller.get_cookie = lambda: None  # type: ignore[method-assign]
    controller.set_cookie = lambda: None  # type: ignore[method-assign]
    _throttled_password_check(authenticator, attempt)
    return authenticator


def _throttled_password_check(authenticator: stauth.Authenticate, attempt: _Attempt) -> None:
    """Check the lock of (name, address) before the password, and spend the same bcrypt time
    on a name that does not exist, so that neither the answer nor its delay tells names apart."""
    model = authenticator.authentication_controller.authentication_model
    check = model.check_credentials

    def check_credentials(username: str, password: str) -> bool:
        attempt.username = username
        with session_scope() as session:
            attempt.locked_until = login_throttle.locked_until(session, username, client_address())
        if attempt.locked_until is not None or username not in model.credentials["usernames"]:
            accounts.verify_password(password, accounts.unmatchable_hash())
            return False
        attempt.ok = bool(check(username, password))
        return attempt.ok

    model.check_credentials = check_credentials  # type: ignore[method-assign]


def _locked_message(until: datetime) -> str:
    return t("login.locked", until=fmt_datetime(until))


def _failed_message() -> str:
    return t(
        "login.failed",
        attempts=login_throttle.MAX_FAILED_ATTEMPTS,
        minutes=int(login_throttle.LOCK_DURATION.total_seconds() // 60),
    )


def _report_failure(attempt: _Attempt) -> None:
    """Count a failed attempt (whether or not the name exists) and say what happened."""
    until = attempt.locked_until
    if until is None and attempt.username:
        with session_scope(write=True) as session:
            until = login_throttle.record_failure(session, attempt.username, client_address())
    st.session_state[_LOGIN_MESSAGE] = _locked_message(until) if until else _failed_message()


def _demo_accounts_note() -> None:
    st.info(t("login.demo_accounts", password=DEMO_PASSWORD), icon=":material/key:")


def _first_admin_form() -> None:
    """An empty installation without demo data asks for its first admin account."""
    st.subheader(t("setup.title"))
    st.write(t("setup.intro"))
    with st.form("colead_first_admin"):
        username = st.text_input(t("accounts.username"), help=t("accounts.username_help"))
        display_name = st.text_input(t("accounts.display_name"))
        password, confirm = new_password_fields()
        submitted = st.form_submit_button(t("setup.submit"), type="primary")
    if not submitted:
        return
    if not passwords_match(password, confirm):
        return
    try:
        with session_scope(write=True) as session:
            accounts.create_first_admin(
                session, username=username, display_name=display_name, password=password
            )
    except InputError as error:
        st.error(t(error.key, **error.params))
        return
    st.session_state[_LOGIN_NOTICE] = t("setup.done")
    st.rerun()  # the sign-in form now shows, with the notice above it


def login_gate() -> Actor | None:
    """Draw the sign-in form unless signed in; return the signed-in actor, else None.

    The actor is read from the database on every run, so a disabled account or a changed role
    takes effect at the next click.

    Its widgets get the same IDs in every run, whichever script draws them. Streamlit hashes
    the running page into each widget ID. Because a `pages/` folder sits beside Home.py,
    Streamlit 1.67 runs a freshly started server's script runs in its old multipage mode until
    some session calls `st.navigation` (a process-wide switch): such a run executes Home.py (or
    a page file opened by URL) as a page of that folder, under that page's hash, while every
    later run executes Home.py under the main script's hash. A login or first-admin form drawn
    in the first kind of run got new IDs in the next one, so what its first submit sent was
    dropped. Drawn under the main script's hash, as Home.py's own runs draw them, they keep
    their IDs; the rest of the page keeps its own hash.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return _login_gate()
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        return _login_gate()


def _login_gate() -> Actor | None:
    settings = get_settings()
    actor = _session_actor()
    if actor is not None:
        _keep_cookie()
        return actor
    with session_scope() as session:
        credentials = accounts.authenticator_credentials(session)
        no_accounts = not credentials["usernames"] and accounts.count_accounts(session) == 0
    _, column, _ = st.columns([1, 3, 1])
    with column:
        st.title(t("app.title"))
        st.caption(t("app.tagline"))
        language_picker(st, key="colead_lang_login")
        if no_accounts and not settings.demo:
            _first_admin_form()
            return None
        return _login_form(credentials)


def _session_actor() -> Actor | None:
    """The actor of this tab's session, or of the browser's login cookie, if it is still open.

    Checked on every run, so an ended session (signed out elsewhere, password reset, account
    disabled, role changed) shows the login form at the next click.
    """
    token = st.session_state.get(_TOKEN)
    live = token is not None
    if token is None:
        token = st.context.cookies.get(COOKIE_NAME)
    if not token:
        return None
    with session_scope() as session:
        actor = login_sessions.actor_for(session, token)
    if actor is None:
        _forget_session()
        if live:
            st.session_state[_LOGIN_MESSAGE] = t("login.session_ended")
        return None
    st.session_state[_TOKEN] = token
    if st.session_state.get(_SIGNED_IN_AS) != actor.username:
        _clear_own_state()
        st.session_state[_SIGNED_IN_AS] = actor.username
    st.session_state["authentication_status"] = True
    st.session_state["username"] = actor.username
    st.session_state["name"] = actor.display_name
    return actor


def _login_form(credentials: dict) -> Actor | None:
    """Draw streamlit-authenticator's form; on a correct password open a session and rerun."""
    settings = get_settings()
    attempt = _Attempt()
    authenticator = _authenticator(credentials, attempt)
    if st.session_state.get("authentication_status"):  # left by a session that has ended
        _forget_session()
    if _LOGIN_NOTICE in st.session_state:
        st.success(st.session_state[_LOGIN_NOTICE])
    stale = st.context.cookies.get(COOKIE_NAME)
    if isinstance(stale, str):
        _delete_cookie(stale)  # ended, expired, or never ours
    authenticator.login(
        location="main",
        key="colead_login",
        fields={
            "Form name": t("login.form"),
            "Username": t("accounts.username"),
            "Password": t("accounts.password"),
            "Login": t("login.submit"),
        },
    )
    if attempt.username is not None and not attempt.ok:
        _report_failure(attempt)
    signed_in = attempt.ok and st.session_state.get("authentication_status")
    if signed_in and _open_session(st.session_state.get("username") or ""):
        st.rerun()  # start again without the login screen drawn above
    if _LOGIN_MESSAGE in st.session_state:
        st.error(st.session_state[_LOGIN_MESSAGE])
    if settings.demo:
        _demo_accounts_note()
    return None


def _open_session(username: str) -> bool:
    lifetime = timedelta(days=get_settings().cookie_expiry_days)
    with session_scope(write=True) as session:
        actor = accounts.load_actor(session, username)
        if actor is None:
            token = None
        else:
            token, expires_at = login_sessions.open_session(session, actor.user_id, lifetime)
            login_throttle.clear(session, username, client_address())
            accounts.record_successful_login(session, actor.username)
    if token is None:
        _forget_session()
        st.session_state[_LOGIN_MESSAGE] = t("login.not_authorized")
        return False
    _clear_own_state()
    st.session_state.pop(_LOGIN_MESSAGE, None)
    st.session_state.pop(_LOGIN_NOTICE, None)
    st.session_state[_SIGNED_IN_AS] = username
    st.session_state[_TOKEN] = token
    st.session_state[_COOKIE] = (token, expires_at)
    return True


_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,200}")


def _js_string(text: str) -> str:
    """A JavaScript string literal that cannot end the <script> element it sits in."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _cookie_script(body: str, container=None) -> None:  # type: ignore[no-untyped-def]
    """Run a line of script in the browser to write the login cookie.

    A frame of static HTML (`st.iframe`, same origin, as `components.html` was before it was
    deprecated): it sends nothing back, so unlike a cookie-manager component it never causes
    a rerun. (streamlit-authenticator's cookie manager answers every time it is
    mounted, that is after every page change; the rerun that answer made replaced the page's
    download buttons while a click was on its way, and the click got nothing.) Drawn with the
    same text on every run, the frame stays and runs once. Its container is hidden: the frame
    still loads and runs, and the sidebar shows no gap for it.
    """
    script = f"<script>{body}</script>"
    with (container or st).container(key=_COOKIE_FRAME):
        st.html(f"<style>.st-key-{_COOKIE_FRAME} {{ display: none; }}</style>")
        st.iframe(script, height=1)


def _cookie_line(value: str, expires_at: datetime) -> str:
    stamp = expires_at.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    cookie = _js_string(f"{COOKIE_NAME}={value}; expires={stamp}; path=/; SameSite=Strict")
    return f"document.cookie = {cookie} + (location.protocol === 'https:' ? '; Secure' : '');"


def _keep_cookie() -> None:
    """Write this session's login cookie, on every signed-in run."""
    cookie = st.session_state.get(_COOKIE)
    if cookie is None:
        return
    token, expires_at = cookie
    _cookie_script(_cookie_line(token, expires_at), st.sidebar)


def _delete_cookie(stale: object) -> None:
    """Delete the login cookie this tab was opened with, which signs nobody in any more, but
    only if the browser still holds that one: another tab may have signed in again since,
    and its newer cookie stays. A value of another shape (forged, never ours) goes at once."""
    expired = _cookie_line("", datetime(1970, 1, 1, tzinfo=UTC))
    if isinstance(stale, str) and _TOKEN_SHAPE.fullmatch(stale):
        held = _js_string(f"{COOKIE_NAME}={stale}")
        _cookie_script(f"if (document.cookie.split('; ').includes({held})) {{ {expired} }}")
    else:
        _cookie_script(expired)


def _forget_session() -> None:
    st.session_state.pop(_TOKEN, None)
    for key in ("authentication_status", "username", "name"):
        st.session_state[key] = None
    _clear_own_state()


def sign_out() -> None:
    """End this session in the database (so its cookie no longer signs anyone in, here or
    anywhere it was copied) and forget it in this tab; the login page deletes the cookie."""
    token = st.session_state.get(_TOKEN)
    if token:
        with session_scope(write=True) as session:
            login_sessions.end_session(session, token)
    _forget_session()


def logout_button(container=st.sidebar) -> None:  # type: ignore[no-untyped-def]
    if container.button(t("login.logout"), key="colead_logout", width="stretch"):
        sign_out()
        st.rerun()
