"""Incentives for verified activity (A-1 STEP5) and the 活動実績の証明書.

The guideline asks that talent receive 称号, 地域内クーポン, 活動実績の証明書, 地域の特産品 or
作業スペースの開放 according to what they did, so that they keep coming back. Here a programme
declares rules ("a title to everyone with at least 3 meetups"), and `grant_due` grants them.

Only verified activity counts, never what was merely planned:
- an event attended: an Attendance checked in as "attended" (registered, absent and cancelled
  do not count), to a meetup or tour for those activities, to any event for Activity.EVENT;
- a report submitted: a MeetingReport written by the person;
- an interim or final report given: a Milestone of that kind with `done_on` set, in a project the
  person is a member of.
Only the programme's own events, projects and people are counted.

The ledger keeps every grant with its basis in Japanese ("ミートアップ参加 2回（基準 1回）"):
the basis is a record of why the grant was made, so it is stored, not re-derived.

Certificates are numbered per programme: `{fiscal year of the programme}-{serial:04d}`, e.g.
2026-0001 is the first certificate of the 2026 (令和8年度) programme. The serial counts up
within the programme and is never reused; a programme is one region's fiscal year, so the
number and the issuer printed on the certificate identify it. The activities listed are stored
with the certificate, so that printing it again gives the same document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case
from sqlmodel import Session, col, func, select

from colead.i18n import Label, to_jst, translate
from colead.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Certificate,
    Company,
    Event,
    EventKind,
    Incentive,
    IncentiveKind,
    IncentiveRule,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Talent,
    TalentStatus,
)
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.certificate_pdf import CertificateContent, CertificateLine, certificate_pdf
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.paging import PER_PAGE, Page, clamp

THRESHOLD_MIN = 1
THRESHOLD_MAX = 100
STORED_LANGUAGE = "ja"  # the ledger's basis and a certificate's lines are stored in Japanese
REPORT_MILESTONES = (MilestoneKind.INTERIM_REPORT, MilestoneKind.FINAL_REPORT)


# --- values in and out ------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInput:
    kind: IncentiveKind | str
    description: str
    activity: Activity | str
    threshold: int = 1


@dataclass(frozen=True)
class RuleRow:
    id: int
    kind: str
    description: str
    activity: str
    threshold: int
    active: bool
    granted: int  # people granted by this rule


@dataclass(frozen=True)
class LedgerRow:
    id: int
    talent_id: int
    person: str
    kind: str
    description: str  # what was granted, as recorded at the time
    granted_on: date
    basis: str
    rule_id: int | None
    rule: str | None  # the rule's current description; None for a grant made without a rule
    revoked_on: date | None = None


@dataclass(frozen=True)
class VerifiedActivity:
    day: date
    text: str  # Japanese, as printed on the certificate


@dataclass(frozen=True)
class CertificateRow:
    id: int
    number: str
    talent_id: int
    person: str
    issued_on: date
    issued_by: str
    activities: int


# --- rules ------------------------------------------------------------------------------------


def _clean(data: RuleInput) -> RuleInput:
    errors: list[InputError] = []
    description = " ".join(data.description.split())
    if not description:
        errors.append(InputError("incentive.error.description_required"))
    errors += too_long(IncentiveRule, "incentive", (("description", description),))
    if data.kind not in set(IncentiveKind):
        errors.append(InputError("incentive.error.kind"))
    if data.activity not in set(Activity):
        errors.append(InputError("incentive.error.activity"))
    threshold = data.threshold
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int)
        or not THRESHOLD_MIN <= threshold <= THRESHOLD_MAX
    ):
        errors.append(
            InputError("incentive.error.threshold", minimum=THRESHOLD_MIN, maximum=THRESHOLD_MAX)
        )
    if errors:
        raise InvalidInput(errors)
    return RuleInput(IncentiveKind(data.kind), description, Activity(data.activity), threshold)


def _refuse_duplicate(
    session: Session, programme_id: int, rule: RuleInput, rule_id: int | None = None
) -> None:
    """A second rule with the same kind, description, activity and threshold would grant the
    same incentive twice and print it twice on a certificate."""
    same = select(IncentiveRule.id).where(
        IncentiveRule.programme_id == programme_id,
        IncentiveRule.kind == rule.kind,
        IncentiveRule.description == rule.description,
        IncentiveRule.activity == rule.activity,
        IncentiveRule.threshold == rule.threshold,
    )
    if rule_id is not None:
        same = same.where(IncentiveRule.id != rule_id)
    if session.exec(same).first() is not None:
        raise InputError("incentive.error.duplicate", description=rule.description)


def create_rule(
    session: Session, actor: Actor, programme_id: int, data: RuleInput
) -> IncentiveRule:
    programme = require_programme(session, actor, programme_id, write=True)
    clean = _clean(data)
    _refuse_duplicate(session, programme_id, clean)
    rule = IncentiveRule(
        programme_id=programme_id,
        kind=clean.kind,
        description=clean.description,
        activity=clean.activity,
        threshold=clean.threshold,
    )
    session.add(rule)
    session.flush()
    audit.record(
        session,
        actor.username,
        "incentive.rule.create",
        target=f"incentiverule:{rule.id}",
        region_id=programme.region_id,
    )
    return rule


def _rule_for(session: Session, actor: Actor, rule_id: int, *, write: bool) -> IncentiveRule:
    rule = session.get(IncentiveRule, rule_id)
    if rule is None:
        raise AccessDenied(f"incentive rule {rule_id} not found")
    require_programme(session, actor, rule.programme_id, write=write)
    return rule


def update_rule(session: Session, actor: Actor, rule_id: int, data: RuleInput) -> IncentiveRule:
    """Change a rule. Grants already made stay in the ledger as they were: a raised threshold
    does not take back what was earned under the old one."""
    rule = _rule_for(session, actor, rule_id, write=True)
    clean = _clean(data)
    _refuse_duplicate(session, rule.programme_id, clean, rule.id)
    rule.kind = clean.kind
    rule.description = clean.description
    rule.activity = clean.activity
    rule.threshold = clean.threshold
    session.add(rule)
    programme = session.get(Programme, rule.programme_id)
    audit.record(
        session,
        actor.username,
        "incentive.rule.update",
        target=f"incentiverule:{rule.id}",
        region_id=programme.region_id if programme else None,
    )
    return rule


def set_rule_active(session: Session, actor: Actor, rule_id: int, active: bool) -> IncentiveRule:
    """Pause or resume a rule: an inactive rule grants nothing until it is active again."""
    rule = _rule_for(session, actor, rule_id, write=True)
    rule.active = active
    session.add(rule)
    programme = session.get(Programme, rule.programme_id)
    audit.record(
        session,
        actor.username,
        "incentive.rule.activate" if active else "incentive.rule.deactivate",
        target=f"incentiverule:{rule.id}",
        region_id=programme.region_id if programme else None,
    )
    return rule


def list_rules(session: Session, actor: Actor, programme_id: int) -> list[RuleRow]:
    """The programme's rules, active first, each with how many people it has granted."""
    require_programme(session, actor, programme_id)
    granted = (
        select(Incentive.rule_id, func.count().label("n"))
        .where(Incentive.programme_id == programme_id, col(Incentive.rule_id).is_not(None))
        .group_by(Incentive.rule_id)
        .subquery()
    )
    rows = session.exec(
        select(IncentiveRule, func.coalesce(granted.c.n, 0))
        .outerjoin(granted, granted.c.rule_id == col(IncentiveRule.id))
        .where(IncentiveRule.programme_id == programme_id)
        .order_by(col(IncentiveRule.active).desc(), col(IncentiveRule.id))
    ).all()
    return [
        RuleRow(
            id=rule.id,
            kind=rule.kind,
            description=rule.description,
            activity=rule.activity,
            threshold=rule.threshold,
            active=rule.active,
            granted=int(n),
        )
        for rule, n in rows
    ]


