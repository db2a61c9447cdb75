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
    # From the public application form: ふりがな, when they can help, and the double opt-in.
    kana: str = Field(default="", max_length=100)
    available_time: str = Field(default="", max_length=200)
    skills_text: str = Field(default="")
    awaiting_confirmation: bool = Field(default=False)  # 未確認 until the mailed link is opened
    confirmed_at: datetime | None = None
    rejection_reason: str = Field(default="")
    unsubscribed_at: datetime | None = None
    erasure_requested_at: datetime | None = None
    erased_at: datetime | None = None


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
    # Given on a public form: the purpose text version the person read, and when.
    purpose_id: int | None = Field(default=None, foreign_key="purposetext.id", ondelete="SET NULL")
    granted_at: datetime | None = None
