"""Pieces the event screens share: an event's dates (over several days too) and the question
asked before registering an event that repeats one already there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlmodel import Session

from colead.db import session_scope
from colead.i18n import format_date, to_jst
from colead.models import Event
from colead.services.errors import InputError, InvalidInput
from colead.services.events import EventRow
from colead.ui.i18n import lang, t
from colead.ui.layout import escape_markdown
from colead.ui.registry import Outcome, attempt, show_errors


def when(row: Event | EventRow, language: str) -> str:
    """2026年10月14日 13:00〜17:00; over several days the last day is named too:
    2026年10月14日 13:00〜2026年10月16日 17:00."""
    start = to_jst(row.starts_at)
    text = f"{format_date(start.date(), language)} {start:%H:%M}"
    if row.ends_at is not None:
        end = to_jst(row.ends_at)
        day = "" if end.date() == start.date() else f"{format_date(end.date(), language)} "
        text += f"〜{day}{end:%H:%M}"
    return text


Find = Callable[[Session, Any], list[EventRow]]
Create = Callable[[Session, Any, bool], Any]


def submit(key: str, plan: Any, find: Find, create: Create, success: str = "", **params: Any):  # type: ignore[no-untyped-def]
    """Register what `plan` makes, or, when it repeats events already registered, keep it and
    ask first (`pending` draws the question). Returns the write's `Outcome`, or None while the
    person is asked."""
    try:
        with session_scope() as session:
            found = find(session, plan)
    except (InputError, InvalidInput) as error:
        show_errors(error)
        return Outcome(False)
    if found:
        st.session_state[key] = plan
        return pending(key, find, create, success, **params)
    return attempt(lambda s: create(s, plan, False), success, **params)


def pending(key: str, find: Find, create: Create, success: str = "", **params: Any):  # type: ignore[no-untyped-def]
    """The question for a plan kept by `submit`: the events it repeats, and whether to register
    it anyway. Returns the write's `Outcome` once confirmed, otherwise None."""
    plan = st.session_state.get(key)
    if plan is None:
        return None
    with session_scope() as session:
        found = find(session, plan)
    language = lang()
    lines = "\n".join(f"- {when(r, language)}　{escape_markdown(r.title)}" for r in found)
    st.warning(f"{t('event.duplicate')}\n\n{lines}", icon=":material/content_copy:")
    with st.container(horizontal=True):
        go = st.button(t("event.duplicate_create"), key=f"{key}_go", type="primary")
        back = st.button(t("event.duplicate_back"), key=f"{key}_back")
    if back:
        st.session_state.pop(key, None)
        st.rerun()
    if not go:
        return None
    outcome = attempt(lambda s: create(s, plan, True), success, **params)
    if outcome:
        st.session_state.pop(key, None)
    return outcome
