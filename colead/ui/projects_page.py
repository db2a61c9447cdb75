"""協働プロジェクト (B-6): projects with their team, milestones and meeting reports; the status
of each is derived from its milestones."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import MilestoneKind
from colead.services import companies as company_service
from colead.services import projects as project_service
from colead.services.projects import ProjectDetail, ProjectInput, ProjectRow, ProjectStatus
from colead.services.records import record_choices
from colead.ui import record_link
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_date, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
)
from colead.worksheets.schema import Record

_OPEN = "colead_project_open"
_PAGE = "colead_project_page"
PER_PAGE = 20  # projects with their teams: a screenful on a projector
NEW = "colead_project_new_open"
STATUS_MARK = {
    ProjectStatus.ON_TRACK: "🟢",
    ProjectStatus.ATTENTION: "🟡",
    ProjectStatus.LATE: "🔴",
    ProjectStatus.DONE: "✅",
}


def status_text(status: ProjectStatus) -> str:
    return f"{STATUS_MARK[status]} {t(f'project.status.{status}')}"


def _period(start: date, end: date | None) -> str:
    return f"{fmt_date(start)}〜{fmt_date(end) if end else ''}"


def _table(rows: list[ProjectRow]) -> None:
    statuses = {status: status_text(status) for status in ProjectStatus}
    frame = pd.DataFrame(
        [
            {
                t("project.field.status"): statuses[r.status],
                t("project.field.company"): r.company,
                t("project.field.theme"): r.theme,
                t("project.field.period"): _period(r.starts_on, r.ends_on),
                t("project.field.team"): "、".join(r.members),
                t("project.field.progress"): f"{r.milestones_done}／{r.milestones_total}",
                t("project.field.next_due"): fmt_date(r.next_due),
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    st.caption(t("project.status_help"))


def _new_project(context: PageContext) -> None:
    with session_scope() as session:
        companies = record_choices(session, context.actor, context.programme.id, Record.COMPANY)
    names = {c.id: c.label for c in companies}
    # Each create form here is empty again after a write and keeps its input when refused.
    with st.form(form_key("colead_project_new")):
        st.caption(t("project.new_help"))
        company = st.selectbox(
            t("project.field.company"), list(names), format_func=names.get, index=None,
            placeholder=t("project.pick_company"),
        )  # fmt: skip
        theme = st.text_input(t("project.field.theme") + " *")
        left, right = st.columns(2)
        starts = left.date_input(
            t("project.field.starts"), value=today_in_japan(), format="YYYY/MM/DD"
        )
        ends = right.date_input(t("project.field.ends"), value=None, format="YYYY/MM/DD")
        if not st.form_submit_button(t("project.create"), type="primary"):
            return
    if company is None:
        st.error(t("project.error.company"))
        return
    titles = {kind: t(f"enum.milestone.{kind}") for kind in MilestoneKind}
    if attempt(
        lambda s: project_service.create_project(
            s,
            context.actor,
            context.programme.id,
            ProjectInput(company, theme, starts, ends),
            titles,
        ),
        "project.created",
        company=names[company],
    ):
        renew_forms()
        st.rerun()


def _team(context: PageContext, detail: ProjectDetail) -> None:
    project_id = detail.project.id
    with session_scope() as session:
        people = record_choices(session, context.actor, context.programme.id, Record.TALENT)
    names = {p.id: p.label for p in people}
    roles = {talent_id: role for talent_id, _, role in detail.members}
    with st.form(f"colead_team_{project_id}"):
        chosen = st.multiselect(
            t("project.field.team"),
            list(names),
            default=list(roles),
            format_func=names.get,
            placeholder=t("event.pick_people"),
        )
        if st.form_submit_button(t("project.save_team")) and (
            attempt(
                lambda s: project_service.set_team(
                    s,
                    context.actor,
                    project_id,
                    {p: roles.get(p, "") for p in chosen},
                    today_in_japan(),
                ),
                "form.saved",
            )
        ):
            st.rerun()


def _milestones(context: PageContext, detail: ProjectDetail, editable: bool) -> None:
    st.markdown(f"#### {t('project.milestones')}")
    today = today_in_japan()
    if not detail.milestones:
        st.info(t("project.no_milestones"))
    if not editable:
        frame = pd.DataFrame(
            [
                {
                    t("project.field.milestone"): m.title or t(f"enum.milestone.{m.kind}"),
                    t("project.field.due"): fmt_date(m.due_on),
                    t("project.field.done"): fmt_date(m.done_on) if m.done_on else "",
                }
                for m in detail.milestones
            ]
        )
        if detail.milestones:
            st.dataframe(frame, hide_index=True, width="stretch")
        return
    if detail.milestones:
        with st.form(f"colead_milestones_{detail.project.id}"):
            st.caption(t("project.milestones_help"))
            changes = {}
            for m in detail.milestones:
                title_col, due_col, done_col = st.columns([3, 2, 2])
                overdue = m.done_on is None and m.due_on < today
                label = t(f"enum.milestone.{m.kind}") + ("　⚠️" if overdue else "")
                title = title_col.text_input(label, value=m.title, key=f"colead_ms_title_{m.id}")
                due = due_col.date_input(
                    t("project.field.due"), value=m.due_on, format="YYYY/MM/DD",
                    key=f"colead_ms_due_{m.id}",
                )  # fmt: skip
                done = done_col.date_input(
                    t("project.field.done"), value=m.done_on, format="YYYY/MM/DD",
                    key=f"colead_ms_done_{m.id}",
                )  # fmt: skip
                changes[m.id] = (title, due, done)
            if st.form_submit_button(t("project.save_milestones"), type="primary") and (
                attempt(
                    lambda s: project_service.update_milestones(
                        s, context.actor, detail.project.id, changes
                    ),
                    "form.saved",
                )
            ):
                st.rerun()
    with st.form(form_key(f"colead_milestone_add_{detail.project.id}")):
        st.markdown(f"**{t('project.add_milestone')}**")
        kind_col, title_col, due_col = st.columns([2, 3, 2])
        kind = kind_col.selectbox(
            t("project.field.kind"),
            list(MilestoneKind),
            format_func=lambda k: t(f"enum.milestone.{k}"),
        )
        title = title_col.text_input(t("project.field.milestone"))
        due = due_col.date_input(t("project.field.due"), value=today, format="YYYY/MM/DD")
        if st.form_submit_button(t("project.add_milestone")) and (
            attempt(
                lambda s: project_service.add_milestone(
                    s, context.actor, detail.project.id, kind, title, due
                ),
                "form.saved",
            )
        ):
            renew_forms()
            st.rerun()


def _reports(context: PageContext, detail: ProjectDetail, editable: bool) -> None:
    st.markdown(f"#### {t('project.reports')}")
    if detail.reports:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("project.field.submitted"): fmt_date(r.submitted_on),
                        t("project.field.author"): name,
                        t("project.field.summary"): r.summary,
                    }
                    for r, name in detail.reports
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(t("project.no_reports"))
    if not editable or not detail.members:
        return
    members = {talent_id: name for talent_id, name, _ in detail.members}
    milestones = {m.id: m.title or t(f"enum.milestone.{m.kind}") for m in detail.milestones}
    with st.form(form_key(f"colead_report_{detail.project.id}")):
        st.markdown(f"**{t('project.add_report')}**")
        left, middle, right = st.columns([2, 3, 2])
        author = left.selectbox(t("project.field.author"), list(members), format_func=members.get)
        about = middle.selectbox(
            t("project.field.milestone"), [None, *milestones],
            format_func=lambda m: milestones[m] if m is not None else "—",
        )  # fmt: skip
        day = right.date_input(
            t("project.field.submitted"), value=today_in_japan(), format="YYYY/MM/DD"
        )
        summary = st.text_area(t("project.field.summary") + " *", height=100)
        if st.form_submit_button(t("project.add_report")) and (
            attempt(
                lambda s: project_service.submit_report(
                    s, context.actor, detail.project.id, author, day, summary, about
                ),
                "project.report_added",
            )
        ):
            renew_forms()
            st.rerun()


def _detail(context: PageContext, project_id: int) -> None:
    with session_scope() as session:
        detail = project_service.project_detail(
            session, context.actor, project_id, today_in_japan()
        )
    project = detail.project
    st.subheader(escape_markdown(f"{detail.company}：{project.theme}"))
    st.markdown(
        f"**{t('project.field.status')}** {status_text(detail.status)}　"
        f"**{t('project.field.period')}** {_period(project.starts_on, project.ends_on)}"
    )
    editable = may_edit(context)
    if editable:
        _team(context, detail)
    else:
        st.markdown(
            f"**{t('project.field.team')}** "
            + escape_markdown("、".join(name for _, name, _ in detail.members))
        )
    _milestones(context, detail, editable)
    _reports(context, detail, editable)


def _finder(context: PageContext) -> record_link.Finder:
    """A project by id, if the signed-in person may see it (for a link to it)."""

    def find(project_id: int) -> record_link.Found:
        with session_scope() as session:
            project = project_service.project_for(session, context.actor, project_id)
            company = company_service.company_for(session, context.actor, project.company_id)
            return record_link.Found(f"{company.name}：{project.theme}", project.programme_id)

    return find


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.projects"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.projects"), programme_label(context.programme))
    record_link.arrive(context, _OPEN, _finder(context))
    flash()
    with session_scope() as session:
        page = project_service.projects_page(
            session,
            context.actor,
            context.programme.id,
            today_in_japan(),
            current_page(_PAGE),
            PER_PAGE,
        )
    rows = page.rows
    if rows:
        page_picker(_PAGE, page)
        _table(rows)
    else:
        st.info(t("project.none"))
    if may_edit(context):
        # Drawn only while open: the form lists every company of the programme.
        new = st.expander(t("project.new"), icon=":material/add:", key=NEW, on_change="rerun")
        with new:
            if new.open:
                _new_project(context)
    if not rows:
        return
    names = {r.id: f"{r.company}：{r.theme}" for r in rows}
    opened = record_link.record_picker(
        context,
        _OPEN,
        names,
        _finder(context),
        label=t("project.open"),
        placeholder=t("project.open_placeholder"),
    )
    if opened is not None:
        _detail(context, opened)
