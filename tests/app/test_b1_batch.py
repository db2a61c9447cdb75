"""B-1's grid in a form: ticks wait in the browser and one button saves them all (#17 item 6).

The browser sends a form's data editor state (every cell edited since the grid was drawn) only
when the form's button is pressed, so the tests set that state as the browser keeps it, then
press 保存 once, or run without pressing it (another widget's rerun).
"""

from __future__ import annotations

import json

import pandas as pd
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import Company, WorksheetAnswer
from colead.services import screening
from colead.ui.nav import worksheet_page
from colead.ui.screening_grid import CHECK_WIDTH
from colead.worksheets import WORKSHEETS
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

SAVE = "チェックを保存"
ACCEPTANCE = list(screening.ACCEPTANCE_CHECKS)


def _open(user: str) -> AppTest:
    at = sign_in(new_app(), user).switch_page(worksheet_page("B-1").path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _grid(at: AppTest) -> pd.DataFrame:
    return next(e for e in at.data_editor if "company" in e.value.columns).value


def _key(at: AppTest) -> str:
    keys = [k for k in at.session_state.to_dict() if k.startswith("b1grid:")]
    assert len(keys) == 1, keys
    return keys[0]


def _tick(at: AppTest, edited_rows: dict[int, dict[str, bool]]) -> None:
    """Set the grid's state as the browser holds it: every cell changed since it was drawn."""
    at.session_state[_key(at)] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}


def _save(at: AppTest) -> None:
    buttons = [b for b in at.button if b.label == SAVE]
    assert len(buttons) == 1, [b.label for b in at.button]
    buttons[0].click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception


def _stored(at: AppTest) -> dict[tuple[str, str], bool]:
    """(company name, question id) → whether the stored answer holds, for the whole programme."""
    programme_id = at.session_state["colead_programme_id"]
    with session_scope() as session:
        rows = session.exec(
            select(Company.name, WorksheetAnswer.question, WorksheetAnswer.value)
            .join(Company, Company.id == WorksheetAnswer.company_id)
            .where(
                Company.programme_id == programme_id,
                WorksheetAnswer.worksheet == screening.SCREENING,
            )
        ).all()
    return {(name, question): screening.holds(value) for name, question, value in rows}


def _open_cells(grid: pd.DataFrame, count: int) -> list[tuple[int, str]]:
    """`count` unticked (row, question) cells, taken from the companies in turn."""
    by_row = [
        [(row, qid) for qid in grid.columns[1:] if not grid.iloc[row][qid]]
        for row in range(len(grid))
    ]
    cells = [
        cell
        for turn in range(len(grid.columns))
        for row_cells in by_row
        if turn < len(row_cells)
        for cell in [row_cells[turn]]
    ]
    assert len(cells) >= count and len({row for row, _ in cells[:count]}) >= 2, cells
    return cells[:count]


def _as_edits(cells: list[tuple[int, str]]) -> dict[int, dict[str, bool]]:
    edits: dict[int, dict[str, bool]] = {}
    for row, qid in cells:
        edits.setdefault(row, {})[qid] = True
    return edits


def test_ticks_wait_for_the_button_and_one_press_saves_them_all(demo_url: str) -> None:
    at = _open("staff")
    grid = _grid(at)
    key = _key(at)
    cells = _open_cells(grid, 5)
    before = _stored(at)
    _tick(at, _as_edits(cells))
    at.run(timeout=TIMEOUT)  # another widget's rerun: the form was not submitted
    assert _stored(at) == before  # nothing saved yet
    assert _key(at) == key  # the same grid: the browser keeps the ticks

    _save(at)
    stored = _stored(at)
    names = grid["company"].tolist()
    assert all(stored[(names[row], qid)] for row, qid in cells)
    assert f"{len(cells)}件のチェックを保存しました。" in visible_text(at)
    assert _key(at) == key  # still the same grid: nothing the person ticked is redrawn away
    assert "先に保存しました" not in visible_text(at)

    reloaded = _open("admin")
    shown = _grid(reloaded)
    assert all(shown.iloc[row][qid] for row, qid in cells)


def test_readiness_below_follows_the_save_in_the_same_run(demo_url: str) -> None:
    at = _open("staff")
    grid = _grid(at)
    row = next(i for i in range(len(grid)) if not grid.iloc[i][ACCEPTANCE].any())
    name = grid["company"].iloc[row]
    assert f"{name}：まだプロジェクトを開始できません" in visible_text(at)
    _tick(at, {row: dict.fromkeys(ACCEPTANCE, True)})
    at.run(timeout=TIMEOUT)
    assert f"{name}：まだプロジェクトを開始できません" in visible_text(at)  # not saved yet
    _save(at)
    assert f"{name}：受入体制が整っています。" in visible_text(at)


