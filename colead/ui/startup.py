"""The database made ready once per server process, before anything reads it."""

from __future__ import annotations

import logging
import os
import threading
import time

import streamlit as st

from colead.bootstrap import prepare_database
from colead.services.outreach_worker import send_due

log = logging.getLogger(__name__)
SEND_EVERY = float(os.environ.get("COLEAD_MAIL_EVERY", "15"))  # seconds


@st.cache_resource(show_spinner=False)
def database_ready() -> bool:
    """Migrate (and load demo data into an empty database) once per server process.

    Called by Home.py and by every page's guard: on a freshly started server a page opened by
    its URL runs before Home.py ever has, and must not meet a database without tables.
    """
    prepare_database()
    mail_sender()
    return True


@st.cache_resource(show_spinner=False)
def mail_sender() -> threading.Thread | None:
    """The server's own background sender, once per process: every SEND_EVERY seconds,
    outside any page run, it does what `python -m colead send-due` does (newsletters,
    reminders, chat posts, queued mail), so a single `make run` needs no cron. Several
    processes (or a cron job besides) are safe: everything is claimed once.
    COLEAD_MAIL_WORKER=0 turns it off (when `send-due` runs from cron);
    COLEAD_MAIL_EVERY sets the period in seconds."""
    if os.environ.get("COLEAD_MAIL_WORKER", "1") == "0":
        return None

    def run() -> None:
        while True:
            try:
                send_due()
            except Exception:  # a bad moment of the database or network: try again later
                log.exception("sending queued mail failed")
            time.sleep(SEND_EVERY)

    thread = threading.Thread(target=run, name="colead-mail-sender", daemon=True)
    thread.start()
    return thread
