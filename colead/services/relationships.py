"""After the programme (B-6 STEP4, cases ⑥⑦): the relationship ladder, the region's talent pool
by specialty, and consent-based sharing of profiles with other programmes.

The ladder 登録 → 参加 → 協働 → 継続 → 複数社・他事業, each person at the highest rung reached:
- registered: in the registry;
- participating: checked in (attended) at any event;
- collaborating: a member of a collaboration project;
- continuing: after the day a project's final report was done, a member of it still attended
  an event (its day in Japan) or received information (the funnel's 継続関係; see
  colead/services/continuing.py);
- multiple: a member of projects of two or more different companies, or the same person (same
  non-empty e-mail, case-insensitive) registered in another programme the actor may see.
Projects count when they belong to a programme the actor may see, so a stage depends on who
asks only through what they may see.

Stages, counts and "last touch" are computed in SQL and lists are paginated. A touch is
information received (the delivery's `sent_on`) or an event attended (the event's day in Japan);
touches after `today` do not count yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    literal,
    or_,
    union_all,
)
from sqlmodel import Session, col, exists, func, select

from colead.i18n import jst_midnight, stored_day, translate
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    InformationDelivery,
    Programme,
    Project,
    ProjectMember,
    PurposeText,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import audit
from colead.services.access import (
    AccessDenied,
    Actor,
    programme_scope,
    region_scope,
    require_programme,
    require_role,
)
from colead.services.continuing import JstDate, active_after_final_report
from colead.services.errors import InputError
from colead.services.paging import PER_PAGE, Page, clamp


class Stage(StrEnum):
    """The rungs of the relationship ladder, lowest first."""

    REGISTERED = "registered"
    PARTICIPATING = "participating"
    COLLABORATING = "collaborating"
    CONTINUING = "continuing"
    MULTIPLE = "multiple"

    @property
    def rank(self) -> int:
        return STAGES.index(self)


STAGES: tuple[Stage, ...] = tuple(Stage)
_SKILL_ORDER = list(SkillType)


@dataclass(frozen=True)
class LadderRow:
    id: int
    name: str
    skills: tuple[str, ...]  # SkillType values, in SkillType order
    stage: Stage
    last_touch: date | None
    days_since: int | None  # None: never touched
    projects: int
    companies: int


@dataclass(frozen=True)
class PoolRow:
    """One person under one of their specialties (a person with two skills has two rows)."""

    talent_id: int  # their latest registration in the region
    name: str
    affiliation: str
    skill: str  # the specialty this row is listed under
    skills: tuple[str, ...]  # all their specialties, in SkillType order
    stage: Stage  # the highest reached in any of their registrations
    companies: tuple[str, ...]  # names of the companies they worked with, sorted
    last_touch: date | None
    days_since: int | None
    registrations: int  # how many of the region's programmes they registered in


@dataclass(frozen=True)
class ConsentingPerson:
    id: int
    name: str
    email: str
    affiliation: str
    residence: str
    skills: tuple[str, ...]
    granted_on: date  # the latest consent for the scope valid on the day asked
    scope: str


# --- SQL building blocks -----------------------------------------------------------------------


def _stage_rank(actor: Actor) -> ColumnElement[int]:
    """The rank (Stage.rank) of the person in the enclosing query's `talent` row.

    Projects count when they belong to a programme the actor may see. The project conditions
    are sets of people, each computed once per query from the visible programmes' projects
    (`projectmember` has no index by person, so a per-person lookup would scan it every time).
    """
    attended = exists().where(
        col(Attendance.talent_id) == col(Talent.id),
        Attendance.status == AttendanceStatus.ATTENDED,
    )

    def members(*where: ColumnElement[bool]) -> Select[Any]:
        return (
            select(ProjectMember.talent_id)
            .join(Project, col(Project.id) == col(ProjectMember.project_id))
            .where(programme_scope(actor, Project.programme_id), *where)
        )

    two_companies = (
        members()
        .group_by(ProjectMember.talent_id)
        .having(func.count(distinct(Project.company_id)) >= 2)
    )
    # E-mails found in two or more programmes the actor may see (talent.email has no index to
    # look each person up by either).
    shared_emails = (
        select(func.lower(col(Talent.email)))
        .where(col(Talent.email) != "", programme_scope(actor, Talent.programme_id))
        .group_by(func.lower(col(Talent.email)))
        .having(func.count(distinct(Talent.programme_id)) >= 2)
        .correlate(None)
    )
    elsewhere = and_(col(Talent.email) != "", func.lower(col(Talent.email)).in_(shared_emails))
    return case(
        (or_(col(Talent.id).in_(two_companies), elsewhere), Stage.MULTIPLE.rank),
        (col(Talent.id).in_(members(active_after_final_report())), Stage.CONTINUING.rank),
        (col(Talent.id).in_(members()), Stage.COLLABORATING.rank),
        (attended, Stage.PARTICIPATING.rank),
        else_=Stage.REGISTERED.rank,
    )


def stage_rank(actor: Actor) -> ColumnElement[int]:
    """The ladder rank of the enclosing query's `talent` row (for audiences of newsletters)."""
    return _stage_rank(actor)


