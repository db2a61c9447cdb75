"""No exported cell is a formula (issue #11, items 8 and 9).

Every CSV and Excel writer of the app is fed text that a spreadsheet would run as a formula
(OWASP's CSV-injection starters `=`, `+`, `-`, `@`, tab, carriage return) and a name holding a
bell character, which an .xlsx cannot hold: the text cells come out quoted with `'`, the
workbooks hold no formula cell and no bell, numbers stay numbers, and nothing raises.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from colead.models import Company, Programme, Region, Role, Talent
from colead.services import relationships as rel
from colead.services.answers import save_answer
from colead.services.breakout import Attendee
from colead.services.breakout_groups import BreakoutPlan, groups_frame
from colead.services.cells import safe_cell, safe_frame, safe_text
from colead.services.export import workbook
from colead.services.table_export import company_frame, talent_frame, to_csv_bytes, to_xlsx_bytes
from colead.services.talent import TalentFilter
from colead.ui.exports import ExportTrack, guarded
from tests.unit.test_answers import PER_COMPANY, SHEET, TEXT

PAYLOADS = (
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
)
BELL_NAME = "鈴木\x07太郎"
STARTERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


# --- the helper -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS)
def test_text_that_would_be_a_formula_is_quoted_and_kept_readable(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["＝1+1", "＋81 90", "－3", "＠SUM(A1)"])
def test_full_width_starters_are_quoted_too(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["山田 花子", "東京都", "2026-11-24", "a=b", "1-2", "", "'already quoted"]
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert safe_text(text) == text


def test_characters_excel_cannot_hold_are_removed_but_line_breaks_kept() -> None:
    assert safe_text(BELL_NAME) == "鈴木太郎"
    assert safe_text("a\x00b\x0bc\x1fd") == "abcd"
    assert safe_text("一行目\n二行目") == "一行目\n二行目"
    assert safe_text("\x07=1") == "'=1"  # removed first, then checked


def test_numbers_dates_and_empty_cells_stay_what_they_are() -> None:
    for value in (3, -3, 2.5, -0.5, None, date(2026, 11, 24), True):
        assert safe_cell(value) == value and type(safe_cell(value)) is type(value)
    frame = pd.DataFrame({"=見出し": ["-3℃", "+81 90"], "人数": [-1, 2]})
    safe = safe_frame(frame)
    assert list(safe.columns) == ["'=見出し", "人数"]
    assert safe["'=見出し"].tolist() == ["'-3℃", "'+81 90"]
    assert safe["人数"].tolist() == [-1, 2] and safe["人数"].dtype.kind == "i"
    assert frame["=見出し"].tolist() == ["-3℃", "+81 90"]  # the caller's frame is not changed


# --- what a file must look like ---------------------------------------------------------------


def _csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _assert_safe_csv(data: bytes, expected: tuple[str, ...] = PAYLOADS) -> list[str]:
    cells = [cell for row in _csv_cells(data) for cell in row]
    for cell in cells:
        if not NUMBER.fullmatch(cell):  # a number the app wrote (a count) stays a number
            assert not cell.startswith(STARTERS), repr(cell)
        assert "\x07" not in cell
    for text in expected:
        assert "'" + text in cells, text
    return cells


def _assert_safe_xlsx(data: bytes, expected: tuple[str, ...] = PAYLOADS) -> list:  # type: ignore[type-arg]
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(STARTERS), repr(cell.value)
            assert "\x07" not in cell.value
    values = [cell.value for cell in cells]
    for text in expected:  # XML reads a bare CR back as a line feed
        assert "'" + text.replace("\r", "\n") in values, text
    return cells


@pytest.fixture
def programme(write_session: Session) -> dict[str, int]:
    region = Region(name="加賀市", prefecture="石川県")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="=1+1 加賀")
    write_session.add(programme)
    write_session.flush()
    return {"region": region.id, "programme": programme.id}


def _people(s: Session, pid: int) -> list[Talent]:
    people = [
        Talent(
            programme_id=pid,
            name=name,
            email=f"p{i}@example.jp",
            affiliation="+81 3 1234 5678",
            note="-3℃の朝",
            applied_on=date(2026, 6, 1),
        )
        for i, name in enumerate((*PAYLOADS, BELL_NAME))
    ]
    s.add_all(people)
    s.flush()
    return people


# --- every writer -----------------------------------------------------------------------------


def test_talent_export(write_session: Session, programme, make_actor) -> None:  # type: ignore[no-untyped-def]
    staff = make_actor(Role.STAFF, (programme["region"],))
    _people(write_session, programme["programme"])
    frame = talent_frame(write_session, staff, programme["programme"], TalentFilter())
    extra = ("+81 3 1234 5678", "-3℃の朝")
    cells = _assert_safe_csv(to_csv_bytes(frame), PAYLOADS + extra)
    assert "鈴木太郎" in cells
    xlsx = _assert_safe_xlsx(to_xlsx_bytes(frame, "人材台帳"), PAYLOADS + extra)
    assert "鈴木太郎" in [c.value for c in xlsx]
    assert '\'=HYPERLINK("http://x","y")' in [c.value for c in xlsx if c.data_type == "s"]


def test_company_export_keeps_employee_counts_numbers(
    write_session: Session, programme, make_actor
) -> None:  # type: ignore[no-untyped-def]
    staff = make_actor(Role.STAFF, (programme["region"],))
    write_session.add_all(
        Company(
            programme_id=programme["programme"],
            name=name,
            industry="@製造",
            employees=12,
            address="-",
            note=name,
        )
        for name in (*PAYLOADS, BELL_NAME)
    )
    write_session.flush()
    frame = company_frame(write_session, staff, programme["programme"])
    _assert_safe_csv(to_csv_bytes(frame), (*PAYLOADS, "@製造", "-"))
    cells = _assert_safe_xlsx(to_xlsx_bytes(frame, "企業台帳"), (*PAYLOADS, "@製造", "-"))
    counts = [c for c in cells if c.column == 3 and c.row > 1]
    assert counts and all(c.value == 12 and c.data_type == "n" for c in counts)


def test_worksheet_workbook(write_session: Session, programme, make_actor) -> None:  # type: ignore[no-untyped-def]
    staff = make_actor(Role.STAFF, (programme["region"],))
    pid = programme["programme"]
    save_answer(write_session, staff, pid, SHEET, TEXT.id, '=HYPERLINK("http://x","y")', 0)
    companies = [Company(programme_id=pid, name=name) for name in (*PAYLOADS[1:], BELL_NAME)]
    write_session.add_all(companies)
    write_session.flush()
    for company in companies:
        answer = "@" + company.name
        save_answer(
            write_session, staff, pid, PER_COMPANY, TEXT.id, answer, 0, company_id=company.id
        )
    answers = ('=HYPERLINK("http://x","y")', *("@" + c.name for c in companies[:-1]))
    cells = _assert_safe_xlsx(workbook(write_session, staff, pid, [SHEET, PER_COMPANY]), answers)
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert "石川県 加賀市 ／ =1+1 加賀" in values  # inside the text: not a formula, not quoted
    assert "'@鈴木太郎" in values  # the bell is gone, the formula quoted
    # each company heads its own page, by name, inside the text
    assert all(any(name.strip() in v for v in values) for name in ("+1+1", "-2+3", "鈴木太郎"))


def test_consent_export_to_another_municipality(
    write_session: Session, programme, make_actor
) -> None:  # type: ignore[no-untyped-def]
    staff = make_actor(Role.STAFF, (programme["region"],))
    for person in _people(write_session, programme["programme"]):
        rel.grant_consent(write_session, staff, person.id, "他自治体", date(2026, 7, 1))
    frame = rel.consent_export(
        write_session, staff, programme["programme"], "他自治体", date(2026, 11, 24)
    )
    assert len(frame) == len(PAYLOADS) + 1
    assert "鈴木太郎" in _assert_safe_csv(to_csv_bytes(frame), (*PAYLOADS, "+81 3 1234 5678"))
    cells = _assert_safe_xlsx(to_xlsx_bytes(frame, "共有人材"))
    assert "鈴木太郎" in [c.value for c in cells]


def test_breakout_groups_keep_group_numbers_numbers() -> None:
    people = [
        Attendee(talent_id=i, name=name, skills=("engineer",))
        for i, name in enumerate((*PAYLOADS, BELL_NAME))
    ]
    plan = BreakoutPlan(
        event_title="=1",
        starts_at=datetime(2026, 7, 4, 10, tzinfo=UTC),
        basis="attended",
        groups=[people[:4], people[4:]],
    )
    frame = groups_frame(plan, {"engineer": "-エンジニア"})
    _assert_safe_csv(to_csv_bytes(frame), (*PAYLOADS, "-エンジニア"))
    cells = _assert_safe_xlsx(to_xlsx_bytes(frame, "グループ分け"), (*PAYLOADS, "-エンジニア"))
    numbers = [c for c in cells if c.column == 1 and c.row > 1]
    assert [c.value for c in numbers] == [1, 1, 1, 1, 2, 2, 2]
    assert all(c.data_type == "n" for c in numbers)


def test_dashboard_tables_through_the_same_writer() -> None:
    """The dashboard's CSVs are made by to_csv_bytes (colead.ui.dashboard._download)."""
    frame = pd.DataFrame(
        {
            "プロジェクト": [f"企業：{p}" for p in PAYLOADS] + ["=企業：テーマ"],
            "マイルストーン": [*PAYLOADS, BELL_NAME],
            "人数": [3, -1, 0, 5, 8, 13, 21],
        }
    )
    cells = _assert_safe_csv(to_csv_bytes(frame))
    assert "'=企業：テーマ" in cells and "-1" in cells  # a count stays a plain number


# --- a failed export is never silent ------------------------------------------------------------


def test_a_failed_file_is_noted_logged_and_still_raised(caplog) -> None:  # type: ignore[no-untyped-def]
    track = ExportTrack()

    def broken() -> bytes:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        guarded(broken, track, "talent.xlsx")()
    assert track.failed and track.done == 1
    assert "talent.xlsx" in caplog.text
    assert guarded(lambda: b"PK", track, "talent.xlsx")() == b"PK"
    assert not track.failed and track.done == 2
