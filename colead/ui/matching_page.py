"""マッチング: people suggested for one company with every criterion explained, teams proposed
for all companies at once (accepted teams become projects), and the programme's weights.

Only the chosen part is drawn: suggestions score everybody of the programme for one company,
and a team proposal runs the optimiser, so both wait until someone asks.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan, translate
from colead.models import MilestoneKind, SkillType
from colead.services import matching, teams
from colead.services.answers import AnswerConflict
from colead.services.errors import InputError
from colead.services.matching import CRITERIA, MatchWeights, Suggestion
from colead.services.records import record_choices
from colead.services.teams import Proposal, ProposedTeam
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import lang, t
from colead.ui.layout import escape_markdown, page_header, section_switch
from colead.ui.nav import worksheet_page
from colead.ui.registry import attempt, flash, may_edit, show_errors
from colead.worksheets.schema import Record

SECTION = "colead_match_section"
COMPANY = "colead_match_company"
PROPOSAL = "colead_team_proposal"
_SECTIONS = ("suggest", "teams", "weights")
_TOP_EXPLAINED = 5


def _skills(values: tuple[str, ...] | list[str]) -> str:
    return "・".join(t(f"enum.skill.{s}") for s in values) or "—"


def _reason(reason: matching.Reason) -> str:
    mark = "✅" if reason.met else "・"
    return f"{mark} {escape_markdown(translate(reason.key, lang(), **dict(reason.params)))}"


# --- suggestions for one company ----------------------------------------------------------------


def _suggestion_table(rows: list[Suggestion]) -> None:
    names = {c: t(f"match.criterion.{c}") for c in CRITERIA}
    frame = pd.DataFrame(
        [
            {
                t("team.rank"): rank,
                t("talent.field.name"): s.name,
                t("talent.field.skills"): _skills(s.skills),
                t("match.total"): s.total,
                **{names[c.key]: round(c.points, 1) for c in s.criteria},
            }
            for rank, s in enumerate(rows, start=1)
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            t("match.total"): st.column_config.ProgressColumn(
                t("match.total"), min_value=0, max_value=100, format="%.0f"
            )
        },
    )


def _explained(rank: int, suggestion: Suggestion) -> None:
    name = escape_markdown(suggestion.name)
    label = f"{t('match.rank', rank=rank)}　{name}　{suggestion.total:.0f}"
    with st.expander(label, expanded=rank == 1):
        if suggestion.already_on_project:
            st.info(t("match.already_on_project"))
        for criterion in suggestion.criteria:
            points = t(
                "match.points",
                points=f"{criterion.points:.0f}",
                max_points=f"{criterion.max_points:.0f}",
            )
            st.markdown(f"**{t(f'match.criterion.{criterion.key}')}**　{points}")
            st.markdown("\n".join(f"- {_reason(r)}" for r in criterion.reasons))


def _suggestions(context: PageContext) -> None:
    with session_scope() as session:
        companies = record_choices(session, context.actor, context.programme.id, Record.COMPANY)
    if not companies:
        st.info(t("worksheet.no_companies"))
        return
    names = {c.id: c.label for c in companies}
    left, right = st.columns([3, 1])
    company = left.selectbox(
        t("match.company"),
        list(names),
        index=None,
        format_func=names.get,
        key=COMPANY,
        placeholder=t("team.pick_company"),
    )
    include = right.toggle(t("match.include_team"), key="colead_match_include")
    if company is None:
        st.caption(t("team.pick_company_help"))
        return
    with session_scope() as session:
        rows = matching.suggest_for_company(
            session, context.actor, company, today_in_japan(), limit=10, include_team=include
        )
    if not rows:
        st.info(t("match.none"))
        return
    st.caption(t("match.caption"))
    _suggestion_table(rows)
    for rank, suggestion in enumerate(rows[:_TOP_EXPLAINED], start=1):
        _explained(rank, suggestion)


# --- teams for every company ---------------------------------------------------------------------


def _propose(context: PageContext, capacity: int, size: int) -> None:
    try:
        with session_scope() as session:
            proposal = teams.propose(
                session,
                context.actor,
                context.programme.id,
                today_in_japan(),
                capacity=capacity,
                max_team_size=size or None,
            )
    except InputError as error:
        show_errors(error)
        return
    st.session_state[PROPOSAL] = (context.programme.id, proposal)


def _summary(proposal: Proposal) -> None:
    a, b, c = st.columns(3)
    a.metric(t("team.covered"), f"{proposal.covered} / {proposal.needed}")
    b.metric(t("team.assigned"), t("unit.people", n=proposal.assigned))
    c.metric(t("team.available"), t("unit.people", n=proposal.people))
    st.caption(t("team.optimal" if proposal.optimal else "team.not_optimal", s=proposal.seconds))
    if proposal.without_needs:
        st.warning(
            t("team.without_needs", companies=escape_markdown("、".join(proposal.without_needs)))
        )
        st.page_link(worksheet_page("B-3").file, label=t("team.to_b3"), icon=":material/edit:")
    if proposal.running:
        st.caption(t("team.running", companies=escape_markdown("、".join(proposal.running))))


def _team(context: PageContext, team: ProposedTeam, people: dict[int, str], editable: bool) -> None:
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(team.company)}")
        st.markdown(f"{t('team.needs')}：{_skills(team.needs)}")
        if team.members:
            st.markdown(
                "\n".join(
                    f"- **{escape_markdown(m.name)}**（{_skills(m.serves)}）"
                    f"　{t('match.total')} {m.score:.0f}"
                    for m in team.members
                )
            )
        if team.uncovered:
            st.warning(t("team.uncovered", skills=_skills(team.uncovered)))
        else:
            st.success(t("team.all_covered"))
        if not editable:
            return
        if not team.ready:
            st.warning(
                t(
                    "screening.not_ready",
                    company=escape_markdown(team.company),
                    missing="、".join(team.missing_checks),
                )
            )
            st.page_link(
                worksheet_page("B-1").file, label=t("team.to_b1"), icon=":material/checklist:"
            )
            return
        with st.form(f"colead_team_accept_{team.company_id}"):
            chosen = st.multiselect(
                t("project.field.team"),
                list(people),
                default=[m.talent_id for m in team.members],
                format_func=people.get,
                placeholder=t("event.pick_people"),
            )
            theme = st.text_input(t("project.field.theme") + " *")
            left, right = st.columns(2)
            starts = left.date_input(
                t("project.field.starts"), value=today_in_japan(), format="YYYY/MM/DD"
            )
            ends = right.date_input(t("project.field.ends"), value=None, format="YYYY/MM/DD")
            if not st.form_submit_button(t("team.accept"), type="primary"):
                return
        titles = {kind: t(f"enum.milestone.{kind}") for kind in MilestoneKind}
        started = attempt(
            lambda s: teams.accept(
                s,
                context.actor,
                context.programme.id,
                team.company_id,
                chosen,
                theme,
                starts,
                ends,
                titles,
            ),
            "team.accepted",
            company=team.company,
            n=len(chosen),
        )
        if started:
            st.session_state.pop(PROPOSAL, None)
            st.rerun()


def _fill_step3(context: PageContext, proposal: Proposal) -> None:
    labels = {s.value: t(f"enum.skill.{s}") for s in SkillType}
    rows = teams.fit_rows(proposal.teams, labels)
    st.markdown(f"**{t('team.step3')}**")
    st.caption(t("team.step3_help"))
    columns = st.columns(2)
    for column, code in zip(columns, ("A-4", "B-4"), strict=True):
        if not column.button(
            t("team.fill", code=code), key=f"colead_fill_{code}", disabled=not rows
        ):
            continue
        try:
            added = attempt(
                lambda s, code=code: teams.fill_fit_talent(
                    s, context.actor, context.programme.id, code, rows
                )
            )
        except AnswerConflict:
            st.error(t("team.fill_conflict", code=code))
            continue
        if added:
            st.success(t("team.filled", code=code, n=added.value))
            st.page_link(worksheet_page(code).file, label=t("team.open", code=code))


def _teams(context: PageContext) -> None:
    editable = may_edit(context)
    st.caption(t("team.caption"))
    with st.form("colead_team_limits"):
        left, right, _ = st.columns([1, 1, 2])
        capacity = left.number_input(
            t("team.capacity"),
            min_value=teams.CAPACITY_RANGE[0],
            max_value=teams.CAPACITY_RANGE[1],
            value=1,
            help=t("team.capacity_help"),
        )
        size = right.number_input(
            t("team.size"),
            min_value=0,
            max_value=teams.TEAM_SIZE_RANGE[1],
            value=0,
            help=t("team.size_help"),
        )
        if st.form_submit_button(t("team.propose"), type="primary", icon=":material/groups:"):
            with st.spinner(t("team.solving")):
                _propose(context, int(capacity), int(size))
    stored = st.session_state.get(PROPOSAL)
    if stored is None or stored[0] != context.programme.id:
        st.info(t("team.none_yet"))
        return
    proposal: Proposal = stored[1]
    _summary(proposal)
    if not proposal.teams:
        return
    with session_scope() as session:
        people = {
            c.id: c.label
            for c in record_choices(session, context.actor, context.programme.id, Record.TALENT)
        }
    for team in proposal.teams:
        _team(context, team, people, editable)
    if editable:
        _fill_step3(context, proposal)


# --- weights -------------------------------------------------------------------------------------


def _weights(context: PageContext) -> None:
    with session_scope() as session:
        current = matching.get_weights(session, context.actor, context.programme.id)
    st.caption(t("match.weights.caption"))
    editable = may_edit(context)
    with st.form("colead_match_weights"):
        columns = st.columns(len(CRITERIA))
        values = {
            criterion: column.number_input(
                t(f"match.criterion.{criterion}"),
                min_value=float(matching.WEIGHT_MIN),
                max_value=float(matching.WEIGHT_MAX),
                value=float(getattr(current, criterion)),
                step=5.0,
                format="%.0f",
                disabled=not editable,
            )
            for criterion, column in zip(CRITERIA, columns, strict=True)
        }
        saved = st.form_submit_button(
            t("match.weights.save"), type="primary", disabled=not editable
        )
    if not editable:
        st.caption(t("team.read_only"))
        return
    if saved and (
        attempt(
            lambda s: matching.set_weights(
                s, context.actor, context.programme.id, MatchWeights(**values)
            ),
            "match.weights.saved",
        )
    ):
        st.rerun()
    if st.button(t("match.weights.reset"), key="colead_match_reset") and (
        attempt(
            lambda s: matching.set_weights(
                s, context.actor, context.programme.id, matching.DEFAULT_WEIGHTS
            ),
            "match.weights.saved",
        )
    ):
        st.rerun()


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.matching"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.matching"), programme_label(context.programme))
    flash()
    section = section_switch(SECTION, _SECTIONS, "team.section")
    if section == "teams":
        _teams(context)
    elif section == "weights":
        _weights(context)
    else:
        _suggestions(context)
