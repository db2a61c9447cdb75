"""本人ページ: a link opens one person for a limited time until revoked; reports only on their
own projects; consents granted and withdrawn through the audited path; the data export holds
everything about them; a new link is asked for without learning whether an address is known;
erasure requests and unsubscribing are recorded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    Company,
    ConsentRecord,
    Event,
    EventKind,
    FormSubmission,
    MeetingReport,
    Milestone,
    MilestoneKind,
    OutboxMail,
    Programme,
    Project,
    ProjectMember,
    PurposeText,
    Region,
    Talent,
)
from colead.services import access_links, own_page
from colead.services.errors import InputError

NOW = datetime(2026, 7, 1, 3, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    pid: int
    me: Talent
    other: Talent
    project: int
    others_project: int
    milestone: int
    foreign_milestone: int
    purpose: int


@pytest.fixture
def world(write_session: Session) -> World:
    s = write_session
    region = Region(name="加賀市", prefecture="石川県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="加賀市Co-LEAD")
    s.add(programme)
    s.flush()
    purpose = PurposeText(programme_id=programme.id, version=2, text="事業の連絡と報告に使います。")
    s.add(purpose)
    me = Talent(
        programme_id=programme.id,
        name="山田 太郎",
        email="taro@example.jp",
        applied_on=date(2026, 5, 1),
    )
    other = Talent(
        programme_id=programme.id,
        name="佐藤 花子",
        email="hanako@example.jp",
        applied_on=date(2026, 5, 1),
    )
    company = Company(programme_id=programme.id, name="加賀製作所")
    s.add_all([me, other, company])
    s.flush()
    project = Project(
        programme_id=programme.id,
        company_id=company.id,
        theme="在庫管理のDX",
        starts_on=date(2026, 6, 1),
    )
    others_project = Project(
        programme_id=programme.id, company_id=company.id, theme="EC", starts_on=date(2026, 6, 1)
    )
    s.add_all([project, others_project])
    s.flush()
    s.add(ProjectMember(project_id=project.id, talent_id=me.id, role="PM"))
    s.add(ProjectMember(project_id=others_project.id, talent_id=other.id))
    milestone = Milestone(
        project_id=project.id,
        kind=MilestoneKind.MONTHLY_MEETING,
        title="第1回定例",
        due_on=date(2026, 6, 15),
    )
    foreign = Milestone(
        project_id=others_project.id,
        kind=MilestoneKind.INTERIM_REPORT,
        title="中間",
        due_on=date(2026, 8, 1),
    )
    s.add_all([milestone, foreign])
    s.flush()
    return World(
        programme.id, me, other, project.id, others_project.id, milestone.id, foreign.id, purpose.id
    )


# --- links --------------------------------------------------------------------------------------


def test_a_link_opens_its_person_until_it_expires_or_is_revoked(
    write_session: Session, world: World
) -> None:
    s = write_session
    token = access_links.issue(s, world.me.id, now=NOW)
    assert own_page.person(s, token, NOW).id == world.me.id  # type: ignore[union-attr]
    assert own_page.person(s, token, NOW + access_links.LIFETIME + timedelta(seconds=1)) is None
    assert own_page.person(s, token + "x", NOW) is None
    assert own_page.person(s, ["not", "a", "token"], NOW) is None
    assert own_page.person(s, "", NOW) is None
    access_links.revoke_all(s, world.me.id, NOW)
    assert own_page.person(s, token, NOW) is None
    fresh = access_links.issue(s, world.me.id, now=NOW)
    assert own_page.person(s, fresh, NOW).id == world.me.id  # type: ignore[union-attr]


def test_opening_the_link_confirms_a_pending_application(
    write_session: Session, world: World
) -> None:
    s = write_session
    world.me.awaiting_confirmation = True
    s.add(world.me)
    token = access_links.issue(s, world.me.id, now=NOW)
    assert own_page.person(s, token, NOW).awaiting_confirmation  # type: ignore[union-attr]
    talent = own_page.open_page(s, token, NOW)
    assert talent is not None and not talent.awaiting_confirmation
    assert talent.confirmed_at is not None


def test_request_link_answers_alike_and_mails_only_a_known_address(
    write_session: Session, world: World
) -> None:
    s = write_session
    assert own_page.request_link(s, "TARO@example.jp ", "1.1.1.1", NOW) is None
    assert own_page.request_link(s, "nobody@example.jp", "1.1.1.1", NOW) is None
    mails = s.exec(select(OutboxMail)).all()
    assert [m.to_address for m in mails] == ["taro@example.jp"]
    assert mails[0].kind == "own_page_link" and "/me?t=" in mails[0].body_text
    token = mails[0].body_text.split("?t=")[1].split()[0]
    assert own_page.person(s, token, NOW).id == world.me.id  # type: ignore[union-attr]
    # both addresses are counted: the limits say nothing about which is known
    counted = s.exec(select(FormSubmission.email).where(FormSubmission.form == "me_link")).all()
    assert sorted(counted) == ["nobody@example.jp", "taro@example.jp"]
    for email in ("taro@example.jp", "nobody@example.jp"):
        for _ in range(own_page.LINK_PER_EMAIL - 1):
            own_page.request_link(s, email, "2.2.2.2", NOW)
        with pytest.raises(InputError) as error:
            own_page.request_link(s, email, "3.3.3.3", NOW)
        assert error.value.key == "me.error.too_many"
    with pytest.raises(InputError):
        own_page.request_link(s, "not an address", "4.4.4.4", NOW)


# --- reports ------------------------------------------------------------------------------------


def test_a_report_lands_on_the_persons_own_project_only(
    write_session: Session, world: World
) -> None:
    s = write_session
    report = own_page.submit_report(
        s,
        world.me,
        world.project,
        date(2026, 6, 15),
        "在庫データの棚卸しを終えた。",
        "来月までに発注点を試算する。",
        world.milestone,
        now=NOW,
    )
    assert report.talent_id == world.me.id and report.project_id == world.project
    assert report.milestone_id == world.milestone and report.submitted_on == date(2026, 6, 15)
    assert "在庫データの棚卸しを終えた。" in report.summary
    assert "来月までに発注点を試算する。" in report.summary
    for project, milestone, key in (
        (world.others_project, None, "me.error.project"),  # not a member
        (999_999, None, "me.error.project"),
        ("1", None, "me.error.project"),
        (world.project, world.foreign_milestone, "me.error.milestone"),
    ):
        with pytest.raises(InputError) as error:
            own_page.submit_report(s, world.me, project, date(2026, 6, 15), "x", "", milestone, NOW)
        assert error.value.key == key
    with pytest.raises(InputError) as error:
        own_page.submit_report(s, world.me, world.project, date(2026, 7, 5), "x", "", None, NOW)
    assert error.value.key == "me.error.met_on_future"
    with pytest.raises(InputError) as error:
        own_page.submit_report(s, world.me, world.project, date(2026, 6, 5), "  ", "", None, NOW)
    assert error.value.key == "me.error.discussed"
    assert len(s.exec(select(MeetingReport)).all()) == 1
    view = own_page.page(s, world.me, NOW)
    assert [r.company for r in view.reports] == ["加賀製作所"]
    assert [p.theme for p in view.projects] == ["在庫管理のDX"]  # not the other's project


# --- consents -----------------------------------------------------------------------------------


def test_consents_are_granted_and_withdrawn_through_the_audited_path(
    write_session: Session, world: World
) -> None:
    s = write_session
    assert own_page.SHARE_SCOPE in own_page.grantable_scopes(s, world.me)
    consent = own_page.grant_consent(s, world.me, own_page.SHARE_SCOPE, NOW)
    assert consent.purpose_id == world.purpose and consent.granted_at is not None
    assert own_page.SHARE_SCOPE not in own_page.grantable_scopes(s, world.me)  # in force
    with pytest.raises(InputError):
        own_page.grant_consent(s, world.me, "何でも", NOW)  # not a scope on offer
    others = s.exec(select(ConsentRecord)).all()
    foreign = ConsentRecord(talent_id=world.other.id, scope="x", granted_on=date(2026, 5, 1))
    s.add(foreign)
    s.flush()
    with pytest.raises(InputError):
        own_page.withdraw_consent(s, world.me, foreign.id, NOW)  # someone else's
    own_page.withdraw_consent(s, world.me, consent.id, NOW + timedelta(days=1))
    assert consent.withdrawn_on == date(2026, 7, 2)
    actions = s.exec(
        select(AuditLog.action, AuditLog.username).where(AuditLog.target == f"talent:{world.me.id}")
    ).all()
    assert ("consent.grant", f"self:{world.me.id}") in actions
    assert ("consent.withdraw", f"self:{world.me.id}") in actions
    [shown] = own_page.page(s, world.me, NOW).consents
    assert shown.purpose == "事業の連絡と報告に使います。" and shown.purpose_version == 2
    assert others == [consent]


# --- data, erasure, unsubscribing ---------------------------------------------------------------


def test_the_data_export_holds_everything_about_the_person_and_is_logged(
    write_session: Session, world: World
) -> None:
    s = write_session
    event = Event(
        programme_id=world.pid, kind=EventKind.MEETUP, title="東京ミートアップ", starts_at=NOW
    )
    s.add(event)
    s.flush()
    s.add(Attendance(event_id=event.id, talent_id=world.me.id, status=AttendanceStatus.ATTENDED))
    s.add(Attendance(event_id=event.id, talent_id=world.other.id))
    own_page.grant_consent(s, world.me, own_page.SHARE_SCOPE, NOW)
    own_page.submit_report(s, world.me, world.project, date(2026, 6, 15), "話した", "", None, NOW)
    own_page.request_link(s, "taro@example.jp", "1.1.1.1", NOW)
    data = json.loads(own_page.data_export(s, world.me, NOW))
    assert data["person"]["name"] == "山田 太郎" and data["person"]["email"] == "taro@example.jp"
    assert [e["title"] for e in data["events"]] == ["東京ミートアップ"]
    assert data["events"][0]["status"] == "attended"
    assert [c["scope"] for c in data["consents"]] == [own_page.SHARE_SCOPE]
    assert data["consents"][0]["purpose"] == "事業の連絡と報告に使います。"
    assert data["reports"][0]["summary"].endswith("話した")
    assert [p["theme"] for p in data["projects"]] == ["在庫管理のDX"]
    assert [m["kind"] for m in data["mails"]] == ["own_page_link"]
    assert data["links"] and "token_hash" not in data["links"][0]
    text = json.dumps(data, ensure_ascii=False)
    assert "佐藤" not in text and "hanako" not in text  # nobody else's data
    logged = s.exec(select(AuditLog).where(AuditLog.action == "talent.data_export")).one()
    assert logged.target == f"talent:{world.me.id}" and logged.username == f"self:{world.me.id}"


def test_erasure_requests_and_unsubscribing_are_recorded(
    write_session: Session, world: World
) -> None:
    s = write_session
    own_page.request_erasure(s, world.me, NOW)
    own_page.request_erasure(s, world.me, NOW + timedelta(days=1))  # the first date stays
    assert world.me.erasure_requested_at == NOW
    own_page.unsubscribe(s, world.me, NOW)
    assert world.me.unsubscribed_at == NOW
    view = own_page.page(s, world.me, NOW)
    assert view.erasure_requested and view.unsubscribed
    own_page.resubscribe(s, world.me)
    assert world.me.unsubscribed_at is None
    actions = s.exec(
        select(AuditLog.action).where(AuditLog.target == f"talent:{world.me.id}")
    ).all()
    assert actions.count("talent.erasure_request") == 1
    assert "talent.unsubscribe" in actions and "talent.resubscribe" in actions
