"""The database made ready once per server process, before anything reads it."""

from __future__ import annotations

import atexit
import gc
import importlib
import logging
import os
import pkgutil
import subprocess
import sys
import threading
from pathlib import Path

import streamlit as st

import colead.services
import colead.ui
from colead.bootstrap import prepare_database

log = logging.getLogger(__name__)
SEND_EVERY = float(os.environ.get("COLEAD_MAIL_EVERY", "15"))  # seconds
ROOT = Path(__file__).resolve().parents[2]


@st.cache_resource(show_spinner=False)
def database_ready() -> bool:
    """Migrate (and load demo data into an empty database) once per server process.

    Called by Home.py and by every page's guard: on a freshly started server a page opened by
    its URL runs before Home.py ever has, and must not meet a database without tables.
    """
    prepare_database()
    mail_sender()
    if not _frozen.is_set():  # once per process, whatever clears Streamlit's caches
        _frozen.set()
        threading.Thread(target=freeze_start_up_heap, name="colead-freeze", daemon=True).start()
    return True


_frozen = threading.Event()


def freeze_start_up_heap() -> None:
    """Import every page's code, then put all that start-up made (modules with pandas, plotly
    and scipy, the catalog, the worksheets, the engine) out of the garbage collector's sight.

    Streamlit runs a full collection after every script run (`runner.postScriptGC`); over this
    app's heap that walk cost more CPU than most pages (bench/load.py). Objects made later are
    collected as usual. Done in the background, so the first page does not wait for it.
    """
    for package in (colead.services, colead.ui):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            try:
                importlib.import_module(module.name)
            except Exception:  # a page module that cannot load is the page's problem
                log.exception("could not import %s", module.name)
    gc.collect()
    gc.freeze()


@st.cache_resource(show_spinner=False)
def mail_sender() -> subprocess.Popen[bytes] | None:
    """The server's own background sender, once per server process: a child process running
    `python -m colead send-due --every COLEAD_MAIL_EVERY` (newsletters, reminders, chat posts,
    queued mail), so a single `make run` needs no cron.

    A process, not a thread: writing and sending 10,000 mails is seconds of Python work that,
    in a thread, would hold the interpreter lock against every page rerun of the server
    (measured with bench/mail_send.py). It stops with the server (and notices within a period
    if the server was killed). Several servers (or a cron job besides) are safe: everything is
    claimed once. COLEAD_MAIL_WORKER=0 turns it off (when `send-due` runs from cron).
    """
    if os.environ.get("COLEAD_MAIL_WORKER", "1") == "0":
        return None
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "colead",
            "send-due",
            "--every",
            str(SEND_EVERY),
            "--parent",
            str(os.getpid()),
        ],
        cwd=ROOT,
    )
    atexit.register(_stop, process)
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
