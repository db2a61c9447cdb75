"""Draw any worksheet from its declaration; every change saves itself.

Per question the session keeps the version the person loaded (`seen`). A save names it; when
someone else saved in between, the save is refused, the person's own input stays in the widget
and both texts are shown with a choice of which to keep. Nothing typed is dropped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services import answers
from colead.services.access import AccessDenied
from colead.services.answers import AnswerConflict, StoredAnswer
from colead.services.errors import InputError
from colead.services.records import Choice, record_choices
from colead.ui.cached import cached_read
from colead.ui.context import PageContext
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import escape_markdown
from colead.ui.memo import Memo
from colead.worksheets.schema import ColumnKind, Kind, Question, Worksheet
from colead.worksheets.text import describe, join_phrases


@dataclass(frozen=True)
class Target:
    """What one question's widgets write to: passed to callbacks as plain values."""

    programme_id: int
    sheet: Worksheet
    company_id: int | None
    question: Question

    @property
    def key(self) -> str:
        return f"{self.sheet.code}|{answers.subject_for(self.company_id)}|{self.question.id}"


def _k(target: Target, part: str = "") -> str:
    return f"ws:{target.key}:{part}" if part else f"ws:{target.key}"


def _seen(target: Target) -> str:
    return _k(target, "seen")


def _conflict(target: Target) -> str:
    return _k(target, "conflict")


def _message(target: Target) -> str:
    return _k(target, "message")


# --- widget state <-> stored value -------------------------------------------------------


def _option_ids(q: Question, choices: list[Any]) -> list[str]:
    """The ids of the options `choices` name, in the sheet's order (unknown ones left out)."""
    chosen = {option.id for option in map(q.option, choices) if option is not None}
    return [o.id for o in q.options if o.id in chosen]


def _to_widgets(target: Target, value: Any) -> None:
    """Put a stored value into the widgets' session state (before they are drawn).

    Choice widgets hold option ids (their labels are what is drawn).
    """
    q = target.question
    ss = st.session_state
    if q.kind == Kind.TEXT:
        ss[_k(target)] = value or ""
    elif q.kind == Kind.SINGLE:
        ids = _option_ids(q, [(value or {}).get("choice")])
        ss[_k(target)] = ids[0] if ids else None
        ss[_k(target, "other")] = (value or {}).get("other", "")
    elif q.kind == Kind.MULTI:
        ss[_k(target)] = _option_ids(q, list((value or {}).get("choices", [])))
        ss[_k(target, "other")] = (value or {}).get("other", "")
    elif q.kind == Kind.CHECKLIST:
        chosen = set(_option_ids(q, list((value or {}).get("choices", []))))
        for index, option in enumerate(q.options):
            ss[_k(target, f"opt{index}")] = option.id in chosen
        ss[_k(target, "other")] = (value or {}).get("other", "")


def _from_widgets(target: Target) -> Any:
    q = target.question
    ss = st.session_state
    if q.kind == Kind.TEXT:
        return ss.get(_k(target), "")
    if q.kind == Kind.SINGLE:
        return {"choice": ss.get(_k(target)), "other": ss.get(_k(target, "other"), "")}
    if q.kind == Kind.MULTI:
        return {"choices": list(ss.get(_k(target)) or []), "other": ss.get(_k(target, "other"), "")}
    chosen = [o.id for i, o in enumerate(q.options) if ss.get(_k(target, f"opt{i}"))]
    return {"choices": chosen, "other": ss.get(_k(target, "other"), "")}


# --- saving ------------------------------------------------------------------------------


def _save(context: PageContext, target: Target, value: Any) -> None:
    """Save `value` on the version this session saw; record the outcome for the next draw."""
    ss = st.session_state
    ss.pop(_message(target), None)
    try:
        with session_scope(write=True) as session:
            stored = answers.save_answer(
                session,
                context.actor,
                target.programme_id,
                target.sheet,
                target.question.id,
                value,
                ss.get(_seen(target), 0),
                target.company_id,
            )
    except AnswerConflict as conflict:
        ss[_conflict(target)] = {"mine": value, "theirs": conflict.theirs}
        return
    except InputError as error:
        ss[_message(target)] = t(error.key, **error.params)
        return
    except AccessDenied:
        ss[_message(target)] = t("worksheet.read_only")
        return
    ss[_seen(target)] = stored.version
    ss.pop(_conflict(target), None)


