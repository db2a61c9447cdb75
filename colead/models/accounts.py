"""Sign-in accounts, the regions each may work on, their login sessions and failed sign-ins."""

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from colead.models.base import utcnow


class UserAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=50, unique=True)
    display_name: str = Field(max_length=100)
    email: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=100)
    role: str = Field(max_length=10)
    disabled: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None


class UserRegion(SQLModel, table=True):
    user_id: int = Field(foreign_key="useraccount.id", primary_key=True, ondelete="CASCADE")
    region_id: int = Field(foreign_key="region.id", primary_key=True, ondelete="CASCADE")


class LoginSession(SQLModel, table=True):
    """One sign-in. The browser's cookie holds a random token; only its SHA-256 is kept here,
    so a copy of the database signs nobody in. A session is valid until `expires_at` unless
    ended: by signing out, or by a password reset, a disabled account or a role change."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ended_at: datetime | None = None
    ended_reason: str = Field(default="", max_length=20)


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins counted per (typed user name, client address), and per address alone
    (`username` empty). Kept for names that do not exist too, so that the answer never tells
    which names do."""

    __table_args__ = (UniqueConstraint("username", "address"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(default="", max_length=60)
    address: str = Field(max_length=64)
    failures: int = Field(default=0)
    window_start: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = None
