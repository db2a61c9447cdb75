"""Helpers shared by the table modules."""

from datetime import UTC, datetime

from sqlmodel import SQLModel

# Named constraints let later Alembic migrations drop or alter them, also in SQLite batch mode.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Aware UTC: SQLModel's datetime columns refuse naive values and return UTC."""
    return datetime.now(UTC)