def _on_change(context: PageContext, target: Target) -> None:
    _save(context, target, _from_widgets(target))


def _apply_hint(context: PageContext, target: Target) -> None:
    """A hint chip adds its words to the answer (or to the その他 text) and saves."""
    ss = st.session_state
    hint = ss.get(_k(target, "hint"))
    ss[_k(target, "hint")] = None
    if not hint:
        return
    q = target.question
    field = _k(target) if q.kind == Kind.TEXT else _k(target, "other")
    current = (ss.get(field) or "").rstrip()
    ss[field] = join_phrases((current, hint)) if current else hint
    if q.kind != Kind.TEXT:  # the words go to その他: tick it so they are part of the answer
        index, other = next((i, o) for i, o in enumerate(q.options) if o.other)
        if q.kind == Kind.SINGLE:
            ss[_k(target)] = other.id
        elif q.kind == Kind.MULTI:
            ss[_k(target)] = [*(ss.get(_k(target)) or []), other.id]
        else:
            ss[_k(target, f"opt{index}")] = True
    _on_change(context, target)


def _keep_mine(context: PageContext, target: Target) -> None:
    conflict = st.session_state[_conflict(target)]
    st.session_state[_seen(target)] = conflict["theirs"].version
    _save(context, target, conflict["mine"])


def _take_theirs(target: Target) -> None:
    conflict = st.session_state.pop(_conflict(target))
    st.session_state[_seen(target)] = conflict["theirs"].version
    _to_widgets(target, conflict["theirs"].value)


# --- drawing -----------------------------------------------------------------------------


def _sync(target: Target, stored: StoredAnswer | None) -> None:
    """Load the stored answer into the widgets when it is new to this session.

    Skipped while a conflict is open: then the widgets hold the person's own input.
    """
    ss = st.session_state
    if _conflict(target) in ss:
        return
    version = stored.version if stored else 0
    first_widget = _k(target, "opt0") if target.question.kind == Kind.CHECKLIST else _k(target)
    # Streamlit drops a widget's state on runs where it is not drawn (another page): reload.
    if first_widget not in ss or ss.get(_seen(target)) != version:
        _to_widgets(target, stored.value if stored else None)
        ss[_seen(target)] = version
    else:
        _resend(target)


def _resend(target: Target) -> None:
    """Send the widgets' values to the browser again with this run.

    Streamlit sends a keyed widget's value only on a run that set it through session state. A
    run stopped by a click (a sidebar link pressed while the page still loads after a reload)
    can carry the loaded answer to the server's state but never to the browser, and the next
    run would then draw the box empty over a stored answer. Setting the same value again costs
    nothing and keeps what the browser shows equal to what is stored.
    """
    ss = st.session_state
    q = target.question
    keys = [_k(target), _k(target, "other")]
    if q.kind == Kind.CHECKLIST:
        keys += [_k(target, f"opt{index}") for index in range(len(q.options))]
    for key in keys:
        if key in ss:
            ss[key] = ss[key]


# A table's frame, rebuilt on every rerun from the same stored rows otherwise; never changed once
# built (`st.data_editor` copies what it is given, `_rows_value` only reads).
_FRAMES: Memo[pd.DataFrame] = Memo(512)


def _frame(target: Target, value: Any, choices: list[Choice]) -> pd.DataFrame:
    q = target.question
    if q.kind == Kind.DATES:
        return pd.DataFrame({"date": pd.to_datetime(pd.Series(value or [], dtype=object))})
    rows = value or []  # a guideline example is shown beside the table, never as its rows
    columns = [c.id for c in q.columns]
    if q.kind == Kind.RECORDS:
        names = {c.id: c.label for c in choices}
        rows = [{**row, "record": names.get(row.get("record_id"), "")} for row in rows]
        columns = ["record", *columns]
    frame = pd.DataFrame(rows, columns=columns)
    for column in q.columns:
        if column.kind == ColumnKind.NUMBER:
            frame[column.id] = pd.to_numeric(frame[column.id], errors="coerce")
        elif column.kind == ColumnKind.DATE:
            frame[column.id] = pd.to_datetime(frame[column.id], errors="coerce")
        else:  # blank, not NA: Streamlit shows missing values as "None"
            frame[column.id] = frame[column.id].astype("string").fillna("")
    if "record" in frame:
        frame["record"] = frame["record"].fillna("")
    return frame


