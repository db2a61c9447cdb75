"""load_demo: three pilot fields at different stages, plausible and the same for the same day."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, col, select

import colead.models  # noqa: F401  (registers every table)
from colead.db import dispose_engines, get_engine, session_scope
from colead.demo import DemoSummary, fiscal_year, load_demo
from colead.i18n import JST
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    CompanyNeed,
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
    PartnerInstitution,
    PartnerKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
    UserAccount,
    UserRegion,
    WorksheetAnswer,
)
from colead.services.screening import missing_checks

TODAY = date(2026, 11, 24)
PREFECTURES = {"釧路市": "北海道", "栃木県": "栃木県", "加賀市": "石川県"}

MakeDb = Callable[..., tuple[str, DemoSummary]]
Demo = tuple[str, DemoSummary]


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[MakeDb]:
    """Creates a fresh SQLite file with every table and loads the demo for `today` into it."""
    count = 0

    def make(today: date = TODAY) -> tuple[str, DemoSummary]:
        nonlocal count
        count += 1
        url = f"sqlite:///{tmp_path}/demo{count}.db"
        SQLModel.metadata.create_all(get_engine(url))
        with session_scope(write=True, url=url) as session:
            summary = load_demo(session, today)
        return url, summary

    yield make
    dispose_engines()


@pytest.fixture
def demo(make_db: MakeDb) -> Demo:
    return make_db()


def _programmes(session: Session) -> dict[str, Programme]:
    """{region name: programme}"""
    rows = session.exec(
        select(Region.name, Programme).join(Programme, col(Programme.region_id) == col(Region.id))
    ).all()
    return dict(rows)


def _attendees(session: Session, programme_id: int, kind: EventKind) -> set[int]:
    return set(
        session.exec(
            select(Attendance.talent_id)
            .join(Event, col(Event.id) == col(Attendance.event_id))
            .where(
                Event.programme_id == programme_id,
                Event.kind == kind,
                Attendance.status == AttendanceStatus.ATTENDED,
            )
        ).all()
    )


def _members(session: Session, programme_id: int) -> set[int]:
    return set(
        session.exec(
            select(ProjectMember.talent_id)
            .join(Project, col(Project.id) == col(ProjectMember.project_id))
            .where(Project.programme_id == programme_id)
        ).all()
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _snapshot(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as {column: value}, in primary key order."""
    with get_engine(url).connect() as conn:
        return {
            table.name: [
                dict(row._mapping)
                for row in conn.execute(table.select().order_by(*table.primary_key))
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def test_three_regions_with_one_programme_each(demo: Demo) -> None:
    url, summary = demo
    with session_scope(url=url) as session:
        regions = dict(session.exec(select(Region.name, Region.prefecture)).all())
        programmes = session.exec(select(Programme)).all()
        by_region = _programmes(session)
        talents = len(session.exec(select(Talent.id)).all())
        companies = len(session.exec(select(Company.id)).all())
        events = len(session.exec(select(Event.id)).all())
        projects = len(session.exec(select(Project.id)).all())
    assert regions == PREFECTURES
    assert len(programmes) == 3 and set(by_region) == set(PREFECTURES)
    for region, programme in by_region.items():
        assert programme.fiscal_year == 2026
        assert programme.name == f"令和8年度 ふるさとCo-LEADプログラム（{region}）"
        assert programme.contact_interval_days > 0
    assert summary == DemoSummary(
        regions=3,
        programmes=3,
        talents=talents,
        companies=companies,
        events=events,
        projects=projects,
    )


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2027, 2, 10), 2026), (date(2026, 4, 1), 2026), (date(2026, 3, 31), 2025)],
)
def test_the_fiscal_year_starts_in_april(day: date, year: int) -> None:
    assert fiscal_year(day) == year


def test_a_february_load_belongs_to_the_fiscal_year_begun_the_april_before(make_db: MakeDb) -> None:
    url, _ = make_db(date(2027, 2, 10))
    with session_scope(url=url) as session:
        programmes = session.exec(select(Programme)).all()
    assert {p.fiscal_year for p in programmes} == {2026}
    assert all("令和8年度" in p.name for p in programmes)


