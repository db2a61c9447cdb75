"""Every create form as a person uses it twice in a row: a refused submit keeps everything typed
(only the bad value is corrected before submitting again, and the record holds every value
typed before the refusal), and a successful one draws the form empty for the next record."""

from __future__ import annotations

from datetime import date, time

from sqlmodel import col, select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    IncentiveRule,
    InformationDelivery,
    MeetingReport,
    Milestone,
    MilestoneKind,
    PartnerInstitution,
    Programme,
    Project,
    ProjectMember,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import accounts
from colead.services.incentives import THRESHOLD_MIN
from colead.services.screening import is_ready
from colead.services.talent import list_talent
from colead.ui.deliveries_page import NEW as NEW_DELIVERY
from colead.ui.events_page import NEW as NEW_EVENT
from colead.ui.incentives_page import NEW_RULE
from colead.ui.projects_page import NEW as NEW_PROJECT
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text

FIX = "次の点を直してください。入力した内容はそのまま残っています。"


def _page(path: str) -> AppTest:
    at = sign_in(new_app(), "staff")
    at.switch_page(path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _submit(at: AppTest, label: str) -> AppTest:
    button(at, label).click()
    return _run(at)


def _field(widgets, label: str):  # type: ignore[no-untyped-def]
    """The one form field (no key of its own) with this label."""
    found = [w for w in widgets if w.label == label and w.key is None]
    assert len(found) == 1, (label, len(found))
    return found[0]


def _values(at: AppTest, fields: dict[str, str]) -> dict[str, object]:
    """The value shown in each field, by label; `fields` maps a label to its widget kind."""
    return {label: _field(getattr(at, kind), label).value for label, kind in fields.items()}


def _programme_of(at: AppTest) -> int:
    return at.session_state["colead_programme_id"]


# --- 人材台帳 ---------------------------------------------------------------------------------

TALENT_FIELDS = {
    "氏名 *": "text_input",
    "メールアドレス": "text_input",
    "所属": "text_input",
    "居住地": "text_input",
    "募集チャネル": "text_input",
    "応募日": "date_input",
    "状況": "selectbox",
    "人材タイプ": "multiselect",
    "関心・得意分野": "text_area",
    "メモ": "text_area",
}


def _talent_empty() -> dict[str, object]:
    return {
        "氏名 *": "",
        "メールアドレス": "",
        "所属": "",
        "居住地": "",
        "募集チャネル": "",
        "応募日": today_in_japan(),
        "状況": TalentStatus.APPLIED,
        "人材タイプ": [],
        "関心・得意分野": "",
        "メモ": "",
    }


def test_talent_form_keeps_a_refused_person_and_is_empty_after_a_registered_one(
    demo_url: str,
) -> None:
    from colead.ui.talent_page import TAB

    at = _page("pages/talent.py")
    at.session_state[TAB] = "新規登録"
    at = _run(at)
    assert _values(at, TALENT_FIELDS) == _talent_empty()
    typed = {
        "氏名 *": "高橋 誠",
        "メールアドレス": "makoto-at-example",
        "所属": "札幌データ研究所",
        "居住地": "東京都世田谷区",
        "募集チャネル": "知人の紹介",
        "応募日": date(2026, 10, 5),
        "状況": TalentStatus.ACTIVE,
        "人材タイプ": [SkillType.DATA_SCIENTIST, SkillType.UX_DESIGNER],
        "関心・得意分野": "水産加工の需要予測",
        "メモ": "ツアー希望",
    }
    for label, value in typed.items():
        _field(getattr(at, TALENT_FIELDS[label]), label).set_value(value)
    at = _submit(at, "新規登録")
    assert FIX in visible_text(at)
    assert "メールアドレスの形式が正しくありません" in visible_text(at)
    assert _values(at, TALENT_FIELDS) == typed  # nothing typed is lost

    _field(at.text_input, "メールアドレス").input("makoto@example.jp")
    at = _submit(at, "新規登録")
    assert "「高橋 誠」さんを登録しました。" in visible_text(at)
    assert _values(at, TALENT_FIELDS) == _talent_empty()  # ready for the next person
    with session_scope() as session:
        person = session.exec(select(Talent).where(Talent.email == "makoto@example.jp")).one()
        skills = set(
            session.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == person.id))
        )
    assert (person.name, person.affiliation, person.residence) == (
        "高橋 誠",
        "札幌データ研究所",
        "東京都世田谷区",
    )
    assert (person.recruitment_channel, person.applied_on, person.status) == (
        "知人の紹介",
        date(2026, 10, 5),
        TalentStatus.ACTIVE,
    )
    assert (person.interests, person.note) == ("水産加工の需要予測", "ツアー希望")
    assert skills == {SkillType.DATA_SCIENTIST, SkillType.UX_DESIGNER}


