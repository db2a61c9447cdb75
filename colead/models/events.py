"""Meetups, tours, pre-meetings and report meetings, with who registered and attended."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20, index=True)
    title: str = Field(max_length=200)
    starts_at: datetime
    ends_at: datetime | None = None
    place: str = Field(default="", max_length=200)
    online_tool: str = Field(default="", max_length=100)
    company_id: int | None = Field(default=None, foreign_key="company.id", ondelete="SET NULL")
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    note: str = Field(default="")
    # 中止: the event stays listed (registrants see it called off); None while it goes ahead.
    cancelled_at: datetime | None = None
    # Public sign-up: shown on the programme's public page while published, up to capacity.
    published: bool = Field(default=False)
    capacity: int | None = None
    agenda: str = Field(default="")


class Attendance(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("event_id", "talent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    status: str = Field(default="registered", max_length=20)
    updated_at: datetime = Field(default_factory=utcnow)
    registered_at: datetime = Field(default_factory=utcnow)  # the waiting list's order
