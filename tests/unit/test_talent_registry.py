"""The talent registry on data built by hand: checks, filters, paging, timeline, consent, scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

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
    Incentive,
    IncentiveKind,
    InformationDelivery,
    MeetingReport,
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
from colead.services import talent as registry
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError, InvalidInput
from colead.services.relationships import grant_consent, revoke_consent
from colead.services.talent import TalentFilter, TalentInput

DAY = date(2026, 6, 1)


def _at(day: date, hour: int = 10) -> datetime:
    """10:00 UTC is 19:00 JST: the same calendar day in both."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class Setting:
    region: int
    pid: int
    other_region: int
    other_pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor  # staff of the other region


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "釧路市")
    other_region, other_pid = _programme(write_session, "加賀市")
    return Setting(
        region=region,
        pid=pid,
        other_region=other_region,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _person(s: Session, pid: int, name: str, **fields) -> Talent:  # type: ignore[no-untyped-def]
    fields.setdefault("applied_on", DAY)
    person = Talent(programme_id=pid, name=name, **fields)
    s.add(person)
    s.flush()
    return person


def _keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.key for e in error.value.errors]


def _ids(page) -> list[int]:  # type: ignore[no-untyped-def]
    return [row.id for row in page.rows]


# --- create, check, update --------------------------------------------------------------------


def test_create_reports_every_problem_at_once(write_session: Session, setting: Setting) -> None:
    s = write_session
    with pytest.raises(InvalidInput) as error:
        registry.create_talent(
            s,
            setting.staff,
            setting.pid,
            TalentInput(name="   ", email="no-at-sign", applied_on=DAY),
        )
    assert _keys(error) == ["talent.error.name_required", "talent.error.email_malformed"]
    assert error.value.errors[1].params == {"email": "no-at-sign"}
    assert s.exec(select(func.count()).select_from(Talent)).one() == 0


def test_create_cleans_the_input_and_stores_skills(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = registry.create_talent(
        s,
        setting.staff,
        setting.pid,
        TalentInput(
            name="  山田   太郎 ",
            email=" Taro.Yamada@Example.JP ",
            applied_on=DAY,
            affiliation=" 東京データ ",
            skills=(SkillType.ENGINEER, SkillType.SECURITY, SkillType.ENGINEER),
        ),
    )
    s.flush()
    stored = s.get(Talent, person.id)
    assert (stored.name, stored.email, stored.affiliation) == (
        "山田 太郎",
        "taro.yamada@example.jp",
        "東京データ",
    )
    assert stored.status == TalentStatus.APPLIED
    skills = set(s.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == person.id)))
    assert skills == {"engineer", "security"}
    log = s.exec(select(AuditLog).where(AuditLog.action == "talent.create")).all()
    assert [(a.target, a.region_id) for a in log] == [(f"talent:{person.id}", setting.region)]


