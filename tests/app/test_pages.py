"""Every page for every role, run by Streamlit's AppTest against the demo database."""

from __future__ import annotations

import pytest

from colead.db import session_scope
from colead.i18n import translate
from colead.models import Role
from colead.services import accounts, login_throttle
from colead.services.programmes import list_programmes, list_regions
from colead.ui.nav import PAGES, pages_for
from colead.worksheets import WORKSHEETS
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text


def test_login_screen_lists_demo_accounts_and_shows_no_data(demo_url: str) -> None:
    at = new_app().run(timeout=TIMEOUT)
    assert not at.exception
    text = visible_text(at)
    assert "ふるさとCo-LEADプログラム ワークブック" in text
    assert "`admin`" in text and "colead-demo" in text
    assert "登録人材" not in text  # nothing of the programme before sign-in


def _five_wrong_then_right(username: str) -> list[str]:
    """What a person reads after each of five wrong passwords and then the right one."""
    at = new_app()
    seen = []
    for _ in range(login_throttle.MAX_FAILED_ATTEMPTS):
        at = sign_in(at, username, "wrong-password")
        seen.append(at.error[0].value if at.error else "")
    at = sign_in(at, username, "colead-demo")
    seen.append(at.error[0].value if at.error else "")
    assert "プログラムマップ" not in [t.value for t in at.title]
    return seen


def test_wrong_passwords_then_lockout_look_the_same_for_real_and_unknown_names(
    demo_url: str,
) -> None:
    real = _five_wrong_then_right("staff")
    assert real[0].startswith("ユーザー名またはパスワードが正しくありません")
    assert real[:4] == [real[0]] * 4
    assert "この端末からはログインできません" in real[4] and real[5] == real[4]
    assert _five_wrong_then_right("no-such-person") == real
    # the lock is on (name, address): another name from here is still answered normally
    at = sign_in(new_app(), "viewer")
    assert not at.error and "ログアウト" in [b.label for b in at.button]


def test_an_ended_session_shows_the_login_form_at_the_next_click(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    assert not at.error
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        staff = accounts.load_actor(session, "staff")
        accounts.end_sessions(session, admin, staff.user_id)
    at.run(timeout=TIMEOUT)
    assert "ログインの有効期限が切れたか、ログアウトされました" in visible_text(at)
    assert [w.label for w in at.text_input][:2] == ["ユーザー名", "パスワード"]
    at = sign_in(at, "staff")
    assert not at.error and "ログインの有効期限" not in visible_text(at)


@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_every_role_renders(demo_url: str, role: Role) -> None:
    at = sign_in(new_app(), role.value)
    assert not at.exception, at.exception
    visible = pages_for(role)
    for spec in visible:
        at.switch_page(spec.path).run(timeout=TIMEOUT)
        assert not at.exception, (spec.path, at.exception)
        titles = [t.value for t in at.title]
        if spec.worksheet:
            sheet = WORKSHEETS[spec.worksheet]
            assert f"{sheet.code} {sheet.title}" in titles
            text = visible_text(at)
            for step in sheet.steps:
                assert f"{step.id} {step.title}" in text
        else:
            assert translate(spec.title_key) in titles


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_admin_page_is_not_registered_for_other_roles(demo_url: str, role: Role) -> None:
    at = sign_in(new_app(), role.value)
    admin_only = [p for p in PAGES if p.minimum == Role.ADMIN]
    assert [p.url for p in admin_only] == ["setup", "regions", "accounts", "audit", "outbox"]
    assert not set(admin_only) & set(pages_for(role))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/accounts.py").run(timeout=TIMEOUT)


def test_home_shows_the_programme_map_with_real_counts(demo_url: str) -> None:
    at = sign_in(new_app(), "admin")
    text = visible_text(at)
    for code, sheet in WORKSHEETS.items():
        assert f"{code} {sheet.short_title}" in text
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"登録人材", "参加企業", "開催済みイベント", "進行中のプロジェクト"}
    assert metrics["登録人材"] != "0名"


@pytest.fixture
def kaga_staff(demo_url: str) -> dict[str, int]:
    """A staff account of 加賀市 only; returns the programme ids by region name."""
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        regions = {r.name: r.id for r in list_regions(session, admin)}
        accounts.create_account(
            session,
            admin,
            username="kaga-staff",
            display_name="加賀担当",
            password="kaga-pass-1",
            role=Role.STAFF,
            region_ids=[regions["加賀市"]],
        )
        return {p.region_name: p.id for p in list_programmes(session, admin)}


def test_staff_of_one_region_sees_only_that_region(kaga_staff: dict[str, int]) -> None:
    at = sign_in(new_app(), "kaga-staff", "kaga-pass-1")
    assert not at.exception
    picker = next(s for s in at.sidebar.selectbox if s.label == "地域・プログラム")
    assert len(picker.options) == 1
    assert "加賀市" in picker.options[0]
    assert "釧路市" not in visible_text(at)


def test_english_is_selectable(demo_url: str) -> None:
    at = sign_in(new_app(), "viewer")
    lang = next(s for s in at.sidebar.selectbox if s.label == "言語 / Language")
    lang.select("en").run(timeout=TIMEOUT)
    assert "Programme map" in [t.value for t in at.title]
    assert {m.label for m in at.metric} == {
        "Talent registered",
        "Companies",
        "Events held",
        "Projects running",
    }


def test_a_foreign_programme_id_in_the_session_is_ignored(kaga_staff: dict[str, int]) -> None:
    """However another region's programme id reaches the session, only the own region shows."""
    at = sign_in(new_app(), "kaga-staff", "kaga-pass-1")
    at.session_state["colead_programme_id"] = kaga_staff["釧路市"]
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert "加賀市" in visible_text(at)
    assert "釧路市" not in visible_text(at)
    picker = next(s for s in at.sidebar.selectbox if s.label == "地域・プログラム")
    assert picker.value == kaga_staff["加賀市"]


def test_dashboard_draws_the_funnel_of_the_picked_programme(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/dashboard.py").run(timeout=TIMEOUT)
    assert not at.exception
    assert "応募・登録から継続関係までのファネル" in visible_text(at)
    assert "地域別の比較" in visible_text(at)  # staff of the three demo regions
    charts = at.get("plotly_chart")
    assert len(charts) == 6  # funnel, regions, channels, milestones, deliveries, talent types
    assert "応募・登録" in charts[0].proto.spec and "継続関係" in charts[0].proto.spec
