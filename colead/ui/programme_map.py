"""Home: the programme map (track A beside track B) and the headline counts."""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.models import Role
from colead.services.programmes import ProgrammeOverview, StepState, programme_overview
from colead.ui.context import PageContext, programme_label
from colead.ui.exports import excel_button
from colead.ui.i18n import localised, t
from colead.ui.layout import page_header
from colead.ui.nav import page_file, worksheet_page
from colead.ui.setup_page import SETUP_SHOWN
from colead.worksheets import WORKSHEETS, by_track, question_totals
from colead.worksheets.schema import Track, Worksheet

_BADGE = {
    StepState.NOT_STARTED: ("gray", ":material/radio_button_unchecked:"),
    StepState.IN_PROGRESS: ("orange", ":material/pending:"),
    StepState.DONE: ("green", ":material/check_circle:"),
}


def _headline(overview: ProgrammeOverview) -> None:
    h = overview.headline
    cols = st.columns(4)
    cols[0].metric(t("home.talents"), t("unit.people", n=h.talents), border=True)
    cols[1].metric(t("home.companies"), t("unit.companies", n=h.companies), border=True)
    cols[2].metric(t("home.events_held"), t("unit.times", n=h.events_held), border=True)
    cols[3].metric(t("home.projects_running"), t("unit.items", n=h.projects_running), border=True)


def _step_card(sheet: Worksheet, overview: ProgrammeOverview) -> None:
    status = overview.steps[sheet.code]
    color, icon = _BADGE[status.state]
    with st.container(border=True):
        head, badge = st.columns([3, 1], vertical_alignment="center")
        head.markdown(f"#### {sheet.code} {sheet.short_title}")
        with badge:
            st.badge(t(f"step.{status.state}"), icon=icon, color=color)
        st.caption(sheet.purpose)
        facts = [t(fact.key, **fact.params) for fact in status.facts]
        if status.total:
            facts.append(t("fact.answered", answered=status.answered, total=status.total))
        st.markdown(" ・ ".join(facts))
        st.page_link(
            worksheet_page(sheet.code).file,
            label=t("home.open_step"),
            icon=":material/arrow_forward:",
        )


def _track(track: Track, overview: ProgrammeOverview) -> None:
    st.subheader(t(f"track.{track}"))
    sheets = by_track(track)
    for index, sheet in enumerate(sheets):
        _step_card(localised(sheet), overview)
        if index < len(sheets) - 1:
            st.markdown(":material/arrow_downward:", text_alignment="center")


def _no_programme(context: PageContext) -> None:
    """Staff wait for an admin; an admin of an installation with no programme is taken to the
    first set-up until it has been shown in this session, and offered it on every visit after.

    The mark is set by the set-up page itself: a redirect cut short by a rerun (the login
    cookie's) is simply made again."""
    page_header(t("page.home"))
    if not context.actor.has_role(Role.ADMIN):
        st.warning(t("context.no_programme"))
        return
    if not st.session_state.get(SETUP_SHOWN):
        st.switch_page(page_file("pages/setup.py"))
    st.info(t("home.setup_cta"), icon=":material/rocket_launch:")
    st.page_link(
        page_file("pages/setup.py"), label=t("home.setup_open"), icon=":material/arrow_forward:"
    )


def render(context: PageContext) -> None:
    if context.programme is None:
        _no_programme(context)
        return
    with session_scope() as session:
        overview = programme_overview(
            session, context.actor, context.programme.id, question_totals()
        )
    page_header(t("page.home"), overview.programme.name or programme_label(overview.programme))
    _headline(overview)
    intro, download = st.columns([3, 1], vertical_alignment="center")
    intro.write(t("home.tracks_intro"))
    with download:
        excel_button(context, list(WORKSHEETS.values()), "export.all", "worksheets")
    left, right = st.columns(2, gap="large")
    with left:
        _track(Track.A, overview)
    with right:
        _track(Track.B, overview)