def test_consent_form_keeps_a_refused_date_and_is_empty_after_a_recorded_consent(
    demo_url: str,
) -> None:
    at = _page("pages/talent.py")
    with session_scope() as session:
        staff = accounts.load_actor(session, "staff")
        person = list_talent(session, staff, _programme_of(at)).rows[0].id  # on the first page
    next(w for w in at.selectbox if w.label == "詳しく見る人材").set_value(person)
    at = _run(at)
    fields = {"共有の範囲": "text_input", "同意日": "date_input"}
    assert _values(at, fields) == {"共有の範囲": "", "同意日": today_in_japan()}
    _field(at.date_input, "同意日").set_value(date(2026, 11, 2))
    at = _submit(at, "同意を記録する")
    assert "共有の範囲を入力してください。" in visible_text(at)
    assert _values(at, fields) == {"共有の範囲": "", "同意日": date(2026, 11, 2)}

    _field(at.text_input, "共有の範囲").input("他自治体のふるさとCo-LEADプログラム")
    at = _submit(at, "同意を記録する")
    assert "保存しました。" in visible_text(at)
    with session_scope() as session:
        stored = session.exec(
            select(ConsentRecord).where(
                ConsentRecord.talent_id == person,
                ConsentRecord.scope == "他自治体のふるさとCo-LEADプログラム",
            )
        ).one()
    assert stored.granted_on == date(2026, 11, 2)  # the date chosen before the refusal
    assert _values(at, fields) == {"共有の範囲": "", "同意日": today_in_japan()}
    # the talent page records consent through the one audited path (#11 item 18)
    with session_scope() as session:
        audited = session.exec(
            select(AuditLog.detail).where(
                AuditLog.action == "consent.grant", AuditLog.target == f"talent:{person}"
            )
        ).all()
    assert audited == [f"consent {stored.id}: 他自治体のふるさとCo-LEADプログラム"]


# --- 企業台帳 ---------------------------------------------------------------------------------

COMPANY_FIELDS = {
    "企業名 *": "text_input",
    "業種": "text_input",
    "従業員数": "number_input",
    "代表者": "text_input",
    "所在地": "text_input",
    "紹介元の機関（B-2）": "selectbox",
    "メモ": "text_area",
}
COMPANY_EMPTY = {
    "企業名 *": "",
    "業種": "",
    "従業員数": None,
    "代表者": "",
    "所在地": "",
    "紹介元の機関（B-2）": None,
    "メモ": "",
}


def test_company_form_keeps_a_refused_company_and_is_empty_after_a_registered_one(
    demo_url: str,
) -> None:
    from colead.ui.companies_page import TAB

    at = _page("pages/companies.py")
    at.session_state[TAB] = "新規登録"
    at = _run(at)
    assert _values(at, COMPANY_FIELDS) == COMPANY_EMPTY
    with session_scope() as session:
        region_id = session.get(Programme, _programme_of(at)).region_id
        partner = session.exec(
            select(PartnerInstitution.id).where(PartnerInstitution.region_id == region_id)
        ).first()
    assert partner is not None
    typed = {
        "企業名 *": "",  # the one mistake: no name
        "業種": "水産加工",
        "従業員数": 42,
        "代表者": "山本 一郎",
        "所在地": "釧路市浜町",
        "紹介元の機関（B-2）": partner,
        "メモ": "冷凍設備の更新を検討中",
    }
    for label, value in typed.items():
        _field(getattr(at, COMPANY_FIELDS[label]), label).set_value(value)
    at = _submit(at, "新規登録")
    assert "企業名を入力してください。" in visible_text(at)
    assert _values(at, COMPANY_FIELDS) == typed

    _field(at.text_input, "企業名 *").input("浜町水産株式会社")
    at = _submit(at, "新規登録")
    assert "「浜町水産株式会社」を登録しました。" in visible_text(at)
    assert _values(at, COMPANY_FIELDS) == COMPANY_EMPTY
    with session_scope() as session:
        company = session.exec(select(Company).where(Company.name == "浜町水産株式会社")).one()
    assert (company.industry, company.employees, company.representative) == (
        "水産加工",
        42,
        "山本 一郎",
    )
    assert (company.address, company.partner_id, company.note) == (
        "釧路市浜町",
        partner,
        "冷凍設備の更新を検討中",
    )


