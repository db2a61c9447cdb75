"""The demo data: three pilot fields at different stages, plausible, deterministic."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, col, distinct, func, select

from colead.db import session_scope
from colead.demo import fiscal_year, load_demo
from colead.models import (
    Attendance,
    AttendanceStatus,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    Programme,
    Project,
    ProjectMember,
    Region,
    SkillType,
    Talent,
    TalentSkill,
)

TODAY = date(2026, 11, 24)


def _load(url: str, today: date = TODAY) -> None:
    with session_scope(write=True, url=url) as session:
        load_demo(session, today)


def _programmes(session: Session) -> dict[str, Programme]:
    rows = session.exec(
        select(Region.name, Programme).join(Programme, col(Programme.region_id) == col(Region.id))
    ).all()
    return dict(rows)


def _distinct_attendees(session: Session, programme_id: int, kind: EventKind) -> int:
    return session.exec(
        select(func.count(distinct(Attendance.talent_id)))
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(
            Event.programme_id == programme_id,
            Event.kind == kind,
            Attendance.status == AttendanceStatus.ATTENDED,
        )
    ).one()


def test_three_pilot_fields_each_with_one_programme(db_url: str) -> None:
    _load(db_url)
    with session_scope(url=db_url) as session:
        regions = dict(session.exec(select(Region.name, Region.prefecture)).all())
        programmes = _programmes(session)
    assert regions == {"釧路市": "北海道", "栃木県": "栃木県", "加賀市": "石川県"}
    assert {p.fiscal_year for p in programmes.values()} == {2026}
    assert all("令和8年度" in p.name for p in programmes.values())


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2027, 2, 10), 2026), (date(2026, 4, 1), 2026), (date(2026, 3, 31), 2025)],
)
def test_fiscal_year_starts_in_april(day: date, year: int) -> None:
    assert fiscal_year(day) == year


def test_same_day_same_rows(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from colead import migrate

    other = f"sqlite:///{tmp_path / 'other.db'}"
    migrate.upgrade(other)
    _load(db_url)
    _load(other)

    def snapshot(url: str) -> list[tuple]:
        with session_scope(url=url) as session:
            people = session.exec(
                select(Talent.name, Talent.email, Talent.applied_on).order_by(Talent.email)
            ).all()
            events = session.exec(select(Event.title, Event.starts_at).order_by(Event.title)).all()
        return [*people, *events]

    assert snapshot(db_url) == snapshot(other)


def test_the_funnel_narrows_and_the_stages_differ(db_url: str) -> None:
    _load(db_url)
    with session_scope(url=db_url) as session:
        for region, programme in _programmes(session).items():
            talents = session.exec(
                select(func.count()).select_from(Talent).where(Talent.programme_id == programme.id)
            ).one()
            meetup = _distinct_attendees(session, programme.id, EventKind.MEETUP)
            tour = _distinct_attendees(session, programme.id, EventKind.TOUR)
            members = session.exec(
                select(func.count(distinct(ProjectMember.talent_id)))
                .join(Project, col(Project.id) == col(ProjectMember.project_id))
                .where(Project.programme_id == programme.id)
            ).one()
            assert talents >= meetup >= tour >= members, region
            projects = session.exec(
                select(func.count())
                .select_from(Project)
                .where(Project.programme_id == programme.id)
            ).one()
            assert (projects > 0) == (region == "釧路市")
        kaga = _programmes(session)["加賀市"]
        assert _distinct_attendees(session, kaga.id, EventKind.MEETUP) == 0  # not held yet


def test_future_events_have_registrations_only(db_url: str) -> None:
    _load(db_url)
    now = datetime.combine(TODAY, time.max, tzinfo=UTC)
    with session_scope(url=db_url) as session:
        statuses = session.exec(
            select(Attendance.status)
            .distinct()
            .join(Event, col(Event.id) == col(Attendance.event_id))
            .where(col(Event.starts_at) > now)
        ).all()
    assert statuses == [AttendanceStatus.REGISTERED]


def test_people_are_plausible_and_fictional(db_url: str) -> None:
    _load(db_url)
    with session_scope(url=db_url) as session:
        emails = session.exec(select(Talent.email)).all()
        skills = set(session.exec(select(TalentSkill.skill_type)).all())
        without_skill = session.exec(
            select(func.count())
            .select_from(Talent)
            .where(col(Talent.id).not_in(select(TalentSkill.talent_id)))
        ).one()
    assert all(email.endswith("@example.jp") for email in emails)
    assert len(set(emails)) == len(emails)
    assert skills == set(SkillType)
    assert without_skill == 0


def test_one_kushiro_milestone_is_late_and_someone_has_gone_quiet(db_url: str) -> None:
    _load(db_url)
    with session_scope(url=db_url) as session:
        kushiro = _programmes(session)["釧路市"]
        late = session.exec(
            select(func.count())
            .select_from(Milestone)
            .join(Project, col(Project.id) == col(Milestone.project_id))
            .where(
                Project.programme_id == kushiro.id,
                col(Milestone.due_on) < TODAY,
                col(Milestone.done_on).is_(None),
            )
        ).one()
        assert late >= 1
        for programme in _programmes(session).values():
            recent = TODAY - timedelta(days=programme.contact_interval_days)
            contacted = (
                select(DeliveryRecipient.talent_id)
                .join(
                    InformationDelivery,
                    col(InformationDelivery.id) == col(DeliveryRecipient.delivery_id),
                )
                .where(col(InformationDelivery.sent_on) >= recent)
            )
            quiet = session.exec(
                select(func.count())
                .select_from(Talent)
                .where(Talent.programme_id == programme.id, col(Talent.id).not_in(contacted))
            ).one()
            assert quiet >= 1, programme.name