def _last_touches(today: date, people: Select[Any]) -> Any:
    """(talent_id, last) for each of `people` (a SELECT of talent ids) ever touched up to
    `today`: the later of the last information received and the last event attended, an event
    by its day in Japan. Aggregated once over those people's records, then joined."""
    informed = (
        select(
            col(DeliveryRecipient.talent_id).label("talent_id"),
            col(InformationDelivery.sent_on).label("day"),
        )
        .join(
            InformationDelivery, col(InformationDelivery.id) == col(DeliveryRecipient.delivery_id)
        )
        .where(
            col(DeliveryRecipient.talent_id).in_(people),
            col(InformationDelivery.sent_on) <= today,
        )
    )
    attended = (
        select(col(Attendance.talent_id).label("talent_id"), JstDate(Event.starts_at).label("day"))
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(
            col(Attendance.talent_id).in_(people),
            Attendance.status == AttendanceStatus.ATTENDED,
            col(Event.starts_at) < jst_midnight(today + timedelta(days=1)),
        )
    )
    touches = union_all(informed, attended).subquery("touches")
    return (
        select(touches.c.talent_id, func.max(touches.c.day).label("last"))
        .group_by(touches.c.talent_id)
        .subquery("last_touches")
    )


def _days_since(day: date | None, today: date) -> int | None:
    return None if day is None else (today - day).days


