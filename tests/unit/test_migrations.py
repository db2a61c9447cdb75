"""The Alembic migrations build exactly the schema the models declare."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
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


def test_upgrading_a_database_of_the_first_release_keeps_its_records(db_url: str) -> None:
    """A municipality's database made by revision 0001 keeps every row through later ones."""
    command.downgrade(migrate.alembic_config(db_url), "0001")
    engine = get_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO region (id, name, prefecture, created_at) "
                "VALUES (1, '釧路市', '北海道', '2026-04-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO programme (id, region_id, fiscal_year, name, "
                "contact_interval_days, created_at) "
                "VALUES (1, 1, 2026, 'ふるさとCo-LEAD', 30, '2026-04-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO talent (id, programme_id, name, email, affiliation, residence, "
                "recruitment_channel, status, applied_on, interests, note, created_at, updated_at)"
                " VALUES (1, 1, '山田 花子', 'hanako@example.jp', '', '', '', 'active', "
                "'2026-05-01', '', '', '2026-05-01 00:00:00', '2026-05-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO incentive (id, programme_id, talent_id, kind, description, "
                "granted_on, basis) VALUES (1, 1, 1, 'title', '応援大使', '2026-10-01', '')"
            )
        )
    engine.dispose()
    migrate.upgrade(db_url)
    with get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT name, email FROM talent")).all() == [
            ("山田 花子", "hanako@example.jp")
        ]
        assert conn.execute(
            text("SELECT description, rule_id, revoked_on FROM incentive")
        ).all() == [("応援大使", None, None)]
