"""受付: applications of people and companies, public event sign-ups and erasure requests of
the picked programme, with what staff do about each (colead.services.inbox, .erasure)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services import erasure, inbox
from colead.services.inbox import CompanyApplication, ErasureRequest, TalentApplication
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_date, fmt_datetime, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.nav import worksheet_page
from colead.ui.registry import attempt, flash, may_edit

_K = "colead_inbox_"


def _done(outcome: object) -> None:
    if outcome:
        st.rerun()


def _reject(kind: str, record_id: int, context: PageContext, action) -> None:  # type: ignore[no-untyped-def]
    reason = st.text_area(t("inbox.reason"), key=f"{_K}{kind}_reason_{record_id}", height=70)
    st.caption(t("inbox.reason_help"))
    if st.button(t("inbox.reject"), key=f"{_K}{kind}_reject_{record_id}"):
        _done(attempt(lambda s: action(s, context.actor, record_id, reason), "inbox.rejected_done"))


def _talent(context: PageContext, row: TalentApplication, editable: bool) -> None:
    state = t("inbox.confirmed") if row.confirmed else t("inbox.unconfirmed")
    with st.expander(f"{escape_markdown(row.name)}（{state}）", icon=":material/person_add:"):
        st.markdown(
            t(
                "inbox.talent_line",
                email=escape_markdown(row.email or "—"),
                applied=fmt_date(row.applied_on),
                channel=escape_markdown(row.channel or "—"),
            )
        )
        if not row.confirmed:
            st.caption(t("inbox.unconfirmed_help"))
        if row.same_email:
            names = "、".join(escape_markdown(name) for _, name in row.same_email)
            st.warning(t("inbox.same_email", names=names), icon=":material/content_copy:")
        if not editable:
            return
        accept, merge, reject = st.tabs([t("inbox.accept"), t("inbox.merge"), t("inbox.reject")])
        with accept:
            if st.button(
                t("inbox.accept_talent"),
                key=f"{_K}talent_accept_{row.id}",
                type="primary",
                disabled=not row.confirmed,
            ):
                _done(
                    attempt(
                        lambda s: inbox.accept_talent(s, context.actor, row.id),
                        "inbox.accepted_done",
                    )
                )
        with merge:
            _merge(context, row)
        with reject:
            _reject("talent", row.id, context, inbox.reject_talent)


def _merge(context: PageContext, row: TalentApplication) -> None:
    query = st.text_input(t("inbox.merge_search"), key=f"{_K}merge_q_{row.id}")
    with session_scope() as session:
        candidates = inbox.merge_candidates(session, context.actor, row.id, query)
    if not candidates:
        st.caption(t("inbox.merge_none"))
        return
    labels = {cid: f"{name}（{email or '—'}）" for cid, name, email in candidates}
    chosen = st.selectbox(
        t("inbox.merge_into"),
        list(labels),
        format_func=labels.__getitem__,
        key=f"{_K}merge_to_{row.id}",
    )
    st.caption(t("inbox.merge_help"))
    if st.button(t("inbox.merge_do"), key=f"{_K}merge_do_{row.id}") and chosen is not None:
        _done(
            attempt(
                lambda s: inbox.merge_talent(s, context.actor, row.id, int(chosen)),
                "inbox.merged_done",
            )
        )


def _company(context: PageContext, row: CompanyApplication, editable: bool) -> None:
    with st.expander(escape_markdown(row.name), icon=":material/factory:"):
        st.markdown(
            t(
                "inbox.company_line",
                industry=escape_markdown(row.industry or "—"),
                employees="—" if row.employees is None else row.employees,
                applied=fmt_datetime(row.applied_at),
                partner=escape_markdown(row.partner or "—"),
            )
        )
        st.markdown(
            t(
                "inbox.contact_line",
                name=escape_markdown(row.contact_name or "—"),
                email=escape_markdown(row.contact_email or "—"),
                phone=escape_markdown(row.contact_phone or "—"),
            )
        )
        if row.note:
            st.text(row.note)
        if row.same_name:
            st.warning(t("inbox.same_name"), icon=":material/content_copy:")
        left, right = st.columns(2)
        left.page_link(
            worksheet_page("B-1").file, label=t("company.open_b1"), icon=":material/checklist:"
        )
        right.page_link(
            worksheet_page("B-3").file, label=t("company.open_b3"), icon=":material/lightbulb:"
        )
        if row.drafts:
            st.info(t("inbox.drafts", count=row.drafts), icon=":material/history:")
        if not editable:
            return
        accept, reject = st.tabs([t("inbox.accept"), t("inbox.reject")])
        with accept:
            if st.button(
                t("inbox.accept_company"), key=f"{_K}company_accept_{row.id}", type="primary"
            ):
                _done(
                    attempt(
                        lambda s: inbox.accept_company(s, context.actor, row.id),
                        "inbox.accepted_done",
                    )
                )
            if row.drafts and st.button(
                t("inbox.confirm_answers"), key=f"{_K}company_confirm_{row.id}"
            ):
                _done(
                    attempt(
                        lambda s: inbox.confirm_company_answers(s, context.actor, row.id),
                        "inbox.confirmed_done",
                    )
                )
        with reject:
            _reject("company", row.id, context, inbox.reject_company)


def _erasure(context: PageContext, row: ErasureRequest, editable: bool) -> None:
    with st.expander(escape_markdown(row.name), icon=":material/delete:"):
        st.write(t("inbox.erasure_requested", at=fmt_datetime(row.requested_at)))
        st.caption(t("inbox.erasure_help"))
        if not editable:
            return
        sure = st.checkbox(t("inbox.erasure_sure"), key=f"{_K}erase_sure_{row.talent_id}")
        if st.button(
            t("inbox.erase"),
            key=f"{_K}erase_{row.talent_id}",
            type="primary",
            disabled=not sure,
        ):
            _done(
                attempt(
                    lambda s: erasure.erase_talent(s, context.actor, row.talent_id),
                    "inbox.erased_done",
                )
            )


def _signups(rows: list[inbox.SignUp]) -> None:
    if not rows:
        st.caption(t("inbox.empty"))
        return
    frame = pd.DataFrame(
        [
            {
                t("inbox.col.registered_at"): fmt_datetime(r.registered_at),
                t("inbox.col.name"): r.name,
                t("inbox.col.event"): r.event_title,
                t("inbox.col.starts_at"): fmt_datetime(r.starts_at),
                t("inbox.col.status"): t(f"inbox.signup.{r.status}")
                if r.status in _SIGNUP_STATUSES
                else r.status,
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


_SIGNUP_STATUSES = ("registered", "attended", "absent", "cancelled", "waitlisted")


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.inbox"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.inbox"), programme_label(context.programme))
    st.caption(t("inbox.intro"))
    flash()
    editable = may_edit(context)
    with session_scope() as session:
        box = inbox.inbox(session, context.actor, context.programme.id)
    sections = (
        ("inbox.section.talent", box.talents, _talent),
        ("inbox.section.companies", box.companies, _company),
        ("inbox.section.erasures", box.erasures, _erasure),
    )
    for key, rows, draw in sections:
        st.subheader(t(key, count=len(rows)))
        if not rows:
            st.caption(t("inbox.empty"))
        for row in rows:
            draw(context, row, editable)  # type: ignore[operator]
    st.subheader(t("inbox.section.signups", count=len(box.signups)))
    _signups(box.signups)
