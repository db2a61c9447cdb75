"""Sign-in through streamlit-authenticator, with accounts, lockout and audit in the database.

streamlit-authenticator owns the session keys `name`, `username`, `email`, `roles`,
`authentication_status`, `logout` and `failed_login_attempts`; ours start with `colead_`.
`Authenticate` is created at most once per run (twice raises DuplicateWidgetID).
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
import streamlit_authenticator as stauth
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit_authenticator.utilities import LoginError

from colead.bootstrap import DEMO_PASSWORD
from colead.config import get_settings
from colead.db import session_scope
from colead.services import accounts
from colead.services.access import Actor
from colead.services.errors import InputError
from colead.ui.i18n import fmt_datetime, language_picker, t
from colead.ui.widgets import new_password_fields, passwords_match

COOKIE_NAME = "colead_auth"
_AUTHENTICATOR = "colead_authenticator_run"
_SIGNED_IN_AS = "colead_signed_in_as"
_LOGIN_MESSAGE = "colead_login_message"
_COOKIE = "colead_cookie"
SESSION_KEYS_TO_CLEAR = ("colead_programme_id", "colead_run_context", _SIGNED_IN_AS, _COOKIE)


def _clear_own_state(_info: dict | None = None) -> None:
    for key in SESSION_KEYS_TO_CLEAR:
        st.session_state.pop(key, None)


def _authenticator(credentials: dict) -> stauth.Authenticate:
    settings = get_settings()
    authenticator = stauth.Authenticate(
        credentials,
        cookie_name=COOKIE_NAME,
        cookie_key=settings.cookie_key,
        cookie_expiry_days=settings.cookie_expiry_days,
        auto_hash=False,
        login_sleep_time=settings.login_sleep,
    )
    _only_readable_cookies(authenticator)
    return authenticator


def readable_token(token: object) -> bool:
    """What streamlit-authenticator may sign someone in with: the decoded claims this app
    signs, a user name and a numeric expiry (a bool is not a number here)."""
    if not isinstance(token, dict):
        return False
    expiry = token.get("exp_date")
    return (
        isinstance(token.get("username"), str)
        and isinstance(expiry, int | float)
        and not isinstance(expiry, bool)
    )


def _only_readable_cookies(authenticator: stauth.Authenticate) -> None:
    """Sign in from a login cookie only when it is one this app signed; ignore and delete any
    other (an unsigned `alg=none` token, another algorithm, a bad expiry) instead of letting
    streamlit-authenticator raise an error page.

    streamlit-authenticator 0.4.2 catches only a bad signature or a malformed token; jwt's other
    errors and a non-numeric expiry escape from its `get_cookie`.
    """
    controller = authenticator.cookie_controller
    read = controller.get_cookie

    def get_cookie():  # type: ignore[no-untyped-def]
        try:
            token = read()
        except Exception:  # any token that is not one of ours, however it fails
            token = None
        if token is False:  # signed out in this session: nothing to read
            return False
        if readable_token(token):
            return token
        if COOKIE_NAME in st.context.cookies:
            controller.delete_cookie()
        return None

    controller.get_cookie = get_cookie  # type: ignore[method-assign]


def _report_failure(credentials: dict) -> None:
    """Persist a failed attempt and say what happened, in the person's language.

    streamlit-authenticator counts a wrong password by raising `failed_login_attempts` in the
    credentials dict it was given; that is how the attempted account is known here.
    """
    failed = [
        name
        for name, entry in credentials["usernames"].items()
        if entry.get("failed_login_attempts", 0) > 0
    ]
    failure = None
    if failed:
        with session_scope(write=True) as session:
            failure = accounts.record_failed_login(session, failed[0])
    if failure is not None and failure.locked_until is not None:
        st.session_state[_LOGIN_MESSAGE] = t(
            "login.locked",
            attempts=accounts.MAX_FAILED_ATTEMPTS,
            minutes=int(accounts.LOCK_DURATION.total_seconds() // 60),
            until=fmt_datetime(failure.locked_until),
        )
    else:
        st.session_state[_LOGIN_MESSAGE] = _failed_message()


def _failed_message() -> str:
    return t(
        "login.failed",
        attempts=accounts.MAX_FAILED_ATTEMPTS,
        minutes=int(accounts.LOCK_DURATION.total_seconds() // 60),
    )


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
    st.success(t("setup.done"))


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
    signed_in = bool(st.session_state.get("authentication_status"))
    with session_scope() as session:
        credentials = accounts.authenticator_credentials(
            session, only=(st.session_state.get("username") or "") if signed_in else None
        )
        no_accounts = not credentials["usernames"] and accounts.count_accounts(session) == 0
    if signed_in:
        return _signed_in_actor(credentials, signed_in=True)
    _, column, _ = st.columns([1, 3, 1])
    with column:
        st.title(t("app.title"))
        st.caption(t("app.tagline"))
        language_picker(st, key="colead_lang_login")
        if no_accounts and not settings.demo:
            _first_admin_form()
            return None
        return _signed_in_actor(credentials, signed_in=False)


def _signed_in_actor(credentials: dict, *, signed_in: bool) -> Actor | None:
    """Run streamlit-authenticator's login (form, or cookie) and resolve the actor."""
    settings = get_settings()
    authenticator = _authenticator(credentials)
    st.session_state[_AUTHENTICATOR] = authenticator
    try:
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
    except LoginError:
        # A valid cookie for an account that no longer exists or was disabled.
        authenticator.cookie_controller.delete_cookie()
        st.session_state["authentication_status"] = None
        st.session_state[_LOGIN_MESSAGE] = t("login.not_authorized")
    status = st.session_state.get("authentication_status")
    attempted_known_account = any(
        entry.get("failed_login_attempts", 0) for entry in credentials["usernames"].values()
    )
    if attempted_known_account:
        _report_failure(credentials)
    elif status is False and _LOGIN_MESSAGE not in st.session_state:
        st.session_state[_LOGIN_MESSAGE] = _failed_message()
    if not status:
        if _LOGIN_MESSAGE in st.session_state:
            st.error(st.session_state[_LOGIN_MESSAGE])
        if settings.demo:
            _demo_accounts_note()
        return None
    st.session_state.pop(_LOGIN_MESSAGE, None)
    username = st.session_state.get("username") or ""
    with session_scope() as session:
        actor = accounts.load_actor(session, username)
    if actor is None:
        sign_out()
        st.error(t("login.not_authorized"))
        return None
    if st.session_state.get(_SIGNED_IN_AS) != actor.username:
        _clear_own_state()
        st.session_state[_SIGNED_IN_AS] = actor.username
        with session_scope(write=True) as session:
            accounts.record_successful_login(session, actor.username)
        if not signed_in:
            st.session_state[_COOKIE] = _new_cookie(authenticator)
            st.rerun()  # start again without the login screen drawn above
    _keep_cookie(authenticator)
    return actor