# --- イベント・出欠 ---------------------------------------------------------------------------

EVENT_FIELDS = {
    "種類": "selectbox",
    "名称 *": "text_input",
    "開催日": "date_input",
    "開始": "time_input",
    "終了": "time_input",
    "場所": "text_input",
    "オンラインツール": "text_input",
    "対象の企業（事前顔合わせなど）": "selectbox",
    "メモ": "text_area",
}


def _event_empty() -> dict[str, object]:
    return {
        "種類": EventKind.MEETUP,
        "名称 *": "",
        "開催日": today_in_japan(),
        "開始": time(19),
        "終了": None,
        "場所": "",
        "オンラインツール": "",
        "対象の企業（事前顔合わせなど）": None,
        "メモ": "",
    }


def test_event_form_keeps_a_refused_event_and_is_empty_after_a_registered_one(
    demo_url: str,
) -> None:
    at = _page("pages/events.py")
    at.session_state[NEW_EVENT] = True  # what opening the expander does
    at = _run(at)
    assert _values(at, EVENT_FIELDS) == _event_empty()
    with session_scope() as session:
        company = session.exec(
            select(Company.id).where(Company.programme_id == _programme_of(at))
        ).first()
    typed = {
        "種類": EventKind.TOUR,
        "名称 *": "",  # the one mistake: no title
        "開催日": date(2027, 2, 14),
        "開始": time(10),
        "終了": time(16, 30),
        "場所": "釧路市観光国際交流センター",
        "オンラインツール": "Zoom",
        "対象の企業（事前顔合わせなど）": company,
        "メモ": "防寒具を持参",
    }
    for label, value in typed.items():
        _field(getattr(at, EVENT_FIELDS[label]), label).set_value(value)
    at = _submit(at, "イベントを登録")
    assert "イベントの名称を入力してください。" in visible_text(at)
    assert _values(at, EVENT_FIELDS) == typed

    _field(at.text_input, "名称 *").input("冬の釧路フィールドワーク")
    at = _submit(at, "イベントを登録")
    assert "イベント「冬の釧路フィールドワーク」を登録しました。" in visible_text(at)
    assert _values(at, EVENT_FIELDS) == _event_empty()
    with session_scope() as session:
        event = session.exec(select(Event).where(Event.title == "冬の釧路フィールドワーク")).one()
    assert (event.kind, event.place, event.online_tool) == (
        EventKind.TOUR,
        "釧路市観光国際交流センター",
        "Zoom",
    )
    assert (event.company_id, event.note) == (company, "防寒具を持参")


def _event_with_registered(programme_id: int, at_least: int) -> tuple[int, list[int]]:
    """An event of the programme with people still only registered, and those people."""
    with session_scope() as session:
        for event_id in session.exec(
            select(Event.id).where(Event.programme_id == programme_id).order_by(col(Event.id))
        ):
            pending = session.exec(
                select(Attendance.talent_id).where(
                    Attendance.event_id == event_id,
                    Attendance.status == AttendanceStatus.REGISTERED,
                )
            ).all()
            if len(pending) >= at_least:
                return event_id, list(pending)
    raise AssertionError("the demo has no event with people registered")


def _open_event(at: AppTest, event_id: int) -> AppTest:
    next(w for w in at.selectbox if w.label == "出欠を確認するイベント").set_value(event_id)
    return _run(at)


