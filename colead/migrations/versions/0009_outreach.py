"""Outreach: newsletters, their recipients, templates, reminders, and a programme's chat
webhook (issue #13).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 17:12:04.421151
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messagetemplate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_messagetemplate_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messagetemplate")),
        sa.UniqueConstraint(
            "programme_id", "name", name=op.f("uq_messagetemplate_programme_id_name")
        ),
    )
    with op.batch_alter_table("messagetemplate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_messagetemplate_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "newsletter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("send_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("attachment_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("attachment_type", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("chat_status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("chat_error", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("chat_attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["informationdelivery.id"],
            name=op.f("fk_newsletter_delivery_id_informationdelivery"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_newsletter_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_newsletter_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsletter")),
    )
    with op.batch_alter_table("newsletter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_newsletter_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_newsletter_send_at"), ["send_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_newsletter_status"), ["status"], unique=False)

    op.create_table(
        "sentreminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("talent_id", sa.Integer(), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_sentreminder_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mail_id"],
            ["outboxmail.id"],
            name=op.f("fk_sentreminder_mail_id_outboxmail"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["talent_id"],
            ["talent.id"],
            name=op.f("fk_sentreminder_talent_id_talent"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sentreminder")),
        sa.UniqueConstraint(
            "kind", "event_id", "talent_id", name=op.f("uq_sentreminder_kind_event_id_talent_id")
        ),
    )
    with op.batch_alter_table("sentreminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sentreminder_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sentreminder_talent_id"), ["talent_id"], unique=False)

    op.create_table(
        "newsletterrecipient",
        sa.Column("newsletter_id", sa.Integer(), nullable=False),
        sa.Column("talent_id", sa.Integer(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["mail_id"],
            ["outboxmail.id"],
            name=op.f("fk_newsletterrecipient_mail_id_outboxmail"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["newsletter_id"],
            ["newsletter.id"],
            name=op.f("fk_newsletterrecipient_newsletter_id_newsletter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["talent_id"],
            ["talent.id"],
            name=op.f("fk_newsletterrecipient_talent_id_talent"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("newsletter_id", "talent_id", name=op.f("pk_newsletterrecipient")),
    )
    with op.batch_alter_table("newsletterrecipient", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_newsletterrecipient_talent_id"), ["talent_id"], unique=False
        )

    with op.batch_alter_table("outboxmail", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "list_unsubscribe",
                sqlmodel.sql.sqltypes.AutoString(length=300),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_index(batch_op.f("ix_outboxmail_status"), ["status"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outboxmail_delivery_id_informationdelivery"),
            "informationdelivery",
            ["delivery_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "chat_webhook_url",
                sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("chat_webhook_url")

    with op.batch_alter_table("outboxmail", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outboxmail_delivery_id_informationdelivery"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_outboxmail_status"))
        batch_op.drop_column("list_unsubscribe")
        batch_op.drop_column("delivery_id")

    with op.batch_alter_table("newsletterrecipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_newsletterrecipient_talent_id"))

    op.drop_table("newsletterrecipient")
    with op.batch_alter_table("sentreminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sentreminder_talent_id"))
        batch_op.drop_index(batch_op.f("ix_sentreminder_event_id"))

    op.drop_table("sentreminder")
    with op.batch_alter_table("newsletter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_newsletter_status"))
        batch_op.drop_index(batch_op.f("ix_newsletter_send_at"))
        batch_op.drop_index(batch_op.f("ix_newsletter_programme_id"))

    op.drop_table("newsletter")
    with op.batch_alter_table("messagetemplate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messagetemplate_programme_id"))

    op.drop_table("messagetemplate")
