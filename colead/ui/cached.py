"""Service reads cached across reruns until this process writes, for the pages whose figures
are aggregates over many rows (the dashboard, the relationship ladder).

Most reruns of such a page come from a widget that changes nothing in the database; they get
the result of the same query again. The key holds the database, the actor (so one user never
receives what another may see and they may not), the arguments and `db.data_generation()`,
which every committed write of this process changes: a read after a write here is fresh. Writes
made by another app process (several replicas on PostgreSQL) are seen within TTL seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from colead.config import get_settings
from colead.db import data_generation, session_scope
from colead.services.access import Actor

TTL_SECONDS = 30
Result = TypeVar("Result")
_READS: dict[str, Callable[..., Any]] = {}


@st.cache_data(ttl=TTL_SECONDS, max_entries=512, show_spinner=False)
def _read(
    name: str,
    url: str,
    generation: int,
    actor: Actor,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    with session_scope() as session:
        return _READS[name](session, actor, *args, **dict(kwargs))


def cached_read(service: Callable[..., Result], actor: Actor, *args: Any, **kwargs: Any) -> Result:
    """`service(session, actor, *args, **kwargs)` in a read-only session, or its cached result.

    Errors are not cached: a service that refuses (InputError, AccessDenied) refuses every time.
    """
    name = f"{service.__module__}.{service.__qualname__}"
    _READS[name] = service
    settings = get_settings()
    key = tuple(sorted(kwargs.items()))
    return _read(name, settings.database_url, data_generation(), actor, args, key)
