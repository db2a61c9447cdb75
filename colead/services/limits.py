"""Text longer than its column holds is refused with a message, before the database sees it.

On PostgreSQL an over-long VARCHAR raises a DataError mid-transaction, and SQLite stores it
silently; either way the person would not learn which field to shorten. The limits are read
from the tables themselves, so a column's length is declared once, in colead/models; a TEXT
column (a note, a report) has no length, and its service names a limit of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel import SQLModel

from colead.i18n import Label
from colead.services.errors import InputError


def column_limit(model: type[SQLModel], field: str) -> int | None:
    """The length `field` of `model`'s table holds, or None when it is unbounded."""
    return getattr(model.__table__.c[field].type, "length", None)  # type: ignore[attr-defined]


def too_long(
    model: type[SQLModel],
    prefix: str,
    values: Iterable[tuple[str, str | None]],
    limits: Mapping[str, int] | None = None,
) -> list[InputError]:
    """An error for each (field, value) longer than its column (or, for a column of unbounded
    text, than `limits[field]`), naming the field by its label `<prefix>.field.<field>`."""
    errors: list[InputError] = []
    for field, value in values:
        limit = column_limit(model, field)
        if limit is None and limits is not None:
            limit = limits.get(field)
        if value is not None and limit is not None and len(value) > limit:
            errors.append(
                InputError(
                    "form.error.too_long", field=Label(f"{prefix}.field.{field}"), maximum=limit
                )
            )
    return errors


def required(prefix: str, values: Iterable[tuple[str, str | None]]) -> list[InputError]:
    """An error for each (field, value) left empty (or only spaces), naming the field by its
    label `<prefix>.field.<field>`."""
    return [
        InputError("form.error.required", field=Label(f"{prefix}.field.{field}"))
        for field, value in values
        if not (value or "").strip()
    ]
