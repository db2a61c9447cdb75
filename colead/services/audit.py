"""Writing the audit log."""

from __future__ import annotations

from sqlmodel import Session

from colead.models import AuditLog


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
