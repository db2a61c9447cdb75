"""Newsletters (A-4 / B-4): written in the app, sent to an audience chosen with the registries'
filters, one mail per person with their own unsubscribe link.

A page only writes rows here: scheduling a message stores it with one `NewsletterRecipient` per
person (state `queued`). The worker (`services/outreach_worker.py`, run by `python -m colead
send-due` and the server's background sender) writes each person's mail and the outbox sends it
(DESIGN.md: outbound work never runs inside a page's run). Every state is in the database, so a
reload shows the progress and a crash loses nothing.

Who may receive one (`contactable`): someone still in the programme (応募 or 活動中), with an
e-mail address that has been confirmed where the public form asked for it, who has not
unsubscribed, and whose consent to be contacted stands: the registration's purpose covers the
programme's information (「イベントのご案内」), and a person who withdrew the consent given on
the application form (with no newer one) receives nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, or_
from sqlmodel import Session, col, exists, func, select, update

from colead.i18n import to_jst
from colead.models import (
    Attendance,
    AttendanceStatus,
    ConsentRecord,
    Event,
    MessageTemplate,
    Newsletter,
    NewsletterRecipient,
    OutboxMail,
    Programme,
    Project,
    ProjectMember,
    Talent,
    TalentSkill,
)
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.deliveries import REACHABLE, quiet_condition
from colead.services.errors import InputError, InvalidInput
from colead.services.mail import MAX_ATTACHMENT_NAME, Attachment
from colead.services.paging import PER_PAGE, Page, clamp

DRAFT = "draft"
SCHEDULED = "scheduled"
SENDING = "sending"
SENT = "sent"
CANCELLED = "cancelled"

QUEUED = "queued"  # a recipient whose mail is not written yet
MAILED = "mailed"
SKIPPED = "skipped"

SUBJECT_MAX = 200
BODY_MAX = 20_000
TEMPLATE_NAME_MAX = 100
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
PREVIEW_NAMES = 10

EVERYONE = "registered"  # an event's audience: everyone signed up
ABSENT = "absent"  # those signed up who did not attend


@dataclass(frozen=True)
class Audience:
    """Filters over a programme's people; an empty filter means everyone contactable."""

    skills: tuple[str, ...] = ()  # any of these talent types
    stages: tuple[str, ...] = ()  # any of these rungs of the relationship ladder
    quiet_only: bool = False  # not contacted for longer than the programme's interval
    event_id: int | None = None
    event_part: str = EVERYONE  # with event_id: everyone signed up, or only the absent
    project_members: bool = False  # members of the programme's projects

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        return cls(
            skills=tuple(data.get("skills", ())),
            stages=tuple(data.get("stages", ())),
            quiet_only=bool(data.get("quiet_only", False)),
            event_id=data.get("event_id"),
            event_part=data.get("event_part", EVERYONE),
            project_members=bool(data.get("project_members", False)),
        )


@dataclass(frozen=True)
class AudiencePreview:
    count: int
    first_names: tuple[str, ...]
    matched: int  # people the filters match, contactable or not
    excluded: dict[str, int] = field(default_factory=dict)  # reason → people left out


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    kind: str
    audience: Audience
    event_id: int | None = None  # its .ics is attached
    attachment: Attachment | None = None  # a PDF
    post_to_chat: bool = False


@dataclass(frozen=True)
class Results:
    total: int
    waiting: int  # not yet handed to the mail server
    unknown: int  # handed over when the sender stopped: not sent again, shown to admins
    sent: int
    outbox: int  # kept in the outbox (no SMTP)
    failed: int
    skipped: int
    unsubscribed_after: int

    @property
    def done(self) -> int:
        return self.sent + self.outbox + self.failed + self.skipped + self.unknown


@dataclass(frozen=True)
class NewsletterRow:
    id: int
    subject: str
    kind: str
    status: str
    send_at: datetime | None
    finished_at: datetime | None
    created_by: str
    chat_status: str
    chat_error: str
    results: Results


@dataclass(frozen=True)
class RecipientRow:
    talent_id: int
    name: str
    email: str
    state: str  # waiting, unknown, sent, outbox, failed, skipped
    reason: str  # the failure or skip reason


