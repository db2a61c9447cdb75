"""Admin: list accounts, create them, change role/regions, reset passwords, disable, unlock."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.models import Role
from colead.models.base import utcnow
from colead.services import accounts
from colead.services.accounts import AccountRow
from colead.services.programmes import list_regions
from colead.ui.context import PageContext
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import attempt, flash
from colead.ui.widgets import new_password_fields, passwords_match


def _state_label(row: AccountRow) -> str:
    if row.disabled:
        return t("accounts.state.disabled")
    if row.locked_until is not None and row.locked_until > utcnow():
        return t("accounts.state.locked", until=fmt_datetime(row.locked_until))
    return t("accounts.state.active")


def _table(rows: list[AccountRow], region_names: dict[int, str]) -> None:
    frame = pd.DataFrame(
        [
            {
                t("accounts.username"): row.username,
                t("accounts.display_name"): row.display_name,
                t("accounts.role"): t(f"enum.role.{row.role}"),
                t("accounts.regions"): t("accounts.all_regions")
                if row.role == Role.ADMIN
                else "、".join(region_names.get(r, "?") for r in row.region_ids),
                t("accounts.state"): _state_label(row),
                t("accounts.last_login"): fmt_datetime(row.last_login_at),
            }
            for row in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _role_select(key: str, current: Role = Role.STAFF) -> Role:
    roles = list(Role)
    return st.selectbox(
        t("accounts.role"),
        roles,
        index=roles.index(current),
        format_func=lambda r: t(f"enum.role.{r}"),
        key=key,
        help=t("accounts.role_help"),
    )


def _regions_select(container, region_names: dict[int, str], default=()) -> list[int]:  # type: ignore[no-untyped-def]
    """The regions an account works on; with no region yet, say where regions are made instead
    of an empty list that answers in English."""
    if not region_names:
        container.caption(t("accounts.no_regions_yet"))
        return []
    return container.multiselect(
        t("accounts.regions"),
        list(region_names),
        default=[r for r in default if r in region_names],
        format_func=region_names.get,
        help=t("accounts.regions_help"),
        placeholder=t("accounts.regions_placeholder"),
    )


def _create_form(context: PageContext, region_names: dict[int, str]) -> None:
    with st.form("colead_create_account"):
        st.markdown(f"**{t('accounts.create')}**")
        left, right = st.columns(2)
        username = left.text_input(t("accounts.username"), help=t("accounts.username_help"))
        display_name = right.text_input(t("accounts.display_name"))
        email = left.text_input(t("accounts.email"))
        with right:
            role = _role_select("colead_new_role")
        regions = _regions_select(st, region_names)
        password, confirm = new_password_fields(left, right)
        submitted = st.form_submit_button(t("accounts.create"), type="primary")
    if not submitted:
        return
    if not passwords_match(password, confirm):
        return
    if attempt(
        lambda s: accounts.create_account(
            s,
            context.actor,
            username=username,
            display_name=display_name,
            password=password,
            role=role,
            region_ids=regions,
            email=email,
        ),
        "accounts.created",
        username=username.strip().lower(),
    ):
        st.rerun()


def _edit_forms(context: PageContext, rows: list[AccountRow], region_names: dict[int, str]) -> None:
    by_id = {row.id: row for row in rows}
    picked = st.selectbox(
        t("accounts.pick"),
        list(by_id),
        format_func=lambda i: f"{by_id[i].username}（{by_id[i].display_name}）",
    )
    row = by_id[picked]
    actor = context.actor
    with st.form(f"colead_edit_account_{row.id}"):
        st.markdown(f"**{t('accounts.edit', username=escape_markdown(row.username))}**")
        left, right = st.columns(2)
        display_name = left.text_input(t("accounts.display_name"), value=row.display_name)
        email = right.text_input(t("accounts.email"), value=row.email)
        with left:
            role = _role_select(f"colead_role_{row.id}", row.role)
        regions = _regions_select(right, region_names, row.region_ids)
        if st.form_submit_button(t("accounts.save"), type="primary") and attempt(
            lambda s: accounts.update_account(
                s,
                actor,
                row.id,
                display_name=display_name,
                email=email,
                role=role,
                region_ids=regions,
            ),
            "accounts.saved",
            username=row.username,
        ):
            st.rerun()
    with st.form(f"colead_reset_{row.id}"):
        st.markdown(f"**{t('accounts.reset_password')}**")
        new_password = st.text_input(
            t("accounts.new_password"),
            type="password",
            help=t("accounts.password_help", minimum=accounts.MIN_PASSWORD_LENGTH),
        )
        if st.form_submit_button(t("accounts.reset_password")) and attempt(
            lambda s: accounts.reset_password(s, actor, row.id, new_password),
            "accounts.password_was_reset",
            username=row.username,
        ):
            st.rerun()
    left, middle, right = st.columns(3)
    toggle_key = "accounts.enable" if row.disabled else "accounts.disable"
    if left.button(t(toggle_key), key=f"colead_toggle_{row.id}", width="stretch") and attempt(
        lambda s: accounts.set_disabled(s, actor, row.id, not row.disabled),
        "accounts.saved",
        username=row.username,
    ):
        st.rerun()
    if right.button(
        t("accounts.unlock"),
        key=f"colead_unlock_{row.id}",
        width="stretch",
        disabled=row.locked_until is None or row.locked_until <= utcnow(),
    ) and attempt(
        lambda s: accounts.unlock(s, actor, row.id), "accounts.unlocked", username=row.username
    ):
        st.rerun()
    if middle.button(
        t("accounts.end_sessions"),
        key=f"colead_end_sessions_{row.id}",
        width="stretch",
        help=t("accounts.end_sessions_help"),
    ) and attempt(
        lambda s: accounts.end_sessions(s, actor, row.id),
        "accounts.sessions_ended",
        username=row.username,
    ):
        st.rerun()


def render(context: PageContext) -> None:
    page_header(t("page.accounts"), t("accounts.intro"))
    flash()
    with session_scope() as session:
        rows = accounts.list_accounts(session, context.actor)
        region_names = {r.id: r.name for r in list_regions(session, context.actor)}
    _table(rows, region_names)
    create_tab, edit_tab = st.tabs([t("accounts.create"), t("accounts.manage")])
    with create_tab:
        _create_form(context, region_names)
    with edit_tab:
        _edit_forms(context, rows, region_names)