def test_check_in_keeps_a_refused_choice_and_is_drawn_afresh_after_a_recorded_one(
    demo_url: str,
) -> None:
    at = _page("pages/events.py")
    event_id, pending = _event_with_registered(_programme_of(at), 2)
    at = _open_event(at, event_id)
    people = _field(at.multiselect, "対象の人")
    status = _field(at.radio, "出欠")
    assert sorted(people.value) == sorted(pending) and status.value == AttendanceStatus.ATTENDED
    people.set_value([])
    status.set_value(AttendanceStatus.ABSENT)
    at = _submit(at, "選んだ人の出欠を記録")
    assert "対象の人を1人以上選んでください。" in visible_text(at)
    assert _field(at.multiselect, "対象の人").value == []
    assert _field(at.radio, "出欠").value == AttendanceStatus.ABSENT  # the choice is kept

    absent = pending[0]
    _field(at.multiselect, "対象の人").set_value([absent])
    at = _submit(at, "選んだ人の出欠を記録")
    assert "1名を「欠席」にしました。" in visible_text(at)
    with session_scope() as session:
        stored = session.exec(
            select(Attendance.status).where(
                Attendance.event_id == event_id, Attendance.talent_id == absent
            )
        ).one()
    assert stored == AttendanceStatus.ABSENT
    # Drawn afresh: those still only registered preselected, 出席 chosen.
    assert sorted(_field(at.multiselect, "対象の人").value) == sorted(pending[1:])
    assert _field(at.radio, "出欠").value == AttendanceStatus.ATTENDED


def test_registration_form_refuses_nobody_and_is_empty_after_registering(
    demo_url: str,
) -> None:
    at = _page("pages/events.py")
    event_id, _ = _event_with_registered(_programme_of(at), 1)
    at = _open_event(at, event_id)
    chooser = _field(at.multiselect, "申込する人")
    assert chooser.value == [] and len(chooser.options) >= 2
    at = _submit(at, "申込を登録")
    assert "対象の人を1人以上選んでください。" in visible_text(at)

    with session_scope() as session:
        registered = set(
            session.exec(select(Attendance.talent_id).where(Attendance.event_id == event_id))
        )
        newcomers = session.exec(
            select(Talent.id)
            .where(
                Talent.programme_id == _programme_of(at),
                Talent.status != TalentStatus.WITHDRAWN,
                col(Talent.id).not_in(registered),
            )
            .order_by(col(Talent.id))
            .limit(2)
        ).all()
    _field(at.multiselect, "申込する人").set_value(list(newcomers))
    at = _submit(at, "申込を登録")
    assert "2名の申込を登録しました。" in visible_text(at)
    assert _field(at.multiselect, "申込する人").value == []
    with session_scope() as session:
        now = set(session.exec(select(Attendance.talent_id).where(Attendance.event_id == event_id)))
    assert set(newcomers) <= now


# --- 協働プロジェクト -------------------------------------------------------------------------

PROJECT_FIELDS = {
    "企業": "selectbox",
    "テーマ *": "text_input",
    "開始日": "date_input",
    "終了予定日": "date_input",
}


def _project_empty() -> dict[str, object]:
    return {"企業": None, "テーマ *": "", "開始日": today_in_japan(), "終了予定日": None}


def test_project_form_keeps_a_refused_project_and_is_empty_after_a_started_one(
    demo_url: str,
) -> None:
    at = _page("pages/projects.py")
    at.session_state[NEW_PROJECT] = True  # what opening the expander does
    at = _run(at)
    assert _values(at, PROJECT_FIELDS) == _project_empty()
    with session_scope() as session:
        company, name = session.exec(
            select(Company.id, Company.name).where(
                Company.programme_id == _programme_of(at), is_ready()
            )
        ).first()
    typed = {
        "企業": company,
        "テーマ *": "",  # the one mistake: no theme
        "開始日": date(2027, 1, 10),
        "終了予定日": date(2027, 6, 30),
    }
    for label, value in typed.items():
        _field(getattr(at, PROJECT_FIELDS[label]), label).set_value(value)
    at = _submit(at, "プロジェクトを開始")
    assert "プロジェクトのテーマを入力してください。" in visible_text(at)
    assert _values(at, PROJECT_FIELDS) == typed

    _field(at.text_input, "テーマ *").input("在庫管理のクラウド化")
    at = _submit(at, "プロジェクトを開始")
    assert f"「{name}」とのプロジェクトを開始しました。" in visible_text(at)
    assert _values(at, PROJECT_FIELDS) == _project_empty()
    with session_scope() as session:
        project = session.exec(select(Project).where(Project.theme == "在庫管理のクラウド化")).one()
    assert (project.company_id, project.starts_on, project.ends_on) == (
        company,
        date(2027, 1, 10),
        date(2027, 6, 30),
    )


