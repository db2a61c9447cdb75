"""Mail: every message the app sends is written to the outbox, and sent by SMTP when configured.

COLEAD_SMTP_URL (`smtp://user:pass@host:587?starttls=1`, or `smtps://user:pass@host:465`) names
the server; COLEAD_MAIL_FROM the sender. Without SMTP (the demo) a mail stays in the outbox with
status "outbox", where admins read it in the app, so every flow works on one laptop with no
network.

Sending never happens inside a page's run (DESIGN.md): `send_mail` only queues the row, in the
caller's transaction, so a rolled-back action sends nothing. `deliver_queued` sends what is
queued, from `python -m colead send-due` (cron) or the server's own background sender. Each row
is claimed (`queued` → `sending`) by one conditional UPDATE before it is sent, so two workers or
a worker that crashed never send a mail twice; a row left `sending` by a crash is shown to
admins rather than sent again. A delivery failure never fails the caller's action: the row is
marked "failed" with the reason, and admins can queue it again (`retry_failed`).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import parse_qsl, unquote, urlsplit

from sqlmodel import Session, col, func, select, update

from colead.config import get_settings
from colead.models import DeliveryRecipient, OutboxMail, Role
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import Actor, require_role
from colead.services.errors import InputError
from colead.services.paging import PER_PAGE, Page, clamp
from colead.services.talent import EMAIL

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
OUTBOX = "outbox"
STATUSES = (QUEUED, SENDING, SENT, FAILED, OUTBOX)

TIMEOUT_SECONDS = 10
MAX_ADDRESS = 200
MAX_SUBJECT = 200
MAX_ATTACHMENT_NAME = 100
MAX_ATTACHMENT_TYPE = 50
MAX_ERROR = 500
# A single bare address: nothing that could start a second address or a display name.
_ADDRESS_SPECIALS = set('<>,;:"()[]\\')


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar"
    data: bytes


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    ssl: bool = False

    def describe(self) -> str:
        """The server without the password, e.g. `smtp://user@host:587 (STARTTLS)`."""
        scheme = "smtps" if self.ssl else "smtp"
        user = f"{self.username}@" if self.username else ""
        tls = " (STARTTLS)" if self.starttls else ""
        return f"{scheme}://{user}{self.host}:{self.port}{tls}"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    sent_at: datetime | None
    to_address: str
    subject: str
    kind: str
    status: str
    error: str
    attachment_name: str


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def parse_smtp_url(url: str) -> SmtpSettings:
    """The server named by an SMTP URL; InputError("mail.smtp_url.*") when it cannot be used.

    `smtp://host` (port 25), `smtp://user:pass@host:587?starttls=1`, `smtps://host` (port 465,
    TLS from the start). User and password may be percent-encoded (`%40` for @).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InputError("mail.smtp_url.port") from exc
    scheme = parts.scheme.lower()
    if scheme not in {"smtp", "smtps"}:
        raise InputError("mail.smtp_url.scheme", scheme=parts.scheme)
    if not parts.hostname:
        raise InputError("mail.smtp_url.host")
    starttls = False
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() != "starttls" or value.lower() not in _TRUE | _FALSE:
            raise InputError("mail.smtp_url.option", option=f"{name}={value}")
        starttls = value.lower() in _TRUE
    use_ssl = scheme == "smtps"
    if use_ssl and starttls:
        raise InputError("mail.smtp_url.option", option="starttls (smtps)")
    username = unquote(parts.username or "")
    password = unquote(parts.password or "")
    if password and not username:
        raise InputError("mail.smtp_url.user")
    return SmtpSettings(
        host=parts.hostname,
        port=port or (465 if use_ssl else 25),
        username=username,
        password=password,
        starttls=starttls,
        ssl=use_ssl,
    )


def smtp_settings() -> SmtpSettings | None:
    """The configured server, None without one; InputError when COLEAD_SMTP_URL is unusable."""
    url = get_settings().smtp_url
    return parse_smtp_url(url) if url else None


def _no_newline(value: str, key: str) -> None:
    if "\r" in value or "\n" in value or "\0" in value:
        raise InputError(key)


def check_address(address: str) -> str:
    """The address, stripped, if it is one plain address; else InputError("mail.bad_address")."""
    address = address.strip()
    _no_newline(address, "mail.header_newline")
    if (
        not address
        or len(address) > MAX_ADDRESS
        or not EMAIL.match(address)
        or _ADDRESS_SPECIALS & set(address)
    ):
        raise InputError("mail.bad_address", address=address[:MAX_ADDRESS])
    return address


