"""Settings come from the environment; the cookie key is generated once, never a default."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from colead.config import (
    PROJECT_ROOT,
    get_settings,
    load_or_create_cookie_key,
    resolve_database_url,
)


def test_relative_sqlite_path_is_resolved_against_the_project() -> None:
    url = resolve_database_url("sqlite:///data/colead.db")
    assert url == f"sqlite:///{PROJECT_ROOT / 'data' / 'colead.db'}"


def test_absolute_and_server_urls_are_kept() -> None:
    assert resolve_database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    pg = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    assert resolve_database_url(pg) == pg


def test_cookie_key_is_generated_once_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / ".streamlit" / "secrets.toml"
    first = load_or_create_cookie_key(path)
    assert len(first) >= 32 and first != "some_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_cookie_key(path) == first
    other = load_or_create_cookie_key(tmp_path / "other.toml")
    assert other != first


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), ("false", False)])
def test_demo_flag(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("COLEAD_DEMO", value)
    get_settings.cache_clear()
    try:
        assert get_settings().demo is expected
    finally:
        get_settings.cache_clear()


def test_environment_cookie_key_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLEAD_COOKIE_KEY", "k" * 40)
    get_settings.cache_clear()
    try:
        assert get_settings().cookie_key == "k" * 40
    finally:
        get_settings.cache_clear()