def _iso_day(value: Any) -> str:
    """A date cell (Timestamp, datetime or date) as YYYY-MM-DD."""
    return pd.Timestamp(value).date().isoformat()


def _column_config(q: Question, choices: list[Choice]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    if q.kind == Kind.DATES:
        return {"date": st.column_config.DateColumn(t("worksheet.date"), format="YYYY-MM-DD")}
    if q.kind == Kind.RECORDS:
        config["record"] = st.column_config.SelectboxColumn(
            t(f"worksheet.record.{q.record}"), options=[c.label for c in choices], required=True
        )
    for column in q.columns:
        if column.kind == ColumnKind.NUMBER:
            config[column.id] = st.column_config.NumberColumn(column.label)
        elif column.kind == ColumnKind.DATE:
            config[column.id] = st.column_config.DateColumn(column.label, format="YYYY-MM-DD")
        elif column.kind == ColumnKind.SELECT:
            config[column.id] = st.column_config.SelectboxColumn(
                column.label, options=list(column.options)
            )
        else:
            config[column.id] = st.column_config.TextColumn(column.label)
    return config


@dataclass(frozen=True)
class Unkept:
    """A cell the table cannot store as typed (row numbers count from 1, as people do)."""

    row: int
    column: str
    value: str


def _rows_value(
    target: Target, frame: pd.DataFrame, choices: list[Choice]
) -> tuple[Any, list[Unkept]]:
    """The answer the table's rows make, and the cells that cannot be part of it.

    A RECORDS row names its record by label; a label that is not one of `choices` cannot be
    stored as a link, so it is reported rather than dropped without a word.
    """
    q = target.question
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if q.kind == Kind.DATES:
        days = [_iso_day(row["date"]) for row in records if row.get("date") is not None]
        return days, []
    ids = {c.label: c.id for c in choices}
    rows, unkept = [], []
    for number, row in enumerate(records, start=1):
        clean = {
            c.id: (
                _iso_day(row[c.id])
                if c.kind == ColumnKind.DATE and row.get(c.id) is not None
                else row.get(c.id)
            )
            for c in q.columns
        }
        if q.kind == Kind.RECORDS:
            label = row.get("record")
            clean["record_id"] = ids.get(label)
            if label not in (None, "") and clean["record_id"] is None:
                unkept.append(Unkept(number, t(f"worksheet.record.{q.record}"), str(label)))
        rows.append({k: v for k, v in clean.items() if v not in (None, "")})
    return [row for row in rows if row], unkept


def _edited(editor_state: Any) -> bool:
    """Whether a data editor's state (Streamlit's record of the cells edited and the rows added
    or deleted since it was drawn) holds any change."""
    if not isinstance(editor_state, dict):
        return False
    return any(editor_state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))


# A table's editor keeps one key while the stored answer changes only through this session's
# own saves. Streamlit keeps a data editor's edits per key, relative to the frame it was first
# drawn with, and a keyed dynamic editor is a new widget whenever its data changes: so the
# editor is drawn from the same base frame until the answer is reloaded (someone else saved,
# the conflict was settled, the page was left). Redrawing it under a new key after each save
# dropped the edits made while that save's rerun was on its way, and the grid lost the cell
# the person was typing in.
#
# Runs of one session can also overlap: a cell finished while a save is still waiting for the
# database starts a new run at once (Streamlit's fast reruns) and stops the old one at its next
# use of session state, which comes after the save has committed. What a save did is therefore
# written on the `_Grid` object itself (plain attributes, not session state), saves of one
# table take its lock one at a time, and only a run that has not been stopped saves: it holds
# the newest edits, as the browser sends the editor's whole state with every change.