def _project_with_team(programme_id: int) -> tuple[int, list[int], list[int]]:
    """A project with at least two members and a milestone: (id, members, milestones)."""
    with session_scope() as session:
        for project_id in session.exec(
            select(Project.id).where(Project.programme_id == programme_id).order_by(Project.id)
        ):
            members = session.exec(
                select(ProjectMember.talent_id).where(ProjectMember.project_id == project_id)
            ).all()
            milestones = session.exec(
                select(Milestone.id).where(Milestone.project_id == project_id)
            ).all()
            if len(members) >= 2 and milestones:
                return project_id, list(members), list(milestones)
    raise AssertionError("the demo has no project with a team and milestones")


def _open_project(at: AppTest, project_id: int) -> AppTest:
    next(w for w in at.selectbox if w.label == "詳しく見るプロジェクト").set_value(project_id)
    return _run(at)


def test_milestone_form_is_empty_after_an_added_milestone(demo_url: str) -> None:
    at = _page("pages/projects.py")
    project_id, _, _ = _project_with_team(_programme_of(at))
    at = _open_project(at, project_id)
    fields = {"種類": "selectbox", "マイルストーン": "text_input", "期限": "date_input"}
    empty = {"種類": MilestoneKind.MONTHLY_MEETING, "マイルストーン": "", "期限": today_in_japan()}
    assert _values(at, fields) == empty
    typed = {"種類": MilestoneKind.OTHER, "マイルストーン": "現場見学会", "期限": date(2027, 3, 3)}
    for label, value in typed.items():
        _field(getattr(at, fields[label]), label).set_value(value)
    at = _submit(at, "マイルストーンを追加")
    assert "保存しました。" in visible_text(at)
    assert _values(at, fields) == empty
    with session_scope() as session:
        stored = session.exec(
            select(Milestone).where(
                Milestone.project_id == project_id, Milestone.title == "現場見学会"
            )
        ).one()
    assert (stored.kind, stored.due_on) == (MilestoneKind.OTHER, date(2027, 3, 3))


def test_report_form_keeps_a_refused_report_and_is_empty_after_a_recorded_one(
    demo_url: str,
) -> None:
    at = _page("pages/projects.py")
    project_id, members, milestones = _project_with_team(_programme_of(at))
    at = _open_project(at, project_id)
    fields = {"提出者": "selectbox", "マイルストーン": "selectbox", "提出日": "date_input"}
    author = _field(at.selectbox, "提出者")
    empty = {"提出者": author.options and author.value, "マイルストーン": None}
    empty["提出日"] = today_in_japan()
    assert _values(at, fields) == empty and _field(at.text_area, "報告の内容 *").value == ""
    second = next(m for m in members if m != author.value)
    typed = {"提出者": second, "マイルストーン": milestones[-1], "提出日": date(2026, 11, 10)}
    for label, value in typed.items():
        _field(getattr(at, fields[label]), label).set_value(value)
    at = _submit(at, "レポートを記録")  # no summary written
    assert "報告の内容を入力してください。" in visible_text(at)
    assert _values(at, fields) == typed

    _field(at.text_area, "報告の内容 *").input("在庫データの棚卸しを終えた。")
    at = _submit(at, "レポートを記録")
    assert "レポートを記録しました。" in visible_text(at)
    with session_scope() as session:
        report = session.exec(
            select(MeetingReport).where(MeetingReport.summary == "在庫データの棚卸しを終えた。")
        ).one()
    assert (report.talent_id, report.milestone_id, report.submitted_on) == (
        second,
        milestones[-1],
        date(2026, 11, 10),
    )  # what was chosen before the refusal
    assert _values(at, fields) == empty and _field(at.text_area, "報告の内容 *").value == ""


# --- 情報提供の記録 ---------------------------------------------------------------------------

