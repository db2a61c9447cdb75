"""A Streamlit browser tab without the browser: the WebSocket protocol client of bench.load.

It speaks what Streamlit's frontend speaks on `/_stcore/stream` (Streamlit 1.67): the
subprotocol header "streamlit" (with no XSRF token and no session to resume), binary
`BackMsg` protobufs up (`rerun_script` with a `ClientState`: widget values, page hash) and
`ForwardMsg` protobufs down (`new_session`, `navigation`, `delta`s, `script_finished`).

A run's latency is the time from sending `rerun_script` to the `script_finished` that ends
it with FINISHED_SUCCESSFULLY (a run that `st.rerun()` cut short, FINISHED_EARLY_FOR_RERUN,
is followed by the next one and counts into the same action). It does not run JavaScript,
draw anything, fetch media or components, or send heartbeats.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_TYPES = frozenset(
    {
        "button",
        "button_group",
        "checkbox",
        "date_input",
        "multiselect",
        "number_input",
        "radio",
        "selectbox",
        "slider",
        "text_area",
        "text_input",
        "pagination",
    }
)


class ProtocolError(Exception):
    """The server answered something a run cannot go on from (closed, timed out)."""


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    proto: Any
    form_id: str = ""


@dataclass
class RunResult:
    """What one action got back: its latency, the widgets and text drawn, any exceptions."""

    seconds: float
    widgets: list[Widget] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def find(self, kind: str, label: str | None = None) -> Widget | None:
        found = self.find_all(kind, label)
        return found[0] if found else None

    def find_all(self, kind: str, label: str | None = None) -> list[Widget]:
        return [w for w in self.widgets if w.kind == kind and (label is None or w.label == label)]


class StreamlitTab:
    """One WebSocket session to a Streamlit server, driven one rerun at a time."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self.port = port
        self.timeout = timeout
        self.ws: Any = None
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.page_hash = ""
        self.values: dict[str, WidgetState] = {}  # last value sent per widget id

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"http://127.0.0.1:{self.port}",  # type: ignore[arg-type]
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def rerun(
        self, page: str | None = None, updates: list[WidgetState] | None = None
    ) -> RunResult:
        """Rerun the script (on the page with that url_pathname, if given) with these widget
        values changed; wait until the run finishes."""
        if page is not None:
            if page not in self.pages:
                raise ProtocolError(f"page {page!r} not in navigation")
            self.page_hash = self.pages[page]
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_hash
        state.page_name = page or ""
        if page is not None:
            self.values.clear()  # the new page's widgets start from their defaults
        for update in updates or []:
            if update.WhichOneof("value") not in ("trigger_value", "string_trigger_value"):
                self.values[update.id] = update
        sent = {u.id: u for u in updates or []}
        for widget_id, value in self.values.items():
            sent.setdefault(widget_id, value)
        state.widget_states.widgets.extend(sent.values())
        began = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        return await self._until_finished(began)

    async def _until_finished(self, began: float) -> RunResult:
        result = RunResult(seconds=0.0)
        deadline = began + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError("timed out waiting for script_finished")
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError as error:
                raise ProtocolError("timed out waiting for script_finished") from error
            except websockets.ConnectionClosed as error:
                raise ProtocolError(f"disconnected: {error}") from error
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._read_delta(msg, result)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                if msg.navigation.page_script_hash:
                    self.page_hash = msg.navigation.page_script_hash
            elif kind == "new_session":
                result.widgets.clear()
                result.texts.clear()
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    result.widgets.clear()
                    result.texts.clear()
                    continue
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.exceptions.append("compile error")
                if status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    continue
                result.seconds = time.perf_counter() - began
                return result
            elif kind == "page_not_found":
                result.exceptions.append(f"page not found: {msg.page_not_found.page_name}")

    @staticmethod
    def _read_delta(msg: ForwardMsg, result: RunResult) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            ex = element.exception
            result.exceptions.append(f"{ex.type}: {ex.message}"[:300])
        elif kind == "alert" and element.alert.format in (1, 2):  # ERROR, WARNING
            prefix = "error: " if element.alert.format == 1 else "warning: "
            result.texts.append(prefix + element.alert.body)
        elif kind in WIDGET_TYPES:
            proto = getattr(element, kind)
            result.widgets.append(
                Widget(
                    kind=kind,
                    id=getattr(proto, "id", ""),
                    label=getattr(proto, "label", ""),
                    proto=proto,
                    form_id=getattr(proto, "form_id", ""),
                )
            )
        elif kind == "markdown":
            result.texts.append(element.markdown.body)


def string_value(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, string_value=value)


def trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


def int_value(widget_id: str, value: int) -> WidgetState:
    return WidgetState(id=widget_id, int_value=value)


def double_value(widget_id: str, value: float) -> WidgetState:
    return WidgetState(id=widget_id, double_value=value)