# --- verified activity ------------------------------------------------------------------------


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows of the group meet `condition` (conditional aggregation in SQL)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _verified_counts(
    session: Session,
    programme_id: int,
    talent_ids: list[int] | None,
    *,
    skip_withdrawn: bool = False,
) -> dict[int, dict[Activity, int]]:
    def of_people(query, talent_column):  # type: ignore[no-untyped-def]
        query = query.join(Talent, col(Talent.id) == talent_column).where(
            Talent.programme_id == programme_id
        )
        if talent_ids is not None:
            query = query.where(col(Talent.id).in_(talent_ids))
        if skip_withdrawn:
            query = query.where(Talent.status != TalentStatus.WITHDRAWN)
        return query

    counts: dict[int, dict[Activity, int]] = {}

    def add(talent_id: int, activity: Activity, n: int | None) -> None:
        counts.setdefault(talent_id, dict.fromkeys(Activity, 0))[activity] += int(n or 0)

    attended = of_people(
        select(
            Attendance.talent_id,
            func.count(),
            _count_if(col(Event.kind) == EventKind.MEETUP),
            _count_if(col(Event.kind) == EventKind.TOUR),
        )
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(Event.programme_id == programme_id, Attendance.status == AttendanceStatus.ATTENDED),
        col(Attendance.talent_id),
    ).group_by(Attendance.talent_id)
    for talent_id, events, meetups, tours in session.exec(attended):
        add(talent_id, Activity.EVENT, events)
        add(talent_id, Activity.MEETUP, meetups)
        add(talent_id, Activity.TOUR, tours)

    reports = of_people(
        select(MeetingReport.talent_id, func.count())
        .join(Project, col(Project.id) == col(MeetingReport.project_id))
        .where(Project.programme_id == programme_id),
        col(MeetingReport.talent_id),
    ).group_by(MeetingReport.talent_id)
    for talent_id, n in session.exec(reports):
        add(talent_id, Activity.REPORT, n)

    milestones = of_people(
        select(
            ProjectMember.talent_id,
            _count_if(col(Milestone.kind) == MilestoneKind.INTERIM_REPORT),
            _count_if(col(Milestone.kind) == MilestoneKind.FINAL_REPORT),
        )
        .select_from(Milestone)
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .join(ProjectMember, col(ProjectMember.project_id) == col(Milestone.project_id))
        .where(
            Project.programme_id == programme_id,
            col(Milestone.done_on).is_not(None),
            col(Milestone.kind).in_(REPORT_MILESTONES),
        ),
        col(ProjectMember.talent_id),
    ).group_by(ProjectMember.talent_id)
    for talent_id, interim, final in session.exec(milestones):
        add(talent_id, Activity.INTERIM_REPORT, interim)
        add(talent_id, Activity.FINAL_REPORT, final)
    return counts


