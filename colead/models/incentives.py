"""Incentives given to talent for verified activity (A-1 STEP5)."""

from datetime import date

from sqlmodel import Field, SQLModel


class Incentive(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    description: str = Field(max_length=200)
    granted_on: date
    basis: str = Field(default="")
