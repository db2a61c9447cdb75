"""Plotly figures, built by plain functions (tested without a browser)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from colead.services.funnel import Funnel

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
            y=frame["stage"],
            x=frame["count"],
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
            x=rows["stage"],
            y=rows["count"],
            text=rows["count"],
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
