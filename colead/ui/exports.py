"""Download buttons for every export (CSV and Excel), each file built only when clicked.

`download_button` is the one way a page offers a file. The file is made when the person
clicks (deferred data), outside the page's run, and the click does not rerun the page: a rerun
re-registers the button's file under a new id, and a click whose file request came after that
got nothing (seen as a download that hung for 30 s and never came). If making the file fails,
the next run says so in Japanese under the button, once. The cells themselves are made safe
where the files are written (colead.services.table_export, colead.services.export, through
colead.services.cells).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import streamlit as st

from colead.db import session_scope
from colead.services import export
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.worksheets.schema import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
ICS = "text/calendar"
_TRACKS = "colead_export_tracks"
_LOGGER = logging.getLogger(__name__)


class ExportTrack:
    """What became of the files a button made: shared by the page's runs and the thread
    that makes the file (a plain object kept in the session, never a widget value)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.done = 0  # files attempted (made or failed)
        self.failed = False  # the latest attempt failed and nobody has been told yet

    def finish(self, failed: bool) -> None:
        with self.changed:
            self.done += 1
            self.failed = failed
            self.changed.notify_all()


def guarded(make: Callable[[], bytes], track: ExportTrack, name: str) -> Callable[[], bytes]:
    """`make`, noting on `track` whether it worked; a failure is logged and still raised,
    so the browser receives no broken file."""

    def data() -> bytes:
        try:
            content = make()
        except Exception:
            _LOGGER.exception("export %s failed", name)
            track.finish(failed=True)
            raise
        track.finish(failed=False)
        return content

    return data


def _track(key: str) -> ExportTrack:
    tracks: dict[str, ExportTrack] = st.session_state.setdefault(_TRACKS, {})
    return tracks.setdefault(key, ExportTrack())


def download_button(
    label: str,
    make: Callable[[], bytes],
    *,
    key: str,
    file_name: str,
    mime: str,
    container: Any = None,
    **options: Any,
) -> None:
    """A download button whose file `make` builds on click; a failure shows a Japanese error."""
    target = st if container is None else container
    track = _track(key)
    target.download_button(
        label,
        guarded(make, track, file_name),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=options.pop("icon", ":material/download:"),
        **options,
    )
    with track.changed:
        failed, track.failed = track.failed, False
    if failed:
        target.error(t("export.failed"), icon=":material/error:")


def excel_button(context: PageContext, sheets: list[Worksheet], label_key: str, name: str) -> None:
    """The workbook is generated on click (and the export audited then), not on every run."""
    programme = context.programme
    if programme is None:
        return

    def _build() -> bytes:
        with session_scope(write=True) as session:
            return export.workbook(session, context.actor, programme.id, sheets)

    download_button(
        t(label_key),
        _build,
        file_name=f"colead_{programme.region_name}_{name}.xlsx",
        mime=XLSX,
        key=f"xlsx:{name}",
    )
