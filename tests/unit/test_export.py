"""The Excel export: laid out like the guideline, Japanese intact, scoped, audited."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from colead.models import AuditLog, Company, Programme, Region, Role
from colead.services.access import AccessDenied
from colead.services.answers import save_answer
from colead.services.export import workbook, worksheet_rows
from tests.unit.test_answers import MULTI, PER_COMPANY, SHEET, TEXT
from tests.unit.test_guideline_excel import exported_answers


@pytest.fixture
def kaga(write_session: Session) -> dict[str, int]:
    region = Region(name="加賀市", prefecture="石川県")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="令和8年度 加賀")
    write_session.add(programme)
    write_session.flush()
    companies = [Company(programme_id=programme.id, name=n) for n in ("九谷焼窯元", "山代温泉旅館")]
    write_session.add_all(companies)
    write_session.flush()
    return {"region": region.id, "programme": programme.id, "kutani": companies[0].id}


def test_rows_follow_the_declaration_with_answers_as_text(write_session, kaga, make_actor):
    staff = make_actor(Role.STAFF, (kaga["region"],))
    save_answer(write_session, staff, kaga["programme"], SHEET, TEXT.id, "温泉と工芸の街", 0)
    save_answer(
        write_session,
        staff,
        kaga["programme"],
        SHEET,
        MULTI.id,
        {"choices": ["SNS", "その他（具体的に）"], "other": "回覧板"},
        0,
    )
    rows = worksheet_rows(write_session, staff, kaga["programme"], SHEET)
    assert [r.question for r in rows] == [q.label for q in SHEET.questions()]
    answers = {r.question: r.answer for r in rows}
    assert answers[TEXT.label] == "温泉と工芸の街"
    assert answers[MULTI.label] == "SNS、その他（具体的に）：回覧板"
    assert answers["候補日"] == ""  # unanswered questions keep their row


def test_per_company_sheets_list_every_company(write_session, kaga, make_actor):
    staff = make_actor(Role.STAFF, (kaga["region"],))
    save_answer(
        write_session,
        staff,
        kaga["programme"],
        PER_COMPANY,
        TEXT.id,
        "海外展開",
        0,
        company_id=kaga["kutani"],
    )
    rows = worksheet_rows(write_session, staff, kaga["programme"], PER_COMPANY)
    assert [(r.company, r.answer) for r in rows] == [
        ("九谷焼窯元", "海外展開"),
        ("山代温泉旅館", ""),
    ]


def test_workbook_holds_the_answers_in_japanese_and_is_audited(write_session, kaga, make_actor):
    staff = make_actor(Role.STAFF, (kaga["region"],))
    save_answer(write_session, staff, kaga["programme"], SHEET, TEXT.id, "温泉と工芸の街", 0)
    data = workbook(write_session, staff, kaga["programme"], [SHEET, PER_COMPANY])
    book = load_workbook(BytesIO(data))
    assert book.sheetnames == ["A-9", "B-9"]
    sheet = book["A-9"]
    assert sheet["A1"].value == "A-9 テスト"
    assert sheet["A2"].value == "石川県 加賀市 ／ 令和8年度 加賀"
    assert sheet["A3"].value == "目的"  # the worksheet's lead, as the guideline opens it
    answers = exported_answers(sheet)
    assert answers[("", TEXT.label)] == "温泉と工芸の街"
    assert answers[("", "候補日")] == ""  # an unanswered question keeps its place
    assert sheet["A5"].value == "STEP1 一"  # the STEP box beside its questions
    per_company = exported_answers(book["B-9"])
    assert set(per_company) == {("九谷焼窯元", TEXT.label), ("山代温泉旅館", TEXT.label)}
    assert [b.id for b in book["B-9"].row_breaks.brk]  # one company's worksheet per page
    logged = write_session.exec(select(AuditLog.action, AuditLog.target)).all()
    assert ("export.worksheets", "A-9,B-9") in logged


def test_other_regions_cannot_export(write_session, kaga, make_actor):
    with pytest.raises(AccessDenied):
        workbook(write_session, make_actor(Role.STAFF, (999,)), kaga["programme"], [SHEET])
