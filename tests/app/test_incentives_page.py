"""The インセンティブ page as people use it on the demo data (as of 2026-11-24): staff add a rule
(a bad one is refused in Japanese with what they typed kept), grant it to those who meet it,
revoke a grant, issue a 活動実績の証明書 and download its PDF; a viewer reads but changes
nothing; staff of another region see nothing of 釧路市."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from pypdf import PdfReader
from sqlmodel import col, select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.i18n import JST, format_date
from colead.models import AuditLog, Incentive, Role, Talent, TalentStatus
from colead.services import accounts
from colead.services.incentives import activity_counts
from colead.services.programmes import list_programmes, list_regions
from colead.ui.incentives_page import NEW_RULE, REVOKE, SECTION, SECTIONS
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text

PAGE = "pages/incentives.py"
GRANT = "基準を満たした人に付与する"
ISSUE = "証明書を発行"
ADD_RULE = "ルールを追加する"


def _page(username: str = "staff", password: str = "colead-demo") -> AppTest:
    at = sign_in(new_app(), username, password)
    at.switch_page(PAGE).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _section(at: AppTest, section: str) -> AppTest:
    """Show one part of the page, as clicking its button above does."""
    at.session_state[SECTION] = section
    return _run(at)


def _widget(widgets, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in widgets if w.label == label)


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The table on the page that has this column (a scrolling grid or a plain table)."""
    return next(e.value for e in [*at.dataframe, *at.table] if column in e.value.columns)


def _programme_of(at: AppTest) -> int:
    return at.session_state["colead_programme_id"]


def _open(at: AppTest, expander_key: str) -> AppTest:
    at.session_state[expander_key] = True
    return _run(at)


def _add_rule(at: AppTest, kind: str, description: str, activity: str, times: int) -> AppTest:
    at = _open(at, NEW_RULE)
    _widget(at.selectbox, "インセンティブの種類").set_value(kind)
    text_input(at, "内容 *").input(description)
    _widget(at.selectbox, "対象とする活動").set_value(activity)
    _widget(at.number_input, "必要な回数").set_value(times)
    button(at, ADD_RULE).click()
    return _run(at)


def _people_with_and_without_activity(programme_id: int) -> tuple[Talent, Talent]:
    with session_scope() as session:
        people = session.exec(
            select(Talent).where(Talent.programme_id == programme_id).order_by(Talent.id)
        ).all()
        counts = activity_counts(session, programme_id, [p.id for p in people])
    active = next(p for p in people if sum(counts[p.id].values()) > 0)
    idle = next(p for p in people if sum(counts[p.id].values()) == 0)
    return active, idle


def test_staff_see_the_three_sections_in_japanese(demo_url: str) -> None:
    at = _page()
    assert "インセンティブ" in [t.value for t in at.title]
    text = visible_text(at)
    assert "北海道 釧路市（令和8年度）" in text
    assert "活動実績に応じて称号や特産品、地域で使用できるクーポン等" in text
    assert [s.value for s in at.subheader] == ["ルール"]  # one part at a time
    assert "ルールはまだありません" in text  # the demo grants were made by hand
    assert _widget(at.button, GRANT).disabled  # nothing to grant without a rule
    at = _section(at, "ledger")
    assert [s.value for s in at.subheader] == ["付与の記録"]
    ledger = _frame(at, "根拠")
    assert list(ledger.columns) == ["氏名", "種類", "内容", "付与日", "根拠", "状態"]
    assert "釧路市デジタル応援大使" in set(ledger["内容"])
    assert set(ledger["状態"]) == {"付与済み"}
    at = _section(at, "certificates")
    assert [s.value for s in at.subheader] == ["活動実績の証明書"]
    assert "まだ証明書は発行されていません。" in visible_text(at)


def test_a_rule_without_description_is_refused_and_what_was_typed_stays(demo_url: str) -> None:
    at = _add_rule(_page(), "goods", "   ", "tour", 3)
    assert "インセンティブの内容を入力してください。" in visible_text(at)
    assert _widget(at.selectbox, "インセンティブの種類").value == "goods"
    assert _widget(at.selectbox, "対象とする活動").value == "tour"
    assert _widget(at.number_input, "必要な回数").value == 3
    assert "ルールはまだありません" in visible_text(at)  # nothing stored


