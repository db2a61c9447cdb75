"""Regions (municipalities), their yearly programmes, and partner institutions."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Region(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    prefecture: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow)


class Programme(SQLModel, table=True):
    """One region's run of the programme in one fiscal year."""

    __table_args__ = (UniqueConstraint("region_id", "fiscal_year"),)

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    fiscal_year: int
    name: str = Field(max_length=200)
    contact_interval_days: int = Field(default=30)
    created_at: datetime = Field(default_factory=utcnow)


class PartnerInstitution(SQLModel, table=True):
    """商工会議所, 地域金融機関 and others that introduce SMEs (B-2)."""

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    contact: str = Field(default="", max_length=200)
