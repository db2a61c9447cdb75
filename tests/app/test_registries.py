"""The registry pages as people use them: lists, a person's timeline, forms with errors kept,
bulk check-in, project status, quiet people — and nothing of another region."""

from __future__ import annotations

from sqlmodel import col, select

from colead.db import session_scope
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    Event,
    Programme,
    Region,
    Role,
    Talent,
)
from colead.services import accounts
from colead.ui.deliveries_page import NEW as NEW_DELIVERY
from colead.ui.events_page import NEW as NEW_EVENT
from colead.ui.projects_page import NEW as NEW_PROJECT
from colead.ui.talent_page import TAB as TALENT_TAB
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text


def _open(at, path: str):  # type: ignore[no-untyped-def]
    at.switch_page(path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _selectbox(at, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in at.selectbox if w.label == label)


def _frames(at) -> list:  # type: ignore[type-arg]
    return [element.value for element in at.dataframe]


def _programme_of(at) -> int:  # type: ignore[no-untyped-def]
    return at.session_state["colead_programme_id"]


def _first_row_id(at) -> int:  # type: ignore[no-untyped-def]
    """A person of the filtered list shown (withdrawn people of the programme)."""
    with session_scope() as session:
        return session.exec(
            select(Talent.id).where(
                Talent.programme_id == _programme_of(at), Talent.status == "withdrawn"
            )
        ).first()


def test_talent_list_filters_and_opens_a_timeline(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/talent.py")
    assert "人材台帳" in [t.value for t in at.title]
    with session_scope() as session:
        programme_id = _programme_of(at)
        total = len(session.exec(select(Talent).where(Talent.programme_id == programme_id)).all())
    assert f"{total}件中" in visible_text(at)
    people = _frames(at)[0]
    assert "氏名" in people.columns and len(people) == min(total, 50)

    _selectbox(at, "状況").select("withdrawn").run(timeout=TIMEOUT)
    withdrawn = _frames(at)[0] if at.dataframe else None
    with session_scope() as session:
        expected = session.exec(
            select(Talent.name).where(
                Talent.programme_id == programme_id, Talent.status == "withdrawn"
            )
        ).all()
    assert withdrawn is not None and sorted(withdrawn["氏名"]) == sorted(expected)

    _selectbox(at, "詳しく見る人材").set_value(_first_row_id(at)).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    text = visible_text(at)
    assert "人材の詳細" in text and "これまでの経過" in text
    timeline = _frames(at)[-1]
    assert "応募・登録" in list(timeline["できごと"])


def test_new_person_with_errors_keeps_what_was_typed(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/talent.py")
    assert not any(w.label == "氏名 *" for w in at.text_input)  # only the open tab is drawn
    at.session_state[TALENT_TAB] = "新規登録"  # what clicking the tab does
    at.run(timeout=TIMEOUT)
    types = next(w for w in at.multiselect if w.label == "人材タイプ")
    assert types.placeholder == "当てはまる人材タイプを選んでください（複数可）"  # not 「すべて」
    text_input(at, "氏名 *").input("釧路 花子")
    text_input(at, "メールアドレス").input("hanako-at-example")
    button(at, "新規登録").click().run(timeout=TIMEOUT)
    assert "メールアドレスの形式が正しくありません" in visible_text(at)
    assert text_input(at, "氏名 *").value == "釧路 花子"  # nothing typed is lost
    text_input(at, "メールアドレス").input("hanako@example.jp")
    button(at, "新規登録").click().run(timeout=TIMEOUT)
    assert "「釧路 花子」さんを登録しました。" in visible_text(at)
    with session_scope() as session:
        stored = session.exec(select(Talent).where(Talent.email == "hanako@example.jp")).one()
    assert stored.name == "釧路 花子" and stored.programme_id == _programme_of(at)


def test_viewer_reads_but_cannot_register(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "viewer"), "pages/talent.py")
    at.session_state[TALENT_TAB] = "新規登録"
    at.run(timeout=TIMEOUT)
    assert "閲覧者のため編集できません。" in visible_text(at)
    assert not any(b.label == "新規登録" for b in at.button)
    at = _open(at, "pages/events.py")
    with session_scope() as session:
        first_event = session.exec(
            select(Event.id).where(Event.programme_id == _programme_of(at))
        ).first()
    _selectbox(at, "出欠を確認するイベント").set_value(first_event).run(timeout=TIMEOUT)
    assert "申込・出欠" in visible_text(at)
    assert not any(b.label == "選んだ人の出欠を記録" for b in at.button)


def test_bulk_check_in_marks_the_chosen_people_attended(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/events.py")
    with session_scope() as session:
        event_id, pending = next(
            (event.id, ids)
            for event in session.exec(
                select(Event)
                .where(Event.programme_id == _programme_of(at))
                .order_by(col(Event.starts_at))
            )
            if (
                ids := session.exec(
                    select(Attendance.talent_id).where(
                        Attendance.event_id == event.id,
                        Attendance.status == AttendanceStatus.REGISTERED,
                    )
                ).all()
            )
        )
    picker = _selectbox(at, "出欠を確認するイベント")
    picker.select(event_id).run(timeout=TIMEOUT)
    chosen = next(w for w in at.multiselect if w.label == "対象の人")
    assert sorted(chosen.value) == sorted(pending)  # those still only registered come preselected
    button(at, "選んだ人の出欠を記録").click().run(timeout=TIMEOUT)
    assert f"{len(pending)}名を「出席」にしました。" in visible_text(at)
    with session_scope() as session:
        statuses = session.exec(
            select(Attendance.status).where(
                Attendance.event_id == event_id, col(Attendance.talent_id).in_(pending)
            )
        ).all()
    assert set(statuses) == {AttendanceStatus.ATTENDED}
    # the list still counts them as signed up: a check-in does not take a sign-up away
    with session_scope() as session:
        title = session.get(Event, event_id).title
    listing = next(f.value for f in at.dataframe if "申込（合計）" in f.value.columns)
    row = listing[listing["名称"] == title].iloc[0]
    assert row["申込（合計）"] >= len(pending) and row["出席"] >= len(pending)


def test_a_new_event_is_registered_from_the_form_opened_on_demand(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/events.py")
    assert any(b.label == "カレンダー（.ics）をダウンロード" for b in at.download_button)
    assert not any(w.label == "名称 *" for w in at.text_input)  # closed: not drawn
    at.session_state[NEW_EVENT] = True  # what opening the expander does
    at.run(timeout=TIMEOUT)
    button(at, "イベントを登録").click().run(timeout=TIMEOUT)
    assert "イベントの名称を入力してください。" in visible_text(at)
    text_input(at, "名称 *").input("秋のオンライン交流会")
    text_input(at, "場所").input("場" * 201)
    button(at, "イベントを登録").click().run(timeout=TIMEOUT)
    assert "「場所」は200文字以内で入力してください。" in visible_text(at)
    assert text_input(at, "名称 *").value == "秋のオンライン交流会"  # kept
    text_input(at, "場所").input("釧路市交流プラザ")
    button(at, "イベントを登録").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    with session_scope() as session:
        titles = session.exec(
            select(Event.title).where(Event.programme_id == _programme_of(at))
        ).all()
    assert "秋のオンライン交流会" in titles
    assert "秋のオンライン交流会" in str(_frames(at)[0])


def _first_company(programme_id: int) -> int:
    with session_scope() as session:
        return session.exec(
            select(Company.id).where(Company.programme_id == programme_id).order_by(Company.name)
        ).first()


def test_projects_show_derived_status_and_refuse_an_unready_company(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/projects.py")
    table = _frames(at)[0]
    assert {"状況", "企業", "マイルストーン完了"} <= set(table.columns)
    assert all(any(word in s for word in ("順調", "要注意", "遅延", "完了")) for s in table["状況"])
    assert not any(w.label == "企業" for w in at.selectbox)  # the closed form is not drawn
    at.session_state[NEW_PROJECT] = True  # what opening the expander does
    at.run(timeout=TIMEOUT)
    company = next(w for w in at.selectbox if w.label == "企業")
    company.set_value(company.options and _first_company(_programme_of(at)))
    text_input(at, "テーマ *").input("受発注のデジタル化")
    button(at, "プロジェクトを開始").click().run(timeout=TIMEOUT)
    text = visible_text(at)
    assert "経営者の参加" in text  # the missing B-1 checks are named


def test_deliveries_list_quiet_people_and_record_a_delivery_to_them(demo_url: str) -> None:
    at = _open(sign_in(new_app(), "staff"), "pages/deliveries.py")
    assert "接触のない人" in visible_text(at)
    at.session_state[NEW_DELIVERY] = True  # what opening the expander does
    at.run(timeout=TIMEOUT)
    _selectbox(at, "提供した情報").set_value("イベント情報")
    _selectbox(at, "方法").set_value("メールマガジン")
    text_input(at, "件名・内容 *").input("冬のフィールドワークツアーのご案内")
    next(r for r in at.radio if r.label == "送った相手").set_value("all")
    button(at, "記録する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "への情報提供を記録しました。" in visible_text(at)
    history = _frames(at)[-1]
    assert "冬のフィールドワークツアーのご案内" in list(history["件名・内容"])


def test_staff_of_one_region_sees_nothing_of_another(demo_url: str) -> None:
    with session_scope(write=True) as session:
        regions = session.exec(select(Region).order_by(Region.id)).all()
        own, other = regions[0], regions[-1]
        admin = accounts.load_actor(session, "admin")
        accounts.create_account(
            session, admin, username="kushiro", display_name="釧路市職員",
            password="kushiro-staff-1", role=Role.STAFF, region_ids=[own.id],
        )  # fmt: skip
        names = {
            region_id: set(
                session.exec(
                    select(Talent.name)
                    .join(Programme, col(Programme.id) == col(Talent.programme_id))
                    .where(Programme.region_id == region_id)
                )
            )
            for region_id in (own.id, other.id)
        }
        other_names = names[other.id] - names[own.id]
    at = sign_in(new_app(), "kushiro", "kushiro-staff-1")
    for path in ("pages/talent.py", "pages/companies.py", "pages/deliveries.py"):
        at = _open(at, path)
        shown = "\n".join(frame.to_csv() for frame in _frames(at))
        assert other_names and not any(name in shown for name in other_names), path


def test_dashboard_draws_trends_and_refuses_an_inverted_period(demo_url: str) -> None:
    from datetime import date

    at = _open(sign_in(new_app(), "staff"), "pages/dashboard.py")
    subheaders = [s.value for s in at.subheader]
    for heading in (
        "応募・登録から継続関係までのファネル",
        "プロジェクトのマイルストーン",
        "情報提供の推移",
        "人材タイプの供給と企業のニーズ",
    ):
        assert heading in subheaders
    charts_before = len(at.get("plotly_chart"))
    assert charts_before >= 4
    next(d for d in at.date_input if d.label == "期間（から）").set_value(date(2027, 6, 1))
    at.run(timeout=TIMEOUT)
    assert "期間の始まりが終わりより後になっています" in visible_text(at)
    assert len(at.get("plotly_chart")) < charts_before  # no chart drawn from a bad period
