"""A worksheet page before answering is built: the guideline's steps and questions, read-only."""

from __future__ import annotations

import streamlit as st

from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import page_header
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Question


def _question(question: Question) -> None:
    st.markdown(f"**● {question.label}**")
    if question.help:
        st.caption(question.help)
    if question.options:
        st.markdown("\n".join(f"- □ {option.label}" for option in question.options))
    if question.columns:
        st.caption(t("worksheet.columns", columns=" / ".join(c.label for c in question.columns)))
    if question.hints:
        st.pills(
            t("worksheet.hints"), list(question.hints), disabled=True, key=f"hints_{question.id}"
        )


def render(context: PageContext, code: str) -> None:
    sheet = WORKSHEETS[code]
    subtitle = programme_label(context.programme) if context.programme else ""
    page_header(f"{sheet.code} {sheet.title}", subtitle)
    st.write(sheet.purpose)
    st.info(t("worksheet.outline_notice"), icon=":material/info:")
    for step in sheet.steps:
        with st.container(border=True):
            st.subheader(f"{step.id} {step.title}")
            if step.guidance:
                st.caption(step.guidance)
            for question in step.questions:
                _question(question)
