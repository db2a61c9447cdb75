"""Accounts: passwords, roles, regions; what changes to them do to open login sessions."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import bcrypt
from sqlmodel import Session, col, delete, func, select

from colead.models import Region, Role, UserAccount, UserRegion
from colead.models.base import utcnow
from colead.services import audit, login_sessions, login_throttle
from colead.services.access import Actor, require_role
from colead.services.errors import InputError

MIN_PASSWORD_LENGTH = 8
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:
        return False


@lru_cache(maxsize=1)
def unmatchable_hash() -> str:
    """A bcrypt hash of a random secret nobody knows: stands in for a locked account's hash."""
    return hash_password(secrets.token_urlsafe(32))


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    email: str
    role: Role
    disabled: bool
    locked_until: datetime | None
    region_ids: tuple[int, ...]
    last_login_at: datetime | None


def check_password(password: str) -> None:
    """A password must be long enough and must not begin or end with a space.

    The sign-in form (streamlit-authenticator) strips what is typed before comparing, so a
    password kept with surrounding spaces could be set but never used: it is refused when set.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("accounts.error.password_short", minimum=MIN_PASSWORD_LENGTH)
    if password != password.strip():
        raise InputError("accounts.error.password_spaces")


def _validate(username: str, display_name: str, password: str | None, role: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise InputError("accounts.error.username")
    if not display_name.strip():
        raise InputError("accounts.error.display_name")
    if password is not None:
        check_password(password)
    if role not in set(Role):
        raise InputError("accounts.error.role")


def _set_regions(session: Session, user_id: int, region_ids: list[int]) -> None:
    known = set(session.exec(select(Region.id).where(col(Region.id).in_(region_ids))).all())
    if set(region_ids) - known:
        raise InputError("accounts.error.region")
    session.exec(delete(UserRegion).where(col(UserRegion.user_id) == user_id))
    session.add_all(UserRegion(user_id=user_id, region_id=r) for r in sorted(known))


def count_accounts(session: Session) -> int:
    return session.exec(select(func.count()).select_from(UserAccount)).one()


def _insert_account(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    region_ids: list[int],
    email: str = "",
) -> UserAccount:
    username = username.strip().lower()
    _validate(username, display_name, password, role)
    if session.exec(select(UserAccount.id).where(UserAccount.username == username)).first():
        raise InputError("accounts.error.username_taken", username=username)
    if role != Role.ADMIN and not region_ids:
        raise InputError("accounts.error.no_region")
    account = UserAccount(
        username=username,
        display_name=display_name.strip(),
        email=email.strip(),
        password_hash=hash_password(password),
        role=role,
    )
    session.add(account)
    session.flush()
    _set_regions(session, account.id, region_ids)
    return account


def create_account(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    region_ids: list[int],
    email: str = "",
) -> int:
    require_role(actor, Role.ADMIN)
    account = _insert_account(
        session,
        username=username,
        display_name=display_name,
        password=password,
        role=role,
        region_ids=region_ids,
        email=email,
    )
    audit.record(
        session, actor.username, "account.create", target=account.username, detail=f"role={role}"
    )
    return account.id


def create_first_admin(session: Session, *, username: str, display_name: str, password: str) -> int:
    """The first account of an empty installation. Refused once any account exists.

    Call inside a write transaction: the count and the insert then happen under one lock, so two
    people submitting the set-up form at once cannot both become admin.
    """
    if count_accounts(session) > 0:
        raise InputError("setup.error.already_done")
    account = _insert_account(
        session,
        username=username,
        display_name=display_name,
        password=password,
        role=Role.ADMIN,
        region_ids=[],
    )
    audit.record(session, account.username, "account.create_first_admin", target=account.username)
    return account.id


def seed_demo_accounts(session: Session, password: str) -> None:
    """admin (all regions), staff (every demo region), viewer (every demo region)."""
    region_ids = list(session.exec(select(Region.id).order_by(Region.id)).all())
    for username, name, role in (
        ("admin", "管理者（デモ）", Role.ADMIN),
        ("staff", "自治体職員（デモ）", Role.STAFF),
        ("viewer", "閲覧者（デモ）", Role.VIEWER),
    ):
        _insert_account(
            session,
            username=username,
            display_name=name,
            password=password,
            role=role,
            region_ids=[] if role == Role.ADMIN else region_ids,
        )


def _get(session: Session, user_id: int) -> UserAccount:
    account = session.get(UserAccount, user_id)
    if account is None:
        raise InputError("accounts.error.not_found")
    return account


def update_account(
    session: Session,
    actor: Actor,
    user_id: int,
    *,
    display_name: str,
    email: str,
    role: Role,
    region_ids: list[int],
) -> None:
    require_role(actor, Role.ADMIN)
    account = _get(session, user_id)
    _validate(account.username, display_name, None, role)
    if role != Role.ADMIN and not region_ids:
        raise InputError("accounts.error.no_region")
    if account.id == actor.user_id and role != Role.ADMIN:
        raise InputError("accounts.error.self_demote")
    role_changed = account.role != role
    account.display_name = display_name.strip()
    account.email = email.strip()
    account.role = role
    if role_changed:
        login_sessions.end_user_sessions(session, account.id, login_sessions.EndReason.ROLE_CHANGED)
    _set_regions(session, account.id, region_ids)
    session.add(account)
    audit.record(
        session,
        actor.username,
        "account.update",
        target=account.username,
        detail=f"role={role} regions={sorted(region_ids)}",
    )


def set_region_members(session: Session, actor: Actor, region_id: int, user_ids: list[int]) -> None:
    """Make exactly `user_ids` (staff and viewers) the accounts working on `region_id`.

    Admins work on every region and are not listed. Taking away an account's only region is
    refused, as on the account form: a staff member always has a region to work on.
    """
    require_role(actor, Role.ADMIN)
    if session.get(Region, region_id) is None:
        raise InputError("accounts.error.region")
    members = set(user_ids)
    accounts = {
        a.id: a
        for a in session.exec(select(UserAccount).where(UserAccount.role != Role.ADMIN)).all()
    }
    if members - set(accounts):
        raise InputError("accounts.error.not_found")
    links: dict[int, set[int]] = {}
    for link in session.exec(select(UserRegion)).all():
        links.setdefault(link.user_id, set()).add(link.region_id)
    for user_id, account in accounts.items():
        has = region_id in links.get(user_id, set())
        if user_id in members and not has:
            session.add(UserRegion(user_id=user_id, region_id=region_id))
        elif user_id not in members and has:
            if links[user_id] == {region_id}:
                raise InputError("accounts.error.last_region", username=account.username)
            session.exec(
                delete(UserRegion).where(
                    col(UserRegion.user_id) == user_id, col(UserRegion.region_id) == region_id
                )
            )
    audit.record(
        session,
        actor.username,
        "region.members",
        target=str(region_id),
        region_id=region_id,
        detail=f"users={sorted(members)}",
    )


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    require_role(actor, Role.ADMIN)
    check_password(new_password)
    account = _get(session, user_id)
    account.password_hash = hash_password(new_password)
    session.add(account)
    login_throttle.unlock_name(session, account.username)
    login_sessions.end_user_sessions(session, account.id, login_sessions.EndReason.PASSWORD_RESET)
    audit.record(session, actor.username, "account.reset_password", target=account.username)


def set_disabled(session: Session, actor: Actor, user_id: int, disabled: bool) -> None:
    require_role(actor, Role.ADMIN)
    account = _get(session, user_id)
    if account.id == actor.user_id and disabled:
        raise InputError("accounts.error.self_disable")
    account.disabled = disabled
    session.add(account)
    if disabled:
        login_sessions.end_user_sessions(session, account.id, login_sessions.EndReason.DISABLED)
    audit.record(
        session,
        actor.username,
        "account.disable" if disabled else "account.enable",
        target=account.username,
    )


def unlock(session: Session, actor: Actor, user_id: int) -> None:
    require_role(actor, Role.ADMIN)
    account = _get(session, user_id)
    login_throttle.unlock_name(session, account.username)
    audit.record(session, actor.username, "account.unlock", target=account.username)


def end_sessions(session: Session, actor: Actor, user_id: int) -> int:
    """Sign an account out everywhere (a lost laptop, a shared PC); return how many ended."""
    require_role(actor, Role.ADMIN)
    account = _get(session, user_id)
    ended = login_sessions.end_user_sessions(
        session, account.id, login_sessions.EndReason.ENDED_BY_ADMIN
    )
    audit.record(
        session, actor.username, "account.end_sessions", target=account.username, detail=f"{ended}"
    )
    return ended


def list_accounts(session: Session, actor: Actor) -> list[AccountRow]:
    require_role(actor, Role.ADMIN)
    accounts = session.exec(select(UserAccount).order_by(UserAccount.username)).all()
    locked = login_throttle.locked_names(session)
    links = session.exec(select(UserRegion)).all()
    regions_of: dict[int, list[int]] = {}
    for link in links:
        regions_of.setdefault(link.user_id, []).append(link.region_id)
    return [
        AccountRow(
            id=a.id,
            username=a.username,
            display_name=a.display_name,
            email=a.email,
            role=Role(a.role),
            disabled=a.disabled,
            locked_until=locked.get(a.username),
            region_ids=tuple(sorted(regions_of.get(a.id, []))),
            last_login_at=a.last_login_at,
        )
        for a in accounts
    ]


def load_actor(session: Session, username: str) -> Actor | None:
    """The actor for a signed-in username, or None if the account is gone or disabled.

    Read on every run, so that a role change or a disabled account takes effect at once.
    """
    account = session.exec(
        select(UserAccount).where(UserAccount.username == username.strip().lower())
    ).first()
    if account is None or account.disabled:
        return None
    region_ids = session.exec(
        select(UserRegion.region_id).where(UserRegion.user_id == account.id)
    ).all()
    return Actor(
        user_id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=Role(account.role),
        region_ids=frozenset(region_ids),
    )


def authenticator_credentials(session: Session, *, only: str | None = None) -> dict:
    """The credentials dict streamlit-authenticator expects, built from the database.

    Disabled accounts are left out. Locks are not applied here: they belong to a name and a
    client address (`login_throttle`), checked before any password is. With `only`, just that
    account: reading every account on every click would grow with the number of accounts.
    """
    usernames: dict[str, dict] = {}
    query = select(UserAccount).where(col(UserAccount.disabled).is_(False))
    if only is not None:
        query = query.where(UserAccount.username == only)
    for account in session.exec(query):
        usernames[account.username] = {
            "name": account.display_name,
            "email": account.email,
            "password": account.password_hash,
            "roles": [account.role],
            "failed_login_attempts": 0,
        }
    return {"usernames": usernames}


def record_successful_login(session: Session, username: str, now: datetime | None = None) -> None:
    account = session.exec(select(UserAccount).where(UserAccount.username == username)).first()
    if account is None:
        return
    account.last_login_at = now or utcnow()
    session.add(account)
    audit.record(session, username, "login.success")
