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


def digest(data: Any) -> bytes:
    """A short digest of picklable `data`: equal data, equal digest."""
    return hashlib.blake2b(pickle.dumps(data, protocol=5), digest_size=20).digest()


class Memo(Generic[Value]):
    """At most `size` values, the least recently used dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[bytes, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, build: Callable[[], Value]) -> Value:
        """The value kept for `key` (any picklable data), else `build()`, kept."""
        hashed = digest(key)
        with self._lock:
            if hashed in self._values:
                self._values.move_to_end(hashed)
                return self._values[hashed]
        value = build()
        with self._lock:
            self._values[hashed] = value
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value
