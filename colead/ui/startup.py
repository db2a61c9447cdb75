"""The database made ready once per server process, before anything reads it."""

from __future__ import annotations

import streamlit as st

from colead.bootstrap import prepare_database


@st.cache_resource(show_spinner=False)
def database_ready() -> bool:
    """Migrate (and load demo data into an empty database) once per server process.

    Called by Home.py and by every page's guard: on a freshly started server a page opened by
    its URL runs before Home.py ever has, and must not meet a database without tables.
    """
    prepare_database()
    return True