@dataclass(eq=False)
class _Grid:
    """One drawing of a table: its key, the frame it was drawn from, and what was saved since."""

    epoch: int  # the editor's key is table{epoch}: a new drawing, a new key
    base: Any  # the stored value the frame was built from
    choices: list[Choice]  # the records offered when it was drawn
    signature: str  # what else makes the editor's widget identity
    seen: int  # the stored version this session last saved or loaded
    attempted: Any  # the rows at the last save attempt (or as drawn): tried once each
    outcome: dict[str, Any] = field(default_factory=dict)  # a refusal not yet shown
    lock: threading.Lock = field(default_factory=threading.Lock)


def _grid(target: Target) -> str:
    return _k(target, "grid")


def _grid_key(target: Target, grid: _Grid) -> str:
    return _k(target, f"table{grid.epoch}")


def _signature(editable: bool, config: dict[str, Any]) -> str:
    return repr((editable, config))


def _rebase(
    target: Target, stored: StoredAnswer | None, choices: list[Choice], signature: str
) -> _Grid:
    """Draw the table afresh from the stored answer, under a key never used before."""
    ss = st.session_state
    epoch = ss.get(_k(target, "grid_epoch"), 0) + 1
    ss[_k(target, "grid_epoch")] = epoch
    base = stored.value if stored else None
    frame = _FRAMES.get(
        (target.sheet.code, target.question.id, base, choices),
        lambda: _frame(target, base, choices),
    )
    drawn, _ = _rows_value(target, frame, choices)
    version = stored.version if stored else 0
    grid = _Grid(epoch, base, choices, signature, version, drawn)
    ss[_grid(target)] = grid
    ss[_seen(target)] = version
    ss.pop(_message(target), None)
    return grid


def _save_rows(context: PageContext, target: Target, grid: _Grid, value: Any) -> None:
    """Save the table's rows on the version this session saw; called holding `grid.lock`.

    Touches no session state: the run may have been stopped while the database made it wait.
    """
    try:
        with session_scope(write=True) as session:
            stored = answers.save_answer(
                session,
                context.actor,
                target.programme_id,
                target.sheet,
                target.question.id,
                value,
                grid.seen,
                target.company_id,
            )
    except AnswerConflict as conflict:
        grid.outcome = {"conflict": {"mine": value, "theirs": conflict.theirs}}
        return
    except InputError as error:
        grid.outcome = {"error": (error.key, error.params)}
        return
    except AccessDenied:
        grid.outcome = {"error": ("worksheet.read_only", {})}
        return
    grid.seen = stored.version
    grid.outcome = {}


def _publish(target: Target, grid: _Grid) -> None:
    """Show the outcome of the table's last save (perhaps made by a run stopped since)."""
    ss = st.session_state
    ss[_seen(target)] = grid.seen
    if "conflict" in grid.outcome:
        ss[_conflict(target)] = grid.outcome["conflict"]
    elif "error" in grid.outcome:
        key, params = grid.outcome["error"]
        ss[_message(target)] = t(key, **params)
    else:
        ss.pop(_message(target), None)


def _unkept_message(unkept: list[Unkept]) -> None:
    for cell in unkept:
        st.error(
            t("worksheet.cell_not_kept", row=cell.row, column=cell.column, value=cell.value),
            icon=":material/error:",
        )


def _conflict_table(target: Target, mine: Any, choices: list[Choice]) -> None:
    """While a conflict is open the table shows the person's own rows, read-only: the choice
    below settles it, and the table is then drawn afresh from what is stored."""
    st.session_state.pop(_grid(target), None)
    st.data_editor(
        _frame(target, mine, choices),
        key=_k(target, "table_conflict"),
        hide_index=True,
        width="stretch",
        disabled=True,
        column_config=_column_config(target.question, choices),
    )