def test_the_same_day_gives_the_same_rows(make_db: MakeDb) -> None:
    first, second = _snapshot(make_db()[0]), _snapshot(make_db()[0])
    people = [(r["name"], r["email"]) for r in first["talent"]]
    starts = [(r["starts_at"], r["ends_at"]) for r in first["event"]]
    assert people and starts
    assert people == [(r["name"], r["email"]) for r in second["talent"]]
    assert starts == [(r["starts_at"], r["ends_at"]) for r in second["event"]]
    assert first == second  # every column of every table, timestamps included

    # A day later: the same people, every event a day later.
    later = _snapshot(make_db(TODAY + timedelta(days=1))[0])
    assert [(r["name"], r["email"]) for r in later["talent"]] == people
    assert [r["starts_at"] for r in later["event"]] == [s + timedelta(days=1) for s, _ in starts]


def test_the_funnel_narrows_and_only_kushiro_has_projects(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        for region, programme in _programmes(session).items():
            talents = set(
                session.exec(select(Talent.id).where(Talent.programme_id == programme.id)).all()
            )
            meetup = _attendees(session, programme.id, EventKind.MEETUP)
            tour = _attendees(session, programme.id, EventKind.TOUR)
            members = _members(session, programme.id)
            assert len(talents) >= len(meetup) >= len(tour) >= len(members), region
            assert members <= tour <= meetup <= talents, region
            projects = session.exec(
                select(Project.id).where(Project.programme_id == programme.id)
            ).all()
            assert (len(projects) > 0) == (region == "釧路市"), region
            if region == "釧路市":
                assert len(projects) == 3 and len(tour) > len(members) > 0
                assert len(talents) > len(meetup) > len(tour)
            if region == "栃木県":
                assert meetup and not tour  # the tour is still to come
            if region == "加賀市":
                assert not meetup  # recruiting; the meetup is still to come


def test_future_events_have_registrations_and_nobody_attended_them(demo: Demo) -> None:
    url, _ = demo
    tomorrow = datetime.combine(TODAY + timedelta(days=1), time(0), tzinfo=JST)
    with session_scope(url=url) as session:
        rows = session.exec(
            select(Event, Attendance.status).join(
                Attendance, col(Attendance.event_id) == col(Event.id)
            )
        ).all()
    future = [(e, s) for e, s in rows if _aware(e.starts_at) >= tomorrow]
    past = [(e, s) for e, s in rows if _aware(e.starts_at) < tomorrow]
    assert future and past
    assert {s for _, s in future} == {AttendanceStatus.REGISTERED}
    assert AttendanceStatus.REGISTERED not in {s for _, s in past}
    assert {AttendanceStatus.ABSENT, AttendanceStatus.CANCELLED} <= {s for _, s in past}


def test_events_have_the_details_of_their_kind(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        events = session.exec(select(Event)).all()
        programmes = {p.id: region for region, p in _programmes(session).items()}
    assert {e.kind for e in events} == set(EventKind)
    for e in events:
        assert e.ends_at is not None and e.ends_at > e.starts_at
        if e.kind == EventKind.MEETUP:
            assert e.online_tool in ("Zoom", "Microsoft Teams")
        if e.kind == EventKind.TOUR:
            assert e.place and (e.ends_at - e.starts_at).days == 2  # three days
        if e.kind == EventKind.PRE_MEETING:
            assert e.company_id is not None
        if e.kind in (
            EventKind.MONTHLY_MEETING,
            EventKind.INTERIM_REPORT,
            EventKind.FINAL_REPORT,
        ):
            assert e.project_id is not None and programmes[e.programme_id] == "釧路市"
    tours = {programmes[e.programme_id]: e for e in events if e.kind == EventKind.TOUR}
    pre = [e for e in events if e.kind == EventKind.PRE_MEETING]
    for e in pre:
        assert e.starts_at < tours[programmes[e.programme_id]].starts_at


def test_people_are_fictional_plausible_and_use_valid_values(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        talents = session.exec(select(Talent)).all()
        skills = session.exec(select(TalentSkill)).all()
        needs = session.exec(select(CompanyNeed)).all()
        consents = session.exec(select(ConsentRecord)).all()
        kinds = {
            "event": (set(session.exec(select(Event.kind)).all()), EventKind),
            "attendance": (set(session.exec(select(Attendance.status)).all()), AttendanceStatus),
            "milestone": (set(session.exec(select(Milestone.kind)).all()), MilestoneKind),
            "incentive": (set(session.exec(select(Incentive.kind)).all()), IncentiveKind),
            "partner": (set(session.exec(select(PartnerInstitution.kind)).all()), PartnerKind),
            "talent": ({t.status for t in talents}, TalentStatus),
            "skill": ({s.skill_type for s in skills} | {n.skill_type for n in needs}, SkillType),
        }
    emails = [t.email for t in talents]
    assert all(e.endswith(("@example.com", "@example.jp")) for e in emails)
    assert len(set(emails)) == len(emails)
    assert len({t.name for t in talents}) == len(talents)
    assert all(t.name and t.affiliation and t.residence and t.interests for t in talents)
    assert all(t.recruitment_channel for t in talents)
    with_skill = {s.talent_id for s in skills}
    assert all(t.id in with_skill for t in talents)
    for name, (values, enum) in kinds.items():
        assert values and values <= {v.value for v in enum}, name
    assert 0.3 * len(talents) <= len(consents) <= 0.7 * len(talents)
    assert any(c.withdrawn_on for c in consents)
    assert all(n.description for n in needs)


def test_companies_come_through_partners_and_most_have_needs(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        for region, programme in _programmes(session).items():
            companies = session.exec(
                select(Company).where(Company.programme_id == programme.id)
            ).all()
            partners = session.exec(
                select(PartnerInstitution).where(
                    PartnerInstitution.region_id == programme.region_id
                )
            ).all()
            with_needs = set(
                session.exec(
                    select(CompanyNeed.company_id).where(
                        col(CompanyNeed.company_id).in_([c.id for c in companies])
                    )
                ).all()
            )
            assert 6 <= len(companies) <= 8, region
            assert {PartnerKind.CHAMBER, PartnerKind.FINANCIAL} <= {p.kind for p in partners}
            assert any(c.partner_id in {p.id for p in partners} for c in companies), region
            assert len(with_needs) > len(companies) / 2, region


def test_kushiro_has_a_late_milestone_reports_and_incentives(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        kushiro = _programmes(session)["釧路市"]
        milestones = session.exec(
            select(Milestone, Project.id)
            .join(Project, col(Project.id) == col(Milestone.project_id))
            .where(Project.programme_id == kushiro.id)
        ).all()
        reports = session.exec(select(MeetingReport)).all()
        incentives = session.exec(
            select(Incentive).where(Incentive.programme_id == kushiro.id)
        ).all()
        members = _members(session, kushiro.id)
    late = {pid for m, pid in milestones if m.due_on < TODAY and m.done_on is None}
    assert len(late) == 1  # one project is late, the others are on track
    interim = [m for m, _ in milestones if m.kind == MilestoneKind.INTERIM_REPORT]
    final = [m for m, _ in milestones if m.kind == MilestoneKind.FINAL_REPORT]
    assert interim and all(m.done_on for m in interim)
    assert final and all(m.due_on > TODAY and m.done_on is None for m in final)
    done_meetings = {
        m.id for m, _ in milestones if m.kind == MilestoneKind.MONTHLY_MEETING and m.done_on
    }
    assert done_meetings and {r.milestone_id for r in reports} == done_meetings
    assert all(r.talent_id in members for r in reports)
    assert incentives and {IncentiveKind.TITLE} <= {i.kind for i in incentives}


def test_someone_in_every_region_has_not_been_contacted_for_too_long(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        for region, programme in _programmes(session).items():
            talents = session.exec(
                select(Talent.id).where(Talent.programme_id == programme.id)
            ).all()
            last: dict[int, date] = {}
            for talent_id, sent_on in session.exec(
                select(DeliveryRecipient.talent_id, InformationDelivery.sent_on)
                .join(
                    InformationDelivery,
                    col(InformationDelivery.id) == col(DeliveryRecipient.delivery_id),
                )
                .where(InformationDelivery.programme_id == programme.id)
            ).all():
                last[talent_id] = max(sent_on, last.get(talent_id, sent_on))
            assert last, region
            assert all(talent_id in talents for talent_id in last), region
            limit = TODAY - timedelta(days=programme.contact_interval_days)
            quiet = [t for t in talents if t not in last or last[t] < limit]
            assert quiet, region
            assert len(quiet) < len(talents) / 2, region


def test_no_accounts_or_audit_entries_are_made(demo: Demo) -> None:
    url, _ = demo
    with session_scope(url=url) as session:
        for model in (UserAccount, UserRegion, AuditLog):
            assert session.exec(select(model)).first() is None, model.__name__


def test_company_sheets_agree_with_the_registry_and_b1_allows_the_running_projects(
    demo: Demo,
) -> None:
    """B-3 STEP5 names each company's CompanyNeed types; every company running a project holds
    B-1's 受入体制の整備, and 釧路 has ready companies without a project for the team proposal."""
    url, _ = demo
    with session_scope(url=url) as session:
        answers = session.exec(select(WorksheetAnswer)).all()
        assert {a.worksheet for a in answers} == {"B-1", "B-3"}
        # B-3 answered by staff (a company's application drafts are its own words, unconfirmed)
        for answer in (a for a in answers if a.worksheet == "B-3" and a.carried_from_id is None):
            needs = session.exec(
                select(CompanyNeed.skill_type).where(CompanyNeed.company_id == answer.company_id)
            ).all()
            assert sorted(answer.value["choices"]) == sorted(needs)  # option ids: SkillType values
        project_companies = set(session.exec(select(Project.company_id)).all())
        missing = missing_checks(session, sorted(project_companies))
        assert project_companies and all(not m for m in missing.values())
        kushiro = session.exec(select(Region.id).where(Region.name == "釧路市")).one()
        ready_free = [
            c
            for c in session.exec(
                select(Company.id)
                .join(Programme, col(Programme.id) == col(Company.programme_id))
                .where(Programme.region_id == kushiro)
            ).all()
            if c not in project_companies and not missing_checks(session, [c])[c]
        ]
        assert len(ready_free) == 2


def test_kaga_recruits_in_public_with_a_waiting_applicant_and_a_company_application(
    demo: Demo,
) -> None:
    from colead.services import public_apply

    url, _ = demo
    with session_scope(url=url) as session:
        view = public_apply.public_view(session, "kaga")
        assert view is not None and view.region == "加賀市" and view.purpose_version == 1
        assert [c.slug for c in public_apply.public_programmes(session)] == ["kaga"]
        kaga = public_apply.published_programme_id(session, "kaga")
        waiting = session.exec(
            select(Talent).where(Talent.programme_id == kaga, Talent.awaiting_confirmation)
        ).all()
        assert [t.name for t in waiting] == ["森 あかり"]
        applied = session.exec(
            select(Company).where(Company.programme_id == kaga, Company.status == "applied")
        ).all()
        assert len(applied) == 1
        # its answers are drafts: the company is not ready until staff confirm them
        assert missing_checks(session, [applied[0].id])[applied[0].id]
        meetup = session.exec(
            select(Event).where(Event.programme_id == kaga, Event.kind == EventKind.MEETUP)
        ).one()
        assert meetup.published and meetup.capacity == 30


def test_kushiro_sent_a_newsletter_with_one_bounce_and_scheduled_a_reminder(demo: Demo) -> None:
    from colead.models import Newsletter, OutboxMail, Role
    from colead.services import outreach
    from colead.services.access import Actor

    url, _ = demo
    admin = Actor(0, "admin", "admin", Role.ADMIN, frozenset())
    with session_scope(url=url) as session:
        kushiro = _programmes(session)["釧路市"]
        rows = outreach.list_newsletters(session, admin, kushiro.id).rows
        by_status = {r.status: r for r in rows}
        assert set(by_status) == {"sent", "scheduled"}
        sent, reminder = by_status["sent"], by_status["scheduled"]
        # every recipient but one received it; the bounce is shown with the server's reason
        assert sent.results.failed == 1 and sent.results.sent == sent.results.total - 1
        failed = [
            r
            for r in outreach.recipients(session, admin, sent.id, per_page=100).rows
            if r.state == "failed"
        ]
        assert len(failed) == 1 and "550" in failed[0].reason and "User unknown" in failed[0].reason
        # the sent mails are the newsletter's 情報提供の記録
        letter = session.get(Newsletter, sent.id)
        recorded = session.exec(
            select(DeliveryRecipient.talent_id).where(
                DeliveryRecipient.delivery_id == letter.delivery_id
            )
        ).all()
        assert len(recorded) == sent.results.sent
        mail = session.exec(
            select(OutboxMail).where(OutboxMail.status == "sent").order_by(col(OutboxMail.id))
        ).first()
        assert mail.body_text.startswith(
            mail.subject and f"{session.get(Talent, mail.talent_id).name} 様"
        )
        # the reminder waits for its day, before the event it reminds of
        assert reminder.send_at is not None and _aware(reminder.send_at).date() > TODAY
        event = session.get(Event, session.get(Newsletter, reminder.id).event_id)
        assert _aware(reminder.send_at) < _aware(event.starts_at)
        assert reminder.results.total > 0 and reminder.results.waiting == reminder.results.total
        # and every programme starts with the usual templates
        for programme in _programmes(session).values():
            assert len(outreach.templates(session, admin, programme.id)) == 3
