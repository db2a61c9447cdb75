"""Alembic environment: runs against the URL in the config (set by colead.migrate)."""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import colead.models  # noqa: F401  (registers every table on SQLModel.metadata)
from colead.db import make_engine

config = context.config
target_metadata = SQLModel.metadata

# Several app processes may start at once against one PostgreSQL: the first one migrates, the
# others wait on this lock and then find nothing left to do.
PG_MIGRATION_LOCK = 726_001


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        is_pg = connection.dialect.name == "postgresql"
        if connection.dialect.name == "sqlite":
            # SQLite alters a table by copying it and dropping the original; with foreign keys
            # on, that drop would cascade into every child row (ON DELETE CASCADE). The pragma
            # only works outside a transaction, so it goes to the driver before Alembic begins.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        if is_pg:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if is_pg:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATION_LOCK})
                connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
