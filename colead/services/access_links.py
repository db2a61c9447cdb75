"""Links mailed to one person: to confirm an application and open their own page (本人ページ).

The link carries a random token; only its SHA-256 is stored, with the person, what it is for,
until when it works, and whether it was revoked. Asking for a new link never says whether the
address is known (see `request_link`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from colead.config import get_settings
from colead.models import AccessToken, Talent
from colead.models.base import utcnow

OWN_PAGE = "me"
LIFETIME = timedelta(days=14)
TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(
    session: Session,
    talent_id: int,
    purpose: str = OWN_PAGE,
    lifetime: timedelta = LIFETIME,
    now: datetime | None = None,
) -> str:
    """A new link token for the person; earlier ones keep working until they expire."""
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        AccessToken(
            token_hash=_digest(token),
            talent_id=talent_id,
            purpose=purpose,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def resolve(
    session: Session, token: object, purpose: str = OWN_PAGE, now: datetime | None = None
) -> Talent | None:
    """The person a token opens, or None (unknown, expired, revoked, erased, or not a token)."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    now = now or utcnow()
    return session.exec(
        select(Talent)
        .join(AccessToken, col(AccessToken.talent_id) == col(Talent.id))
        .where(
            AccessToken.token_hash == _digest(token),
            AccessToken.purpose == purpose,
            col(AccessToken.revoked_at).is_(None),
            col(AccessToken.expires_at) > now,
            col(Talent.erased_at).is_(None),
        )
    ).first()


def revoke_all(session: Session, talent_id: int, now: datetime | None = None) -> int:
    """Every link of the person stops working (a lost phone, an erasure)."""
    result = session.exec(
        update(AccessToken)
        .where(col(AccessToken.talent_id) == talent_id, col(AccessToken.revoked_at).is_(None))
        .values(revoked_at=now or utcnow())
    )
    return result.rowcount or 0


def revoke(session: Session, talent_id: int, purpose: str, now: datetime | None = None) -> int:
    """The person's links of one purpose stop working (a calendar link made anew)."""
    result = session.exec(
        update(AccessToken)
        .where(
            col(AccessToken.talent_id) == talent_id,
            AccessToken.purpose == purpose,
            col(AccessToken.revoked_at).is_(None),
        )
        .values(revoked_at=now or utcnow())
    )
    return result.rowcount or 0


def url(token: str, page: str = "me") -> str:
    """The public address of a link, for mails."""
    return f"{get_settings().public_url}/{page}?t={token}"
