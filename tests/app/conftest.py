"""Make AppTest run the app as a server does once Home.py has run.

AppTest forgets, before every run, that Home.py called st.navigation: with a `pages/` folder
present it then runs the last page's file directly instead of Home.py (Streamlit's multipage v1
path). A real server is in that state only until Home.py first runs, and the browser tests
cover that moment. Here every run goes through Home.py, as every run after the first does on a
server.
"""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test


class _NavigationPagesManager(PagesManager):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test, "PagesManager", _NavigationPagesManager)


@pytest.fixture(autouse=True)
def _show_errors() -> None:
    """Users never see tracebacks (.streamlit/config.toml); a failing test should."""
    config.set_option("client.showErrorDetails", "full")
