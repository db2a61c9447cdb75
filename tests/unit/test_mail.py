"""Mail: `send_mail` only queues, in the caller's transaction; the sender (`deliver_queued`,
run by `python -m colead send-due` or the server's background sender) delivers to a real local
SMTP server; without SMTP mails wait in the outbox; a failed delivery is recorded, never
raised, and can be queued again; two senders at once send each mail once."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlmodel import Session, select

from colead.config import get_settings
from colead.db import session_scope
from colead.i18n import JST
from colead.models import AuditLog, OutboxMail, Role
from colead.services import mail
from colead.services.access import AccessDenied
from colead.services.calendar_ics import event_ics
from colead.services.errors import InputError
from colead.services.mail import Attachment, SmtpSettings, parse_smtp_url, send_mail
from tests.conftest import free_port

LINK = "http://localhost:8501/me?token=abc-DEF_123"
TEXT = f"山田 太郎 様\n\nミートアップへのお申し込みを受け付けました。\n本人ページ: {LINK}\n"
SUBJECT = "【ふるさとCo-LEAD】ミートアップ参加申込の確認"


def _ics() -> bytes:
    return event_ics(
        uid="event-1@colead",
        title="ミートアップ（東京会場）",
        starts_at=datetime(2026, 11, 24, 18, 30, tzinfo=JST),
        ends_at=datetime(2026, 11, 24, 21, 0, tzinfo=JST),
        place="東京都千代田区",
        description="持ち物: 名刺",
    )


def _send(session: Session, **overrides: object) -> OutboxMail:
    values: dict[str, object] = {
        "to": "taro@example.jp",
        "subject": SUBJECT,
        "text": TEXT,
        "kind": "event_signup",
    }
    values.update(overrides)
    return send_mail(session, **values)  # type: ignore[arg-type]


def _queued(**overrides: object) -> int:
    """A mail queued by an action that then commits; returns its id."""
    with session_scope(write=True) as session:
        row = _send(session, **overrides)
        assert row.status in (mail.QUEUED, mail.FAILED, mail.OUTBOX)
        return row.id


def _stored(mail_id: int) -> OutboxMail:
    with session_scope() as session:
        row = session.get(OutboxMail, mail_id)
        session.expunge(row)
        return row


def test_a_japanese_mail_with_a_calendar_file_arrives_intact(db_url, smtp_server) -> None:
    data = _ics()
    mail_id = _queued(
        html=f'<p>山田 太郎 様</p><p><a href="{LINK}">本人ページ</a></p>',
        attachment=Attachment("meetup.ics", "text/calendar", data),
    )
    assert smtp_server.messages == []  # queued, not sent by the action itself
    assert mail.deliver_queued() == mail.Delivery(sent=1, failed=0)
    row = _stored(mail_id)
    assert row.status == mail.SENT, row.error
    assert row.sent_at is not None and row.error == ""
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["Subject"] == SUBJECT
    assert received["To"] == "taro@example.jp"
    assert received["From"] == get_settings().mail_from
    assert received["Message-ID"]
    assert smtp_server.envelopes[0][1] == ["taro@example.jp"]
    plain = received.get_body(preferencelist=("plain",))
    assert plain is not None and plain.get_content().replace("\r\n", "\n") == TEXT
    assert LINK in plain.get_content()  # the link arrives whole, not wrapped or encoded
    html = received.get_body(preferencelist=("html",))
    assert html is not None and f'href="{LINK}"' in html.get_content()
    attachments = list(received.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "meetup.ics"
    assert attachments[0].get_content_type() == "text/calendar"
    assert attachments[0].get_payload(decode=True) == data


def test_without_smtp_the_mail_waits_in_the_outbox(write_session, make_actor) -> None:
    assert get_settings().smtp_url == ""
    row = _send(write_session, attachment=Attachment("a.ics", "text/calendar", b"BEGIN"))
    assert row.status == mail.OUTBOX and row.sent_at is None
    admin = make_actor(Role.ADMIN)
    listed = mail.outbox(write_session, admin)
    assert listed.total == 1
    assert listed.rows[0].subject == SUBJECT and listed.rows[0].status == mail.OUTBOX
    assert listed.rows[0].attachment_name == "a.ics"
    stored = mail.outbox_mail(write_session, admin, row.id)
    assert stored is not None and stored.body_text == TEXT and stored.attachment == b"BEGIN"
    assert write_session.exec(select(AuditLog).where(AuditLog.action == "mail.view")).first()


def test_a_refused_connection_is_recorded_not_raised(db_url, monkeypatch) -> None:
    monkeypatch.setenv("COLEAD_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    mail_id = _queued()
    assert mail.deliver_queued() == mail.Delivery(sent=0, failed=1)
    row = _stored(mail_id)
    assert row.status == mail.FAILED
    assert "ConnectionRefusedError" in row.error
    assert row.sent_at is None


def test_an_unusable_smtp_url_marks_the_mail_failed(write_session, monkeypatch) -> None:
    monkeypatch.setenv("COLEAD_SMTP_URL", "http://mail.example.jp")
    get_settings.cache_clear()
    row = _send(write_session)
    assert row.status == mail.FAILED and "mail.smtp_url.scheme" in row.error


def test_retry_sends_the_failed_mails_once_the_server_is_up(
    db_url, make_actor, smtp_server, monkeypatch
) -> None:
    admin = make_actor(Role.ADMIN)
    monkeypatch.setenv("COLEAD_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    _queued(to="a@example.jp")
    _queued(to="b@example.jp")
    assert mail.deliver_queued() == mail.Delivery(sent=0, failed=2)
    with session_scope() as session:
        assert mail.outbox(session, admin, status=mail.FAILED).total == 2

    monkeypatch.setenv("COLEAD_SMTP_URL", smtp_server.url)
    get_settings.cache_clear()
    with session_scope(write=True) as session:
        assert mail.retry_failed(session, admin) == 2
    assert mail.deliver_queued() == mail.Delivery(sent=2, failed=0)
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.jp", "b@example.jp"]
    with session_scope(write=True) as session:
        assert mail.outbox(session, admin, status=mail.FAILED).total == 0
        assert mail.outbox(session, admin, status=mail.SENT).total == 2
        assert mail.retry_failed(session, admin) == 0  # nothing is sent twice
    assert mail.deliver_queued() == mail.Delivery(sent=0, failed=0)
    assert len(smtp_server.messages) == 2


def test_a_rolled_back_action_sends_nothing(db_url, smtp_server) -> None:
    with pytest.raises(RuntimeError), session_scope(write=True) as session:
        _send(session)
        raise RuntimeError("the action failed after queueing its mail")
    assert mail.deliver_queued() == mail.Delivery(sent=0, failed=0)
    assert smtp_server.messages == []


def test_two_senders_at_once_send_each_mail_once(db_url, smtp_server) -> None:
    for n in range(6):
        _queued(to=f"p{n}@example.jp")
    results: list[mail.Delivery] = []
    workers = [threading.Thread(target=lambda: results.append(mail.deliver_queued())) for _ in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r.sent for r in results) == 6
    assert sorted(m["To"] for m in smtp_server.messages) == [f"p{n}@example.jp" for n in range(6)]


def test_the_command_sends_the_queue(db_url, smtp_server) -> None:
    from colead.__main__ import main

    _queued()
    assert main(["send-due"]) == 0
    assert len(smtp_server.messages) == 1


def test_retry_without_smtp_does_nothing(write_session, make_actor) -> None:
    assert mail.retry_failed(write_session, make_actor(Role.ADMIN)) == 0


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"to": "taro@example.jp\r\nBcc: evil@example.com"}, "mail.header_newline"),
        ({"to": "taro@example.jp\nBcc: evil@example.com"}, "mail.header_newline"),
        ({"subject": "確認\r\nBcc: evil@example.com"}, "mail.header_newline"),
        ({"subject": "確認\nX-Evil: 1"}, "mail.header_newline"),
        ({"to": "taro@example.jp, evil@example.com"}, "mail.bad_address"),
        ({"to": "Taro <taro@example.jp>"}, "mail.bad_address"),
        ({"to": "not-an-address"}, "mail.bad_address"),
        ({"to": ""}, "mail.bad_address"),
        ({"attachment": Attachment("a\r\n.ics", "text/calendar", b"")}, "mail.header_newline"),
    ],
)
def test_header_injection_is_refused(write_session, smtp_server, overrides, key) -> None:
    with pytest.raises(InputError) as raised:
        _send(write_session, **overrides)
    assert raised.value.key == key
    assert smtp_server.messages == []
    assert write_session.exec(select(OutboxMail)).all() == []


def test_a_long_subject_is_shortened(write_session) -> None:
    row = _send(write_session, subject="長" * 300)
    assert len(row.subject) == mail.MAX_SUBJECT and row.subject.endswith("…")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.jp", SmtpSettings("mail.example.jp", 25)),
        (
            "smtp://user:pass@mail.example.jp:587?starttls=1",
            SmtpSettings("mail.example.jp", 587, "user", "pass", starttls=True),
        ),
        (
            "smtps://u%40city.jp:p%3Ass@mail.example.jp",
            SmtpSettings("mail.example.jp", 465, "u@city.jp", "p:ss", ssl=True),
        ),
        ("SMTP://127.0.0.1:2525?starttls=0", SmtpSettings("127.0.0.1", 2525)),
        ("smtp://user@mail.example.jp:587", SmtpSettings("mail.example.jp", 587, "user")),
    ],
)
def test_parse_smtp_url(url: str, expected: SmtpSettings) -> None:
    assert parse_smtp_url(url) == expected


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://mail.example.jp", "mail.smtp_url.scheme"),
        ("mail.example.jp:587", "mail.smtp_url.scheme"),
        ("smtp://", "mail.smtp_url.host"),
        ("smtp://mail.example.jp:notaport", "mail.smtp_url.port"),
        ("smtp://mail.example.jp:99999", "mail.smtp_url.port"),
        ("smtp://mail.example.jp?tls=1", "mail.smtp_url.option"),
        ("smtp://mail.example.jp?starttls=maybe", "mail.smtp_url.option"),
        ("smtps://mail.example.jp?starttls=1", "mail.smtp_url.option"),
        ("smtp://:secret@mail.example.jp", "mail.smtp_url.user"),
    ],
)
def test_parse_smtp_url_refuses_a_bad_url(url: str, key: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_smtp_url(url)
    assert raised.value.key == key


def test_the_password_is_never_shown() -> None:
    settings = parse_smtp_url("smtp://user:s3cret@mail.example.jp:587?starttls=1")
    assert "s3cret" not in repr(settings)
    assert settings.describe() == "smtp://user@mail.example.jp:587 (STARTTLS)"


def test_only_admins_read_the_outbox(write_session, make_actor) -> None:
    row = _send(write_session)
    for role in (Role.STAFF, Role.VIEWER):
        actor = make_actor(role)
        with pytest.raises(AccessDenied):
            mail.outbox(write_session, actor)
        with pytest.raises(AccessDenied):
            mail.outbox_mail(write_session, actor, row.id)
        with pytest.raises(AccessDenied):
            mail.retry_failed(write_session, actor)


def test_the_outbox_is_newest_first_and_paged(write_session, make_actor) -> None:
    for n in range(5):
        _send(write_session, subject=f"件名 {n}")
    page = mail.outbox(write_session, make_actor(Role.ADMIN), page=2, per_page=2)
    assert page.total == 5 and page.pages == 3
    assert [r.subject for r in page.rows] == ["件名 2", "件名 1"]
    with pytest.raises(InputError):
        mail.outbox(write_session, make_actor(Role.ADMIN), status="bogus")


def test_a_sender_with_a_japanese_name(db_url, smtp_server, monkeypatch) -> None:
    monkeypatch.setenv("COLEAD_MAIL_FROM", "ふるさとCo-LEAD 事務局 <colead@city.example.lg.jp>")
    get_settings.cache_clear()
    _queued()
    assert mail.deliver_queued().sent == 1
    received = smtp_server.messages[0]
    assert received["From"].addresses[0].display_name == "ふるさとCo-LEAD 事務局"
    assert smtp_server.envelopes[0][0] == "colead@city.example.lg.jp"
    assert received["Message-ID"].endswith("@city.example.lg.jp>")


class _CountingSmtp:
    """A real SMTP server that counts connections (EHLO) and can drop the connection after a
    mail, as servers do with idle clients."""

    def __init__(self, drop_after_first: bool = False) -> None:
        self.connections = 0
        self.received: list[str] = []
        self.drop_after_first = drop_after_first

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        import asyncio

        self.received.extend(envelope.rcpt_tos)
        if self.drop_after_first and len(self.received) == 1:
            asyncio.get_running_loop().call_later(0.05, server.transport.close)
        return "250 OK"


@pytest.mark.parametrize("drop", [False, True], ids=["kept", "dropped by the server"])
def test_one_connection_carries_a_run_and_a_dropped_one_is_opened_again(
    db_url, monkeypatch, drop: bool
) -> None:  # type: ignore[no-untyped-def]
    import time

    from aiosmtpd.controller import Controller

    handler = _CountingSmtp(drop_after_first=drop)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("COLEAD_SMTP_URL", f"smtp://127.0.0.1:{port}")
    get_settings.cache_clear()
    try:
        first = _queued(to="p0@example.jp")
        later = [_queued(to=f"p{n}@example.jp") for n in range(1, 5)]
        if drop:
            # the first mail alone, then the rest once the server has hung up
            original = mail._Connection.send
            calls = {"n": 0}

            def paced(self, message):  # type: ignore[no-untyped-def]
                calls["n"] += 1
                if calls["n"] == 2:
                    time.sleep(0.3)
                return original(self, message)

            monkeypatch.setattr(mail._Connection, "send", paced)
        result = mail.deliver_queued()
    finally:
        controller.stop()
        get_settings.cache_clear()
    assert (result.sent, result.failed) == (5, 0)
    assert handler.received == [f"p{n}@example.jp" for n in range(5)]
    assert handler.connections == (2 if drop else 1)
    assert {_stored(i).status for i in [first, *later]} == {mail.SENT}


def test_the_servers_sender_stops_when_its_server_is_killed(db_url) -> None:  # type: ignore[no-untyped-def]
    """`send-due --every --parent` (the child `make run`'s server starts) ends by itself when
    the server is gone, even killed without a chance to stop it."""
    import os
    import signal
    import subprocess
    import sys
    import time

    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, subprocess, sys, time\n"
            "child = subprocess.Popen([sys.executable, '-m', 'colead', 'send-due',"
            " '--every', '0.2', '--parent', str(os.getpid())])\n"
            "print(child.pid, flush=True)\n"
            "time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        env={**os.environ, "DATABASE_URL": db_url},
    )
    sender = int(server.stdout.readline())
    time.sleep(2)  # the sender is up and running its rounds
    os.kill(sender, 0)  # alive
    server.send_signal(signal.SIGKILL)
    server.wait(10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(sender, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(sender, signal.SIGKILL)
        raise AssertionError("the sender outlived its server")
