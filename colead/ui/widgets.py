"""Small form pieces shared by several screens."""

from __future__ import annotations

from typing import Any

import streamlit as st

from colead.services import accounts
from colead.ui.i18n import t


def new_password_fields(left: Any = st, right: Any = st) -> tuple[str, str]:
    """A password and its confirmation, side by side when given two columns."""
    password = left.text_input(
        t("accounts.password"),
        type="password",
        help=t("accounts.password_help", minimum=accounts.MIN_PASSWORD_LENGTH),
    )
    confirm = right.text_input(t("accounts.password_confirm"), type="password")
    return password, confirm


def passwords_match(password: str, confirm: str) -> bool:
    """Say so when the confirmation differs; the form keeps everything that was typed."""
    if password != confirm:
        st.error(t("accounts.error.password_mismatch"))
        return False
    return True
