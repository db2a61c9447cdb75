"""監査ログ (admins): who saw, exported, changed or erased what, and when; filtered, paged,
newest first, with a CSV of what the filter selects (itself written to the log)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.services import audit
from colead.services.audit import AuditFilter, AuditRow
from colead.services.errors import InputError
from colead.services.programmes import list_regions
from colead.services.table_export import to_csv_bytes
from colead.ui.context import PageContext
from colead.ui.exports import CSV, download_button
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import page_header
from colead.ui.registry import current_page, page_picker, show_errors

_K = "colead_audit_"
_PAGE = f"{_K}page"
DEFAULT_DAYS = 30


def _frame(rows: list[AuditRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("audit.col.at"): fmt_datetime(r.at),
                t("audit.col.user"): r.username,
                t("audit.col.action"): r.action,
                t("audit.col.target"): r.target,
                t("audit.col.region"): r.region,
                t("audit.col.detail"): r.detail,
            }
            for r in rows
        ],
        columns=[
            t(f"audit.col.{c}") for c in ("at", "user", "action", "target", "region", "detail")
        ],
    )


def _filters(context: PageContext) -> AuditFilter:
    with session_scope() as session:
        users, actions = audit.log_choices(session, context.actor)
        regions = {r.id: f"{r.prefecture} {r.name}" for r in list_regions(session, context.actor)}
    prefixes = sorted({a.split(".")[0] + "." for a in actions if "." in a})
    today = today_in_japan()
    with st.container(border=True):
        left, middle, right = st.columns(3)
        start = left.date_input(
            t("audit.filter.start"), value=today - timedelta(days=DEFAULT_DAYS), key=f"{_K}start"
        )
        end = middle.date_input(t("audit.filter.end"), value=today, key=f"{_K}end")
        user = right.selectbox(
            t("audit.filter.user"),
            ["", *users],
            format_func=lambda u: u or t("audit.filter.all"),
            key=f"{_K}user",
        )
        left, middle, right = st.columns(3)
        action = left.selectbox(
            t("audit.filter.action"),
            ["", *prefixes, *actions],
            format_func=lambda a: (
                t("audit.filter.all")
                if not a
                else t("audit.filter.prefix", prefix=a)
                if a.endswith(".")
                else a
            ),
            key=f"{_K}action",
        )
        target = middle.text_input(
            t("audit.filter.target"), key=f"{_K}target", placeholder="talent:12"
        )
        region = right.selectbox(
            t("audit.filter.region"),
            [None, *regions],
            format_func=lambda r: t("audit.filter.all") if r is None else regions[r],
            key=f"{_K}region",
        )
    return AuditFilter(
        start=start if not isinstance(start, tuple) else None,
        end=end if not isinstance(end, tuple) else None,
        username=user or "",
        action=action or "",
        target=target or "",
        region_id=region,
    )


def render(context: PageContext) -> None:
    page_header(t("page.audit"))
    st.caption(t("audit.intro"))
    chosen = _filters(context)
    try:
        with session_scope() as session:
            page = audit.read_log(session, context.actor, chosen, current_page(_PAGE))
    except InputError as error:
        show_errors(error)
        return

    def make() -> bytes:
        with session_scope(write=True) as session:
            rows = audit.export_log(session, context.actor, chosen)
        return to_csv_bytes(_frame(rows))

    download_button(
        t("audit.csv"),
        make,
        key=f"{_K}csv",
        file_name="audit-log.csv",
        mime=CSV,
        disabled=page.total == 0,
    )
    page_picker(_PAGE, page)
    if page.rows:
        st.dataframe(_frame(page.rows), hide_index=True, width="stretch")