# --- who may be contacted --------------------------------------------------------------------


def _form_consent(withdrawn: bool) -> ColumnElement[bool]:
    return exists().where(
        col(ConsentRecord.talent_id) == col(Talent.id),
        col(ConsentRecord.purpose_id).is_not(None),
        col(ConsentRecord.withdrawn_on).is_not(None)
        if withdrawn
        else col(ConsentRecord.withdrawn_on).is_(None),
    )


def _exclusions() -> dict[str, ColumnElement[bool]]:
    """Each reason a matched person gets no newsletter, as a condition on `talent`."""
    return {
        "left": or_(col(Talent.status).not_in(REACHABLE), col(Talent.erased_at).is_not(None)),
        "no_email": col(Talent.email) == "",
        "unconfirmed": col(Talent.awaiting_confirmation).is_(True),
        "unsubscribed": col(Talent.unsubscribed_at).is_not(None),
        "no_consent": and_(_form_consent(withdrawn=True), ~_form_consent(withdrawn=False)),
    }


def contactable() -> ColumnElement[bool]:
    """The person may receive the programme's information (see the module's docstring)."""
    return and_(*(~reason for reason in _exclusions().values()))


def _audience_where(
    session: Session, actor: Actor, programme: Programme, audience: Audience, today: date
) -> list[ColumnElement[bool]]:
    from colead.services.relationships import Stage, stage_rank

    where: list[ColumnElement[bool]] = [col(Talent.programme_id) == programme.id]
    if audience.skills:
        where.append(
            exists().where(
                col(TalentSkill.talent_id) == col(Talent.id),
                col(TalentSkill.skill_type).in_(audience.skills),
            )
        )
    if audience.stages:
        try:
            ranks = sorted({Stage(s).rank for s in audience.stages})
        except ValueError as exc:
            raise InputError("outreach.error.stage") from exc
        where.append(stage_rank(actor).in_(ranks))
    if audience.quiet_only:
        where.append(quiet_condition(programme, today))
    if audience.event_id is not None:
        event = session.get(Event, audience.event_id)
        if event is None or event.programme_id != programme.id:
            raise InputError("outreach.error.event")
        statuses = (
            [AttendanceStatus.REGISTERED, AttendanceStatus.ABSENT]
            if audience.event_part == ABSENT
            else [
                AttendanceStatus.REGISTERED,
                AttendanceStatus.ATTENDED,
                AttendanceStatus.ABSENT,
            ]
        )
        if audience.event_part == ABSENT and event.starts_at > utcnow():
            raise InputError("outreach.error.event_not_held")
        where.append(
            exists().where(
                col(Attendance.talent_id) == col(Talent.id),
                col(Attendance.event_id) == event.id,
                col(Attendance.status).in_(statuses),
            )
        )
    if audience.project_members:
        where.append(
            col(Talent.id).in_(
                select(ProjectMember.talent_id)
                .join(Project, col(Project.id) == col(ProjectMember.project_id))
                .where(Project.programme_id == programme.id)
            )
        )
    return where


def audience_preview(
    session: Session, actor: Actor, programme_id: int, audience: Audience, today: date
) -> AudiencePreview:
    """How many the message would reach, the first names, and who is left out and why."""
    programme = require_programme(session, actor, programme_id)
    where = _audience_where(session, actor, programme, audience, today)
    reasons = _exclusions()
    counts = session.exec(
        select(
            func.count(),
            *(func.coalesce(func.sum(case((c, 1), else_=0)), 0) for c in reasons.values()),
        )
        .select_from(Talent)
        .where(*where)
    ).one()
    matched = int(counts[0])
    names = session.exec(
        select(Talent.name)
        .where(*where, contactable())
        .order_by(col(Talent.name), col(Talent.id))
        .limit(PREVIEW_NAMES)
    ).all()
    count = session.exec(
        select(func.count()).select_from(Talent).where(*where, contactable())
    ).one()
    excluded = {reason: int(n) for reason, n in zip(reasons, counts[1:], strict=True) if int(n)}
    return AudiencePreview(int(count), tuple(names), matched, excluded)


