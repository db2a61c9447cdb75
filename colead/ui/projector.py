"""Projector mode: no sidebar or chrome, large type, one STEP at a time.

Facilitators project a worksheet on a wall (1920×1080) while a room fills it in; the switch
lives on the page itself, since the sidebar is hidden while it is on.
"""

from __future__ import annotations

import streamlit as st

from colead.ui.i18n import t
from colead.worksheets.schema import Worksheet

KEY = "colead_projector"

_STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem; }
html { font-size: 26px; }
[data-testid="stMarkdownContainer"] p, textarea, input, label { font-size: 1.15rem !important; }
[data-testid="stCaptionContainer"] { font-size: 0.95rem !important; }
h1 { font-size: 2.2rem !important; }
</style>
"""


def is_on() -> bool:
    return bool(st.session_state.get(KEY))


def switch() -> None:
    st.toggle(t("projector.switch"), key=KEY, help=t("projector.help"))


def apply_style() -> None:
    """Called once per run by the frame; static CSS only (no user text)."""
    if is_on():
        st.html(_STYLE)


def step_index(sheet: Worksheet) -> int:
    """The STEP shown in projector mode, with previous/next buttons and a STEP picker."""
    key = f"colead_projector_step:{sheet.code}"
    count = len(sheet.steps)
    index = min(st.session_state.get(key, 0), count - 1)

    def _move(delta: int) -> None:
        st.session_state[key] = max(0, min(count - 1, index + delta))

    previous, label, following = st.columns([1, 4, 1], vertical_alignment="center")
    previous.button(
        t("projector.previous"),
        on_click=_move,
        args=(-1,),
        disabled=index == 0,
        width="stretch",
        key=f"{key}:prev",
    )
    label.markdown(
        t("projector.position", step=sheet.steps[index].id, current=index + 1, total=count),
        text_alignment="center",
    )
    following.button(
        t("projector.next"),
        on_click=_move,
        args=(1,),
        type="primary",
        disabled=index == count - 1,
        width="stretch",
        key=f"{key}:next",
    )
    return index
