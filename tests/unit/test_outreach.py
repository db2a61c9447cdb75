"""Newsletters: who receives them, the mails they become, their results and delivery records,
and the worker's steps run twice (#13)."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage

import pytest
from icalendar import Calendar
from sqlmodel import Session, func, select

from colead.db import session_scope
from colead.models import (
    Attendance,
    AttendanceStatus,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Newsletter,
    NewsletterRecipient,
    OutboxMail,
    Programme,
    Project,
    ProjectMember,
    PurposeText,
    Region,
    Role,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.models.base import utcnow
from colead.models.companies import Company
from colead.services import access_links, outreach, outreach_worker
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError, InvalidInput
from colead.services.mail import Attachment
from colead.services.outreach import ABSENT, Audience, Draft

TODAY = date(2026, 12, 6)


@dataclass(frozen=True)
class World:
    url: str
    pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor
    people: dict[str, int]


def _person(s: Session, pid: int, name: str, email: str, **fields: object) -> int:
    person = Talent(programme_id=pid, name=name, email=email, applied_on=date(2026, 6, 1), **fields)
    s.add(person)
    s.flush()
    return person.id


@pytest.fixture
def world(db_url: str, make_actor) -> World:  # type: ignore[no-untyped-def]
    with session_scope(write=True) as s:
        region = Region(name="気仙沼市", prefecture="宮城県")
        other = Region(name="石巻市", prefecture="宮城県")
        s.add_all([region, other])
        s.flush()
        programme = Programme(region_id=region.id, fiscal_year=2026, name="気仙沼 Co-LEAD")
        s.add(programme)
        s.flush()
        pid = programme.id
        purpose = PurposeText(programme_id=pid, version=1, text="ご連絡のために利用します。")
        s.add(purpose)
        s.flush()
        people = {
            "engineer": _person(s, pid, "佐藤 花子", "hanako@example.jp", status="active"),
            "designer": _person(s, pid, "鈴木 一郎", "ichiro@example.jp", status="active"),
            "applicant": _person(s, pid, "田中 誠", "makoto@example.jp"),
            "unsubscribed": _person(
                s, pid, "高橋 翼", "tsubasa@example.jp", unsubscribed_at=utcnow()
            ),
            "no_email": _person(s, pid, "伊藤 蓮", ""),
            "unconfirmed": _person(
                s, pid, "渡辺 結衣", "yui@example.jp", awaiting_confirmation=True
            ),
            "withdrew_consent": _person(s, pid, "山本 陽", "hinata@example.jp"),
            "left": _person(s, pid, "中村 蒼", "ao@example.jp", status=TalentStatus.WITHDRAWN),
        }
        s.add(TalentSkill(talent_id=people["engineer"], skill_type="engineer"))
        s.add(TalentSkill(talent_id=people["designer"], skill_type="ux_designer"))
        s.add(
            ConsentRecord(
                talent_id=people["withdrew_consent"],
                scope="個人情報の利用目的（第1版）",
                granted_on=date(2026, 6, 1),
                withdrawn_on=date(2026, 7, 1),
                purpose_id=purpose.id,
            )
        )
        s.add(
            ConsentRecord(
                talent_id=people["applicant"],
                scope="個人情報の利用目的（第1版）",
                granted_on=date(2026, 6, 1),
                purpose_id=purpose.id,
            )
        )
    return World(
        url=db_url,
        pid=pid,
        staff=make_actor(Role.STAFF, (region.id,)),
        viewer=make_actor(Role.VIEWER, (region.id,)),
        outsider=make_actor(Role.STAFF, (other.id,)),
        people=people,
    )


REACHED = {"engineer", "designer", "applicant"}


def _draft(**overrides: object) -> Draft:
    values: dict[str, object] = {
        "subject": "【気仙沼】{氏名}様へ 秋の便り",
        "body": "{氏名} 様\n\n**秋祭り**のお知らせです。<script>alert(1)</script>\n\n"
        "[詳しく](https://example.jp/matsuri)",
        "kind": "観光情報",
        "audience": Audience(),
    }
    values.update(overrides)
    return Draft(**values)  # type: ignore[arg-type]


def _schedule(world: World, **overrides: object) -> int:
    with session_scope(write=True) as s:
        return outreach.schedule(s, world.staff, world.pid, _draft(**overrides), today=TODAY).id


def _names(world: World, ids: set[int]) -> set[str]:
    return {name for name, i in world.people.items() if i in ids}


def _by_recipient(messages: list[EmailMessage]) -> Counter[str]:
    return Counter(str(m["To"]) for m in messages)


# --- who receives it --------------------------------------------------------------------------


def test_only_contactable_people_are_counted_and_every_exclusion_is_told(world: World) -> None:
    with session_scope() as s:
        preview = outreach.audience_preview(s, world.staff, world.pid, Audience(), TODAY)
    assert preview.count == 3 and preview.matched == 8
    assert set(preview.first_names) == {"佐藤 花子", "鈴木 一郎", "田中 誠"}
    assert preview.excluded == {
        "left": 1,
        "no_email": 1,
        "unconfirmed": 1,
        "unsubscribed": 1,
        "no_consent": 1,
    }


def test_filters_narrow_the_audience(world: World) -> None:
    with session_scope(write=True) as s:
        company = Company(programme_id=world.pid, name="気仙沼水産")
        s.add(company)
        s.flush()
        project = Project(
            programme_id=world.pid, company_id=company.id, theme="受注管理", starts_on=TODAY
        )
        past = Event(
            programme_id=world.pid,
            kind=EventKind.MEETUP,
            title="ミートアップ",
            starts_at=datetime(2026, 11, 1, 10, tzinfo=UTC),
        )
        s.add_all([project, past])
        s.flush()
        s.add(ProjectMember(project_id=project.id, talent_id=world.people["designer"]))
        s.add_all(
            [
                Attendance(
                    event_id=past.id,
                    talent_id=world.people["engineer"],
                    status=AttendanceStatus.ATTENDED,
                ),
                Attendance(
                    event_id=past.id,
                    talent_id=world.people["applicant"],
                    status=AttendanceStatus.ABSENT,
                ),
                Attendance(
                    event_id=past.id,
                    talent_id=world.people["unsubscribed"],
                    status=AttendanceStatus.ABSENT,
                ),
            ]
        )
        event_id = past.id

    def reached(audience: Audience) -> set[str]:
        with session_scope(write=True) as s:
            newsletter = outreach.schedule(s, world.staff, world.pid, _draft(audience=audience))
            ids = set(
                s.exec(
                    select(NewsletterRecipient.talent_id).where(
                        NewsletterRecipient.newsletter_id == newsletter.id
                    )
                )
            )
            s.rollback()
        return _names(world, ids)

    assert reached(Audience(skills=("engineer",))) == {"engineer"}
    assert reached(Audience(skills=("engineer", "ux_designer"))) == {"engineer", "designer"}
    assert reached(Audience(project_members=True)) == {"designer"}
    assert reached(Audience(event_id=event_id)) == {"engineer", "applicant"}
    assert reached(Audience(event_id=event_id, event_part=ABSENT)) == {"applicant"}
    assert reached(Audience(stages=("participating",))) == {"engineer"}
    assert reached(Audience(stages=("collaborating",))) == {"designer"}
    with pytest.raises(InputError) as error, session_scope() as s:
        outreach.schedule(s, world.staff, world.pid, _draft(audience=Audience(skills=("x",))))
    assert error.value.key == "outreach.error.no_recipients"


def test_a_message_is_checked_whole_and_scoped(world: World) -> None:
    with pytest.raises(InvalidInput) as error, session_scope() as s:
        outreach.schedule(
            s,
            world.staff,
            world.pid,
            _draft(
                subject=" ",
                body="",
                kind="",
                attachment=Attachment("a.pdf", "application/pdf", b"not a pdf"),
                post_to_chat=True,
            ),
        )
    assert [e.key for e in error.value.errors] == [
        "outreach.error.subject_required",
        "outreach.error.body_required",
        "outreach.error.kind_required",
        "outreach.error.attachment_not_pdf",
        "outreach.error.no_chat",
    ]
    with pytest.raises(InvalidInput) as error, session_scope() as s:
        pdf = Attachment("案内.pdf", "application/pdf", b"%PDF-1.4 ...")
        event = Event(
            programme_id=world.pid,
            kind=EventKind.MEETUP,
            title="会",
            starts_at=datetime(2026, 12, 20, tzinfo=UTC),
        )
        s.add(event)
        s.flush()
        outreach.schedule(s, world.staff, world.pid, _draft(attachment=pdf, event_id=event.id))
    assert [e.key for e in error.value.errors] == ["outreach.error.one_attachment"]
    for actor in (world.viewer, world.outsider):
        with pytest.raises(AccessDenied), session_scope() as s:
            outreach.schedule(s, actor, world.pid, _draft())
    with pytest.raises(AccessDenied), session_scope() as s:
        outreach.audience_preview(s, world.outsider, world.pid, Audience(), TODAY)


# --- the mails ------------------------------------------------------------------------------


def test_each_person_gets_one_personal_mail_and_the_records_follow(
    world: World, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    newsletter_id = _schedule(world)
    report, delivery = outreach_worker.send_due()
    assert (report.started, report.mailed, report.skipped) == (1, 3, 0)
    assert (delivery.sent, delivery.failed) == (3, 0)
    assert sorted(_by_recipient(smtp_server.messages).items()) == [
        ("hanako@example.jp", 1),
        ("ichiro@example.jp", 1),
        ("makoto@example.jp", 1),
    ]
    mail = next(m for m in smtp_server.messages if m["To"] == "hanako@example.jp")
    assert mail["Subject"] == "【気仙沼】佐藤 花子様へ 秋の便り"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("佐藤 花子 様\n\n**秋祭り**のお知らせです。")
    assert "佐藤 花子 様" in html and "<strong>秋祭り</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://example.jp/matsuri">詳しく</a>' in html
    # their own unsubscribe link, in the text, the HTML and the List-Unsubscribe header
    link = str(mail["List-Unsubscribe"]).strip("<>")
    assert "/unsubscribe?t=" in link and link in text and link.replace("&", "&amp;") in html
    token = link.split("t=", 1)[1]
    with session_scope() as s:
        found = outreach.subscription(s, token)
        assert found is not None and found.name == "佐藤 花子" and not found.unsubscribed
        newsletter = s.get(Newsletter, newsletter_id)
        assert newsletter.status == outreach.SENT and newsletter.finished_at is not None
        delivery_row = s.get(InformationDelivery, newsletter.delivery_id)
        assert (delivery_row.kind, delivery_row.channel, delivery_row.subject) == (
            "観光情報",
            "メールマガジン",
            "【気仙沼】{氏名}様へ 秋の便り",
        )
        recorded = set(
            s.exec(
                select(DeliveryRecipient.talent_id).where(
                    DeliveryRecipient.delivery_id == delivery_row.id
                )
            )
        )
        assert _names(world, recorded) == REACHED
        (row,) = outreach.list_newsletters(s, world.viewer, world.pid).rows
        assert (row.results.total, row.results.sent, row.results.done) == (3, 3, 3)
    # the person unsubscribes by their link: counted on the message, and no second newsletter
    with session_scope(write=True) as s:
        assert outreach.set_subscribed(s, token, subscribed=False)
    with session_scope() as s:
        (row,) = outreach.list_newsletters(s, world.staff, world.pid).rows
        assert row.results.unsubscribed_after == 1
        assert outreach.subscription(s, token).unsubscribed
    _schedule(world, subject="冬の便り")
    outreach_worker.send_due()
    assert "hanako@example.jp" not in _by_recipient(smtp_server.messages[3:])
    assert len(smtp_server.messages) == 5


def test_a_person_who_leaves_after_scheduling_is_skipped(world: World, smtp_server) -> None:  # type: ignore[no-untyped-def]
    newsletter_id = _schedule(world)
    with session_scope(write=True) as s:
        person = s.get(Talent, world.people["designer"])
        person.unsubscribed_at = utcnow()
        s.add(person)
    report, _ = outreach_worker.send_due()
    assert (report.mailed, report.skipped) == (2, 1)
    assert "ichiro@example.jp" not in _by_recipient(smtp_server.messages)
    with session_scope() as s:
        rows = outreach.recipients(s, world.staff, newsletter_id).rows
    assert {r.name: (r.state, r.reason) for r in rows}["鈴木 一郎"] == (
        "skipped",
        "not_contactable",
    )


def test_without_smtp_the_outbox_is_the_delivery(world: World) -> None:
    newsletter_id = _schedule(world)
    outreach_worker.send_due()
    with session_scope() as s:
        statuses = set(s.exec(select(OutboxMail.status).where(OutboxMail.kind == "newsletter")))
        assert statuses == {"outbox"}
        newsletter = s.get(Newsletter, newsletter_id)
        count = s.exec(
            select(func.count())
            .select_from(DeliveryRecipient)
            .where(DeliveryRecipient.delivery_id == newsletter.delivery_id)
        ).one()
        assert count == 3
        (row,) = outreach.list_newsletters(s, world.staff, world.pid).rows
        assert (row.status, row.results.outbox, row.results.sent) == ("sent", 3, 0)


def test_a_failed_delivery_is_shown_with_its_reason(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from colead.config import get_settings
    from tests.conftest import free_port

    monkeypatch.setenv("COLEAD_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    newsletter_id = _schedule(world)
    _, delivery = outreach_worker.send_due()
    assert delivery.failed == 3
    with session_scope() as s:
        rows = outreach.recipients(s, world.staff, newsletter_id).rows
        (row,) = outreach.list_newsletters(s, world.staff, world.pid).rows
        newsletter = s.get(Newsletter, newsletter_id)
        recorded = s.exec(
            select(func.count())
            .select_from(DeliveryRecipient)
            .where(DeliveryRecipient.delivery_id == newsletter.delivery_id)
        ).one()
    assert {r.state for r in rows} == {"failed"}
    assert all("ConnectionRefused" in r.reason for r in rows)
    assert row.results.failed == 3 and recorded == 0  # nothing was delivered


def test_a_scheduled_message_waits_and_can_be_called_off(world: World) -> None:
    later = datetime(2099, 1, 1, tzinfo=UTC)
    with session_scope(write=True) as s:
        newsletter_id = outreach.schedule(s, world.staff, world.pid, _draft(), send_at=later).id
    report, _ = outreach_worker.send_due()
    assert report.started == 0
    report, _ = outreach_worker.send_due()
    with session_scope(write=True) as s:
        assert outreach.sending_now(s, world.staff, world.pid) is False
        outreach.cancel(s, world.staff, newsletter_id)
    with session_scope() as s:
        assert s.get(Newsletter, newsletter_id).status == outreach.CANCELLED
    with pytest.raises(InputError) as error, session_scope(write=True) as s:
        outreach.cancel(s, world.staff, newsletter_id)
    assert error.value.key == "outreach.error.already_started"
    # due: the worker starts it at its time
    with session_scope(write=True) as s:
        soon = outreach.schedule(
            s, world.staff, world.pid, _draft(), send_at=datetime(2099, 1, 1, tzinfo=UTC)
        ).id
    report, _ = outreach_worker.send_due()
    assert report.started == 0
    outreach_worker.start_due(now=datetime(2099, 1, 1, 0, 1, tzinfo=UTC))
    with session_scope() as s:
        assert s.get(Newsletter, soon).status == outreach.SENDING


def test_two_workers_at_once_write_and_send_each_mail_once(world: World, smtp_server) -> None:  # type: ignore[no-untyped-def]
    with session_scope(write=True) as s:
        pid = world.pid
        extra = [_person(s, pid, f"参加者{i:03}", f"p{i:03}@example.jp") for i in range(60)]
    assert len(extra) == 60
    _schedule(world)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(3):
                outreach_worker.send_due()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    counts = _by_recipient(smtp_server.messages)
    assert len(counts) == 63 and set(counts.values()) == {1}
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(InformationDelivery)).one() == 1


def test_templates_are_kept_by_name_and_the_starters_added_once(world: World) -> None:
    with session_scope(write=True) as s:
        assert outreach.seed_templates(s, world.staff, world.pid) == 3
        assert outreach.seed_templates(s, world.staff, world.pid) == 0
        outreach.save_template(s, world.staff, world.pid, "月次ニュース", "新しい件名", "本文", "")
        names = [t.name for t in outreach.templates(s, world.viewer, world.pid)]
        assert sorted(names) == sorted(
            ["ミートアップのご案内", "フィールドワークツアーのご案内", "月次ニュース"]
        )
        monthly = next(
            t for t in outreach.templates(s, world.staff, world.pid) if t.name == "月次ニュース"
        )
        assert monthly.subject == "新しい件名"
        meetup = next(
            t
            for t in outreach.templates(s, world.staff, world.pid)
            if t.name == "ミートアップのご案内"
        )
        assert "気仙沼市" in meetup.subject and "{氏名}" in meetup.body
        with pytest.raises(InvalidInput):
            outreach.save_template(s, world.staff, world.pid, " ", "", "", "")
        with pytest.raises(AccessDenied):
            outreach.save_template(s, world.viewer, world.pid, "x", "件名", "本文", "")


def test_a_dead_unsubscribe_link_changes_nothing(world: World) -> None:
    with session_scope(write=True) as s:
        own = access_links.issue(s, world.people["engineer"])  # a link to their page, not this
        assert outreach.subscription(s, own) is None
        assert not outreach.set_subscribed(s, own, subscribed=False)
        assert not outreach.set_subscribed(s, "nonsense", subscribed=False)
        assert s.get(Talent, world.people["engineer"]).unsubscribed_at is None


# --- reminders ------------------------------------------------------------------------------


def test_reminders_go_once_before_an_event_and_after_a_meeting_without_report(
    world: World,
    smtp_server,  # type: ignore[no-untyped-def]
) -> None:
    from colead.models import MeetingReport

    now = utcnow()
    with session_scope(write=True) as s:
        company = Company(programme_id=world.pid, name="気仙沼水産")
        s.add(company)
        s.flush()
        project = Project(
            programme_id=world.pid, company_id=company.id, theme="受注管理", starts_on=TODAY
        )
        s.add(project)
        s.flush()
        s.add(ProjectMember(project_id=project.id, talent_id=world.people["engineer"]))
        s.add(ProjectMember(project_id=project.id, talent_id=world.people["designer"]))
        tour = Event(
            programme_id=world.pid,
            kind=EventKind.TOUR,
            title="フィールドワークツアー",
            starts_at=now + timedelta(days=2),
            place="気仙沼港",
            online_tool="Zoom",
        )
        far = Event(
            programme_id=world.pid,
            kind=EventKind.MEETUP,
            title="来月の会",
            starts_at=now + timedelta(days=20),
        )
        held = Event(
            programme_id=world.pid,
            kind=EventKind.MONTHLY_MEETING,
            title="定例会",
            starts_at=now - timedelta(days=2),
            project_id=project.id,
        )
        monthly = Event(
            programme_id=world.pid,
            kind=EventKind.MONTHLY_MEETING,
            title="第2回 定例会",
            starts_at=now + timedelta(days=1),
            project_id=project.id,
            online_tool="Microsoft Teams",
        )
        s.add_all([tour, far, held, monthly])
        s.flush()
        s.add(Attendance(event_id=tour.id, talent_id=world.people["applicant"]))
        s.add(Attendance(event_id=far.id, talent_id=world.people["applicant"]))
        s.add(
            MeetingReport(
                project_id=project.id,
                talent_id=world.people["designer"],
                submitted_on=TODAY,
                summary="済",
            )
        )
    first = outreach_worker.write_reminders()
    second = outreach_worker.write_reminders()
    assert (first, second) == (4, 0)
    outreach_worker.send_due()
    by_subject = {str(m["Subject"]): m for m in smtp_server.messages}
    assert len(smtp_server.messages) == 4
    # the project's members, before their monthly meeting (they need not have signed up)
    meeting = sorted(
        str(m["To"]) for m in smtp_server.messages if "第2回 定例会" in str(m["Subject"])
    )
    assert meeting == ["hanako@example.jp", "ichiro@example.jp"]
    tour_mail = next(
        m for s, m in by_subject.items() if s.startswith("【リマインド】フィールドワーク")
    )
    assert tour_mail["To"] == "makoto@example.jp"
    body = tour_mail.get_body(preferencelist=("plain",)).get_content()
    assert "気仙沼港" in body and "Zoom" in body and "/me?t=" in body
    assert [p.get_filename() for p in tour_mail.iter_attachments()] == ["event.ics"]
    report_mail = by_subject["【レポート提出のお願い】定例会"]
    assert report_mail["To"] == "hanako@example.jp"  # the member who reported gets none


# --- a crash mid-send, and two commands at once -------------------------------------------


class _KillingSmtp:
    """A real SMTP server that kills the sending process while it takes the `at`-th mail:
    the mail arrived, but the sender never heard so."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.messages: list[EmailMessage] = []
        self.victim: subprocess.Popen[bytes] | None = None

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        if len(self.messages) == self.at and self.victim is not None:
            os.kill(self.victim.pid, signal.SIGKILL)
        return "250 Message accepted for delivery"


