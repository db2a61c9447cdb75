"""Erasing a person: personal fields gone, links revoked, mails forgotten, audited; what they
took part in stays, so the funnel and the dashboard's counts are the same before and after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.db import session_scope
from colead.models import (
    AccessToken,
    Attendance,
    AuditLog,
    ConsentRecord,
    OutboxMail,
    ProjectMember,
    Talent,
)
from colead.services import access_links, accounts, erasure, inbox
from colead.services.access import AccessDenied
from colead.services.funnel import funnels
from colead.services.programmes import list_programmes, programme_overview
from colead.services.trends import deliveries_by_month, fiscal_year_period, skill_balance

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)


def _counts(session: Session, actor, programme_ids: list[int]):  # type: ignore[no-untyped-def]
    result = [tuple(f.counts) for f in funnels(session, actor, programme_ids)]
    for pid in programme_ids:
        overview = programme_overview(session, actor, pid, {})
        result.append(repr(overview))
        result.append(repr(skill_balance(session, actor, pid)))
        period = fiscal_year_period(2026)
        result.append(repr(deliveries_by_month(session, actor, pid, period)))
    return result


@pytest.fixture
def busy_person(demo_url: str) -> int:
    """A demo person who attended events and is a member of a project."""
    with session_scope() as session:
        return session.exec(
            select(Talent.id)
            .join(ProjectMember, ProjectMember.talent_id == Talent.id)
            .join(Attendance, Attendance.talent_id == Talent.id)
            .where(Attendance.status == "attended")
            .group_by(Talent.id)
            .order_by(func.count().desc(), Talent.id)
        ).first()


def test_erasure_keeps_counts_and_removes_the_person(busy_person: int) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        staff = accounts.load_actor(session, "staff")
        ids = [p.id for p in list_programmes(session, admin)]
        person = session.get(Talent, busy_person)
        address = person.email
        assert address and person.name
        token = access_links.issue(session, busy_person, now=NOW)
        session.add(
            OutboxMail(
                to_address=address,
                subject="s",
                body_text=f"{person.name} 様",
                talent_id=busy_person,
            )
        )
        session.add(
            ConsentRecord(
                talent_id=busy_person, scope="他地域", granted_on=NOW.date(), note="電話で同意"
            )
        )
        session.flush()
        before = _counts(session, admin, ids)
        attended = session.exec(
            select(func.count()).select_from(Attendance).where(Attendance.talent_id == busy_person)
        ).one()

    with session_scope(write=True) as session:
        erased = erasure.erase_talent(session, staff, busy_person, now=NOW)
        assert erased.name == f"削除済み{busy_person}"

    with session_scope() as session:
        assert _counts(session, admin, ids) == before
        person = session.get(Talent, busy_person)
        assert person.erased_at is not None
        for name in (
            "email",
            "kana",
            "affiliation",
            "residence",
            "interests",
            "note",
            "skills_text",
            "available_time",
        ):
            assert getattr(person, name) == "", name
        assert (
            session.exec(
                select(func.count())
                .select_from(Attendance)
                .where(Attendance.talent_id == busy_person)
            ).one()
            == attended
        )
        assert all(
            c.note == ""
            for c in session.exec(
                select(ConsentRecord).where(ConsentRecord.talent_id == busy_person)
            )
        )
        assert access_links.resolve(session, token, now=NOW + timedelta(minutes=1)) is None
        assert all(
            t.revoked_at is not None
            for t in session.exec(select(AccessToken).where(AccessToken.talent_id == busy_person))
        )
        mails = session.exec(select(OutboxMail).where(OutboxMail.talent_id == busy_person)).all()
        assert mails and all(m.to_address == "" and m.body_text == "" for m in mails)
        assert session.exec(select(OutboxMail).where(OutboxMail.to_address == address)).all() == []
        entry = session.exec(select(AuditLog).where(AuditLog.action == "talent.erase")).one()
        assert entry.target == f"talent:{busy_person}" and entry.username == "staff"
        assert address not in entry.detail


def test_an_erasure_request_shows_in_the_inbox_until_done(busy_person: int) -> None:
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        person = session.get(Talent, busy_person)
        person.erasure_requested_at = NOW
        session.add(person)
        session.flush()
        box = inbox.inbox(session, staff, person.programme_id)
        assert [r.talent_id for r in box.erasures] == [busy_person]
        erasure.erase_talent(session, staff, busy_person)
        assert inbox.inbox(session, staff, person.programme_id).erasures == []


def test_only_staff_of_the_programme_may_erase(busy_person: int) -> None:
    with session_scope(write=True) as session:
        viewer = accounts.load_actor(session, "viewer")
        with pytest.raises(AccessDenied):
            erasure.erase_talent(session, viewer, busy_person)
        assert session.get(Talent, busy_person).erased_at is None