def activity_counts(
    session: Session, programme_id: int, talent_ids: list[int] | None = None
) -> dict[int, dict[Activity, int]]:
    """Verified activity per person of the programme, counted in SQL: {talent id: {Activity: n}}.

    Everyone with any verified activity is in the result, with every Activity as a key; each
    person named in `talent_ids` is too (with zeros). The caller checks access.
    """
    if talent_ids is not None and not talent_ids:
        return {}
    counts = _verified_counts(session, programme_id, talent_ids)
    for talent_id in talent_ids or []:
        counts.setdefault(talent_id, dict.fromkeys(Activity, 0))
    return counts


def _lock_programme(session: Session, programme_id: int) -> Programme:
    """The programme row, locked until the transaction ends on PostgreSQL (SELECT … FOR UPDATE),
    so that two grants or two certificate issues of a programme run one after the other. SQLite
    renders no FOR UPDATE: its write transactions are already serialised by BEGIN IMMEDIATE."""
    return session.exec(
        select(Programme).where(Programme.id == programme_id).with_for_update()
    ).one()


def basis_text(activity: Activity | str, count: int, threshold: int) -> str:
    """Why a grant was made, in Japanese: ミートアップ参加 2回（基準 1回）."""
    return translate(
        "incentive.basis",
        STORED_LANGUAGE,
        activity=Label(f"incentive.activity.{activity}"),
        count=count,
        threshold=threshold,
    )


