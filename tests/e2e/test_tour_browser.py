"""In a real browser: from B-5, one click registers a three-day fieldwork tour and an online
pre-meeting with each participating company (guideline B-5: 2泊3日以上, 60分程度/社); then
B-1 and B-5 come out of 「Excelに書き出す」 laid out as the guideline's worksheets: B-1's grid of
companies × ten checks with the verdict, B-5's itinerary in its day × AM/PM cells."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import col, select

from colead.db import session_scope
from colead.i18n import to_jst
from colead.models import Company, Event, EventKind
from colead.services import accounts, answers, programmes
from colead.worksheets import WORKSHEETS
from colead.worksheets.b_1 import AFFIRMATIVE
from tests.conftest import PG_URL
from tests.e2e.conftest import sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

B1 = WORKSHEETS["B-1"]
B5 = WORKSHEETS["B-5"]
LINK = f"{B5.code} {B5.short_title}"
FIRST_DAY = date(2027, 1, 20)


def _database(server) -> str:  # type: ignore[no-untyped-def]
    """The server's DATABASE_URL (conftest puts its SQLite file beside the server's log)."""
    return PG_URL or f"sqlite:///{server.log.parent / 'e2e.db'}"


def _b5_answered(url: str) -> tuple[int, list[str]]:
    """B-5 as a region would have answered it: 3 days from a candidate date, two companies.

    Returns the staff's programme and the companies' names.
    """
    with session_scope(write=True, url=url) as session:
        staff = accounts.load_actor(session, "staff")
        pid = programmes.list_programmes(session, staff)[0].id
        companies = session.exec(
            select(Company).where(Company.programme_id == pid).order_by(col(Company.id)).limit(2)
        ).all()
        for question, value in (
            ("s1_days", {"choice": "three_days", "other": ""}),
            ("s1_dates", [FIRST_DAY.isoformat()]),
            ("s4_companies", [{"record_id": c.id} for c in companies]),
        ):
            answers.save_answer(session, staff, pid, B5, question, value, 0)
        # B-1: the first company has every check, the second only 現場の巻き込み
        for company, held in ((companies[0], B1.questions()), (companies[1], ())):
            stored = answers.load_answers(session, staff, pid, B1, company.id)
            for question in B1.questions():
                ticked = question in held or question.id == "acceptance_field"
                version = stored[question.id].version if question.id in stored else 0
                value = {"choice": AFFIRMATIVE if ticked else None}
                answers.save_answer(
                    session, staff, pid, B1, question.id, value, version, company.id
                )
        return pid, [c.name for c in companies]


def _exported(page, code: str):  # type: ignore[no-untyped-def]
    """Open a worksheet from the menu, press 「Excelに書き出す」 once, read the sheet."""
    sheet = WORKSHEETS[code]
    page.get_by_role("link", name=f"{sheet.code} {sheet.short_title}").first.click()
    expect(page.get_by_role("heading", name=f"{sheet.code} {sheet.title}")).to_be_visible()
    wait_until_idle(page)
    button = page.get_by_role("button", name="Excelに書き出す", exact=True)
    button.scroll_into_view_if_needed()
    with page.expect_download() as caught:
        button.click()
    book = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()))
    return book[code]


def _tour_events(url: str, pid: int) -> list[Event]:
    with session_scope(url=url) as session:
        return list(
            session.exec(
                select(Event)
                .where(
                    Event.programme_id == pid,
                    col(Event.kind).in_([EventKind.TOUR, EventKind.PRE_MEETING]),
                    col(Event.title).startswith("事前顔合わせ（")
                    | (col(Event.title) == "フィールドワークツアー"),
                )
                .order_by(col(Event.starts_at))
            ).all()
        )


def test_b5_registers_a_three_day_tour_and_its_pre_meetings_in_one_step(
    server, page, screenshot
) -> None:
    url = _database(server)
    pid, names = _b5_answered(url)
    sign_in(page, server.url, "staff")
    wait_signed_in(page)
    page.get_by_role("link", name=LINK).first.click()
    expect(page.get_by_role("heading", name=f"{B5.code} {B5.title}")).to_be_visible()
    wait_until_idle(page)

    panel = page.get_by_text("フィールドワークツアーと事前顔合わせをイベントに登録")
    panel.scroll_into_view_if_needed()
    expect(page.get_by_text("事前顔合わせを登録する（参加企業2社、1社60分）")).to_be_visible()
    page.get_by_role("textbox", name="オンラインツール", exact=True).fill("Zoom")
    page.get_by_role("button", name="まとめて登録").click()

    expect(page.get_by_text("3件のイベントを登録しました。")).to_be_visible()
    expect(page.get_by_text("2027年1月20日 13:00〜2027年1月22日 17:00")).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "tour_registered_from_b5")

    pre_day = FIRST_DAY - timedelta(days=14)
    made = _tour_events(url, pid)
    assert [(e.kind, e.title) for e in made] == [
        (EventKind.PRE_MEETING, f"事前顔合わせ（{names[0]}）"),
        (EventKind.PRE_MEETING, f"事前顔合わせ（{names[1]}）"),
        (EventKind.TOUR, "フィールドワークツアー"),
    ]
    first, second, tour = made
    assert [(to_jst(e.starts_at).date(), f"{to_jst(e.starts_at):%H:%M}") for e in made] == [
        (pre_day, "13:00"),
        (pre_day, "14:00"),
        (FIRST_DAY, "13:00"),
    ]
    assert (first.online_tool, second.online_tool) == ("Zoom", "Zoom")
    assert to_jst(tour.ends_at).date() == FIRST_DAY + timedelta(days=2)  # three days

    # B-5's itinerary: the guideline's example, made the answer by its button, comes out in
    # the day × AM/PM cells of the Excel sheet
    page.get_by_role("button", name="この例を回答に入れる").click()
    expect(page.get_by_text("ガイドラインの例（まだ回答ではありません）")).to_have_count(0)
    wait_until_idle(page)
    b5 = _exported(page, "B-5")
    rows = [list(r) for r in b5.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if "１日目" in r and "２日目" in r)
    days = rows[header]
    am, pm = rows[header + 1], rows[header + 2]
    columns = [days.index(d) for d in ("１日目", "２日目", "３日目")]
    assert "AM" in am and "PM" in pm
    assert all(am[c] for c in columns) and all(pm[c] for c in columns)
    assert "企業訪問" in " ".join(str(am[c]) + str(pm[c]) for c in columns)

    # B-1: one row per company, ○ where a check holds, the verdict in the last column
    b1 = _exported(page, "B-1")
    top = next(c.row for c in b1["A"] if c.value == "候補企業名")
    body = {r[0]: r[1:] for r in b1.iter_rows(min_row=top + 2, values_only=True) if r[0]}
    assert body[names[0]][:10] == ("○",) * 10
    assert body[names[0]][10] == "整っている"
    assert body[names[1]][10] == "未整備：経営者の参加、プロジェクトチームの組成"
    screenshot(page, "b1_after_export")
