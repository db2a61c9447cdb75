"""The マッチング page as people use it: suggestions explained in Japanese, a team proposal that
becomes a project once B-1 allows it, STEP3 filled, and weights kept per programme."""

from __future__ import annotations

from sqlmodel import col, select

from colead.db import session_scope
from colead.models import Company, CompanyNeed, MatchWeight, Project, ProjectMember, Role
from colead.services import accounts
from colead.services.access import Actor
from colead.services.answers import load_answers
from colead.services.programmes import list_regions
from colead.ui.matching_page import COMPANY, SECTION
from colead.worksheets import WORKSHEETS
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text


def _matching(username: str = "staff", password: str = "colead-demo"):  # type: ignore[no-untyped-def]
    at = sign_in(new_app(), username, password)
    at.switch_page("pages/matching.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _section(at, section: str):  # type: ignore[no-untyped-def]
    at.session_state[SECTION] = section
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _company_with_needs(programme_id: int) -> tuple[int, str]:
    with session_scope() as session:
        return session.exec(
            select(Company.id, Company.name)
            .join(CompanyNeed, col(CompanyNeed.company_id) == col(Company.id))
            .where(Company.programme_id == programme_id)
            .order_by(Company.name)
        ).first()


def test_suggestions_rank_people_and_say_why_in_japanese(demo_url: str) -> None:
    at = _matching()
    assert "企業を選ぶと" in visible_text(at)  # nothing is computed until a company is chosen
    company, _ = _company_with_needs(at.session_state["colead_programme_id"])
    next(w for w in at.selectbox if w.label == "企業").set_value(company).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert {"順位", "氏名", "総合", "人材タイプ", "参加実績"} <= set(table.columns)
    assert list(table["総合"]) == sorted(table["総合"], reverse=True)
    text = visible_text(at)
    assert "1位" in " ".join(e.label for e in at.expander)
    assert "必要な人材タイプ" in text  # the skills criterion explained
    assert "ミートアップ" in text  # participation explained, met or not


def test_a_proposed_team_becomes_a_project_once_b1_allows_it(demo_url: str) -> None:
    at = _section(_matching(), "teams")
    assert "「チームを提案する」を押すと" in visible_text(at)
    button(at, "チームを提案する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert "満たした人材ニーズ" in metrics
    proposal = at.session_state["colead_team_proposal"][1]
    ready = [t for t in proposal.teams if t.ready]
    waiting = [t for t in proposal.teams if not t.ready]
    assert ready and waiting  # the demo has both
    text = visible_text(at)
    for team in waiting:  # B-1 decides: the missing checks are named, no button to start
        assert f"{team.company}：まだプロジェクトを開始できません" in text
    accept = [b for b in at.button if b.label == "このチームでプロジェクトを開始"]
    assert len(accept) == len(ready)
    team = ready[0]
    assert team.members
    accept[0].click().run(timeout=TIMEOUT)
    assert "テーマを入力してください" in visible_text(at)  # nothing is lost: no project yet
    next(w for w in at.text_input if w.label == "テーマ *").input("受発注のデジタル化")
    next(b for b in at.button if b.label == "このチームでプロジェクトを開始").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert f"{team.company}のプロジェクトを" in visible_text(at)
    with session_scope() as session:
        project = session.exec(
            select(Project).where(
                Project.company_id == team.company_id, Project.theme == "受発注のデジタル化"
            )
        ).one()
        members = set(
            session.exec(
                select(ProjectMember.talent_id).where(ProjectMember.project_id == project.id)
            )
        )
    assert members == {m.talent_id for m in team.members}


def test_the_proposal_fills_a4_step3(demo_url: str) -> None:
    at = _section(_matching(), "teams")
    button(at, "チームを提案する").click().run(timeout=TIMEOUT)
    button(at, "A-4 STEP3 に反映").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "A-4 STEP3 に" in visible_text(at)
    with session_scope() as session:
        admin = Actor(0, "admin", "admin", Role.ADMIN, frozenset())
        answers = load_answers(
            session, admin, at.session_state["colead_programme_id"], WORKSHEETS["A-4"]
        )
    rows = answers["s3_fit_talent"].value
    assert rows and all(row["record_id"] and "：" in row["expectation"] for row in rows)


def test_weights_are_checked_and_kept_per_programme(demo_url: str) -> None:
    at = _section(_matching(), "weights")
    inputs = {w.label: w for w in at.number_input}
    assert set(inputs) == {"人材タイプ", "関心分野", "参加実績", "現在の負荷", "最近の接点"}
    for widget in inputs.values():
        widget.set_value(0.0)
    button(at, "重みを保存").click().run(timeout=TIMEOUT)
    assert "重みをすべて0にはできません" in visible_text(at)
    assert {w.label: w.value for w in at.number_input}["人材タイプ"] == 0  # kept as typed
    next(w for w in at.number_input if w.label == "人材タイプ").set_value(80.0)
    button(at, "重みを保存").click().run(timeout=TIMEOUT)
    assert "重みを保存しました" in visible_text(at)
    with session_scope() as session:
        stored = dict(session.exec(select(MatchWeight.criterion, MatchWeight.weight)).all())
    assert stored == {
        "skills": 80.0,
        "interests": 0.0,
        "participation": 0.0,
        "load": 0.0,
        "engagement": 0.0,
    }


def test_a_viewer_reads_suggestions_but_changes_nothing(demo_url: str) -> None:
    at = _section(_matching("viewer"), "weights")
    assert all(w.disabled for w in at.number_input)
    assert "閲覧者は重みを変更できません。" in visible_text(at)
    at = _section(at, "teams")
    button(at, "チームを提案する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert not any("反映" in b.label or "開始" in b.label for b in at.button)


def test_staff_of_another_region_see_only_their_companies(demo_url: str) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        kaga = next(r.id for r in list_regions(session, admin) if r.name == "加賀市")
        accounts.create_account(
            session, admin, username="kaga-staff", display_name="加賀担当",
            password="kaga-pass-1", role=Role.STAFF, region_ids=[kaga],
        )  # fmt: skip
    at = _matching("kaga-staff", "kaga-pass-1")
    options = next(w for w in at.selectbox if w.label == "企業").options
    assert options and not any("釧路" in o or "道東" in o for o in options)
    assert at.session_state[COMPANY] is None