# --- writing and scheduling --------------------------------------------------------------


def _check(session: Session, programme: Programme, draft: Draft) -> None:
    errors: list[InputError] = []
    subject = draft.subject.strip()
    if not subject:
        errors.append(InputError("outreach.error.subject_required"))
    elif len(subject) > SUBJECT_MAX:
        errors.append(InputError("outreach.error.subject_too_long", maximum=SUBJECT_MAX))
    elif "\n" in subject or "\r" in subject:
        errors.append(InputError("mail.header_newline"))
    if not draft.body.strip():
        errors.append(InputError("outreach.error.body_required"))
    elif len(draft.body) > BODY_MAX:
        errors.append(InputError("outreach.error.body_too_long", maximum=BODY_MAX))
    if not draft.kind.strip():
        errors.append(InputError("outreach.error.kind_required"))
    elif len(draft.kind.strip()) > 50:
        errors.append(InputError("outreach.error.kind_too_long", maximum=50))
    if draft.event_id is not None:
        event = session.get(Event, draft.event_id)
        if event is None or event.programme_id != programme.id:
            errors.append(InputError("outreach.error.event"))
    if draft.attachment is not None and draft.event_id is not None:
        errors.append(InputError("outreach.error.one_attachment"))
    elif draft.attachment is not None:
        if len(draft.attachment.data) > ATTACHMENT_MAX_BYTES:
            errors.append(InputError("outreach.error.attachment_too_large", megabytes=5))
        elif not draft.attachment.data.startswith(b"%PDF-"):
            errors.append(InputError("outreach.error.attachment_not_pdf"))
    if draft.post_to_chat and not programme.chat_webhook_url:
        errors.append(InputError("outreach.error.no_chat"))
    if errors:
        raise InvalidInput(errors)


def schedule(
    session: Session,
    actor: Actor,
    programme_id: int,
    draft: Draft,
    *,
    send_at: datetime | None = None,
    today: date | None = None,
) -> Newsletter:
    """Store the message for the worker to send at `send_at` (now when None), with its
    audience as it is now: one queued recipient per contactable person."""
    programme = require_programme(session, actor, programme_id, write=True)
    now = utcnow()
    today = today or to_jst(now).date()
    _check(session, programme, draft)
    if send_at is not None and send_at.tzinfo is None:
        raise InputError("outreach.error.send_at")
    where = _audience_where(session, actor, programme, draft.audience, today)
    people = session.exec(select(Talent.id).where(*where, contactable())).all()
    if not people:
        raise InputError("outreach.error.no_recipients")
    newsletter = Newsletter(
        programme_id=programme.id,
        subject=draft.subject.strip(),
        body=draft.body,
        kind=draft.kind.strip(),
        audience=draft.audience.to_json(),
        status=SCHEDULED,
        send_at=max(send_at, now) if send_at is not None else now,
        created_by=actor.username,
        event_id=draft.event_id,
        chat_status="pending" if draft.post_to_chat else "",
    )
    if draft.attachment is not None:
        newsletter.attachment_name = draft.attachment.filename[:MAX_ATTACHMENT_NAME]
        newsletter.attachment_type = "application/pdf"
        newsletter.attachment = draft.attachment.data
    session.add(newsletter)
    session.flush()
    session.add_all(
        NewsletterRecipient(newsletter_id=newsletter.id, talent_id=person) for person in people
    )
    audit.record(
        session,
        actor.username,
        "newsletter.schedule",
        target=f"newsletter:{newsletter.id}",
        region_id=programme.region_id,
        detail=f"{len(people)} recipients",
    )
    return newsletter


def _own(session: Session, actor: Actor, newsletter_id: int, *, write: bool = False) -> Newsletter:
    newsletter = session.get(Newsletter, newsletter_id)
    if newsletter is None:
        raise InputError("outreach.error.not_found")
    require_programme(session, actor, newsletter.programme_id, write=write)
    return newsletter


