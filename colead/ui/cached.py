"""Service reads cached across reruns and sessions until a table they read is written: the
programme picker, aggregates over many rows (the dashboard, the relationship ladder, B-1's ready
count, the quiet list) and the record pickers that list every company or person of a programme.

Most reruns of such a page come from a widget that changes nothing in the database; they get
the result of the same query again. The key holds the database, the actor (so one user never
receives what another may see and they may not) and the arguments. A result is kept with the
tables its queries named (`db.tables_read`) and the write generation before it was read; it is
served while this process has committed no write to any of those tables since
(`db.changed_since`). So a worksheet answer saved by one participant leaves the dashboard's
cached funnel alone, and a person registered here shows at the next rerun. Writes made by another
app process (several replicas on PostgreSQL) are seen within TTL seconds.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from colead.config import get_settings
from colead.db import changed_since, data_generation, session_scope, tables_read
from colead.services.access import Actor
from colead.ui.memo import digest

TTL_SECONDS = 30
MAX_ENTRIES = 512
Result = TypeVar("Result")


@dataclass(frozen=True)
class _Entry:
    value: Any
    tables: frozenset[str]
    generation: int
    made_at: float


_entries: OrderedDict[bytes, _Entry] = OrderedDict()
_lock = threading.Lock()


def _fresh(entry: _Entry) -> bool:
    young = time.monotonic() - entry.made_at < TTL_SECONDS
    return young and not changed_since(entry.tables, entry.generation)


def cached_read(service: Callable[..., Result], actor: Actor, *args: Any, **kwargs: Any) -> Result:
    """`service(session, actor, *args, **kwargs)` in a read-only session, or its cached result.

    The cached result itself, not a copy, shared by every session that makes the same call:
    callers only read it. Errors are not cached: a service that refuses (InputError,
    AccessDenied) refuses every time.
    """
    name = f"{service.__module__}.{service.__qualname__}"
    key = digest((name, get_settings().database_url, actor, args, sorted(kwargs.items())))
    with _lock:
        entry = _entries.get(key)
        if entry is not None and _fresh(entry):
            _entries.move_to_end(key)
            return entry.value
    generation = data_generation()  # before reading: a write meanwhile makes the result stale
    with session_scope() as session:
        value = service(session, actor, *args, **kwargs)
        tables = tables_read(session)
    with _lock:
        _entries[key] = _Entry(value, tables, generation, time.monotonic())
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget_cached_reads() -> None:
    """Drop every cached result (a test pointing the app at another database)."""
    with _lock:
        _entries.clear()
