"""Dashboard: over a chosen period, the programme funnel and the same funnel across the regions
one may see, applications by recruitment channel, project milestones on a timeline, deliveries
per month, and the five talent types against the companies' needs — each chart with its data
as CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from colead.i18n import today_in_japan
from colead.models import MilestoneKind, SkillType
from colead.services import trends
from colead.services.errors import InputError
from colead.services.funnel import STAGES, funnels
from colead.services.table_export import to_csv_bytes
from colead.services.trends import Period, fiscal_year_period
from colead.ui.cached import cached_read
from colead.ui.charts import (
    MILESTONE_COLOURS,
    channels_figure,
    channels_frame,
    comparison_figure,
    deliveries_figure,
    deliveries_frame,
    funnel_figure,
    funnel_frame,
    milestone_figure,
    milestone_frame,
    skills_figure,
    skills_frame,
)
from colead.ui.context import PageContext, programme_label
from colead.ui.exports import CSV, download_button
from colead.ui.i18n import t
from colead.ui.layout import page_header
from colead.ui.memo import Memo


def _milestone_chart(
    points: list[trends.MilestonePoint], states: dict[str, str], today: date, today_label: str
) -> go.Figure:
    return milestone_figure(milestone_frame(points, today), states, today, today_label)


_BUILDERS: dict[str, Callable[..., go.Figure]] = {
    "funnel": funnel_figure,
    "channels": channels_figure,
    "comparison": comparison_figure,
    "years": comparison_figure,
    "milestones": _milestone_chart,
    "deliveries": deliveries_figure,
    "skills": skills_figure,
}


class _DrawnFigure(go.Figure):
    """A figure of the cache below, turned into its plain dict once.

    `st.plotly_chart` calls `to_dict()` on every draw: a deep copy of every trace with each
    array encoded to base64, the largest part of this page's rerun at scale. A cached figure
    never changes, so the dict is made once and shared; Plotly and Streamlit only read it (the
    one change Plotly makes, dropping trace `uid`s, finds none to drop).
    """

    _spec: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._spec is None:
            self._spec = super().to_dict()
        return self._spec


_FIGURES: Memo[go.Figure] = Memo(256)


def _built(chart: str, *data: Any) -> go.Figure:
    """The figure of `chart` for `data`, from the process's memo when the data is the same."""
    return _FIGURES.get((chart, data), lambda: _drawn(_BUILDERS[chart](*data)))


def _drawn(figure: go.Figure) -> go.Figure:
    figure.__class__ = _DrawnFigure  # a subclass adding no state of its own: see its docstring
    figure.to_dict()
    return figure


def _chart(chart: str, *data: Any) -> None:
    """Draw a chart, building its figure only when its data changed.

    Building a plotly figure (every property validated) costs several times more than drawing
    it, and most reruns of this page redraw the same data. The cache is keyed by the data the
    user's own, scoped queries returned, so one user never receives a figure of data they
    could not read; the figure is shared read-only and never changed after it is built.
    """
    st.plotly_chart(_built(chart, *data), width="stretch", key=chart)


def _download(table: Callable[[], pd.DataFrame], name: str) -> None:
    """Exactly the chart's data, with the headers a person reads (utf-8-sig: Excel opens it).

    `table` is called only when the button is clicked."""
    columns = {
        "programme": t("dashboard.programme"),
        "stage": t("dashboard.stage"),
        "count": t("dashboard.count"),
        "rate": t("dashboard.rate"),
        "project": t("dashboard.project"),
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
        "channel": t("dashboard.channel"),
        "confirmed": t("dashboard.confirmed"),
        "unconfirmed": t("dashboard.unconfirmed"),
    }
    download_button(
        t("dashboard.download"),
        lambda: to_csv_bytes(table().rename(columns=columns)),
        file_name=f"{name}.csv",
        mime=CSV,
        key=f"csv:{name}",
    )


def render(context: PageContext) -> None:
    page_header(
        t("page.dashboard"), programme_label(context.programme) if context.programme else ""
    )
    if context.programme is None:
        st.warning(t("context.no_programme"))
        return
    period = _period(context)
    if period is None:
        return
    _funnels(context, period)
    _channels(context, period)
    _years(context)
    _milestones(context, period)
    _deliveries(context, period)
    _skills(context)


def _period(context: PageContext) -> Period | None:
    """The from/to pair, starting as the programme's fiscal year; None (and a message) if the
    start is after the end.

    The keys carry the programme: picking another programme (another fiscal year) starts again
    from its year instead of keeping the dates chosen for the previous one.
    """
    default = fiscal_year_period(context.programme.fiscal_year)
    programme_id = context.programme.id
    left, right, _ = st.columns([1, 1, 2])
    start = left.date_input(
        t("dashboard.period_from"),
        value=default.start,
        format="YYYY/MM/DD",
        key=f"colead_from:{programme_id}",
    )
    end = right.date_input(
        t("dashboard.period_to"),
        value=default.end,
        format="YYYY/MM/DD",
        key=f"colead_to:{programme_id}",
    )
    st.caption(t("dashboard.period_help"))
    try:
        return Period(start, end).check()
    except InputError as error:
        st.error(t(error.key))
        return None