def grant_due(session: Session, actor: Actor, programme_id: int, today: date) -> list[Incentive]:
    """Apply every active rule of the programme: grant it, dated `today`, to each person whose
    verified activity meets its threshold and who has not had it from that rule yet.

    Withdrawn people are not granted. Running it again grants nothing new, so it is safe to run
    after every check-in or report. Returns the new grants.
    """
    programme = require_programme(session, actor, programme_id, write=True)
    _lock_programme(session, programme_id)
    rules = session.exec(
        select(IncentiveRule)
        .where(IncentiveRule.programme_id == programme_id, col(IncentiveRule.active))
        .order_by(col(IncentiveRule.id))
    ).all()
    granted: list[Incentive] = []
    if rules:
        counts = _verified_counts(session, programme_id, None, skip_withdrawn=True)
        already = set(
            session.exec(
                select(Incentive.rule_id, Incentive.talent_id).where(
                    col(Incentive.rule_id).in_([r.id for r in rules])
                )
            ).all()
        )
        for rule in rules:
            for talent_id in sorted(counts):
                count = counts[talent_id][Activity(rule.activity)]
                if count < rule.threshold or (rule.id, talent_id) in already:
                    continue
                granted.append(
                    Incentive(
                        programme_id=programme_id,
                        talent_id=talent_id,
                        rule_id=rule.id,
                        kind=rule.kind,
                        description=rule.description,
                        granted_on=today,
                        basis=basis_text(rule.activity, count, rule.threshold),
                    )
                )
        session.add_all(granted)
        session.flush()
    audit.record(
        session,
        actor.username,
        "incentive.grant",
        target=f"programme:{programme_id}",
        region_id=programme.region_id,
        detail=f"{len(granted)} granted",
    )
    return granted


# --- the ledger -------------------------------------------------------------------------------


