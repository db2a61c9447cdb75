"""監査ログ as admins see it: newest first, filtered, a CSV (logged); not for staff."""

from __future__ import annotations

import csv
import io

import pytest

from tests.app.helpers import TIMEOUT, new_app, sign_in


def test_admins_read_and_filter_the_log(demo_url: str, downloads: dict[str, bytes]) -> None:
    at = sign_in(new_app(), "admin")
    at.switch_page("pages/audit.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "監査ログ" in [t.value for t in at.title]
    frame = at.dataframe[0].value
    assert "login.success" in set(frame["操作"])
    user = next(s for s in at.selectbox if s.label == "ユーザー")
    user.select("admin").run(timeout=TIMEOUT)
    assert set(at.dataframe[0].value["ユーザー"]) == {"admin"}
    rows = list(csv.reader(io.StringIO(downloads["audit-log.csv"].decode("utf-8-sig"))))
    assert rows[0] == ["日時", "ユーザー", "操作", "対象", "地域", "詳細"]
    assert {row[1] for row in rows[1:]} == {"admin"}


def test_staff_cannot_open_the_audit_log(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/audit.py").run(timeout=TIMEOUT)