def test_same_email_in_any_case_is_a_duplicate_naming_the_other_person(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    registry.create_talent(
        s, setting.staff, setting.pid, TalentInput("青木 健", DAY, email="ken@example.jp")
    )
    with pytest.raises(InvalidInput) as error:
        registry.create_talent(
            s, setting.staff, setting.pid, TalentInput("別人", DAY, email=" KEN@Example.jp")
        )
    assert _keys(error) == ["talent.error.duplicate_email"]
    assert error.value.errors[0].params == {"name": "青木 健", "email": "ken@example.jp"}
    # The same address in another programme is another registration, not a duplicate.
    registry.create_talent(
        s,
        Actor(0, "admin", "Admin", Role.ADMIN, frozenset()),
        setting.other_pid,
        TalentInput("青木 健", DAY, email="ken@example.jp"),
    )


def test_same_name_is_a_duplicate_only_without_an_email(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    registry.create_talent(s, setting.staff, setting.pid, TalentInput("Hanako Sato", DAY))
    with pytest.raises(InvalidInput) as error:
        registry.create_talent(s, setting.staff, setting.pid, TalentInput("  hanako   SATO ", DAY))
    assert _keys(error) == ["talent.error.duplicate_name"]
    assert error.value.errors[0].params["name"] == "Hanako Sato"
    # Namesakes with an address are different people.
    registry.create_talent(
        s, setting.staff, setting.pid, TalentInput("Hanako Sato", DAY, email="h2@example.jp")
    )
    assert s.exec(select(func.count()).select_from(Talent)).one() == 2


def test_update_does_not_collide_with_the_person_themself(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    aoki = registry.create_talent(
        s, setting.staff, setting.pid, TalentInput("青木", DAY, email="aoki@example.jp")
    )
    registry.create_talent(
        s, setting.staff, setting.pid, TalentInput("馬場", DAY, email="baba@example.jp")
    )
    updated = registry.update_talent(
        s,
        setting.staff,
        aoki.id,
        TalentInput(
            "青木",
            DAY,
            email="AOKI@example.jp",
            status=TalentStatus.ACTIVE,
            skills=(SkillType.UX_DESIGNER,),
        ),
    )
    assert updated.status == TalentStatus.ACTIVE
    with pytest.raises(InvalidInput) as error:
        registry.update_talent(
            s, setting.staff, aoki.id, TalentInput("青木", DAY, email="Baba@example.jp")
        )
    assert _keys(error) == ["talent.error.duplicate_email"]
    assert error.value.errors[0].params["name"] == "馬場"
    s.flush()
    skills = list(s.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == aoki.id)))
    assert skills == ["ux_designer"]
    registry.update_talent(s, setting.staff, aoki.id, TalentInput("青木", DAY))
    s.flush()
    assert s.exec(select(TalentSkill).where(TalentSkill.talent_id == aoki.id)).all() == []


# --- list: filters, paging, rows ---------------------------------------------------------------


def test_query_matches_name_email_affiliation_and_interests(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    by_name = _person(s, setting.pid, "Kenji Watanabe")
    by_email = _person(s, setting.pid, "伊藤", email="kenji.ito@example.jp")
    by_affiliation = _person(s, setting.pid, "加藤", affiliation="KENJI Labs")
    by_interests = _person(s, setting.pid, "中村", interests="農業とkenjiの話")
    _person(s, setting.pid, "無関係", email="other@example.jp", affiliation="他社")
    _person(s, setting.other_pid, "Kenji Other")  # another programme
    found = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(query=" kenji "))
    assert set(_ids(found)) == {by_name.id, by_email.id, by_affiliation.id, by_interests.id}
    assert found.total == 4


def test_query_takes_percent_and_underscore_literally(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    underscore = _person(s, setting.pid, "A", email="ken_ito@example.jp")
    _person(s, setting.pid, "B", email="kenxito@example.jp")  # `_` as a wildcard would match
    percent = _person(s, setting.pid, "C", affiliation="出資比率50%の会社")
    _person(s, setting.pid, "D", affiliation="50社の協議会")  # `%` as a wildcard would match
    page = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(query="ken_ito"))
    assert _ids(page) == [underscore.id]
    page = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(query="50%"))
    assert _ids(page) == [percent.id]
    page = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(query="%"))
    assert _ids(page) == [percent.id]


