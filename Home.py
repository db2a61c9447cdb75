"""Entry point: prepare the database, sign in, pick a programme, route to the pages."""

import streamlit as st

from colead.ui.context import resolve_context
from colead.ui.guard import forget_run_context, remember_for_run, sign_in_at_address
from colead.ui.i18n import begin_run
from colead.ui.layout import build_navigation, sidebar
from colead.ui.startup import database_ready

st.set_page_config(
    page_title="Co-LEAD Workbook",
    page_icon=":material/handshake:",
    layout="wide",
    initial_sidebar_state="auto",  # open on a desktop, closed on a phone
)

database_ready()
begin_run()
actor = sign_in_at_address()
if actor is None:
    forget_run_context()
    st.stop()

context = sidebar(resolve_context(actor))
remember_for_run(context)
build_navigation(actor.role).run()
