"""The outreach worker: what `python -m colead send-due` (and the server's background sender)
does besides sending queued mail.

1. Start the newsletters that are due: claim each (`scheduled` → `sending`) and write its
   情報提供の記録.
2. Write each recipient's mail: claim the recipient (`queued` → `mailed`, one conditional
   UPDATE) and queue their personal mail in the same transaction, so a crash or a second worker
   never writes a person's mail twice, and a rerun carries on where the last one stopped.
3. Post newsletters to the programme's chat channel; a failure is recorded and retried on the
   next runs (up to CHAT_ATTEMPTS), never holding up the mails.
4. Write the reminders that are due (before an event, after a project meeting without a
   report); each is a `SentReminder` row whose unique key admits it once.

Safe to run twice at once on SQLite and PostgreSQL: every step claims before it acts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from colead.i18n import format_datetime, to_jst, translate
from colead.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    InformationDelivery,
    MeetingReport,
    Newsletter,
    NewsletterRecipient,
    OutboxMail,
    Programme,
    ProjectMember,
    Region,
    SentReminder,
    Talent,
    TalentStatus,
)
from colead.models.base import utcnow
from colead.services import access_links
from colead.services.errors import InputError
from colead.services.mail import Attachment, Delivery, deliver_queued, send_mail
from colead.services.mail_render import fill_name, render
from colead.services.outreach import (
    MAILED,
    QUEUED,
    SCHEDULED,
    SENDING,
    SENT,
    SKIPPED,
    UNSUBSCRIBE,
    contactable,
)

log = logging.getLogger(__name__)

MAIL_LANGUAGE = "ja"
NEWSLETTER_CHANNEL = "メールマガジン"  # A-4 STEP2's option, so 情報提供の記録 reads the same
BATCH = 50
DELIVER_BATCH = 100
CHAT_ATTEMPTS = 3
CHAT_NAME = "皆さま"  # {氏名} in a shared channel: no one's name
UNSUBSCRIBE_LIFETIME = timedelta(days=365)
REMIND_BEFORE = timedelta(days=3)  # an event's registrants are reminded this long before
REPORT_AFTER = timedelta(days=1)  # a meeting's report is asked for this long after it…
REPORT_WITHIN = timedelta(days=7)  # …for meetings no older than this


@dataclass(frozen=True)
class WorkerReport:
    started: int = 0
    mailed: int = 0
    skipped: int = 0
    chat_posted: int = 0
    chat_failed: int = 0
    reminders: int = 0

    def line(self) -> str:
        return (
            f"newsletters started {self.started}, mails written {self.mailed}, "
            f"skipped {self.skipped}, chat posted {self.chat_posted}, "
            f"chat failed {self.chat_failed}, reminders {self.reminders}"
        )


def _text(key: str, **params: object) -> str:
    return translate(key, MAIL_LANGUAGE, **params)


def run_due(url: str | None = None, now: datetime | None = None) -> WorkerReport:
    """Do every outreach step that is due; each step stands alone (one failing is logged and
    the others still run)."""
    now = now or utcnow()
    started = mailed = skipped = posted = failed = reminders = 0
    try:
        started = start_due(url, now)
    except Exception:
        log.exception("starting newsletters failed")
    try:
        mailed, skipped = write_mails(url)
    except Exception:
        log.exception("writing newsletter mails failed")
    try:
        posted, failed = post_chats(url)
    except Exception:
        log.exception("posting to chat failed")
    try:
        reminders = write_reminders(url, now)
    except Exception:
        log.exception("writing reminders failed")
    return WorkerReport(started, mailed, skipped, posted, failed, reminders)


# --- newsletters ----------------------------------------------------------------------------


def start_due(url: str | None = None, now: datetime | None = None) -> int:
    from colead.db import session_scope

    now = now or utcnow()
    with session_scope(url=url) as session:
        due = session.exec(
            select(Newsletter.id)
            .where(Newsletter.status == SCHEDULED, col(Newsletter.send_at) <= now)
            .order_by(col(Newsletter.send_at), col(Newsletter.id))
        ).all()
    started = 0
    for newsletter_id in due:
        with session_scope(write=True, url=url) as session:
            claimed = session.exec(
                update(Newsletter)
                .where(col(Newsletter.id) == newsletter_id, Newsletter.status == SCHEDULED)
                .values(status=SENDING)
            ).rowcount
            if not claimed:
                continue
            newsletter = session.get(Newsletter, newsletter_id)
            assert newsletter is not None
            delivery = InformationDelivery(
                programme_id=newsletter.programme_id,
                kind=newsletter.kind,
                channel=NEWSLETTER_CHANNEL,
                sent_on=to_jst(now).date(),
                subject=newsletter.subject,
            )
            session.add(delivery)
            session.flush()
            newsletter.delivery_id = delivery.id
            session.add(newsletter)
            started += 1
    return started


def _attachment(session: Session, newsletter: Newsletter) -> Attachment | None:
    if newsletter.attachment is not None and newsletter.attachment_name:
        return Attachment(
            newsletter.attachment_name, newsletter.attachment_type, bytes(newsletter.attachment)
        )
    if newsletter.event_id is not None:
        event = session.get(Event, newsletter.event_id)
        if event is not None and event.cancelled_at is None:
            from colead.services.event_signup import event_attachment

            return event_attachment(event, "")
    return None


def _sender_line(session: Session, programme_id: int) -> str:
    programme = session.get(Programme, programme_id)
    region = session.get(Region, programme.region_id) if programme else None
    return _text(
        "outreach.mail.footer",
        region=region.name if region else "",
        programme=programme.name if programme else "",
    )


def _write_one(
    session: Session,
    newsletter: Newsletter,
    talent_id: int,
    attachment: Attachment | None,
    footer: str,
) -> str:
    """Claim one recipient and queue their mail; returns the state written ("" when another
    worker had it)."""
    claimed = session.exec(
        update(NewsletterRecipient)
        .where(
            col(NewsletterRecipient.newsletter_id) == newsletter.id,
            col(NewsletterRecipient.talent_id) == talent_id,
            NewsletterRecipient.state == QUEUED,
        )
        .values(state=MAILED)
    ).rowcount
    if not claimed:
        return ""
    recipient = session.get(NewsletterRecipient, (newsletter.id, talent_id))
    talent = session.exec(select(Talent).where(col(Talent.id) == talent_id, contactable())).first()
    if talent is None:
        # Unsubscribed, withdrew their consent or left since the message was scheduled.
        recipient.state, recipient.reason = SKIPPED, "not_contactable"
        session.add(recipient)
        return SKIPPED
    token = access_links.issue(session, talent.id, UNSUBSCRIBE, UNSUBSCRIBE_LIFETIME)
    unsubscribe_url = access_links.url(token, UNSUBSCRIBE)
    mail = render(
        newsletter.subject,
        newsletter.body,
        talent.name,
        footer=footer,
        unsubscribe_url=unsubscribe_url,
        unsubscribe_label=_text("outreach.mail.unsubscribe"),
    )
    try:
        row = send_mail(
            session,
            to=talent.email,
            subject=mail.subject,
            text=mail.text,
            html=mail.html,
            kind="newsletter",
            talent_id=talent.id,
            programme_id=newsletter.programme_id,
            attachment=attachment,
            delivery_id=newsletter.delivery_id,
            unsubscribe_url=unsubscribe_url,
        )
    except InputError as exc:  # an address staff typed that cannot take mail
        recipient.state, recipient.reason = SKIPPED, exc.key
        session.add(recipient)
        return SKIPPED
    recipient.mail_id = row.id
    session.add(recipient)
    return MAILED


def write_mails(url: str | None = None, batch: int = BATCH) -> tuple[int, int]:
    """Queue the personal mails of every newsletter being sent, `batch` people per
    transaction; returns (mails written, people skipped)."""
    from colead.db import session_scope

    mailed = skipped = 0
    with session_scope(url=url) as session:
        sending = session.exec(
            select(Newsletter.id).where(Newsletter.status == SENDING).order_by(col(Newsletter.id))
        ).all()
    for newsletter_id in sending:
        while True:
            with session_scope(url=url) as session:
                people = session.exec(
                    select(NewsletterRecipient.talent_id)
                    .where(
                        NewsletterRecipient.newsletter_id == newsletter_id,
                        NewsletterRecipient.state == QUEUED,
                    )
                    .order_by(col(NewsletterRecipient.talent_id))
                    .limit(batch)
                ).all()
            if not people:
                break
            with session_scope(write=True, url=url) as session:
                newsletter = session.get(Newsletter, newsletter_id)
                if newsletter is None:
                    break
                attachment = _attachment(session, newsletter)
                footer = _sender_line(session, newsletter.programme_id)
                for talent_id in people:
                    state = _write_one(session, newsletter, talent_id, attachment, footer)
                    mailed += state == MAILED
                    skipped += state == SKIPPED
    return mailed, skipped


def finish_sent(url: str | None = None) -> int:
    """Mark sent the newsletters with nothing left to do: every recipient's mail written, and
    none of them still waiting in the outbox queue (a mail left `sending` by a killed sender
    is not waited for: it shows as to be checked). Returns how many were finished."""
    from colead.db import session_scope

    waiting_mail = (
        select(NewsletterRecipient.newsletter_id)
        .join(OutboxMail, col(OutboxMail.id) == col(NewsletterRecipient.mail_id))
        .where(OutboxMail.status == QUEUED)
    )
    waiting_people = select(NewsletterRecipient.newsletter_id).where(
        NewsletterRecipient.state == QUEUED
    )
    with session_scope(write=True, url=url) as session:
        return (
            session.exec(
                update(Newsletter)
                .where(
                    Newsletter.status == SENDING,
                    col(Newsletter.id).not_in(waiting_people),
                    col(Newsletter.id).not_in(waiting_mail),
                )
                .values(status=SENT, finished_at=utcnow())
            ).rowcount
            or 0
        )


# --- chat -----------------------------------------------------------------------------------


def post_chats(url: str | None = None) -> tuple[int, int]:
    """Post started newsletters to their programme's chat channel; returns (posted, failed)."""
    from colead.db import session_scope
    from colead.services.chat_webhook import WebhookError, post_message

    with session_scope(url=url) as session:
        waiting = session.exec(
            select(Newsletter.id).where(
                col(Newsletter.status).in_([SENDING, SENT]),
                col(Newsletter.chat_status).in_(["pending", "failed"]),
                col(Newsletter.chat_attempts) < CHAT_ATTEMPTS,
            )
        ).all()
    posted = failed = 0
    for newsletter_id in waiting:
        with session_scope(write=True, url=url) as session:
            claimed = session.exec(
                update(Newsletter)
                .where(
                    col(Newsletter.id) == newsletter_id,
                    col(Newsletter.chat_status).in_(["pending", "failed"]),
                    col(Newsletter.chat_attempts) < CHAT_ATTEMPTS,
                )
                .values(chat_status="posting", chat_attempts=col(Newsletter.chat_attempts) + 1)
            ).rowcount
            if not claimed:
                continue
            newsletter = session.get(Newsletter, newsletter_id)
            programme = session.get(Programme, newsletter.programme_id) if newsletter else None
            hook = programme.chat_webhook_url if programme else ""
            title = fill_name(newsletter.subject, CHAT_NAME) if newsletter else ""
            text = fill_name(newsletter.body, CHAT_NAME) if newsletter else ""
        try:
            if not hook:
                raise WebhookError("no chat webhook is set for the programme")
            post_message(hook, title, text)
        except WebhookError as exc:
            status, error = "failed", str(exc)
        else:
            status, error = "posted", ""
        with session_scope(write=True, url=url) as session:
            session.exec(
                update(Newsletter)
                .where(col(Newsletter.id) == newsletter_id)
                .values(chat_status=status, chat_error=error)
            )
        posted += status == "posted"
        failed += status == "failed"
    return posted, failed


