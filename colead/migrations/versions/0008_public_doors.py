"""public doors: recruitment pages, applications, own pages, mail

A programme can publish a recruitment page with a versioned purpose-of-use text; applicants
confirm by a mailed link (access tokens, only their SHA-256 kept); events can take public
sign-ups up to a capacity with a waiting list; companies can apply; every mail is kept in the
outbox; public form submissions are counted per address and e-mail.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "formsubmission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_formsubmission")),
    )
    with op.batch_alter_table("formsubmission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_formsubmission_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_formsubmission_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_formsubmission_email"), ["email"], unique=False)

    op.create_table(
        "purposetext",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_purposetext_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purposetext")),
        sa.UniqueConstraint(
            "programme_id", "version", name=op.f("uq_purposetext_programme_id_version")
        ),
    )
    with op.batch_alter_table("purposetext", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_purposetext_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "accesstoken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("talent_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["talent_id"],
            ["talent.id"],
            name=op.f("fk_accesstoken_talent_id_talent"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accesstoken")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_accesstoken_token_hash")),
    )
    with op.batch_alter_table("accesstoken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accesstoken_talent_id"), ["talent_id"], unique=False)

    op.create_table(
        "outboxmail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("body_html", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("attachment_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("attachment_type", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("talent_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_outboxmail_programme_id_programme"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["talent_id"],
            ["talent.id"],
            name=op.f("fk_outboxmail_talent_id_talent"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outboxmail")),
    )
    with op.batch_alter_table("outboxmail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outboxmail_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outboxmail_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outboxmail_talent_id"), ["talent_id"], unique=False)

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "registered_at",
                sqlmodel.sql.sqltypes.UTCDateTime(),
                nullable=False,
                server_default=sa.func.current_timestamp(),
            )
        )

    op.execute("UPDATE attendance SET registered_at = updated_at")

    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="active",
            )
        )
        batch_op.add_column(
            sa.Column(
                "contact_name",
                sqlmodel.sql.sqltypes.AutoString(length=100),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "contact_email",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "contact_phone",
                sqlmodel.sql.sqltypes.AutoString(length=50),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("applied_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )

    with op.batch_alter_table("consentrecord", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("granted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_consentrecord_purpose_id_purposetext"),
            "purposetext",
            ["purpose_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("capacity", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "agenda", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("public_slug", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "public_intro",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("public_image", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "public_image_type",
                sqlmodel.sql.sqltypes.AutoString(length=30),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_unique_constraint(batch_op.f("uq_programme_public_slug"), ["public_slug"])

    with op.batch_alter_table("talent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kana",
                sqlmodel.sql.sqltypes.AutoString(length=100),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "available_time",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "skills_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "awaiting_confirmation", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "rejection_reason",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("unsubscribed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("erasure_requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("talent", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("erasure_requested_at")
        batch_op.drop_column("unsubscribed_at")
        batch_op.drop_column("rejection_reason")
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("awaiting_confirmation")
        batch_op.drop_column("skills_text")
        batch_op.drop_column("available_time")
        batch_op.drop_column("kana")

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_programme_public_slug"), type_="unique")
        batch_op.drop_column("public_image_type")
        batch_op.drop_column("public_image")
        batch_op.drop_column("public_intro")
        batch_op.drop_column("public_slug")
        batch_op.drop_column("published")

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("agenda")
        batch_op.drop_column("capacity")
        batch_op.drop_column("published")

    with op.batch_alter_table("consentrecord", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_consentrecord_purpose_id_purposetext"), type_="foreignkey"
        )
        batch_op.drop_column("granted_at")
        batch_op.drop_column("purpose_id")

    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_column("applied_at")
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("contact_email")
        batch_op.drop_column("contact_name")
        batch_op.drop_column("status")

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("registered_at")

    with op.batch_alter_table("outboxmail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outboxmail_talent_id"))
        batch_op.drop_index(batch_op.f("ix_outboxmail_programme_id"))
        batch_op.drop_index(batch_op.f("ix_outboxmail_created_at"))

    op.drop_table("outboxmail")
    with op.batch_alter_table("accesstoken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accesstoken_talent_id"))

    op.drop_table("accesstoken")
    with op.batch_alter_table("purposetext", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purposetext_programme_id"))

    op.drop_table("purposetext")
    with op.batch_alter_table("formsubmission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_formsubmission_email"))
        batch_op.drop_index(batch_op.f("ix_formsubmission_at"))
        batch_op.drop_index(batch_op.f("ix_formsubmission_address"))

    op.drop_table("formsubmission")