def cancel(session: Session, actor: Actor, newsletter_id: int) -> None:
    """Call off a message that has not started; one being sent cannot be called back."""
    newsletter = _own(session, actor, newsletter_id, write=True)
    stopped = session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id, Newsletter.status == SCHEDULED)
        .values(status=CANCELLED, finished_at=utcnow())
    ).rowcount
    if not stopped:
        raise InputError("outreach.error.already_started")
    audit.record(session, actor.username, "newsletter.cancel", target=f"newsletter:{newsletter.id}")


def retry_chat(session: Session, actor: Actor, newsletter_id: int) -> None:
    """Post a message whose chat post failed once more (the worker does it on its next run)."""
    _own(session, actor, newsletter_id, write=True)
    session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id, Newsletter.chat_status == "failed")
        .values(chat_status="pending", chat_attempts=0)
    )


def set_chat_webhook(session: Session, actor: Actor, programme_id: int, url: str) -> None:
    """The programme's chat channel (a Slack/Teams incoming-webhook URL; "" for none)."""
    from colead.services.chat_webhook import check_webhook_url

    programme = require_programme(session, actor, programme_id, write=True)
    programme.chat_webhook_url = check_webhook_url(url)
    session.add(programme)
    audit.record(
        session,
        actor.username,
        "programme.chat_webhook",
        target=f"programme:{programme.id}",
        region_id=programme.region_id,
        detail="set" if programme.chat_webhook_url else "removed",
    )


# --- results ---------------------------------------------------------------------------------


def _state() -> ColumnElement[str]:
    """A recipient's state as a person reads it, from their row and their mail's row."""
    return case(
        (NewsletterRecipient.state == QUEUED, "waiting"),
        (NewsletterRecipient.state == SKIPPED, "skipped"),
        (col(OutboxMail.status) == "queued", "waiting"),
        (col(OutboxMail.status) == "sending", "unknown"),
        (col(OutboxMail.status) == "sent", "sent"),
        (col(OutboxMail.status) == "outbox", "outbox"),
        else_="failed",
    )


def results(session: Session, newsletter_ids: list[int]) -> dict[int, Results]:
    """Per message: how many are waiting, sent, failed, skipped, and unsubscribed since."""
    if not newsletter_ids:
        return {}
    state = _state()
    rows = session.exec(
        select(NewsletterRecipient.newsletter_id, state, func.count())
        .join(OutboxMail, col(OutboxMail.id) == col(NewsletterRecipient.mail_id), isouter=True)
        .where(col(NewsletterRecipient.newsletter_id).in_(newsletter_ids))
        .group_by(NewsletterRecipient.newsletter_id, state)
    ).all()
    counts: dict[int, dict[str, int]] = {i: {} for i in newsletter_ids}
    for newsletter_id, name, n in rows:
        counts[newsletter_id][name] = int(n)
    left = dict(
        session.exec(
            select(NewsletterRecipient.newsletter_id, func.count())
            .join(Newsletter, col(Newsletter.id) == col(NewsletterRecipient.newsletter_id))
            .join(Talent, col(Talent.id) == col(NewsletterRecipient.talent_id))
            .where(
                col(NewsletterRecipient.newsletter_id).in_(newsletter_ids),
                NewsletterRecipient.state == MAILED,
                col(Talent.unsubscribed_at) > col(Newsletter.send_at),
            )
            .group_by(NewsletterRecipient.newsletter_id)
        ).all()
    )
    return {
        i: Results(
            total=sum(c.values()),
            waiting=c.get("waiting", 0),
            unknown=c.get("unknown", 0),
            sent=c.get("sent", 0),
            outbox=c.get("outbox", 0),
            failed=c.get("failed", 0),
            skipped=c.get("skipped", 0),
            unsubscribed_after=int(left.get(i, 0)),
        )
        for i, c in counts.items()
    }


