"""高度デジタル人材 and their consent records."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Talent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    email: str = Field(default="", max_length=200, index=True)  # stored lower-case
    affiliation: str = Field(default="", max_length=200)
    residence: str = Field(default="", max_length=100)
    recruitment_channel: str = Field(default="", max_length=100)
    status: str = Field(default="applied", max_length=20)
    applied_on: date
    interests: str = Field(default="")
    note: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TalentSkill(SQLModel, table=True):
    talent_id: int = Field(foreign_key="talent.id", primary_key=True, ondelete="CASCADE")
    skill_type: str = Field(max_length=30, primary_key=True)


class ConsentRecord(SQLModel, table=True):
    """Consent to share a person's profile beyond this programme (APPI), and its withdrawal."""

    id: int | None = Field(default=None, primary_key=True)
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    scope: str = Field(max_length=200)
    granted_on: date
    withdrawn_on: date | None = None
    note: str = Field(default="")
