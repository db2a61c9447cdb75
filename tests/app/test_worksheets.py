"""Every question of every worksheet: answered through its widget, saved, kept on reload."""

from __future__ import annotations

import html
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import Company, WorksheetAnswer
from colead.services import accounts, export
from colead.services.answers import is_answered, subject_for
from colead.services.records import record_choices
from colead.ui.nav import worksheet_page
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import ColumnKind, Kind, Question, Worksheet
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text
from tests.unit.test_guideline_excel import exported_answers


def _open(at: AppTest, code: str) -> AppTest:
    return at.switch_page(worksheet_page(code).path).run(timeout=TIMEOUT)


def _programme_and_company(at: AppTest, sheet: Worksheet) -> tuple[int, int | None]:
    programme_id = at.session_state["colead_programme_id"]
    company_id = None
    if sheet.per_company:
        company_id = next(s for s in at.selectbox if s.label == "対象の企業").value
    return programme_id, company_id


def _key(sheet: Worksheet, company_id: int | None, question: Question) -> str:
    return f"ws:{sheet.code}|{subject_for(company_id)}|{question.id}"


def _sample_cell(column_kind: ColumnKind, options: tuple[str, ...]) -> Any:
    return {
        ColumnKind.NUMBER: 3,
        ColumnKind.DATE: "2026-12-03",
        ColumnKind.TIME: "10:00",
        ColumnKind.SELECT: options[0] if options else "x",
    }.get(column_kind, "テスト記入")


def _company_name(company_id: int | None) -> str | None:
    with session_scope() as session:
        return session.get(Company, company_id).name if company_id else None


def _first_record_name(at: AppTest, q: Question) -> str:
    """The first record the question's table offers (the programme's own records)."""
    with session_scope() as session:
        actor = accounts.load_actor(session, "staff")
        choices = record_choices(session, actor, at.session_state["colead_programme_id"], q.record)
    assert choices, f"the demo data has no {q.record} to link"
    return choices[0].label


def _answer(at: AppTest, sheet: Worksheet, company_id: int | None, q: Question) -> None:
    """Answer `q` the way a person does, through its widget, and run the app."""
    key = _key(sheet, company_id, q)
    if q.kind == Kind.TEXT:
        at.text_area(key=key).input(f"{q.id}の回答").run(timeout=TIMEOUT)
    elif q.kind == Kind.SINGLE:
        at.radio(key=key).set_value(q.options[0].id).run(timeout=TIMEOUT)  # widgets hold ids
    elif q.kind == Kind.MULTI:
        at.pills(key=key).set_value([q.options[0].id]).run(timeout=TIMEOUT)
    elif q.kind == Kind.CHECKLIST:
        at.checkbox(key=f"{key}:opt0").check().run(timeout=TIMEOUT)
    else:
        editor_key = next(k for k in at.session_state.to_dict() if k.startswith(f"{key}:table"))
        if q.kind == Kind.DATES:
            row = {"date": "2026-12-03"}
        else:
            row = {c.id: _sample_cell(c.kind, c.options) for c in q.columns}
            if q.kind == Kind.RECORDS:
                row["record"] = _first_record_name(at, q)
        at.session_state[editor_key] = {"edited_rows": {}, "added_rows": [row], "deleted_rows": []}
        at.run(timeout=TIMEOUT)
    assert not at.exception, (sheet.code, q.id, at.exception)