def _domain_of(sender: str) -> str:
    _, address = parseaddr(sender)
    return address.rpartition("@")[2] or "localhost"


def build_message(row: OutboxMail, sender: str) -> EmailMessage:
    """The MIME message of an outbox row: UTF-8 text, its HTML alternative, its attachment."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(idstring=f"outbox{row.id}", domain=_domain_of(sender))
    if row.list_unsubscribe:
        message["List-Unsubscribe"] = f"<{row.list_unsubscribe}>"
    message.set_content(row.body_text, charset="utf-8")
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html", charset="utf-8")
    if row.attachment is not None and row.attachment_name:
        maintype, _, subtype = (row.attachment_type or "application/octet-stream").partition("/")
        message.add_attachment(
            bytes(row.attachment),
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=row.attachment_name,
        )
    return message


def _connect(server: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if server.ssl:
        client = smtplib.SMTP_SSL(
            server.host, server.port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
    try:
        if server.starttls:
            client.starttls(context=context)
        if server.username:
            client.login(server.username, server.password)
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except Exception:
        client.close()


class _Connection:
    """One SMTP connection for a run of mails (a handshake, with TLS, costs more than a mail),
    checked with NOOP before each mail and opened again when the server has dropped it. A mail
    whose sending fails is never sent again here: only the connection is renewed."""

    def __init__(self, server: SmtpSettings) -> None:
        self.server = server
        self.client: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        if self.client is not None:
            try:
                alive = self.client.noop()[0] == 250
            except (smtplib.SMTPException, OSError):
                alive = False
            if not alive:
                self.close()
        if self.client is None:
            self.client = _connect(self.server)
        try:
            self.client.send_message(message)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        _close(self.client)
        self.client = None


def _initial_status() -> tuple[str, str]:
    """Queued for the sender when SMTP is configured; kept in the outbox when not; failed at
    once when the configured URL cannot be read (so admins see why nothing goes out)."""
    try:
        server = smtp_settings()
    except InputError as exc:
        return FAILED, f"COLEAD_SMTP_URL: {exc.key}"
    return (OUTBOX, "") if server is None else (QUEUED, "")


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int


def deliver_queued(limit: int = 100, url: str | None = None) -> Delivery:
    """Send up to `limit` queued mails, each in its own short transactions (claim, then
    record), never holding the database while talking to the SMTP server."""
    from colead.db import session_scope

    try:
        server = smtp_settings()
    except InputError:
        return Delivery(0, 0)
    if server is None:
        return Delivery(0, 0)
    sender = get_settings().mail_from
    with session_scope(url=url) as session:
        ids = session.exec(
            select(OutboxMail.id)
            .where(OutboxMail.status == QUEUED)
            .order_by(col(OutboxMail.id))
            .limit(limit)
        ).all()
    sent = failed = 0
    connection = _Connection(server)
    try:
        for mail_id in ids:
            outcome = _deliver_one(connection, mail_id, sender, url)
            sent += outcome == SENT
            failed += outcome == FAILED
    finally:
        connection.close()
    return Delivery(sent, failed)


def _deliver_one(connection: _Connection, mail_id: int, sender: str, url: str | None) -> str:
    """Claim one queued mail, send it, record the outcome ("" when another worker had it)."""
    from colead.db import session_scope

    with session_scope(write=True, url=url) as session:
        claimed = session.exec(
            update(OutboxMail)
            .where(col(OutboxMail.id) == mail_id, OutboxMail.status == QUEUED)
            .values(status=SENDING)
        )
        if not claimed.rowcount:
            return ""  # another worker has it
        row = session.get(OutboxMail, mail_id)
        if row is None:
            return ""
        message = build_message(row, sender)
        delivery_id, talent_id = row.delivery_id, row.talent_id
    try:
        connection.send(message)
    except Exception as exc:  # any delivery problem is recorded, never raised
        status, error, at = FAILED, f"{type(exc).__name__}: {exc}"[:MAX_ERROR], None
    else:
        status, error, at = SENT, "", utcnow()
    with session_scope(write=True, url=url) as session:
        session.exec(
            update(OutboxMail)
            .where(col(OutboxMail.id) == mail_id)
            .values(status=status, error=error, sent_at=at)
        )
        if status == SENT:
            _record_delivery(session, delivery_id, talent_id)
    return status


def _record_delivery(session: Session, delivery_id: int | None, talent_id: int | None) -> None:
    """Add the person to the 情報提供の記録 their mail belongs to (a newsletter's), once."""
    if delivery_id is None or talent_id is None:
        return
    known = session.get(DeliveryRecipient, (delivery_id, talent_id))
    if known is None:
        session.add(DeliveryRecipient(delivery_id=delivery_id, talent_id=talent_id))
        session.flush()


def send_mail(
    session: Session,
    *,
    to: str,
    subject: str,
    text: str,
    kind: str,
    talent_id: int | None = None,
    programme_id: int | None = None,
    html: str = "",
    attachment: Attachment | None = None,
    delivery_id: int | None = None,
    unsubscribe_url: str = "",
) -> OutboxMail:
    """Write the mail to the outbox, in the caller's transaction; returns the row: "queued"
    for the sender when SMTP is configured, "outbox" without SMTP. Never sends here (see the
    module's docstring) and never raises for a delivery problem.

    Raises InputError for what is the caller's mistake: a `to` that is not one plain address,
    CR/LF in `to`, `subject` or the attachment's name. A subject longer than 200 characters is
    shortened.

    `delivery_id` makes the mail count as information sent (a newsletter): once it is sent, or at
    once when it stays in the outbox (no SMTP: the outbox is where it is delivered), the person
    is added to that 情報提供の記録. `unsubscribe_url` becomes its List-Unsubscribe header.
    """
    address = check_address(to)
    _no_newline(subject, "mail.header_newline")
    subject = subject.strip()
    if len(subject) > MAX_SUBJECT:
        subject = subject[: MAX_SUBJECT - 1] + "…"
    row = OutboxMail(
        to_address=address,
        subject=subject,
        body_text=text,
        body_html=html,
        kind=kind[:30],
        talent_id=talent_id,
        programme_id=programme_id,
        delivery_id=delivery_id,
        list_unsubscribe=unsubscribe_url[:300],
    )
    _no_newline(row.list_unsubscribe, "mail.header_newline")
    row.status, row.error = _initial_status()
    if attachment is not None:
        _no_newline(attachment.filename, "mail.header_newline")
        _no_newline(attachment.content_type, "mail.header_newline")
        row.attachment_name = attachment.filename[:MAX_ATTACHMENT_NAME]
        row.attachment_type = attachment.content_type[:MAX_ATTACHMENT_TYPE]
        row.attachment = attachment.data
    session.add(row)
    session.flush()
    if row.status == OUTBOX:
        _record_delivery(session, delivery_id, talent_id)
    return row


def outbox(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    status: str | None = None,
    per_page: int = PER_PAGE,
) -> Page[OutboxRow]:
    """The mails, newest first (admins only), optionally only those with one status."""
    require_role(actor, Role.ADMIN)
    if status is not None and status not in STATUSES:
        raise InputError("mail.bad_status", status=status)
    where = [OutboxMail.status == status] if status else []
    total = session.exec(select(func.count()).select_from(OutboxMail).where(*where)).one()
    page = clamp(page, total, per_page)
    mails = session.exec(
        select(
            OutboxMail.id,
            OutboxMail.created_at,
            OutboxMail.sent_at,
            OutboxMail.to_address,
            OutboxMail.subject,
            OutboxMail.kind,
            OutboxMail.status,
            OutboxMail.error,
            OutboxMail.attachment_name,
        )
        .where(*where)
        .order_by(col(OutboxMail.created_at).desc(), col(OutboxMail.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(rows=[OutboxRow(*m) for m in mails], total=total, page=page, per_page=per_page)


def outbox_mail(session: Session, actor: Actor, mail_id: int) -> OutboxMail | None:
    """One mail with its text and attachment (admins only); reading it is logged, since mails
    hold personal data and access links."""
    require_role(actor, Role.ADMIN)
    mail = session.get(OutboxMail, mail_id)
    if mail is not None:
        audit.record(session, actor.username, "mail.view", target=f"mail:{mail_id}")
    return mail


def retry_failed(session: Session, actor: Actor) -> int:
    """Queue every failed mail again (admins only); returns how many. The sender sends them
    with the rest of the queue. Without SMTP nothing is queued."""
    require_role(actor, Role.ADMIN)
    try:
        if smtp_settings() is None:
            return 0
    except InputError:
        return 0
    queued = session.exec(
        update(OutboxMail).where(OutboxMail.status == FAILED).values(status=QUEUED, error="")
    ).rowcount
    audit.record(session, actor.username, "mail.retry", detail=f"{queued} queued")
    return queued or 0
