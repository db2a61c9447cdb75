"""Service reads cached across reruns and sessions until a table they read is written: the
programme picker, aggregates over many rows (the dashboard, the relationship ladder, B-1's ready
count, the quiet list) and the record pickers that list every company or person of a programme.

Most reruns of such a page come from a widget that changes nothing in the database; they get
the result of the same query again. The key holds the database, the actor (so one user never
receives what another may see and they may not) and the arguments. A result is kept with the
tables its queries named (`db.tables_read`) and is served while nobody has written any of them
since it was read:

- this process's writes: `db.changed_since`, at once (a person registered here shows at the
  next rerun, while a worksheet answer saved meanwhile leaves the dashboard's funnel cached);
- other processes' writes (the background mail sender, other app processes on PostgreSQL):
  the `datachange` versions every write raises (`db.data_versions`), read at most every
  VERSIONS_SECONDS by the whole process;
- anything else (a hand-made change in the database): no result is older than TTL_SECONDS.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from colead.config import get_settings
from colead.db import (
    ANY_TABLE,
    changed_since,
    data_generation,
    data_versions,
    session_scope,
    tables_read,
)
from colead.services.access import Actor
from colead.ui.memo import Memo

TTL_SECONDS = 30
VERSIONS_SECONDS = 0.5
MAX_ENTRIES = 512
Result = TypeVar("Result")


@dataclass(frozen=True)
class _Entry:
    value: Any
    tables: frozenset[str]
    generation: int
    versions: tuple[tuple[str, int], ...]  # of its tables (of all, for ANY_TABLE) when read
    made_at: float


_entries: Memo[_Entry] = Memo(MAX_ENTRIES)
_versions: dict[str, tuple[float, dict[str, int]]] = {}  # url -> (read at, versions)
_versions_lock = threading.Lock()


def _current_versions(url: str) -> dict[str, int]:
    """`db.data_versions`, read by one thread at a time and at most every VERSIONS_SECONDS."""
    with _versions_lock:
        read_at, versions = _versions.get(url, (float("-inf"), {}))
        if time.monotonic() - read_at >= VERSIONS_SECONDS:
            versions = data_versions(url)
            _versions[url] = (time.monotonic(), versions)
        return versions


def _versions_of(tables: frozenset[str], versions: dict[str, int]) -> tuple[tuple[str, int], ...]:
    if ANY_TABLE in tables:
        return tuple(sorted(versions.items()))
    return tuple((name, versions.get(name, 0)) for name in sorted(tables | {ANY_TABLE}))


def _fresh(entry: _Entry, url: str) -> bool:
    if time.monotonic() - entry.made_at >= TTL_SECONDS:
        return False
    if changed_since(entry.tables, entry.generation):
        return False
    return _versions_of(entry.tables, _current_versions(url)) == entry.versions


def cached_read(service: Callable[..., Result], actor: Actor, *args: Any, **kwargs: Any) -> Result:
    """`service(session, actor, *args, **kwargs)` in a read-only session, or its cached result.

    The cached result itself, not a copy, shared by every session that makes the same call:
    callers only read it. Errors are not cached: a service that refuses (InputError,
    AccessDenied) refuses every time.
    """
    name = f"{service.__module__}.{service.__qualname__}"
    url = get_settings().database_url

    def read() -> _Entry:
        # Taken before reading: a write meanwhile makes the result stale, never missed.
        generation, versions = data_generation(), _current_versions(url)
        with session_scope() as session:
            value = service(session, actor, *args, **kwargs)
            tables = tables_read(session)
        return _Entry(value, tables, generation, _versions_of(tables, versions), time.monotonic())

    key = (name, url, actor, args, sorted(kwargs.items()))
    return _entries.get(key, read, fresh=lambda entry: _fresh(entry, url)).value


def forget_cached_reads() -> None:
    """Drop every cached result (a test pointing the app at another database)."""
    _entries.clear()
    with _versions_lock:
        _versions.clear()