@pytest.mark.parametrize("code", list(WORKSHEETS))
def test_every_question_is_answered_saved_and_kept(demo_url: str, code: str) -> None:
    sheet = WORKSHEETS[code]
    at = _open(sign_in(new_app(), "staff"), code)
    assert not at.exception
    held_before: set[str] = set()
    if code == "B-1":  # the guideline's grid: a company's row with checks still open, every check
        grid = next(e for e in at.data_editor if "company" in e.value.columns).value
        index = next(i for i in range(len(grid)) if not grid.iloc[i, 1:].all())
        held_before = {qid for qid in grid.columns[1:] if grid.iloc[index][qid]}
        grid_key = next(k for k in at.session_state.to_dict() if k.startswith("b1grid:"))
        row = {q.id: True for q in sheet.questions()}  # every check ticked
        edits = {"edited_rows": {index: row}, "added_rows": [], "deleted_rows": []}
        at.session_state[grid_key] = edits
        next(b for b in at.button if b.label == "チェックを保存").click().run(timeout=TIMEOUT)
        programme_id = at.session_state["colead_programme_id"]
        with session_scope() as session:
            company_id = session.exec(
                select(Company.id)
                .where(Company.programme_id == programme_id)
                .order_by(Company.name, Company.id)
                .offset(index)
            ).first()
    else:
        programme_id, company_id = _programme_and_company(at, sheet)
        for question in sheet.questions():
            _answer(at, sheet, company_id, question)

    with session_scope() as session:
        rows = session.exec(
            select(WorksheetAnswer).where(
                WorksheetAnswer.programme_id == programme_id,
                WorksheetAnswer.worksheet == code,
                WorksheetAnswer.subject == subject_for(company_id),
            )
        ).all()
    stored = {row.question: row for row in rows}
    assert set(stored) == {q.id for q in sheet.questions()}
    assert all(is_answered(row.value) and row.answered for row in rows)
    assert {row.updated_by for row in rows if row.question not in held_before} == {"staff"}

    with session_scope() as session:
        staff = accounts.load_actor(session, "staff")
        book = load_workbook(BytesIO(export.workbook(session, staff, programme_id, [sheet])))
    if code == "B-1":  # the guideline's grid: the company's row has every check ticked
        name = _company_name(company_id)
        row = next(r for r in book[code].iter_rows(values_only=True) if r[0] == name)
        assert list(row[1:11]) == ["○"] * len(sheet.questions())
    else:
        exported = exported_answers(book[code])
        owner = _company_name(company_id) if sheet.per_company else ""
        for question in sheet.questions():
            answer = exported[(owner, question.label)]
            assert answer, f"{code} {question.id}: answer missing from the export"

    reloaded = _open(sign_in(new_app(), "admin"), code)
    if code == "B-1":
        grid = next(e for e in reloaded.data_editor if "company" in e.value.columns)
        assert grid.value.iloc[0, 1:].tolist() == [True] * len(sheet.questions())
        return
    for question in sheet.questions():
        key = _key(sheet, company_id, question)
        if question.kind == Kind.TEXT:
            assert reloaded.text_area(key=key).value == f"{question.id}の回答"
        elif question.kind == Kind.SINGLE:
            radio = reloaded.radio(key=key)
            assert radio.value == question.options[0].id
            assert radio.options == [o.label for o in question.options]  # people read labels
        elif question.kind == Kind.MULTI:
            pills = reloaded.pills(key=key)
            assert pills.value == [question.options[0].id]
            assert pills.options == [o.label for o in question.options]
        elif question.kind == Kind.CHECKLIST:
            assert reloaded.checkbox(key=f"{key}:opt0").value is True
    assert "保存済み" in visible_text(reloaded)
    assert "（自治体職員（デモ））" in visible_text(reloaded)  # who saved it, by name
    assert "（staff）" not in visible_text(reloaded)


def _first_text_question(sheet: Worksheet) -> Question:
    return next(q for q in sheet.questions() if q.kind == Kind.TEXT)


def test_two_people_collide_on_one_answer_and_nothing_is_lost(demo_url: str) -> None:
    sheet = next(s for s in WORKSHEETS.values() if not s.per_company)
    question = _first_text_question(sheet)
    alice = _open(sign_in(new_app(), "staff"), sheet.code)
    bob = _open(sign_in(new_app(), "admin"), sheet.code)  # loaded before alice saves
    key = _key(sheet, None, question)

    alice.text_area(key=key).input("アリスの案：地域の食と人").run(timeout=TIMEOUT)
    bob.text_area(key=key).input("ボブの案：温泉と伝統工芸").run(timeout=TIMEOUT)

    text = visible_text(bob)
    assert "自治体職員（デモ） さんが" in text and "先に保存しました" in text
    assert [t.value for t in bob.text if "アリスの案" in t.value]  # their text is shown
    assert [t.value for t in bob.text if "ボブの案" in t.value]  # and his own
    assert bob.text_area(key=key).value == "ボブの案：温泉と伝統工芸"  # still in his box
    with session_scope() as session:
        saved = session.exec(
            select(WorksheetAnswer.value).where(
                WorksheetAnswer.question == question.id, WorksheetAnswer.worksheet == sheet.code
            )
        ).one()
    assert saved == "アリスの案：地域の食と人"

    next(b for b in bob.button if b.label == "自分の入力で上書き保存").click().run(timeout=TIMEOUT)
    assert "先に保存しました" not in visible_text(bob)
    alice.run(timeout=TIMEOUT)
    assert alice.text_area(key=key).value == "ボブの案：温泉と伝統工芸"