def test_filters_by_skill_status_channel_and_consent(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    a = _person(s, setting.pid, "A", status=TalentStatus.ACTIVE, recruitment_channel="SNS")
    b = _person(s, setting.pid, "B", status=TalentStatus.APPLIED, recruitment_channel="紹介")
    c = _person(s, setting.pid, "C", status=TalentStatus.ACTIVE, recruitment_channel="紹介")
    d = _person(s, setting.pid, "D", status=TalentStatus.PAUSED)
    s.add_all(
        [
            TalentSkill(talent_id=a.id, skill_type=SkillType.DATA_SCIENTIST),
            TalentSkill(talent_id=a.id, skill_type=SkillType.ENGINEER),
            TalentSkill(talent_id=c.id, skill_type=SkillType.ENGINEER),
            ConsentRecord(talent_id=a.id, scope="他地域", granted_on=DAY),
            ConsentRecord(talent_id=b.id, scope="他地域", granted_on=DAY, withdrawn_on=DAY),
            # c withdrew one consent but holds another: still consenting
            ConsentRecord(talent_id=c.id, scope="旧", granted_on=DAY, withdrawn_on=DAY),
            ConsentRecord(talent_id=c.id, scope="新", granted_on=DAY),
        ]
    )
    s.flush()

    def ids(**chosen) -> set[int]:  # type: ignore[no-untyped-def]
        page = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(**chosen))
        assert page.total == len(page.rows)
        return set(_ids(page))

    assert ids() == {a.id, b.id, c.id, d.id}
    assert ids(skill=SkillType.ENGINEER) == {a.id, c.id}
    assert ids(skill=SkillType.DATA_SCIENTIST) == {a.id}
    assert ids(skill=SkillType.SECURITY) == set()
    assert ids(status=TalentStatus.ACTIVE) == {a.id, c.id}
    assert ids(status=TalentStatus.PAUSED) == {d.id}
    assert ids(channel="紹介") == {b.id, c.id}
    assert ids(consent=True) == {a.id, c.id}
    assert ids(consent=False) == {b.id, d.id}
    assert ids(skill=SkillType.ENGINEER, channel="紹介", consent=True) == {c.id}
    assert registry.recruitment_channels(s, setting.staff, setting.pid) == ["SNS", "紹介"]
    rows = {r.id: r for r in registry.list_talent(s, setting.staff, setting.pid).rows}
    assert {i for i, r in rows.items() if r.consent} == {a.id, c.id}


def test_paging_counts_everything_and_clamps_the_page(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    people = [
        _person(s, setting.pid, f"人{i}", applied_on=DAY + timedelta(days=i)) for i in range(7)
    ]
    newest_first = [p.id for p in reversed(people)]
    first = registry.list_talent(s, setting.staff, setting.pid, page=1, per_page=3)
    assert (first.total, first.page, first.per_page, first.pages) == (7, 1, 3, 3)
    assert _ids(first) == newest_first[:3]
    second = registry.list_talent(s, setting.staff, setting.pid, page=2, per_page=3)
    assert _ids(second) == newest_first[3:6]
    beyond = registry.list_talent(s, setting.staff, setting.pid, page=9, per_page=3)
    assert beyond.page == 3 and _ids(beyond) == newest_first[6:]
    before = registry.list_talent(s, setting.staff, setting.pid, page=0, per_page=3)
    assert before.page == 1 and _ids(before) == newest_first[:3]
    # A filter that shrinks the list keeps the page within it.
    narrow = registry.list_talent(
        s, setting.staff, setting.pid, TalentFilter(query="人6"), page=3, per_page=3
    )
    assert (narrow.total, narrow.page, _ids(narrow)) == (1, 1, [people[6].id])
    empty = registry.list_talent(s, setting.staff, setting.pid, TalentFilter(query="誰も"), page=2)
    assert (empty.total, empty.page, empty.rows, empty.pages) == (0, 1, [], 1)
    # Same day: the later registration first.
    twin = _person(s, setting.pid, "同日", applied_on=DAY + timedelta(days=6))
    assert _ids(registry.list_talent(s, setting.staff, setting.pid, per_page=2)) == [
        twin.id,
        people[6].id,
    ]


def _delivery(s: Session, pid: int, day: date, people: list[int]) -> None:
    delivery = InformationDelivery(
        programme_id=pid, kind="地域情報", channel="メール", sent_on=day, subject=f"便り{day}"
    )
    s.add(delivery)
    s.flush()
    s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in people)
    s.flush()


def _event(
    s: Session,
    pid: int,
    starts_at: datetime,
    people: dict[int, AttendanceStatus],
    kind: EventKind = EventKind.MEETUP,
    title: str = "ミートアップ",
) -> Event:
    event = Event(programme_id=pid, kind=kind, title=title, starts_at=starts_at)
    s.add(event)
    s.flush()
    s.add_all(Attendance(event_id=event.id, talent_id=t, status=st) for t, st in people.items())
    s.flush()
    return event


