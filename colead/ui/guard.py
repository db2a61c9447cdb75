"""The check at the top of every page file, before it reads anything.

Under `st.navigation` a page only runs after Home.py signed the person in. But a freshly
started server still serves `pages/<file>` by URL until Home.py has run once, so each page file
calls `page_guard` itself: without a sign-in it shows the login form and stops.
"""

from __future__ import annotations

import streamlit as st

from colead.models import Role
from colead.services.access import Actor
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


def sign_in_at_address() -> Actor | None:
    """Home.py's sign-in: the signed-in actor, or None with the login form drawn.

    While nobody is signed in, every page's address is registered first (hidden, drawing
    nothing), so the page the address names is this run's page before the sign-in runs. The
    rerun that a sign-in makes (by the form, or by the login cookie on a reload) then opens that
    page, query string and all, instead of ホーム: a rerun keeps the run's page, and before
    `st.navigation` a fresh session's run has none.
    """
    from colead.ui.layout import is_public, signed_out_navigation  # layout imports sign-in

    registered = not st.session_state.get("authentication_status")
    if registered:
        page = signed_out_navigation()
        if is_public(page):  # the public pages need no sign-in
            page.run()
            st.stop()
    actor = login_gate()
    if actor is None and not registered:
        signed_out_navigation()
    return actor


def forget_run_context() -> None:
    st.session_state.pop(_RUN_CONTEXT, None)