def _current_grid(
    target: Target, stored: StoredAnswer | None, choices: list[Choice], editable: bool
) -> _Grid:
    """The table's drawing to use on this run: kept, or drawn afresh when it must be."""
    ss = st.session_state
    q = target.question
    version = stored.version if stored else 0
    grid: _Grid | None = ss.get(_grid(target))
    if grid is not None:
        key = _grid_key(target, grid)
        with grid.lock:
            keep = (
                key in ss  # drawn on the last run (Streamlit drops an undrawn editor's edits)
                and grid.signature == _signature(editable, _column_config(q, grid.choices))
                # someone else saved since: reload, unless edits wait to be saved (they are
                # then saved on the version they were made on, and refused as a conflict)
                and (version <= grid.seen or _edited(ss.get(key)))
            )
        if keep:
            return grid
    return _rebase(target, stored, choices, _signature(editable, _column_config(q, choices)))


def _table(
    context: PageContext, target: Target, stored: StoredAnswer | None, editable: bool
) -> dict[int, str]:
    """Tables save when the edited rows differ from what this session last tried to save.

    Returns the names of the records the table can link to, for showing answers as text.
    """
    q = target.question
    ss = st.session_state
    choices: list[Choice] = []
    if q.kind == Kind.RECORDS:
        choices = cached_read(record_choices, context.actor, target.programme_id, q.record)
        if not choices:
            st.caption(t(f"worksheet.no_records.{q.record}"))
    conflict = ss.get(_conflict(target))
    if conflict:
        _conflict_table(target, conflict["mine"], choices)
        return {c.id: c.label for c in choices}
    grid = _current_grid(target, stored, choices, editable)
    _publish(target, grid)
    if _conflict(target) in ss:  # found by a run stopped before it could say so
        st.rerun()
    names = {c.id: c.label for c in (*grid.choices, *choices)}
    key = _grid_key(target, grid)
    frame = _FRAMES.get(
        (target.sheet.code, q.id, grid.base, grid.choices),
        lambda: _frame(target, grid.base, grid.choices),
    )
    edited = st.data_editor(
        frame,
        key=key,
        num_rows="dynamic" if editable else "fixed",
        hide_index=True,
        width="stretch",
        disabled=not editable,
        column_config=_column_config(q, grid.choices),
    )
    if not editable:
        return names
    st.caption(t("worksheet.table_help"))
    value, unkept = _rows_value(target, edited, grid.choices)
    _unkept_message(unkept)
    if _edited(ss.get(key)):
        with grid.lock:
            # Reading session state stops this run here if a newer one has started: that one
            # holds the newer edits and saves them, after any save still under way.
            ss.get(key)
            tried = value != grid.attempted
            if tried:
                grid.attempted = value  # tried once: a refused value is not tried again
                _save_rows(context, target, grid, value)
        if tried:
            _publish(target, grid)
            st.rerun()
    version = stored.version if stored else 0
    with grid.lock:
        newer = version > grid.seen
    if newer:  # someone else saved and nothing of this session waits: show theirs
        _rebase(target, stored, choices, _signature(editable, _column_config(q, choices)))
        st.rerun()
    return names


def _use_example(context: PageContext, target: Target) -> None:
    """The guideline's example becomes the answer: saved, then drawn as the table's rows."""
    _save(context, target, target.question.example_rows())


def _example(
    context: PageContext, target: Target, stored: StoredAnswer | None, editable: bool
) -> None:
    """While a table with a guideline example is unanswered, the example is shown apart from it,
    marked as not an answer, with a button that makes it the answer."""
    q = target.question
    if (
        not q.prefill
        or (stored is not None and stored.value)
        or _conflict(target) in st.session_state
    ):
        return
    with st.container(border=True):
        st.markdown(f"**{t('worksheet.example')}**")
        example = pd.DataFrame(
            [{c.label: row.get(c.id, "") for c in q.columns} for row in q.example_rows()]
        )
        st.dataframe(example, hide_index=True, width="stretch")
        if editable:
            st.caption(t("worksheet.example_help"))
            st.button(
                t("worksheet.example_use"),
                key=_k(target, "example"),
                icon=":material/content_paste:",
                on_click=_use_example,
                args=(context, target),
            )


