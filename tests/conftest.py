"""Shared fixtures: a fresh, migrated database per test, on SQLite or PostgreSQL.

Set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run the whole
suite on PostgreSQL; otherwise every test gets its own SQLite file.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text
from sqlmodel import SQLModel

# Before any colead import reads the settings: no key is generated into the work tree by tests,
# and streamlit-authenticator does not sleep before drawing the login form.
os.environ.setdefault("COLEAD_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
os.environ["COLEAD_LOGIN_SLEEP"] = "0"
# The background sender would follow whichever database a test opened first; tests that
# need it start a server with COLEAD_MAIL_WORKER=1.
os.environ["COLEAD_MAIL_WORKER"] = "0"

from colead import bootstrap, migrate
from colead.config import get_settings
from colead.db import bump_generation, dispose_engines, get_engine, session_scope
from colead.models import Role
from colead.services.access import Actor

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
DEMO_DAY = date(2026, 11, 24)


def _sqlite_template(factory: pytest.TempPathFactory, name: str, demo: bool) -> Path:
    folder = factory.getbasetemp() / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if not path.exists():
        url = f"sqlite:///{path}"
        migrate.upgrade(url)
        if demo:
            bootstrap.load_demo_if_empty(url, today=DEMO_DAY)
        dispose_engines()  # closes connections: SQLite folds the WAL back into the file
    return path


_pg_rebuilt = False


def _reset_postgres(url: str) -> None:
    """Empty every table; the first call of a run also rebuilds the schema from migrations.

    The server outlives test runs, so a schema left by an earlier run (or an earlier version of
    a migration) must not be trusted.
    """
    global _pg_rebuilt
    if not _pg_rebuilt:
        with get_engine(url).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        dispose_engines()
        _pg_rebuilt = True
    migrate.upgrade(url)
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with get_engine(url).begin() as conn:
        conn.execute(text(f"TRUNCATE TABLE {tables} RESTART IDENTITY CASCADE"))


def _use(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()


def _fresh_database(
    tmp_path: Path, factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, demo: bool
) -> Iterator[str]:
    if PG_URL:
        _reset_postgres(PG_URL)
        if demo:
            bootstrap.load_demo_if_empty(PG_URL, today=DEMO_DAY)
        url = PG_URL
    else:
        template = _sqlite_template(factory, "demo.db" if demo else "empty.db", demo)
        target = tmp_path / "colead.db"
        shutil.copyfile(template, target)
        url = f"sqlite:///{target}"
    _use(url, monkeypatch)
    bump_generation()  # cached reads of an earlier test's database (same URL on PostgreSQL)
    yield url
    dispose_engines()
    get_settings.cache_clear()


@pytest.fixture
def db_url(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A migrated, empty database, also set as DATABASE_URL."""
    yield from _fresh_database(tmp_path, tmp_path_factory, monkeypatch, demo=False)


@pytest.fixture
def demo_url(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A migrated database holding the demo data (as of DEMO_DAY) and demo accounts."""
    yield from _fresh_database(tmp_path, tmp_path_factory, monkeypatch, demo=True)


@pytest.fixture
def make_actor():  # type: ignore[no-untyped-def]
    def _make(role: Role = Role.STAFF, regions: tuple[int, ...] = (), user_id: int = 0) -> Actor:
        return Actor(
            user_id=user_id,
            username=f"test-{role}",
            display_name="Test",
            role=role,
            region_ids=frozenset(regions),
        )

    return _make


@pytest.fixture
def write_session(db_url: str):  # type: ignore[no-untyped-def]
    with session_scope(write=True, url=db_url) as session:
        yield session


def free_port() -> int:
    """A local TCP port nobody listens on (right now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    """A real SMTP server on 127.0.0.1; `messages` holds every mail it received, parsed."""

    url: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """Starts aiosmtpd on a free local port and points COLEAD_SMTP_URL at it."""
    port = free_port()
    server = SmtpServer(url=f"smtp://127.0.0.1:{port}", port=port)
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("COLEAD_SMTP_URL", server.url)
    get_settings.cache_clear()
    try:
        yield server
    finally:
        controller.stop()
        get_settings.cache_clear()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    raw: bytes
    body: Any


@dataclass
class Hook:
    """A local webhook: what it answers, and what it has been sent."""

    url: str
    status: int = 200
    answer: bytes = b"ok"
    location: str = ""
    wait_seconds: float = 0.0
    seen: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> Iterator[Hook]:
    """A real HTTP server on 127.0.0.1 standing for a chat's incoming webhook."""
    # urllib honours proxy variables: a proxy set on a CI machine must not carry local posts.
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    state: Hook

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.seen.append(
                Seen(self.path, dict(self.headers.items()), raw, json.loads(raw.decode("utf-8")))
            )
            if state.wait_seconds:
                state.release.wait(state.wait_seconds)
            self.send_response(state.status)
            if state.location:
                self.send_header("Location", state.location)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(state.answer)))
            self.end_headers()
            self.wfile.write(state.answer)

        do_GET = do_POST  # a followed redirect would arrive as a GET

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # the client that gave up on a slow answer closed its socket

    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    state = Hook(url=f"http://127.0.0.1:{port}/hook")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