def _send_due(url: str, smtp_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "COLEAD_SMTP_URL": smtp_url}
    return subprocess.Popen(
        [sys.executable, "-m", "colead", "send-due"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_killed_sender_and_two_at_once_send_every_person_exactly_one_mail(
    world: World,
) -> None:
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    with session_scope(write=True) as s:
        for i in range(37):
            _person(s, world.pid, f"参加者{i:03}", f"p{i:03}@example.jp")
    newsletter_id = _schedule(world)  # 40 people
    handler = _KillingSmtp(at=20)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    smtp_url = f"smtp://127.0.0.1:{port}"
    try:
        handler.victim = _send_due(world.url, smtp_url)
        handler.victim.wait(timeout=120)
        assert handler.victim.returncode == -signal.SIGKILL
        assert len(handler.messages) == 20
        pair = [_send_due(world.url, smtp_url) for _ in range(2)]
        for process in pair:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err.decode()
    finally:
        controller.stop()
    counts = _by_recipient(handler.messages)
    assert len(counts) == 40 and set(counts.values()) == {1}, counts.most_common(3)
    with session_scope() as s:
        rows = outreach.recipients(s, world.staff, newsletter_id, per_page=100).rows
    states = Counter(r.state for r in rows)
    # the mail taken while the sender died is not sent again: it is shown as to be checked
    assert states == {"sent": 39, "unknown": 1}


# --- the chat channel -------------------------------------------------------------------------


def test_a_newsletter_is_posted_to_the_chat_and_a_failure_is_retried_not_blocking(
    world: World,
    hook,  # type: ignore[no-untyped-def]
) -> None:
    with session_scope(write=True) as s:
        outreach.set_chat_webhook(s, world.staff, world.pid, hook.url)
    with pytest.raises(InputError) as error, session_scope(write=True) as s:
        outreach.set_chat_webhook(s, world.staff, world.pid, "ftp://example.jp/hook")
    assert error.value.key == "chat.error.url"
    hook.status = 500
    newsletter_id = _schedule(world, post_to_chat=True)
    report, _ = outreach_worker.send_due()
    assert (report.mailed, report.chat_posted, report.chat_failed) == (3, 0, 1)
    with session_scope() as s:
        (row,) = outreach.list_newsletters(s, world.staff, world.pid).rows
    assert row.status == "sent" and row.results.outbox == 3  # the mails went all the same
    assert row.chat_status == "failed" and "HTTP 500" in row.chat_error
    outreach_worker.send_due()
    outreach_worker.send_due()
    outreach_worker.send_due()
    assert len(hook.seen) == outreach_worker.CHAT_ATTEMPTS  # retried, then left to staff
    hook.status = 200
    with session_scope(write=True) as s:
        outreach.retry_chat(s, world.staff, newsletter_id)
    report, _ = outreach_worker.send_due()
    assert report.chat_posted == 1
    assert hook.seen[-1].body["text"].startswith("*【気仙沼】皆さま様へ 秋の便り*")
    assert "皆さま 様" in hook.seen[-1].body["text"]  # no one's name in a shared channel
    with session_scope() as s:
        (row,) = outreach.list_newsletters(s, world.staff, world.pid).rows
    assert (row.chat_status, row.chat_error) == ("posted", "")


def test_an_attached_pdf_or_event_calendar_reaches_everyone(world: World, smtp_server) -> None:  # type: ignore[no-untyped-def]
    pdf = Attachment("冬の案内.pdf", "application/pdf", b"%PDF-1.4\n% the programme's leaflet\n")
    _schedule(world, attachment=pdf)
    with session_scope(write=True) as s:
        event = Event(
            programme_id=world.pid,
            kind=EventKind.TOUR,
            title="フィールドワークツアー",
            starts_at=datetime(2027, 2, 10, 0, tzinfo=UTC),
        )
        s.add(event)
        s.flush()
        event_id = event.id
    _schedule(world, subject="ツアーのご案内", event_id=event_id)
    outreach_worker.send_due()
    assert len(smtp_server.messages) == 6
    for message in smtp_server.messages:
        (part,) = list(message.iter_attachments())
        if "ツアー" in str(message["Subject"]):
            assert part.get_content_type() == "text/calendar"
            (vevent,) = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
            assert str(vevent["SUMMARY"]) == "フィールドワークツアー"
        else:
            assert part.get_content_type() == "application/pdf"
            assert part.get_filename() == "冬の案内.pdf"
            assert part.get_payload(decode=True) == pdf.data
