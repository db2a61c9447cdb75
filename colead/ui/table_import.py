"""Importing a registry table (upload → map columns → preview with errors and what was tidied →
confirm → written batch by batch under a progress bar → summary) and exporting one (CSV, Excel).

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
    ImportPreview,
    ImportProgress,
    PreviewRow,
    guess_mapping,
    import_batches,
    preview_import,
    read_table,
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


def _say(error: InputError, *, markdown: bool = False) -> str:
    """A service's message in the person's language; inside Markdown, what they typed (a cell's
    text) is shown as typed."""
    params = error.params
    if markdown:
        params = {
            k: escape_markdown(v) if isinstance(v, str) and not isinstance(v, Label) else v
            for k, v in params.items()
        }
    return t(error.key, **params)


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
    try:
        with session_scope() as session:
            preview = preview_import(
                session, context.actor, context.programme.id, kind, frame, mapping, today_in_japan()
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
