"""Plotly figures, built by plain functions (tested without a browser).

Traces take plain lists, not pandas columns: Plotly hands a figure of lists and numbers straight
to orjson, while a column of Python objects (text, dates) makes it walk every value first, on
every draw."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from colead.services.funnel import Funnel
from colead.services.trends import ChannelCount, MilestonePoint, MonthlyDeliveries, SkillBalance

FONT = "Noto Sans CJK JP, Hiragino Kaku Gothic ProN, Meiryo, sans-serif"


def funnel_frame(funnels: list[Funnel], labels: list[str], names: dict[int, str]) -> pd.DataFrame:
    """One row per programme and stage: counts and the rate from the stage before."""
    rows = []
    for funnel in funnels:
        for stage, count, rate in zip(labels, funnel.counts, funnel.rates(), strict=True):
            rows.append(
                {
                    "programme": names[funnel.programme_id],
                    "stage": stage,
                    "count": count,
                    "rate": rate,
                }
            )
    return pd.DataFrame(rows, columns=["programme", "stage", "count", "rate"])


def funnel_figure(frame: pd.DataFrame) -> go.Figure:
    """The funnel of one programme, each bar labelled with its count and conversion rate."""
    text = [
        f"{c}名" if pd.isna(r) else f"{c}名（{r:.0%}）"
        for c, r in zip(frame["count"], frame["rate"], strict=True)
    ]
    figure = go.Figure(
        go.Funnel(
            y=frame["stage"].tolist(),
            x=frame["count"].tolist(),
            text=text,
            textinfo="text",
            marker={"color": "#0b6e8a"},
        )
    )
    figure.update_layout(
        font={"family": FONT, "size": 18}, height=460, margin={"l": 10, "r": 10, "t": 10, "b": 10}
    )
    figure.update_yaxes(tickfont={"size": 18})
    return figure


def comparison_figure(frame: pd.DataFrame) -> go.Figure:
    """The funnels of several programmes side by side, one colour per programme."""
    figure = go.Figure()
    for programme, rows in frame.groupby("programme", sort=False):
        figure.add_bar(
            name=programme,
            x=rows["stage"].tolist(),
            y=rows["count"].tolist(),
            text=rows["count"].tolist(),
            textposition="outside",
        )
    figure.update_layout(
        barmode="group",
        font={"family": FONT, "size": 16},
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.12},
    )
    return figure


# Date ticks that read the same in Japanese and English: 11/24 within a month, 2026/11 beyond.
_DAY_OR_MONTH = [
    {"dtickrange": [None, "M1"], "value": "%m/%d"},
    {"dtickrange": ["M1", None], "value": "%Y/%m"},
]

MILESTONE_COLOURS = {"done": "#2e7d32", "overdue": "#c62828", "planned": "#9e9e9e"}


def milestone_frame(points: list[MilestonePoint], today: date) -> pd.DataFrame:
    """One row per milestone with its state: done, overdue (past due, not done) or planned."""
    return pd.DataFrame(
        [
            {
                "project": p.project,
                "kind": p.kind,
                "title": p.title,
                "due_on": p.due_on,
                "done_on": p.done_on,
                "state": "done" if p.done_on else ("overdue" if p.due_on < today else "planned"),
            }
            for p in points
        ],
        columns=["project", "kind", "title", "due_on", "done_on", "state"],
    )


def milestone_figure(
    frame: pd.DataFrame, state_labels: dict[str, str], today: date, today_label: str = ""
) -> go.Figure:
    """Each project a row, each milestone a marker on its due date coloured by state, and a
    dashed line (labelled `today_label`, if given) for today."""
    figure = go.Figure()
    for state, colour in MILESTONE_COLOURS.items():
        rows = frame[frame["state"] == state]
        figure.add_scatter(
            name=state_labels[state],
            x=[d.isoformat() for d in rows["due_on"]],
            y=[p if len(p) <= 28 else p[:27] + "…" for p in rows["project"]],
            text=rows["title"].tolist(),
            mode="markers",
            marker={"color": colour, "size": 16, "symbol": "diamond"},
            hovertemplate="%{y}<br>%{text}<br>%{x|%Y-%m-%d}<extra></extra>",
        )
    label = {"annotation_text": today_label, "annotation_position": "top"} if today_label else {}
    figure.add_vline(x=today.isoformat(), line_dash="dash", line_color="#0b6e8a", **label)
    projects = frame["project"].nunique() if not frame.empty else 1
    figure.update_layout(
        font={"family": FONT, "size": 16},
        height=max(260, 70 * projects + 120),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.15},
        xaxis={"tickformatstops": _DAY_OR_MONTH},
    )
    figure.update_yaxes(autorange="reversed")
    return figure


def deliveries_frame(rows: list[MonthlyDeliveries]) -> pd.DataFrame:
    """The data of the deliveries chart, one row per month (months without any left out)."""
    return pd.DataFrame(
        [
            {"month": r.month.strftime("%Y-%m"), "deliveries": r.deliveries,
             "recipients": r.recipients}
            for r in rows
        ],
        columns=["month", "deliveries", "recipients"],
    )  # fmt: skip


def _count_step(largest: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most six whole-number ticks."""
    step = 1
    while largest / step > 6:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def deliveries_figure(
    rows: list[MonthlyDeliveries], deliveries_label: str, recipients_label: str
) -> go.Figure:
    """Deliveries per month above, people reached per month below, on one month axis.

    Two panels rather than two y axes on one: each bar carries its own number, nothing overlaps,
    and a room reads both from the back. Counts get whole-number ticks, months read 2026/06 in
    either language, and a month without deliveries stays an empty slot on the date axis.
    """
    months = [r.month.strftime("%Y-%m") for r in rows]
    sent = [r.deliveries for r in rows]
    reached = [r.recipients for r in rows]
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.16,
        subplot_titles=(deliveries_label, recipients_label),
    )
    for row, (label, values, colour) in enumerate(
        ((deliveries_label, sent, "#0b6e8a"), (recipients_label, reached, "#e08e0b")), start=1
    ):
        figure.add_bar(
            name=label,
            x=months,
            y=values,
            text=values,
            textposition="outside",
            cliponaxis=False,
            marker={"color": colour},
            row=row,
            col=1,
        )
        most = max(values, default=0)
        figure.update_yaxes(
            range=[0, max(most, 1) * 1.3], dtick=_count_step(most), tickformat="d", row=row, col=1
        )
    figure.update_xaxes(type="date", tickformat="%Y/%m", dtick="M1", showticklabels=True)
    figure.update_annotations(font={"size": 18})  # the panel titles
    figure.update_layout(
        font={"family": FONT, "size": 16},
        height=520,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=False,
        bargap=0.35,
    )
    return figure


