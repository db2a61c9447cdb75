"""index delivery recipients by person

A person's last contact and the list of people not contacted lately look deliveries up by
talent_id; the primary key (delivery_id, talent_id) does not serve that.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_deliveryrecipient_talent_id"), "deliveryrecipient", ["talent_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_deliveryrecipient_talent_id"), table_name="deliveryrecipient")
