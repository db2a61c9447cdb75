"""配信停止 (public, by the link in every newsletter): stop or resume a person's newsletters.

Opening the link changes nothing (mail scanners open links): the person presses the button.
Mails about their own sign-ups and reports still come.
"""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.services import outreach
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown

TOKEN = "t"
_DONE = "colead_unsubscribe_done"


def _token() -> str | None:
    value = st.query_params.get(TOKEN)
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _set(token: str, subscribed: bool) -> None:
    with session_scope(write=True) as session:
        changed = outreach.set_subscribed(session, token, subscribed)
    st.session_state[_DONE] = ("resumed" if subscribed else "done") if changed else ""


def render() -> None:
    st.title(t("unsubscribe.title"))
    token = _token()
    with session_scope() as session:
        found = outreach.subscription(session, token) if token else None
    if token is None or found is None:
        st.warning(t("unsubscribe.bad_link"), icon=":material/link_off:")
        return
    done = st.session_state.pop(_DONE, "")
    if done:
        st.success(t(f"unsubscribe.{done}"), icon=":material/check_circle:")
    if found.unsubscribed:
        if not done:
            st.info(t("unsubscribe.already"))
        st.button(t("unsubscribe.again"), on_click=_set, args=(token, True))
        return
    st.markdown(
        t(
            "unsubscribe.ask",
            name=escape_markdown(found.name),
            programme=escape_markdown(found.programme),
        )
    )
    st.button(t("unsubscribe.confirm"), type="primary", on_click=_set, args=(token, False))
