"""Under B-5: register the fieldwork tour (over its days) and one online pre-meeting per
participating company, all in one step, from what the worksheet says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.services import tours
from colead.services.tours import MAX_DAYS, TOUR_TITLE, TourPlan
from colead.ui import event_confirm
from colead.ui.context import PageContext
from colead.ui.i18n import lang, t
from colead.ui.layout import escape_markdown
from colead.ui.registry import form_key, may_edit, renew_forms

_PENDING = "colead_tour_pending"
_DONE = "colead_tour_done"
PRE_MEETING_LEAD_DAYS = 14  # the pre-meetings' default day: two weeks before the tour


@dataclass(frozen=True)
class _Planned:
    """A plan with the programme it is for (kept in session state while the person is asked)."""

    programme_id: int
    plan: TourPlan


def _created(created: list) -> None:  # type: ignore[type-arg]
    """Say, after the rerun, which events were registered."""
    language = lang()
    lines = "\n".join(
        f"- {event_confirm.when(e, language)}　{escape_markdown(e.title)}" for e in created
    )
    st.session_state[_DONE] = f"{t('tour.created', n=len(created))}\n\n{lines}"


def render(context: PageContext, pre_meeting_start: time) -> None:
    """The form; `pre_meeting_start` is the start chosen for the agendas shown above it."""
    if not may_edit(context):
        return
    actor, pid = context.actor, context.programme.id

    def find(session, planned: _Planned):  # type: ignore[no-untyped-def]
        return tours.tour_duplicates(session, actor, planned.programme_id, planned.plan)

    def create(session, planned: _Planned, allow: bool):  # type: ignore[no-untyped-def]
        return tours.create_tour(
            session, actor, planned.programme_id, planned.plan, allow_duplicate=allow
        )

    with session_scope() as session:
        defaults = tours.tour_defaults(session, actor, pid)
    with st.container(border=True):
        st.subheader(t("tour.title"))
        st.caption(t("tour.help"))
        done = st.session_state.pop(_DONE, None)
        if done:
            st.success(done, icon=":material/event_available:")
        first_default = defaults.first_day or today_in_japan() + timedelta(days=30)
        with st.form(form_key("colead_tour")):
            include_tour = st.checkbox(t("tour.include_tour"), value=True)
            left, middle, right = st.columns(3)
            title = left.text_input(t("tour.field.title"), value=TOUR_TITLE)
            first_day = middle.date_input(
                t("tour.field.first_day"), value=first_default, format="YYYY/MM/DD"
            )
            days = right.number_input(
                t("tour.field.days"), min_value=1, max_value=MAX_DAYS, value=defaults.days
            )
            place = st.text_input(t("tour.field.place"))
            st.caption(t("tour.times"))
            include_pre = st.checkbox(
                t("tour.include_pre", n=len(defaults.companies)),
                value=defaults.pre_meetings and bool(defaults.companies),
            )
            left, middle, right = st.columns(3)
            pre_day = left.date_input(
                t("tour.field.pre_day"),
                value=first_default - timedelta(days=PRE_MEETING_LEAD_DAYS),
                format="YYYY/MM/DD",
            )
            pre_start = middle.time_input(
                t("tour.field.pre_start"), value=pre_meeting_start, step=300
            )
            tool = right.text_input(
                t("tour.field.tool"), value=defaults.online_tool, help=t("tour.tool_help")
            )
            submitted = st.form_submit_button(t("tour.create"), type="primary")
        outcome = None
        if submitted:
            plan = TourPlan(
                title=title,
                first_day=first_day,
                days=int(days),
                place=place,
                tour=include_tour,
                pre_meeting_day=pre_day if include_pre else None,
                pre_meeting_start=pre_start,
                online_tool=tool,
                company_ids=tuple(c for c, _ in defaults.companies) if include_pre else (),
            )
            outcome = event_confirm.submit(_PENDING, _Planned(pid, plan), find, create)
        else:
            outcome = event_confirm.pending(_PENDING, find, create)
        if outcome:
            _created(outcome.value)
            renew_forms()
            st.rerun()