def _funnels(context: PageContext, period: Period) -> None:
    """The chosen programme's funnel, then the same fiscal year's programmes of every region the
    user may see, side by side."""
    programme = context.programme
    choices = [c for c in context.choices if c.fiscal_year == programme.fiscal_year]
    result = cached_read(funnels, context.actor, [c.id for c in choices], period)
    names = {c.id: programme_label(c) for c in choices}
    labels = [t(f"funnel.{stage}") for stage in STAGES]
    frame = funnel_frame(result, labels, names)
    own = frame[frame["programme"] == names[programme.id]]

    st.subheader(t("dashboard.funnel"))
    st.caption(t("dashboard.funnel_help"))
    if own["count"].sum():
        _chart("funnel", own)
        _download(lambda: own, "funnel")
    else:
        st.info(t("dashboard.no_funnel"))
    if len(result) > 1 and frame["count"].sum():
        st.subheader(t("dashboard.comparison"))
        st.caption(t("dashboard.comparison_help"))
        _chart("comparison", frame)
        _download(lambda: frame, "funnel_regions")


def _channels(context: PageContext, period: Period) -> None:
    """Applications by the channel the person heard of the programme through (A-2)."""
    rows = cached_read(trends.applications_by_channel, context.actor, context.programme.id, period)
    st.subheader(t("dashboard.channels"))
    st.caption(t("dashboard.channels_help"))
    if not rows:
        st.info(t("dashboard.no_channels"))
        return
    unknown = t("dashboard.channel_unknown")
    _chart("channels", rows, unknown, t("dashboard.confirmed"), t("dashboard.unconfirmed"))
    _download(lambda: channels_frame(rows, unknown), "channels")


def _years(context: PageContext) -> None:
    """This programme beside the same region's previous fiscal year (archived ones included),
    each over its whole year: people belong to the region, but each year counts its own
    registrations."""
    programme = context.programme
    earlier = [
        c
        for c in context.choices
        if c.region_id == programme.region_id and c.fiscal_year < programme.fiscal_year
    ]
    if not earlier:
        return
    previous = max(earlier, key=lambda c: c.fiscal_year)
    pair = [previous, programme]
    result = cached_read(funnels, context.actor, [c.id for c in pair], None)
    names = {c.id: programme_label(c) for c in pair}
    frame = funnel_frame(result, [t(f"funnel.{stage}") for stage in STAGES], names)
    st.subheader(t("dashboard.years"))
    st.caption(t("dashboard.years_help"))
    _chart("years", frame)
    _download(lambda: frame, "funnel_years")


def _milestones(context: PageContext, period: Period) -> None:
    today = today_in_japan()
    points = cached_read(trends.milestones, context.actor, context.programme.id, period)
    st.subheader(t("dashboard.milestones"))
    st.caption(t("dashboard.milestones_help"))
    if not points:
        st.info(t("dashboard.no_milestones"))
        return
    states = {s: t(f"dashboard.state.{s}") for s in MILESTONE_COLOURS}
    kinds = {k: t(f"enum.milestone.{k}") for k in MilestoneKind}
    _chart("milestones", points, states, today, t("dashboard.today"))

    def table() -> pd.DataFrame:
        frame = milestone_frame(points, today)
        return frame.assign(state=frame["state"].map(states), kind=frame["kind"].map(kinds))

    _download(table, "milestones")


def _deliveries(context: PageContext, period: Period) -> None:
    monthly = cached_read(trends.deliveries_by_month, context.actor, context.programme.id, period)
    st.subheader(t("dashboard.deliveries_title"))
    st.caption(t("dashboard.deliveries_panels"))
    if not monthly:
        st.info(t("dashboard.no_deliveries"))
        return
    _chart("deliveries", monthly, t("dashboard.deliveries"), t("dashboard.recipients"))
    _download(lambda: deliveries_frame(monthly), "deliveries")


def _skills(context: PageContext) -> None:
    balance = cached_read(trends.skill_balance, context.actor, context.programme.id)
    st.subheader(t("dashboard.skills"))
    st.caption(t("dashboard.skills_help"))
    if not any(b.talent or b.companies for b in balance):
        st.info(t("dashboard.no_skills"))
        return
    names = {s: t(f"enum.skill.{s}") for s in SkillType}
    _chart("skills", balance, names, t("dashboard.supply"), t("dashboard.demand"))
    _download(lambda: skills_frame(balance, names), "skills")
