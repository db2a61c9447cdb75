"""Worksheet tables: every edit is saved and shown, or refused with a message naming the cell.

The browser sends a data editor's whole state (every row added, every cell edited since it
was drawn) with each change, so the tests set that state as the browser does: cumulatively.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import WorksheetAnswer
from colead.ui.nav import worksheet_page
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

ADVISORS = "ws:B-6||s2_advisors"
COMPANIES = "ws:B-5||s4_companies"


def _open(user: str, code: str) -> AppTest:
    return sign_in(new_app(), user).switch_page(worksheet_page(code).path).run(timeout=TIMEOUT)


def _editor_key(at: AppTest, question: str) -> str:
    keys = [k for k in at.session_state.to_dict() if k.startswith(f"{question}:table")]
    assert len(keys) == 1, keys
    return keys[0]


def _edit(at: AppTest, key: str, added: list[dict[str, Any]]) -> None:
    at.session_state[key] = {"edited_rows": {}, "added_rows": added, "deleted_rows": []}
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception


def _stored(sheet: str, question: str) -> Any:
    with session_scope() as session:
        return session.exec(
            select(WorksheetAnswer.value).where(
                WorksheetAnswer.worksheet == sheet, WorksheetAnswer.question == question
            )
        ).one_or_none()


ROW_ONE = {"name": "山田 太郎", "kind": "大学教員", "role": "釧路公立大学"}
ROW_TWO = {"name": "佐藤 花子", "kind": "経営支援機関等", "role": "商工会議所"}


def test_edits_one_after_another_are_all_saved_under_one_editor(demo_url: str) -> None:
    at = _open("staff", "B-6")
    key = _editor_key(at, ADVISORS)
    _edit(at, key, [{"name": ROW_ONE["name"]}])  # the first cell: saved, the version moves on
    assert _stored("B-6", "s2_advisors") == [{"name": ROW_ONE["name"]}]
    assert _editor_key(at, ADVISORS) == key  # the same editor: its edits are kept
    _edit(at, key, [ROW_ONE])  # the rest of row 1, on the same editor's state
    _edit(at, key, [ROW_ONE, ROW_TWO])
    assert _stored("B-6", "s2_advisors") == [ROW_ONE, ROW_TWO]
    assert _editor_key(at, ADVISORS) == key
    assert "先に保存しました" not in visible_text(at)  # never in conflict with oneself

    reloaded = _open("admin", "B-6")
    table = next(e for e in reloaded.data_editor if "name" in e.value.columns)
    assert table.value[["name", "kind", "role"]].to_dict("records") == [ROW_ONE, ROW_TWO]


def test_an_edit_after_someone_elses_save_is_refused_with_both_shown(demo_url: str) -> None:
    alice = _open("staff", "B-6")
    bob = _open("admin", "B-6")  # both drew the empty table
    _edit(alice, _editor_key(alice, ADVISORS), [ROW_ONE])
    _edit(bob, _editor_key(bob, ADVISORS), [ROW_TWO])
    text = visible_text(bob)
    assert "自治体職員（デモ） さんが" in text and "先に保存しました" in text
    shown = [t.value for t in bob.text]
    assert any(ROW_ONE["name"] in value for value in shown)  # theirs
    assert any(ROW_TWO["name"] in value for value in shown)  # and his own
    assert _stored("B-6", "s2_advisors") == [ROW_ONE]
    next(b for b in bob.button if b.label == "自分の入力で上書き保存").click().run(timeout=TIMEOUT)
    assert _stored("B-6", "s2_advisors") == [ROW_TWO]
    # Alice's table is drawn afresh from Bob's answer, and she edits on from there.
    alice.run(timeout=TIMEOUT)
    key = _editor_key(alice, ADVISORS)
    table = next(e for e in alice.data_editor if "name" in e.value.columns)
    assert table.value["name"].tolist() == [ROW_TWO["name"]]
    _edit(alice, key, [ROW_ONE])
    assert _stored("B-6", "s2_advisors") == [ROW_TWO, ROW_ONE]


def test_a_record_not_in_the_list_is_named_and_the_rest_is_saved(demo_url: str) -> None:
    at = _open("staff", "B-5")
    key = _editor_key(at, COMPANIES)
    _edit(at, key, [{"record": "登録されていない会社", "visit": "工場見学"}])
    text = visible_text(at)
    assert (
        "1行目の「企業」に入力された「登録されていない会社」は一覧にないため保存できません" in text
    )
    assert _stored("B-5", "s4_companies") == [{"visit": "工場見学"}]


def test_b1_ticks_one_after_another_are_all_saved_under_one_grid(demo_url: str) -> None:
    at = _open("staff", "B-1")
    grid = next(e for e in at.data_editor if "company" in e.value.columns).value
    index, first, second = next(
        (i, *open_checks[:2])
        for i in range(len(grid))
        if len(open_checks := [c for c in grid.columns[1:] if not grid.iloc[i][c]]) >= 2
    )
    key = next(k for k in at.session_state.to_dict() if k.startswith("b1grid:"))
    for ticks in ({first: True}, {first: True, second: True}):
        at.session_state[key] = {
            "edited_rows": {index: ticks},
            "added_rows": [],
            "deleted_rows": [],
        }
        next(b for b in at.button if b.label == "チェックを保存").click().run(timeout=TIMEOUT)
        assert not at.exception, at.exception
        assert next(k for k in at.session_state.to_dict() if k.startswith("b1grid:")) == key
    reloaded = _open("admin", "B-1")
    shown = next(e for e in reloaded.data_editor if "company" in e.value.columns).value
    assert shown.iloc[index][[first, second]].tolist() == [True, True]
    assert "先に保存しました" not in visible_text(at)
