"""B-1 as the guideline draws it: candidate companies down, the checks across, by STEP."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services import answers, screening
from colead.services.answers import AnswerConflict
from colead.services.errors import InputError
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.worksheets.schema import Worksheet

COMPANY = "company"
_NOTICE = "colead_screening_notice"


def _columns(sheet: Worksheet) -> list[tuple[str, str, object]]:
    """(question id, column header, question) in guideline order; headers name their STEP."""
    return [(q.id, f"{step.id}｜{q.label}", q) for step in sheet.steps for q in step.questions]


def _save_changes(
    context: PageContext,
    sheet: Worksheet,
    edited: pd.DataFrame,
    before: pd.DataFrame,
    versions: dict[tuple[int, str], int],
) -> list[str]:
    """Save every changed cell on the version it was loaded with; report refused ones."""
    refused = []
    for company_id in edited.index:
        for qid in before.columns.drop(COMPANY):
            new, old = edited.at[company_id, qid], before.at[company_id, qid]
            if (pd.isna(new) and pd.isna(old)) or new == old:
                continue
            value = {"choice": None if pd.isna(new) else new}
            try:
                with session_scope(write=True) as session:
                    answers.save_answer(
                        session,
                        context.actor,
                        context.programme.id,
                        sheet,
                        qid,
                        value,
                        versions.get((company_id, qid), 0),
                        company_id=int(company_id),
                    )
            except AnswerConflict as conflict:
                refused.append(
                    t(
                        "screening.conflict",
                        company=edited.at[company_id, COMPANY],
                        mine=value["choice"] or "—",
                        theirs=(conflict.theirs.value or {}).get("choice") or "—",
                        by=conflict.theirs.updated_by,
                    )
                )
            except InputError as error:
                refused.append(t(error.key, **error.params))
    return refused


def _readiness(context: PageContext) -> None:
    with session_scope() as session:
        states = screening.readiness(session, context.actor, context.programme.id)
    st.subheader(t("screening.readiness"))
    st.caption(t("screening.readiness_help"))
    for state in states:
        if state.ready:
            st.success(t("screening.ready", company=state.name), icon=":material/check_circle:")
        else:
            st.warning(
                t("screening.not_ready", company=state.name, missing="、".join(state.missing)),
                icon=":material/pending:",
            )


def render(context: PageContext, sheet: Worksheet, editable: bool) -> None:
    with session_scope() as session:
        companies, stored = screening.grid(session, context.actor, context.programme.id)
    if not companies:
        st.info(t("worksheet.no_companies"), icon=":material/domain:")
        return
    columns = _columns(sheet)
    for step in sheet.steps:
        st.markdown(f"**{step.id} {step.title}**：{step.guidance}")
    frame = pd.DataFrame(
        [
            {
                COMPANY: name,
                **{
                    qid: (getattr(stored.get((cid, qid)), "value", None) or {}).get("choice")
                    for qid, _, _ in columns
                },
            }
            for cid, name in companies
        ],
        index=[cid for cid, _ in companies],
    )
    config = {COMPANY: st.column_config.TextColumn(t("screening.company"), pinned=True)}
    for qid, header, question in columns:
        config[qid] = st.column_config.SelectboxColumn(
            header, options=[o.label for o in question.options], help=question.label, width="small"
        )
    if _NOTICE in st.session_state:
        for line in st.session_state.pop(_NOTICE):
            st.warning(line, icon=":material/group:")
    version = sum(a.version for a in stored.values())
    edited = st.data_editor(
        frame,
        key=f"b1grid:{version}",
        hide_index=True,
        column_config=config,
        disabled=[COMPANY] if editable else True,
        width="stretch",
    )
    if editable and not edited.equals(frame):
        versions = {key: answer.version for key, answer in stored.items()}
        refused = _save_changes(context, sheet, edited, frame, versions)
        if refused:
            st.session_state[_NOTICE] = refused
        st.rerun()
    _readiness(context)
