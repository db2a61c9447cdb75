"""Download buttons for the Excel export, built only when clicked."""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.services import export
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.worksheets.schema import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def excel_button(context: PageContext, sheets: list[Worksheet], label_key: str, name: str) -> None:
    """The workbook is generated on click (and the export audited then), not on every run."""
    programme = context.programme
    if programme is None:
        return

    def _build() -> bytes:
        with session_scope(write=True) as session:
            return export.workbook(session, context.actor, programme.id, sheets)

    st.download_button(
        t(label_key),
        data=_build,
        file_name=f"colead_{programme.region_name}_{name}.xlsx",
        mime=XLSX,
        on_click="ignore",
        icon=":material/download:",
        key=f"xlsx:{name}",
    )
