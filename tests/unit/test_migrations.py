"""The Alembic migrations build exactly the schema the models declare."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import colead.models  # noqa: F401
from colead import migrate
from colead.db import get_engine


def test_migrated_schema_equals_the_models(db_url: str) -> None:
    with get_engine(db_url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrade_is_idempotent_and_downgrade_reverses_it(db_url: str) -> None:
    migrate.upgrade(db_url)  # a second start finds nothing to do
    engine = get_engine(db_url)
    assert "talent" in inspect(engine).get_table_names()
    command.downgrade(migrate.alembic_config(db_url), "base")
    engine.dispose()
    assert "talent" not in inspect(engine).get_table_names()
    migrate.upgrade(db_url)
    engine.dispose()
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
