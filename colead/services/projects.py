"""Collaboration projects (B-6): a company, a team of talent, milestones and meeting reports.

A project's status is derived from its milestones, never typed in:
- 完了 (done): its final report meeting is done;
- 遅延 (late): a report meeting (interim/final) is past due and not done, or any milestone is
  more than LATE_AFTER days past due;
- 要注意 (needs attention): some milestone is past due and not done;
- 順調 (on track): otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, Select
from sqlmodel import Session, col, exists, func, select

from colead.models import (
    Company,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Project,
    ProjectMember,
    Talent,
)
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import required, too_long
from colead.services.paging import PER_PAGE, Page, clamp
from colead.services.screening import require_ready

LATE_AFTER = timedelta(days=14)
REPORTS = (MilestoneKind.INTERIM_REPORT, MilestoneKind.FINAL_REPORT)


class ProjectStatus(StrEnum):
    ON_TRACK = "on_track"
    ATTENTION = "attention"
    LATE = "late"
    DONE = "done"


@dataclass(frozen=True)
class MilestoneState:
    kind: str
    due_on: date
    done_on: date | None


def project_status(milestones: list[MilestoneState], today: date) -> ProjectStatus:
    if any(m.kind == MilestoneKind.FINAL_REPORT and m.done_on for m in milestones):
        return ProjectStatus.DONE
    overdue = [m for m in milestones if m.done_on is None and m.due_on < today]
    if any(m.kind in REPORTS or today - m.due_on > LATE_AFTER for m in overdue):
        return ProjectStatus.LATE
    if overdue:
        return ProjectStatus.ATTENTION
    return ProjectStatus.ON_TRACK


@dataclass(frozen=True)
class ProjectInput:
    company_id: int
    theme: str
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class ProjectRow:
    id: int
    company: str
    theme: str
    starts_on: date
    ends_on: date | None
    members: tuple[str, ...]
    milestones_done: int
    milestones_total: int
    next_due: date | None
    status: ProjectStatus


@dataclass(frozen=True)
class ProjectDetail:
    project: Project
    company: str
    members: list[tuple[int, str, str]]  # talent id, name, role
    milestones: list[Milestone]
    reports: list[tuple[MeetingReport, str]]  # report, author's name
    status: ProjectStatus


def _check(session: Session, programme_id: int, data: ProjectInput) -> None:
    errors: list[InputError] = []
    if not data.theme.strip():
        errors.append(InputError("project.error.theme_required"))
    errors += too_long(Project, "project", (("theme", data.theme.strip()),))
    if data.ends_on is not None and data.ends_on < data.starts_on:
        errors.append(InputError("project.error.ends_before_start"))
    company = session.get(Company, data.company_id)
    if company is None or company.programme_id != programme_id:
        errors.append(InputError("project.error.company"))
    if errors:
        raise InvalidInput(errors)


FIRST_MEETING_AFTER = timedelta(days=14)
REPORT_REPLACES_MEETING = timedelta(days=14)


def _add_months(day: date, months: int) -> date:
    year, month_index = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month_index + 1, min(day.day, 28))


def default_milestones(starts_on: date, ends_on: date) -> list[tuple[MilestoneKind, date]]:
    """B-6's rhythm: a 月次定例会 in every month of the project, the first two weeks after the
    start; the 中間報告会 half-way and the 最終報告会 at the end. A report within two weeks of a
    monthly meeting takes that meeting's place, so no meeting follows a report by a day."""
    interim = starts_on + (ends_on - starts_on) / 2
    reports = [(MilestoneKind.INTERIM_REPORT, interim), (MilestoneKind.FINAL_REPORT, ends_on)]
    first = starts_on + FIRST_MEETING_AFTER
    result: list[tuple[MilestoneKind, date]] = []
    month = 0
    while (due := _add_months(first, month)) < ends_on:
        if all(abs(due - report) >= REPORT_REPLACES_MEETING for _, report in reports):
            result.append((MilestoneKind.MONTHLY_MEETING, due))
        month += 1
    return sorted(result + reports, key=lambda m: m[1])


