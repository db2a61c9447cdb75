"""The session's language, and shortcuts that use it."""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import Any

import streamlit as st

from colead import i18n
from colead.worksheets.english import localise
from colead.worksheets.schema import Worksheet

LANG_KEY = "colead_lang"


# Each script run has a thread of its own session's; the language read at the start of the run is
# kept there, so that the thousands of `t()` calls of a long list do not each go through
# st.session_state (measured: a tenth of a registry page's rerun).
_run = threading.local()


def _session_lang() -> str:
    value = st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def begin_run() -> None:
    """Read the session's language once for this run (Home.py, before anything is drawn)."""
    _run.lang = _session_lang()


def lang() -> str:
    value = getattr(_run, "lang", None)
    return value if value is not None else _session_lang()


def t(key: str, **params: Any) -> str:
    return i18n.translate(key, lang(), **params)


def localised(sheet: Worksheet) -> Worksheet:
    """`sheet` in the session's language: its declaration in Japanese, its English copy in
    English (colead.worksheets.english). Answers are stored alike either way."""
    return localise(sheet, lang())


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
        begin_run()

    container.selectbox(
        "言語 / Language",
        options=list(i18n.LANGUAGES),
        format_func=lambda code: {"ja": "日本語", "en": "English"}[code],
        key=key,
        on_change=_store,
    )
