"""Regions (municipalities), their yearly programmes, and partner institutions."""

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Region(SQLModel, table=True):
    """A municipality (or a prefecture running its own programme).

    Names repeat across prefectures (府中市 is in 東京都 and 広島県), so a name is unique only
    within its prefecture. `municipality_code` is the optional 全国地方公共団体コード.
    """

    __table_args__ = (UniqueConstraint("prefecture", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    prefecture: str = Field(max_length=20)
    municipality_code: str = Field(default="", max_length=6)
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Programme(SQLModel, table=True):
    """One region's run of the programme in one fiscal year."""

    __table_args__ = (UniqueConstraint("region_id", "fiscal_year"),)

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    fiscal_year: int
    name: str = Field(max_length=200)
    contact_interval_days: int = Field(default=30)
    starts_on: date | None = None
    ends_on: date | None = None
    # Archived programmes are read-only and stay in every cross-year view; nothing is deleted.
    archived_at: datetime | None = None
    carried_from_id: int | None = Field(
        default=None, foreign_key="programme.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow)
    # The public recruitment page (/apply?p=<public_slug>), shown only while published.
    published: bool = Field(default=False)
    public_slug: str | None = Field(default=None, max_length=40, unique=True)
    public_intro: str = Field(default="")
    public_image: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    public_image_type: str = Field(default="", max_length=30)
    # The programme's group chat (A-4's グループチャット): a Slack/Teams incoming webhook.
    chat_webhook_url: str = Field(default="", max_length=500)


class PurposeText(SQLModel, table=True):
    """The purpose of use of personal data stated on a programme's public forms, versioned:
    a consent records the version the person read."""

    __table_args__ = (UniqueConstraint("programme_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    version: int
    text: str
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=50)


class PartnerInstitution(SQLModel, table=True):
    """商工会議所, 地域金融機関 and others that introduce SMEs (B-2)."""

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    kind: str = Field(max_length=30)
    contact: str = Field(default="", max_length=200)  # the contact person
    email: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
