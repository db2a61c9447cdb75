"""The audit log: who saw, exported, changed or erased what, and when; written by every
service that does so, read by admins with filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from colead.i18n import jst_midnight
from colead.models import AuditLog, Region, Role
from colead.services.access import Actor, require_role
from colead.services.errors import InputError
from colead.services.paging import PER_PAGE, Page, clamp


def record(
    session: Session,
    username: str,
    action: str,
    *,
    target: str = "",
    region_id: int | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditLog(
            username=username, action=action, target=target, region_id=region_id, detail=detail
        )
    )


# --- reading the log (admins) -------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to read; empty values do not filter."""

    start: date | None = None  # JST days, inclusive
    end: date | None = None
    username: str = ""
    action: str = ""  # an action, or its prefix ending in "." ("talent.")
    target: str = ""  # part of the target ("talent:12", "company:")
    region_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    target: str
    region: str
    detail: str


def _where(chosen: AuditFilter) -> list[ColumnElement[bool]]:
    if chosen.start and chosen.end and chosen.start > chosen.end:
        raise InputError("audit.error.period")
    conditions: list[ColumnElement[bool]] = []
    if chosen.start:
        conditions.append(col(AuditLog.at) >= jst_midnight(chosen.start))
    if chosen.end:
        conditions.append(col(AuditLog.at) < jst_midnight(chosen.end + timedelta(days=1)))
    if chosen.username.strip():
        conditions.append(AuditLog.username == chosen.username.strip())
    action = chosen.action.strip()
    if action.endswith("."):
        conditions.append(col(AuditLog.action).startswith(action, autoescape=True))
    elif action:
        conditions.append(AuditLog.action == action)
    if chosen.target.strip():
        conditions.append(
            col(AuditLog.target).contains(chosen.target.strip()[:200], autoescape=True)
        )
    if chosen.region_id is not None:
        conditions.append(AuditLog.region_id == chosen.region_id)
    return conditions


def _rows(session: Session, statement) -> list[AuditRow]:  # type: ignore[no-untyped-def]
    return [
        AuditRow(
            id=entry.id or 0,
            at=entry.at,
            username=entry.username,
            action=entry.action,
            target=entry.target,
            region=f"{prefecture} {name}".strip() if name else "",
            detail=entry.detail,
        )
        for entry, name, prefecture in session.exec(statement).all()
    ]


def _select(chosen: AuditFilter):  # type: ignore[no-untyped-def]
    return (
        select(AuditLog, Region.name, Region.prefecture)
        .join(Region, col(Region.id) == col(AuditLog.region_id), isouter=True)
        .where(*_where(chosen))
        .order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())
    )


def read_log(
    session: Session,
    actor: Actor,
    chosen: AuditFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[AuditRow]:
    """A page of the log, newest first (admins only)."""
    require_role(actor, Role.ADMIN)
    total = session.exec(select(func.count()).select_from(AuditLog).where(*_where(chosen))).one()
    page = clamp(page, total, per_page)
    rows = _rows(session, _select(chosen).offset((page - 1) * per_page).limit(per_page))
    return Page(rows, int(total), page, per_page)


EXPORT_MAX = 50_000  # rows of one CSV: narrow the filter for more


def export_log(session: Session, actor: Actor, chosen: AuditFilter) -> list[AuditRow]:
    """The filtered log for a CSV (newest first, at most EXPORT_MAX rows); the export is
    itself written to the log."""
    require_role(actor, Role.ADMIN)
    rows = _rows(session, _select(chosen).limit(EXPORT_MAX))
    record(session, actor.username, "audit.export", detail=str(len(rows)))
    return rows


def log_choices(session: Session, actor: Actor) -> tuple[list[str], list[str]]:
    """(user names, actions) found in the log, for the filters' choices."""
    require_role(actor, Role.ADMIN)
    users = session.exec(select(AuditLog.username).distinct().order_by(AuditLog.username)).all()
    actions = session.exec(select(AuditLog.action).distinct().order_by(AuditLog.action)).all()
    return list(users), list(actions)
