"""What the public doors need: signed links sent by mail, the mail itself, and form counts."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class AccessToken(SQLModel, table=True):
    """A link mailed to one person (confirm an application, open their own page, a calendar
    feed). Only the SHA-256 of the token is kept; a link expires, and can be revoked."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class OutboxMail(SQLModel, table=True):
    """Every mail the app sends. With SMTP configured it is sent and marked so; without (the
    demo), it stays here for admins to read, so every flow works on one laptop."""

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    body_text: str
    body_html: str = Field(default="")
    attachment_name: str = Field(default="", max_length=100)
    attachment_type: str = Field(default="", max_length=50)
    attachment: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    kind: str = Field(default="", max_length=30)
    talent_id: int | None = Field(
        default=None, foreign_key="talent.id", index=True, ondelete="SET NULL"
    )
    programme_id: int | None = Field(
        default=None, foreign_key="programme.id", index=True, ondelete="SET NULL"
    )
    status: str = Field(default="queued", max_length=10, index=True)  # see services/mail.py
    error: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow, index=True)
    sent_at: datetime | None = None
    # A mail that informs (a newsletter): once sent (or kept in the outbox without SMTP), the
    # person is added to this 情報提供の記録.
    delivery_id: int | None = Field(
        default=None, foreign_key="informationdelivery.id", ondelete="SET NULL"
    )
    list_unsubscribe: str = Field(default="", max_length=300)  # the List-Unsubscribe URL


class FormSubmission(SQLModel, table=True):
    """One submission of a public form, counted per client address and per e-mail address to
    hold back floods (a few an hour), then forgotten."""

    id: int | None = Field(default=None, primary_key=True)
    form: str = Field(max_length=20)
    address: str = Field(max_length=64, index=True)
    email: str = Field(default="", max_length=200, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