def list_newsletters(
    session: Session, actor: Actor, programme_id: int, page: int = 1, per_page: int = PER_PAGE
) -> Page[NewsletterRow]:
    """The programme's messages, newest first, each with its results."""
    require_programme(session, actor, programme_id)
    where = Newsletter.programme_id == programme_id
    total = session.exec(select(func.count()).select_from(Newsletter).where(where)).one()
    page = clamp(page, total, per_page)
    letters = session.exec(
        select(Newsletter)
        .where(where)
        .order_by(col(Newsletter.created_at).desc(), col(Newsletter.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    found = results(session, [n.id for n in letters])
    rows = [
        NewsletterRow(
            n.id,
            n.subject,
            n.kind,
            n.status,
            n.send_at,
            n.finished_at,
            n.created_by,
            n.chat_status,
            n.chat_error,
            found[n.id],
        )
        for n in letters
    ]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def recipients(
    session: Session, actor: Actor, newsletter_id: int, page: int = 1, per_page: int = PER_PAGE
) -> Page[RecipientRow]:
    """Who a message went to and what became of each mail."""
    _own(session, actor, newsletter_id)
    where = NewsletterRecipient.newsletter_id == newsletter_id
    total = session.exec(select(func.count()).select_from(NewsletterRecipient).where(where)).one()
    page = clamp(page, total, per_page)
    rows = session.exec(
        select(
            Talent.id,
            Talent.name,
            Talent.email,
            _state(),
            NewsletterRecipient.reason,
            func.coalesce(OutboxMail.error, ""),
        )
        .join(NewsletterRecipient, col(NewsletterRecipient.talent_id) == col(Talent.id))
        .join(OutboxMail, col(OutboxMail.id) == col(NewsletterRecipient.mail_id), isouter=True)
        .where(where)
        .order_by(col(Talent.name), col(Talent.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(
        rows=[
            RecipientRow(i, name, email, state, error if state == "failed" else reason)
            for i, name, email, state, reason, error in rows
        ],
        total=total,
        page=page,
        per_page=per_page,
    )


def sending_now(session: Session, actor: Actor, programme_id: int) -> bool:
    """Whether a message of the programme is still on its way (the page then refreshes)."""
    require_programme(session, actor, programme_id)
    return bool(
        session.exec(
            select(func.count())
            .select_from(Newsletter)
            .where(
                Newsletter.programme_id == programme_id,
                col(Newsletter.status).in_([SCHEDULED, SENDING]),
                col(Newsletter.send_at) <= utcnow(),
            )
        ).one()
    )


@dataclass(frozen=True)
class Channels:
    """A programme's outreach settings: its contact interval and its chat webhook."""

    contact_interval_days: int
    chat_webhook_url: str


def channels(session: Session, actor: Actor, programme_id: int) -> Channels:
    programme = require_programme(session, actor, programme_id)
    return Channels(programme.contact_interval_days, programme.chat_webhook_url)


def event_choices(session: Session, actor: Actor, programme_id: int) -> dict[int, str]:
    """The programme's events not called off, newest first, as "2026年11月24日 タイトル"."""
    from colead.i18n import format_date

    require_programme(session, actor, programme_id)
    events = session.exec(
        select(Event.id, Event.title, Event.starts_at)
        .where(Event.programme_id == programme_id, col(Event.cancelled_at).is_(None))
        .order_by(col(Event.starts_at).desc(), col(Event.id).desc())
    ).all()
    return {i: f"{format_date(to_jst(at).date())}　{title}" for i, title, at in events}


# --- templates ------------------------------------------------------------------------------


def templates(session: Session, actor: Actor, programme_id: int) -> list[MessageTemplate]:
    require_programme(session, actor, programme_id)
    return list(
        session.exec(
            select(MessageTemplate)
            .where(MessageTemplate.programme_id == programme_id)
            .order_by(col(MessageTemplate.name))
        )
    )


def save_template(
    session: Session, actor: Actor, programme_id: int, name: str, subject: str, body: str, kind: str
) -> MessageTemplate:
    """Keep what is sent often under a name (the same name replaces the earlier text)."""
    require_programme(session, actor, programme_id, write=True)
    name = name.strip()
    errors: list[InputError] = []
    if not name:
        errors.append(InputError("outreach.error.template_name"))
    elif len(name) > TEMPLATE_NAME_MAX:
        errors.append(InputError("outreach.error.template_name_too_long", maximum=100))
    if not subject.strip() or not body.strip():
        errors.append(InputError("outreach.error.template_empty"))
    elif len(subject.strip()) > SUBJECT_MAX or len(body) > BODY_MAX:
        errors.append(InputError("outreach.error.body_too_long", maximum=BODY_MAX))
    if errors:
        raise InvalidInput(errors)
    template = session.exec(
        select(MessageTemplate).where(
            MessageTemplate.programme_id == programme_id, MessageTemplate.name == name
        )
    ).first() or MessageTemplate(programme_id=programme_id, name=name, subject="")
    template.subject, template.body, template.kind = subject.strip(), body, kind.strip()[:50]
    session.add(template)
    session.flush()
    return template


def delete_template(session: Session, actor: Actor, template_id: int) -> None:
    template = session.get(MessageTemplate, template_id)
    if template is None:
        return
    require_programme(session, actor, template.programme_id, write=True)
    session.delete(template)


STARTER_TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    (
        "ミートアップのご案内",
        "【ご案内】{地域}ミートアップイベントを開催します",
        "{氏名} 様\n\n"
        "いつもふるさとCo-LEADプログラムにご関心をお寄せいただき、ありがとうございます。\n\n"
        "オンラインのミートアップイベントを開催します。地域の魅力や地域中小企業の取組を"
        "ご紹介し、参加者の皆さまと意見交換を行います。\n\n"
        "- 日時：\n- 開催方法：\n- 内容：\n\n"
        "添付のカレンダーファイルで予定に登録できます。ぜひご参加ください。",
        "イベント情報",
    ),
    (
        "フィールドワークツアーのご案内",
        "【参加者募集】フィールドワークツアーのご案内",
        "{氏名} 様\n\n"
        "地域中小企業を訪問し、経営者と直接話し合うフィールドワークツアーを実施します。\n\n"
        "- 日程：\n- 訪問先：\n- 申込締切：\n\n"
        "地域や地域中小企業からの期待をお伝えしたく、ぜひご参加をご検討ください。",
        "イベント情報",
    ),
    (
        "月次ニュース",
        "【月次ニュース】地域からのお知らせ",
        "{氏名} 様\n\n今月の地域の話題をお届けします。\n\n"
        "## 観光情報\n\n\n## 地域の時事ネタ\n\n\n## 産業に関するニュース\n\n",
        "地域の時事ネタ",
    ),
)


def starter_templates(region_name: str) -> list[tuple[str, str, str, str]]:
    """The templates a programme starts with, the region's name filled in."""
    return [
        (name, subject.replace("{地域}", region_name), body, kind)
        for name, subject, body, kind in STARTER_TEMPLATES
    ]


def seed_templates(session: Session, actor: Actor, programme_id: int) -> int:
    """Add the starter templates a programme does not have yet; returns how many."""
    programme = require_programme(session, actor, programme_id, write=True)
    from colead.models import Region

    region = session.get(Region, programme.region_id)
    have = {t.name for t in templates(session, actor, programme_id)}
    added = 0
    for name, subject, body, kind in starter_templates(region.name if region else ""):
        if name not in have:
            save_template(session, actor, programme_id, name, subject, body, kind)
            added += 1
    return added


# --- the public unsubscribe link --------------------------------------------------------------

UNSUBSCRIBE = "unsubscribe"  # the purpose of the link in every newsletter


@dataclass(frozen=True)
class Subscription:
    name: str
    programme: str
    unsubscribed: bool


def subscription(session: Session, token: object) -> Subscription | None:
    """Whose newsletters a link stops, or None for a link that does not work."""
    from colead.services import access_links

    talent = access_links.resolve(session, token, UNSUBSCRIBE)
    if talent is None:
        return None
    programme = session.get(Programme, talent.programme_id)
    return Subscription(
        talent.name, programme.name if programme else "", talent.unsubscribed_at is not None
    )


def set_subscribed(session: Session, token: object, subscribed: bool) -> bool:
    """Stop (or resume) the person's newsletters by their link; False for a dead link."""
    from colead.services import access_links, own_page

    talent = access_links.resolve(session, token, UNSUBSCRIBE)
    if talent is None:
        return False
    if subscribed:
        own_page.resubscribe(session, talent)
    else:
        own_page.unsubscribe(session, talent)
    return True
