"""Importing a registry table (upload → map columns → preview with errors → confirm → summary)
and exporting one (CSV, Excel)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.services import table_export
from colead.services.errors import InputError
from colead.services.table_import import (
    FIELDS,
    TALENT,
    ImportPreview,
    commit_import,
    guess_mapping,
    preview_import,
    read_table,
)
from colead.services.talent import TalentFilter
from colead.ui.context import PageContext
from colead.ui.exports import CSV, XLSX, download_button
from colead.ui.i18n import lang, t
from colead.ui.registry import attempt, may_edit

_UNUSED = "__unused__"
_LISTED_ERRORS = 20  # the table holds them all; the list names the first ones in words


def _imported_key(kind: str) -> str:
    return f"colead_imported_{kind}"


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


def _preview_table(kind: str, preview: ImportPreview) -> None:
    labels = {f.key: t(f.label_key) for f in FIELDS[kind]}
    frame = pd.DataFrame(
        [
            {
                t("import.line"): row.line,
                t("import.result"): "⚠️ " + "／".join(t(e.key, **e.params) for e in row.errors)
                if row.errors
                else "✓",
                **{labels[k]: v for k, v in row.values.items() if v},
            }
            for row in sorted(preview.rows, key=lambda r: (not r.errors, r.line))
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    invalid = preview.invalid
    if invalid:
        shown = invalid[:_LISTED_ERRORS]
        lines = [
            t(
                "import.row_error",
                line=row.line,
                errors="／".join(t(e.key, **e.params) for e in row.errors),
            )
            for row in shown
        ]
        if len(invalid) > len(shown):
            lines.append(t("import.more_errors", n=len(invalid) - len(shown)))
        st.error("\n".join(f"- {line}" for line in lines))


def import_section(context: PageContext, kind: str) -> None:
    """Upload, map, preview; write only when the confirm button is pressed."""
    st.caption(t(f"import.intro.{kind}"))
    done = st.session_state.get(_imported_key(kind))
    if done:
        st.success(t("import.done", created=done["created"], skipped=done["skipped"]))
    upload = st.file_uploader(t("import.file"), type=["csv", "xlsx"], key=f"colead_upload_{kind}")
    if upload is None:
        return
    data = upload.getvalue()
    file_id = hashlib.sha256(data).hexdigest()[:16]
    try:
        frame = read_table(data, upload.name)
    except InputError as error:
        st.error(t(error.key, **error.params))
        return
    mapping = _mapping(kind, frame, file_id)
    try:
        with session_scope() as session:
            preview = preview_import(
                session, context.actor, context.programme.id, kind, frame, mapping, today_in_japan()
            )
    except InputError as error:
        st.error(t(error.key, **error.params))
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
        summary = attempt(lambda s: commit_import(s, context.actor, context.programme.id, preview))
        if summary is not None:
            st.session_state[_imported_key(kind)] = {
                "created": summary.created,
                "skipped": summary.skipped,
                "file": file_id,
            }
            st.rerun()


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
