"""A worksheet page: the guideline's steps, each question live and saving itself."""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.services import answers, screening
from colead.services.answers import StoredAnswer
from colead.services.records import record_choices
from colead.ui import facilitation, partners_page, printable, projector, screening_grid
from colead.ui.cached import cached_read
from colead.ui.context import PageContext, programme_label
from colead.ui.exports import excel_button
from colead.ui.i18n import localised, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import attempt, flash, may_edit
from colead.ui.worksheet_form import Target, render_question
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Record, Worksheet

FACILITATION = {
    "A-3": facilitation.meetup_timetable,
    "B-2": partners_page.outcomes_panel,
    "B-5": facilitation.pre_meetings,
}


def _company_picker(context: PageContext, sheet: Worksheet) -> int | None:
    companies = cached_read(record_choices, context.actor, context.programme.id, Record.COMPANY)
    if not companies:
        st.info(t("worksheet.no_companies"), icon=":material/domain:")
        return None
    labels = {c.id: c.label for c in companies}
    return st.selectbox(
        t("worksheet.company"), list(labels), format_func=labels.get, key=f"ws:{sheet.code}:company"
    )


def _printable(context: PageContext, sheet: Worksheet) -> None:
    """The sheet alone, laid out as the guideline prints it, for the browser's print."""
    printable.render(context, sheet)


def _tools(context: PageContext, sheet: Worksheet) -> bool:
    """Export and printable view; returns whether the printable view is on."""
    with st.container(horizontal=True, vertical_alignment="center"):
        # The workbook keeps the guideline's Japanese wording, as every export does.
        excel_button(context, [WORKSHEETS[sheet.code]], "export.worksheet", sheet.code)
        return st.toggle(
            t("worksheet.printable"),
            key=f"ws:{sheet.code}:print",
            help=t("worksheet.printable_help"),
        )


def _drafts(
    context: PageContext,
    sheet: Worksheet,
    stored: dict[str, StoredAnswer],
    company_id: int | None,
    editable: bool,
) -> None:
    """Say how many answers are still last year's drafts, and let staff keep them as they are."""
    flash()
    drafts = [a for a in stored.values() if a.carried_from is not None]
    if not drafts:
        return
    years = {c.id: escape_markdown(programme_label(c)) for c in context.choices}
    if drafts[0].carried_from == context.programme.id:  # an applying company's own answers
        message = t("worksheet.applicant_drafts", count=len(drafts))
    else:
        message = t(
            "worksheet.drafts", count=len(drafts), year=years.get(drafts[0].carried_from, "")
        )
    st.warning(message, icon=":material/history:")
    if editable and st.button(t("worksheet.confirm_drafts"), key=f"ws:{sheet.code}:drafts"):
        done = attempt(
            lambda s: answers.confirm_drafts(
                s, context.actor, context.programme.id, sheet, company_id
            ),
            "worksheet.drafts_confirmed",
            count=len(drafts),
        )
        if done:
            st.rerun()


def render(context: PageContext, code: str) -> None:
    # Everything below (form, B-1 grid, projector, facilitation aids, printable view) reads the
    # sheet's texts from this copy in the session's language; ids, and so answers, are the same.
    sheet = localised(WORKSHEETS[code])
    if context.programme is None:
        page_header(f"{sheet.code} {sheet.title}")
        st.warning(t("context.no_programme"))
        return
    title, switch = st.columns([3, 1], vertical_alignment="bottom")
    with title:
        page_header(f"{sheet.code} {sheet.title}", programme_label(context.programme))
    with switch:
        projector.switch()
    projector.apply_style()
    if not projector.is_on():
        st.write(sheet.purpose)
        if _tools(context, sheet):
            _printable(context, sheet)
            return
    editable = may_edit(context)
    if context.programme.archived:
        st.info(t("programme.archived_read_only"), icon=":material/inventory_2:")
    elif not editable:
        st.info(t("worksheet.read_only"), icon=":material/visibility:")
    if sheet.code == screening.SCREENING:
        screening_grid.render(context, sheet, editable)
        return
    company_id = _company_picker(context, sheet) if sheet.per_company else None
    if sheet.per_company and company_id is None:
        return
    with session_scope() as session:
        stored = answers.load_answers(
            session, context.actor, context.programme.id, sheet, company_id
        )
    if not projector.is_on():
        _drafts(context, sheet, stored, company_id, editable)
    steps = sheet.steps
    if projector.is_on():
        steps = (sheet.steps[projector.step_index(sheet)],)
    for step in steps:
        with st.container(border=True):
            st.subheader(f"{step.id} {step.title}")
            if step.guidance:
                st.caption(step.guidance)
            for question in step.questions:
                target = Target(context.programme.id, sheet, company_id, question)
                render_question(context, target, stored.get(question.id), editable)
    last_step_shown = steps[-1] is sheet.steps[-1]
    aid = FACILITATION.get(sheet.code)
    if aid and last_step_shown:
        aid(context, sheet, stored)