def test_staff_add_a_rule_grant_it_and_revoke_a_grant(demo_url: str) -> None:
    at = _add_rule(_page(), "title", "釧路イベント常連", "event", 1)
    assert "ルール「釧路イベント常連」を追加しました。" in visible_text(at)
    rules = _frame(at, "基準（回）")
    assert list(rules.columns) == [
        "種類", "内容", "対象となる活動", "基準（回）", "付与済み人数", "有効/停止",
    ]  # fmt: skip
    rule = rules.iloc[0]
    assert (rule["種類"], rule["内容"], rule["対象となる活動"]) == (
        "地域独自の称号",
        "釧路イベント常連",
        "イベント参加",
    )
    assert rule["基準（回）"] == 1 and rule["付与済み人数"] == 0 and "有効" in rule["有効/停止"]

    button(at, GRANT).click()
    at = _run(at)
    with session_scope() as session:
        counts = activity_counts(session, _programme_of(at))
        withdrawn = set(
            session.exec(select(Talent.id).where(Talent.status == TalentStatus.WITHDRAWN)).all()
        )
    attended = sum(1 for i, c in counts.items() if c["event"] >= 1 and i not in withdrawn)
    text = visible_text(at)
    assert attended > 0 and f"{attended}件のインセンティブを付与しました。" in text
    assert _frame(at, "基準（回）").iloc[0]["付与済み人数"] > 0
    button(at, GRANT).click()  # once more: nobody is granted twice
    assert "新たに基準を満たした人はいませんでした" in visible_text(_run(at))

    at = _section(at, "ledger")
    ledger = _frame(at, "根拠")
    new = ledger[ledger["内容"] == "釧路イベント常連"]
    assert len(new) == min(attended, len(ledger))
    assert all(b.startswith("イベント参加 ") and b.endswith("回（基準 1回）") for b in new["根拠"])

    at = _open(at, REVOKE)
    first = ledger.iloc[0]
    picker = _widget(at.selectbox, "取り消す付与（この一覧のページから）")
    picker.set_value(_grant_id(at, first["氏名"], "釧路イベント常連"))
    button(at, "取り消す").click()
    at = _run(at)
    assert "取り消す前に「この付与を取り消します」にチェックを入れてください。" in visible_text(at)
    assert "取消（" not in "".join(_frame(at, "根拠")["状態"])

    _widget(at.checkbox, "この付与を取り消します").check()
    button(at, "取り消す").click()
    at = _run(at)
    today = format_date(datetime.now(JST).date())
    assert f"{first['氏名']}さんの「釧路イベント常連」を取り消しました。" in visible_text(at)
    ledger = _frame(at, "根拠")
    revoked = ledger[ledger["状態"] == f"取消（{today}）"]
    assert list(revoked["氏名"]) == [first["氏名"]]  # kept in the ledger, marked revoked


def _grant_id(at: AppTest, person: str, description: str) -> int:
    with session_scope() as session:
        return session.exec(
            select(Incentive.id)
            .join(Talent, Talent.id == Incentive.talent_id)
            .where(
                Incentive.programme_id == _programme_of(at),
                Talent.name == person,
                Incentive.description == description,
            )
        ).first()


def test_staff_pause_a_rule_and_grant_nothing(demo_url: str) -> None:
    at = _add_rule(_page(), "coupon", "釧路の地域クーポン", "meetup", 1)
    at = _open(at, "colead_incentive_rule_toggle_open")
    button(at, "停止する").click()
    at = _run(at)
    assert "ルール「釧路の地域クーポン」を停止しました。" in visible_text(at)
    assert "停止中" in _frame(at, "基準（回）").iloc[0]["有効/停止"]
    assert _widget(at.button, GRANT).disabled
    assert "有効なルールがないため、まだ付与できません。" in visible_text(at)
    button(at, "再開する").click()
    at = _run(at)
    assert "ルール「釧路の地域クーポン」を再開しました。" in visible_text(at)
    assert not _widget(at.button, GRANT).disabled


def test_the_ledger_is_filtered_by_person(demo_url: str) -> None:
    at = _section(_page(), "ledger")
    everyone = _frame(at, "根拠")
    person = everyone.iloc[0]["氏名"]
    with session_scope() as session:
        talent_id = session.exec(
            select(Talent.id).where(Talent.programme_id == _programme_of(at), Talent.name == person)
        ).first()
    _widget(at.selectbox, "人材で絞り込む").set_value(talent_id)
    at = _run(at)
    assert set(_frame(at, "根拠")["氏名"]) == {person}


