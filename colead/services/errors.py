"""Errors services raise for the user to read.

A service knows what went wrong but not the user's language: it names a catalog key and the
values to fill in, and the UI translates it.
"""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class InvalidInput(ValueError):
    """Several problems with one record, all reported at once so the user fixes them together."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(", ".join(error.key for error in errors))
        self.errors = errors