def _choice_widgets(context: PageContext, target: Target, editable: bool) -> None:
    q = target.question
    ids = [o.id for o in q.options]  # widgets hold option ids and draw their labels
    common = {"disabled": not editable, "on_change": _on_change, "args": (context, target)}
    if q.kind == Kind.SINGLE:
        st.radio(
            q.label,
            ids,
            format_func=q.option_label,
            key=_k(target),
            horizontal=True,
            label_visibility="collapsed",
            **common,
        )
        picked = [st.session_state.get(_k(target))]
    elif q.kind == Kind.MULTI:
        st.pills(
            q.label,
            ids,
            format_func=q.option_label,
            selection_mode="multi",
            key=_k(target),
            label_visibility="collapsed",
            **common,
        )
        picked = list(st.session_state.get(_k(target)) or [])
    else:
        for index, option in enumerate(q.options):
            st.checkbox(option.label, key=_k(target, f"opt{index}"), **common)
        picked = [
            o.id for i, o in enumerate(q.options) if st.session_state.get(_k(target, f"opt{i}"))
        ]
    descriptions = [o for o in q.options if o.description]
    for option in descriptions:
        st.caption(f"**{option.label}**：{option.description}")
    if any(o.other and o.id in picked for o in q.options):
        st.text_input(t("worksheet.other"), key=_k(target, "other"), **common)


def _status(target: Target, stored: StoredAnswer | None) -> None:
    ss = st.session_state
    if _message(target) in ss:
        st.error(ss[_message(target)])
    if stored is not None and _conflict(target) not in ss:
        if stored.carried_from is not None:
            mark = (
                "worksheet.applicant_draft_mark"
                if stored.carried_from == target.programme_id
                else "worksheet.draft_mark"
            )
            st.badge(t(mark), icon=":material/history:", color="orange")
        author = escape_markdown(stored.author)
        st.caption(t("worksheet.saved", at=fmt_datetime(stored.updated_at), by=author))


def _conflict_panel(context: PageContext, target: Target, names: dict[int, str]) -> None:
    conflict = st.session_state.get(_conflict(target))
    if not conflict:
        return
    theirs: StoredAnswer = conflict["theirs"]
    q = target.question
    with st.container(border=True):
        st.warning(
            t(
                "worksheet.conflict",
                by=escape_markdown(theirs.author),
                at=fmt_datetime(theirs.updated_at),
            ),
            icon=":material/group:",
        )
        mine_col, theirs_col = st.columns(2)
        mine_col.markdown(f"**{t('worksheet.conflict_mine')}**")
        mine_col.text(describe(q, conflict["mine"], names) or "—")
        by = escape_markdown(theirs.author)
        theirs_col.markdown(f"**{t('worksheet.conflict_theirs', by=by)}**")
        theirs_col.text(describe(q, theirs.value, names) or "—")
        mine_col.button(
            t("worksheet.keep_mine"),
            key=_k(target, "keep_mine"),
            type="primary",
            on_click=_keep_mine,
            args=(context, target),
        )
        theirs_col.button(
            t("worksheet.take_theirs"),
            key=_k(target, "take_theirs"),
            on_click=_take_theirs,
            args=(target,),
        )


def render_question(
    context: PageContext, target: Target, stored: StoredAnswer | None, editable: bool
) -> None:
    q = target.question
    st.markdown(f"##### ● {q.label}")
    if q.help:
        st.caption(q.help)
    if q.kind in (Kind.TABLE, Kind.RECORDS, Kind.DATES):
        _example(context, target, stored, editable)
        names = _table(context, target, stored, editable)
    else:
        _sync(target, stored)
        if q.kind == Kind.TEXT:
            st.text_area(
                q.label,
                key=_k(target),
                label_visibility="collapsed",
                disabled=not editable,
                on_change=_on_change,
                args=(context, target),
                placeholder=t("worksheet.placeholder") if editable else "",
            )
        else:
            _choice_widgets(context, target, editable)
        names = {}
    if q.hints and editable and (q.kind == Kind.TEXT or any(o.other for o in q.options)):
        st.pills(
            t("worksheet.hints"),
            list(q.hints),
            key=_k(target, "hint"),
            on_change=_apply_hint,
            args=(context, target),
            help=t("worksheet.hints_help"),
        )
    elif q.hints:
        st.caption(f"{t('worksheet.hints')}：" + join_phrases(q.hints))
    _conflict_panel(context, target, names)
    _status(target, stored)
