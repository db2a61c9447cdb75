"""Service reads cached across reruns until this process writes: aggregates over many rows (the
dashboard, the relationship ladder, B-1's ready count, the quiet list) and the record pickers
that list every company or person of a programme.

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
from colead.ui.memo import digest

TTL_SECONDS = 30
Result = TypeVar("Result")
_READS: dict[str, Callable[..., Any]] = {}


@st.cache_resource(ttl=TTL_SECONDS, max_entries=512, show_spinner=False)
def _read(
    key: bytes,
    _name: str,
    _actor: Actor,
    _args: tuple[Any, ...],
    _kwargs: dict[str, Any],
) -> Any:
    """Streamlit hashes only `key` (underscored parameters are left out of its hash): a digest
    of the pickled call costs a fraction of Streamlit walking the actor, a period and lists of
    ids on every rerun (measured with bench/pages.py --profile dashboard)."""
    with session_scope() as session:
        return _READS[_name](session, _actor, *_args, **_kwargs)


def cached_read(service: Callable[..., Result], actor: Actor, *args: Any, **kwargs: Any) -> Result:
    """`service(session, actor, *args, **kwargs)` in a read-only session, or its cached result.

    The cached result itself, not a copy (`st.cache_resource`: `st.cache_data` unpickles a
    copy on every call, a millisecond a rerun for the dashboard's milestones): callers only
    read it.

    Errors are not cached: a service that refuses (InputError, AccessDenied) refuses every time.
    """
    name = f"{service.__module__}.{service.__qualname__}"
    _READS[name] = service
    url = get_settings().database_url
    call = (name, url, data_generation(), actor, args, sorted(kwargs.items()))
    return _read(digest(call), name, actor, args, kwargs)
