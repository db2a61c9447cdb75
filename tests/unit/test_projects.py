"""Collaboration projects (B-6): derived status, default milestones, team, reports, the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.models import (
    Company,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    Talent,
)
from colead.services import projects
from colead.services.access import AccessDenied, Actor
from colead.services.answers import save_answer
from colead.services.errors import InputError, InvalidInput
from colead.services.projects import MilestoneState, ProjectInput, ProjectStatus
from colead.services.screening import ACCEPTANCE_CHECKS
from colead.worksheets import WORKSHEETS

B1 = WORKSHEETS["B-1"]
TODAY = date(2026, 9, 15)
MONTHLY, INTERIM, FINAL, OTHER = (
    MilestoneKind.MONTHLY_MEETING,
    MilestoneKind.INTERIM_REPORT,
    MilestoneKind.FINAL_REPORT,
    MilestoneKind.OTHER,
)


def _days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- project_status ---------------------------------------------------------------------------


def test_a_project_is_done_once_its_final_report_is_done() -> None:
    milestones = [
        MilestoneState(MONTHLY, _days(-60), None),  # forgotten, long overdue
        MilestoneState(INTERIM, _days(-30), None),
        MilestoneState(FINAL, _days(-1), _days(-1)),
    ]
    assert projects.project_status(milestones, TODAY) == ProjectStatus.DONE
    not_final = [MilestoneState(INTERIM, _days(-1), _days(-1))]
    assert projects.project_status(not_final, TODAY) == ProjectStatus.ON_TRACK


def test_an_overdue_report_meeting_makes_a_project_late_at_once() -> None:
    for kind in (INTERIM, FINAL):
        milestones = [MilestoneState(MONTHLY, _days(-30), _days(-30))]
        milestones.append(MilestoneState(kind, _days(-1), None))
        assert projects.project_status(milestones, TODAY) == ProjectStatus.LATE


def test_any_milestone_more_than_fourteen_days_overdue_is_late() -> None:
    for kind in (MONTHLY, OTHER):
        assert projects.project_status([MilestoneState(kind, _days(-15), None)], TODAY) == (
            ProjectStatus.LATE
        )
        assert projects.project_status([MilestoneState(kind, _days(-14), None)], TODAY) == (
            ProjectStatus.ATTENTION
        )


def test_a_recently_missed_meeting_needs_attention() -> None:
    milestones = [
        MilestoneState(MONTHLY, _days(-3), None),
        MilestoneState(INTERIM, _days(20), None),
        MilestoneState(FINAL, _days(80), None),
    ]
    assert projects.project_status(milestones, TODAY) == ProjectStatus.ATTENTION


def test_on_track_when_nothing_is_past_due() -> None:
    milestones = [
        MilestoneState(MONTHLY, _days(-40), _days(-38)),  # done late, but done
        MilestoneState(MONTHLY, TODAY, None),  # due today is not past due
        MilestoneState(INTERIM, _days(1), None),
        MilestoneState(FINAL, _days(80), None),
    ]
    assert projects.project_status(milestones, TODAY) == ProjectStatus.ON_TRACK
    assert projects.project_status([], TODAY) == ProjectStatus.ON_TRACK


# --- default_milestones -----------------------------------------------------------------------


def test_default_milestones_for_a_half_year_project() -> None:
    assert projects.default_milestones(date(2026, 6, 1), date(2026, 11, 30)) == [
        (MONTHLY, date(2026, 6, 15)),  # the first month has its meeting too
        (MONTHLY, date(2026, 7, 15)),
        (MONTHLY, date(2026, 8, 15)),
        (INTERIM, date(2026, 8, 31)),  # 182 days: half-way is day 91
        (MONTHLY, date(2026, 9, 15)),
        (MONTHLY, date(2026, 10, 15)),
        (MONTHLY, date(2026, 11, 15)),
        (FINAL, date(2026, 11, 30)),
    ]


def test_a_report_takes_the_place_of_a_monthly_meeting_close_to_it() -> None:
    result = projects.default_milestones(date(2026, 10, 31), date(2027, 3, 31))
    assert result == [
        (MONTHLY, date(2026, 11, 14)),
        (MONTHLY, date(2026, 12, 14)),
        (INTERIM, date(2027, 1, 14)),  # no 月次定例会 on the same day
        (MONTHLY, date(2027, 2, 14)),
        (MONTHLY, date(2027, 3, 14)),
        (FINAL, date(2027, 3, 31)),
    ]
    short = projects.default_milestones(date(2026, 6, 1), date(2026, 6, 20))
    assert short == [(INTERIM, date(2026, 6, 10)), (FINAL, date(2026, 6, 20))]


def test_no_monthly_meeting_follows_a_report_within_two_weeks() -> None:
    for start, end in [
        (date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 5, 20), date(2026, 9, 3)),
    ]:
        result = projects.default_milestones(start, end)
        reports = [d for k, d in result if k != MONTHLY]
        meetings = [d for k, d in result if k == MONTHLY]
        assert meetings[0] - start < timedelta(days=31)
        assert all(abs(m - r) >= timedelta(days=14) for m in meetings for r in reports)


# --- with a database --------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    company: int
    staff: Actor
    viewer: Actor
    outsider: Actor


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "塩尻市")
    other_region, other_pid = _programme(write_session, "松本市")
    company = Company(programme_id=pid, name="塩尻ワイナリー")
    write_session.add(company)
    write_session.flush()
    return Setting(
        pid=pid,
        other_pid=other_pid,
        company=company.id,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _make_ready(s: Session, setting: Setting, company_id: int) -> None:
    for check in ACCEPTANCE_CHECKS:
        question = next(q for q in B1.questions() if q.id == check)
        value = {"choice": question.options[0].label}
        save_answer(s, setting.staff, setting.pid, B1, check, value, 0, company_id)


def _people(s: Session, pid: int, *names: str) -> list[int]:
    people = [Talent(programme_id=pid, name=name, applied_on=date(2026, 5, 1)) for name in names]
    s.add_all(people)
    s.flush()
    return [p.id for p in people]


def _project(s: Session, setting: Setting, theme: str = "需要予測", **fields) -> Project:  # type: ignore[no-untyped-def]
    fields.setdefault("starts_on", date(2026, 6, 1))
    project = Project(programme_id=setting.pid, company_id=setting.company, theme=theme, **fields)
    s.add(project)
    s.flush()
    return project


def _team(s: Session, project_id: int) -> dict[int, tuple[str, date | None]]:
    s.flush()
    rows = s.exec(select(ProjectMember).where(ProjectMember.project_id == project_id)).all()
    return {m.talent_id: (m.role, m.joined_on) for m in rows}


def test_create_project_waits_for_the_acceptance_checks(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    data = ProjectInput(setting.company, " 需要予測 ", date(2026, 6, 1), date(2026, 11, 30))
    with pytest.raises(InputError) as error:
        projects.create_project(s, setting.staff, setting.pid, data)
    assert error.value.key == "screening.error.not_ready"
    assert error.value.params["company"] == "塩尻ワイナリー"
    assert s.exec(select(func.count()).select_from(Project)).one() == 0

    _make_ready(s, setting, setting.company)
    titles = {FINAL: "最終報告会"}
    project = projects.create_project(s, setting.staff, setting.pid, data, titles)
    s.flush()
    assert (project.theme, project.company_id) == ("需要予測", setting.company)
    milestones = s.exec(
        select(Milestone)
        .where(Milestone.project_id == project.id)
        .order_by(Milestone.due_on, Milestone.id)
    ).all()
    expected = projects.default_milestones(date(2026, 6, 1), date(2026, 11, 30))
    assert [(m.kind, m.due_on) for m in milestones] == expected
    assert [m.title for m in milestones if m.kind == FINAL] == ["最終報告会"]
    assert all(m.done_on is None for m in milestones)

    open_ended = ProjectInput(setting.company, "在庫管理", date(2026, 7, 1))
    other = projects.create_project(s, setting.staff, setting.pid, open_ended)
    s.flush()
    assert s.exec(select(Milestone).where(Milestone.project_id == other.id)).all() == []


def test_create_project_checks_its_input(write_session: Session, setting: Setting) -> None:
    s = write_session
    elsewhere = Company(programme_id=setting.other_pid, name="松本精機")
    s.add(elsewhere)
    s.flush()
    data = ProjectInput(elsewhere.id, "  ", date(2026, 6, 1), date(2026, 5, 31))
    with pytest.raises(InvalidInput) as error:
        projects.create_project(s, setting.staff, setting.pid, data)
    assert [e.key for e in error.value.errors] == [
        "project.error.theme_required",
        "project.error.ends_before_start",
        "project.error.company",
    ]
    with pytest.raises(AccessDenied):
        projects.create_project(
            s, setting.viewer, setting.pid, ProjectInput(setting.company, "x", date(2026, 6, 1))
        )


def test_set_team_makes_the_team_exactly_the_given_members(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    a, b, c = _people(s, setting.pid, "A", "B", "C")
    (stranger,) = _people(s, setting.other_pid, "松本の人")
    project = _project(s, setting)
    first_day, later = date(2026, 6, 1), date(2026, 7, 1)
    projects.set_team(s, setting.staff, project.id, {a: " リーダー ", b: ""}, first_day)
    assert _team(s, project.id) == {a: ("リーダー", first_day), b: ("", first_day)}

    projects.set_team(s, setting.staff, project.id, {a: "PM", c: "分析"}, later)
    assert _team(s, project.id) == {a: ("PM", first_day), c: ("分析", later)}

    with pytest.raises(InputError) as error:
        projects.set_team(s, setting.staff, project.id, {a: "PM", stranger: "x"}, later)
    assert error.value.key == "project.error.talent"
    with pytest.raises(InputError):
        projects.set_team(s, setting.staff, project.id, {987654: "x"}, later)
    assert _team(s, project.id) == {a: ("PM", first_day), c: ("分析", later)}

    with pytest.raises(AccessDenied):
        projects.set_team(s, setting.viewer, project.id, {}, later)
    projects.set_team(s, setting.staff, project.id, {}, later)
    assert _team(s, project.id) == {}


def test_update_milestones_sets_title_due_and_done(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    project = _project(s, setting)
    other = _project(s, setting, "別案件")
    meeting = projects.add_milestone(
        s, setting.staff, project.id, MONTHLY, " 第1回 ", date(2026, 7, 1)
    )
    report = projects.add_milestone(s, setting.staff, project.id, INTERIM, "中間", date(2026, 9, 1))
    foreign = projects.add_milestone(s, setting.staff, other.id, MONTHLY, "別", date(2026, 7, 1))
    assert meeting.title == "第1回"
    projects.update_milestones(
        s,
        setting.staff,
        project.id,
        {meeting.id: (" 第1回定例会 ", date(2026, 7, 2), date(2026, 7, 3))},
    )
    s.flush()
    s.expire_all()
    stored = s.get(Milestone, meeting.id)
    assert (stored.title, stored.due_on, stored.done_on) == (
        "第1回定例会",
        date(2026, 7, 2),
        date(2026, 7, 3),
    )
    assert s.get(Milestone, report.id).done_on is None

    with pytest.raises(InputError) as error:
        projects.update_milestones(
            s,
            setting.staff,
            project.id,
            {
                report.id: ("中間", date(2026, 9, 1), date(2026, 9, 1)),
                foreign.id: ("別", date(2026, 7, 1), date(2026, 7, 1)),
            },
        )
    assert error.value.key == "project.error.milestone"
    s.flush()
    s.expire_all()
    assert s.get(Milestone, report.id).done_on is None
    assert s.get(Milestone, foreign.id).done_on is None
    with pytest.raises(AccessDenied):
        projects.update_milestones(s, setting.outsider, project.id, {})


def test_only_members_submit_reports(write_session: Session, setting: Setting) -> None:
    s = write_session
    member, outsider = _people(s, setting.pid, "メンバー", "部外者")
    project = _project(s, setting)
    other = _project(s, setting, "別案件")
    projects.set_team(s, setting.staff, project.id, {member: ""}, date(2026, 6, 1))
    projects.set_team(s, setting.staff, other.id, {outsider: ""}, date(2026, 6, 1))
    mine = projects.add_milestone(s, setting.staff, project.id, MONTHLY, "定例", date(2026, 7, 1))
    theirs = projects.add_milestone(s, setting.staff, other.id, MONTHLY, "定例", date(2026, 7, 1))
    day = date(2026, 7, 2)

    def refused(talent_id: int, summary: str, milestone_id: int | None = None) -> str:
        with pytest.raises(InputError) as error:
            projects.submit_report(
                s, setting.staff, project.id, talent_id, day, summary, milestone_id
            )
        return error.value.key

    assert refused(outsider, "報告") == "project.error.not_member"
    assert refused(member, "   ") == "project.error.summary_required"
    assert refused(member, "報告", theirs.id) == "project.error.milestone"
    assert refused(member, "報告", 987654) == "project.error.milestone"
    s.flush()
    assert s.exec(select(func.count()).select_from(MeetingReport)).one() == 0

    report = projects.submit_report(
        s, setting.staff, project.id, member, day, " 需要の傾向を確認 ", mine.id
    )
    s.flush()
    assert (report.talent_id, report.milestone_id, report.summary) == (
        member,
        mine.id,
        "需要の傾向を確認",
    )
    detail = projects.project_detail(s, setting.viewer, project.id, TODAY)
    assert [(r.id, name) for r, name in detail.reports] == [(report.id, "メンバー")]
    with pytest.raises(AccessDenied):
        projects.submit_report(s, setting.viewer, project.id, member, day, "報告")


def test_list_projects_rows(write_session: Session, setting: Setting) -> None:
    s = write_session
    aoki, baba, chiba = _people(s, setting.pid, "Aoki", "Baba", "Chiba")
    second_company = Company(programme_id=setting.pid, name="塩尻漆器")
    s.add(second_company)
    s.flush()
    on_track = _project(
        s, setting, "需要予測", starts_on=date(2026, 6, 1), ends_on=date(2026, 12, 1)
    )
    late = Project(
        programme_id=setting.pid,
        company_id=second_company.id,
        theme="受発注の電子化",
        starts_on=date(2026, 7, 1),
    )
    s.add(late)
    s.flush()
    bare = _project(s, setting, "準備中", starts_on=date(2026, 8, 1))
    finished = _project(s, setting, "完了案件", starts_on=date(2026, 4, 1))
    s.add_all(
        [
            Milestone(
                project_id=on_track.id,
                kind=MONTHLY,
                title="",
                due_on=date(2026, 9, 1),
                done_on=date(2026, 9, 1),
            ),
            Milestone(project_id=on_track.id, kind=MONTHLY, title="", due_on=date(2026, 10, 1)),
            Milestone(project_id=on_track.id, kind=INTERIM, title="", due_on=date(2026, 9, 16)),
            Milestone(project_id=on_track.id, kind=FINAL, title="", due_on=date(2026, 12, 1)),
            Milestone(project_id=late.id, kind=INTERIM, title="", due_on=date(2026, 9, 10)),
            Milestone(project_id=late.id, kind=FINAL, title="", due_on=date(2026, 12, 20)),
            Milestone(
                project_id=finished.id,
                kind=FINAL,
                title="",
                due_on=date(2026, 8, 31),
                done_on=date(2026, 8, 31),
            ),
        ]
    )
    s.add_all(
        [
            ProjectMember(project_id=on_track.id, talent_id=chiba),
            ProjectMember(project_id=on_track.id, talent_id=aoki),
            ProjectMember(project_id=late.id, talent_id=baba),
        ]
    )
    s.flush()
    other_company = Company(programme_id=setting.other_pid, name="松本精機")
    s.add(other_company)
    s.flush()
    s.add(
        Project(
            programme_id=setting.other_pid,
            company_id=other_company.id,
            theme="松本の案件",
            starts_on=date(2026, 6, 1),
        )
    )
    s.flush()

    rows = projects.list_projects(s, setting.viewer, setting.pid, TODAY)
    assert [r.id for r in rows] == [finished.id, on_track.id, late.id, bare.id]  # by start
    summary = {
        r.theme: (
            r.company,
            r.members,
            r.milestones_done,
            r.milestones_total,
            r.next_due,
            r.status,
        )
        for r in rows
    }
    assert summary == {
        "完了案件": ("塩尻ワイナリー", (), 1, 1, None, ProjectStatus.DONE),
        "需要予測": (
            "塩尻ワイナリー",
            ("Aoki", "Chiba"),
            1,
            4,
            date(2026, 9, 16),
            ProjectStatus.ON_TRACK,
        ),
        "受発注の電子化": (
            "塩尻漆器",
            ("Baba",),
            0,
            2,
            date(2026, 9, 10),
            ProjectStatus.LATE,
        ),
        "準備中": ("塩尻ワイナリー", (), 0, 0, None, ProjectStatus.ON_TRACK),
    }
    later = {
        r.theme: r.status
        for r in projects.list_projects(s, setting.staff, setting.pid, date(2026, 9, 17))
    }
    assert later["需要予測"] == ProjectStatus.LATE  # the interim report is now overdue
    with pytest.raises(AccessDenied):
        projects.list_projects(s, setting.outsider, setting.pid, TODAY)
    with pytest.raises(AccessDenied):
        projects.project_detail(s, setting.outsider, on_track.id, TODAY)


def test_an_over_long_theme_is_reported_not_crashed_on(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    _make_ready(s, setting, setting.company)
    data = ProjectInput(setting.company, "題" * 301, date(2026, 6, 1))
    # The savepoint keeps the test's transaction usable after a database error.
    with pytest.raises(InvalidInput), s.begin_nested():
        projects.create_project(s, setting.staff, setting.pid, data)
