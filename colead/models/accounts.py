"""Sign-in accounts and the regions each may work on."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class UserAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=50, unique=True)
    display_name: str = Field(max_length=100)
    email: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=100)
    role: str = Field(max_length=10)
    disabled: bool = Field(default=False)
    failed_attempts: int = Field(default=0)
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None


class UserRegion(SQLModel, table=True):
    user_id: int = Field(foreign_key="useraccount.id", primary_key=True, ondelete="CASCADE")
    region_id: int = Field(foreign_key="region.id", primary_key=True, ondelete="CASCADE")
