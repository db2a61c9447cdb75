"""イベント・出欠: publish a meetup or tour for public sign-up, with its capacity and agenda."""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.models import AttendanceStatus
from colead.services import event_signup
from colead.services import events as event_service
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.registry import attempt

_SUGGESTED = "colead_event_agenda_suggested"  # {event id: the agenda drafted from worksheets}


def render(context: PageContext, event_id: int) -> None:
    """The control, for an event that can be published (a meetup or tour not called off)."""
    with session_scope() as session:
        event = event_service.event_for(session, context.actor, event_id)
        rows = event_service.attendance(session, context.actor, event_id)
    if event.kind not in event_signup.PUBLIC_KINDS or event.cancelled_at is not None:
        return
    statuses = [r.status for r in rows]
    taken = sum(s in event_signup.HOLDS_SEAT for s in statuses)
    waiting = statuses.count(AttendanceStatus.WAITLISTED)
    with st.expander(t("signup.publish"), icon=":material/public:"):
        st.caption(t("signup.publish_help"))
        st.markdown(
            t(
                "signup.published_state",
                capacity=event.capacity or t("signup.no_capacity"),
                taken=taken,
                waiting=waiting,
            )
            if event.published
            else t("signup.unpublished_state")
        )
        suggested: dict[int, str] = st.session_state.setdefault(_SUGGESTED, {})
        if st.button(t("signup.suggest"), key=f"colead_event_suggest:{event_id}"):
            with session_scope() as session:
                suggested[event_id] = event_signup.suggested_agenda(
                    session, context.actor, event_id
                )
        agenda_key = f"colead_event_agenda:{event_id}"
        if event_id in suggested:
            st.session_state[agenda_key] = suggested.pop(event_id)
        with st.form(f"colead_event_publish:{event_id}"):
            capacity = st.number_input(
                t("signup.field.capacity"),
                min_value=1,
                max_value=event_signup.CAPACITY_MAX,
                value=event.capacity,
                step=1,
            )
            agenda = st.text_area(
                t("signup.field.agenda"),
                value=st.session_state.get(agenda_key, event.agenda),
                max_chars=event_signup.AGENDA_MAX,
                height=160,
            )
            if st.form_submit_button(t("signup.do_publish"), type="primary") and attempt(
                lambda s: event_signup.publish(
                    s,
                    context.actor,
                    event_id,
                    capacity=int(capacity) if capacity is not None else None,
                    agenda=agenda,
                ),
                "signup.published",
                title=event.title,
            ):
                st.session_state.pop(agenda_key, None)
                st.rerun()
        if (
            event.published
            and st.button(t("signup.do_unpublish"), key=f"colead_event_unpublish:{event_id}")
            and attempt(
                lambda s: event_signup.unpublish(s, context.actor, event_id),
                "signup.unpublished",
                title=event.title,
            )
        ):
            st.rerun()
