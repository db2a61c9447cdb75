"""Engine, sessions and transactions.

SQLite follows SQLAlchemy's documented recipe for serializable transactions: the driver's own
transaction handling is switched off and every transaction is begun by SQLAlchemy, deferred for
reads and `BEGIN IMMEDIATE` for writes. Concurrent writers then queue on `busy_timeout` instead
of failing half-way or silently overwriting each other's read-modify-write.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from colead.config import get_settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
_IMMEDIATE = "colead_begin_immediate"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()
_generation = 0  # bumped by every committed write of this process
ANY_TABLE = "*"  # a write or read whose tables are not known: it concerns every table
_written_at: dict[str, int] = {}  # table -> the generation of its last committed write here


def data_generation() -> int:
    """A number that changes whenever this process commits a write: part of the key of cached
    reads, so that a read after a write in this process never sees the data before it."""
    return _generation


def bump_generation(tables: frozenset[str] = frozenset({ANY_TABLE})) -> None:
    """Mark cached reads of `tables` stale (by default every cached read: a write made outside
    `session_scope`, say)."""
    global _generation
    with _lock:
        _generation += 1
        for table in tables:
            _written_at[table] = _generation


def changed_since(tables: frozenset[str], generation: int) -> bool:
    """Whether this process committed a write to any of `tables` after `generation` (taken
    before they were read). A read of unknown tables changes with any write."""
    if ANY_TABLE in tables:
        return _generation > generation
    if _written_at.get(ANY_TABLE, 0) > generation:
        return True
    return any(_written_at.get(table, 0) > generation for table in tables)


def tables_read(session: Session) -> frozenset[str]:
    """The tables the statements of `session`'s transactions named so far (ANY_TABLE for a
    statement that could not be read): what a cached result of that session depends on."""
    return frozenset(session.info.get(_READ, ()))


_CHANGES = "datachange"  # colead.models.DataChange: its own writes are not changes of data
_READ = "colead_tables_read"
_WRITTEN = "colead_tables_written"
_CONTROL = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "SET"})
_WRITE_VERBS = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.I)
_WRITE_TARGET = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE)\s+"?(\w+)"?', re.I)
_NOTHING: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@functools.lru_cache(maxsize=4096)
def _statement_tables(statement: str) -> tuple[frozenset[str], frozenset[str]]:
    """(tables named, tables written) by one SQL statement, found by name among the schema's
    tables. Over-counting (a column named like a table) only makes a cached read stale sooner;
    a statement naming none concerns every table. An INSERT or UPDATE writes its target; any
    other write (a DELETE may cascade: ON DELETE CASCADE / SET NULL) writes every table."""
    words = statement.split(None, 1)
    verb = words[0].upper() if words else ""
    if verb in _CONTROL:
        return _NOTHING
    named = frozenset(n.lower() for n in _table_pattern().findall(statement))
    named = named or frozenset({ANY_TABLE})
    if verb == "SELECT" or (verb == "WITH" and not _WRITE_VERBS.search(statement)):
        return named, frozenset()
    target = _WRITE_TARGET.match(statement)
    if target and verb in ("INSERT", "UPDATE"):
        return named, frozenset({target.group(1).lower()})
    return named, frozenset({ANY_TABLE})


@functools.cache
def _table_pattern() -> re.Pattern[str]:
    from sqlmodel import SQLModel

    import colead.models  # noqa: F401  (every table registered)

    names = sorted(set(SQLModel.metadata.tables) - {_CHANGES}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def _record_change(session: Session, tables: frozenset[str]) -> None:
    """Raise the `datachange` version of every table this transaction wrote (ANY_TABLE's row
    for a write whose tables are not all known), in the transaction itself: another process
    reading the versions (data_versions) sees them change exactly when the write is committed.
    Rows are taken in name order, so two writers never wait for each other in a circle."""
    names = sorted(tables)
    rows = ", ".join(f"(:t{i}, 1)" for i in range(len(names)))
    session.execute(
        text(
            f"INSERT INTO {_CHANGES} (table_name, version) VALUES {rows} "
            f"ON CONFLICT (table_name) DO UPDATE SET version = {_CHANGES}.version + 1"
        ),
        {f"t{i}": name for i, name in enumerate(names)},
    )


def data_versions(url: str | None = None) -> dict[str, int]:
    """Every table's `datachange` version: what all processes have committed so far."""
    with get_engine(url).connect() as connection:
        rows = connection.execute(text(f"SELECT table_name, version FROM {_CHANGES}"))
        return {name: version for name, version in rows}


def _watch(engine: Engine) -> None:
    """Note, per transaction, the tables its statements name and write (see session_scope)."""

    @event.listens_for(engine, "begin")
    def _on_begin_watch(connection) -> None:  # type: ignore[no-untyped-def]
        connection.info[_READ] = set()
        connection.info[_WRITTEN] = set()

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(connection, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        named, written = _statement_tables(statement)
        if named:
            connection.info.setdefault(_READ, set()).update(named)
        if written:
            connection.info.setdefault(_WRITTEN, set()).update(written)


@event.listens_for(Session, "after_begin")
def _follow_transaction(session: Session, _transaction, connection) -> None:  # type: ignore[no-untyped-def]
    """The session keeps its transaction's sets: its connection goes back to the pool at commit."""
    session.info[_READ] = connection.info.setdefault(_READ, set())
    session.info[_WRITTEN] = connection.info.setdefault(_WRITTEN, set())


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
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    _watch(engine)
    return engine


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
        session.flush()
        written = frozenset(session.info.get(_WRITTEN, ()))
        if written:
            _record_change(session, written)
        session.commit()
        if written:
            bump_generation(written)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