def skills_frame(rows: list[SkillBalance], names: dict[str, str]) -> pd.DataFrame:
    """The data of the talent-type chart: each type's label, people offering it, companies."""
    return pd.DataFrame(
        [{"skill": names[r.skill], "talent": r.talent, "companies": r.companies} for r in rows],
        columns=["skill", "talent", "companies"],
    )


def skills_figure(
    rows: list[SkillBalance], names: dict[str, str], talent_label: str, company_label: str
) -> go.Figure:
    """The five talent types: people offering each beside companies needing it."""
    labels = [names[r.skill] for r in rows]
    figure = go.Figure()
    figure.add_bar(
        name=talent_label, x=labels, y=[r.talent for r in rows],
        text=[r.talent for r in rows], textposition="outside", marker={"color": "#0b6e8a"},
    )  # fmt: skip
    figure.add_bar(
        name=company_label, x=labels, y=[r.companies for r in rows],
        text=[r.companies for r in rows], textposition="outside", marker={"color": "#e08e0b"},
    )  # fmt: skip
    figure.update_layout(
        barmode="group",
        font={"family": FONT, "size": 16},
        height=400,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.15},
    )
    return figure


def channels_frame(rows: list[ChannelCount], unknown: str) -> pd.DataFrame:
    """The data of the channel chart: each channel, its confirmed and unconfirmed applicants."""
    return pd.DataFrame(
        [
            {
                "channel": r.channel or unknown,
                "confirmed": r.confirmed,
                "unconfirmed": r.unconfirmed,
            }
            for r in rows
        ],
        columns=["channel", "confirmed", "unconfirmed"],
    )


def channels_figure(
    rows: list[ChannelCount], unknown: str, confirmed_label: str, unconfirmed_label: str
) -> go.Figure:
    """Applications per recruitment channel, largest on top: confirmed, then 未確認 stacked."""
    ordered = list(reversed(rows))  # a horizontal bar chart draws its first row at the bottom
    labels = [r.channel or unknown for r in ordered]
    figure = go.Figure()
    figure.add_bar(
        name=confirmed_label, y=labels, x=[r.confirmed for r in ordered], orientation="h",
        text=[r.confirmed or "" for r in ordered], marker={"color": "#0b6e8a"},
    )  # fmt: skip
    if any(r.unconfirmed for r in rows):
        figure.add_bar(
            name=unconfirmed_label, y=labels, x=[r.unconfirmed for r in ordered],
            orientation="h", text=[r.unconfirmed or "" for r in ordered],
            marker={"color": "#b0bec5"},
        )  # fmt: skip
    figure.update_layout(
        barmode="stack",
        font={"family": FONT, "size": 16},
        height=max(260, 46 * len(rows) + 120),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.12},
        yaxis={"automargin": True},
    )
    return figure
