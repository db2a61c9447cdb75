"""Admin: 送信メール, the outbox. Every mail the app wrote, newest first; read one (its text and
attachment), resend the failed ones, and see whether SMTP is configured (never its password)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.config import get_settings
from colead.db import session_scope
from colead.services import mail
from colead.services.errors import InputError
from colead.services.mail import OutboxRow
from colead.ui.context import PageContext
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import attempt, current_page, flash, page_picker, remember_success

_PAGE = "colead_outbox_page"
_STATUS = "colead_outbox_status"
_PICK = "colead_outbox_pick"


def _smtp_note() -> bool:
    """Say where mail goes; True when SMTP is configured and readable."""
    try:
        server = mail.smtp_settings()
    except InputError as error:
        reason = t(error.key, **{k: escape_markdown(str(v)) for k, v in error.params.items()})
        st.warning(t("outbox.smtp_bad", reason=reason), icon=":material/warning:")
        return False
    if server is None:
        st.info(t("outbox.smtp_off"), icon=":material/inbox:")
        return False
    st.success(
        t(
            "outbox.smtp_on",
            server=escape_markdown(server.describe()),
            sender=escape_markdown(get_settings().mail_from),
        ),
        icon=":material/outgoing_mail:",
    )
    return True


def _retry(context: PageContext, smtp_on: bool) -> None:
    clicked = st.button(
        t("outbox.retry"),
        icon=":material/forward_to_inbox:",
        disabled=not smtp_on,
        help=None if smtp_on else t("outbox.retry_off"),
    )
    if not clicked:
        return
    outcome = attempt(lambda session: mail.retry_failed(session, context.actor))
    if outcome:
        if outcome.value:
            remember_success("outbox.retry_done", count=outcome.value)
        else:
            remember_success("outbox.retry_none")
        st.rerun()


def _status_label(status: str) -> str:
    return t(f"outbox.status.{status}") if status in mail.STATUSES else status


def _label(row: OutboxRow) -> str:
    return f"{fmt_datetime(row.created_at)} — {row.to_address} — {row.subject}"


def _table(rows: list[OutboxRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("outbox.col.created_at"): fmt_datetime(row.created_at),
                    t("outbox.col.to"): row.to_address,
                    t("outbox.col.subject"): row.subject,
                    t("outbox.col.kind"): row.kind,
                    t("outbox.col.status"): _status_label(row.status),
                    t("outbox.col.error"): row.error,
                }
                for row in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _read(context: PageContext, rows: list[OutboxRow]) -> None:
    labels = {row.id: _label(row) for row in rows}
    if st.session_state.get(_PICK) not in labels:
        st.session_state.pop(_PICK, None)  # a mail of another page or filter
    mail_id = st.selectbox(
        t("outbox.pick"), list(labels), format_func=labels.get, index=None, key=_PICK
    )
    if mail_id is None:
        return
    with session_scope(write=True) as session:  # reading a mail is logged
        found = mail.outbox_mail(session, context.actor, mail_id)
        if found is None:
            return
        session.expunge(found)
    with st.container(border=True):
        st.subheader(escape_markdown(found.subject))
        st.caption(
            t(
                "outbox.meta",
                to=escape_markdown(found.to_address),
                created=fmt_datetime(found.created_at),
                sent=fmt_datetime(found.sent_at),
                status=_status_label(found.status),
            )
        )
        if found.error:
            st.error(t("outbox.error", error=escape_markdown(found.error)))
        st.code(found.body_text, language=None, wrap_lines=True)
        if found.body_html:
            st.caption(t("outbox.html_only"))
        if found.attachment is not None and found.attachment_name:
            st.download_button(
                t("outbox.download", name=escape_markdown(found.attachment_name)),
                data=bytes(found.attachment),
                file_name=found.attachment_name,
                mime=found.attachment_type or "application/octet-stream",
                key=f"colead_outbox_attachment_{found.id}",
                icon=":material/download:",
            )


def render(context: PageContext) -> None:
    page_header(t("page.outbox"))
    st.caption(t("outbox.caption"))
    smtp_on = _smtp_note()
    flash()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    status = left.selectbox(
        t("outbox.filter"),
        [None, *mail.STATUSES],
        format_func=lambda s: t("outbox.filter_all") if s is None else _status_label(s),
        key=_STATUS,
    )
    with right:
        _retry(context, smtp_on)
    with session_scope() as session:
        page = mail.outbox(session, context.actor, page=current_page(_PAGE), status=status)
    if page.total == 0:
        st.info(t("outbox.empty"))
        return
    page_picker(_PAGE, page)
    _table(page.rows)
    _read(context, page.rows)
