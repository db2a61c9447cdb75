"""The frame of the public pages (募集・応募, 企業の応募, 本人ページ): no sign-in, no menu, and
never an error page.

Whatever a public page is given (query string, form fields, files) comes from the internet.
A page's render function runs inside `public_page`, which catches anything that escapes it,
logs it for the operators and shows the visitor one plain Japanese sentence instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from colead.ui.i18n import begin_run, t
from colead.ui.startup import database_ready

log = logging.getLogger(__name__)

# Hides what belongs to the staff's app: the menu button and the toolbar.
_PUBLIC_CSS = """
<style>
[data-testid="stSidebarCollapsedControl"], [data-testid="stSidebar"],
[data-testid="stToolbar"], [data-testid="stMainMenu"] { display: none !important; }
</style>
"""
# On a phone's narrow screen the headings shrink, on every public page.
_PHONE_CSS = """
<style>
@media (max-width: 640px) {
  h1 { font-size: 1.9rem !important; line-height: 1.25 !important; }
  h2 { font-size: 1.45rem !important; }
  h3 { font-size: 1.2rem !important; }
}
</style>
"""


def public_page(render: Callable[[], None]) -> None:
    """Run a public page's `render`; any failure shows a plain message, never a traceback."""
    database_ready()
    begin_run()
    st.html(_PHONE_CSS)
    if not st.session_state.get("authentication_status"):  # staff keep their menu
        st.html(_PUBLIC_CSS)
    try:
        render()
    except ScriptControlException:  # st.rerun, st.stop, st.switch_page work by raising
        raise
    except Exception:  # the public never sees an error page
        log.exception("public page failed")
        st.error(t("public.error"))


def client_address() -> str:
    """The visitor's address, as the sign-in counts it (see colead.ui.auth.client_address)."""
    from colead.ui.auth import client_address as address

    return address()
