"""Placeholder: being built (#12)."""

import streamlit as st

from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import page_header


def render(context: PageContext) -> None:
    page_header(t("page.publishing"))
    st.info(t("public.coming_soon"))
