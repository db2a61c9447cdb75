"""The dashboard's figures carry the stages, counts and rates they are built from."""

from __future__ import annotations

from colead.services.funnel import Funnel
from colead.ui.charts import comparison_figure, funnel_figure, funnel_frame

LABELS = [
    "応募・登録",
    "ミートアップ参加",
    "ツアー参加",
    "プロジェクト参画",
    "中間報告",
    "最終報告",
    "継続関係",
]


def test_funnel_figure_shows_counts_and_rates() -> None:
    frame = funnel_frame([Funnel(1, (40, 30, 15, 9, 9, 3, 0))], LABELS, {1: "釧路市"})
    figure = funnel_figure(frame)
    trace = figure.data[0]
    assert list(trace.y) == LABELS
    assert list(trace.x) == [40, 30, 15, 9, 9, 3, 0]
    assert trace.text[0] == "40名"
    assert trace.text[1] == "30名（75%）"
    assert trace.text[6] == "0名（0%）"


def test_comparison_has_one_series_per_programme() -> None:
    frame = funnel_frame(
        [Funnel(1, (4, 2, 1, 0, 0, 0, 0)), Funnel(2, (3, 0, 0, 0, 0, 0, 0))],
        LABELS,
        {1: "釧路市", 2: "加賀市"},
    )
    figure = comparison_figure(frame)
    assert [trace.name for trace in figure.data] == ["釧路市", "加賀市"]
    assert list(figure.data[1].y) == [3, 0, 0, 0, 0, 0, 0]
    assert (
        frame.loc[(frame.programme == "加賀市") & (frame.stage == "ツアー参加"), "rate"]
        .isna()
        .all()
    )  # no meetup attendee: no rate to show
