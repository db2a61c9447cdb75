"""Make AppTest run the app as a server does once Home.py has run.

AppTest forgets, before every run, that Home.py called st.navigation: with a `pages/` folder
present it then runs the last page's file directly instead of Home.py (Streamlit's multipage v1
path). A real server is in that state only until Home.py first runs, and the browser tests
cover that moment. Here every run goes through Home.py, as every run after the first does on a
server.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit import config
from streamlit.runtime.media_file_manager import MediaFileManager
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


def _spy_downloads(
    monkeypatch: pytest.MonkeyPatch, offered: Callable[[str, Callable], None]
) -> None:
    """Call `offered(file name, maker)` for each deferred download drawn from now on."""
    keep: Callable[..., str] = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        if file_name:
            offered(file_name, data_callable)
        return keep(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes of every file offered for download in the runs that follow, by file name.

    The app makes a file only when a person clicks (deferred download data); here each is made
    as soon as its button is drawn, exactly as a click would make it.
    """
    files: dict[str, bytes] = {}
    _spy_downloads(monkeypatch, lambda name, make: files.__setitem__(name, make()))
    return files


@pytest.fixture
def download_makers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """The latest maker of each file offered for download, not yet called: a test calls one
    to click (and so can count what each click writes, such as audit rows)."""
    makers: dict[str, Callable[[], bytes]] = {}
    _spy_downloads(monkeypatch, makers.__setitem__)
    return makers
