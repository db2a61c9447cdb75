"""Newsletters written and sent from the workbook (A-4 / B-4), their recipients, templates,
and the reminders sent by themselves (B-5, B-6)."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Newsletter(SQLModel, table=True):
    """One message to an audience of a programme: a draft, scheduled, being sent, or sent.

    `status`: draft → scheduled (send_at set; "send now" is send_at = now) → sending (the
    worker claimed it and wrote its delivery record) → sent (no recipient left queued).
    """

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    subject: str = Field(max_length=200)
    body: str = Field(default="")  # Markdown, with {氏名} filled in per recipient
    kind: str = Field(default="", max_length=50)  # A-4 STEP1: 観光情報, イベント情報, …
    audience: str = Field(default="")  # the filters chosen, as JSON, for the record
    status: str = Field(default="draft", max_length=20, index=True)
    send_at: datetime | None = Field(default=None, index=True)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    delivery_id: int | None = Field(
        default=None, foreign_key="informationdelivery.id", ondelete="SET NULL"
    )
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    attachment_name: str = Field(default="", max_length=100)
    attachment_type: str = Field(default="", max_length=50)
    attachment: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    # The programme's chat channel (incoming webhook): "" (not posted), pending, posting,
    # posted, failed (retried by the worker up to a few times).
    chat_status: str = Field(default="", max_length=20)
    chat_error: str = Field(default="")
    chat_attempts: int = Field(default=0)


class NewsletterRecipient(SQLModel, table=True):
    """One person of a newsletter's audience: queued until the worker writes their mail
    (mailed, with the outbox row that holds its delivery state) or skips them (skipped, with the
    reason: unsubscribed or no longer reachable since the message was scheduled)."""

    newsletter_id: int = Field(foreign_key="newsletter.id", primary_key=True, ondelete="CASCADE")
    talent_id: int = Field(
        foreign_key="talent.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    state: str = Field(default="queued", max_length=20)
    mail_id: int | None = Field(default=None, foreign_key="outboxmail.id", ondelete="SET NULL")
    reason: str = Field(default="", max_length=50)


class MessageTemplate(SQLModel, table=True):
    """What a programme sends often (meetup invitation, tour announcement, monthly news)."""

    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    subject: str = Field(max_length=200)
    body: str = Field(default="")
    kind: str = Field(default="", max_length=50)


class SentReminder(SQLModel, table=True):
    """A reminder written once for one person and one occasion; the unique key is what keeps
    two workers (or a rerun after a crash) from writing it twice."""

    __table_args__ = (UniqueConstraint("kind", "event_id", "talent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # event, meeting, report
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    mail_id: int | None = Field(default=None, foreign_key="outboxmail.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
