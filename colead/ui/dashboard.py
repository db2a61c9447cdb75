"""Dashboard: the programme funnel, and the same funnel across the regions one may see."""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.services.funnel import STAGES, funnels
from colead.services.programmes import list_programmes
from colead.ui.charts import comparison_figure, funnel_figure, funnel_frame
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import page_header


def _download(frame, name: str) -> None:  # type: ignore[no-untyped-def]
    columns = {
        "programme": t("dashboard.programme"),
        "stage": t("dashboard.stage"),
        "count": t("dashboard.count"),
        "rate": t("dashboard.rate"),
    }
    st.download_button(
        t("dashboard.download"),
        frame.rename(columns=columns).to_csv(index=False).encode("utf-8-sig"),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"csv:{name}",
    )


def render(context: PageContext) -> None:
    page_header(
        t("page.dashboard"), programme_label(context.programme) if context.programme else ""
    )
    if context.programme is None:
        st.warning(t("context.no_programme"))
        return
    with session_scope() as session:
        choices = list_programmes(session, context.actor)
        result = funnels(session, context.actor, [c.id for c in choices])
    names = {c.id: programme_label(c) for c in choices}
    labels = [t(f"funnel.{stage}") for stage in STAGES]
    frame = funnel_frame(result, labels, names)
    own = frame[frame["programme"] == names[context.programme.id]]

    st.subheader(t("dashboard.funnel"))
    st.caption(t("dashboard.funnel_help"))
    st.plotly_chart(funnel_figure(own), width="stretch", key="funnel")
    _download(own, "funnel")
    if len(result) > 1:
        st.subheader(t("dashboard.comparison"))
        st.plotly_chart(comparison_figure(frame), width="stretch", key="comparison")
        _download(frame, "funnel_regions")
