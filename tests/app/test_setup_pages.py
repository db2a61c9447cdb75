"""The first set-up, regions and programmes, next year's drafts: as an admin uses them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from colead.db import session_scope
from colead.models import PartnerInstitution, Programme, Region, UserAccount, WorksheetAnswer
from colead.services import accounts, answers
from colead.services.fiscal_year import CarryOver, start_next_year
from colead.services.regions import ProgrammeInput
from colead.worksheets import WORKSHEETS
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text


@pytest.fixture
def empty_no_demo(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from colead.config import get_settings

    monkeypatch.setenv("COLEAD_DEMO", "0")
    get_settings.cache_clear()
    with session_scope(write=True) as session:
        accounts.create_first_admin(
            session, username="chief", display_name="企画課 管理者", password="first-admin-pass"
        )
    return db_url


def _selectbox(at, label: str):  # type: ignore[no-untyped-def]
    return next(s for s in at.selectbox if s.label == label)


def _titles(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.value for t in at.title]


def test_the_set_up_walks_a_new_municipality_to_its_programme_map(empty_no_demo: str) -> None:
    at = sign_in(new_app(), "chief", "first-admin-pass")
    assert "初期設定" in _titles(at)
    # 1. the region; a wrong code is refused and what was typed stays
    _selectbox(at, "都道府県").select("北海道")
    text_input(at, "市区町村名").input("釧路市")
    text_input(at, "全国地方公共団体コード（任意）").input("012069")
    button(at, "地域を登録").click()
    at.run()
    assert "検査数字（6桁目）が合いません" in visible_text(at)
    assert text_input(at, "市区町村名").value == "釧路市"
    text_input(at, "全国地方公共団体コード（任意）").input("012068")
    button(at, "地域を登録").click()
    at.run()
    assert not at.exception
    assert "「北海道 釧路市」を登録しました。" in visible_text(at)
    # 2. the programme (the dates default to the fiscal year)
    assert "最初のプログラム（年度）を作ります" in visible_text(at)
    next(n for n in at.number_input if n.label == "年度（西暦）").set_value(2027)
    button(at, "プログラムを作成").click()
    at.run()
    assert not at.exception
    assert "令和9年度 ふるさとCo\\-LEADプログラムを作成しました。" in visible_text(at)  # as typed
    # 3. a partner
    text_input(at, "機関名").input("釧路商工会議所")
    text_input(at, "担当者").input("中小企業相談所 佐藤")
    button(at, "連携機関を追加").click()
    at.run()
    assert "釧路商工会議所（商工会議所）" in visible_text(at)
    assert text_input(at, "機関名").value == ""  # the form starts empty for the next one
    button(at, "次へ").click()
    at.run()
    # 4. a staff account of this region
    text_input(at, "ユーザー名").input("kushiro.sato")
    text_input(at, "表示名").input("佐藤 花子")
    text_input(at, "パスワード").input("kushiro-pass-1")
    text_input(at, "パスワード（確認）").input("kushiro-pass-1")
    button(at, "アカウントを作成").click()
    at.run()
    assert not at.exception
    assert "「佐藤 花子」さんのアカウントを作成しました。" in visible_text(at)
    assert "佐藤 花子（kushiro\\.sato）" in visible_text(at)  # Markdown-escaped as typed
    button(at, "次へ").click()
    at.run()
    text = visible_text(at)
    assert "設定が終わりました" in text
    assert "連携機関：1件" in text and "担当アカウント：1件" in text
    button(at, "プログラムマップを開く").click()
    at.run()
    assert "プログラムマップ" in _titles(at)
    assert _selectbox(at, "地域・プログラム").value is not None
    with session_scope() as session:
        region = session.exec(select(Region)).one()
        assert (region.prefecture, region.name, region.municipality_code) == (
            "北海道",
            "釧路市",
            "012068",
        )
        programme = session.exec(select(Programme)).one()
        assert (programme.fiscal_year, programme.starts_on, programme.ends_on) == (
            2027,
            date(2027, 4, 1),
            date(2028, 3, 31),
        )
        assert session.exec(select(PartnerInstitution.name)).all() == ["釧路商工会議所"]
    staff = sign_in(new_app(), "kushiro.sato", "kushiro-pass-1")
    assert "プログラムマップ" in _titles(staff)
    assert "北海道 釧路市（令和9年度）" in _selectbox(staff, "地域・プログラム").options


def test_every_step_can_be_skipped_and_reopened(empty_no_demo: str) -> None:
    at = sign_in(new_app(), "chief", "first-admin-pass")
    button(at, "このステップを後にする").click()
    at.run()
    assert "先に地域を登録してください。" in visible_text(at)
    for _ in range(3):
        button(at, "このステップを後にする").click()
        at.run()
    assert "まだ地域とプログラムがありません。ステップ1から登録してください。" in visible_text(at)
    home = at.switch_page("pages/home.py").run()
    assert "まず初期設定で、地域と最初のプログラムを登録してください。" in visible_text(home)
    assert not home.exception


def _regions_page(at):  # type: ignore[no-untyped-def]
    return at.switch_page("pages/regions.py").run(timeout=TIMEOUT)


def test_an_archived_programme_reads_but_takes_no_edits(demo_url: str) -> None:
    at = _regions_page(sign_in(new_app(), "admin"))
    assert "地域とプログラム" in _titles(at)
    overview = at.dataframe[0].value
    assert {"北海道 釧路市", "栃木県", "石川県 加賀市"} <= set(overview["地域"])
    at.segmented_control[0].set_value("programme").run()
    _selectbox(at, "地域").select(_id(Region, Region.name == "加賀市")).run()
    kaga = _id(Programme, Programme.region_id == _id(Region, Region.name == "加賀市"))
    next(s for s in at.selectbox if s.label == "プログラム").select(kaga).run()
    next(c for c in at.checkbox if c.label == "確認しました").check().run()
    button(at, "アーカイブする").click()
    at.run()
    assert "アーカイブしました。" in visible_text(at)
    staff = sign_in(new_app(), "staff")
    staff.session_state["colead_programme_id"] = kaga
    page = staff.switch_page("pages/a1_roles.py").run()
    assert "アーカイブ済みのため閲覧のみ" in visible_text(page)
    assert all(area.disabled for area in page.text_area)
    talent = page.switch_page("pages/talent.py").run()
    assert not talent.exception


def _id(model, condition) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as session:
        return session.exec(select(model.id).where(condition)).one()


def test_next_year_shows_carried_answers_as_drafts_until_kept(demo_url: str) -> None:
    kushiro = _id(Programme, Programme.region_id == _id(Region, Region.name == "釧路市"))
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        answers.save_answer(
            session, admin, kushiro, WORKSHEETS["A-1"], "s1_attractions", "湿原と港の景観", 0
        )
        new = start_next_year(
            session, admin, kushiro, ProgrammeInput(2027), CarryOver(frozenset({"A-1"}))
        ).programme.id
    at = sign_in(new_app(), "staff")
    at.session_state["colead_programme_id"] = new
    page = at.switch_page("pages/a1_roles.py").run()
    assert not page.exception
    text = visible_text(page)
    assert "前年度（北海道 釧路市（令和8年度））から引き継いだ下書き" in text
    assert ":orange-badge[:material/history: 前年度からの下書き]" in text
    assert "湿原と港の景観" in [a.value for a in page.text_area]
    button(page, "下書きをそのまま今年度の回答にする").click()
    page.run()
    assert "下書きを今年度の回答にしました" in visible_text(page)
    with session_scope() as session:
        rows = session.exec(
            select(WorksheetAnswer.carried_from_id).where(WorksheetAnswer.programme_id == new)
        ).all()
    assert rows and set(rows) == {None}


def test_staff_are_assigned_to_a_region_from_the_regions_screen(demo_url: str) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        kaga = _id(Region, Region.name == "加賀市")
        accounts.create_account(
            session,
            admin,
            username="tochigi.only",
            display_name="栃木の職員",
            password="tochigi-pass-1",
            role="staff",
            region_ids=[_id(Region, Region.name == "栃木県")],
        )
    at = _regions_page(sign_in(new_app(), "admin"))
    at.segmented_control[0].set_value("staff").run()
    _selectbox(at, "地域").select(kaga).run()
    members = at.multiselect[0]
    member_id = _id(UserAccount, UserAccount.username == "tochigi.only")
    members.select(member_id)
    button(at, "保存").click()
    at.run()
    assert not at.exception
    assert "保存しました。" in visible_text(at)
    newcomer = sign_in(new_app(), "tochigi.only", "tochigi-pass-1")
    options = _selectbox(newcomer, "地域・プログラム").options
    assert any("加賀市" in o for o in options) and any("栃木県" in o for o in options)


def test_dashboard_shows_this_year_beside_last_year(demo_url: str, downloads) -> None:  # type: ignore[no-untyped-def]
    kushiro = _id(Programme, Programme.region_id == _id(Region, Region.name == "釧路市"))
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        new = start_next_year(session, admin, kushiro, ProgrammeInput(2027), CarryOver())
        new_id = new.programme.id
    at = sign_in(new_app(), "staff")
    at.session_state["colead_programme_id"] = new_id
    page = at.switch_page("pages/dashboard.py").run()
    assert not page.exception
    assert "前年度との比較" in visible_text(page)
    rows = downloads["funnel_years.csv"].decode("utf-8-sig").splitlines()
    assert rows[0] == "プログラム,段階,人数,前の段階からの移行率"
    last_year = [r for r in rows[1:] if "令和8年度" in r]
    this_year = [r for r in rows[1:] if "令和9年度" in r]
    assert len(last_year) == len(this_year) == 7
    assert last_year[0].split(",")[2] != "0"  # 釧路市's 2026 applicants
    assert this_year[0].split(",")[2] == "0"  # nobody has applied in 2027 yet
    # the previous year's own page has no earlier year to compare with
    at.session_state["colead_programme_id"] = kushiro
    assert "前年度との比較" not in visible_text(at.switch_page("pages/dashboard.py").run())
