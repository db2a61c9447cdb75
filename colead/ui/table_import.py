"""Importing a registry table (upload → map columns → confirm once how the file's values of
fixed vocabularies read, 「エンジニア」 as エンジニア・オペレータ → preview with every error of
a row, named by its column, and what was tidied → confirm → written batch by batch under a
progress bar → summary) and exporting one (CSV, Excel).

The page drives the import's batches (`import_batches`): each committed batch is remembered in
the session before the bar moves, so an import cut short says how many rows were written."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from colead.db import session_scope
from colead.i18n import Label, today_in_japan
from colead.services import table_export
from colead.services.access import AccessDenied, ProgrammeArchived
from colead.services.errors import InputError, InvalidInput
from colead.services.table_import import (
    FIELDS,
    TALENT,
    VALUE_FIELDS,
    ImportPreview,
    ImportProgress,
    PreviewRow,
    ValueChoice,
    ValueMap,
    guess_mapping,
    import_batches,
    preview_import,
    read_table,
    value_choices,
    value_codes,
    value_label_key,
)
from colead.services.talent import TalentFilter
from colead.ui.context import PageContext
from colead.ui.exports import CSV, XLSX, download_button
from colead.ui.i18n import lang, t
from colead.ui.layout import escape_markdown
from colead.ui.registry import may_edit

_log = logging.getLogger(__name__)

_UNUSED = "__unused__"
_LISTED_ERRORS = 20  # the table holds them all; the list names the first ones in words


def _imported_key(kind: str) -> str:
    return f"colead_imported_{kind}"


def _run_key(kind: str) -> str:
    return f"colead_import_run_{kind}"


def _mapping(kind: str, frame: pd.DataFrame, file_id: str) -> dict[str, str | None]:
    guessed = guess_mapping(kind, list(frame.columns))
    columns = [_UNUSED, *frame.columns]
    st.markdown(f"**{t('import.mapping')}**")
    st.caption(t("import.mapping_help"))
    mapping: dict[str, str | None] = {}
    cells = st.columns(4)
    for index, f in enumerate(FIELDS[kind]):
        chosen = cells[index % 4].selectbox(
            t(f.label_key) + (" *" if f.required else ""),
            columns,
            index=columns.index(guessed[f.key]) if guessed[f.key] else 0,
            format_func=lambda c: t("import.unused") if c == _UNUSED else c,
            key=f"colead_map_{kind}_{f.key}_{file_id}",
        )
        mapping[f.key] = None if chosen == _UNUSED else chosen
    return mapping


def _values_key(kind: str, file_id: str) -> str:
    return f"colead_import_values_{kind}_{file_id}"


def _value_widget(kind: str, choice: ValueChoice, default: tuple[str, ...], key: str) -> list[str]:
    label = t(
        "import.value_label",
        field=t(next(f.label_key for f in FIELDS[kind] if f.key == choice.field)),
        value=escape_markdown(choice.value),
        rows=choice.rows,
    )
    codes = list(value_codes(choice.field))

    def name(code: str) -> str:
        return (
            t(value_label_key(choice.field, code))
            if code
            else t(f"import.value_none.{choice.field}")
        )

    if choice.several:
        return st.multiselect(
            label,
            codes,
            default=[c for c in default if c in codes],
            format_func=name,
            placeholder=t(f"import.value_none.{choice.field}"),
            key=key,
        )
    options = ["", *codes]
    picked = st.selectbox(
        label,
        options,
        index=options.index(default[0]) if default and default[0] in options else 0,
        format_func=name,
        key=key,
    )
    return [picked] if picked else []


def _value_mapping(
    kind: str, frame: pd.DataFrame, mapping: dict[str, str | None], file_id: str
) -> ValueMap | None:
    """Each value of a fixed-vocabulary column that names no code exactly, with the nearest
    suggested: the person confirms (or changes) them once and the reading applies to every row.
    The confirmed reading, or None while it waits for confirmation."""
    choices = value_choices(kind, frame, mapping)
    if not choices:
        return {}
    signature = hashlib.sha256(
        repr(
            ([mapping.get(k) for k in VALUE_FIELDS[kind]], [(c.field, c.key) for c in choices])
        ).encode()
    ).hexdigest()[:12]
    stored = st.session_state.get(_values_key(kind, file_id))
    confirmed: ValueMap | None = (
        stored["values"] if stored and stored["signature"] == signature else None
    )
    st.markdown(f"**{t('import.values')}**")
    st.caption(t("import.values_help"))
    with st.form(f"colead_values_form_{kind}_{file_id}", border=True):
        chosen: ValueMap = {}
        for index, choice in enumerate(choices):
            default = (
                confirmed.get(choice.field, {}).get(choice.key, ())
                if confirmed is not None
                else choice.suggested
            )
            picked = _value_widget(
                kind, choice, tuple(default), f"colead_value_{kind}_{file_id}_{signature}_{index}"
            )
            chosen.setdefault(choice.field, {})[choice.key] = tuple(picked)
        if st.form_submit_button(t("import.values_confirm"), type="primary"):
            st.session_state[_values_key(kind, file_id)] = {
                "signature": signature,
                "values": chosen,
            }
            confirmed = chosen
    if confirmed is None:
        st.info(t("import.values_pending", n=len(choices)))
    else:
        st.caption(t("import.values_confirmed"))
    return confirmed


def _say(error: InputError, *, markdown: bool = False) -> str:
    """A service's message in the person's language, after the column it is about; inside
    Markdown, what they typed (a cell's text, a header) is shown as typed."""
    params = error.params
    if markdown:
        params = {
            k: escape_markdown(v) if isinstance(v, str) and not isinstance(v, Label) else v
            for k, v in params.items()
        }
    message = t(error.key, **params)
    if params.get("column"):
        return t("import.in_column", column=params["column"], message=message)
    return message


def _listed(rows: list[PreviewRow], line_key: str, more_key: str, attr: str) -> str:
    shown = rows[:_LISTED_ERRORS]
    lines = [
        t(
            line_key,
            line=row.line,
            changes="／".join(_say(e, markdown=True) for e in getattr(row, attr)),
            errors="／".join(_say(e, markdown=True) for e in getattr(row, attr)),
        )
        for row in shown
    ]
    if len(rows) > len(shown):
        lines.append(t(more_key, n=len(rows) - len(shown)))
    return "\n".join(f"- {line}" for line in lines)


def _preview_table(kind: str, preview: ImportPreview) -> None:
    labels = {f.key: t(f.label_key) for f in FIELDS[kind]}
    frame = pd.DataFrame(
        [
            {
                t("import.line"): row.line,
                t("import.result"): "⚠️ " + "／".join(_say(e) for e in row.errors)
                if row.errors
                else "✓",
                t("import.changes"): "／".join(_say(e) for e in row.changes),
                **{labels[k]: v for k, v in row.values.items() if v},
            }
            for row in sorted(preview.rows, key=lambda r: (not r.errors, r.line))
        ]
    )
    changed = preview.changed
    if not changed:
        frame = frame.drop(columns=[t("import.changes")])
    st.dataframe(frame, hide_index=True, width="stretch")
    invalid = preview.invalid
    if invalid:
        st.error(_listed(invalid, "import.row_error", "import.more_errors", "errors"))
    if changed:
        st.info(
            t("import.changed_summary", n=len(changed))
            + "\n\n"
            + _listed(changed, "import.row_change", "import.more_changes", "changes")
        )


def _stopped(run: dict[str, Any]) -> None:
    message = t("import.stopped", created=run["created"], line=run["last_line"] or "—")
    if run.get("reason"):
        message += "\n\n" + t("import.stopped_reason", reason=run["reason"])
    st.warning(message)


def _write(context: PageContext, kind: str, preview: ImportPreview, file_id: str) -> None:
    """Write batch by batch with a progress bar. What each committed batch wrote is kept in the
    session first, so a run cut short (an error, a click elsewhere) says what was written."""
    run_key = _run_key(kind)
    total = len(preview.valid)
    run: dict[str, Any] = {"file": file_id, "created": 0, "last_line": 0, "reason": ""}
    st.session_state[run_key] = run
    bar = st.progress(0.0, text=t("import.progress", done=0, total=total))
    last: ImportProgress | None = None
    try:
        for last in import_batches(context.actor, context.programme.id, preview):
            run.update(created=last.created, last_line=last.last_line)
            bar.progress(
                last.done / total if total else 1.0,
                text=t("import.progress", done=last.done, total=total),
            )
    except (InputError, InvalidInput) as error:
        errors = error.errors if isinstance(error, InvalidInput) else [error]
        run["reason"] = "／".join(_say(e, markdown=True) for e in errors)
    except ProgrammeArchived:
        run["reason"] = t("programme.archived_read_only")
    except AccessDenied:
        run["reason"] = t("guard.no_permission")
    except SQLAlchemyError:
        _log.exception("an import batch was refused by the database")
        run["reason"] = t("import.error.database")
    if last is None or not last.finished:
        bar.empty()
        _stopped(run)
        return
    del st.session_state[run_key]
    st.session_state[_imported_key(kind)] = {
        "created": last.created,
        "skipped": len(preview.rows) - last.created,
        "file": file_id,
        "refused": [r.line for r in last.refused],
    }
    st.rerun()


def import_section(context: PageContext, kind: str) -> None:
    """Upload, map, preview; write only when the confirm button is pressed."""
    st.caption(t(f"import.intro.{kind}"))
    done = st.session_state.get(_imported_key(kind))
    if done:
        st.success(t("import.done", created=done["created"], skipped=done["skipped"]))
        if done.get("refused"):
            st.warning(
                t("import.refused_late", lines="、".join(str(line) for line in done["refused"]))
            )
    run = st.session_state.get(_run_key(kind))
    if run:  # an import of an earlier run that did not reach its end
        _stopped(run)
    upload = st.file_uploader(t("import.file"), type=["csv", "xlsx"], key=f"colead_upload_{kind}")
    if upload is None:
        return
    data = upload.getvalue()
    file_id = hashlib.sha256(data).hexdigest()[:16]
    try:
        frame = read_table(data, upload.name)
    except InputError as error:
        st.error(_say(error, markdown=True))
        return
    mapping = _mapping(kind, frame, file_id)
    unused = [c for c in frame.columns if c not in set(mapping.values())]
    if unused:
        st.caption(
            t("import.unused_columns", columns="、".join(escape_markdown(c) for c in unused))
        )
    if mapping.get("consent"):
        st.info(t("import.consent_column", column=escape_markdown(str(mapping["consent"]))))
    values = _value_mapping(kind, frame, mapping, file_id)
    if values is None:
        return
    try:
        with session_scope() as session:
            preview = preview_import(
                session,
                context.actor,
                context.programme.id,
                kind,
                frame,
                mapping,
                today_in_japan(),
                values,
            )
    except InputError as error:
        st.error(_say(error, markdown=True))
        return
    valid, invalid = len(preview.valid), len(preview.invalid)
    message = t("import.summary", total=len(preview.rows), valid=valid, invalid=invalid)
    (st.warning if invalid else st.info)(message)
    _preview_table(kind, preview)
    if done and done.get("file") == file_id:
        st.warning(t("import.already"))
        return
    if not may_edit(context):
        st.caption(t("form.read_only"))
        return
    if st.button(
        t("import.confirm", n=valid),
        type="primary",
        disabled=valid == 0,
        key=f"colead_import_{kind}_{file_id}",
    ):
        st.session_state.pop(_imported_key(kind), None)
        _write(context, kind, preview, file_id)


def export_buttons(context: PageContext, kind: str, chosen: TalentFilter | str) -> None:
    """CSV and Excel of every row matching the list's filter, built only when clicked."""
    actor, programme_id, language = context.actor, context.programme.id, lang()

    def frame() -> pd.DataFrame:
        with session_scope(write=True) as session:  # a talent export is audited
            if kind == TALENT:
                return table_export.talent_frame(session, actor, programme_id, chosen, language)  # type: ignore[arg-type]
            return table_export.company_frame(session, actor, programme_id, chosen, language)  # type: ignore[arg-type]

    def as_csv() -> bytes:
        return table_export.to_csv_bytes(frame())

    def as_xlsx() -> bytes:
        return table_export.to_xlsx_bytes(frame(), t(f"import.sheet.{kind}"))

    name = f"{kind}_{today_in_japan():%Y%m%d}"
    left, right, _ = st.columns([1, 1, 2])
    downloads: tuple[tuple[object, str, Callable[[], bytes], str, str], ...] = (
        (left, "list.export_csv", as_csv, "csv", CSV),
        (right, "list.export_xlsx", as_xlsx, "xlsx", XLSX),
    )
    for column, label, make, suffix, mime in downloads:
        download_button(
            t(label),
            make,
            file_name=f"{name}.{suffix}",
            mime=mime,
            key=f"colead_export_{kind}_{suffix}",
            container=column,
        )
