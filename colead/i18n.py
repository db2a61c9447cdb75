"""Message catalog and date formatting, without Streamlit.

One catalog, two languages with the same keys (a test checks). The language is chosen per
session by the UI and passed in; nothing here is process-wide.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from colead.catalog import CATALOG

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
JST = timezone(timedelta(hours=9), "JST")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Label(str):
    """A catalog key given as a message parameter: translated into the same language as the
    message, so a service can name a field ("affiliation") without knowing the language."""


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message for `key` in `lang`, with `{name}` placeholders filled from `params`.

    A missing key shows as the key itself (visible, never a crash); a test keeps that from
    reaching users.
    """
    text = CATALOG.get(lang, CATALOG[DEFAULT_LANGUAGE]).get(key)
    if text is None:
        text = CATALOG[DEFAULT_LANGUAGE].get(key, key)
    if not params:
        return text
    return text.format(**{name: _param(value, lang) for name, value in params.items()})


def _param(value: Any, lang: str) -> Any:
    """A message parameter as the person reads it: a Label translated, a date in their form."""
    if isinstance(value, Label):
        return translate(value, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    return value


def format_date(value: date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """2026年11月24日 in Japanese, 24 Nov 2026 in English; datetimes are shown in JST."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = to_jst(value).date()
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    if value is None:
        return "—"
    local = to_jst(value)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def to_jst(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # stored values are UTC
    return value.astimezone(JST)


def jst_midnight(day: date) -> datetime:
    """The moment `day` begins in Japan, as an aware datetime (compare stored UTC moments)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=JST)


def stored_moment(value: object) -> datetime:
    """A datetime as a query returns it: SQLite gives aggregates of UTC columns as text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"not a moment: {value!r}")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def stored_day(value: object) -> date | None:
    """A day as a query returns it: SQLite gives dates computed or aggregated in SQL as text."""
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"not a day: {value!r}")


def today_in_japan() -> date:
    """Today as it is in Japan, whatever the server's clock says."""
    return datetime.now(JST).date()


def reiwa_year(fiscal_year: int) -> int:
    return fiscal_year - 2018
