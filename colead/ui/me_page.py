"""Placeholder: being built (#12)."""

import streamlit as st

from colead.ui.i18n import t


def render() -> None:
    st.title(t("page.me"))
    st.info(t("public.coming_soon"))
