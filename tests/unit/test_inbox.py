"""受付: pending applications and sign-ups, accept, merge and reject (the applicant is mailed),
every action audited and scoped to the programme's staff."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from colead.models import (
    AccessToken,
    Attendance,
    AuditLog,
    Company,
    ConsentRecord,
    Event,
    OutboxMail,
    Programme,
    Region,
    Role,
    Talent,
    TalentSkill,
)
from colead.services import inbox, screening
from colead.services.access import AccessDenied
from colead.services.company_apply import (
    CHECKS,
    YES,
    CompanyApplicationInput,
    submit_company_application,
)
from colead.services.errors import InputError

DAY = date(2026, 11, 1)
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)


@pytest.fixture
def world(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    s = write_session
    region = Region(name="釧路市", prefecture="北海道")
    other = Region(name="加賀市", prefecture="石川県")
    s.add_all([region, other])
    s.flush()
    programme = Programme(
        region_id=region.id, fiscal_year=2026, name="釧路Co-LEAD", published=True, public_slug="k"
    )
    s.add(programme)
    s.flush()
    old = Talent(
        programme_id=programme.id,
        name="佐藤 一郎",
        email="ichiro@example.jp",
        status="active",
        applied_on=date(2026, 5, 1),
        affiliation="",
        created_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    new = Talent(
        programme_id=programme.id,
        name="佐藤一郎",
        email="ichiro@example.jp",
        applied_on=DAY,
        affiliation="IT企業",
        kana="さとういちろう",
        created_at=NOW,
    )
    waiting = Talent(
        programme_id=programme.id,
        name="未確認 太郎",
        email="taro@example.jp",
        applied_on=DAY,
        awaiting_confirmation=True,
        created_at=NOW,
    )
    s.add_all([old, new, waiting])
    s.flush()
    event = Event(
        programme_id=programme.id,
        kind="meetup",
        title="ミートアップ",
        starts_at=NOW,
        published=True,
    )
    s.add(event)
    s.flush()
    s.add_all([
        Attendance(event_id=event.id, talent_id=old.id, status="registered"),
        Attendance(event_id=event.id, talent_id=new.id, status="attended"),
        Attendance(event_id=event.id, talent_id=waiting.id, status="waitlisted"),
        ConsentRecord(talent_id=new.id, scope="他地域", granted_on=DAY),
        TalentSkill(talent_id=new.id, skill_type="engineer"),
        TalentSkill(talent_id=old.id, skill_type="engineer"),
        AccessToken(token_hash="h" * 64, talent_id=new.id, purpose="me", expires_at=NOW),
    ])  # fmt: skip
    s.flush()
    done = submit_company_application(
        s,
        "k",
        CompanyApplicationInput(
            company_name="応募企業",
            contact_name="山田",
            contact_email="yamada@example.jp",
            checks=dict.fromkeys(CHECKS, YES),
            issues="課題",
        ),
        "1.2.3.4",
        NOW,
    )
    staff = make_actor(Role.STAFF, (region.id,))
    return {
        "s": s,
        "programme": programme,
        "old": old,
        "new": new,
        "waiting": waiting,
        "event": event,
        "company": s.get(Company, done.company_id),
        "staff": staff,
        "stranger": make_actor(Role.STAFF, (other.id,)),
        "viewer": make_actor(Role.VIEWER, (region.id,)),
    }


def test_the_inbox_lists_what_waits(world) -> None:  # type: ignore[no-untyped-def]
    box = inbox.inbox(world["s"], world["staff"], world["programme"].id)
    by_name = {t.name: t for t in box.talents}
    assert set(by_name) == {"佐藤一郎", "未確認 太郎"}
    assert by_name["未確認 太郎"].confirmed is False and by_name["佐藤一郎"].confirmed is True
    assert by_name["佐藤一郎"].same_email == ((world["old"].id, "佐藤 一郎"),)
    [company] = box.companies
    assert company.name == "応募企業" and company.drafts == len(CHECKS) + 1
    assert {s.status for s in box.signups} == {"registered", "attended", "waitlisted"}
    assert inbox.pending_count(world["s"], world["staff"], world["programme"].id) == 3


def test_staff_of_another_region_see_nothing(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccessDenied):
        inbox.inbox(world["s"], world["stranger"], world["programme"].id)
    with pytest.raises(AccessDenied):
        inbox.accept_company(world["s"], world["stranger"], world["company"].id)
    with pytest.raises(AccessDenied):
        inbox.reject_talent(world["s"], world["viewer"], world["new"].id, "理由")


def test_accept_talent_needs_a_confirmed_address(world) -> None:  # type: ignore[no-untyped-def]
    s = world["s"]
    with pytest.raises(InputError, match="unconfirmed"):
        inbox.accept_talent(s, world["staff"], world["waiting"].id)
    talent = inbox.accept_talent(s, world["staff"], world["new"].id)
    assert talent.status == "active"
    with pytest.raises(InputError, match="not_pending"):
        inbox.accept_talent(s, world["staff"], world["new"].id)
    assert (
        s.exec(select(AuditLog).where(AuditLog.action == "talent.accept")).one().target
        == f"talent:{talent.id}"
    )


def test_accepting_a_company_does_not_make_it_ready(world) -> None:  # type: ignore[no-untyped-def]
    s, staff, company = world["s"], world["staff"], world["company"]
    inbox.accept_company(s, staff, company.id)
    assert company.status == "active"
    assert screening.ready_count(s, staff, world["programme"].id) == (0, 1)
    assert inbox.confirm_company_answers(s, staff, company.id) == len(CHECKS) + 1
    assert screening.ready_count(s, staff, world["programme"].id) == (1, 1)
    actions = set(s.exec(select(AuditLog.action)).all())
    assert {"company.accept", "company.confirm_answers"} <= actions


def test_reject_stores_the_reason_and_mails_the_applicant(world) -> None:  # type: ignore[no-untyped-def]
    s, staff = world["s"], world["staff"]
    with pytest.raises(InputError, match="reason_required"):
        inbox.reject_talent(s, staff, world["waiting"].id, "  ")
    talent = inbox.reject_talent(s, staff, world["waiting"].id, "定員に達したため")
    assert (talent.status, talent.rejection_reason) == ("withdrawn", "定員に達したため")
    company = inbox.reject_company(s, staff, world["company"].id, "対象地域外のため")
    assert company.status == "rejected" and "対象地域外のため" in company.note
    mails = {
        m.to_address: m
        for m in s.exec(select(OutboxMail).where(OutboxMail.kind == "application_rejected"))
    }
    assert set(mails) == {"taro@example.jp", "yamada@example.jp"}
    assert "定員に達したため" in mails["taro@example.jp"].body_text
    assert mails["taro@example.jp"].talent_id == talent.id
    assert "対象地域外のため" in mails["yamada@example.jp"].body_text
    assert {"talent.reject", "company.reject"} <= set(s.exec(select(AuditLog.action)).all())
    box = inbox.inbox(s, staff, world["programme"].id)
    assert [t.name for t in box.talents] == ["佐藤一郎"] and box.companies == []


def test_merge_keeps_the_older_record_and_moves_everything(world) -> None:  # type: ignore[no-untyped-def]
    s, staff, old, new = world["s"], world["staff"], world["old"], world["new"]
    old_id, new_id = old.id, new.id
    assert inbox.merge_candidates(s, staff, new_id) == [(old_id, "佐藤 一郎", "ichiro@example.jp")]
    kept = inbox.merge_talent(s, staff, new_id, old_id)
    assert kept.id == old_id and s.get(Talent, new_id) is None
    assert (kept.affiliation, kept.kana, kept.status) == ("IT企業", "さとういちろう", "active")
    [attendance] = s.exec(
        select(Attendance).where(
            Attendance.event_id == world["event"].id, Attendance.talent_id == old_id
        )
    ).all()
    assert attendance.status == "attended"  # the further of the two
    assert s.exec(select(ConsentRecord.talent_id)).all() == [old_id]
    assert s.exec(select(TalentSkill.talent_id)).all() == [old_id]
    assert s.exec(select(AccessToken.talent_id)).all() == [old_id]
    entry = s.exec(select(AuditLog).where(AuditLog.action == "talent.merge")).one()
    assert entry.target == f"talent:{old_id}" and str(new_id) in entry.detail


def test_merge_only_within_the_programme(world, make_actor) -> None:  # type: ignore[no-untyped-def]
    s = world["s"]
    with pytest.raises(InputError, match="merge_target"):
        inbox.merge_talent(s, world["staff"], world["new"].id, world["new"].id)
    other = Programme(region_id=world["programme"].region_id, fiscal_year=2025, name="前年度")
    s.add(other)
    s.flush()
    elsewhere = Talent(programme_id=other.id, name="別年度", applied_on=DAY)
    s.add(elsewhere)
    s.flush()
    with pytest.raises(InputError, match="merge_target"):
        inbox.merge_talent(s, world["staff"], world["new"].id, elsewhere.id)