DELIVERY_FIELDS = {
    "提供した情報": "selectbox",
    "方法": "selectbox",
    "送信日": "date_input",
    "件名・内容 *": "text_input",
    "送った相手": "radio",
    "個別に選ぶ場合の相手": "multiselect",
}


def _delivery_empty() -> dict[str, object]:
    return {
        "提供した情報": None,
        "方法": None,
        "送信日": today_in_japan(),
        "件名・内容 *": "",
        "送った相手": "all",
        "個別に選ぶ場合の相手": [],
    }


def test_delivery_form_keeps_a_refused_record_and_is_empty_after_a_recorded_one(
    demo_url: str,
) -> None:
    at = _page("pages/deliveries.py")
    at.session_state[NEW_DELIVERY] = True  # what opening the expander does
    at = _run(at)
    assert _values(at, DELIVERY_FIELDS) == _delivery_empty()
    typed = {
        "提供した情報": "イベント情報",
        "方法": "メールマガジン",
        "送信日": date(2026, 11, 20),
        "件名・内容 *": "",  # the one mistake: no subject
        "送った相手": "chosen",
        "個別に選ぶ場合の相手": _first_recipients(at, 2),
    }
    for label, value in typed.items():
        _field(getattr(at, DELIVERY_FIELDS[label]), label).set_value(value)
    at = _submit(at, "記録する")
    assert "件名・内容を入力してください。" in visible_text(at)
    assert _values(at, DELIVERY_FIELDS) == typed

    _field(at.text_input, "件名・内容 *").input("春の交流会のご案内")
    at = _submit(at, "記録する")
    assert "2名への情報提供を記録しました。" in visible_text(at)
    assert _values(at, DELIVERY_FIELDS) == _delivery_empty()
    with session_scope() as session:
        sent = session.exec(
            select(InformationDelivery).where(InformationDelivery.subject == "春の交流会のご案内")
        ).one()
        to = set(
            session.exec(
                select(DeliveryRecipient.talent_id).where(DeliveryRecipient.delivery_id == sent.id)
            )
        )
    assert (sent.kind, sent.channel, sent.sent_on) == (
        "イベント情報",
        "メールマガジン",
        date(2026, 11, 20),
    )
    assert to == set(typed["個別に選ぶ場合の相手"])


def _first_recipients(at: AppTest, n: int) -> list[int]:
    with session_scope() as session:
        return list(
            session.exec(
                select(Talent.id)
                .where(
                    Talent.programme_id == _programme_of(at),
                    Talent.status != TalentStatus.WITHDRAWN,
                )
                .order_by(col(Talent.id))
                .limit(n)
            )
        )


# --- インセンティブ ----------------------------------------------------------------------------

RULE_FIELDS = {
    "インセンティブの種類": "selectbox",
    "内容 *": "text_input",
    "対象とする活動": "selectbox",
    "必要な回数": "number_input",
}


def test_incentive_rule_form_keeps_a_refused_rule_and_is_empty_after_an_added_one(
    demo_url: str,
) -> None:
    at = _page("pages/incentives.py")
    at.session_state[NEW_RULE] = True
    at = _run(at)
    empty = _values(at, RULE_FIELDS)
    assert empty["内容 *"] == "" and empty["必要な回数"] == THRESHOLD_MIN
    typed = {
        "インセンティブの種類": "goods",
        "内容 *": "",  # the one mistake: no description
        "対象とする活動": "tour",
        "必要な回数": 3,
    }
    for label, value in typed.items():
        _field(getattr(at, RULE_FIELDS[label]), label).set_value(value)
    at = _submit(at, "ルールを追加する")
    assert _values(at, RULE_FIELDS) == typed

    _field(at.text_input, "内容 *").input("ツアー3回で特産品")
    at = _submit(at, "ルールを追加する")
    assert "ルール「ツアー3回で特産品」を追加しました。" in visible_text(at)
    if not any(w.label == "内容 *" for w in at.text_input):  # folded once the first rule exists
        at.session_state[NEW_RULE] = True  # what opening it again does
        at = _run(at)
    assert _values(at, RULE_FIELDS) == empty
    with session_scope() as session:
        rule = session.exec(
            select(IncentiveRule).where(IncentiveRule.description == "ツアー3回で特産品")
        ).one()
    assert (rule.kind, rule.activity, rule.threshold) == ("goods", "tour", 3)
