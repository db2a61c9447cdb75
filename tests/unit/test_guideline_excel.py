"""The Excel export laid out as the guideline's worksheets (issue #17 item 4).

B-1 is the checklist grid (companies × ten checks, with the verdict), B-5's itinerary is its
grid of cells (days across, AM/PM down), A-3 and B-5 carry their computed timetables, and every
cell stays text, never a formula.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet as Sheet
from sqlmodel import Session

from colead.models import Company, Event, EventKind, Programme, Region, Role
from colead.services.access import Actor
from colead.services.agenda import PRE_MEETING_BLOCKS
from colead.services.answers import save_answer
from colead.services.export import workbook
from colead.worksheets import WORKSHEETS
from colead.worksheets.b_1 import AFFIRMATIVE

B1, A3, B5 = WORKSHEETS["B-1"], WORKSHEETS["A-3"], WORKSHEETS["B-5"]
EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def setting(write_session: Session, make_actor) -> tuple[int, dict[str, int], Actor]:  # type: ignore[no-untyped-def]
    region = Region(name="日光市", prefecture="栃木県")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="令和8年度 日光")
    write_session.add(programme)
    write_session.flush()
    companies = {
        name: Company(programme_id=programme.id, name=name)
        for name in ("日光精密", "鬼怒川旅館", EVIL)
    }
    write_session.add_all(companies.values())
    write_session.flush()
    staff = make_actor(Role.STAFF, (region.id,))
    return programme.id, {name: c.id for name, c in companies.items()}, staff


def _book(session: Session, actor: Actor, programme_id: int, codes: list[str]):  # type: ignore[no-untyped-def]
    data = workbook(session, actor, programme_id, [WORKSHEETS[c] for c in codes])
    return load_workbook(BytesIO(data))


def _rows(ws: Sheet) -> list[tuple]:  # type: ignore[type-arg]
    return [tuple(v for v in row) for row in ws.iter_rows(values_only=True)]


def _row_starting(ws: Sheet, first: object) -> int:
    """The number of the first row whose column A holds `first`."""
    return next(cell.row for cell in ws["A"] if cell.value == first)


def exported_answers(ws: Sheet) -> dict[tuple[str, str], str]:
    """(company or "", question label) → the cells under its ● row, joined by spaces: how a
    question sheet reads when printed. Reused by the export tests of tests/unit and tests/app."""
    found: dict[tuple[str, str], str] = {}
    company, question = "", None
    for row in ws.iter_rows(min_row=3, values_only=True):
        first, second = row[0], row[1] if len(row) > 1 else None
        if isinstance(first, str) and first.startswith("企業："):
            company, question = first.removeprefix("企業："), None
        elif isinstance(second, str) and second.startswith("● "):
            question = second.removeprefix("● ")
            found[(company, question)] = ""
        elif question is not None:
            cells = [str(v) for v in row[1:] if v not in (None, "")]
            if not cells:
                question = None
                continue
            found[(company, question)] = " ".join(
                filter(None, [found[(company, question)], *cells])
            )
    return found


def _check(session: Session, actor: Actor, programme_id: int, company: int, ids: list[str]):  # type: ignore[no-untyped-def]
    for question_id in ids:
        save_answer(
            session, actor, programme_id, B1, question_id, {"choice": AFFIRMATIVE}, 0, company
        )


def test_b1_is_the_grid_of_companies_by_ten_checks_with_the_verdict(write_session, setting):
    programme_id, companies, staff = setting
    acceptance = ["acceptance_executive", "acceptance_field", "acceptance_team"]
    _check(
        write_session, staff, programme_id, companies["日光精密"],
        ["transformation_vision", *acceptance],
    )  # fmt: skip
    _check(write_session, staff, programme_id, companies["鬼怒川旅館"], ["acceptance_field"])
    save_answer(
        write_session, staff, programme_id, B1, "region_business", {"choice": "no"}, 0,
        companies["鬼怒川旅館"],
    )  # fmt: skip
    ws = _book(write_session, staff, programme_id, ["B-1"])["B-1"]

    assert ws["A1"].value == "B-1 候補企業の要件整理"
    assert ws["A2"].value == "栃木県 日光市 ／ 令和8年度 日光"
    top = _row_starting(ws, "候補企業名")
    checks = [q.label for q in B1.questions()]
    assert len(checks) == 10
    # the STEP headings over their checks, the ten checks across, the verdict last
    steps = {c.value: c.column for c in ws[top] if c.value and str(c.value).startswith("STEP")}
    assert steps == {
        "STEP1 トランスフォーメーションへの意欲": 2,
        "STEP2 受入体制の整備": 6,
        "STEP3 地域課題への関心や貢献意欲": 9,
    }
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"B{top}:E{top}", f"F{top}:H{top}", f"I{top}:K{top}"} <= merged
    assert [c.value for c in ws[top + 1]][1:11] == checks
    assert ws.cell(row=top, column=12).value == "判定（受入体制の整備）"

    body = {row[0]: row[1:] for row in ws.iter_rows(min_row=top + 2, values_only=True)}
    # one row per company, by name (not a row per answer); a formula-like name stays text
    assert list(body) == ["'" + EVIL, "日光精密", "鬼怒川旅館"]
    by_label = dict(zip(checks, range(10), strict=True))
    ready = body["日光精密"]
    assert [checks[i] for i in range(10) if ready[i] == "○"] == [
        "経営者がビジョンを語れるか",
        "経営者の参加",
        "現場の巻き込み",
        "プロジェクトチームの組成",
    ]
    assert ready[10] == "整っている"
    partial = body["鬼怒川旅館"]
    assert partial[by_label["現場の巻き込み"]] == "○"
    assert partial[by_label["地域課題に直結する事業か"]] in ("", None)  # いいえ is not a check
    assert partial[10] == "未整備：経営者の参加、プロジェクトチームの組成"
    assert "はい" not in {v for row in _rows(ws) for v in row}
    assert ws.print_title_rows == f"${top}:${top + 1}"  # the headings repeat on every page


def test_b5_itinerary_is_a_grid_with_the_days_across(write_session, setting):
    programme_id, companies, staff = setting
    itinerary = [
        {"day": "１日目", "am": "現地への移動", "pm": "オリエンテーション"},
        {"day": "２日目", "am": "企業訪問②", "pm": EVIL},
        {"day": "３日目", "am": "プレゼンテーション準備", "pm": "企業へのプレゼンテーション"},
    ]
    save_answer(write_session, staff, programme_id, B5, "s4_itinerary", itinerary, 0)
    save_answer(
        write_session, staff, programme_id, B5, "s4_companies",
        [{"record_id": companies["日光精密"], "visit": "生産工程の視察"}], 0,
    )  # fmt: skip
    ws = _book(write_session, staff, programme_id, ["B-5"])["B-5"]

    question = next(c.row for c in ws["B"] if c.value == "● ツアーの行程（AM・PM）")
    grid = [
        [v for v in row if v not in (None, "")]
        for row in ws.iter_rows(min_row=question + 1, max_row=question + 3, values_only=True)
    ]
    assert grid == [
        ["日程", "１日目", "２日目", "３日目"],
        ["AM", "現地への移動", "企業訪問②", "プレゼンテーション準備"],
        ["PM", "オリエンテーション", "'" + EVIL, "企業へのプレゼンテーション"],
    ]
    evil = next(c for row in ws.iter_rows() for c in row if c.value == "'" + EVIL)
    assert evil.data_type == "s"
    # the company question is its grid too: the registry's name beside the typed text
    question = next(c.row for c in ws["B"] if c.value and "地域中小企業を記載" in c.value)
    assert [v for v in next(ws.iter_rows(min_row=question + 2, values_only=True)) if v] == [
        "日光精密",
        "生産工程の視察",
    ]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_an_unanswered_itinerary_keeps_the_guidelines_days(write_session, setting):
    programme_id, _, staff = setting
    ws = _book(write_session, staff, programme_id, ["B-5"])["B-5"]
    question = next(c.row for c in ws["B"] if c.value == "● ツアーの行程（AM・PM）")
    header = [v for v in next(ws.iter_rows(min_row=question + 1, values_only=True)) if v]
    assert header == ["日程", "１日目", "２日目", "３日目"]


def test_a3_carries_the_meetup_timetable(write_session, setting):
    programme_id, companies, staff = setting
    save_answer(
        write_session, staff, programme_id, A3, "s2_companies",
        [{"record_id": companies["日光精密"]}, {"record_id": companies["鬼怒川旅館"]}], 0,
    )  # fmt: skip
    book = _book(write_session, staff, programme_id, ["A-3"])
    assert book.sheetnames == ["A-3", "A-3 タイムスケジュール"]
    ws = book["A-3 タイムスケジュール"]
    header = _row_starting(ws, "時刻")
    table = [row[:3] for row in ws.iter_rows(min_row=header, values_only=True) if row[0]]
    assert table == [
        ("時刻", "内容", "分"),
        ("19:00–19:15", "趣旨説明", 15),
        ("19:15–19:35", "地域紹介", 20),
        ("19:35–20:05", "グループディスカッション", 30),
        ("20:05–20:35", "地域中小企業の紹介（15分×2社）", 30),
        ("20:35–20:40", "今後に関する説明", 5),
    ]
    notes = [c.value for c in ws["A"][2:header] if c.value]
    assert any("紹介する企業 2社" in n for n in notes)
    assert any(n.startswith("合計100分") for n in notes)


def test_a3_timetable_starts_with_the_meetup(write_session, setting):
    programme_id, _, staff = setting
    write_session.add(
        Event(
            programme_id=programme_id,
            kind=EventKind.MEETUP,
            title="日光ミートアップ",
            starts_at=datetime(2026, 12, 5, 11, 0, tzinfo=UTC),  # 20:00 in Japan
        )
    )
    write_session.flush()
    ws = _book(write_session, staff, programme_id, ["A-3"])["A-3 タイムスケジュール"]
    assert ws.cell(row=_row_starting(ws, "時刻") + 1, column=1).value == "20:00–20:15"
    assert any("日光ミートアップ" in str(c.value) for c in ws["A"])


def test_b5_carries_the_pre_meeting_agenda_per_company(write_session, setting):
    programme_id, companies, staff = setting
    save_answer(
        write_session, staff, programme_id, B5, "s4_companies",
        [{"record_id": companies["鬼怒川旅館"]}, {"record_id": companies[EVIL]}], 0,
    )  # fmt: skip
    save_answer(write_session, staff, programme_id, B5, "s4_pre_meeting", {"choice": "yes"}, 0)
    book = _book(write_session, staff, programme_id, ["B-5"])
    assert book.sheetnames == ["B-5", "B-5 事前顔合わせ"]
    ws = book["B-5 事前顔合わせ"]
    column = [c.value for c in ws["A"] if c.value]
    assert "鬼怒川旅館（13:00–14:00）" in column
    assert "'" + EVIL + "（14:00–15:00）" in column  # a company named like a formula stays text
    assert any("実施：実施する" in v for v in column)
    first = _row_starting(ws, "鬼怒川旅館（13:00–14:00）")
    agenda = [
        row[:3] for row in ws.iter_rows(min_row=first + 1, max_row=first + 5, values_only=True)
    ]
    assert agenda == [
        ("時刻", "内容", "分"),
        ("13:00–13:20", "企業紹介（事業概要、経営課題・ビジョンの説明）", 20),
        ("13:20–13:30", "高度デジタル人材の自己紹介", 10),
        ("13:30–13:50", "質疑応答", 20),
        ("13:50–14:00", PRE_MEETING_BLOCKS[-1][0], 10),
    ]  # fmt: skip
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", cell.coordinate


def test_the_whole_workbook_orders_timetables_after_their_sheets(write_session, setting):
    programme_id, _, staff = setting
    book = _book(write_session, staff, programme_id, list(WORKSHEETS))
    assert book.sheetnames == [
        "A-1", "A-2", "A-3", "A-3 タイムスケジュール", "A-4",
        "B-1", "B-2", "B-3", "B-4", "B-5", "B-5 事前顔合わせ", "B-6",
    ]  # fmt: skip
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row), ws.title