# --- reminders ------------------------------------------------------------------------------

_GOING = (AttendanceStatus.REGISTERED,)


def _event_reminders(session: Session, now: datetime) -> list[tuple[str, int, int]]:
    """(kind, event, person) of the reminders due: an event starting within REMIND_BEFORE, to
    everyone signed up and, for a project's meeting, to the project's members."""
    events = session.exec(
        select(Event).where(
            col(Event.cancelled_at).is_(None),
            col(Event.starts_at) > now,
            col(Event.starts_at) <= now + REMIND_BEFORE,
        )
    ).all()
    due: list[tuple[str, int, int]] = []
    for event in events:
        people = set(
            session.exec(
                select(Attendance.talent_id).where(
                    Attendance.event_id == event.id, col(Attendance.status).in_(_GOING)
                )
            ).all()
        )
        if event.project_id is not None:
            people |= set(
                session.exec(
                    select(ProjectMember.talent_id).where(
                        ProjectMember.project_id == event.project_id
                    )
                ).all()
            )
        due += [("event", event.id, person) for person in sorted(people)]
    return due


def _report_reminders(session: Session, now: datetime) -> list[tuple[str, int, int]]:
    """(kind, event, person): a project meeting held REPORT_AFTER ago or more (within
    REPORT_WITHIN) whose member has sent no report dated on or after the meeting's day."""
    meetings = session.exec(
        select(Event).where(
            col(Event.cancelled_at).is_(None),
            col(Event.project_id).is_not(None),
            col(Event.kind).in_([EventKind.MONTHLY_MEETING, EventKind.PRE_MEETING]),
            col(Event.starts_at) <= now - REPORT_AFTER,
            col(Event.starts_at) > now - REPORT_WITHIN,
        )
    ).all()
    due: list[tuple[str, int, int]] = []
    for event in meetings:
        day = to_jst(event.starts_at).date()
        missing = session.exec(
            select(ProjectMember.talent_id).where(
                ProjectMember.project_id == event.project_id,
                ~col(ProjectMember.talent_id).in_(
                    select(MeetingReport.talent_id).where(
                        MeetingReport.project_id == event.project_id,
                        col(MeetingReport.submitted_on) >= day,
                    )
                ),
            )
        ).all()
        due += [("report", event.id, person) for person in sorted(missing)]
    return due


