"""地域中小企業 and the talent types they need."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    industry: str = Field(default="", max_length=100)
    employees: int | None = None
    address: str = Field(default="", max_length=200)
    representative: str = Field(default="", max_length=100)
    partner_id: int | None = Field(
        default=None, foreign_key="partnerinstitution.id", ondelete="SET NULL"
    )
    note: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)
    # A company that applied on the public page is 応募 until staff accept it.
    status: str = Field(default="active", max_length=20)
    contact_name: str = Field(default="", max_length=100)
    contact_email: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=50)
    applied_at: datetime | None = None


class CompanyNeed(SQLModel, table=True):
    """A talent type a company needs (B-3 STEP5), with what it wants that person to do."""

    company_id: int = Field(foreign_key="company.id", primary_key=True, ondelete="CASCADE")
    skill_type: str = Field(max_length=30, primary_key=True)
    description: str = Field(default="")
