"""B-1 as the guideline draws it: candidate companies down, the ten checks across, by STEP.

The guideline's sheet is a checklist (全てにチェックがつく必要はありませんが…): a ticked cell
stores the check's affirmative option (colead.services.screening.answer), an unticked one clears
the answer.

Made for a projector (1920 px): the ten check columns are headed ①…⑩ only, narrow, with the
full check as each header's tooltip and a legend above; the company column is pinned. The grid
sits in a form: a room's ticks stay in the browser (no rerun per tick) and are saved together by
one button, each cell on the version this session loaded (a cell someone else changed meanwhile
is refused and named, never overwritten).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services import answers, screening
from colead.services.answers import AnswerConflict, StoredAnswer
from colead.services.errors import InputError
from colead.services.paging import Page
from colead.ui.cached import cached_read
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown
from colead.ui.registry import current_page, page_picker
from colead.worksheets.schema import Worksheet
from colead.worksheets.text import describe

COMPANY = "company"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_NOTICE = "colead_screening_notice"
_PAGE = "colead_screening_page"
_STATE = "colead_screening_grid"
_EPOCH = "colead_screening_epoch"
_FORM = "colead_screening_form"
_SAVE = "colead_screening_save"
_SAVED = "colead_screening_saved"


COMPANY_WIDTH = 220  # px: a company's name, pinned at the left
CHECK_WIDTH = 64  # px: a ① header and a checkbox; ten of them fit beside the company names


def _columns(sheet: Worksheet) -> list[tuple[str, str, str]]:
    """(question id, column header ①…⑩, the header's tooltip) in guideline order."""
    columns, number = [], 0
    for step in sheet.steps:
        for question in step.questions:
            mark = CIRCLED[number]
            tooltip = f"{mark} {question.label}（{step.id} {step.title}）"
            columns.append((question.id, mark, tooltip))
            number += 1
    return columns


def _legend(sheet: Worksheet) -> list[str]:
    """One line per STEP, naming its checks by number: the key to the ①…⑩ headers."""
    lines, number = [], 0
    for step in sheet.steps:
        checks = []
        for question in step.questions:
            checks.append(f"{CIRCLED[number]} {question.label}")
            number += 1
        lines.append(f"**{step.id} {step.title}**：" + "　".join(checks))
    return lines


def _changed_cells(edited: pd.DataFrame, before: pd.DataFrame) -> list[tuple[int, str, bool]]:
    """(company id, question id, ticked) of every cell the person changed, compared at once."""
    checks = before.columns.drop(COMPANY)
    now = edited[checks].fillna(False).astype(bool)
    differs = now.ne(before[checks].fillna(False).astype(bool)).stack()
    return [
        (int(company_id), str(qid), bool(now.at[company_id, qid]))
        for company_id, qid in differs[differs].index
    ]


@dataclass(eq=False)
class _Drawn:
    """One drawing of the grid: its key, the frame it was drawn from, what was saved since.

    Streamlit keeps a data editor's edits per key, relative to the frame it was first drawn
    with, and a form keeps ticks not yet submitted in the browser for as long as that key is
    drawn. The grid keeps its key and base frame across this session's own saves and other
    reruns, so no tick is dropped; it is drawn afresh (a new key) when the page or the companies
    changed, it was not drawn on the last run, or a save found someone else's answers newer.
    Runs of one session can overlap (a second press of the button while a save waits for the
    database starts a new run and stops the old one at its next use of session state, after the
    save committed): saves take `lock` one at a time and write what they did here, not in
    session state.
    """

    epoch: int
    page: int
    editable: bool
    frame: pd.DataFrame  # as drawn; never changed
    attempted: pd.DataFrame  # the ticks as last saved or tried (or drawn), cell by cell
    versions: dict[tuple[int, str], int]  # the stored version of each cell this session knows
    refused: list[tuple[int, str, bool, StoredAnswer | None, tuple[str, dict] | None]] = field(
        default_factory=list
    )
    lock: threading.Lock = field(default_factory=threading.Lock)


def _save_changes(
    context: PageContext, sheet: Worksheet, drawn: _Drawn, changes: list[tuple[int, str, bool]]
) -> None:
    """Save every changed cell on the version this session knows; note refused ones.

    Called holding `drawn.lock`; touches no session state (the run may have been stopped).
    """
    for company_id, qid, ticked in changes:
        drawn.attempted.at[company_id, qid] = ticked  # tried once: a refusal is not retried
        try:
            with session_scope(write=True) as session:
                saved = answers.save_answer(
                    session,
                    context.actor,
                    context.programme.id,
                    sheet,
                    qid,
                    screening.answer(ticked),
                    drawn.versions.get((company_id, qid), 0),
                    company_id=company_id,
                )
        except AnswerConflict as conflict:
            drawn.refused.append((company_id, qid, ticked, conflict.theirs, None))
        except InputError as error:
            drawn.refused.append((company_id, qid, ticked, None, (error.key, error.params)))
        else:
            drawn.versions[(company_id, qid)] = saved.version


def _refusals(sheet: Worksheet, drawn: _Drawn, names: dict[int, str]) -> list[str]:
    questions = {q.id: q for q in sheet.questions()}
    lines = []
    for company_id, qid, ticked, theirs, error in drawn.refused:
        if error is not None:
            lines.append(t(error[0], **error[1]))
            continue
        assert theirs is not None
        lines.append(
            t(
                "screening.conflict",
                company=names.get(company_id, "—"),
                mine=describe(questions[qid], screening.answer(ticked)) or "—",
                theirs=describe(questions[qid], theirs.value) or "—",
                by=escape_markdown(theirs.author),
            )
        )
    return lines


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
    st.markdown("  \n".join(_legend(sheet)))
    st.caption(t("screening.legend_help"))
    with st.expander(t("screening.guidance")):
        for step in sheet.steps:
            st.markdown(f"**{step.id} {step.title}**：{step.guidance}")
    frame = pd.DataFrame(
        [
            {
                COMPANY: name,
                **{
                    qid: screening.holds(getattr(stored.get((cid, qid)), "value", None))
                    for qid, _, _ in columns
                },
            }
            for cid, name in companies
        ],
        index=[cid for cid, _ in companies],
    )
    config = {
        COMPANY: st.column_config.TextColumn(
            t("screening.company"), pinned=True, width=COMPANY_WIDTH
        )
    }
    for qid, header, tooltip in columns:
        config[qid] = st.column_config.CheckboxColumn(header, help=tooltip, width=CHECK_WIDTH)
    if _NOTICE in st.session_state:
        for line in st.session_state.pop(_NOTICE):
            st.warning(line, icon=":material/group:")
    page_picker(_PAGE, Page(companies, grid.total, grid.page, grid.per_page))
    versions = {key: answer.version for key, answer in stored.items()}
    drawn = _current(frame, grid.page, versions, editable)
    if drawn.refused:  # found by a run stopped before it could say so
        st.session_state[_NOTICE] = _refusals(sheet, drawn, dict(companies))
        st.session_state.pop(_STATE, None)  # show what is stored beside the notice
        st.rerun()
    key = f"b1grid:{grid.page}:{drawn.epoch}"
    if not editable:
        st.data_editor(
            drawn.frame,
            key=key,
            hide_index=True,
            column_config=config,
            disabled=True,
            width="stretch",
        )
    else:
        # The ticks stay in the browser until the button: no rerun per tick, one save for all.
        with st.form(_FORM, enter_to_submit=False):
            edited = st.data_editor(
                drawn.frame,
                key=key,
                hide_index=True,
                column_config=config,
                disabled=[COMPANY],
                width="stretch",
            )
            button, note = st.columns([1, 4], vertical_alignment="center")
            with button:
                submitted = st.form_submit_button(
                    t("screening.save"), type="primary", icon=":material/save:", key=_SAVE
                )
            note.caption(t("screening.unsaved"))
        if submitted:
            _save_submitted(context, sheet, drawn, key, edited, versions)
        if _SAVED in st.session_state:
            st.success(t("screening.saved", count=st.session_state.pop(_SAVED)))
        elif submitted:
            st.info(t("screening.nothing_to_save"), icon=":material/info:")
        elif _someone_else(versions, drawn):  # drawn on, so that ticks not yet saved stay
            st.info(t("screening.others_saved"), icon=":material/group:")
    _readiness(context, companies)


def _save_submitted(
    context: PageContext,
    sheet: Worksheet,
    drawn: _Drawn,
    key: str,
    edited: pd.DataFrame,
    versions: dict[tuple[int, str], int],
) -> None:
    """Save the cells changed since the last save, all of them; note how many were kept.

    Draws afresh (a rerun) when a cell was refused or someone else saved meanwhile, so that the
    grid shows what is stored; otherwise the run goes on and the readiness below is read after
    the save.
    """
    with drawn.lock:
        # Reading session state stops this run here if a newer one has started: that one
        # holds the same or newer ticks and saves them, after any save still under way.
        st.session_state.get(key)
        changes = _changed_cells(edited, drawn.attempted)
        refused_before = len(drawn.refused)
        if changes:
            _save_changes(context, sheet, drawn, changes)
        saved = len(changes) - (len(drawn.refused) - refused_before)
        newer = _someone_else(versions, drawn)
    if saved:
        st.session_state[_SAVED] = saved
    if drawn.refused:
        st.rerun()  # the notice is shown, and the grid drawn afresh, at the top of the next run
    if newer:
        st.session_state.pop(_STATE, None)
        st.rerun()


def _someone_else(versions: dict[tuple[int, str], int], drawn: _Drawn) -> bool:
    """Whether a cell's stored version is newer than any this session saved or loaded."""
    return any(version > drawn.versions.get(cell, 0) for cell, version in versions.items())


def _current(
    frame: pd.DataFrame, page: int, versions: dict[tuple[int, str], int], editable: bool
) -> _Drawn:
    """The grid's drawing to use on this run: kept, or drawn afresh when it must be."""
    ss = st.session_state
    drawn: _Drawn | None = ss.get(_STATE)
    if drawn is not None:
        key = f"b1grid:{page}:{drawn.epoch}"
        with drawn.lock:
            keep = (
                drawn.page == page
                and drawn.editable == editable
                and drawn.frame[COMPANY].equals(frame[COMPANY])
                and drawn.frame.index.equals(frame.index)
                and key in ss  # drawn on the last run (Streamlit drops an undrawn editor's edits)
                # someone else saved: a read-only grid shows what is stored; an editable one is
                # kept, for ticks may wait in the browser's form (they are saved on the versions
                # they were made on, refused where those changed, then the grid is redrawn)
                and (editable or not _someone_else(versions, drawn))
            )
        if keep:
            return drawn
    epoch = ss.get(_EPOCH, 0) + 1
    ss[_EPOCH] = epoch
    drawn = _Drawn(epoch, page, editable, frame, frame.copy(), dict(versions))
    ss[_STATE] = drawn
    return drawn
