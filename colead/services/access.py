"""Who is acting, and the one place where programme data is scoped to their regions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, true
from sqlmodel import Session, col, select

from colead.models import Programme, Region, Role

_RANK = {Role.VIEWER: 0, Role.STAFF: 1, Role.ADMIN: 2}


def role_at_least(role: Role, minimum: Role) -> bool:
    return _RANK[role] >= _RANK[minimum]


class AccessDenied(PermissionError):
    """Raised by services when the actor may not see or change what was asked for."""


class ProgrammeArchived(AccessDenied):
    """A write to an archived programme (or one of an archived region): it is read-only."""


@dataclass(frozen=True)
class Actor:
    """A signed-in account as services see it: plain values, no Streamlit."""

    user_id: int
    username: str
    display_name: str
    role: Role
    region_ids: frozenset[int]

    @property
    def sees_all_regions(self) -> bool:
        return self.role == Role.ADMIN

    def has_role(self, minimum: Role) -> bool:
        return role_at_least(self.role, minimum)

    def may_see_region(self, region_id: int) -> bool:
        return self.sees_all_regions or region_id in self.region_ids

    def may_edit_region(self, region_id: int) -> bool:
        return self.has_role(Role.STAFF) and self.may_see_region(region_id)


def require_role(actor: Actor, minimum: Role) -> None:
    if not actor.has_role(minimum):
        raise AccessDenied(f"{actor.username} needs role {minimum}")


def region_scope(actor: Actor, region_column: ColumnElement[int]) -> ColumnElement[bool]:
    """The WHERE clause limiting `region_column` to the actor's regions.

    Every query for programme data goes through this (directly, or via `programme_scope`).
    """
    if actor.sees_all_regions:
        return true()
    return col(region_column).in_(sorted(actor.region_ids))


def programme_scope(actor: Actor, programme_column: ColumnElement[int]) -> ColumnElement[bool]:
    """WHERE clause limiting a `programme_id` column to programmes in the actor's regions."""
    if actor.sees_all_regions:
        return true()
    visible = select(Programme.id).where(region_scope(actor, Programme.region_id))
    return col(programme_column).in_(visible)


def require_programme(
    session: Session, actor: Actor, programme_id: int, *, write: bool = False
) -> Programme:
    """The programme if the actor may see it (and edit it, with `write`); else AccessDenied.

    A programme outside the actor's regions is reported exactly like a missing one, so that ids
    of other regions' programmes cannot be probed.
    """
    programme = session.get(Programme, programme_id)
    if programme is None or not actor.may_see_region(programme.region_id):
        raise AccessDenied(f"programme {programme_id} is not visible to {actor.username}")
    if write and not actor.may_edit_region(programme.region_id):
        raise AccessDenied(f"{actor.username} may not edit programme {programme_id}")
    if write and is_archived(session, programme):
        raise ProgrammeArchived(f"programme {programme_id} is archived")
    return programme


def is_archived(session: Session, programme: Programme) -> bool:
    """An archived programme, or any programme of an archived region, takes no more writes."""
    if programme.archived_at is not None:
        return True
    region = session.get(Region, programme.region_id)
    return region is not None and region.archived_at is not None