def test_rows_carry_skills_in_order_and_the_last_contact(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event_later = _person(s, setting.pid, "イベントが後")
    delivery_later = _person(s, setting.pid, "便りが後")
    absent_only = _person(s, setting.pid, "欠席のみ")
    never = _person(s, setting.pid, "接触なし")
    s.add_all(
        TalentSkill(talent_id=event_later.id, skill_type=skill)
        for skill in (SkillType.BUSINESS_ARCHITECT, SkillType.SECURITY, SkillType.UX_DESIGNER)
    )
    ok = AttendanceStatus.ATTENDED
    _delivery(s, setting.pid, date(2026, 6, 5), [event_later.id, delivery_later.id])
    _delivery(s, setting.pid, date(2026, 6, 10), [event_later.id])
    _delivery(s, setting.pid, date(2026, 6, 25), [delivery_later.id])
    _event(s, setting.pid, _at(date(2026, 6, 20)), {event_later.id: ok, delivery_later.id: ok})
    _event(s, setting.pid, _at(date(2026, 6, 15)), {event_later.id: ok})
    _event(
        s,
        setting.pid,
        _at(date(2026, 6, 30)),
        {event_later.id: AttendanceStatus.ABSENT, absent_only.id: AttendanceStatus.ABSENT},
    )
    rows = {r.id: r for r in registry.list_talent(s, setting.staff, setting.pid).rows}
    assert rows[event_later.id].skills == ("security", "ux_designer", "business_architect")
    assert rows[delivery_later.id].skills == ()
    assert rows[event_later.id].last_contact == date(2026, 6, 20)
    assert rows[delivery_later.id].last_contact == date(2026, 6, 25)
    assert rows[absent_only.id].last_contact is None  # registered but absent: no contact
    assert rows[never.id].last_contact is None


def test_last_contact_is_the_japanese_day_of_the_event(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "朝の参加者")
    morning = datetime(2026, 6, 20, 8, tzinfo=JST)  # 2026-06-19 23:00 UTC
    _event(s, setting.pid, morning, {person.id: AttendanceStatus.ATTENDED})
    timeline = registry.talent_profile(s, setting.staff, person.id).timeline
    assert [e.day for e in timeline if e.kind == "event"] == [date(2026, 6, 20)]
    row = registry.list_talent(s, setting.staff, setting.pid).rows[0]
    assert row.last_contact == date(2026, 6, 20)


# --- one person's profile ---------------------------------------------------------------------


def test_profile_timeline_holds_every_kind_in_date_order(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "山田", applied_on=date(2026, 4, 1), recruitment_channel="SNS")
    other = _person(s, setting.pid, "他人")
    s.add_all(
        [
            TalentSkill(talent_id=person.id, skill_type=SkillType.ENGINEER),
            TalentSkill(talent_id=person.id, skill_type=SkillType.DATA_SCIENTIST),
        ]
    )
    s.add(
        ConsentRecord(
            talent_id=person.id,
            scope="他地域への紹介",
            granted_on=date(2026, 4, 2),
            withdrawn_on=date(2026, 9, 1),
        )
    )
    s.add(ConsentRecord(talent_id=person.id, scope="事例紹介", granted_on=date(2026, 9, 2)))
    _event(
        s,
        setting.pid,
        _at(date(2026, 5, 10)),
        {person.id: AttendanceStatus.ATTENDED},
        EventKind.MEETUP,
        "オンラインミートアップ",
    )
    _event(
        s,
        setting.pid,
        _at(date(2026, 6, 15)),
        {person.id: AttendanceStatus.ABSENT},
        EventKind.TOUR,
        "現地ツアー",
    )
    _event(s, setting.pid, _at(date(2026, 6, 16)), {other.id: AttendanceStatus.ATTENDED})
    _delivery(s, setting.pid, date(2026, 5, 1), [person.id])
    _delivery(s, setting.pid, date(2026, 5, 2), [other.id])
    company = Company(programme_id=setting.pid, name="釧路港水産加工")
    s.add(company)
    s.flush()
    project = Project(
        programme_id=setting.pid,
        company_id=company.id,
        theme="歩留まり改善",
        starts_on=date(2026, 6, 25),
    )
    s.add(project)
    s.flush()
    s.add(ProjectMember(project_id=project.id, talent_id=person.id, joined_on=date(2026, 7, 1)))
    monthly = Milestone(
        project_id=project.id,
        kind=MilestoneKind.MONTHLY_MEETING,
        title="第1回定例会",
        due_on=date(2026, 7, 31),
        done_on=date(2026, 8, 1),
    )
    interim = Milestone(
        project_id=project.id,
        kind=MilestoneKind.INTERIM_REPORT,
        title="中間報告会",
        due_on=date(2026, 9, 30),
    )
    s.add_all([monthly, interim])
    s.flush()
    s.add(
        MeetingReport(
            project_id=project.id,
            talent_id=person.id,
            milestone_id=monthly.id,
            submitted_on=date(2026, 8, 2),
            summary="定例会の報告" * 20,
        )
    )
    s.add(
        MeetingReport(
            project_id=project.id,
            talent_id=other.id,
            submitted_on=date(2026, 8, 3),
            summary="他人の報告",
        )
    )
    s.add(
        Incentive(
            programme_id=setting.pid,
            talent_id=person.id,
            kind=IncentiveKind.TITLE,
            description="釧路市デジタル大使",
            granted_on=date(2026, 10, 1),
        )
    )
    s.flush()

    profile = registry.talent_profile(s, setting.staff, person.id)
    assert profile.talent.id == person.id
    assert profile.skills == ("data_scientist", "engineer")
    assert [c.scope for c in profile.consents] == ["事例紹介", "他地域への紹介"]  # newest first
    timeline = [(e.day, e.kind, e.title, e.tags) for e in profile.timeline]
    assert timeline == [
        (date(2026, 4, 1), "applied", "SNS", ()),
        (date(2026, 4, 2), "consent", "他地域への紹介", ()),
        (date(2026, 5, 1), "delivery", "便り2026-05-01", ()),
        (
            date(2026, 5, 10),
            "event",
            "オンラインミートアップ",
            ("enum.event.meetup", "enum.attendance.attended"),
        ),
        (date(2026, 6, 15), "event", "現地ツアー", ("enum.event.tour", "enum.attendance.absent")),
        (date(2026, 7, 1), "project", "歩留まり改善", ()),
        (date(2026, 8, 1), "milestone", "第1回定例会", ("timeline.done",)),
        (date(2026, 8, 2), "report", ("定例会の報告" * 20)[:80], ()),
        (date(2026, 9, 1), "consent_withdrawn", "他地域への紹介", ()),
        (date(2026, 9, 2), "consent", "事例紹介", ()),
        (date(2026, 9, 30), "milestone", "中間報告会", ("timeline.due",)),
        (date(2026, 10, 1), "incentive", "釧路市デジタル大使", ("enum.incentive.title",)),
    ]


def test_same_day_entries_follow_the_story(write_session: Session, setting: Setting) -> None:
    s = write_session
    person = _person(s, setting.pid, "同日", applied_on=DAY)
    s.add(ConsentRecord(talent_id=person.id, scope="紹介", granted_on=DAY))
    _delivery(s, setting.pid, DAY, [person.id])
    _event(s, setting.pid, _at(DAY), {person.id: AttendanceStatus.ATTENDED})
    kinds = [e.kind for e in registry.talent_profile(s, setting.staff, person.id).timeline]
    assert kinds == ["applied", "consent", "event", "delivery"]


def _views(s: Session) -> list[AuditLog]:
    s.flush()
    return list(s.exec(select(AuditLog).where(AuditLog.action == "talent.view")))


def test_a_profile_view_is_logged_once_and_only_when_asked(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "閲覧される人")
    registry.talent_profile(s, setting.staff, person.id, record_view=False)
    assert _views(s) == []
    registry.talent_profile(s, setting.viewer, person.id)
    views = _views(s)
    assert [(v.username, v.target, v.region_id) for v in views] == [
        (setting.viewer.username, f"talent:{person.id}", setting.region)
    ]
    registry.talent_profile(s, setting.staff, person.id, record_view=False)
    assert len(_views(s)) == 1
    with pytest.raises(AccessDenied):
        registry.talent_profile(s, setting.outsider, person.id)
    assert len(_views(s)) == 1  # a refused view is not a view


# --- consent ----------------------------------------------------------------------------------


def test_consent_is_recorded_and_withdrawn(write_session: Session, setting: Setting) -> None:
    s = write_session
    person = _person(s, setting.pid, "同意する人")
    with pytest.raises(InputError) as error:
        grant_consent(s, setting.staff, person.id, "   ", DAY)
    assert error.value.key == "talent.error.consent_scope"
    with pytest.raises(AccessDenied):
        grant_consent(s, setting.viewer, person.id, "他地域", DAY)
    consent = grant_consent(s, setting.staff, person.id, " 他地域への紹介 ", DAY)
    s.flush()
    assert (consent.scope, consent.granted_on, consent.withdrawn_on) == (
        "他地域への紹介",
        DAY,
        None,
    )
    consenting = TalentFilter(consent=True)
    assert _ids(registry.list_talent(s, setting.staff, setting.pid, consenting)) == [person.id]

    with pytest.raises(AccessDenied):
        revoke_consent(s, setting.outsider, consent.id, DAY)
    later = DAY + timedelta(days=30)
    revoke_consent(s, setting.staff, consent.id, later)
    revoke_consent(s, setting.staff, consent.id, later + timedelta(days=5))
    s.flush()
    assert s.get(ConsentRecord, consent.id).withdrawn_on == later  # the first withdrawal stands
    assert registry.list_talent(s, setting.staff, setting.pid, consenting).total == 0
    not_consenting = TalentFilter(consent=False)
    assert _ids(registry.list_talent(s, setting.staff, setting.pid, not_consenting)) == [person.id]
    with pytest.raises(AccessDenied):
        revoke_consent(s, setting.staff, consent.id + 999, later)
    # one path for every consent: each grant and withdrawal is in the audit log
    actions = s.exec(select(AuditLog.action).where(AuditLog.target == f"talent:{person.id}")).all()
    assert actions.count("consent.grant") == 1 and actions.count("consent.withdraw") == 2


# --- scope ------------------------------------------------------------------------------------


def test_staff_of_another_region_sees_and_changes_nothing(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "釧路の人")
    outsider = setting.outsider
    with pytest.raises(AccessDenied):
        registry.list_talent(s, outsider, setting.pid)
    with pytest.raises(AccessDenied):
        registry.talent_profile(s, outsider, person.id)
    with pytest.raises(AccessDenied):
        registry.update_talent(s, outsider, person.id, TalentInput("書き換え", DAY))
    with pytest.raises(AccessDenied):
        registry.create_talent(s, outsider, setting.pid, TalentInput("侵入者", DAY))
    with pytest.raises(AccessDenied):
        registry.recruitment_channels(s, outsider, setting.pid)
    s.flush()
    assert s.get(Talent, person.id).name == "釧路の人"
    assert s.exec(select(func.count()).select_from(Talent)).one() == 1
    # The outsider's own programme works.
    registry.create_talent(s, outsider, setting.other_pid, TalentInput("加賀の人", DAY))
    assert registry.list_talent(s, outsider, setting.other_pid).total == 1


def test_a_viewer_lists_but_cannot_create_or_update(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "釧路の人")
    assert _ids(registry.list_talent(s, setting.viewer, setting.pid)) == [person.id]
    with pytest.raises(AccessDenied):
        registry.create_talent(s, setting.viewer, setting.pid, TalentInput("新人", DAY))
    with pytest.raises(AccessDenied):
        registry.update_talent(s, setting.viewer, person.id, TalentInput("書き換え", DAY))
    s.flush()
    assert s.exec(select(func.count()).select_from(Talent)).one() == 1
    assert s.get(Talent, person.id).name == "釧路の人"


def test_a_missing_person_looks_like_a_hidden_one(write_session: Session, setting: Setting) -> None:
    with pytest.raises(AccessDenied):
        registry.talent_profile(write_session, setting.staff, 987654)
    with pytest.raises(AccessDenied):
        registry.update_talent(write_session, setting.staff, 987654, TalentInput("x", DAY))


def test_over_long_fields_are_reported_not_crashed_on(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    data = TalentInput("長い所属の人", DAY, affiliation="所" * 201, residence="町" * 101)
    # The savepoint keeps the test's transaction usable after a database error.
    with pytest.raises(InvalidInput) as error, s.begin_nested():
        registry.create_talent(s, setting.staff, setting.pid, data)
    assert len(error.value.errors) == 2