def test_every_run_sends_the_stored_answer_to_the_browser(demo_url: str) -> None:
    """The box's value travels with every run, not only with the run that loaded it.

    A run stopped by a click (a sidebar link pressed while the page still loads after a
    reload) may never have brought the loaded answer to the browser; if the next run did not
    send it again, the browser drew an empty box over the stored answer (seen in CI).
    """
    sheet = next(s for s in WORKSHEETS.values() if not s.per_company)
    question = _first_text_question(sheet)
    key = _key(sheet, None, question)
    at = _open(sign_in(new_app(), "staff"), sheet.code)
    at.text_area(key=key).input("保存した答え").run(timeout=TIMEOUT)
    for _ in range(2):  # runs that change nothing, e.g. a click on the sheet's own link
        at = _open(at, sheet.code)
        box = at.text_area(key=key).proto
        assert box.set_value and box.value == "保存した答え"


def test_taking_the_saved_version_replaces_the_own_input(demo_url: str) -> None:
    sheet = next(s for s in WORKSHEETS.values() if not s.per_company)
    question = _first_text_question(sheet)
    key = _key(sheet, None, question)
    alice = _open(sign_in(new_app(), "staff"), sheet.code)
    bob = _open(sign_in(new_app(), "admin"), sheet.code)
    alice.text_area(key=key).input("先の案").run(timeout=TIMEOUT)
    bob.text_area(key=key).input("後の案").run(timeout=TIMEOUT)
    next(b for b in bob.button if b.label == "保存されている内容を使う").click().run(
        timeout=TIMEOUT
    )
    assert bob.text_area(key=key).value == "先の案"
    bob.text_area(key=key).input("先の案に追記").run(timeout=TIMEOUT)  # saves normally now
    assert "先に保存しました" not in visible_text(bob)


def test_a_hint_chip_adds_its_words_to_the_answer(demo_url: str) -> None:
    sheet, question = next(
        (s, q)
        for s in WORKSHEETS.values()
        if not s.per_company
        for q in s.questions()
        if q.kind == Kind.TEXT and q.hints
    )
    key = _key(sheet, None, question)
    at = _open(sign_in(new_app(), "staff"), sheet.code)
    at.text_area(key=key).input("既存の記述").run(timeout=TIMEOUT)
    at.pills(key=f"{key}:hint").set_value(question.hints[0]).run(timeout=TIMEOUT)
    assert at.text_area(key=key).value == f"既存の記述、{question.hints[0]}"
    with session_scope() as session:
        value = session.exec(
            select(WorksheetAnswer.value).where(WorksheetAnswer.question == question.id)
        ).one()
    assert value == f"既存の記述、{question.hints[0]}"
    # after a sentence, the next chip follows it without a stray 、 (no 「。、」)
    at.text_area(key=key).input("地域の魅力を書いた。").run(timeout=TIMEOUT)
    at.pills(key=f"{key}:hint").set_value(question.hints[1]).run(timeout=TIMEOUT)
    assert at.text_area(key=key).value == f"地域の魅力を書いた。{question.hints[1]}"


def test_viewers_read_answers_but_cannot_change_them(demo_url: str) -> None:
    sheet = next(s for s in WORKSHEETS.values() if not s.per_company)
    question = _first_text_question(sheet)
    key = _key(sheet, None, question)
    staff = _open(sign_in(new_app(), "staff"), sheet.code)
    staff.text_area(key=key).input("職員が書いた内容").run(timeout=TIMEOUT)
    viewer = _open(sign_in(new_app(), "viewer"), sheet.code)
    assert "閲覧のみです" in visible_text(viewer)
    assert viewer.text_area(key=key).value == "職員が書いた内容"
    assert viewer.text_area(key=key).disabled


def test_answers_are_kept_per_company(demo_url: str) -> None:
    sheet = next(s for s in WORKSHEETS.values() if s.per_company and s.code != "B-1")
    question = next(q for q in sheet.questions() if q.kind in (Kind.TEXT, Kind.SINGLE))
    at = _open(sign_in(new_app(), "staff"), sheet.code)
    picker = next(s for s in at.selectbox if s.label == "対象の企業")
    with session_scope() as session:
        programme_id = at.session_state["colead_programme_id"]
        companies = session.exec(
            select(Company.id).where(Company.programme_id == programme_id).order_by(Company.name)
        ).all()
    picker.set_value(companies[0]).run(timeout=TIMEOUT)
    _answer(at, sheet, companies[0], question)
    next(s for s in at.selectbox if s.label == "対象の企業").set_value(companies[1]).run(
        timeout=TIMEOUT
    )
    key = _key(sheet, companies[1], question)
    widget = at.text_area(key=key) if question.kind == Kind.TEXT else at.radio(key=key)
    assert not widget.value
    with session_scope() as session:
        subjects = session.exec(
            select(WorksheetAnswer.subject).where(
                WorksheetAnswer.programme_id == programme_id,
                WorksheetAnswer.worksheet == sheet.code,
                WorksheetAnswer.question == question.id,
            )
        ).all()
    assert subjects == [subject_for(companies[0])]