def test_a_second_batch_saves_only_what_changed_since_the_first(demo_url: str) -> None:
    at = _open("staff")
    grid = _grid(at)
    key = _key(at)
    first, second = _open_cells(grid, 4)[:2], _open_cells(grid, 4)[2:]
    _tick(at, _as_edits(first))
    _save(at)
    assert f"{len(first)}件のチェックを保存しました。" in visible_text(at)
    edits = _as_edits(first + second)
    row, qid = first[0]
    edits[row][qid] = False  # and one of the first batch unticked again
    _tick(at, edits)  # the browser's state is cumulative
    _save(at)
    assert f"{len(second) + 1}件のチェックを保存しました。" in visible_text(at)
    assert _key(at) == key
    stored = _stored(at)
    names = grid["company"].tolist()
    assert stored[(names[row], qid)] is False
    assert all(stored[(names[r], q)] for r, q in first[1:] + second)
    assert "先に保存しました" not in visible_text(at)  # never in conflict with oneself


def test_pressing_save_with_nothing_ticked_says_so(demo_url: str) -> None:
    at = _open("staff")
    before = _stored(at)
    _save(at)
    assert "変更されたチェックはありません。" in visible_text(at)
    assert _stored(at) == before


def test_a_cell_someone_else_saved_first_is_refused_and_named_the_rest_is_saved(
    demo_url: str,
) -> None:
    alice, bob = _open("staff"), _open("admin")  # both drew the same grid
    grid = _grid(bob)
    cells = _open_cells(grid, 2)
    row, contested = cells[0]
    other_row, other = next(cell for cell in cells if cell[0] != row)
    _tick(alice, {row: {contested: True}})
    _save(alice)

    bob_key = _key(bob)
    _tick(bob, {row: {contested: True}, other_row: {other: True}})
    bob.run(timeout=TIMEOUT)  # a rerun before his save: his grid (and his ticks) are kept
    assert _key(bob) == bob_key
    assert "ほかの人がこのページのチェックを更新しました" in visible_text(bob)
    _save(bob)
    text = visible_text(bob)
    name = grid["company"].iloc[row]
    assert f"{name} の項目は 自治体職員（デモ） さんが先に「はい」に更新しました" in text
    assert "1件のチェックを保存しました。" in text
    stored = _stored(bob)
    assert stored[(name, contested)] is True  # Alice's answer stands
    assert stored[(grid["company"].iloc[other_row], other)] is True  # Bob's other tick saved
    with session_scope() as session:
        by = session.exec(
            select(WorksheetAnswer.updated_by).where(
                WorksheetAnswer.worksheet == screening.SCREENING,
                WorksheetAnswer.question == contested,
                WorksheetAnswer.company_id == _company_id(bob, name),
            )
        ).one()
    assert by == "staff"
    assert _key(bob) != bob_key  # drawn afresh from what is stored
    assert _grid(bob).iloc[row][contested]


def _company_id(at: AppTest, name: str) -> int:
    programme_id = at.session_state["colead_programme_id"]
    with session_scope() as session:
        return session.exec(
            select(Company.id).where(Company.programme_id == programme_id, Company.name == name)
        ).one()


def test_the_headers_are_numbers_with_the_full_check_as_help(demo_url: str) -> None:
    at = _open("staff")
    editor = next(e for e in at.data_editor if "company" in e.value.columns)
    config = json.loads(editor.proto.columns)  # the column config as the browser receives it
    assert config["company"]["pinned"] is True
    questions = WORKSHEETS["B-1"].questions()
    for number, question in zip("①②③④⑤⑥⑦⑧⑨⑩", questions, strict=True):
        assert config[question.id]["label"] == number
        assert config[question.id]["help"].startswith(f"{number} {question.label}（STEP")
        assert config[question.id]["width"] == CHECK_WIDTH
    assert "① 地域未来牽引企業の認定" in visible_text(at)  # the legend above the grid


def test_a_viewer_sees_the_grid_without_a_save_button(demo_url: str) -> None:
    at = _open("viewer")
    assert not [b for b in at.button if b.label == SAVE]
    assert _grid(at) is not None
