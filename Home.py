"""Entry point: prepare the database, sign in, pick a programme, route to the pages."""

import streamlit as st

from colead.ui.auth import login_gate
from colead.ui.context import resolve_context
from colead.ui.guard import forget_run_context, remember_for_run
from colead.ui.i18n import begin_run
from colead.ui.layout import build_navigation, sidebar, signed_out_navigation
from colead.ui.startup import database_ready

st.set_page_config(
    page_title="Co-LEAD Workbook",
    page_icon=":material/handshake:",
    layout="wide",
    initial_sidebar_state="expanded",
)

database_ready()
begin_run()
actor = login_gate()
if actor is None:
    forget_run_context()
    signed_out_navigation()
    st.stop()

context = sidebar(resolve_context(actor))
remember_for_run(context)
build_navigation(actor.role).run()
