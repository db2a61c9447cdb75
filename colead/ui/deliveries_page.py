"""情報提供の記録 (A-4/B-4): record what was sent to whom, and see who has not heard from the
region for longer than the programme's chosen interval."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.services import deliveries as delivery_service
from colead.services.access import require_programme
from colead.services.deliveries import DeliveryInput
from colead.ui.cached import cached_read
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_date, t
from colead.ui.layout import page_header
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
)
from colead.worksheets import WORKSHEETS

_QUIET_PAGE = "colead_quiet_page"
_LIST_PAGE = "colead_delivery_page"
_TO_ALL, _TO_QUIET, _TO_CHOSEN = "all", "quiet", "chosen"

NEW = "colead_delivery_new_open"


def _options(question_id: str) -> list[str]:
    """Suggestions from A-4's own options (kinds of information, channels)."""
    question = next(q for q in WORKSHEETS["A-4"].questions() if q.id == question_id)
    return [o.label for o in question.options if not o.other]


def _interval(context: PageContext) -> int:
    with session_scope() as session:
        days = require_programme(session, context.actor, context.programme.id).contact_interval_days
    if not may_edit(context):
        st.caption(t("delivery.interval_is", days=days))
        return days
    with st.form("colead_interval"):
        left, right = st.columns([2, 1])
        chosen = left.number_input(
            t("delivery.interval"),
            min_value=delivery_service.INTERVAL_RANGE[0],
            max_value=delivery_service.INTERVAL_RANGE[1],
            value=days,
            step=1,
            help=t("delivery.interval_help"),
        )
        right.markdown("&nbsp;")
        if right.form_submit_button(t("form.save")) and (
            attempt(
                lambda s: delivery_service.set_contact_interval(
                    s, context.actor, context.programme.id, int(chosen)
                ),
                "form.saved",
            )
        ):
            st.rerun()
    return days


def _quiet(context: PageContext, days: int) -> None:
    page = cached_read(
        delivery_service.quiet_people,
        context.actor,
        context.programme.id,
        today_in_japan(),
        current_page(_QUIET_PAGE),
    )
    st.subheader(t("delivery.quiet", days=days, n=page.total))
    st.caption(t("delivery.quiet_help"))
    if page.total == 0:
        st.success(t("delivery.nobody_quiet"))
        return
    page_picker(_QUIET_PAGE, page)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("talent.field.name"): p.name,
                    t("talent.field.email"): p.email,
                    t("talent.field.status"): t(f"enum.talent_status.{p.status}"),
                    t("talent.field.last_contact"): fmt_date(p.last_contact)
                    if p.last_contact
                    else t("delivery.never"),
                }
                for p in page.rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _record(context: PageContext) -> None:
    programme_id = context.programme.id
    with session_scope() as session:
        people = delivery_service.recipient_choices(session, context.actor, programme_id)
    names = dict(people)
    # Empty again after a record; a refused one keeps what was typed.
    with st.form(form_key("colead_delivery_new")):
        left, middle, right = st.columns([2, 2, 1])
        kind = left.selectbox(
            t("delivery.field.kind"), _options("s1_information"), index=None,
            accept_new_options=True, placeholder=t("delivery.kind_placeholder"),
        )  # fmt: skip
        channel = middle.selectbox(
            t("delivery.field.channel"), _options("s2_channels"), index=None,
            accept_new_options=True, placeholder=t("delivery.channel_placeholder"),
        )  # fmt: skip
        sent_on = right.date_input(
            t("delivery.field.sent_on"), value=today_in_japan(), format="YYYY/MM/DD"
        )
        subject = st.text_input(t("delivery.field.subject") + " *")
        to = st.radio(
            t("delivery.field.recipients"),
            [_TO_ALL, _TO_QUIET, _TO_CHOSEN],
            format_func=lambda v: t(f"delivery.to.{v}"),
            horizontal=True,
        )
        chosen = st.multiselect(
            t("delivery.chosen"), list(names), format_func=names.get,
            placeholder=t("event.pick_people"),
        )  # fmt: skip
        if not st.form_submit_button(t("delivery.record"), type="primary"):
            return
    if to == _TO_ALL:
        recipients = list(names)
    elif to == _TO_QUIET:
        with session_scope() as session:
            recipients = delivery_service.quiet_ids(
                session, context.actor, programme_id, today_in_japan()
            )
    else:
        recipients = chosen
    data = DeliveryInput(
        kind=kind or "", channel=channel or "", sent_on=sent_on, subject=subject,
        recipients=tuple(recipients),
    )  # fmt: skip
    if attempt(
        lambda s: delivery_service.record_delivery(s, context.actor, programme_id, data),
        "delivery.recorded",
        n=len(recipients),
    ):
        renew_forms()
        st.rerun()


def _history(context: PageContext) -> None:
    with session_scope() as session:
        page = delivery_service.list_deliveries(
            session, context.actor, context.programme.id, current_page(_LIST_PAGE)
        )
    st.subheader(t("delivery.history"))
    page_picker(_LIST_PAGE, page)
    if page.rows:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("delivery.field.sent_on"): fmt_date(d.sent_on),
                        t("delivery.field.kind"): d.kind,
                        t("delivery.field.channel"): d.channel,
                        t("delivery.field.subject"): d.subject,
                        t("delivery.field.recipients"): t("unit.people", n=d.recipients),
                    }
                    for d in page.rows
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.deliveries"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.deliveries"), programme_label(context.programme))
    flash()
    days = _interval(context)
    _quiet(context, days)
    if may_edit(context):
        # Drawn only while open: the form lists everybody of the programme as a recipient.
        new = st.expander(t("delivery.new"), icon=":material/send:", key=NEW, on_change="rerun")
        with new:
            if new.open:
                _record(context)
    _history(context)
