"""The session's language, and shortcuts that use it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import streamlit as st

from colead import i18n

LANG_KEY = "colead_lang"


def lang() -> str:
    value = st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def t(key: str, **params: Any) -> str:
    return i18n.translate(key, lang(), **params)


def fmt_date(value: date | None) -> str:
    return i18n.format_date(value, lang())


def fmt_datetime(value: datetime | None) -> str:
    return i18n.format_datetime(value, lang())


def language_picker(container: Any = st.sidebar, key: str = "colead_lang_widget") -> None:
    """日本語 / English, kept in the session (never process-wide).

    The choice lives under its own key, so it survives runs on which the picker is not drawn.
    """
    st.session_state[key] = lang()

    def _store() -> None:
        st.session_state[LANG_KEY] = st.session_state[key]

    container.selectbox(
        "言語 / Language",
        options=list(i18n.LANGUAGES),
        format_func=lambda code: {"ja": "日本語", "en": "English"}[code],
        key=key,
        on_change=_store,
    )
