"""Text people type is shown as typed wherever it meets Markdown (messages, headings, lists,
tables drawn as Markdown); a save says 保存しました in the run of the click; a refused write on
the accounts page is said in Japanese."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DataError
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import Company, IncentiveRule, Milestone, Project, ProjectMember, Talent
from colead.services import accounts
from colead.services.access import AccessDenied
from colead.ui.incentives_page import NEW_RULE
from colead.ui.layout import escape_markdown
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text

TYPED = "**太字** [link](http://127.0.0.1/) :red[赤]"
ESCAPED = escape_markdown(TYPED)
RAW = ("**太字**", "[link](http", ":red[赤]")
SAVED = "保存しました。"


def _page(path: str, user: str = "staff") -> AppTest:
    at = sign_in(new_app(), user)
    at.switch_page(path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _field(widgets, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in widgets if w.label == label)


def _markdown_text(at: AppTest) -> str:
    """Every element Streamlit renders as Markdown, and the cells of Markdown tables."""
    text = visible_text(at)
    cells = [str(cell) for table in at.table for cell in table.value.to_numpy().ravel()]
    labels = [e.label for e in at.expander] + [t.label for t in at.tabs]
    return "\n".join([text, *cells, *labels])


def _shown_escaped(at: AppTest) -> str:
    text = _markdown_text(at)
    assert ESCAPED in text
    for raw in RAW:
        assert raw not in text, raw  # never unescaped inside Markdown
    return text


def _programme_of(at: AppTest) -> int:
    return at.session_state["colead_programme_id"]


def test_a_companys_name_is_shown_as_typed(demo_url: str) -> None:
    from colead.ui.companies_page import TAB

    at = _page("pages/companies.py")
    at.session_state[TAB] = "新規登録"
    at = _run(at)
    _field(at.text_input, "企業名 *").input(TYPED)
    button(at, "新規登録").click()
    at = _run(at)
    assert f"「{ESCAPED}」を登録しました。" in _shown_escaped(at)

    with session_scope() as session:
        company = session.exec(select(Company.id).where(Company.name == TYPED)).one()
    at.session_state[TAB] = "一覧"
    at = _run(at)
    _field(at.text_input, "検索").input("太字")
    at = _run(at)
    _field(at.selectbox, "詳しく見る企業").set_value(company)
    at = _run(at)
    assert any(ESCAPED in m.value and m.value.startswith("####") for m in at.markdown)
    _shown_escaped(at)


def test_a_persons_name_interests_and_consent_scope_are_shown_as_typed(demo_url: str) -> None:
    from colead.ui.talent_page import TAB

    at = _page("pages/talent.py")
    at.session_state[TAB] = "新規登録"
    at = _run(at)
    _field(at.text_input, "氏名 *").input(TYPED)
    _field(at.text_area, "関心・得意分野").input(TYPED)
    button(at, "新規登録").click()
    at = _run(at)
    assert f"「{ESCAPED}」さんを登録しました。" in _shown_escaped(at)

    with session_scope() as session:
        person = session.exec(select(Talent.id).where(Talent.name == TYPED)).one()
    at.session_state[TAB] = "一覧"
    at = _run(at)
    _field(at.text_input, "検索").input("太字")
    at = _run(at)
    _field(at.selectbox, "詳しく見る人材").set_value(person)
    at = _run(at)
    assert any(ESCAPED in s.value for s in at.subheader)  # 人材の詳細：<name>
    assert any(ESCAPED in c.value for c in at.caption)  # 関心・得意分野：<interests>
    _field(at.text_input, "共有の範囲").input(TYPED)
    button(at, "同意を記録する").click()
    at = _run(at)
    assert SAVED in visible_text(at)
    _shown_escaped(at)


def test_an_incentive_rule_is_shown_as_typed(demo_url: str) -> None:
    at = _page("pages/incentives.py")
    at.session_state[NEW_RULE] = True
    at = _run(at)
    _field(at.text_input, "内容 *").input(TYPED)
    button(at, "ルールを追加する").click()
    at = _run(at)
    text = _shown_escaped(at)
    assert f"ルール「{ESCAPED}」を追加しました。" in text
    cells = [str(c) for table in at.table for c in table.value.to_numpy().ravel()]
    assert ESCAPED in cells  # the rules table is drawn as Markdown
    with session_scope() as session:
        assert session.exec(select(IncentiveRule).where(IncentiveRule.description == TYPED)).one()


def _project_with_team(programme_id: int) -> int:
    with session_scope() as session:
        return session.exec(
            select(Project.id)
            .join(ProjectMember, ProjectMember.project_id == Project.id)
            .where(Project.programme_id == programme_id)
            .order_by(Project.id)
        ).first()


def test_a_milestone_title_is_kept_as_typed_and_saves_say_so_at_once(demo_url: str) -> None:
    at = _page("pages/projects.py")
    project = _project_with_team(_programme_of(at))
    _field(at.selectbox, "詳しく見るプロジェクト").set_value(project)
    at = _run(at)

    add = [w for w in at.text_input if w.label == "マイルストーン" and w.key is None]
    add[0].input(TYPED)
    button(at, "マイルストーンを追加").click()
    at = _run(at)
    assert SAVED in visible_text(at)
    for raw in RAW:
        assert raw not in _markdown_text(at)
    with session_scope() as session:
        stored = session.exec(
            select(Milestone).where(Milestone.project_id == project, Milestone.title == TYPED)
        ).one()

    # Saving the milestones form: the message comes with the click, not with the next run.
    title = next(w for w in at.text_input if w.key == f"colead_ms_title_{stored.id}")
    title.input("現場見学会")
    button(at, "マイルストーンを保存").click()
    at = _run(at)
    assert SAVED in visible_text(at)
    with session_scope() as session:
        assert session.get(Milestone, stored.id).title == "現場見学会"

    # An emptied title is refused, naming the field; what was typed stays.
    title = next(w for w in at.text_input if w.key == f"colead_ms_title_{stored.id}")
    title.input("")
    button(at, "マイルストーンを保存").click()
    at = _run(at)
    assert "「マイルストーンの名前」を入力してください。" in visible_text(at)


def test_saving_the_contact_interval_says_so_in_the_same_run(demo_url: str) -> None:
    at = _page("pages/deliveries.py")
    _field(at.number_input, "情報提供の間隔（日）").set_value(45)
    button(at, "保存する").click()
    at = _run(at)
    assert SAVED in visible_text(at)


def test_saving_a_team_says_so_in_the_same_run(demo_url: str) -> None:
    at = _page("pages/projects.py")
    project = _project_with_team(_programme_of(at))
    _field(at.selectbox, "詳しく見るプロジェクト").set_value(project)
    at = _run(at)
    button(at, "チームを保存").click()
    at = _run(at)
    assert SAVED in visible_text(at)


@pytest.mark.parametrize(
    ("refusal", "message"),
    [
        (AccessDenied("not yours"), "このページを表示する権限がありません。"),
        (
            DataError("UPDATE useraccount", {}, Exception("value too long")),
            "データベースがこの内容を保存できませんでした。",
        ),
    ],
)
def test_the_accounts_page_says_a_refused_write_in_japanese(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, refusal: Exception, message: str
) -> None:
    at = _page("pages/accounts.py", "admin")

    def refuse(*args: object, **kwargs: object) -> None:
        raise refusal

    monkeypatch.setattr(accounts, "update_account", refuse)
    button(at, "保存").click()
    at = _run(at)  # no exception: the page said why
    assert message in "\n".join(e.value for e in at.error)