def _skills_of(session: Session, talent_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not talent_ids:
        return {}
    found: dict[int, list[str]] = {}
    for talent_id, skill in session.exec(
        select(TalentSkill.talent_id, TalentSkill.skill_type).where(
            col(TalentSkill.talent_id).in_(talent_ids)
        )
    ):
        found.setdefault(talent_id, []).append(skill)
    return {k: _in_skill_order(v) for k, v in found.items()}


def _in_skill_order(skills: list[str]) -> tuple[str, ...]:
    rank = {s: i for i, s in enumerate(_SKILL_ORDER)}
    return tuple(sorted(set(skills), key=lambda s: (rank.get(s, len(rank)), s)))


def _skill_order(column: ColumnElement[str]) -> ColumnElement[int]:
    return case(
        {s.value: i for i, s in enumerate(_SKILL_ORDER)}, value=column, else_=len(_SKILL_ORDER)
    )


def _projects_of(
    session: Session, actor: Actor, talent_ids: list[int]
) -> dict[int, tuple[int, int]]:
    """(projects, distinct companies) each person worked on, among visible programmes."""
    if not talent_ids:
        return {}
    found = session.exec(
        select(
            ProjectMember.talent_id,
            func.count(distinct(Project.id)),
            func.count(distinct(Project.company_id)),
        )
        .join(Project, col(Project.id) == col(ProjectMember.project_id))
        .where(
            col(ProjectMember.talent_id).in_(talent_ids),
            programme_scope(actor, Project.programme_id),
        )
        .group_by(ProjectMember.talent_id)
    ).all()
    return {talent_id: (int(p), int(c)) for talent_id, p, c in found}


# --- the ladder --------------------------------------------------------------------------------


def ladder_counts(session: Session, actor: Actor, programme_id: int) -> dict[Stage, int]:
    """How many people of the programme stand at each stage (every stage present, lowest first).

    `reached_at_least` turns these into "reached at least" counts.
    """
    require_programme(session, actor, programme_id)
    ranks = (
        select(_stage_rank(actor).label("rank"))
        .where(col(Talent.programme_id) == programme_id)
        .subquery()
    )
    counted = dict(session.exec(select(ranks.c.rank, func.count()).group_by(ranks.c.rank)).all())
    return {stage: int(counted.get(stage.rank, 0)) for stage in STAGES}


def reached_at_least(counts: dict[Stage, int]) -> dict[Stage, int]:
    """People at each stage or above, from `ladder_counts` (registered = everyone)."""
    total = 0
    reached: dict[Stage, int] = {}
    for stage in reversed(STAGES):
        total += counts.get(stage, 0)
        reached[stage] = total
    return {stage: reached[stage] for stage in STAGES}


def ladder(
    session: Session,
    actor: Actor,
    programme_id: int,
    today: date,
    *,
    stage: Stage | None = None,
    quiet_days: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[LadderRow]:
    """One page of the programme's people on the ladder: highest stage first, then the most
    recently touched (never touched last), then by name.

    `quiet_days` keeps only people with no touch for at least that many days before `today`,
    including those never touched at all.
    """
    require_programme(session, actor, programme_id)
    if quiet_days is not None and quiet_days < 0:
        raise InputError("relation.error.quiet_days")
    touches = _last_touches(
        today,
        select(Talent.id).where(col(Talent.programme_id) == programme_id).correlate(None),
    )
    people = (
        select(
            col(Talent.id).label("id"),
            col(Talent.name).label("name"),
            _stage_rank(actor).label("rank"),
            touches.c.last,
        )
        .select_from(Talent)
        .outerjoin(touches, touches.c.talent_id == col(Talent.id))
        .where(col(Talent.programme_id) == programme_id)
        .subquery("people")
    )
    last = people.c.last
    where: list[ColumnElement[bool]] = []
    if stage is not None:
        where.append(people.c.rank == Stage(stage).rank)
    if quiet_days is not None:
        where.append(or_(last.is_(None), last <= today - timedelta(days=quiet_days)))
    total = session.exec(select(func.count()).select_from(people).where(*where)).one()
    page = clamp(page, total, per_page)
    found = session.exec(
        select(
            people.c.id,
            people.c.name,
            people.c.rank,
            last,
        )
        .where(*where)
        .order_by(people.c.rank.desc(), last.desc().nulls_last(), people.c.name, people.c.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [r.id for r in found]
    skills = _skills_of(session, ids)
    work = _projects_of(session, actor, ids)
    rows = []
    for r in found:
        day = stored_day(r.last)
        projects, companies = work.get(r.id, (0, 0))
        rows.append(
            LadderRow(
                id=r.id,
                name=r.name,
                skills=skills.get(r.id, ()),
                stage=STAGES[r.rank],
                last_touch=day,
                days_since=_days_since(day, today),
                projects=projects,
                companies=companies,
            )
        )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


# --- the region's talent pool ------------------------------------------------------------------


def require_region(session: Session, actor: Actor, region_id: int) -> Region:
    """The region if the actor may see it; a hidden region is reported like a missing one."""
    region = session.get(Region, region_id)
    if region is None or not actor.may_see_region(region_id):
        raise AccessDenied(f"region {region_id} is not visible to {actor.username}")
    return region


def _person_key() -> ColumnElement[str]:
    """One person across registrations: their e-mail in lower case, or the row when none."""
    return case(
        (col(Talent.email) == "", literal("#") + cast(Talent.id, String)),
        else_=func.lower(col(Talent.email)),
    )


def _region_talent(actor: Actor, region_id: int) -> list[ColumnElement[bool]]:
    return [
        col(Programme.id) == col(Talent.programme_id),
        col(Programme.region_id) == region_id,
        region_scope(actor, Programme.region_id),
    ]


def _keyed(actor: Actor, region_id: int) -> Any:
    """(talent_id, person) of every registration in the region."""
    return (
        select(col(Talent.id).label("talent_id"), _person_key().label("person"))
        .select_from(Talent)
        .join(Programme, and_(*_region_talent(actor, region_id)))
        .subquery("keyed")
    )


def _pool(actor: Actor, region_id: int, today: date | None) -> Any:
    """The pool's rows: one per person and specialty, for people of the region whose latest
    registration (latest fiscal year, then application, then id) is not withdrawn. Each row
    carries that registration's id, name and affiliation; with `today`, also the highest stage
    and the last touch over all the person's registrations (without, it only says who is in
    the pool, which is what counting needs).

    Built as one pass of window functions over the region's registrations joined with their
    skills, so that nothing is joined on the computed person key (PostgreSQL cannot estimate
    what the window filters leave and would loop over such a join).
    """
    columns: list[Any] = [
        col(Talent.id).label("talent_id"),
        _person_key().label("person"),
        col(Talent.name).label("name"),
        col(Talent.affiliation).label("affiliation"),
        col(Talent.status).label("status"),
        col(Programme.fiscal_year).label("fiscal_year"),
        col(Talent.applied_on).label("applied_on"),
        col(TalentSkill.skill_type).label("skill"),
    ]
    touches = None
    if today is not None:
        touches = _last_touches(
            today,
            select(Talent.id)
            .join(Programme, and_(*_region_talent(actor, region_id)))
            .correlate(None),
        )
        columns += [_stage_rank(actor).label("rank"), touches.c.last]
    query = (
        select(*columns)
        .select_from(Talent)
        .join(Programme, and_(*_region_talent(actor, region_id)))
        .outerjoin(TalentSkill, col(TalentSkill.talent_id) == col(Talent.id))
    )
    if touches is not None:
        query = query.outerjoin(touches, touches.c.talent_id == col(Talent.id))
    records = query.subquery("records")
    person = records.c.person
    newest_first = (
        records.c.fiscal_year.desc(),
        records.c.applied_on.desc(),
        records.c.talent_id.desc(),
    )

    def latest(column: Any, label: str) -> Any:
        return (
            func.first_value(column).over(partition_by=person, order_by=newest_first).label(label)
        )

    windowed: list[Any] = [
        person,
        records.c.skill,
        latest(records.c.talent_id, "talent_id"),
        latest(records.c.name, "name"),
        latest(records.c.affiliation, "affiliation"),
        latest(records.c.status, "status"),
        func.row_number().over(partition_by=(person, records.c.skill)).label("copy"),
    ]
    if today is not None:
        windowed += [
            func.max(records.c.rank).over(partition_by=person).label("rank"),
            func.max(records.c.last).over(partition_by=person).label("last"),
        ]
    every = select(*windowed).subquery("every")
    return (
        select(*every.c)
        .where(
            every.c.skill.is_not(None),
            every.c.copy == 1,
            every.c.status != TalentStatus.WITHDRAWN,
        )
        .subquery("pool")
    )


def _checked_skill(skill: str | None) -> SkillType | None:
    if skill is None or skill == "":
        return None
    try:
        return SkillType(skill)
    except ValueError:
        raise InputError("pool.error.skill", skill=skill) from None


def talent_pool(
    session: Session,
    actor: Actor,
    region_id: int,
    today: date,
    *,
    skill: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[PoolRow]:
    """One page of the region's talent pool by specialty, over all its programmes.

    One row per person and specialty (people with no specialty recorded are not in the pool),
    ordered by specialty (SkillType order), then highest stage, then most recently touched.
    A person registered in several programmes of the region (same e-mail) is one person: named
    by their latest registration, left out when that registration is withdrawn, with the skills,
    companies, highest stage and last touch of all their registrations.
    """
    require_region(session, actor, region_id)
    chosen = _checked_skill(skill)
    members = _pool(actor, region_id, None)
    total = session.exec(
        select(func.count())
        .select_from(members)
        .where(*([members.c.skill == chosen.value] if chosen else []))
    ).one()
    page = clamp(page, total, per_page)
    pool = _pool(actor, region_id, today)
    found = session.exec(
        select(*pool.c)
        .where(*([pool.c.skill == chosen.value] if chosen else []))
        .order_by(
            _skill_order(pool.c.skill),
            pool.c.rank.desc(),
            pool.c.last.desc().nulls_last(),
            pool.c.name,
            pool.c.person,
        )
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    persons = sorted({r.person for r in found})
    all_skills: dict[str, list[str]] = {}
    companies: dict[str, list[str]] = {}
    registrations: dict[str, int] = {}
    if persons:
        keyed = _keyed(actor, region_id)
        mine = keyed.c.person.in_(persons)
        registrations = dict(
            session.exec(
                select(keyed.c.person, func.count()).where(mine).group_by(keyed.c.person)
            ).all()
        )
        for person, value in session.exec(
            select(keyed.c.person, TalentSkill.skill_type)
            .join(TalentSkill, col(TalentSkill.talent_id) == keyed.c.talent_id)
            .where(mine)
        ):
            all_skills.setdefault(person, []).append(value)
        for person, name in session.exec(
            select(keyed.c.person, Company.name)
            .select_from(keyed)
            .join(ProjectMember, col(ProjectMember.talent_id) == keyed.c.talent_id)
            .join(Project, col(Project.id) == col(ProjectMember.project_id))
            .join(Company, col(Company.id) == col(Project.company_id))
            .where(mine, programme_scope(actor, Project.programme_id))
            .distinct()
        ):
            companies.setdefault(person, []).append(name)
    rows = []
    for r in found:
        day = stored_day(r.last)
        rows.append(
            PoolRow(
                talent_id=r.talent_id,
                name=r.name,
                affiliation=r.affiliation,
                skill=r.skill,
                skills=_in_skill_order(all_skills.get(r.person, [])),
                stage=STAGES[r.rank],
                companies=tuple(sorted(companies.get(r.person, []))),
                last_touch=day,
                days_since=_days_since(day, today),
                registrations=int(registrations.get(r.person, 1)),
            )
        )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def pool_summary(session: Session, actor: Actor, region_id: int) -> dict[str, int]:
    """People in the region's pool per specialty (every SkillType, in order; a person with two
    specialties counts under both)."""
    require_region(session, actor, region_id)
    pool = _pool(actor, region_id, None)
    counted = dict(session.exec(select(pool.c.skill, func.count()).group_by(pool.c.skill)).all())
    return {s.value: int(counted.get(s.value, 0)) for s in _SKILL_ORDER}


# --- consent to share, and the export of consenting people ------------------------------------

SCOPE_MAX: int = ConsentRecord.__table__.c.scope.type.length  # type: ignore[attr-defined]


def grant_consent(
    session: Session,
    actor: Actor,
    talent_id: int,
    scope: str,
    granted_on: date,
    *,
    purpose_id: int | None = None,
    granted_at: datetime | None = None,
) -> ConsentRecord:
    """The one way a consent is recorded (talent page, relationships page, imports, the public
    application form): the actor must edit the person's programme, a scope is required and
    fits its column, and every consent is written to the audit log. A consent given on a
    public form also keeps the purpose text version the person read and the moment."""
    talent = session.get(Talent, talent_id)
    if talent is None:
        raise AccessDenied(f"talent {talent_id} not found")
    require_programme(session, actor, talent.programme_id, write=True)
    scope = scope.strip()
    if not scope:
        raise InputError("talent.error.consent_scope")
    if len(scope) > SCOPE_MAX:
        raise InputError("consent.error.scope_too_long", maximum=SCOPE_MAX)
    if purpose_id is not None:
        purpose = session.get(PurposeText, purpose_id)
        if purpose is None or purpose.programme_id != talent.programme_id:
            raise AccessDenied(f"purpose text {purpose_id} is not the person's programme's")
    consent = ConsentRecord(
        talent_id=talent.id,
        scope=scope,
        granted_on=granted_on,
        purpose_id=purpose_id,
        granted_at=granted_at,
    )
    session.add(consent)
    session.flush()
    _audit_consent(session, actor, "consent.grant", consent)
    return consent


def revoke_consent(session: Session, actor: Actor, consent_id: int, on: date) -> ConsentRecord:
    """The one way a consent is withdrawn: an earlier withdrawal is kept as it is, one dated
    before the consent was given is refused, and every withdrawal is audited."""
    consent = session.get(ConsentRecord, consent_id)
    talent = session.get(Talent, consent.talent_id) if consent is not None else None
    if consent is None or talent is None:
        raise AccessDenied(f"consent {consent_id} not found")
    require_programme(session, actor, talent.programme_id, write=True)
    if consent.withdrawn_on is None:
        if on < consent.granted_on:
            raise InputError(
                "consent.error.withdrawn_before_granted", granted_on=consent.granted_on
            )
        consent.withdrawn_on = on
        session.add(consent)
    _audit_consent(session, actor, "consent.withdraw", consent)
    return consent


def _audit_consent(session: Session, actor: Actor, action: str, consent: ConsentRecord) -> None:
    talent = session.get(Talent, consent.talent_id)
    programme = session.get(Programme, talent.programme_id) if talent else None
    audit.record(
        session,
        actor.username,
        action,
        target=f"talent:{consent.talent_id}",
        region_id=programme.region_id if programme else None,
        detail=f"consent {consent.id}: {consent.scope}",
    )


def consent_scopes(session: Session, actor: Actor, programme_id: int) -> list[str]:
    """The scopes consents of the programme's people were given for, sorted."""
    require_programme(session, actor, programme_id)
    return list(
        session.exec(
            select(ConsentRecord.scope)
            .join(Talent, col(Talent.id) == col(ConsentRecord.talent_id))
            .where(col(Talent.programme_id) == programme_id)
            .distinct()
            .order_by(ConsentRecord.scope)
        )
    )


def _valid_on(scope: str, on: date) -> list[ColumnElement[bool]]:
    """A consent for `scope` given on or before `on` and not withdrawn by then (a withdrawal
    dated after `on` has not taken effect yet)."""
    return [
        col(ConsentRecord.scope) == scope,
        col(ConsentRecord.granted_on) <= on,
        or_(col(ConsentRecord.withdrawn_on).is_(None), col(ConsentRecord.withdrawn_on) > on),
    ]


def consenting_people(
    session: Session, actor: Actor, programme_id: int, scope: str, on: date
) -> list[ConsentingPerson]:
    """The programme's people whose consent to share within `scope` holds on `on`, by name."""
    require_programme(session, actor, programme_id)
    scope = scope.strip()
    if not scope:
        raise InputError("talent.error.consent_scope")
    found = session.exec(
        select(
            Talent.id,
            Talent.name,
            Talent.email,
            Talent.affiliation,
            Talent.residence,
            func.max(ConsentRecord.granted_on),
        )
        .join(ConsentRecord, col(ConsentRecord.talent_id) == col(Talent.id))
        .where(col(Talent.programme_id) == programme_id, *_valid_on(scope, on))
        .group_by(Talent.id, Talent.name, Talent.email, Talent.affiliation, Talent.residence)
        .order_by(Talent.name, Talent.id)
    ).all()
    skills: dict[int, list[str]] = {}
    for talent_id, skill in session.exec(
        select(TalentSkill.talent_id, TalentSkill.skill_type).where(
            col(TalentSkill.talent_id).in_(
                select(ConsentRecord.talent_id)
                .join(Talent, col(Talent.id) == col(ConsentRecord.talent_id))
                .where(col(Talent.programme_id) == programme_id, *_valid_on(scope, on))
            )
        )
    ):
        skills.setdefault(talent_id, []).append(skill)
    return [
        ConsentingPerson(
            id=talent_id,
            name=name,
            email=email,
            affiliation=affiliation,
            residence=residence,
            skills=_in_skill_order(skills.get(talent_id, [])),
            granted_on=stored_day(granted_on),  # type: ignore[arg-type]
            scope=scope,
        )
        for talent_id, name, email, affiliation, residence, granted_on in found
    ]


EXPORT_COLUMNS = ("name", "email", "affiliation", "residence", "skills", "granted_on", "scope")


def consent_export(
    session: Session, actor: Actor, programme_id: int, scope: str, on: date, lang: str = "ja"
) -> pd.DataFrame:
    """The consenting people of `scope` on `on`, for the receiving programme: one row each,
    headers and specialties in `lang` (Japanese unless asked). Staff of the programme's region
    or admins only. Every call is an export of personal data and writes an audit row naming
    the people exported; make the file (colead.services.table_export.to_csv_bytes /
    to_xlsx_bytes) only when the user asks for it."""
    programme = require_programme(session, actor, programme_id)
    require_role(actor, Role.STAFF)
    people = consenting_people(session, actor, programme_id, scope, on)

    def label(key: str) -> str:
        return translate(f"consent.column.{key}", lang)

    rows = [
        {
            label("name"): p.name,
            label("email"): p.email,
            label("affiliation"): p.affiliation,
            label("residence"): p.residence,
            label("skills"): "、".join(translate(f"enum.skill.{s}", lang) for s in p.skills),
            label("granted_on"): p.granted_on.isoformat(),
            label("scope"): p.scope,
        }
        for p in people
    ]
    audit.record(
        session,
        actor.username,
        "consent.export",
        target=scope.strip()[:200],
        region_id=programme.region_id,
        detail=(
            f"programme {programme_id}, consent on {on.isoformat()}, {len(people)} people: "
            + ",".join(str(p.id) for p in people)
        ),
    )
    return pd.DataFrame(rows, columns=[label(k) for k in EXPORT_COLUMNS])
