"""B-1 as the guideline draws it: candidate companies down, the ten checks across, by STEP.

The guideline's sheet is a checklist (全てにチェックがつく必要はありませんが…): a ticked cell
stores the check's affirmative option, an unticked one clears the answer.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services import answers, screening
from colead.services.answers import AnswerConflict
from colead.services.errors import InputError
from colead.services.paging import Page
from colead.ui.cached import cached_read
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown
from colead.ui.registry import current_page, page_picker
from colead.worksheets.schema import Question, Worksheet

COMPANY = "company"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_NOTICE = "colead_screening_notice"
_PAGE = "colead_screening_page"


def _columns(sheet: Worksheet) -> list[tuple[str, str, Question]]:
    """(question id, column header, question) in guideline order, numbered ①…⑩."""
    questions = [q for step in sheet.steps for q in step.questions]
    return [(q.id, f"{CIRCLED[i]} {q.label}", q) for i, q in enumerate(questions)]


def _legend(sheet: Worksheet) -> str:
    """STEP1 …：①〜④ ／ STEP2 …：⑤〜⑦ — the guideline's grouping of the columns."""
    parts, start = [], 0
    for step in sheet.steps:
        end = start + len(step.questions) - 1
        parts.append(f"**{step.id} {step.title}**：{CIRCLED[start]}〜{CIRCLED[end]}")
        start = end + 1
    return " ／ ".join(parts)


def _changed_cells(edited: pd.DataFrame, before: pd.DataFrame) -> list[tuple[int, str, bool]]:
    """(company id, question id, ticked) of every cell the person changed, compared at once."""
    checks = before.columns.drop(COMPANY)
    now = edited[checks].fillna(False).astype(bool)
    differs = now.ne(before[checks].fillna(False).astype(bool)).stack()
    return [
        (int(company_id), str(qid), bool(now.at[company_id, qid]))
        for company_id, qid in differs[differs].index
    ]


def _save_changes(
    context: PageContext,
    sheet: Worksheet,
    names: dict[int, str],
    changes: list[tuple[int, str, bool]],
    versions: dict[tuple[int, str], int],
) -> list[str]:
    """Save every changed cell on the version it was loaded with; report refused ones."""
    affirmative = {q.id: q.options[0].label for q in sheet.questions()}
    refused = []
    for company_id, qid, ticked in changes:
        choice = affirmative[qid] if ticked else None
        try:
            with session_scope(write=True) as session:
                answers.save_answer(
                    session,
                    context.actor,
                    context.programme.id,
                    sheet,
                    qid,
                    {"choice": choice},
                    versions.get((company_id, qid), 0),
                    company_id=company_id,
                )
        except AnswerConflict as conflict:
            theirs = (conflict.theirs.value or {}).get("choice")
            refused.append(
                t(
                    "screening.conflict",
                    company=names[company_id],
                    mine=choice or "—",
                    theirs=theirs or "—",
                    by=conflict.theirs.updated_by,
                )
            )
        except InputError as error:
            refused.append(t(error.key, **error.params))
    return refused


def _readiness(context: PageContext, companies: list[tuple[int, str]]) -> None:
    """How many companies may start a project, then each company of the page shown."""
    ready, total = cached_read(screening.ready_count, context.actor, context.programme.id)
    with session_scope() as session:
        states = screening.readiness(session, context.actor, context.programme.id, companies)
    st.subheader(t("screening.readiness"))
    st.caption(t("screening.readiness_help"))
    st.markdown(f"**{t('screening.ready_count', ready=ready, total=total)}**")
    ready_lines = [
        t("screening.ready", company=escape_markdown(state.name)) for state in states if state.ready
    ]
    waiting_lines = [
        t(
            "screening.not_ready",
            company=escape_markdown(state.name),
            missing="、".join(state.missing),
        )
        for state in states
        if not state.ready
    ]
    # One box for the ready companies of the page and one for the others: a page of 50 reads
    # as two lists rather than fifty boxes.
    if ready_lines:
        st.success(_bullets(ready_lines), icon=":material/check_circle:")
    if waiting_lines:
        st.warning(_bullets(waiting_lines), icon=":material/pending:")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def render(context: PageContext, sheet: Worksheet, editable: bool) -> None:
    with session_scope() as session:
        grid = screening.grid(session, context.actor, context.programme.id, current_page(_PAGE))
    companies, stored = grid.companies, grid.answers
    if not companies:
        st.info(t("worksheet.no_companies"), icon=":material/domain:")
        return
    columns = _columns(sheet)
    st.markdown(_legend(sheet))
    st.caption("　".join(header for _, header, _ in columns))
    with st.expander(t("screening.guidance")):
        for step in sheet.steps:
            st.markdown(f"**{step.id} {step.title}**：{step.guidance}")
    frame = pd.DataFrame(
        [
            {
                COMPANY: name,
                **{
                    qid: screening.holds(q, getattr(stored.get((cid, qid)), "value", None))
                    for qid, _, q in columns
                },
            }
            for cid, name in companies
        ],
        index=[cid for cid, _ in companies],
    )
    config = {COMPANY: st.column_config.TextColumn(t("screening.company"), pinned=True)}
    for qid, header, question in columns:
        config[qid] = st.column_config.CheckboxColumn(header, help=question.label)
    if _NOTICE in st.session_state:
        for line in st.session_state.pop(_NOTICE):
            st.warning(line, icon=":material/group:")
    page_picker(_PAGE, Page(companies, grid.total, grid.page, grid.per_page))
    version = sum(a.version for a in stored.values())
    edited = st.data_editor(
        frame,
        key=f"b1grid:{grid.page}:{version}",
        hide_index=True,
        column_config=config,
        disabled=[COMPANY] if editable else True,
        width="stretch",
    )
    changes = _changed_cells(edited, frame) if editable else []
    if changes:
        versions = {key: answer.version for key, answer in stored.items()}
        refused = _save_changes(context, sheet, dict(companies), changes, versions)
        if refused:
            st.session_state[_NOTICE] = refused
        st.rerun()
    _readiness(context, companies)
