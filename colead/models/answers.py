"""Worksheet answers: one row per question, per programme (and per company for B-1/B-3)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class WorksheetAnswer(SQLModel, table=True):
    """`subject` is "" for programme-wide sheets and "company:<id>" for per-company sheets.

    A plain string key (rather than a nullable company_id in the unique constraint) keeps one
    row per answer on every backend: NULLs never collide in a UNIQUE index.
    `version` grows on every save; a save names the version it was based on.
    """

    __table_args__ = (UniqueConstraint("programme_id", "worksheet", "question", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    worksheet: str = Field(max_length=8)
    question: str = Field(max_length=80)
    subject: str = Field(default="", max_length=40)
    company_id: int | None = Field(default=None, foreign_key="company.id", ondelete="CASCADE")
    value: Any = Field(default=None, sa_column=Column(JSON))
    answered: bool = Field(default=False)  # value is not empty: progress is counted in SQL
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=50)
    # Set when the answer was copied from an earlier year's programme as a starting draft;
    # cleared by the first save in this programme.
    carried_from_id: int | None = Field(
        default=None, foreign_key="programme.id", ondelete="SET NULL"
    )
