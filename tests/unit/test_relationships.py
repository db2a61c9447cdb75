"""After the programme (B-6 STEP4): the relationship ladder, the region's talent pool and the
export of consenting people, on data built by hand."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from sqlmodel import Session, col, select

from colead.i18n import JST
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import relationships as rel
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError
from colead.services.relationships import Stage
from colead.services.table_export import to_csv_bytes, to_xlsx_bytes

TODAY = date(2026, 11, 24)
DAY = date(2026, 6, 1)


def _at(day: date, hour: int = 10) -> datetime:
    """10:00 UTC is 19:00 JST: the same calendar day in both."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class Setting:
    region: int
    pid: int  # 釧路市, fiscal 2026
    earlier_pid: int  # 釧路市, fiscal 2025
    other_region: int
    other_pid: int  # 加賀市, fiscal 2026
    staff: Actor
    viewer: Actor
    admin: Actor
    outsider: Actor  # staff of the other region


def _region(s: Session, name: str) -> int:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    return region.id


def _programme(s: Session, region: int, year: int) -> int:
    programme = Programme(region_id=region, fiscal_year=year, name=f"{year}年度")
    s.add(programme)
    s.flush()
    return programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    s = write_session
    region = _region(s, "釧路市")
    other_region = _region(s, "加賀市")
    earlier = _programme(s, region, 2025)
    pid = _programme(s, region, 2026)
    other_pid = _programme(s, other_region, 2026)
    return Setting(
        region=region,
        pid=pid,
        earlier_pid=earlier,
        other_region=other_region,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        admin=make_actor(Role.ADMIN),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _person(s: Session, pid: int, name: str, *skills: SkillType, **fields: object) -> Talent:
    fields.setdefault("applied_on", DAY)
    person = Talent(programme_id=pid, name=name, **fields)  # type: ignore[arg-type]
    s.add(person)
    s.flush()
    s.add_all(TalentSkill(talent_id=person.id, skill_type=k) for k in skills)
    s.flush()
    return person


def _event(
    s: Session, pid: int, starts_at: datetime, people: dict[int, str], kind: str = EventKind.MEETUP
) -> Event:
    event = Event(programme_id=pid, kind=kind, title=str(kind), starts_at=starts_at)
    s.add(event)
    s.flush()
    s.add_all(Attendance(event_id=event.id, talent_id=t, status=st) for t, st in people.items())
    s.flush()
    return event


def _company(s: Session, pid: int, name: str) -> int:
    company = Company(programme_id=pid, name=name)
    s.add(company)
    s.flush()
    return company.id


def _project(
    s: Session, pid: int, company: int, members: list[int], final_done: date | None = None
) -> int:
    project = Project(programme_id=pid, company_id=company, theme="DX", starts_on=DAY)
    s.add(project)
    s.flush()
    s.add_all(ProjectMember(project_id=project.id, talent_id=t) for t in members)
    s.add(
        Milestone(
            project_id=project.id,
            kind=MilestoneKind.FINAL_REPORT,
            title="最終報告",
            due_on=DAY + timedelta(days=90),
            done_on=final_done,
        )
    )
    s.flush()
    return project.id


def _deliver(s: Session, pid: int, sent_on: date, people: list[int]) -> None:
    delivery = InformationDelivery(
        programme_id=pid, kind="newsletter", channel="mail", sent_on=sent_on, subject="便り"
    )
    s.add(delivery)
    s.flush()
    s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in people)
    s.flush()


def _stages(s: Session, actor: Actor, pid: int) -> dict[str, Stage]:
    page = rel.ladder(s, actor, pid, TODAY, per_page=500)
    return {row.name: row.stage for row in page.rows}


# --- the ladder --------------------------------------------------------------------------------