def create_project(
    session: Session,
    actor: Actor,
    programme_id: int,
    data: ProjectInput,
    milestone_titles: dict[MilestoneKind, str] | None = None,
) -> Project:
    """Start a project with a company whose B-1 受入体制の整備 holds (InputError otherwise).

    With an end date, the usual milestones are scheduled; they can be edited afterwards.
    """
    programme = require_programme(session, actor, programme_id, write=True)
    _check(session, programme_id, data)
    require_ready(session, actor, data.company_id)
    project = Project(
        programme_id=programme_id,
        company_id=data.company_id,
        theme=data.theme.strip(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    session.add(project)
    session.flush()
    if data.ends_on is not None:
        titles = milestone_titles or {}
        for kind, due in default_milestones(data.starts_on, data.ends_on):
            session.add(
                Milestone(project_id=project.id, kind=kind, title=titles.get(kind, ""), due_on=due)
            )
    audit.record(
        session,
        actor.username,
        "project.create",
        target=f"project:{project.id}",
        region_id=programme.region_id,
    )
    return project


def project_for(session: Session, actor: Actor, project_id: int, *, write: bool = False) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise AccessDenied(f"project {project_id} not found")
    require_programme(session, actor, project.programme_id, write=write)
    return project


def update_project(session: Session, actor: Actor, project_id: int, data: ProjectInput) -> Project:
    project = project_for(session, actor, project_id, write=True)
    _check(session, project.programme_id, data)
    if data.company_id != project.company_id:
        require_ready(session, actor, data.company_id)
    project.company_id = data.company_id
    project.theme = data.theme.strip()
    project.starts_on = data.starts_on
    project.ends_on = data.ends_on
    session.add(project)
    return project


def set_team(
    session: Session, actor: Actor, project_id: int, members: dict[int, str], joined_on: date
) -> None:
    """Make the team exactly `members` ({talent id: role}); new members join on `joined_on`."""
    project = project_for(session, actor, project_id, write=True)
    if members:
        found = set(
            session.exec(
                select(Talent.id).where(
                    Talent.programme_id == project.programme_id, col(Talent.id).in_(list(members))
                )
            )
        )
        if found != set(members):
            raise InputError("project.error.talent")
    current = {
        m.talent_id: m
        for m in session.exec(select(ProjectMember).where(ProjectMember.project_id == project_id))
    }
    for talent_id, member in current.items():
        if talent_id not in members:
            session.delete(member)
        elif member.role != members[talent_id].strip():
            member.role = members[talent_id].strip()
            session.add(member)
    session.add_all(
        ProjectMember(project_id=project_id, talent_id=t, role=role.strip(), joined_on=joined_on)
        for t, role in members.items()
        if t not in current
    )


SUMMARY_MAX = 4_000  # a meeting report: a page of text


def _check_title(title: str) -> list[InputError]:
    return required("milestone", [("title", title)]) + too_long(
        Milestone, "milestone", [("title", title)]
    )


def add_milestone(
    session: Session, actor: Actor, project_id: int, kind: MilestoneKind, title: str, due_on: date
) -> Milestone:
    project_for(session, actor, project_id, write=True)
    if errors := _check_title(title.strip()):
        raise InvalidInput(errors)
    milestone = Milestone(
        project_id=project_id, kind=MilestoneKind(kind), title=title.strip(), due_on=due_on
    )
    session.add(milestone)
    session.flush()
    return milestone


def update_milestones(
    session: Session,
    actor: Actor,
    project_id: int,
    changes: dict[int, tuple[str, date, date | None]],
) -> None:
    """Set (title, due date, done date) of the project's milestones, by milestone id."""
    project_for(session, actor, project_id, write=True)
    milestones = {
        m.id: m for m in session.exec(select(Milestone).where(Milestone.project_id == project_id))
    }
    if set(changes) - set(milestones):
        raise InputError("project.error.milestone")
    problems: dict[str, InputError] = {}  # each problem said once for the whole form
    for milestone_id, (title, _, _) in changes.items():
        if title.strip() or milestones[milestone_id].title:  # one untitled before may stay so
            for error in _check_title(title.strip()):
                problems.setdefault(error.key, error)
    if problems:
        raise InvalidInput(list(problems.values()))
    for milestone_id, (title, due_on, done_on) in changes.items():
        milestone = milestones[milestone_id]
        milestone.title = title.strip()
        milestone.due_on = due_on
        milestone.done_on = done_on
        session.add(milestone)


def submit_report(
    session: Session,
    actor: Actor,
    project_id: int,
    talent_id: int,
    submitted_on: date,
    summary: str,
    milestone_id: int | None = None,
) -> MeetingReport:
    """A meeting report by a member of the team (about one of the project's milestones)."""
    project_for(session, actor, project_id, write=True)
    if session.get(ProjectMember, (project_id, talent_id)) is None:
        raise InputError("project.error.not_member")
    if not summary.strip():
        raise InputError("project.error.summary_required")
    if errors := too_long(
        MeetingReport, "project", [("summary", summary.strip())], {"summary": SUMMARY_MAX}
    ):
        raise InvalidInput(errors)
    if milestone_id is not None:
        milestone = session.get(Milestone, milestone_id)
        if milestone is None or milestone.project_id != project_id:
            raise InputError("project.error.milestone")
    report = MeetingReport(
        project_id=project_id,
        talent_id=talent_id,
        milestone_id=milestone_id,
        submitted_on=submitted_on,
        summary=summary.strip(),
    )
    session.add(report)
    return report


def finished() -> ColumnElement[bool]:
    """The enclosing query's project has held its final report (最終報告会): it is over."""
    return exists().where(
        col(Milestone.project_id) == col(Project.id),
        Milestone.kind == MilestoneKind.FINAL_REPORT,
        col(Milestone.done_on).is_not(None),
    )


def current_memberships(session: Session, programme_id: int) -> dict[int, dict[int, int]]:
    """Each person's projects of the programme that are not over: {person: {project: company}}.

    What "already holds a project" means for the match suggestions and the team proposal.
    """
    held: dict[int, dict[int, int]] = {}
    for talent_id, project_id, company_id in session.exec(
        select(ProjectMember.talent_id, Project.id, Project.company_id)
        .join(Project, col(Project.id) == col(ProjectMember.project_id))
        .where(Project.programme_id == programme_id, ~finished())
    ):
        held.setdefault(talent_id, {})[project_id] = company_id
    return held


def _milestone_states(session: Session, project_ids: list[int]) -> dict[int, list[MilestoneState]]:
    states: dict[int, list[MilestoneState]] = {p: [] for p in project_ids}
    if project_ids:
        for project_id, kind, due_on, done_on in session.exec(
            select(Milestone.project_id, Milestone.kind, Milestone.due_on, Milestone.done_on)
            .where(col(Milestone.project_id).in_(project_ids))
            .order_by(Milestone.due_on)
        ):
            states[project_id].append(MilestoneState(kind, due_on, done_on))
    return states


def _projects_query(programme_id: int) -> Select:
    return (
        select(Project, Company.name)
        .join(Company, col(Company.id) == col(Project.company_id))
        .where(Project.programme_id == programme_id)
        .order_by(col(Project.starts_on), col(Project.id))
    )


def list_projects(
    session: Session, actor: Actor, programme_id: int, today: date
) -> list[ProjectRow]:
    """The programme's projects with team, milestone progress and derived status."""
    require_programme(session, actor, programme_id)
    return _rows(session, list(session.exec(_projects_query(programme_id)).all()), today)


def projects_page(
    session: Session,
    actor: Actor,
    programme_id: int,
    today: date,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[ProjectRow]:
    """A page of `list_projects`, counted in SQL."""
    require_programme(session, actor, programme_id)
    total = session.exec(
        select(func.count()).select_from(Project).where(Project.programme_id == programme_id)
    ).one()
    page = clamp(page, total, per_page)
    query = _projects_query(programme_id).offset((page - 1) * per_page).limit(per_page)
    return Page(_rows(session, list(session.exec(query).all()), today), total, page, per_page)


def _rows(session: Session, projects: list, today: date) -> list[ProjectRow]:  # type: ignore[type-arg]
    """Rows of (project, company name) pairs with team, progress and status, in three queries."""
    ids = [p.id for p, _ in projects]
    members: dict[int, list[str]] = {}
    if ids:
        for project_id, name in session.exec(
            select(ProjectMember.project_id, Talent.name)
            .join(Talent, col(Talent.id) == col(ProjectMember.talent_id))
            .where(col(ProjectMember.project_id).in_(ids))
            .order_by(Talent.name)
        ):
            members.setdefault(project_id, []).append(name)
    states = _milestone_states(session, ids)
    rows = []
    for project, company in projects:
        milestones = states[project.id]
        pending = [m.due_on for m in milestones if m.done_on is None]
        rows.append(
            ProjectRow(
                id=project.id,
                company=company,
                theme=project.theme,
                starts_on=project.starts_on,
                ends_on=project.ends_on,
                members=tuple(members.get(project.id, [])),
                milestones_done=sum(1 for m in milestones if m.done_on),
                milestones_total=len(milestones),
                next_due=min(pending) if pending else None,
                status=project_status(milestones, today),
            )
        )
    return rows


def project_detail(session: Session, actor: Actor, project_id: int, today: date) -> ProjectDetail:
    project = project_for(session, actor, project_id)
    company = session.get(Company, project.company_id)
    members = list(
        session.exec(
            select(Talent.id, Talent.name, ProjectMember.role)
            .join(ProjectMember, col(ProjectMember.talent_id) == col(Talent.id))
            .where(ProjectMember.project_id == project_id)
            .order_by(Talent.name)
        )
    )
    milestones = list(
        session.exec(
            select(Milestone)
            .where(Milestone.project_id == project_id)
            .order_by(col(Milestone.due_on), col(Milestone.id))
        )
    )
    reports = list(
        session.exec(
            select(MeetingReport, Talent.name)
            .join(Talent, col(Talent.id) == col(MeetingReport.talent_id))
            .where(MeetingReport.project_id == project_id)
            .order_by(col(MeetingReport.submitted_on).desc())
        )
    )
    states = [MilestoneState(m.kind, m.due_on, m.done_on) for m in milestones]
    return ProjectDetail(
        project=project,
        company=company.name if company else "",
        members=[tuple(m) for m in members],  # type: ignore[misc]
        milestones=milestones,
        reports=[tuple(r) for r in reports],  # type: ignore[misc]
        status=project_status(states, today),
    )
