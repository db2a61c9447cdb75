"""Dashboard: the programme funnel, and the same funnel across the regions one may see."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.models import SkillType
from colead.services import trends
from colead.services.errors import InputError
from colead.services.funnel import STAGES, funnels
from colead.services.programmes import list_programmes
from colead.services.trends import Period, fiscal_year_period
from colead.ui.charts import (
    MILESTONE_COLOURS,
    comparison_figure,
    deliveries_figure,
    funnel_figure,
    funnel_frame,
    milestone_figure,
    milestone_frame,
    skills_figure,
)
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import page_header


def _download(frame, name: str) -> None:  # type: ignore[no-untyped-def]
    columns = {
        "programme": t("dashboard.programme"),
        "stage": t("dashboard.stage"),
        "count": t("dashboard.count"),
        "rate": t("dashboard.rate"),
        "project": t("project.field.company"),
        "kind": t("project.field.kind"),
        "title": t("project.field.milestone"),
        "due_on": t("project.field.due"),
        "done_on": t("project.field.done"),
        "state": t("dashboard.state"),
        "month": t("dashboard.month"),
        "deliveries": t("dashboard.deliveries"),
        "recipients": t("dashboard.recipients"),
        "skill": t("talent.field.skills"),
        "talent": t("dashboard.supply"),
        "companies": t("dashboard.demand"),
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
    _trends(context)


def _period(context: PageContext) -> Period | None:
    default = fiscal_year_period(context.programme.fiscal_year)
    left, right, _ = st.columns([1, 1, 2])
    start = left.date_input(
        t("dashboard.period_from"), value=default.start, format="YYYY/MM/DD", key="colead_from"
    )
    end = right.date_input(
        t("dashboard.period_to"), value=default.end, format="YYYY/MM/DD", key="colead_to"
    )
    try:
        return Period(start, end).check()
    except InputError as error:
        st.error(t(error.key))
        return None


def _trends(context: PageContext) -> None:
    st.divider()
    st.subheader(t("dashboard.trends"))
    period = _period(context)
    if period is None:
        return
    today = date.today()
    programme_id = context.programme.id
    with session_scope() as session:
        points = trends.milestones(session, context.actor, programme_id, period)
        monthly = trends.deliveries_by_month(session, context.actor, programme_id, period)
        balance = trends.skill_balance(session, context.actor, programme_id)

    st.subheader(t("dashboard.milestones"))
    st.caption(t("dashboard.milestones_help"))
    if points:
        frame = milestone_frame(points, today)
        states = {s: t(f"dashboard.state.{s}") for s in MILESTONE_COLOURS}
        st.plotly_chart(milestone_figure(frame, states, today), width="stretch", key="milestones")
        frame["state"] = frame["state"].map(states)
        frame["kind"] = frame["kind"].map(lambda k: t(f"enum.milestone.{k}"))
        _download(frame, "milestones")
    else:
        st.info(t("dashboard.no_milestones"))

    st.subheader(t("dashboard.deliveries_title"))
    st.caption(t("dashboard.deliveries_help"))
    if monthly:
        st.plotly_chart(
            deliveries_figure(monthly, t("dashboard.deliveries"), t("dashboard.recipients")),
            width="stretch",
            key="deliveries",
        )
        _download(
            pd.DataFrame(
                [
                    {"month": m.month.strftime("%Y-%m"), "deliveries": m.deliveries,
                     "recipients": m.recipients}
                    for m in monthly
                ]
            ),
            "deliveries",
        )  # fmt: skip
    else:
        st.info(t("dashboard.no_deliveries"))

    st.subheader(t("dashboard.skills"))
    st.caption(t("dashboard.skills_help"))
    names = {s: t(f"enum.skill.{s}") for s in SkillType}
    st.plotly_chart(
        skills_figure(balance, names, t("dashboard.supply"), t("dashboard.demand")),
        width="stretch",
        key="skills",
    )
    _download(
        pd.DataFrame(
            [
                {"skill": names[b.skill], "talent": b.talent, "companies": b.companies}
                for b in balance
            ]
        ),
        "skills",
    )
