"""Who did what: sign-ins, account changes, views and exports of personal data."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class AuditLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=50)
    action: str = Field(max_length=50)
    target: str = Field(default="", max_length=200)
    region_id: int | None = Field(default=None, foreign_key="region.id", ondelete="SET NULL")
    detail: str = Field(default="")
