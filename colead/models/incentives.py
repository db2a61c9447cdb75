"""Incentives for verified activity (A-1 STEP5): the programme's rules, the ledger of what each
person was granted, and the certificates of activity (活動実績の証明書) issued."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class IncentiveRule(SQLModel, table=True):
    """Grant `kind` to everyone with at least `threshold` verified `activity` (an Activity)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    description: str = Field(max_length=200)
    activity: str = Field(max_length=30)
    threshold: int = Field(default=1)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow)


class Incentive(SQLModel, table=True):
    """One grant in the ledger. A grant made by a rule names it, so it is made only once."""

    __table_args__ = (UniqueConstraint("rule_id", "talent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    rule_id: int | None = Field(default=None, foreign_key="incentiverule.id", ondelete="SET NULL")
    kind: str = Field(max_length=20)
    description: str = Field(max_length=200)
    granted_on: date
    basis: str = Field(default="")
    revoked_on: date | None = None  # a correction; a revoked rule grant is not made again


class Certificate(SQLModel, table=True):
    """An issued 活動実績の証明書: its number within the programme, and exactly the verified
    activities it listed (so a reissue prints the same certificate)."""

    __table_args__ = (UniqueConstraint("programme_id", "serial"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    serial: int
    number: str = Field(max_length=40)
    person_name: str = Field(default="", max_length=100)  # as printed on the day of issue
    issued_on: date
    issued_by: str = Field(max_length=50)
    activities: Any = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)
