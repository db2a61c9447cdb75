"""In a real browser: a person registers two people, two companies and two events in a row.
After each success the form is empty again, and the second record holds only its own values
(nothing inherited from the first)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from colead.db import session_scope
from colead.models import Company, Event, Talent, TalentSkill
from tests.conftest import PG_URL
from tests.e2e.conftest import sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e


def _database(server) -> str:  # type: ignore[no-untyped-def]
    """The server's DATABASE_URL (conftest puts its SQLite file beside the server's log)."""
    return PG_URL or f"sqlite:///{server.log.parent / 'e2e.db'}"


def _open(page, url: str, link: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, url, "staff")
    wait_signed_in(page)
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=link)).to_be_visible()
    wait_until_idle(page)


def _box(page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_role("textbox", name=label, exact=True)


def _fill(page, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for label, value in values.items():
        _box(page, label).fill(value)


def _expect_empty(page, labels) -> None:  # type: ignore[no-untyped-def]
    for label in labels:
        expect(_box(page, label)).to_have_value("")


def _chips(page):  # type: ignore[no-untyped-def]
    """The chosen options shown in the form's multiselect (人材タイプ)."""
    return page.locator(
        "[data-testid='stForm'] [data-testid='stMultiSelectTagsContainer'] [data-tag]"
    )


def test_two_people_in_a_row_keep_their_own_values(server, page, screenshot) -> None:
    _open(page, server.url, "人材台帳")
    page.get_by_role("tab", name="新規登録").click()
    wait_until_idle(page)
    _fill(
        page,
        {
            "氏名 *": "高橋 誠",
            "メールアドレス": "makoto.takahashi@example.jp",
            "所属": "札幌データ研究所",
            "関心・得意分野": "水産加工の需要予測",
            "メモ": "ツアー希望",
        },
    )
    page.get_by_role("combobox", name="人材タイプ").click()
    page.keyboard.type("データサイエンティスト")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(_chips(page)).to_have_count(1)
    page.get_by_role("button", name="新規登録").click()
    expect(page.get_by_text("「高橋 誠」さんを登録しました。")).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "talent_form_after_register")
    _expect_empty(page, ["氏名 *", "メールアドレス", "所属", "関心・得意分野", "メモ"])
    expect(_chips(page)).to_have_count(0)

    _fill(page, {"氏名 *": "佐々木 彩", "メールアドレス": "aya.sasaki@example.jp"})
    page.get_by_role("button", name="新規登録").click()
    expect(page.get_by_text("「佐々木 彩」さんを登録しました。")).to_be_visible()
    wait_until_idle(page)
    _expect_empty(page, ["氏名 *", "メールアドレス"])

    with session_scope(url=_database(server)) as session:
        first, second = (
            session.exec(select(Talent).where(Talent.email == email)).one()
            for email in ("makoto.takahashi@example.jp", "aya.sasaki@example.jp")
        )
        skills = {
            person.id: set(
                session.exec(
                    select(TalentSkill.skill_type).where(TalentSkill.talent_id == person.id)
                )
            )
            for person in (first, second)
        }
    assert (first.affiliation, first.interests, first.note) == (
        "札幌データ研究所",
        "水産加工の需要予測",
        "ツアー希望",
    )
    assert skills[first.id] == {"data_scientist"}
    assert (second.name, second.affiliation, second.interests, second.note) == (
        "佐々木 彩",
        "",
        "",
        "",
    )
    assert skills[second.id] == set()  # no talent type inherited from 高橋 誠


def test_two_companies_in_a_row_keep_their_own_values(server, page) -> None:
    _open(page, server.url, "企業台帳")
    page.get_by_role("tab", name="新規登録").click()
    wait_until_idle(page)
    _fill(
        page,
        {
            "企業名 *": "浜町水産株式会社",
            "業種": "水産加工",
            "代表者": "山本 一郎",
            "所在地": "釧路市浜町",
            "メモ": "冷凍設備の更新を検討中",
        },
    )
    page.get_by_role("button", name="新規登録").click()
    expect(page.get_by_text("「浜町水産株式会社」を登録しました。")).to_be_visible()
    wait_until_idle(page)
    _expect_empty(page, ["企業名 *", "業種", "代表者", "所在地", "メモ"])

    _fill(page, {"企業名 *": "阿寒観光株式会社"})
    page.get_by_role("button", name="新規登録").click()
    expect(page.get_by_text("「阿寒観光株式会社」を登録しました。")).to_be_visible()
    wait_until_idle(page)
    _expect_empty(page, ["企業名 *"])

    with session_scope(url=_database(server)) as session:
        first, second = (
            session.exec(select(Company).where(Company.name == name)).one()
            for name in ("浜町水産株式会社", "阿寒観光株式会社")
        )
    assert (first.industry, first.representative, first.address, first.note) == (
        "水産加工",
        "山本 一郎",
        "釧路市浜町",
        "冷凍設備の更新を検討中",
    )
    assert (second.industry, second.representative, second.address, second.note) == (
        "",
        "",
        "",
        "",
    )


def test_two_events_in_a_row_keep_their_own_values(server, page, screenshot) -> None:
    _open(page, server.url, "イベント・出欠")
    page.get_by_text("イベントを登録する").click()
    wait_until_idle(page)
    _fill(
        page,
        {
            "名称 *": "冬の釧路フィールドワーク",
            "場所": "釧路市観光国際交流センター",
            "メモ": "防寒具を持参",
        },
    )
    page.get_by_role("button", name="イベントを登録").click()
    expect(page.get_by_text("イベント「冬の釧路フィールドワーク」を登録しました。")).to_be_visible()
    wait_until_idle(page)
    _expect_empty(page, ["名称 *", "場所", "メモ"])

    _fill(page, {"名称 *": "春のオンライン交流会", "オンラインツール": "Zoom"})
    page.get_by_role("button", name="イベントを登録").click()
    expect(page.get_by_text("イベント「春のオンライン交流会」を登録しました。")).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "event_form_after_second_register")
    _expect_empty(page, ["名称 *", "場所", "オンラインツール", "メモ"])

    with session_scope(url=_database(server)) as session:
        first, second = (
            session.exec(select(Event).where(Event.title == title)).one()
            for title in ("冬の釧路フィールドワーク", "春のオンライン交流会")
        )
    assert (first.place, first.online_tool, first.note) == (
        "釧路市観光国際交流センター",
        "",
        "防寒具を持参",
    )
    assert (second.place, second.online_tool, second.note) == ("", "Zoom", "")
