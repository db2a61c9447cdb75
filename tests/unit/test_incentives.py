"""Incentives (A-1 STEP5): rules, verified activity counted in SQL, idempotent grants, the
ledger, and the 活動実績の証明書 issued from verified activity only."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, func, select

from colead.db import session_scope
from colead.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    AuditLog,
    Certificate,
    Company,
    Event,
    EventKind,
    Incentive,
    IncentiveKind,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    Talent,
    TalentStatus,
)
from colead.services import incentives
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError, InvalidInput
from colead.services.incentives import RuleInput

TODAY = date(2026, 11, 24)
ATTENDED, REGISTERED, ABSENT, CANCELLED = (
    AttendanceStatus.ATTENDED,
    AttendanceStatus.REGISTERED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.CANCELLED,
)


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    company: int
    other_company: int
    staff: Actor
    viewer: Actor
    outsider: Actor
    admin: Actor


def _programme(s: Session, name: str, prefecture: str) -> tuple[int, int]:
    region = Region(name=name, prefecture=prefecture)
    s.add(region)
    s.flush()
    programme = Programme(
        region_id=region.id,
        fiscal_year=2026,
        name=f"令和8年度 ふるさとCo-LEADプログラム（{name}）",
    )
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    s = write_session
    region, pid = _programme(s, "釧路市", "北海道")
    other_region, other_pid = _programme(s, "塩尻市", "長野県")
    company = Company(programme_id=pid, name="釧路水産加工")
    other_company = Company(programme_id=other_pid, name="塩尻ワイナリー")
    s.add_all([company, other_company])
    s.flush()
    return Setting(
        pid=pid,
        other_pid=other_pid,
        company=company.id,
        other_company=other_company.id,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
        admin=make_actor(Role.ADMIN),
    )


def _person(s: Session, pid: int, name: str, status: TalentStatus = TalentStatus.ACTIVE) -> int:
    talent = Talent(programme_id=pid, name=name, applied_on=date(2026, 5, 1), status=status)
    s.add(talent)
    s.flush()
    return talent.id


def _event(s: Session, pid: int, kind: EventKind, title: str, at: datetime) -> int:
    event = Event(programme_id=pid, kind=kind, title=title, starts_at=at)
    s.add(event)
    s.flush()
    return event.id


def _attend(s: Session, event_id: int, statuses: dict[int, AttendanceStatus]) -> None:
    s.add_all(
        Attendance(event_id=event_id, talent_id=talent, status=status)
        for talent, status in statuses.items()
    )
    s.flush()


def _project(s: Session, pid: int, company: int, theme: str, *members: int) -> int:
    project = Project(programme_id=pid, company_id=company, theme=theme, starts_on=date(2026, 6, 1))
    s.add(project)
    s.flush()
    s.add_all(ProjectMember(project_id=project.id, talent_id=m) for m in members)
    s.flush()
    return project.id


def _milestone(s: Session, project: int, kind: MilestoneKind, due: date, done: date | None) -> int:
    milestone = Milestone(project_id=project, kind=kind, title="", due_on=due, done_on=done)
    s.add(milestone)
    s.flush()
    return milestone.id


def _report(s: Session, project: int, talent: int, on: date) -> None:
    s.add(MeetingReport(project_id=project, talent_id=talent, submitted_on=on, summary="進捗"))
    s.flush()


def _utc(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    hanako: int  # verified activity of every kind, and some that must not count
    taro: int  # one meetup attended
    jiro: int  # only registered, absent or cancelled
    kana: int  # a member of the project, nothing else
    gone: int  # withdrawn, with plenty of verified activity
    stranger: int  # a person of the other programme
    project: int


def _world(s: Session, st: Setting) -> World:
    hanako = _person(s, st.pid, "山田 花子")
    taro = _person(s, st.pid, "佐藤 太郎")
    jiro = _person(s, st.pid, "鈴木 次郎")
    kana = _person(s, st.pid, "田中 加奈")
    gone = _person(s, st.pid, "高橋 去", TalentStatus.WITHDRAWN)
    stranger = _person(s, st.other_pid, "松本 外")

    # 15:30 UTC on 5 June is already 6 June in Japan
    m1 = _event(s, st.pid, EventKind.MEETUP, "釧路の夕べ", _utc(6, 5, 15))
    # a title that already names the kind is not prefixed with it again on a certificate
    m2 = _event(
        s, st.pid, EventKind.MEETUP, "オンラインミートアップ「データ活用の集い」", _utc(7, 1)
    )
    m3 = _event(s, st.pid, EventKind.MEETUP, "第3回ミートアップ", _utc(8, 1))
    tour = _event(s, st.pid, EventKind.TOUR, "釧路湿原ツアー", _utc(7, 18))
    pre = _event(s, st.pid, EventKind.PRE_MEETING, "事前顔合わせ", _utc(8, 10))
    _attend(s, m1, {hanako: ATTENDED, taro: ATTENDED, jiro: REGISTERED})
    _attend(s, m1, {gone: ATTENDED})
    _attend(s, m2, {hanako: ATTENDED, jiro: ABSENT, gone: ATTENDED})
    _attend(s, m3, {hanako: CANCELLED, jiro: CANCELLED, taro: ABSENT})
    _attend(s, tour, {hanako: ATTENDED, jiro: REGISTERED})
    _attend(s, pre, {hanako: ATTENDED})
    # the other programme's meetup, attended by its own person (and, wrongly, by hanako)
    away = _event(s, st.other_pid, EventKind.MEETUP, "塩尻ナイト", _utc(7, 2))
    _attend(s, away, {stranger: ATTENDED, hanako: ATTENDED})

    project = _project(s, st.pid, st.company, "需要予測", hanako, kana)
    _milestone(s, project, MilestoneKind.MONTHLY_MEETING, date(2026, 7, 1), date(2026, 7, 1))
    _milestone(s, project, MilestoneKind.INTERIM_REPORT, date(2026, 9, 1), date(2026, 9, 2))
    _milestone(s, project, MilestoneKind.FINAL_REPORT, date(2026, 12, 1), None)
    _report(s, project, hanako, date(2026, 8, 20))
    away_project = _project(s, st.other_pid, st.other_company, "ワイン", stranger)
    _milestone(s, away_project, MilestoneKind.INTERIM_REPORT, date(2026, 9, 1), date(2026, 9, 1))
    _report(s, away_project, stranger, date(2026, 8, 1))
    return World(hanako, taro, jiro, kana, gone, stranger, project)


def _counts(**values: int) -> dict[Activity, int]:
    counts = dict.fromkeys(Activity, 0)
    counts.update({Activity(k): v for k, v in values.items()})
    return counts


# --- verified activity ------------------------------------------------------------------------


def test_only_verified_activity_of_the_programme_is_counted(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    counts = incentives.activity_counts(s, setting.pid)
    assert counts[w.hanako] == _counts(meetup=2, tour=1, event=4, report=1, interim_report=1)
    assert counts[w.taro] == _counts(meetup=1, event=1)
    assert counts[w.gone] == _counts(meetup=2, event=2)
    assert counts[w.kana] == _counts(interim_report=1)  # the project's, not an undone final
    # registered, absent and cancelled count for nothing
    assert w.jiro not in counts
    assert w.stranger not in counts

    other = incentives.activity_counts(s, setting.other_pid)
    assert other == {w.stranger: _counts(meetup=1, event=1, report=1, interim_report=1)}

    chosen = incentives.activity_counts(s, setting.pid, [w.taro, w.jiro])
    assert chosen == {w.taro: _counts(meetup=1, event=1), w.jiro: _counts()}
    assert incentives.activity_counts(s, setting.pid, []) == {}

    # a final report done counts for every member of the project
    final = s.exec(
        select(Milestone).where(
            Milestone.project_id == w.project, Milestone.kind == MilestoneKind.FINAL_REPORT
        )
    ).one()
    final.done_on = date(2026, 12, 1)
    s.add(final)
    s.flush()
    counts = incentives.activity_counts(s, setting.pid, [w.hanako, w.kana])
    assert counts[w.kana] == _counts(interim_report=1, final_report=1)
    assert counts[w.hanako][Activity.FINAL_REPORT] == 1


# --- rules ------------------------------------------------------------------------------------


def test_rules_are_checked_and_listed(write_session: Session, setting: Setting) -> None:
    s = write_session
    with pytest.raises(InvalidInput) as error:
        incentives.create_rule(
            s, setting.staff, setting.pid, RuleInput("medal", "  ", "likes", threshold=0)
        )
    assert [e.key for e in error.value.errors] == [
        "incentive.error.description_required",
        "incentive.error.kind",
        "incentive.error.activity",
        "incentive.error.threshold",
    ]
    assert error.value.errors[-1].params == {"minimum": 1, "maximum": 100}
    with pytest.raises(InvalidInput) as error:
        incentives.create_rule(
            s, setting.staff, setting.pid, RuleInput("title", "称" * 201, "meetup", 101)
        )
    assert [e.key for e in error.value.errors] == [
        "form.error.too_long",
        "incentive.error.threshold",
    ]

    title = incentives.create_rule(
        s,
        setting.staff,
        setting.pid,
        RuleInput(IncentiveKind.TITLE, "  釧路市デジタル応援大使 ", Activity.MEETUP, 2),
    )
    coupon = incentives.create_rule(
        s, setting.staff, setting.pid, RuleInput("coupon", "地域内クーポン 3,000円分", "tour", 1)
    )
    assert (title.description, title.kind, title.activity) == (
        "釧路市デジタル応援大使",
        "title",
        "meetup",
    )
    incentives.update_rule(
        s, setting.staff, coupon.id, RuleInput("goods", "地域の特産品（海産物）", "tour", 1)
    )
    incentives.set_rule_active(s, setting.staff, title.id, False)
    rows = incentives.list_rules(s, setting.staff, setting.pid)
    assert [(r.id, r.kind, r.description, r.active, r.granted) for r in rows] == [
        (coupon.id, "goods", "地域の特産品（海産物）", True, 0),
        (title.id, "title", "釧路市デジタル応援大使", False, 0),
    ]
    assert incentives.list_rules(s, setting.admin, setting.other_pid) == []
    actions = s.exec(select(AuditLog.action).where(col(AuditLog.action).startswith("incentive.")))
    assert sorted(actions) == [
        "incentive.rule.create",
        "incentive.rule.create",
        "incentive.rule.deactivate",
        "incentive.rule.update",
    ]


# --- granting ---------------------------------------------------------------------------------


def test_grants_follow_thresholds_once_and_skip_withdrawn_people(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    staff = setting.staff
    two_meetups = incentives.create_rule(
        s, staff, setting.pid, RuleInput("title", "釧路市デジタル応援大使", "meetup", 2)
    )
    one_meetup = incentives.create_rule(
        s, staff, setting.pid, RuleInput("coupon", "地域内クーポン", "meetup", 1)
    )
    interim = incentives.create_rule(
        s, staff, setting.pid, RuleInput("workspace", "作業スペースの開放", "interim_report", 1)
    )
    paused = incentives.create_rule(
        s, staff, setting.pid, RuleInput("goods", "地域の特産品", "event", 1)
    )
    incentives.set_rule_active(s, staff, paused.id, False)
    elsewhere = incentives.create_rule(
        s, setting.outsider, setting.other_pid, RuleInput("title", "塩尻大使", "meetup", 1)
    )

    granted = incentives.grant_due(s, staff, setting.pid, TODAY)
    assert sorted((g.rule_id, g.talent_id) for g in granted) == sorted(
        [
            (two_meetups.id, w.hanako),
            (one_meetup.id, w.hanako),
            (one_meetup.id, w.taro),
            (interim.id, w.hanako),
            (interim.id, w.kana),  # a member of the project whose interim report was given
        ]
    )
    by_key = {(g.rule_id, g.talent_id): g for g in granted}
    first = by_key[(two_meetups.id, w.hanako)]
    assert (first.kind, first.description, first.granted_on, first.programme_id) == (
        "title",
        "釧路市デジタル応援大使",
        TODAY,
        setting.pid,
    )
    assert first.basis == "ミートアップ参加 2回（基準 2回）"
    assert by_key[(one_meetup.id, w.taro)].basis == "ミートアップ参加 1回（基準 1回）"
    assert by_key[(interim.id, w.kana)].basis == "中間報告の実施 1回（基準 1回）"
    assert w.gone not in {g.talent_id for g in granted}  # withdrawn, despite two meetups
    assert elsewhere.id not in {g.rule_id for g in granted}

    # a second run grants nothing; new activity grants only what became due
    assert incentives.grant_due(s, staff, setting.pid, TODAY) == []
    third = _event(s, setting.pid, EventKind.MEETUP, "第4回ミートアップ", _utc(11, 20))
    _attend(s, third, {w.taro: ATTENDED})
    later = incentives.grant_due(s, staff, setting.pid, date(2026, 11, 30))
    assert [(g.rule_id, g.talent_id, g.granted_on) for g in later] == [
        (two_meetups.id, w.taro, date(2026, 11, 30))
    ]
    assert incentives.grant_due(s, staff, setting.pid, date(2026, 12, 1)) == []
    total = s.exec(select(func.count()).select_from(Incentive)).one()
    assert total == 6

    # the rule counts what it has granted; a re-activated rule grants from then on
    rows = {r.id: r.granted for r in incentives.list_rules(s, staff, setting.pid)}
    assert rows == {two_meetups.id: 2, one_meetup.id: 2, interim.id: 2, paused.id: 0}
    incentives.set_rule_active(s, staff, paused.id, True)
    goods = incentives.grant_due(s, staff, setting.pid, date(2026, 12, 1))
    assert sorted(g.talent_id for g in goods) == sorted([w.hanako, w.taro])
    assert (
        s.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "incentive.grant")
        ).one()
        == 5
    )


def test_the_ledger_lists_grants_newest_first_and_a_revoked_grant_stays_revoked(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    staff = setting.staff
    rule = incentives.create_rule(
        s, staff, setting.pid, RuleInput("coupon", "地域内クーポン", "meetup", 1)
    )
    incentives.grant_due(s, staff, setting.pid, date(2026, 10, 1))
    s.add(
        Incentive(
            programme_id=setting.pid,
            talent_id=w.hanako,
            kind=IncentiveKind.TITLE,
            description="釧路市デジタル応援大使",
            granted_on=date(2026, 11, 1),
            basis="中間報告会での発表",
        )
    )
    s.flush()
    page = incentives.ledger(s, setting.viewer, setting.pid)
    assert page.total == 3
    assert [(r.person, r.kind, r.description, r.granted_on, r.rule) for r in page.rows] == [
        ("山田 花子", "title", "釧路市デジタル応援大使", date(2026, 11, 1), None),
        ("佐藤 太郎", "coupon", "地域内クーポン", date(2026, 10, 1), "地域内クーポン"),
        ("山田 花子", "coupon", "地域内クーポン", date(2026, 10, 1), "地域内クーポン"),
    ]
    assert page.rows[1].rule_id == rule.id
    assert page.rows[1].basis == "ミートアップ参加 1回（基準 1回）"

    second = incentives.ledger(s, setting.staff, setting.pid, page=2, per_page=2)
    assert (second.page, second.pages, len(second.rows)) == (2, 2, 1)
    mine = incentives.ledger(s, setting.staff, setting.pid, talent_id=w.hanako)
    assert {r.talent_id for r in mine.rows} == {w.hanako} and mine.total == 2
    assert incentives.ledger(s, setting.admin, setting.other_pid).total == 0

    with pytest.raises(AccessDenied):
        incentives.revoke(s, setting.viewer, page.rows[0].id, TODAY)
    incentives.revoke(s, staff, page.rows[0].id, TODAY)
    after = incentives.ledger(s, staff, setting.pid)
    assert after.total == 3  # kept in the ledger, marked
    assert [r.revoked_on for r in after.rows] == [TODAY, None, None]
    entry = s.exec(select(AuditLog).where(AuditLog.action == "incentive.revoke")).one()
    assert entry.target == f"talent:{w.hanako}"
    assert "釧路市デジタル応援大使" in entry.detail

    # a revoked rule grant is not made again by the next run of the rules
    coupon = next(r for r in after.rows if r.person == "山田 花子" and r.kind == "coupon")
    incentives.revoke(s, staff, coupon.id, TODAY)
    assert incentives.grant_due(s, staff, setting.pid, TODAY) == []
    assert incentives.ledger(s, staff, setting.pid).total == 3


def test_viewers_and_other_regions_are_refused(write_session: Session, setting: Setting) -> None:
    s = write_session
    w = _world(s, setting)
    rule = incentives.create_rule(
        s, setting.staff, setting.pid, RuleInput("coupon", "地域内クーポン", "meetup", 1)
    )
    (grant, *_) = incentives.grant_due(s, setting.staff, setting.pid, TODAY)
    certificate = incentives.issue_certificate(s, setting.staff, w.hanako, TODAY)
    data = RuleInput("title", "大使", "meetup", 1)

    for actor in (setting.viewer, setting.outsider):
        with pytest.raises(AccessDenied):
            incentives.create_rule(s, actor, setting.pid, data)
        with pytest.raises(AccessDenied):
            incentives.update_rule(s, actor, rule.id, data)
        with pytest.raises(AccessDenied):
            incentives.set_rule_active(s, actor, rule.id, False)
        with pytest.raises(AccessDenied):
            incentives.grant_due(s, actor, setting.pid, TODAY)
        with pytest.raises(AccessDenied):
            incentives.revoke(s, actor, grant.id, TODAY)
        with pytest.raises(AccessDenied):
            incentives.issue_certificate(s, actor, w.hanako, TODAY)

    # viewers of the region may read; another region's staff may not
    assert incentives.list_rules(s, setting.viewer, setting.pid)
    assert incentives.ledger(s, setting.viewer, setting.pid).total == 2
    assert incentives.verified_activities(s, setting.viewer, w.hanako)
    assert incentives.list_certificates(s, setting.viewer, setting.pid).total == 1
    assert incentives.certificate_pdf_for(s, setting.viewer, certificate.id).startswith(b"%PDF")
    outsider = setting.outsider
    for read in (
        lambda: incentives.list_rules(s, outsider, setting.pid),
        lambda: incentives.ledger(s, outsider, setting.pid),
        lambda: incentives.verified_activities(s, outsider, w.hanako),
        lambda: incentives.list_certificates(s, outsider, setting.pid),
        lambda: incentives.certificate_pdf_for(s, outsider, certificate.id),
    ):
        with pytest.raises(AccessDenied):
            read()
    with pytest.raises(AccessDenied):
        incentives.revoke(s, setting.staff, 10_000, TODAY)
    with pytest.raises(AccessDenied):
        incentives.certificate_pdf_for(s, setting.staff, 10_000)
    assert s.get(Incentive, grant.id) is not None


# --- certificates -----------------------------------------------------------------------------


HANAKO_LINES = [
    (date(2026, 6, 6), "オンラインミートアップ「釧路の夕べ」に参加"),
    (date(2026, 7, 1), "オンラインミートアップ「データ活用の集い」に参加"),
    (date(2026, 7, 18), "フィールドワークツアー「釧路湿原ツアー」に参加"),
    (date(2026, 8, 10), "事前顔合わせに参加"),
    (date(2026, 8, 20), "釧路水産加工との協働プロジェクト「需要予測」で活動報告を提出"),
    (date(2026, 9, 2), "釧路水産加工との協働プロジェクト「需要予測」で中間報告会を実施"),
]
NEVER = ("第3回ミートアップ", "塩尻ナイト", "最終報告会", "月次定例会", "ワイン")


def test_verified_activities_are_dated_lines_in_japanese(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    lines = incentives.verified_activities(s, setting.staff, w.hanako)
    assert [(a.day, a.text) for a in lines] == HANAKO_LINES
    assert not any(word in a.text for a in lines for word in NEVER)
    assert incentives.verified_activities(s, setting.staff, w.jiro) == []

    # a title granted is an honour to list; a coupon is not activity
    s.add_all(
        Incentive(
            programme_id=setting.pid,
            talent_id=w.hanako,
            kind=kind,
            description=description,
            granted_on=date(2026, 9, 2),
        )
        for kind, description in (
            (IncentiveKind.TITLE, "釧路市デジタル応援大使"),
            (IncentiveKind.COUPON, "地域内クーポン"),
        )
    )
    s.flush()
    lines = incentives.verified_activities(s, setting.staff, w.hanako)
    assert [(a.day, a.text) for a in lines][-2:] == [
        HANAKO_LINES[-1],
        (date(2026, 9, 2), "称号「釧路市デジタル応援大使」を授与"),
    ]
    assert not any("クーポン" in a.text for a in lines)


def test_certificates_are_numbered_per_programme_and_refused_without_activity(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    with pytest.raises(InputError) as error:
        incentives.issue_certificate(s, setting.staff, w.jiro, TODAY)
    assert error.value.key == "certificate.error.no_activity"
    assert error.value.params == {"name": "鈴木 次郎"}

    first = incentives.issue_certificate(s, setting.staff, w.hanako, TODAY)
    second = incentives.issue_certificate(s, setting.staff, w.taro, TODAY)
    again = incentives.issue_certificate(s, setting.staff, w.hanako, date(2026, 12, 1))
    away = incentives.issue_certificate(s, setting.outsider, w.stranger, TODAY)
    assert [(c.serial, c.number) for c in (first, second, again)] == [
        (1, "2026-0001"),
        (2, "2026-0002"),
        (3, "2026-0003"),
    ]
    assert (away.serial, away.number) == (1, "2026-0001")
    assert first.issued_by == setting.staff.username
    assert first.activities == [{"day": d.isoformat(), "text": t} for d, t in HANAKO_LINES]

    page = incentives.list_certificates(s, setting.viewer, setting.pid)
    assert [(r.number, r.person, r.activities) for r in page.rows] == [
        ("2026-0003", "山田 花子", 6),
        ("2026-0002", "佐藤 太郎", 1),
        ("2026-0001", "山田 花子", 6),
    ]
    theirs = incentives.list_certificates(s, setting.staff, setting.pid, talent_id=w.taro)
    assert [r.number for r in theirs.rows] == ["2026-0002"]
    issued = s.exec(select(AuditLog).where(AuditLog.action == "certificate.issue")).all()
    assert [(e.target, e.detail) for e in issued] == [
        (f"talent:{w.hanako}", "2026-0001"),
        (f"talent:{w.taro}", "2026-0002"),
        (f"talent:{w.hanako}", "2026-0003"),
        (f"talent:{w.stranger}", "2026-0001"),
    ]
    stored = s.exec(
        select(func.count()).select_from(Certificate).where(Certificate.programme_id == setting.pid)
    ).one()
    assert stored == 3


def test_the_certificate_pdf_lists_exactly_what_was_verified_when_issued(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    w = _world(s, setting)
    certificate = incentives.issue_certificate(s, setting.staff, w.hanako, TODAY)
    data = incentives.certificate_pdf_for(s, setting.staff, certificate.id)

    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "活動実績の証明書" in text
    assert "山田 花子　様" in text
    assert "証明書番号　2026-0001" in text
    assert "発行日　2026年11月24日" in text
    assert "令和8年度ふるさとCo-LEADプログラム（北海道 釧路市）" in text
    assert "釧路市 ふるさとCo-LEADプログラム事務局" in text
    for day, line in HANAKO_LINES:
        assert f"{day.year}年{day.month}月{day.day}日" in text
        assert line in text, line
    for word in NEVER:
        assert word not in text, word
    assert reader.metadata is not None and reader.metadata.title == "活動実績の証明書 2026-0001"

    # activity verified later does not change an issued certificate: a reprint is the same
    late = _event(s, setting.pid, EventKind.TOUR, "阿寒ツアー", _utc(11, 1))
    _attend(s, late, {w.hanako: ATTENDED})
    reprint = incentives.certificate_pdf_for(s, setting.staff, certificate.id)
    assert reprint == data
    # nor does a later change of the person's name: the certificate names who it was issued to
    person = s.get(Talent, w.hanako)
    person.name = "鈴木 花子"
    s.add(person)
    s.flush()
    assert incentives.certificate_pdf_for(s, setting.staff, certificate.id) == data
    assert "阿寒ツアー" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(reprint)).pages
    )
    printed = s.exec(select(AuditLog).where(AuditLog.action == "certificate.print")).all()
    assert [(e.target, e.detail) for e in printed] == [(f"talent:{w.hanako}", "2026-0001")] * 3
    incentives.certificate_pdf_for(s, setting.staff, certificate.id, record_view=False)
    assert len(s.exec(select(AuditLog).where(AuditLog.action == "certificate.print")).all()) == 3


def test_concurrent_issues_take_different_serials(db_url: str, make_actor) -> None:  # type: ignore[no-untyped-def]
    """Two officials issuing at the same moment never get the same number: the programme row is
    locked (PostgreSQL) or the write transaction is immediate (SQLite)."""
    with session_scope(write=True, url=db_url) as s:
        region, pid = _programme(s, "釧路市", "北海道")
        people = [_person(s, pid, f"人材{i}") for i in range(6)]
        meetup = _event(s, pid, EventKind.MEETUP, "釧路の夕べ", _utc(6, 5))
        _attend(s, meetup, dict.fromkeys(people, ATTENDED))
    staff = make_actor(Role.STAFF, (region,))
    start = threading.Barrier(len(people))
    numbers: list[str] = []
    failures: list[BaseException] = []

    def issue(talent_id: int) -> None:
        try:
            with session_scope(write=True, url=db_url) as s:
                start.wait(timeout=10)
                numbers.append(incentives.issue_certificate(s, staff, talent_id, TODAY).number)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=issue, args=(t,)) for t in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(numbers) == [f"2026-{n:04d}" for n in range(1, len(people) + 1)]


def test_a_second_identical_rule_is_refused(write_session: Session, setting: Setting) -> None:
    s = write_session
    rule = RuleInput(IncentiveKind.TITLE, "釧路市デジタル応援大使", Activity.MEETUP, 2)
    first = incentives.create_rule(s, setting.staff, setting.pid, rule)
    with pytest.raises(InputError) as error:
        incentives.create_rule(
            s,
            setting.staff,
            setting.pid,
            RuleInput(IncentiveKind.TITLE, " 釧路市デジタル応援大使  ", Activity.MEETUP, 2),
        )
    assert error.value.key == "incentive.error.duplicate"
    other = incentives.create_rule(
        s,
        setting.staff,
        setting.pid,
        RuleInput(IncentiveKind.TITLE, "釧路市デジタル応援大使", Activity.TOUR, 1),
    )
    with pytest.raises(InputError):
        incentives.update_rule(s, setting.staff, other.id, rule)
    incentives.update_rule(s, setting.staff, first.id, rule)  # saving a rule unchanged is fine