def ledger(
    session: Session,
    actor: Actor,
    programme_id: int,
    talent_id: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[LedgerRow]:
    """One page of the programme's grants (or one person's), newest first."""
    require_programme(session, actor, programme_id)
    where = [Incentive.programme_id == programme_id]
    if talent_id is not None:
        where.append(Incentive.talent_id == talent_id)
    total = session.exec(select(func.count()).select_from(Incentive).where(*where)).one()
    page = clamp(page, total, per_page)
    rows = session.exec(
        select(Incentive, Talent.name, IncentiveRule.description)
        .join(Talent, col(Talent.id) == col(Incentive.talent_id))
        .outerjoin(IncentiveRule, col(IncentiveRule.id) == col(Incentive.rule_id))
        .where(*where)
        .order_by(col(Incentive.granted_on).desc(), col(Incentive.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(
        rows=[
            LedgerRow(
                id=grant.id,
                talent_id=grant.talent_id,
                person=name,
                kind=grant.kind,
                description=grant.description,
                granted_on=grant.granted_on,
                basis=grant.basis,
                rule_id=grant.rule_id,
                rule=rule,
                revoked_on=grant.revoked_on,
            )
            for grant, name, rule in rows
        ],
        total=total,
        page=page,
        per_page=per_page,
    )


def revoke(session: Session, actor: Actor, incentive_id: int, today: date) -> Incentive:
    """Withdraw a grant (a correction). It stays in the ledger marked revoked, so the record
    of what was given is kept, and the rule does not grant it to that person again."""
    grant = session.get(Incentive, incentive_id)
    if grant is None:
        raise AccessDenied(f"incentive {incentive_id} not found")
    if grant.revoked_on is not None:
        return grant
    programme = require_programme(session, actor, grant.programme_id, write=True)
    audit.record(
        session,
        actor.username,
        "incentive.revoke",
        target=f"talent:{grant.talent_id}",
        region_id=programme.region_id,
        detail=f"{grant.kind}: {grant.description} ({grant.granted_on.isoformat()})",
    )
    grant.revoked_on = today
    session.add(grant)
    session.flush()
    return grant


# --- certificates -----------------------------------------------------------------------------


def _talent_for(session: Session, actor: Actor, talent_id: int, *, write: bool = False) -> Talent:
    talent = session.get(Talent, talent_id)
    if talent is None:
        raise AccessDenied(f"talent {talent_id} not found")
    require_programme(session, actor, talent.programme_id, write=write)
    return talent


def _t(key: str, **params: object) -> str:
    return translate(key, STORED_LANGUAGE, **params)


def _verified_lines(session: Session, talent: Talent) -> list[VerifiedActivity]:
    pid = talent.programme_id
    dated: list[tuple[date, int, str]] = []  # (day, order within a day, text)
    for starts_at, kind, title in session.exec(
        select(Event.starts_at, Event.kind, Event.title)
        .join(Attendance, col(Attendance.event_id) == col(Event.id))
        .where(
            Event.programme_id == pid,
            Attendance.talent_id == talent.id,
            Attendance.status == AttendanceStatus.ATTENDED,
        )
    ):
        label = _t(f"enum.event.{kind}")
        if label in title:  # "オンラインミートアップ「…」" needs no kind in front of it
            text = _t("certificate.line.event_named", title=title)
        else:
            text = _t("certificate.line.event", kind=label, title=title)
        dated.append((to_jst(starts_at).date(), 0, text))
    for submitted_on, company, theme in session.exec(
        select(MeetingReport.submitted_on, Company.name, Project.theme)
        .join(Project, col(Project.id) == col(MeetingReport.project_id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(Project.programme_id == pid, MeetingReport.talent_id == talent.id)
    ):
        text = _t("certificate.line.report", company=company, theme=theme)
        dated.append((submitted_on, 1, text))
    for done_on, kind, company, theme in session.exec(
        select(Milestone.done_on, Milestone.kind, Company.name, Project.theme)
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .join(ProjectMember, col(ProjectMember.project_id) == col(Milestone.project_id))
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(
            Project.programme_id == pid,
            ProjectMember.talent_id == talent.id,
            col(Milestone.done_on).is_not(None),
            col(Milestone.kind).in_(REPORT_MILESTONES),
        )
    ):
        text = _t(
            "certificate.line.milestone",
            company=company,
            theme=theme,
            milestone=Label(f"enum.milestone.{kind}"),
        )
        dated.append((done_on, 2, text))
    for granted_on, description in session.exec(
        select(Incentive.granted_on, Incentive.description).where(
            Incentive.programme_id == pid,
            Incentive.talent_id == talent.id,
            Incentive.kind == IncentiveKind.TITLE,
        )
    ):
        dated.append((granted_on, 3, _t("certificate.line.title", title=description)))
    return [VerifiedActivity(day, text) for day, _, text in sorted(dated)]


def verified_activities(session: Session, actor: Actor, talent_id: int) -> list[VerifiedActivity]:
    """What a certificate for the person would list today, oldest first, in Japanese.

    Events they were checked in at, reports they submitted, interim and final reports done in
    their projects, and titles (称号) granted to them — the one kind of incentive that is an
    honour to show; coupons, goods and workspace use are benefits, not activity. Registrations,
    absences, cancellations and milestones not yet done never appear.
    """
    return _verified_lines(session, _talent_for(session, actor, talent_id))


def certificate_number(fiscal_year: int, serial: int) -> str:
    return f"{fiscal_year}-{serial:04d}"


def issue_certificate(session: Session, actor: Actor, talent_id: int, today: date) -> Certificate:
    """Issue a certificate of the person's verified activity, numbered next in the programme.

    Refused (InputError) when there is nothing verified to certify. Issuing is recorded in the
    audit log: the certificate is personal data.
    """
    talent = _talent_for(session, actor, talent_id, write=True)
    activities = _verified_lines(session, talent)
    if not activities:
        raise InputError("certificate.error.no_activity", name=talent.name)
    programme = _lock_programme(session, talent.programme_id)
    last = session.exec(
        select(func.max(Certificate.serial)).where(Certificate.programme_id == programme.id)
    ).one()
    serial = (last or 0) + 1
    certificate = Certificate(
        programme_id=programme.id,
        talent_id=talent.id,
        serial=serial,
        number=certificate_number(programme.fiscal_year, serial),
        issued_on=today,
        issued_by=actor.username[:50],
        person_name=talent.name,
        activities=[{"day": a.day.isoformat(), "text": a.text} for a in activities],
    )
    session.add(certificate)
    session.flush()
    audit.record(
        session,
        actor.username,
        "certificate.issue",
        target=f"talent:{talent.id}",
        region_id=programme.region_id,
        detail=certificate.number,
    )
    return certificate


def certificate_content(session: Session, certificate: Certificate) -> CertificateContent:
    """What the PDF of a stored certificate shows. The caller checks access."""
    talent = session.get(Talent, certificate.talent_id)
    programme = session.get(Programme, certificate.programme_id)
    region = session.get(Region, programme.region_id) if programme else None
    if talent is None or programme is None or region is None:
        raise AccessDenied(f"certificate {certificate.id} is incomplete")
    return CertificateContent(
        number=certificate.number,
        issued_on=certificate.issued_on,
        person_name=certificate.person_name or talent.name,
        region=f"{region.prefecture} {region.name}".strip(),
        programme=programme.name,
        fiscal_year=programme.fiscal_year,
        activities=[
            CertificateLine(date.fromisoformat(a["day"]), a["text"])
            for a in certificate.activities or []
        ],
        issuer=_t("certificate.issuer", region=region.name),
    )


def certificate_pdf_for(
    session: Session, actor: Actor, certificate_id: int, *, record_view: bool = True
) -> bytes:
    """The PDF of an issued certificate, rebuilt from what was stored when it was issued.

    Printing it is an export of personal data, so it is written to the audit log
    (`record_view=False` for a rerun of a download already recorded).
    """
    certificate = session.get(Certificate, certificate_id)
    if certificate is None:
        raise AccessDenied(f"certificate {certificate_id} not found")
    programme = require_programme(session, actor, certificate.programme_id)
    data = certificate_pdf(certificate_content(session, certificate))
    if record_view:
        audit.record(
            session,
            actor.username,
            "certificate.print",
            target=f"talent:{certificate.talent_id}",
            region_id=programme.region_id,
            detail=certificate.number,
        )
    return data


def list_certificates(
    session: Session,
    actor: Actor,
    programme_id: int,
    talent_id: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[CertificateRow]:
    """One page of the programme's issued certificates (or one person's), newest first."""
    require_programme(session, actor, programme_id)
    where = [Certificate.programme_id == programme_id]
    if talent_id is not None:
        where.append(Certificate.talent_id == talent_id)
    total = session.exec(select(func.count()).select_from(Certificate).where(*where)).one()
    page = clamp(page, total, per_page)
    rows = session.exec(
        select(Certificate, Talent.name)
        .join(Talent, col(Talent.id) == col(Certificate.talent_id))
        .where(*where)
        .order_by(col(Certificate.serial).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(
        rows=[
            CertificateRow(
                id=c.id,
                number=c.number,
                talent_id=c.talent_id,
                person=name,
                issued_on=c.issued_on,
                issued_by=c.issued_by,
                activities=len(c.activities or []),
            )
            for c, name in rows
        ],
        total=total,
        page=page,
        per_page=per_page,
    )
