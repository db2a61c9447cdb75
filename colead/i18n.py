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


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message for `key` in `lang`, with `{name}` placeholders filled from `params`.

    A missing key shows as the key itself (visible, never a crash); a test keeps that from
    reaching users.
    """
    text = CATALOG.get(lang, CATALOG[DEFAULT_LANGUAGE]).get(key)
    if text is None:
        text = CATALOG[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**params) if params else text


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


def reiwa_year(fiscal_year: int) -> int:
    return fiscal_year - 2018
