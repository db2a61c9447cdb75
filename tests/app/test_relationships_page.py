"""関係の継続 (B-6 STEP4) as people use it on the demo data (as of 2026-11-24): the five rungs of
the ladder with their counts, each person's stage with filters, the region's talent pool by
specialty, recording and withdrawing consent, the export of consenting people (audited once per
download), what a viewer sees, and nothing of 釧路市 for another region's staff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlmodel import col, func, select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import AuditLog, ConsentRecord, Programme, Region, Role, SkillType, Talent
from colead.services import accounts
from colead.services import relationships as rel
from colead.services.relationships import STAGES, Stage
from colead.ui.registry import FORM_GENERATION
from colead.ui.relationships_page import (
    EXPORT_SCOPE,
    QUIET_FILTER,
    RECORD,
    SECTION,
    SECTIONS,
    SKILL_FILTER,
    STAGE_FILTER,
    WITHDRAW,
    WITHDRAW_PERSON,
)
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text
from tests.conftest import DEMO_DAY

TODAY = today_in_japan()  # the page works on the real day; the demo was laid out before it
STAGE_LABELS = ("① 登録", "② 参加", "③ 協働", "④ 継続", "⑤ 複数社・他事業")
SHARED = "他の自治体のプログラムへのプロフィール共有"  # a scope of the demo data
CSV, XLSX = f"shared_talent_{TODAY:%Y%m%d}.csv", f"shared_talent_{TODAY:%Y%m%d}.xlsx"
EXPORTS = 'action = "consent.export"'


def _page(
    username: str = "staff", password: str = "colead-demo", section: str = "ladder"
) -> AppTest:
    at = sign_in(new_app(), username, password)
    at.switch_page("pages/relationships.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return _section(at, section)


def _section(at: AppTest, section: str) -> AppTest:
    """Show one part of the page, as clicking its button above does."""
    at.session_state[SECTION] = section
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _programme(at: AppTest) -> Programme:
    with session_scope() as session:
        return session.get(Programme, at.session_state["colead_programme_id"])


def _staff():  # type: ignore[no-untyped-def]
    with session_scope() as session:
        return accounts.load_actor(session, "staff")


def _frame(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _people_frame(at: AppTest):  # type: ignore[no-untyped-def]
    return _frame(at, "プロジェクト数")


def _pool_frame(at: AppTest):  # type: ignore[no-untyped-def]
    return _frame(at, "登録年度数")


def _consenting_frame(at: AppTest):  # type: ignore[no-untyped-def]
    return next((d.value for d in at.dataframe if "同意日" in d.value.columns), None)


def _by_key(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return next(w for w in at.selectbox if w.key == key)


def _audit_count() -> int:
    with session_scope() as session:
        return session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "consent.export")
        ).one()


def test_the_ladder_shows_five_stages_with_their_counts(demo_url: str) -> None:
    at = _page()
    programme = _programme(at)
    with session_scope() as session:
        counts = rel.ladder_counts(session, _staff(), programme.id)
    reached = rel.reached_at_least(counts)
    metrics = {m.label: m for m in at.metric}
    for stage, label in zip(STAGES, STAGE_LABELS, strict=True):
        assert metrics[label].value == f"{counts[stage]}名", label
        assert metrics[label].delta == f"この段階以上：{reached[stage]}名", label
    text = visible_text(at)
    assert "B-6 STEP4" in text and "シェアリング" in text  # the guideline's point, up front
    assert [s.value for s in at.subheader] == ["関係性の段階", "一人ひとりの状況"]
    # the other parts are one click away, each drawn only when chosen
    assert [s.value for s in _section(at, "pool").subheader] == ["地域の人材プール（専門分野ごと）"]
    assert (
        next(s.value for s in _section(at, "sharing").subheader)
        == "他の事業・自治体との共有（同意）"
    )
    _section(at, "ladder")
    people = _people_frame(at)
    assert list(people.columns) == [
        "氏名", "専門分野", "段階", "最終接点", "経過日数", "プロジェクト数", "協働した企業数",
    ]  # fmt: skip
    assert len(people) == min(reached[Stage.REGISTERED], 50)
    assert set(people["段階"]) <= set(STAGE_LABELS)


def test_the_stage_and_quiet_filters_narrow_the_list(demo_url: str) -> None:
    at = _page()
    programme = _programme(at)
    # two weeks quiet as of the demo's day, however long ago the demo was laid out
    quiet_days = 14 + (TODAY - DEMO_DAY).days
    with session_scope() as session:
        counts = rel.ladder_counts(session, _staff(), programme.id)
        quiet = rel.ladder(session, _staff(), programme.id, TODAY, quiet_days=quiet_days)
    _by_key(at, STAGE_FILTER).set_value(Stage.COLLABORATING)
    at = _run(at)
    people = _people_frame(at)
    assert counts[Stage.COLLABORATING] and len(people) == counts[Stage.COLLABORATING]
    assert set(people["段階"]) == {"③ 協働"}
    assert f"{counts[Stage.COLLABORATING]}件中" in visible_text(at)

    _by_key(at, STAGE_FILTER).set_value("")  # すべての段階
    next(w for w in at.number_input if w.key == QUIET_FILTER).set_value(quiet_days)
    at = _run(at)
    people = _people_frame(at)
    assert 0 < quiet.total < sum(counts.values())
    assert len(people) == min(quiet.total, 50)
    days = people["経過日数"].dropna()
    assert (days >= quiet_days).all()
    never = people[people["経過日数"].isna()]
    assert set(never["最終接点"]) <= {"接点なし"}


def test_the_pool_lists_the_regions_people_and_filters_by_specialty(demo_url: str) -> None:
    at = _page(section="pool")
    programme = _programme(at)
    with session_scope() as session:
        region_names = set(
            session.exec(
                select(Talent.name)
                .join(Programme, col(Programme.id) == col(Talent.programme_id))
                .where(Programme.region_id == programme.region_id)
            )
        )
        summary = rel.pool_summary(session, _staff(), programme.region_id)
    text = visible_text(at)
    assert "釧路市の人材プール" in text and "年度を問わず" in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["サイバーセキュリティスペシャリスト"] == f"{summary['security']}名"
    pool = _pool_frame(at)
    assert list(pool.columns) == [
        "氏名", "所属", "専門分野", "段階", "協働した企業", "最終接点", "登録年度数",
    ]  # fmt: skip
    assert len(pool) == min(sum(summary.values()), 50)
    assert set(pool["氏名"]) <= region_names

    _by_key(at, SKILL_FILTER).set_value(SkillType.SECURITY)
    at = _run(at)
    pool = _pool_frame(at)
    assert len(pool) == summary["security"] > 0
    assert set(pool["専門分野"]) == {"サイバーセキュリティスペシャリスト"}


def _someone_not_sharing(programme_id: int) -> tuple[int, str]:
    with session_scope() as session:
        sharing = set(
            session.exec(
                select(ConsentRecord.talent_id).where(
                    ConsentRecord.scope == SHARED, col(ConsentRecord.withdrawn_on).is_(None)
                )
            )
        )
        people = session.exec(
            select(Talent.id, Talent.name)
            .where(Talent.programme_id == programme_id)
            .order_by(Talent.name)
        ).all()
    names = [name for _, name in people]
    return next(
        (tid, name) for tid, name in people if tid not in sharing and names.count(name) == 1
    )


def _record_form(at: AppTest, name: str):  # type: ignore[no-untyped-def]
    prefix = f"colead_consent_record_{at.session_state.get(FORM_GENERATION, 0)}"
    return _by_key(at, f"{prefix}_{name}")


def test_staff_record_consent_export_it_and_withdraw_it(
    demo_url: str, download_makers: dict[str, Callable[[], bytes]]
) -> None:
    at = _page(section="sharing")
    assert not any(w.label == "人材" for w in at.selectbox)  # the closed forms are not drawn
    talent_id, name = _someone_not_sharing(_programme(at).id)
    at.session_state[RECORD] = True  # what opening the expander does
    at = _run(at)

    _record_form(at, "person").set_value(talent_id)
    button(at, "同意を記録").click()
    at = _run(at)
    assert "共有の範囲を入力してください。" in visible_text(at)
    assert _record_form(at, "person").value == talent_id  # what was chosen is kept

    _record_form(at, "scope").set_value(SHARED)
    button(at, "同意を記録").click()
    at = _run(at)
    assert "同意を記録しました。" in visible_text(at)
    assert _record_form(at, "person").value is None  # the form starts again empty
    assert _by_key(at, EXPORT_SCOPE).value == SHARED  # the export shows where they now are
    assert name in set(_consenting_frame(at)["氏名"])
    assert name in download_makers[CSV]().decode("utf-8-sig")

    at.session_state[WITHDRAW] = True
    at = _run(at)
    _by_key(at, WITHDRAW_PERSON).set_value(talent_id)
    at = _run(at)
    with session_scope() as session:
        granted = session.exec(
            select(ConsentRecord.id).where(
                ConsentRecord.talent_id == talent_id, ConsentRecord.scope == SHARED
            )
        ).one()
    consent = next(w for w in at.selectbox if w.label == "撤回する同意")
    assert any(option.startswith(SHARED) for option in consent.options)
    consent.set_value(granted)
    button(at, "撤回を記録").click()
    at = _run(at)
    assert "同意の撤回を記録しました。" in visible_text(at)
    assert name not in set(_consenting_frame(at)["氏名"])
    exported = download_makers[CSV]().decode("utf-8-sig")
    assert SHARED in exported and name not in exported


def test_a_new_scope_typed_in_is_recorded(demo_url: str) -> None:
    at = _page(section="sharing")
    talent_id, name = _someone_not_sharing(_programme(at).id)
    at.session_state[RECORD] = True
    at = _run(at)
    _record_form(at, "person").set_value(talent_id)
    scope = _record_form(at, "scope")
    scope.options.append("とちぎビジネスAIセンター")  # what typing a new option sends
    scope.set_value("とちぎビジネスAIセンター")
    button(at, "同意を記録").click()
    at = _run(at)
    assert "同意を記録しました。" in visible_text(at)
    assert _by_key(at, EXPORT_SCOPE).value == "とちぎビジネスAIセンター"
    assert list(_consenting_frame(at)["氏名"]) == [name]


def test_a_withdrawal_before_the_consent_is_refused_in_words(demo_url: str) -> None:
    at = _page(section="sharing")
    with session_scope() as session:
        consent = session.exec(
            select(ConsentRecord)
            .join(Talent, col(Talent.id) == col(ConsentRecord.talent_id))
            .where(
                Talent.programme_id == _programme(at).id,
                col(ConsentRecord.withdrawn_on).is_(None),
            )
        ).first()
    at.session_state[WITHDRAW] = True
    at = _run(at)
    _by_key(at, WITHDRAW_PERSON).set_value(consent.talent_id)
    at = _run(at)
    when = next(w for w in at.date_input if w.label == "撤回日")
    when.set_value(date(2020, 1, 1))
    button(at, "撤回を記録").click()
    at = _run(at)
    assert "撤回日は同意日" in visible_text(at)
    assert next(w for w in at.date_input if w.label == "撤回日").value == date(2020, 1, 1)
    with session_scope() as session:
        assert session.get(ConsentRecord, consent.id).withdrawn_on is None


def test_each_download_writes_one_audit_row_and_reruns_write_none(
    demo_url: str, download_makers: dict[str, Callable[[], bytes]]
) -> None:
    at = _page(section="sharing")
    _by_key(at, EXPORT_SCOPE).set_value(SHARED)
    at = _run(at)
    at = _run(at)  # reruns draw the buttons again but make no file
    assert _audit_count() == 0
    with session_scope() as session:
        people = rel.consenting_people(session, _staff(), _programme(at).id, SHARED, TODAY)
    assert f"共有できる人材：{len(people)}名" in visible_text(at)
    assert list(_consenting_frame(at)["氏名"]) == [p.name for p in people]
    assert "監査ログ" in visible_text(at)

    lines = download_makers[CSV]().decode("utf-8-sig").splitlines()
    assert lines[0] == "氏名,メールアドレス,所属,居住地,専門分野,同意日,共有の範囲"
    assert len(lines) == 1 + len(people)
    assert _audit_count() == 1
    assert download_makers[XLSX]().startswith(b"PK")  # an Excel workbook
    assert _audit_count() == 2
    with session_scope() as session:
        row = session.exec(select(AuditLog).where(AuditLog.action == "consent.export")).first()
    assert row.username == "staff" and row.target == SHARED


def test_a_viewer_reads_the_ladder_and_pool_but_not_the_sharing(
    demo_url: str, download_makers: dict[str, Callable[[], bytes]]
) -> None:
    at = _page("viewer")
    assert all(label in {m.label for m in at.metric} for label in STAGE_LABELS)
    assert _people_frame(at) is not None
    assert _pool_frame(_section(at, "pool")) is not None
    assert "職員・管理者のみ" in visible_text(_section(at, "sharing"))
    assert RECORD not in at.session_state and WITHDRAW not in at.session_state
    assert not any(w.key == EXPORT_SCOPE for w in at.selectbox)
    assert not at.download_button and CSV not in download_makers and XLSX not in download_makers
    assert _consenting_frame(at) is None


def test_staff_of_another_region_see_nothing_of_kushiro(
    demo_url: str, download_makers: dict[str, Callable[[], bytes]]
) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        kaga, kushiro = (
            session.exec(select(Region.id).where(Region.name == name)).one()
            for name in ("加賀市", "釧路市")
        )
        accounts.create_account(
            session, admin, username="kaga-staff", display_name="加賀担当",
            password="kaga-pass-1", role=Role.STAFF, region_ids=[kaga],
        )  # fmt: skip
        names = {
            region: set(
                session.exec(
                    select(Talent.name)
                    .join(Programme, col(Programme.id) == col(Talent.programme_id))
                    .where(Programme.region_id == region)
                )
            )
            for region in (kaga, kushiro)
        }
    kushiro_only = names[kushiro] - names[kaga]
    at = _page("kaga-staff", "kaga-pass-1")
    shown = ""
    for section in SECTIONS:
        _section(at, section)
        shown += visible_text(at) + "".join(d.value.to_csv() for d in at.dataframe)
    _by_key(at, EXPORT_SCOPE)  # the export is there, for 加賀市's own people
    shown += "".join(make().decode("utf-8-sig") for n, make in download_makers.items() if n == CSV)
    assert "加賀市" in shown and "釧路" not in shown
    assert kushiro_only and not any(name in shown for name in kushiro_only)