def test_each_person_stands_at_the_highest_stage_reached(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    registered = _person(s, pid, "登録のみ")
    absent = _person(s, pid, "欠席")
    attended = _person(s, pid, "出席")
    member = _person(s, pid, "メンバー")
    before_final = _person(s, pid, "最終報告前のみ")
    continuing = _person(s, pid, "継続")
    informed = _person(s, pid, "情報で継続")
    elsewhere_final = _person(s, pid, "他社の最終報告")
    two_companies = _person(s, pid, "二社")
    in_earlier = _person(s, pid, "昨年度も", email="Same@Example.jp")
    _person(s, setting.earlier_pid, "昨年度の登録", email="same@example.jp")
    in_other_region = _person(s, pid, "他地域にも", email="far@example.jp")
    _person(s, setting.other_pid, "他地域の登録", email="far@example.jp")
    no_email = _person(s, pid, "メールなし")
    _person(s, setting.earlier_pid, "メールなし昨年度")  # both e-mails empty: not the same

    final_day = DAY + timedelta(days=90)
    a, b = _company(s, pid, "A社"), _company(s, pid, "B社")
    _event(
        s,
        pid,
        _at(DAY),
        {
            absent.id: AttendanceStatus.ABSENT,
            registered.id: AttendanceStatus.REGISTERED,
            attended.id: AttendanceStatus.ATTENDED,
        },
    )
    _project(s, pid, a, [member.id])
    _project(s, pid, a, [before_final.id, continuing.id, informed.id], final_done=final_day)
    # Their project has no final report: another project's final report does not count.
    _project(s, pid, b, [elsewhere_final.id])
    _event(
        s,
        pid,
        _at(final_day - timedelta(days=1)),
        {before_final.id: AttendanceStatus.ATTENDED},
    )
    _event(
        s,
        pid,
        _at(final_day + timedelta(days=5)),
        {continuing.id: AttendanceStatus.ATTENDED, elsewhere_final.id: AttendanceStatus.ATTENDED},
    )
    _deliver(s, pid, final_day + timedelta(days=1), [informed.id])
    _deliver(s, pid, final_day, [before_final.id])  # on the report's day: not after it
    _project(s, pid, a, [two_companies.id])
    _project(s, pid, b, [two_companies.id])

    assert _stages(s, setting.staff, pid) == {
        registered.name: Stage.REGISTERED,
        absent.name: Stage.REGISTERED,
        attended.name: Stage.PARTICIPATING,
        member.name: Stage.COLLABORATING,
        before_final.name: Stage.COLLABORATING,
        elsewhere_final.name: Stage.COLLABORATING,
        continuing.name: Stage.CONTINUING,
        informed.name: Stage.CONTINUING,
        two_companies.name: Stage.MULTIPLE,
        in_earlier.name: Stage.MULTIPLE,
        # the other region's programme is not visible to this region's staff
        in_other_region.name: Stage.REGISTERED,
        no_email.name: Stage.REGISTERED,
    }
    assert _stages(s, setting.admin, pid)[in_other_region.name] == Stage.MULTIPLE

    counts = rel.ladder_counts(s, setting.staff, pid)
    assert list(counts) == list(Stage)
    assert counts == {
        Stage.REGISTERED: 4,
        Stage.PARTICIPATING: 1,
        Stage.COLLABORATING: 3,
        Stage.CONTINUING: 2,
        Stage.MULTIPLE: 2,
    }
    assert sum(counts.values()) == 12
    assert rel.reached_at_least(counts) == {
        Stage.REGISTERED: 12,
        Stage.PARTICIPATING: 8,
        Stage.COLLABORATING: 7,
        Stage.CONTINUING: 4,
        Stage.MULTIPLE: 2,
    }
    only = rel.ladder(s, setting.staff, pid, TODAY, stage=Stage.CONTINUING)
    assert (only.total, {r.name for r in only.rows}) == (2, {continuing.name, informed.name})
    rows = {r.name: r for r in rel.ladder(s, setting.staff, pid, TODAY, per_page=100).rows}
    assert (rows[two_companies.name].projects, rows[two_companies.name].companies) == (2, 2)
    assert (rows[member.name].projects, rows[member.name].companies) == (1, 1)
    assert (rows[registered.name].projects, rows[registered.name].companies) == (0, 0)


def test_counts_are_empty_for_an_empty_programme(write_session: Session, setting: Setting) -> None:
    assert rel.ladder_counts(write_session, setting.staff, setting.pid) == dict.fromkeys(Stage, 0)
    page = rel.ladder(write_session, setting.staff, setting.pid, TODAY)
    assert (page.rows, page.total, page.page) == ([], 0, 1)


def test_last_touch_is_the_japanese_day_of_the_event(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    early = _person(s, pid, "朝の会", SkillType.ENGINEER, SkillType.SECURITY)
    mailed = _person(s, pid, "便りのみ")
    later = _person(s, pid, "便りが後")
    never = _person(s, pid, "接点なし")
    day = TODAY - timedelta(days=10)
    # 08:00 JST on `day` is 23:00 UTC the day before: it is `day` in Japan.
    _event(
        s,
        pid,
        datetime(day.year, day.month, day.day, 8, tzinfo=JST),
        {early.id: AttendanceStatus.ATTENDED, later.id: AttendanceStatus.ATTENDED},
    )
    _deliver(s, pid, day - timedelta(days=3), [early.id, mailed.id])
    _deliver(s, pid, day + timedelta(days=2), [later.id])
    # Sent after today (planned): not a touch yet. Nor is an event at 01:00 JST tomorrow,
    # though it is still today in UTC.
    _deliver(s, pid, TODAY + timedelta(days=1), [mailed.id, never.id])
    _event(
        s,
        pid,
        datetime(TODAY.year, TODAY.month, TODAY.day, 23, tzinfo=JST) + timedelta(hours=2),
        {never.id: AttendanceStatus.ATTENDED},
    )
    rows = {r.name: r for r in rel.ladder(s, setting.staff, pid, TODAY).rows}
    assert (rows[early.name].last_touch, rows[early.name].days_since) == (day, 10)
    assert rows[early.name].skills == (SkillType.SECURITY, SkillType.ENGINEER)
    assert rows[mailed.name].last_touch == day - timedelta(days=3)
    assert rows[mailed.name].days_since == 13
    assert rows[later.name].last_touch == day + timedelta(days=2)
    assert (rows[never.name].last_touch, rows[never.name].days_since) == (None, None)
    # Read a day later: the same Japanese days, and tomorrow's touches have happened.
    tomorrow = {
        r.name: r for r in rel.ladder(s, setting.staff, pid, TODAY + timedelta(days=1)).rows
    }
    assert (tomorrow[early.name].last_touch, tomorrow[early.name].days_since) == (day, 11)
    assert (tomorrow[never.name].last_touch, tomorrow[never.name].days_since) == (
        TODAY + timedelta(days=1),
        0,
    )
    assert tomorrow[mailed.name].last_touch == TODAY + timedelta(days=1)


def test_quiet_filter_keeps_people_not_touched_for_that_long(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    recent = _person(s, pid, "10日前")
    quiet = _person(s, pid, "40日前")
    edge = _person(s, pid, "30日前")
    never = _person(s, pid, "接点なし")
    _deliver(s, pid, TODAY - timedelta(days=10), [recent.id])
    _deliver(s, pid, TODAY - timedelta(days=40), [quiet.id])
    # 30 days ago in Japan, 08:00 JST: still the previous day in UTC.
    edge_day = TODAY - timedelta(days=30)
    _event(
        s,
        pid,
        datetime(edge_day.year, edge_day.month, edge_day.day, 8, tzinfo=JST),
        {edge.id: AttendanceStatus.ATTENDED},
    )

    def names(days: int) -> list[str]:
        page = rel.ladder(s, setting.staff, pid, TODAY, quiet_days=days)
        assert page.total == len(page.rows)
        return [r.name for r in page.rows]

    # the one who took part first (a higher stage), then the most recently touched, never last
    assert names(30) == [edge.name, quiet.name, never.name]
    assert names(31) == [quiet.name, never.name]
    assert names(0) == [edge.name, recent.name, quiet.name, never.name]
    assert names(10_000) == [never.name]
    with pytest.raises(InputError) as error:
        rel.ladder(s, setting.staff, pid, TODAY, quiet_days=-1)
    assert error.value.key == "relation.error.quiet_days"


def test_ladder_orders_by_stage_then_last_touch_and_pages(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    people = [_person(s, pid, f"人{i:02d}") for i in range(7)]
    company = _company(s, pid, "A社")
    _project(s, pid, company, [people[0].id, people[1].id])
    _event(s, pid, _at(DAY), {people[2].id: AttendanceStatus.ATTENDED})
    for i, person in enumerate(people[3:6]):
        _deliver(s, pid, TODAY - timedelta(days=5 + i), [person.id])
    _deliver(s, pid, TODAY - timedelta(days=1), [people[1].id])
    expected = [people[i].name for i in (1, 0, 2, 3, 4, 5, 6)]

    first = rel.ladder(s, setting.staff, pid, TODAY, page=1, per_page=3)
    assert (first.total, first.page, first.pages) == (7, 1, 3)
    assert [r.name for r in first.rows] == expected[:3]
    second = rel.ladder(s, setting.staff, pid, TODAY, page=2, per_page=3)
    assert [r.name for r in second.rows] == expected[3:6]
    beyond = rel.ladder(s, setting.staff, pid, TODAY, page=9, per_page=3)
    assert beyond.page == 3 and [r.name for r in beyond.rows] == expected[6:]
    narrow = rel.ladder(s, setting.staff, pid, TODAY, stage=Stage.COLLABORATING, page=3)
    assert (narrow.page, narrow.total, [r.name for r in narrow.rows]) == (1, 2, expected[:2])


def test_the_ladder_is_scoped_to_the_actors_regions(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    _person(s, setting.pid, "釧路の人")
    for call in (
        lambda: rel.ladder(s, setting.outsider, setting.pid, TODAY),
        lambda: rel.ladder_counts(s, setting.outsider, setting.pid),
        lambda: rel.ladder(s, setting.staff, 999_999, TODAY),
    ):
        with pytest.raises(AccessDenied):
            call()
    assert rel.ladder(s, setting.viewer, setting.pid, TODAY).total == 1


# --- the talent pool ---------------------------------------------------------------------------


def test_pool_spans_the_regions_programmes_and_shows_each_person_once(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    then = _person(
        s, setting.earlier_pid, "佐藤（旧）", SkillType.ENGINEER, email="Sato@Example.jp"
    )
    now = _person(
        s,
        setting.pid,
        "佐藤",
        SkillType.DATA_SCIENTIST,
        email="sato@example.jp",
        affiliation="新しい所属",
    )
    engineer = _person(s, setting.pid, "鈴木", SkillType.ENGINEER)
    _person(s, setting.pid, "専門なし")
    _person(s, setting.pid, "辞退", SkillType.ENGINEER, status=TalentStatus.WITHDRAWN)
    # active last year, withdrew this year: the latest registration decides
    _person(s, setting.earlier_pid, "田中", SkillType.SECURITY, email="tanaka@example.jp")
    _person(
        s,
        setting.pid,
        "田中",
        SkillType.SECURITY,
        email="tanaka@example.jp",
        status=TalentStatus.WITHDRAWN,
    )
    # withdrew last year, back this year
    _person(
        s,
        setting.earlier_pid,
        "高橋",
        SkillType.UX_DESIGNER,
        email="takahashi@example.jp",
        status=TalentStatus.WITHDRAWN,
    )
    _person(s, setting.pid, "高橋", SkillType.UX_DESIGNER, email="takahashi@example.jp")
    _person(s, setting.other_pid, "他地域", SkillType.ENGINEER, email="sato@example.jp")

    old_company = _company(s, setting.earlier_pid, "老舗旅館")
    new_company = _company(s, setting.pid, "水産加工")
    _project(s, setting.earlier_pid, old_company, [then.id])
    _project(s, setting.pid, new_company, [now.id])
    _deliver(s, setting.earlier_pid, TODAY - timedelta(days=300), [then.id])
    _deliver(s, setting.pid, TODAY - timedelta(days=7), [engineer.id])

    pool = rel.talent_pool(s, setting.staff, setting.region, TODAY)
    listed = [(r.skill, r.name) for r in pool.rows]
    assert listed == [
        (SkillType.DATA_SCIENTIST, "佐藤"),
        (SkillType.UX_DESIGNER, "高橋"),
        (SkillType.ENGINEER, "佐藤"),
        (SkillType.ENGINEER, "鈴木"),
    ]
    assert pool.total == 4
    sato = pool.rows[0]
    assert sato.talent_id == now.id and sato.affiliation == "新しい所属"
    assert sato.skills == (SkillType.DATA_SCIENTIST, SkillType.ENGINEER)
    assert sato.companies == ("水産加工", "老舗旅館")
    assert sato.stage == Stage.MULTIPLE and sato.registrations == 2
    assert (sato.last_touch, sato.days_since) == (TODAY - timedelta(days=300), 300)
    suzuki = pool.rows[3]
    assert (suzuki.stage, suzuki.companies, suzuki.days_since) == (Stage.REGISTERED, (), 7)

    engineers = rel.talent_pool(s, setting.staff, setting.region, TODAY, skill="engineer")
    assert [r.name for r in engineers.rows] == ["佐藤", "鈴木"]
    paged = rel.talent_pool(s, setting.staff, setting.region, TODAY, page=2, per_page=3)
    assert (paged.total, paged.page, [r.name for r in paged.rows]) == (4, 2, ["鈴木"])
    assert rel.pool_summary(s, setting.staff, setting.region) == {
        "security": 0,
        "data_scientist": 1,
        "ux_designer": 1,
        "engineer": 2,
        "business_architect": 0,
    }
    with pytest.raises(InputError):
        rel.talent_pool(s, setting.staff, setting.region, TODAY, skill="wizard")


def test_pool_is_the_regions_own(write_session: Session, setting: Setting) -> None:
    s = write_session
    _person(s, setting.pid, "釧路の人", SkillType.ENGINEER)
    _person(s, setting.other_pid, "加賀の人", SkillType.ENGINEER)
    assert [r.name for r in rel.talent_pool(s, setting.viewer, setting.region, TODAY).rows] == [
        "釧路の人"
    ]
    assert [
        r.name for r in rel.talent_pool(s, setting.admin, setting.other_region, TODAY).rows
    ] == ["加賀の人"]
    for call in (
        lambda: rel.talent_pool(s, setting.outsider, setting.region, TODAY),
        lambda: rel.pool_summary(s, setting.outsider, setting.region),
        lambda: rel.talent_pool(s, setting.admin, 999_999, TODAY),
    ):
        with pytest.raises(AccessDenied):
            call()


# --- consent and the export --------------------------------------------------------------------


def _exports(s: Session) -> list[AuditLog]:
    return list(
        s.exec(
            select(AuditLog).where(AuditLog.action == "consent.export").order_by(col(AuditLog.id))
        )
    )


def test_a_withdrawn_consent_removes_the_person_from_the_next_export(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    scope = "とちぎビジネスAIセンター"
    a = _person(s, pid, "青木", SkillType.ENGINEER, email="aoki@example.jp")
    b = _person(s, pid, "馬場", email="baba@example.jp")
    _person(s, pid, "同意なし")
    rel.grant_consent(s, setting.staff, a.id, scope, DAY)
    consent_b = rel.grant_consent(s, setting.staff, b.id, f"  {scope} ", DAY)

    first = rel.consent_export(s, setting.staff, pid, scope, TODAY)
    assert first["氏名"].tolist() == ["青木", "馬場"]

    rel.revoke_consent(s, setting.staff, consent_b.id, TODAY)
    second = rel.consent_export(s, setting.staff, pid, scope, TODAY)
    assert second["氏名"].tolist() == ["青木"]
    assert "baba@example.jp" not in to_csv_bytes(second).decode("utf-8-sig")

    logged = _exports(s)
    assert len(logged) == 2
    assert [entry.target for entry in logged] == [scope, scope]
    assert all(entry.username == setting.staff.username for entry in logged)
    assert all(entry.region_id == setting.region for entry in logged)
    assert logged[0].detail.endswith(f"2 people: {a.id},{b.id}")
    assert logged[1].detail.endswith(f"1 people: {a.id}")
    # the writes were logged too
    actions = s.exec(select(AuditLog.action).order_by(col(AuditLog.id))).all()
    assert actions.count("consent.grant") == 2 and actions.count("consent.withdraw") == 1


def test_consent_is_read_on_the_day_asked(write_session: Session, setting: Setting) -> None:
    s, pid = write_session, setting.pid
    scope = "他自治体"
    future = _person(s, pid, "来月撤回")
    today = _person(s, pid, "今日撤回")
    later = _person(s, pid, "来週同意")
    again = _person(s, pid, "再同意")
    other = _person(s, pid, "別の範囲")
    _person(s, setting.other_pid, "他地域", email="x@example.jp")
    s.add_all(
        [
            ConsentRecord(
                talent_id=future.id,
                scope=scope,
                granted_on=DAY,
                withdrawn_on=TODAY + timedelta(days=30),
            ),
            ConsentRecord(talent_id=today.id, scope=scope, granted_on=DAY, withdrawn_on=TODAY),
            ConsentRecord(talent_id=later.id, scope=scope, granted_on=TODAY + timedelta(days=7)),
            ConsentRecord(talent_id=again.id, scope=scope, granted_on=DAY, withdrawn_on=DAY),
            ConsentRecord(talent_id=again.id, scope=scope, granted_on=DAY + timedelta(days=9)),
            ConsentRecord(talent_id=other.id, scope="別事業", granted_on=DAY),
        ]
    )
    s.flush()

    def names(on: date) -> list[str]:
        return [p.name for p in rel.consenting_people(s, setting.viewer, pid, scope, on)]

    assert names(TODAY) == sorted([future.name, again.name])
    assert names(TODAY - timedelta(days=1)) == sorted([future.name, today.name, again.name])
    assert names(TODAY + timedelta(days=30)) == sorted([later.name, again.name])
    assert names(DAY) == sorted([future.name, today.name])
    people = {p.name: p for p in rel.consenting_people(s, setting.viewer, pid, scope, TODAY)}
    assert people[again.name].granted_on == DAY + timedelta(days=9)
    assert rel.consent_scopes(s, setting.viewer, pid) == sorted([scope, "別事業"])
    assert rel.consent_scopes(s, setting.viewer, setting.earlier_pid) == []
    with pytest.raises(InputError):
        rel.consenting_people(s, setting.viewer, pid, "  ", TODAY)


def test_the_export_speaks_japanese_and_opens_in_excel(
    write_session: Session, setting: Setting
) -> None:
    s, pid = write_session, setting.pid
    person = _person(
        s,
        pid,
        "青木",
        SkillType.ENGINEER,
        SkillType.DATA_SCIENTIST,
        email="aoki@example.jp",
        affiliation="株式会社テスト",
        residence="東京都",
    )
    rel.grant_consent(s, setting.staff, person.id, "他自治体", DAY)
    frame = rel.consent_export(s, setting.staff, pid, "他自治体", TODAY)
    assert list(frame.columns) == [
        "氏名", "メールアドレス", "所属", "居住地", "専門分野", "同意日", "共有の範囲",
    ]  # fmt: skip
    assert frame.iloc[0].tolist() == [
        "青木",
        "aoki@example.jp",
        "株式会社テスト",
        "東京都",
        "データサイエンティスト、エンジニア・オペレータ",
        DAY.isoformat(),
        "他自治体",
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, "共有人材"))).active
    assert sheet.cell(row=2, column=1).value == "青木"
    english = rel.consent_export(s, setting.admin, pid, "他自治体", TODAY, lang="en")
    assert english.columns[0] == "Name" and english.iloc[0, 4].startswith("Data scientist")
    # nobody: the headers only, and still an audit row
    empty = rel.consent_export(s, setting.staff, pid, "誰も同意していない範囲", TODAY)
    assert empty.empty and list(empty.columns) == list(frame.columns)
    assert len(_exports(s)) == 3


def test_only_staff_of_the_region_may_export(write_session: Session, setting: Setting) -> None:
    s, pid = write_session, setting.pid
    person = _person(s, pid, "青木")
    rel.grant_consent(s, setting.staff, person.id, "他自治体", DAY)
    with pytest.raises(AccessDenied):
        rel.consent_export(s, setting.viewer, pid, "他自治体", TODAY)
    with pytest.raises(AccessDenied):
        rel.consent_export(s, setting.outsider, pid, "他自治体", TODAY)
    with pytest.raises(AccessDenied):
        rel.consenting_people(s, setting.outsider, pid, "他自治体", TODAY)
    with pytest.raises(AccessDenied):
        rel.consent_scopes(s, setting.outsider, pid)
    assert _exports(s) == []
    assert len(rel.consent_export(s, setting.admin, pid, "他自治体", TODAY)) == 1


def test_consent_writes_are_checked(write_session: Session, setting: Setting) -> None:
    s, pid = write_session, setting.pid
    person = _person(s, pid, "青木")
    with pytest.raises(InputError) as error:
        rel.grant_consent(s, setting.staff, person.id, "x" * (rel.SCOPE_MAX + 1), DAY)
    assert error.value.key == "consent.error.scope_too_long"
    with pytest.raises(InputError) as error:
        rel.grant_consent(s, setting.staff, person.id, "   ", DAY)
    assert error.value.key == "talent.error.consent_scope"
    with pytest.raises(AccessDenied):
        rel.grant_consent(s, setting.viewer, person.id, "他自治体", DAY)
    consent = rel.grant_consent(s, setting.staff, person.id, "他自治体", DAY)
    assert consent.scope == "他自治体"
    with pytest.raises(InputError) as error:
        rel.revoke_consent(s, setting.staff, consent.id, DAY - timedelta(days=1))
    assert error.value.key == "consent.error.withdrawn_before_granted"
    with pytest.raises(AccessDenied):
        rel.revoke_consent(s, setting.outsider, consent.id, TODAY)
    with pytest.raises(AccessDenied):
        rel.revoke_consent(s, setting.staff, 999_999, TODAY)
    rel.revoke_consent(s, setting.staff, consent.id, DAY)
    # a second withdrawal keeps the first date
    assert rel.revoke_consent(s, setting.staff, consent.id, TODAY).withdrawn_on == DAY