def test_a_certificate_is_issued_and_its_pdf_names_the_person(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    at = _section(_page(), "certificates")
    active, idle = _people_with_and_without_activity(_programme_of(at))

    _widget(at.selectbox, "証明書の対象者").set_value(idle.id)
    at = _run(at)
    assert f"{idle.name}さんには、証明できる活動がまだありません。" in visible_text(at)
    assert _widget(at.button, ISSUE).disabled

    _widget(at.selectbox, "証明書の対象者").set_value(active.id)
    at = _run(at)
    preview = _frame(at, "活動内容")
    assert len(preview) > 0 and all("年" in day for day in preview["日付"])
    assert f"{active.name}さんの確認済みの活動（{len(preview)}件）" in visible_text(at)
    button(at, ISSUE).click()
    at = _run(at)
    assert f"{active.name}さんの証明書（番号 2026-0001）を発行しました。" in visible_text(at)
    assert "2026-0001" in "".join(m.value for m in at.markdown)
    assert [b.label for b in at.download_button] == ["PDFをダウンロード"]

    data = downloads["certificate_2026-0001.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "活動実績の証明書" in text
    assert active.name.replace(" ", "") in text.replace(" ", "")
    with session_scope() as session:
        printed = session.exec(select(AuditLog).where(AuditLog.action == "certificate.print")).all()
    assert printed and all(row.detail == "2026-0001" for row in printed)


def test_a_viewer_reads_rules_and_ledger_and_may_download_but_not_change(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    at = _add_rule(_page(), "title", "釧路ツアー修了", "tour", 1)
    active, _ = _people_with_and_without_activity(_programme_of(at))
    at = _section(at, "certificates")
    _widget(at.selectbox, "証明書の対象者").set_value(active.id)
    button(_run(at), ISSUE).click()
    _run(at)

    at = _page("viewer")
    text = visible_text(at)
    assert "閲覧者のため、ルールの追加・付与・取消・証明書の発行はできません。" in text
    assert "釧路ツアー修了" in set(_frame(at, "基準（回）")["内容"])
    labels = {b.label for b in at.button}
    at = _section(at, "ledger")
    assert len(_frame(at, "根拠")) > 0
    labels |= {b.label for b in at.button}
    assert not labels & {GRANT, ADD_RULE, ISSUE, "取り消す", "停止する"}
    assert not any(e.label in ("ルールを追加", "付与を取り消す") for e in at.expander)
    at = _section(at, "certificates")
    _widget(at.selectbox, "証明書の対象者").set_value(active.id)
    at = _run(at)
    assert "活動内容" in _frame(at, "活動内容").columns
    assert ISSUE not in {b.label for b in at.button}
    assert "certificate_2026-0001.pdf" in downloads  # viewers may print it (audited)
    with session_scope() as session:
        printers = set(
            session.exec(
                select(AuditLog.username).where(AuditLog.action == "certificate.print")
            ).all()
        )
    assert "viewer" in printers


def test_staff_of_another_region_see_nothing_of_kushiro(demo_url: str) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        kaga = next(r.id for r in list_regions(session, admin) if r.name == "加賀市")
        accounts.create_account(
            session, admin, username="kaga-staff", display_name="加賀担当",
            password="kaga-pass-1", role=Role.STAFF, region_ids=[kaga],
        )  # fmt: skip
    at = _page("kaga-staff", "kaga-pass-1")
    shown = ""
    for section in SECTIONS:
        at = _section(at, section)
        frames = "".join(e.value.to_csv() for e in [*at.dataframe, *at.table])
        people = "".join(str(o) for s in at.selectbox for o in s.options)
        shown += visible_text(at) + frames + people
    assert "加賀市" in shown
    assert "釧路" not in shown
    with session_scope() as session:
        kushiro = [c.id for c in list_programmes(session, admin) if c.region_name == "釧路市"]
        kushiro_names = set(
            session.exec(select(Talent.name).where(col(Talent.programme_id).in_(kushiro))).all()
        )
    assert kushiro_names and not any(name in shown for name in kushiro_names)
