"""The admin's account screen and the first start without demo data, as a person uses them."""

from __future__ import annotations

import pytest
from sqlmodel import select

from colead.db import session_scope
from colead.models import Region, UserAccount
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text


def _id_of(model, condition) -> int:  # type: ignore[no-untyped-def]
    """Widgets hold record ids and show names; tests pick by id as the page's options do."""
    with session_scope() as session:
        return session.exec(select(model.id).where(condition)).one()


def _accounts_page(at):  # type: ignore[no-untyped-def]
    return at.switch_page("pages/accounts.py").run(timeout=TIMEOUT)


def test_admin_creates_an_account_who_can_then_sign_in(demo_url: str) -> None:
    at = _accounts_page(sign_in(new_app(), "admin"))
    assert "アカウント管理" in [t.value for t in at.title]
    table = at.dataframe[0].value
    assert {"admin", "staff", "viewer"} <= set(table["ユーザー名"])

    text_input(at, "ユーザー名").input("kaga.tanaka")
    text_input(at, "表示名").input("田中（加賀市）")
    next(s for s in at.selectbox if s.label == "役割").select("staff")
    regions = next(m for m in at.multiselect if m.label == "担当地域")
    regions.select(_id_of(Region, Region.name == "加賀市"))
    text_input(at, "パスワード").input("kaga-pass-123")
    text_input(at, "パスワード（確認）").input("kaga-pass-123")
    button(at, "アカウントを作成").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert "アカウント「kaga\\.tanaka」を作成しました。" in visible_text(at)  # as typed
    assert "kaga.tanaka" in set(at.dataframe[0].value["ユーザー名"])

    newcomer = sign_in(new_app(), "kaga.tanaka", "kaga-pass-123")
    assert "プログラムマップ" in [t.value for t in newcomer.title]


def test_a_bad_account_form_keeps_what_was_typed_and_says_why(demo_url: str) -> None:
    at = _accounts_page(sign_in(new_app(), "admin"))
    text_input(at, "ユーザー名").input("x")
    text_input(at, "表示名").input("短すぎる名前の人")
    text_input(at, "パスワード").input("long-enough-pass")
    text_input(at, "パスワード（確認）").input("long-enough-pass")
    button(at, "アカウントを作成").click()
    at.run(timeout=TIMEOUT)
    assert "ユーザー名は半角英小文字・数字" in visible_text(at)
    assert text_input(at, "表示名").value == "短すぎる名前の人"

    text_input(at, "ユーザー名").input("another")
    text_input(at, "パスワード（確認）").input("different-pass")
    button(at, "アカウントを作成").click()
    at.run(timeout=TIMEOUT)
    assert "確認用のパスワードが一致しません。" in visible_text(at)
    with session_scope() as session:
        assert (
            session.exec(select(UserAccount).where(UserAccount.username == "another")).first()
            is None
        )


def test_admin_disables_an_account_and_it_can_no_longer_sign_in(demo_url: str) -> None:
    at = _accounts_page(sign_in(new_app(), "admin"))
    picker = next(s for s in at.selectbox if s.label == "変更するアカウント")
    assert "viewer（閲覧者（デモ））" in picker.options
    picker.select(_id_of(UserAccount, UserAccount.username == "viewer")).run(timeout=TIMEOUT)
    button(at, "アカウントを無効化").click()
    at.run(timeout=TIMEOUT)
    assert "アカウント「viewer」を更新しました。" in visible_text(at)
    refused = sign_in(new_app(), "viewer")
    assert "プログラムマップ" not in [t.value for t in refused.title]
    assert "ユーザー名またはパスワードが正しくありません" in visible_text(refused)


@pytest.fixture
def empty_no_demo(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from colead.config import get_settings

    monkeypatch.setenv("COLEAD_DEMO", "0")
    get_settings.cache_clear()
    return db_url


def test_first_start_without_demo_asks_for_the_first_admin(empty_no_demo: str) -> None:
    at = new_app().run(timeout=TIMEOUT)
    assert not at.exception
    assert "最初の管理者アカウントを作成" in visible_text(at)
    assert "colead-demo" not in visible_text(at)  # no demo accounts are offered
    text_input(at, "ユーザー名").input("chief")
    text_input(at, "表示名").input("企画課 管理者")
    text_input(at, "パスワード").input("first-admin-pass")
    text_input(at, "パスワード（確認）").input("first-admin-pass")
    button(at, "管理者アカウントを作成").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    # the sign-in form follows at once, with the notice pointing at it
    notice = "管理者アカウントを作成しました。下のフォームからログインしてください。"
    assert notice in visible_text(at)
    assert [b.label for b in at.button] == ["ログイン"]
    with session_scope() as session:
        assert session.exec(select(Region)).all() == []  # no demo data was loaded
        assert session.exec(select(UserAccount.username)).all() == ["chief"]
    signed_in = sign_in(new_app(), "chief", "first-admin-pass")
    assert not signed_in.exception
    # with nothing set up yet, the admin is taken to the first set-up
    assert "初期設定" in [t.value for t in signed_in.title]
    assert "地域を登録します" in visible_text(signed_in)
    # the admin is not told to ask an admin
    assert "管理者に地域の割り当てを依頼" not in visible_text(signed_in)
    assert "まだプログラムがありません。「初期設定」" in visible_text(signed_in)


def test_with_no_region_yet_the_account_form_says_where_regions_are_made(
    empty_no_demo: str,
) -> None:
    at = new_app().run(timeout=TIMEOUT)
    text_input(at, "ユーザー名").input("chief")
    text_input(at, "表示名").input("企画課 管理者")
    text_input(at, "パスワード").input("first-admin-pass")
    text_input(at, "パスワード（確認）").input("first-admin-pass")
    button(at, "管理者アカウントを作成").click()
    at.run(timeout=TIMEOUT)
    at = _accounts_page(sign_in(at, "chief", "first-admin-pass"))
    assert not at.exception
    assert "担当地域：まだ地域がありません。「地域とプログラム」で地域を作成すると" in "\n".join(
        c.value for c in at.caption
    )
    assert not [m for m in at.multiselect if m.label == "担当地域"]
