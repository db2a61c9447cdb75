"""The check at the top of every page file, before it reads anything.

Under `st.navigation` a page only runs after Home.py signed the person in. But a freshly
started server still serves `pages/<file>` by URL until Home.py has run once, so each page file
calls `page_guard` itself: without a sign-in it shows the login form and stops.
"""

from __future__ import annotations

import streamlit as st

from colead.models import Role
from colead.ui.auth import login_gate
from colead.ui.context import PageContext, resolve_context
from colead.ui.i18n import begin_run, t
from colead.ui.startup import database_ready

_RUN_CONTEXT = "colead_run_context"


def remember_for_run(context: PageContext) -> None:
    """Home.py hands the context it resolved to the page it runs in the same script run."""
    st.session_state[_RUN_CONTEXT] = context


def page_guard(minimum: Role = Role.VIEWER) -> PageContext:
    """Return the page's context, or show the login (or a refusal) and stop the run.

    The context Home.py resolved is taken (and removed) here, so it serves only the run that
    made it. A page run without Home.py signs in and reads the actor from the database itself.
    """
    context = st.session_state.pop(_RUN_CONTEXT, None)
    if context is None or not st.session_state.get("authentication_status"):
        database_ready()  # a page run directly, without Home.py (a fresh server's first request)
        begin_run()
        actor = login_gate()
        if actor is None:
            st.stop()
        # Signed in on a run Home.py did not start: do what it does (sidebar, navigation), so
        # the page opens in the app's frame at its own address; the navigation runs this page
        # file again, which then finds the context remembered here.
        from colead.ui.layout import build_navigation, sidebar  # layout imports the sign-in

        remember_for_run(sidebar(resolve_context(actor)))
        build_navigation(actor.role).run()
        st.stop()
    if not context.actor.has_role(minimum):
        st.error(t("guard.no_permission"))
        st.stop()
    return context


def forget_run_context() -> None:
    st.session_state.pop(_RUN_CONTEXT, None)
