"""One catalog: both languages have the same keys and placeholders; every key used exists."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime
from pathlib import Path

from colead.catalog import EN, JA
from colead.i18n import Label, format_date, format_datetime, translate
from colead.ui.layout import escape_markdown

ROOT = Path(__file__).resolve().parents[2]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert set(JA) == set(EN)


def test_placeholders_match_across_languages() -> None:
    for key in JA:
        assert _placeholders(JA[key]) == _placeholders(EN[key]), key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[A-Za-z0-9_-]+)+)["']""")
    for path in [*ROOT.glob("colead/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "Home.py"]:
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(JA)) == []


def test_dates_read_the_japanese_way() -> None:
    assert format_date(date(2026, 11, 24)) == "2026年11月24日"
    assert format_date(date(2026, 11, 24), "en") == "24 Nov 2026"
    # stored UTC, shown in Japan time: 23:30 UTC is already the next day in Japan
    assert format_datetime(datetime(2026, 11, 23, 23, 30, tzinfo=UTC)) == "2026年11月24日 08:30"


def test_translate_fills_values_and_falls_back_to_japanese() -> None:
    assert translate("fact.talents", "ja", n=40) == "登録人材 40名"
    assert translate("fact.talents", "en", n=40) == "40 talent registered"
    assert translate("no.such.key", "en") == "no.such.key"


def test_a_field_named_in_a_message_is_translated_with_it() -> None:
    params = {"field": Label("talent.field.affiliation"), "maximum": 200}
    assert (
        translate("form.error.too_long", "ja", **params)
        == "「所属」は200文字以内で入力してください。"
    )
    assert translate("form.error.too_long", "en", **params).startswith("“Affiliation”")


def test_a_date_in_a_message_reads_the_persons_way() -> None:
    assert translate("form.error.too_long", "ja", field=date(2026, 6, 1), maximum=1).startswith(
        "「2026年6月1日」"
    )
    assert "1 Jun 2026" in translate("form.error.too_long", "en", field=date(2026, 6, 1), maximum=1)


def test_typed_text_is_shown_as_typed_inside_markdown() -> None:
    typed = "**太字** [リンク](http://x) :red[赤] $x$ <b>"
    escaped = escape_markdown(typed)
    assert "**" not in escaped.replace("\\*", "")
    assert escaped.replace("\\", "") == typed  # nothing lost, every mark made literal


def test_today_in_japan_is_the_next_day_from_15_00_utc(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every page's default date: at 20:00 UTC on the 24th it is already the 25th in Japan."""
    import colead.i18n

    class _Clock(datetime):
        instant = datetime(2026, 11, 24, 14, 59, tzinfo=UTC)

        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return cls.instant.astimezone(tz)

    monkeypatch.setattr(colead.i18n, "datetime", _Clock)
    assert colead.i18n.today_in_japan() == date(2026, 11, 24)
    _Clock.instant = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    assert colead.i18n.today_in_japan() == date(2026, 11, 25)