def _new_cookie(authenticator: stauth.Authenticate) -> tuple[str, datetime]:
    """The signed token and expiry streamlit-authenticator would put in the login cookie."""
    model = authenticator.cookie_controller.cookie_model
    model.exp_date = model._set_exp_date()
    expires_at = datetime.fromtimestamp(model.exp_date)
    return model._token_encode(), expires_at


def _keep_cookie(authenticator: stauth.Authenticate) -> None:
    """Draw the cookie-setting component on every signed-in run, always with the same values.

    The component sets the cookie only once its frame has loaded in the browser. Drawn in a
    single run, it is lost whenever another rerun comes first (the cookie manager's own first
    answer triggers one), and a reload then asks for the password again. Drawn with unchanged
    values on every run, the frame stays and sets the cookie once, without further reruns.
    """
    cookie = st.session_state.get(_COOKIE)
    if cookie is None:
        return
    token, expires_at = cookie
    authenticator.cookie_controller.cookie_model.cookie_manager.set(
        COOKIE_NAME, token, expires_at=expires_at
    )


def sign_out() -> None:
    """End the session's sign-in and delete the login cookie."""
    authenticator = st.session_state.get(_AUTHENTICATOR)
    if authenticator is not None:
        authenticator.authentication_controller.logout()
        authenticator.cookie_controller.delete_cookie()
    for key in ("authentication_status", "username", "name"):
        st.session_state[key] = None
    _clear_own_state()


def logout_button(container=st.sidebar) -> None:  # type: ignore[no-untyped-def]
    if container.button(t("login.logout"), key="colead_logout", width="stretch"):
        sign_out()
        st.rerun()