_PROJECTOR_CSS = "html { font-size: 26px; }"


def test_projector_mode_shows_one_step_at_a_time(demo_url: str) -> None:
    sheet = max((s for s in WORKSHEETS.values() if s.code != "B-1"), key=lambda s: len(s.steps))
    at = _open(sign_in(new_app(), "staff"), sheet.code)
    headings = [h.value for h in at.subheader]
    assert [f"{step.id} {step.title}" for step in sheet.steps] == [
        h for h in headings if h.startswith("STEP")
    ]
    at.toggle(key="colead_projector").set_value(True).run(timeout=TIMEOUT)
    shown = [h.value for h in at.subheader if h.value.startswith("STEP")]
    assert shown == [f"{sheet.steps[0].id} {sheet.steps[0].title}"]
    assert any(_PROJECTOR_CSS in h.proto.body for h in at.get("html"))  # sidebar hidden, type up
    next(b for b in at.button if b.label == "次のSTEP →").click().run(timeout=TIMEOUT)
    shown = [h.value for h in at.subheader if h.value.startswith("STEP")]
    assert shown == [f"{sheet.steps[1].id} {sheet.steps[1].title}"]
    at.toggle(key="colead_projector").set_value(False).run(timeout=TIMEOUT)
    assert len([h for h in at.subheader if h.value.startswith("STEP")]) == len(sheet.steps)
    assert not any(_PROJECTOR_CSS in h.proto.body for h in at.get("html"))


def test_printable_view_lists_the_answers_as_text(demo_url: str) -> None:
    sheet = next(s for s in WORKSHEETS.values() if not s.per_company)
    question = _first_text_question(sheet)
    at = _open(sign_in(new_app(), "staff"), sheet.code)
    at.text_area(key=_key(sheet, None, question)).input("印刷して配る内容").run(timeout=TIMEOUT)
    assert at.get("download_button")[0].proto.label == "Excelに書き出す"
    at.toggle(key=f"ws:{sheet.code}:print").set_value(True).run(timeout=TIMEOUT)
    assert not at.text_area  # no inputs: a page to print
    sheet_html = "".join(h.proto.body for h in at.get("html"))
    assert "印刷して配る内容" in sheet_html
    assert f"● {html.escape(question.label)}" in sheet_html


def test_b1_is_a_grid_of_companies_and_checks_with_readiness(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "B-1")
    grid = next(e for e in at.data_editor if "company" in e.value.columns)
    assert list(grid.value.columns)[1:] == [q.id for q in WORKSHEETS["B-1"].questions()]
    assert len(grid.value) >= 2  # every candidate company is a row
    assert "まだプロジェクトを開始できません" in visible_text(at)
    checks = ["acceptance_executive", "acceptance_field", "acceptance_team"]
    index = next(i for i in range(len(grid.value)) if not grid.value.iloc[i][checks].any())
    company_name = grid.value["company"].iloc[index]
    assert f"{company_name}：まだプロジェクトを開始できません" in visible_text(at)
    edits = {index: dict.fromkeys(checks, True)}
    key = next(k for k in at.session_state.to_dict() if k.startswith("b1grid:"))
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    next(b for b in at.button if b.label == "チェックを保存").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert f"{company_name}：受入体制が整っています。" in visible_text(at)


def test_a3_timetable_warns_past_two_hours(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "A-3")
    assert "ミートアップのタイムスケジュール" in visible_text(at)
    at.number_input(key="agenda:meetup:c").set_value(2).run(timeout=TIMEOUT)
    at.number_input(key="agenda:meetup:p").set_value(3).run(timeout=TIMEOUT)
    assert "合計115分" in visible_text(at) and "超えています" not in visible_text(at)
    at.number_input(key="agenda:meetup:p").set_value(12).run(timeout=TIMEOUT)
    assert "合計160分" in visible_text(at) and "120分を超えています" in visible_text(at)
    table = next(d for d in at.dataframe if "内容" in d.value.columns)
    assert table.value["内容"].tolist()[0] == "趣旨説明"
    assert table.value["時刻"].tolist()[0] == "19:00–19:15"


def test_b5_lists_a_pre_meeting_agenda_per_participating_company(demo_url: str) -> None:
    sheet = WORKSHEETS["B-5"]
    at = _open(sign_in(new_app(), "staff"), "B-5")
    assert "参加企業を上の表で選ぶと" in visible_text(at)
    question = next(
        q for q in sheet.questions() if q.kind == Kind.RECORDS and q.record == "company"
    )
    _answer(at, sheet, None, question)
    name = _first_record_name(at, question)
    assert f"**{name}**（13:00–14:00）" in visible_text(at)
