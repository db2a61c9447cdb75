"""A version per table, raised by every committed write, so that cached reads of one process
see the writes of another within half a second (issue #14).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 21:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "datachange",
        sa.Column("table_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_datachange")),
    )


def downgrade() -> None:
    op.drop_table("datachange")
