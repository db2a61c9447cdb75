"""Getting a database ready on start: migrate, then demo data into an empty one."""

from __future__ import annotations

from datetime import date

from sqlmodel import func, select

from colead import migrate
from colead.config import get_settings
from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import Region
from colead.services import accounts

DEMO_PASSWORD = "colead-demo"


def load_demo_if_empty(url: str | None = None, today: date | None = None) -> bool:
    """Load the demo regions and accounts when the database has neither. True if loaded.

    Runs in one write transaction, so two processes starting together load it once.
    """
    from colead.demo import load_demo  # the demo module is only needed here

    with session_scope(write=True, url=url) as session:
        has_regions = session.exec(select(func.count()).select_from(Region)).one() > 0
        if has_regions or accounts.count_accounts(session) > 0:
            return False
        load_demo(session, today or today_in_japan())
        session.flush()
        accounts.seed_demo_accounts(session, DEMO_PASSWORD)
    return True


def prepare_database(url: str | None = None) -> None:
    """Migrate to the newest schema and, in demo mode, fill an empty database."""
    settings = get_settings()
    migrate.upgrade(url)
    if settings.demo:
        load_demo_if_empty(url)
