"""Exports as pages offer them (issue #11, items 8 and 9): the dashboard's CSV quotes a
milestone that would be a formula, and a file that cannot be made is said in Japanese on the
page instead of failing without a word."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import Milestone
from tests.app.helpers import TIMEOUT, new_app, sign_in

FORMULA = '=HYPERLINK("http://127.0.0.1/x","クリック")'
FAILED = "ファイルを作成できませんでした"


def test_dashboard_csv_quotes_a_milestone_that_would_be_a_formula(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    with session_scope(write=True) as s:
        for milestone in s.exec(select(Milestone)):
            milestone.title = FORMULA
            s.add(milestone)
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/dashboard.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    rows = list(csv.reader(io.StringIO(downloads["milestones.csv"].decode("utf-8-sig"))))
    titles = {row[2] for row in rows[1:]}
    assert titles == {"'" + FORMULA}


def _page() -> None:
    from colead.ui.exports import download_button

    def broken() -> bytes:
        raise RuntimeError("the database went away")

    download_button("CSVをダウンロード", broken, key="k", file_name="broken.csv", mime="text/csv")
    download_button("Excel", lambda: b"PK", key="ok", file_name="fine.xlsx", mime="x")


def test_a_file_that_cannot_be_made_is_said_in_japanese_once(
    db_url: str, download_makers: dict[str, Callable[[], bytes]]
) -> None:
    at = AppTest.from_function(_page, default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert download_makers["fine.xlsx"]() == b"PK"
    try:  # the click: Streamlit answers the browser that the file failed
        download_makers["broken.csv"]()
    except RuntimeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a failed file must not be sent as if it were made")
    at.run()  # the next run (the person's next click anywhere on the page)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ファイルを作成できませんでした。時間をおいてもう一度お試しください。"
        "続くときは管理者にお知らせください。"
    ]
    at.run()  # said once, not on every later run
    assert not at.error
