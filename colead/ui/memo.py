"""Values built from plain data, kept per process and found again by a digest of that data.

For what a page rebuilds on every rerun from the same few rows (a chart's figure, a worksheet
table's frame): a digest of the pickled inputs costs a fraction of Streamlit's own argument
hashing (`st.cache_data`) and, unlike it, hands back the very object built the first time.
Whatever is kept is shared by every session of the process, so it must never be changed
after it is built, and its inputs must be what the user's own, scoped queries returned.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")
_MISSING = object()


def digest(data: Any) -> bytes:
    """A short digest of picklable `data`: equal data, equal digest."""
    return hashlib.blake2b(pickle.dumps(data, protocol=5), digest_size=20).digest()


class Memo(Generic[Value]):
    """At most `size` values, the least recently used dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[bytes, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, key: Any, build: Callable[[], Value], fresh: Callable[[Value], bool] | None = None
    ) -> Value:
        """The value kept for `key` (any picklable data) if `fresh` accepts it (when given),
        else `build()`, kept in its place."""
        hashed = digest(key)
        with self._lock:
            kept = self._values.get(hashed, _MISSING)
            if kept is not _MISSING:
                self._values.move_to_end(hashed)
        if kept is not _MISSING and (fresh is None or fresh(kept)):  # type: ignore[arg-type]
            return kept  # type: ignore[return-value]
        value = build()
        with self._lock:
            self._values[hashed] = value
            self._values.move_to_end(hashed)
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
