"""本人ページ (#12): what a person sees and does on their own page, opened by a mailed link.

The page belongs to the one person its link names (`access_links.resolve`): their sign-ups
for events, the programme's open events, their projects with milestones and their meeting
reports, their consents with the purpose text they read, a download of everything held about
them (APPI 開示), a request to be erased, and unsubscribing from mail. Nothing here takes a
person id from the visitor: every function is given the Talent the link resolved to, in the
same transaction, and reads or changes only that person's records.

A new link is asked for by e-mail address (`request_link`): the answer never says whether the
address is known.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, SQLModel, col, func, select

from colead.config import get_settings
from colead.i18n import format_datetime, to_jst, translate
from colead.models import (
    AccessToken,
    Attendance,
    AttendanceStatus,
    AuditLog,
    Certificate,
    Company,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    Incentive,
    InformationDelivery,
    MeetingReport,
    Milestone,
    OutboxMail,
    Programme,
    Project,
    ProjectMember,
    PurposeText,
    Role,
    Talent,
    TalentSkill,
)
from colead.models.base import utcnow
from colead.services import access_links, audit, event_signup, relationships
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError
from colead.services.event_signup import PublicEvent
from colead.services.form_limits import allow
from colead.services.projects import SUMMARY_MAX

LINK_FORM = "me_link"
LINK_PER_ADDRESS = 5  # link requests an hour from one client address
LINK_PER_EMAIL = 3  # … and for one e-mail address
REPORT_PART_MAX = 2_000  # what was discussed; the next steps
SHARE_SCOPE = "他の自治体のプログラムへのプロフィール共有"  # the consent the design names
MAIL_LANGUAGE = "ja"


@dataclass(frozen=True)
class MyRegistration:
    event_id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    online_tool: str
    agenda: str
    status: str
    event_cancelled: bool
    waitlist_position: int | None
    may_cancel: bool


@dataclass(frozen=True)
class MyMilestone:
    id: int
    kind: str
    title: str
    due_on: date
    done_on: date | None


@dataclass(frozen=True)
class MyProject:
    id: int
    company: str
    theme: str
    starts_on: date
    ends_on: date | None
    milestones: tuple[MyMilestone, ...]


@dataclass(frozen=True)
class MyReport:
    id: int
    project_id: int
    company: str
    theme: str
    met_on: date
    summary: str
    milestone: str


@dataclass(frozen=True)
class MyConsent:
    id: int
    scope: str
    granted_on: date
    withdrawn_on: date | None
    purpose: str  # the purpose text the person read, when given on a public form
    purpose_version: int | None


@dataclass(frozen=True)
class OwnPage:
    name: str
    email: str
    programme: str
    registrations: tuple[MyRegistration, ...]
    open_events: tuple[PublicEvent, ...]  # the programme's open events they have not joined
    projects: tuple[MyProject, ...]
    reports: tuple[MyReport, ...]
    consents: tuple[MyConsent, ...]
    grantable: tuple[str, ...]  # scopes they may consent to now
    purpose: str  # the programme's current purpose text
    unsubscribed: bool
    erasure_requested: bool


# --- who the link opens ---------------------------------------------------------------------


def person(session: Session, token: object, now: datetime | None = None) -> Talent | None:
    """The person the link opens, or None (unknown, expired, revoked, erased, not a token)."""
    return access_links.resolve(session, token, now=now)


def open_page(session: Session, token: object, now: datetime | None = None) -> Talent | None:
    """The person, confirming their application when it awaited the mailed link (a write)."""
    talent = person(session, token, now)
    if talent is not None and talent.awaiting_confirmation:
        _confirm(session, talent)
    return talent


def _confirm(session: Session, talent: Talent) -> None:
    from colead.services.public_apply import confirm

    confirm(session, talent)


def _self_actor(session: Session, talent: Talent) -> Actor:
    """The person acting on their own records, as the audited services take an actor: allowed
    their own programme only, and named `self:<id>` in the audit log."""
    programme = session.get(Programme, talent.programme_id)
    if programme is None:
        raise AccessDenied("no programme")
    return Actor(
        user_id=0,
        username=self_name(talent),
        display_name=talent.name,
        role=Role.STAFF,
        region_ids=frozenset({programme.region_id}),
    )


def self_name(talent: Talent) -> str:
    """How the audit log names the person acting on their own page."""
    return f"self:{talent.id}"


def _region(session: Session, talent: Talent) -> int | None:
    programme = session.get(Programme, talent.programme_id)
    return programme.region_id if programme else None


# --- what the page shows --------------------------------------------------------------------


def page(session: Session, talent: Talent, now: datetime | None = None) -> OwnPage:
    now = now or utcnow()
    programme = session.get(Programme, talent.programme_id)
    registrations = _registrations(session, talent, now)
    joined = {r.event_id for r in registrations if r.status != AttendanceStatus.CANCELLED}
    open_events = [
        e
        for e in event_signup.as_public(
            session, event_signup.open_events(session, talent.programme_id, now)
        )
        if e.id not in joined
    ]
    consents = _consents(session, talent)
    purpose = event_signup.purpose_text(session, talent.programme_id)
    return OwnPage(
        name=talent.name,
        email=talent.email,
        programme=programme.name if programme else "",
        registrations=tuple(registrations),
        open_events=tuple(open_events),
        projects=tuple(_projects(session, talent)),
        reports=tuple(_reports(session, talent)),
        consents=tuple(consents),
        grantable=tuple(grantable_scopes(session, talent)),
        purpose=purpose.text if purpose else "",
        unsubscribed=talent.unsubscribed_at is not None,
        erasure_requested=talent.erasure_requested_at is not None,
    )


def _registrations(session: Session, talent: Talent, now: datetime) -> list[MyRegistration]:
    rows = session.exec(
        select(Event, Attendance)
        .join(Attendance, col(Attendance.event_id) == col(Event.id))
        .where(Attendance.talent_id == talent.id, Event.programme_id == talent.programme_id)
        .order_by(col(Event.starts_at).desc(), col(Event.id))
    ).all()
    result = []
    for event, row in rows:
        upcoming = event_signup.stored_moment(event.starts_at) > now
        result.append(
            MyRegistration(
                event_id=event.id,
                kind=event.kind,
                title=event.title,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                place=event.place,
                online_tool=event.online_tool,
                agenda=event.agenda,
                status=row.status,
                event_cancelled=event.cancelled_at is not None,
                waitlist_position=event_signup.waitlist_position(session, event.id, talent.id)
                if row.status == AttendanceStatus.WAITLISTED
                else None,
                may_cancel=upcoming
                and event.kind in event_signup.PUBLIC_KINDS
                and event.cancelled_at is None
                and row.status in (AttendanceStatus.REGISTERED, AttendanceStatus.WAITLISTED),
            )
        )
    return result


def _projects(session: Session, talent: Talent) -> list[MyProject]:
    projects = session.exec(
        select(Project, Company.name)
        .join(ProjectMember, col(ProjectMember.project_id) == col(Project.id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(ProjectMember.talent_id == talent.id, Project.programme_id == talent.programme_id)
        .order_by(col(Project.starts_on).desc(), col(Project.id))
    ).all()
    ids = [p.id for p, _ in projects]
    milestones: dict[int, list[MyMilestone]] = {}
    if ids:
        for m in session.exec(
            select(Milestone)
            .where(col(Milestone.project_id).in_(ids))
            .order_by(col(Milestone.due_on), col(Milestone.id))
        ):
            milestones.setdefault(m.project_id, []).append(
                MyMilestone(m.id, m.kind, m.title, m.due_on, m.done_on)
            )
    return [
        MyProject(p.id, company, p.theme, p.starts_on, p.ends_on, tuple(milestones.get(p.id, [])))
        for p, company in projects
    ]


def _reports(session: Session, talent: Talent) -> list[MyReport]:
    rows = session.exec(
        select(MeetingReport, Project.theme, Company.name, Milestone.title)
        .join(Project, col(Project.id) == col(MeetingReport.project_id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .outerjoin(Milestone, col(Milestone.id) == col(MeetingReport.milestone_id))
        .where(MeetingReport.talent_id == talent.id)
        .order_by(col(MeetingReport.submitted_on).desc(), col(MeetingReport.id).desc())
    ).all()
    return [
        MyReport(r.id, r.project_id, company, theme, r.submitted_on, r.summary, milestone or "")
        for r, theme, company, milestone in rows
    ]


def _consents(session: Session, talent: Talent) -> list[MyConsent]:
    rows = session.exec(
        select(ConsentRecord, PurposeText.text, PurposeText.version)
        .outerjoin(PurposeText, col(PurposeText.id) == col(ConsentRecord.purpose_id))
        .where(ConsentRecord.talent_id == talent.id)
        .order_by(col(ConsentRecord.granted_on).desc(), col(ConsentRecord.id).desc())
    ).all()
    return [
        MyConsent(c.id, c.scope, c.granted_on, c.withdrawn_on, text or "", version)
        for c, text, version in rows
    ]


def grantable_scopes(session: Session, talent: Talent) -> list[str]:
    """What the person may consent to now: sharing their profile (the design's consent), the
    scopes the programme asks its people about, and any they withdrew — less those in force."""
    programme_scopes = session.exec(
        select(ConsentRecord.scope)
        .join(Talent, col(Talent.id) == col(ConsentRecord.talent_id))
        .where(Talent.programme_id == talent.programme_id)
        .distinct()
    ).all()
    own = session.exec(select(ConsentRecord).where(ConsentRecord.talent_id == talent.id)).all()
    active = {c.scope for c in own if c.withdrawn_on is None}
    scopes = dict.fromkeys([SHARE_SCOPE, *sorted(programme_scopes), *(c.scope for c in own)])
    return [s for s in scopes if s not in active]


# --- events ---------------------------------------------------------------------------------


def sign_up(
    session: Session, talent: Talent, event_id: int, now: datetime | None = None
) -> AttendanceStatus:
    return event_signup.sign_up(session, event_id, talent.id, now)


def cancel(session: Session, talent: Talent, event_id: int, now: datetime | None = None) -> bool:
    return event_signup.cancel(session, event_id, talent.id, now)


# --- reports --------------------------------------------------------------------------------


def report_summary(discussed: str, next_steps: str) -> str:
    """How a report from the own page reads on the project: what was discussed, next steps."""
    parts = [f"{translate('me.report.discussed_heading', MAIL_LANGUAGE)}\n{discussed}"]
    if next_steps:
        parts.append(f"{translate('me.report.next_heading', MAIL_LANGUAGE)}\n{next_steps}")
    return "\n\n".join(parts)


def submit_report(
    session: Session,
    talent: Talent,
    project_id: object,
    met_on: object,
    discussed: object,
    next_steps: object,
    milestone_id: object = None,
    now: datetime | None = None,
) -> MeetingReport:
    """A report after a meeting with the project's company, by the person, on a project they
    are a member of (optionally about one of its milestones: a monthly meeting, the interim or
    final report). It lands on the project as a meeting report by that member."""
    now = now or utcnow()
    if not isinstance(project_id, int) or isinstance(project_id, bool):
        raise InputError("me.error.project")
    project = session.get(Project, project_id)
    if (
        project is None
        or project.programme_id != talent.programme_id
        or session.get(ProjectMember, (project_id, talent.id)) is None
    ):
        raise InputError("me.error.project")
    if not isinstance(met_on, date) or isinstance(met_on, datetime):
        raise InputError("me.error.met_on")
    if met_on > to_jst(now).date():
        raise InputError("me.error.met_on_future")
    discussed = discussed.strip() if isinstance(discussed, str) else ""
    next_steps = next_steps.strip() if isinstance(next_steps, str) else ""
    if not discussed:
        raise InputError("me.error.discussed")
    if len(discussed) > REPORT_PART_MAX or len(next_steps) > REPORT_PART_MAX:
        raise InputError("me.error.too_long", maximum=REPORT_PART_MAX)
    milestone = None
    if milestone_id is not None:
        milestone = session.get(Milestone, milestone_id) if isinstance(milestone_id, int) else None
        if milestone is None or milestone.project_id != project_id:
            raise InputError("me.error.milestone")
    summary = report_summary(discussed, next_steps)[:SUMMARY_MAX]
    report = MeetingReport(
        project_id=project_id,
        talent_id=talent.id,
        milestone_id=milestone.id if milestone else None,
        submitted_on=met_on,
        summary=summary,
    )
    session.add(report)
    session.flush()
    audit.record(
        session,
        self_name(talent),
        "report.submit",
        target=f"project:{project_id}",
        region_id=_region(session, talent),
        detail=f"report {report.id}",
    )
    return report


# --- consents -------------------------------------------------------------------------------


def grant_consent(
    session: Session, talent: Talent, scope: object, now: datetime | None = None
) -> ConsentRecord:
    """The person consents to one of `grantable_scopes`, having read the programme's current
    purpose text: recorded (and audited) by relationships.grant_consent, the one path."""
    now = now or utcnow()
    if not isinstance(scope, str) or scope not in grantable_scopes(session, talent):
        raise InputError("me.error.scope")
    purpose = event_signup.purpose_text(session, talent.programme_id)
    return relationships.grant_consent(
        session,
        _self_actor(session, talent),
        talent.id,
        scope,
        to_jst(now).date(),
        purpose_id=purpose.id if purpose else None,
        granted_at=now,
    )


def withdraw_consent(
    session: Session, talent: Talent, consent_id: object, now: datetime | None = None
) -> ConsentRecord:
    """The person withdraws one of their consents (relationships.revoke_consent, audited)."""
    now = now or utcnow()
    consent = session.get(ConsentRecord, consent_id) if isinstance(consent_id, int) else None
    if consent is None or consent.talent_id != talent.id:
        raise InputError("me.error.consent")
    return relationships.revoke_consent(
        session,
        _self_actor(session, talent),
        consent.id,
        max(to_jst(now).date(), consent.granted_on),
    )


# --- the person's data, erasure, unsubscribing ----------------------------------------------


def _dump(row: SQLModel, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    values = row.model_dump()
    for name in leave_out:
        values.pop(name, None)
    return {k: v for k, v in values.items() if not isinstance(v, bytes | bytearray | memoryview)}


def data_export(session: Session, talent: Talent, now: datetime | None = None) -> bytes:
    """Everything held about the person, as one JSON file (APPI 開示): their record and skills,
    consents with the purpose texts, event sign-ups and attendance, projects, reports,
    information and mails sent to them, incentives, certificates, links issued, and the log of
    who viewed or changed their data. The disclosure itself is written to the audit log."""
    now = now or utcnow()
    tid = talent.id
    programme = session.get(Programme, talent.programme_id)
    events = session.exec(
        select(Attendance, Event)
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(Attendance.talent_id == tid)
        .order_by(col(Event.starts_at))
    ).all()
    projects = session.exec(
        select(ProjectMember, Project, Company.name)
        .join(Project, col(Project.id) == col(ProjectMember.project_id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(ProjectMember.talent_id == tid)
    ).all()
    deliveries = session.exec(
        select(InformationDelivery)
        .join(DeliveryRecipient, col(DeliveryRecipient.delivery_id) == col(InformationDelivery.id))
        .where(DeliveryRecipient.talent_id == tid)
        .order_by(col(InformationDelivery.sent_on))
    ).all()
    mails = session.exec(
        select(OutboxMail)
        .where(
            or_(
                col(OutboxMail.talent_id) == tid,
                *([col(OutboxMail.to_address) == talent.email] if talent.email else []),
            )
        )
        .order_by(col(OutboxMail.created_at))
    ).all()
    audit_rows = session.exec(
        select(AuditLog.at, AuditLog.action)
        .where(AuditLog.target == f"talent:{tid}")
        .order_by(col(AuditLog.at))
    ).all()
    content = {
        "exported_at": now.isoformat(),
        "about": translate("me.export.about", MAIL_LANGUAGE),
        "programme": programme.name if programme else "",
        "person": _dump(talent),
        "skills": [
            s.skill_type
            for s in session.exec(select(TalentSkill).where(TalentSkill.talent_id == tid))
        ],
        "consents": [{**asdict(c), "purpose": c.purpose} for c in _consents(session, talent)],
        "events": [
            {
                **_dump(a, ("id", "talent_id")),
                "title": e.title,
                "kind": e.kind,
                "starts_at": e.starts_at,
                "ends_at": e.ends_at,
                "place": e.place,
                "online_tool": e.online_tool,
            }
            for a, e in events
        ],
        "projects": [
            {**_dump(m, ("talent_id",)), "company": company, "theme": p.theme}
            for m, p, company in projects
        ],
        "reports": [asdict(r) for r in _reports(session, talent)],
        "information_received": [_dump(d) for d in deliveries],
        "mails": [_dump(m, ("body_html",)) for m in mails],
        "incentives": [
            _dump(i) for i in session.exec(select(Incentive).where(Incentive.talent_id == tid))
        ],
        "certificates": [
            _dump(c) for c in session.exec(select(Certificate).where(Certificate.talent_id == tid))
        ],
        "links": [
            _dump(a, ("token_hash", "talent_id"))
            for a in session.exec(select(AccessToken).where(AccessToken.talent_id == tid))
        ],
        "log": [{"at": at, "action": action} for at, action in audit_rows],
    }
    data = json.dumps(content, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    audit.record(
        session,
        self_name(talent),
        "talent.data_export",
        target=f"talent:{tid}",
        region_id=_region(session, talent),
        detail=f"{len(data)} bytes",
    )
    return data


def request_erasure(session: Session, talent: Talent, now: datetime | None = None) -> None:
    """The person asks to be erased: recorded for staff to act on (once; asking again keeps
    the first request's date)."""
    if talent.erasure_requested_at is None:
        talent.erasure_requested_at = now or utcnow()
        session.add(talent)
        audit.record(
            session,
            self_name(talent),
            "talent.erasure_request",
            target=f"talent:{talent.id}",
            region_id=_region(session, talent),
        )


def unsubscribe(session: Session, talent: Talent, now: datetime | None = None) -> None:
    """No more information mails (mails about their own sign-ups and links still come)."""
    if talent.unsubscribed_at is None:
        talent.unsubscribed_at = now or utcnow()
        session.add(talent)
        audit.record(
            session,
            self_name(talent),
            "talent.unsubscribe",
            target=f"talent:{talent.id}",
            region_id=_region(session, talent),
        )


def resubscribe(session: Session, talent: Talent) -> None:
    if talent.unsubscribed_at is not None:
        talent.unsubscribed_at = None
        session.add(talent)
        audit.record(
            session,
            self_name(talent),
            "talent.resubscribe",
            target=f"talent:{talent.id}",
            region_id=_region(session, talent),
        )


# --- the calendar link ----------------------------------------------------------------------

CALENDAR = "calendar"
CALENDAR_LIFETIME = timedelta(days=400)  # a programme year and a little more


def calendar_url(token: str) -> str:
    """The feed's address; calendars poll it (`webcal://` for one-click subscription)."""
    return f"{get_settings().public_url}/calendar/{token}.ics"


def new_calendar_link(session: Session, talent: Talent, now: datetime | None = None) -> str:
    """A new calendar link for the person; every earlier one stops working."""
    now = now or utcnow()
    access_links.revoke(session, talent.id, CALENDAR, now)
    token = access_links.issue(session, talent.id, CALENDAR, CALENDAR_LIFETIME, now)
    audit.record(
        session,
        self_name(talent),
        "talent.calendar_link",
        target=f"talent:{talent.id}",
        region_id=_region(session, talent),
    )
    return calendar_url(token)


def stop_calendar_links(session: Session, talent: Talent, now: datetime | None = None) -> int:
    return access_links.revoke(session, talent.id, CALENDAR, now)


def calendar_feed(session: Session, token: object) -> bytes | None:
    """The calendar behind a link, or None for a link that does not work."""
    from colead.services.calendar_ics import person_calendar

    if isinstance(token, str) and token.endswith(".ics"):
        token = token[: -len(".ics")]
    talent = access_links.resolve(session, token, CALENDAR)
    return None if talent is None else person_calendar(session, talent.id)


# --- a new link -----------------------------------------------------------------------------


def request_link(
    session: Session, email: object, address: str, now: datetime | None = None
) -> None:
    """Mail a fresh link to every person (of any programme) with this address. The caller
    shows the same answer whatever happens here: known address or not, nothing is returned.

    Raises InputError("signup.error.email") for something that is not an address, and
    InputError("me.error.too_many") after too many requests from the client or for the
    address (counted alike for known and unknown addresses).
    """
    now = now or utcnow()
    email = event_signup.clean_email(email)
    if not allow(
        session,
        LINK_FORM,
        address,
        email,
        now,
        per_address=LINK_PER_ADDRESS,
        per_email=LINK_PER_EMAIL,
    ):
        raise InputError("me.error.too_many")
    people = session.exec(
        select(Talent, Programme.name)
        .join(Programme, col(Programme.id) == col(Talent.programme_id))
        .where(func.lower(Talent.email) == email, col(Talent.erased_at).is_(None))
        .order_by(col(Talent.id))
    ).all()
    for talent, programme in people:
        token = access_links.issue(session, talent.id, now=now)
        event_signup.send(
            session,
            talent,
            kind="own_page_link",
            subject=translate("me.mail.link.subject", MAIL_LANGUAGE, programme=programme),
            text=translate(
                "me.mail.link.body",
                MAIL_LANGUAGE,
                name=talent.name,
                programme=programme,
                url=access_links.url(token),
                expires=format_datetime(now + access_links.LIFETIME, MAIL_LANGUAGE),
            ),
        )
