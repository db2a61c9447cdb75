"""Reading the audit log: admins only, filtered, paged, newest first; the export is logged."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from colead.models import AuditLog, Region, Role
from colead.services import audit
from colead.services.access import AccessDenied
from colead.services.audit import AuditFilter
from colead.services.errors import InputError


@pytest.fixture
def log(write_session: Session) -> int:
    region = Region(name="釧路市", prefecture="北海道")
    write_session.add(region)
    write_session.flush()
    entries = [
        ("staff", "talent.view", "talent:1", region.id, datetime(2026, 11, 1, 1, tzinfo=UTC)),
        ("staff", "talent.erase", "talent:2", region.id, datetime(2026, 11, 2, 1, tzinfo=UTC)),
        ("admin", "account.create", "account:3", None, datetime(2026, 11, 3, 1, tzinfo=UTC)),
        # 2026-11-03 23:30 JST is still the 3rd in Japan
        (
            "admin",
            "talent.export",
            "programme:1",
            region.id,
            datetime(2026, 11, 3, 14, 30, tzinfo=UTC),
        ),
    ]
    for username, action, target, region_id, at in entries:
        write_session.add(
            AuditLog(username=username, action=action, target=target, region_id=region_id, at=at)
        )
    write_session.flush()
    return region.id


def test_filters_and_order(write_session: Session, log: int, make_actor) -> None:
    admin = make_actor(Role.ADMIN)
    page = audit.read_log(write_session, admin, AuditFilter())
    assert [r.action for r in page.rows] == [
        "talent.export",
        "account.create",
        "talent.erase",
        "talent.view",
    ]
    assert page.rows[0].region == "北海道 釧路市"

    def actions(**kw) -> list[str]:  # type: ignore[no-untyped-def]
        return [r.action for r in audit.read_log(write_session, admin, AuditFilter(**kw)).rows]

    assert actions(username="admin") == ["talent.export", "account.create"]
    assert actions(action="talent.") == ["talent.export", "talent.erase", "talent.view"]
    assert actions(action="talent.erase") == ["talent.erase"]
    assert actions(target="talent:2") == ["talent.erase"]
    assert actions(region_id=log) == ["talent.export", "talent.erase", "talent.view"]
    assert actions(start=date(2026, 11, 3), end=date(2026, 11, 3)) == [
        "talent.export",
        "account.create",
    ]
    assert actions(target="%") == []  # a wildcard is a plain character
    second = audit.read_log(write_session, admin, AuditFilter(), page=2, per_page=3)
    assert (second.total, second.pages, [r.action for r in second.rows]) == (4, 2, ["talent.view"])
    with pytest.raises(InputError, match=r"audit\.error\.period"):
        audit.read_log(
            write_session, admin, AuditFilter(start=date(2026, 12, 1), end=date(2026, 11, 1))
        )


def test_only_admins_read_it_and_an_export_is_logged(
    write_session: Session, log: int, make_actor
) -> None:
    with pytest.raises(AccessDenied):
        audit.read_log(write_session, make_actor(Role.STAFF, (log,)), AuditFilter())
    rows = audit.export_log(write_session, make_actor(Role.ADMIN), AuditFilter(username="staff"))
    assert len(rows) == 2
    assert (
        write_session.exec(select(AuditLog).where(AuditLog.action == "audit.export")).one().detail
        == "2"
    )
