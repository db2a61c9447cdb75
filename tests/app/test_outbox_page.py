"""送信メール: the admin reads what the app sent (or kept, without SMTP); staff cannot open it."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from colead.config import get_settings
from colead.db import session_scope
from colead.models import AuditLog, OutboxMail
from colead.services import mail
from colead.services.mail import Attachment
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text
from tests.conftest import free_port

LINK = "http://localhost:8501/me?token=abc_DEF-123"


def _write_mail(**overrides: object) -> int:
    values: dict[str, object] = {
        "to": "hanako@example.jp",
        "subject": "【ふるさとCo-LEAD】応募の確認",
        "text": f"佐藤 花子 様\n\n*応募* を受け付けました。\n確認: {LINK}\n",
        "kind": "apply_confirm",
        "attachment": Attachment("meetup.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n"),
    }
    values.update(overrides)
    with session_scope(write=True) as session:
        return mail.send_mail(session, **values).id  # type: ignore[arg-type]


def _outbox(at):  # type: ignore[no-untyped-def]
    return at.switch_page("pages/outbox.py").run(timeout=TIMEOUT)


def test_admin_reads_a_kept_mail_and_its_attachment(demo_url: str) -> None:
    mail_id = _write_mail()
    at = _outbox(sign_in(new_app(), "admin"))
    assert not at.exception, at.exception
    assert "送信メール" in [t.value for t in at.title]
    text = visible_text(at)
    assert "SMTP が設定されていない" in text
    table = at.dataframe[0].value
    row = table[table["宛先"] == "hanako@example.jp"].iloc[0]
    assert row["件名"] == "【ふるさとCo-LEAD】応募の確認"
    assert row["状態"] == "保管（未送信）" and row["種類"] == "apply_confirm"
    retry = button(at, "失敗したメールを再送")
    assert retry.disabled  # nothing can be resent without SMTP

    picker = next(s for s in at.selectbox if s.label == "読むメール")
    picker.select(mail_id).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    bodies = [c.value for c in at.code]
    assert any(LINK in body and "*応募*" in body for body in bodies)  # shown as written
    assert "宛先: hanako@example\\.jp" in visible_text(at)  # Markdown-escaped: shown as typed
    downloads = at.get("download_button")
    assert len(downloads) == 1 and "meetup\\.ics" in downloads[0].proto.label
    with session_scope() as session:
        logged = session.exec(select(AuditLog).where(AuditLog.action == "mail.view")).all()
    assert [a.target for a in logged][-1] == f"mail:{mail_id}"


def test_admin_resends_a_failed_mail_once_smtp_works(
    demo_url: str, smtp_server, monkeypatch
) -> None:
    monkeypatch.setenv("COLEAD_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    mail_id = _write_mail(to="ken@example.jp")
    assert mail.deliver_queued().failed == 1  # the server was not there
    monkeypatch.setenv("COLEAD_SMTP_URL", smtp_server.url)
    get_settings.cache_clear()

    at = _outbox(sign_in(new_app(), "admin"))
    shown = visible_text(at).replace("\\", "")  # as read: without Markdown escapes
    assert f"SMTP サーバー {smtp_server.url} から送信されます" in shown
    table = at.dataframe[0].value
    assert table[table["宛先"] == "ken@example.jp"].iloc[0]["状態"] == "失敗"
    with session_scope() as session:  # the demo's bounced newsletter is retried too
        failed = session.exec(
            select(func.count()).select_from(OutboxMail).where(OutboxMail.status == mail.FAILED)
        ).one()
    assert failed >= 1
    button(at, "失敗したメールを再送").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert f"{failed}通を送信待ちに戻しました。まもなく送信されます。" in visible_text(at)
    assert smtp_server.messages == []  # the page queues; the sender sends
    assert mail.deliver_queued().sent == failed
    assert "ken@example.jp" in [m["To"] for m in smtp_server.messages]
    assert len(smtp_server.messages) == failed
    with session_scope() as session:
        assert session.get(OutboxMail, mail_id).status == mail.SENT


def test_the_smtp_password_is_not_shown(demo_url: str, monkeypatch) -> None:
    monkeypatch.setenv(
        "COLEAD_SMTP_URL", "smtp://colead:s3cret-pass@mail.example.jp:587?starttls=1"
    )
    get_settings.cache_clear()
    at = _outbox(sign_in(new_app(), "admin"))
    text = visible_text(at).replace("\\", "")
    assert "smtp://colead@mail.example.jp:587 (STARTTLS)" in text
    assert "s3cret" not in text


@pytest.mark.parametrize("role", ["staff", "viewer"])
def test_staff_cannot_open_the_outbox(demo_url: str, role: str) -> None:
    _write_mail()
    at = sign_in(new_app(), role)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/outbox.py").run(timeout=TIMEOUT)
