"""Engine, sessions and transactions.

SQLite follows SQLAlchemy's documented recipe for serializable transactions: the driver's own
transaction handling is switched off and every transaction is begun by SQLAlchemy, deferred for
reads and `BEGIN IMMEDIATE` for writes. Concurrent writers then queue on `busy_timeout` instead
of failing half-way or silently overwriting each other's read-modify-write.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from colead.config import get_settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "colead_begin_immediate"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()
_generation = 0  # bumped by every committed write of this process


def data_generation() -> int:
    """A number that changes whenever this process commits a write: part of the key of cached
    reads, so that a read after a write in this process never sees the data before it."""
    return _generation


def bump_generation() -> None:
    """Mark every cached read stale (a write made outside `session_scope`, say)."""
    global _generation
    with _lock:
        _generation += 1


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """A new engine for `url` with the project's connection settings."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url` (default: the configured DATABASE_URL)."""
    url = url or get_settings().database_url
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def dispose_engines() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session_scope(*, write: bool = False, url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error.

    `write=True` takes SQLite's write lock at the start (`BEGIN IMMEDIATE`), which a
    read-modify-write needs to be safe; on PostgreSQL it makes no difference.
    """
    engine = get_engine(url)
    bind = engine.execution_options(**{_IMMEDIATE: True}) if write else engine
    session = Session(bind=bind, expire_on_commit=False)
    try:
        yield session
        session.commit()
        if write:
            bump_generation()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
