"""First start: migrate, load the demo once, never into a database that holds data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from sqlmodel import func, select

from colead import bootstrap
from colead.config import PROJECT_ROOT
from colead.db import session_scope
from colead.models import Programme, Region, UserAccount
from colead.services import accounts


def _count(url: str, model: type) -> int:
    with session_scope(url=url) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_demo_loads_once_with_three_regions_and_demo_accounts(db_url: str) -> None:
    assert bootstrap.load_demo_if_empty(db_url, today=date(2026, 11, 24)) is True
    assert bootstrap.load_demo_if_empty(db_url, today=date(2026, 11, 24)) is False
    with session_scope(url=db_url) as session:
        names = set(session.exec(select(Region.name)).all())
        users = set(session.exec(select(UserAccount.username)).all())
        creds = accounts.authenticator_credentials(session)["usernames"]
    assert names == {"釧路市", "栃木県", "加賀市"}
    assert _count(db_url, Programme) == 3
    assert users == {"admin", "staff", "viewer"}
    assert accounts.verify_password(bootstrap.DEMO_PASSWORD, creds["staff"]["password"])


def test_demo_is_not_loaded_where_an_account_exists(db_url: str) -> None:
    with session_scope(write=True, url=db_url) as session:
        accounts.create_first_admin(
            session, username="chief", display_name="x", password="long-enough"
        )
    assert bootstrap.load_demo_if_empty(db_url) is False
    assert _count(db_url, Region) == 0


def test_cli_init_migrates_and_loads_demo(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {
        "DATABASE_URL": url,
        "COLEAD_DEMO": "1",
        "COLEAD_COOKIE_KEY": "c" * 40,
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "colead", "init"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "demo=on" in result.stdout
    assert _count(url, Region) == 3
    subprocess.run(
        [sys.executable, "-m", "colead", "init"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    assert _count(url, Region) == 3


def test_the_demo_is_laid_out_on_the_day_in_japan(db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 16:00 UTC on March 31, 2030 it is April 1 in Japan: the demo's programmes belong to
    fiscal 2030, not to the year the server's own date would give."""
    from datetime import UTC, datetime

    import colead.i18n

    class _Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return datetime(2030, 3, 31, 16, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(colead.i18n, "datetime", _Clock)
    assert bootstrap.load_demo_if_empty(db_url) is True
    with session_scope(url=db_url) as session:
        years = set(session.exec(select(Programme.fiscal_year)).all())
    assert years == {2030}