def _remind(session: Session, kind: str, event: Event, talent: Talent, now: datetime) -> int | None:
    from colead.services.event_signup import event_attachment, when_and_where

    link = access_links.url(access_links.issue(session, talent.id, now=now))
    when, where = when_and_where(event)
    attachment = event_attachment(event, link) if kind == "event" else None
    key = f"outreach.reminder.{kind}"
    mail = send_mail(
        session,
        to=talent.email,
        subject=_text(f"{key}.subject", title=" ".join(event.title.split()), when=when),
        text=_text(
            f"{key}.body",
            name=talent.name,
            title=event.title,
            when=when,
            where=where,
            tool=event.online_tool or "—",
            day=format_datetime(event.starts_at, MAIL_LANGUAGE),
            url=link,
        ),
        kind=f"reminder_{kind}",
        talent_id=talent.id,
        programme_id=talent.programme_id,
        attachment=attachment,
    )
    return mail.id


def write_reminders(url: str | None = None, now: datetime | None = None) -> int:
    """Write each due reminder once; returns how many were written by this call."""
    from colead.db import session_scope

    now = now or utcnow()
    with session_scope(url=url) as session:
        due = _event_reminders(session, now) + _report_reminders(session, now)
    written = 0
    for kind, event_id, talent_id in due:
        try:
            with session_scope(write=True, url=url) as session:
                if session.exec(
                    select(SentReminder.id).where(
                        SentReminder.kind == kind,
                        SentReminder.event_id == event_id,
                        SentReminder.talent_id == talent_id,
                    )
                ).first():
                    continue
                talent = session.get(Talent, talent_id)
                event = session.get(Event, event_id)
                if (
                    talent is None
                    or event is None
                    or not talent.email
                    or talent.erased_at is not None
                    or talent.status == TalentStatus.WITHDRAWN
                ):
                    continue
                reminder = SentReminder(kind=kind, event_id=event_id, talent_id=talent_id)
                session.add(reminder)
                session.flush()  # a second worker's row makes this fail: nothing is written
                try:
                    reminder.mail_id = _remind(session, kind, event, talent, now)
                except InputError:
                    log.warning("no reminder to talent %s: the address cannot take mail", talent_id)
                session.add(reminder)
                written += 1
        except IntegrityError:
            continue  # another worker wrote it
    return written


def send_due(url: str | None = None) -> tuple[WorkerReport, Delivery]:
    """One run of `python -m colead send-due`: the outreach steps, the queued mail, then the
    newsletters whose mails have all gone marked sent."""
    report = run_due(url)
    sent = failed = 0
    while True:  # a newsletter's thousands of mails go in one run, a batch at a time
        batch = deliver_queued(limit=DELIVER_BATCH, url=url)
        sent, failed = sent + batch.sent, failed + batch.failed
        if batch.sent + batch.failed < DELIVER_BATCH:
            break
    finish_sent(url)
    return report, Delivery(sent, failed)
