"""Login sessions that can be ended: the cookie carries a random token, the database says whose
it is, until when, and whether it was ended.

Only the token's SHA-256 is stored. Signing out ends the one session; a password reset, a
disabled account or a role change ends every session of that account, so a copied or replayed
cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select, update

from colead.models import LoginSession, Role, UserAccount, UserRegion
from colead.models.base import utcnow
from colead.services.access import Actor

TOKEN_BYTES = 32
KEEP_ENDED = timedelta(days=30)  # ended and expired rows are kept this long for the audit trail


class EndReason:
    SIGNED_OUT = "signed_out"
    PASSWORD_RESET = "password_reset"
    DISABLED = "disabled"
    ROLE_CHANGED = "role_changed"
    ENDED_BY_ADMIN = "ended_by_admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(
    session: Session, user_id: int, lifetime: timedelta, now: datetime | None = None
) -> tuple[str, datetime]:
    """Start a session for `user_id`; return the token for the cookie and its expiry."""
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + lifetime
    session.add(
        LoginSession(
            token_hash=_digest(token), user_id=user_id, created_at=now, expires_at=expires_at
        )
    )
    session.exec(delete(LoginSession).where(col(LoginSession.expires_at) < now - KEEP_ENDED))
    return token, expires_at


def resolve(session: Session, token: object, now: datetime | None = None) -> str | None:
    """The user name a token signs in, or None when it is unknown, ended, expired, or its
    account is disabled (or the cookie held something that is not a token at all)."""
    actor = actor_for(session, token, now)
    return actor.username if actor is not None else None


def actor_for(session: Session, token: object, now: datetime | None = None) -> Actor | None:
    """The actor a token signs in (None as for `resolve`), account and regions read in one
    query: it runs on every click of every signed-in person."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    now = now or utcnow()
    rows = session.exec(
        select(
            UserAccount.id,
            UserAccount.username,
            UserAccount.display_name,
            UserAccount.role,
            UserRegion.region_id,
        )
        .join(LoginSession, col(LoginSession.user_id) == col(UserAccount.id))
        .outerjoin(UserRegion, col(UserRegion.user_id) == col(UserAccount.id))
        .where(
            LoginSession.token_hash == _digest(token),
            col(LoginSession.ended_at).is_(None),
            col(LoginSession.expires_at) > now,
            col(UserAccount.disabled).is_(False),
        )
    ).all()
    if not rows:
        return None
    user_id, username, display_name, role, _ = rows[0]
    return Actor(
        user_id=user_id,
        username=username,
        display_name=display_name,
        role=Role(role),
        region_ids=frozenset(row[4] for row in rows if row[4] is not None),
    )


def end_session(
    session: Session, token: str, reason: str = EndReason.SIGNED_OUT, now: datetime | None = None
) -> None:
    session.exec(
        update(LoginSession)
        .where(LoginSession.token_hash == _digest(token), col(LoginSession.ended_at).is_(None))
        .values(ended_at=now or utcnow(), ended_reason=reason)
    )


def end_user_sessions(
    session: Session, user_id: int, reason: str, now: datetime | None = None
) -> int:
    """End every open session of an account; return how many were open."""
    result = session.exec(
        update(LoginSession)
        .where(col(LoginSession.user_id) == user_id, col(LoginSession.ended_at).is_(None))
        .values(ended_at=now or utcnow(), ended_reason=reason)
    )
    return result.rowcount or 0


def open_sessions_count(session: Session, user_id: int, now: datetime | None = None) -> int:
    now = now or utcnow()
    return session.exec(
        select(func.count())
        .select_from(LoginSession)
        .where(
            col(LoginSession.user_id) == user_id,
            col(LoginSession.ended_at).is_(None),
            col(LoginSession.expires_at) > now,
        )
    ).one()
