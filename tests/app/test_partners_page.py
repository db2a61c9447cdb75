"""連携機関 (B-2) as people use it: the region's institutions with what their referrals became,
a create form that empties after success and keeps input after a refusal, editing, the viewer's
read-only page, and the outcome table under worksheet B-2."""

from __future__ import annotations

from sqlmodel import select

from colead.db import session_scope
from colead.models import PartnerInstitution, Programme, Role
from colead.services.access import Actor
from colead.services.partners import partner_outcomes
from colead.ui.nav import worksheet_page
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text

PAGE = "pages/partners.py"
OUTCOME_COLUMNS = ["紹介企業数", "B-1で受入体制が整った企業", "プロジェクトを開始した企業"]


def _open(at, path: str = PAGE):  # type: ignore[no-untyped-def]
    at.switch_page(path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _region_partners(at) -> list[str]:  # type: ignore[no-untyped-def]
    with session_scope() as session:
        programme = session.get(Programme, at.session_state["colead_programme_id"])
        return list(
            session.exec(
                select(PartnerInstitution.name).where(
                    PartnerInstitution.region_id == programme.region_id
                )
            )
        )


def _names(at) -> list[str]:  # type: ignore[no-untyped-def]
    return list(at.dataframe[0].value["機関名"])


def test_staff_sees_the_partners_with_outcomes_and_registers_one(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"))
    assert "連携機関" in [t.value for t in at.title]
    demo = _region_partners(at)
    assert demo and all("（デモ）" in name for name in demo)
    table = at.dataframe[0].value
    assert {"種別", "担当者", "メールアドレス", "メモ", *OUTCOME_COLUMNS} <= set(table.columns)
    assert set(demo) <= set(table["機関名"]) and "（紹介元なし）" in set(table["機関名"])
    assert list(table[OUTCOME_COLUMNS[0]])[:-1] == sorted(
        table[OUTCOME_COLUMNS[0]][:-1], reverse=True
    )

    text_input(at, "機関名 *").input("宮の街信用金庫")
    next(w for w in at.selectbox if w.label == "種別 *").select("financial")
    text_input(at, "担当者").input("地域支援部")
    button(at, "登録する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "連携機関「宮の街信用金庫」を登録しました。" in visible_text(at)
    assert "宮の街信用金庫" in _names(at)
    assert text_input(at, "機関名 *").value == ""  # the form is empty again
    assert text_input(at, "担当者").value == ""
    with session_scope() as session:
        stored = session.exec(
            select(PartnerInstitution).where(PartnerInstitution.name == "宮の街信用金庫")
        ).one()
    assert (stored.kind, stored.contact) == ("financial", "地域支援部")


def test_a_refused_create_keeps_what_was_typed(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"))
    existing = _region_partners(at)[0]
    text_input(at, "機関名 *").input("宮の街信用金庫")
    text_input(at, "メールアドレス").input("shien-at-example")
    button(at, "登録する").click().run(timeout=TIMEOUT)
    text = visible_text(at)
    assert "次の点を直してください" in text
    assert "メールアドレスの形式が正しくありません（shien\\-at\\-example）。" in text  # as typed
    assert text_input(at, "機関名 *").value == "宮の街信用金庫"  # nothing typed is lost
    assert text_input(at, "メールアドレス").value == "shien-at-example"
    text_input(at, "機関名 *").input(existing)
    text_input(at, "メールアドレス").input("")
    button(at, "登録する").click().run(timeout=TIMEOUT)
    assert "がこの地域にすでに登録されています。" in visible_text(at)
    assert text_input(at, "機関名 *").value == existing
    assert _names(at).count(existing) == 1


def test_staff_edits_a_partner(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"))
    with session_scope() as session:
        programme = session.get(Programme, at.session_state["colead_programme_id"])
        partner = session.exec(
            select(PartnerInstitution).where(PartnerInstitution.region_id == programme.region_id)
        ).first()
    assert not any(w.label == "機関名 *" and w.value == partner.name for w in at.text_input)
    next(w for w in at.selectbox if w.label == "編集する連携機関").select(partner.id).run(
        timeout=TIMEOUT
    )
    names = [w for w in at.text_input if w.label == "機関名 *"]
    assert [w.value for w in names] == ["", partner.name]  # the create form, the edit form
    contacts = [w for w in at.text_input if w.label == "担当者"]
    contacts[1].input("新しい担当課")
    button(at, "保存する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "保存しました。" in visible_text(at)
    with session_scope() as session:
        assert session.get(PartnerInstitution, partner.id).contact == "新しい担当課"
    assert "新しい担当課" in list(at.dataframe[0].value["担当者"])


def test_viewer_sees_the_table_only(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "viewer"))
    assert set(_region_partners(at)) <= set(_names(at))
    assert "閲覧のみです（連携機関の登録・編集は担当地域の職員が行います）。" in visible_text(at)
    assert not any(w.label == "機関名 *" for w in at.text_input)
    assert not any(b.label in ("登録する", "保存する") for b in at.button)
    assert not any(w.label == "編集する連携機関" for w in at.selectbox)


def test_worksheet_b2_shows_the_outcome_table(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), worksheet_page("B-2").path)
    assert "連携機関ごとの紹介実績" in visible_text(at)
    table = at.table[-1].value
    assert list(table.columns) == ["機関名", "種別", *OUTCOME_COLUMNS]
    demo = _region_partners(at)
    assert set(demo) <= set(table["機関名"])
    admin = Actor(0, "admin", "Admin", Role.ADMIN, frozenset())
    with session_scope() as session:
        outcomes = partner_outcomes(session, admin, at.session_state["colead_programme_id"])
    assert list(table[OUTCOME_COLUMNS[0]]) == [o.referred for o in outcomes]
    assert sum(o.referred for o in outcomes[:-1]) > 0  # the demo's partners did refer companies
