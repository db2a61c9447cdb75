"""The dashboard's figures carry the data they are built from: the funnel's stages, counts and
rates, milestones by state, deliveries per month, talent types against needs."""

from __future__ import annotations

from datetime import date

from colead.models import SkillType
from colead.services.funnel import Funnel
from colead.services.trends import MilestonePoint, MonthlyDeliveries, SkillBalance
from colead.ui.charts import (
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


TODAY = date(2026, 11, 24)
STATES = {"done": "完了", "overdue": "期限超過", "planned": "予定"}
LONG = "釧路港水産加工株式会社：水揚げデータを使った歩留まり改善と在庫の見える化"


def _points() -> list[MilestonePoint]:
    return [
        MilestonePoint("釧路水産：在庫管理", "monthly_meeting", "7月", date(2026, 7, 31),
                       date(2026, 7, 30)),
        MilestonePoint("釧路水産：在庫管理", "interim_report", "中間", date(2026, 10, 15), None),
        MilestonePoint(LONG, "final_report", "最終", date(2027, 2, 20), None),
        MilestonePoint(LONG, "other", "今日が期限", TODAY, None),
    ]  # fmt: skip


def test_milestones_are_done_overdue_or_planned_against_today() -> None:
    frame = milestone_frame(_points(), TODAY)
    assert list(frame["state"]) == ["done", "overdue", "planned", "planned"]  # due today: planned
    figure = milestone_figure(frame, STATES, TODAY, "今日")
    traces = {trace.name: trace for trace in figure.data}
    assert list(traces) == ["完了", "期限超過", "予定"]
    assert list(traces["完了"].x) == ["2026-07-31"]
    assert list(traces["期限超過"].text) == ["中間"]
    assert list(traces["予定"].x) == ["2027-02-20", TODAY.isoformat()]
    assert traces["期限超過"].marker.color == "#c62828"
    assert all(len(y) <= 28 for y in traces["予定"].y) and traces["予定"].y[0].endswith("…")
    assert traces["完了"].y[0] == "釧路水産：在庫管理"  # short names are kept whole
    (today_line,) = figure.layout.shapes
    assert today_line.x0 == today_line.x1 == TODAY.isoformat()
    assert [a.text for a in figure.layout.annotations] == ["今日"]
    assert figure.layout.font.size >= 16


def test_a_state_without_milestones_is_an_empty_series_not_an_error() -> None:
    frame = milestone_frame(_points()[:1], TODAY)
    figure = milestone_figure(frame, STATES, TODAY)
    assert [len(trace.x) for trace in figure.data] == [1, 0, 0]
    assert not figure.layout.annotations  # no label asked for, none drawn


def test_deliveries_and_people_reached_are_two_panels_on_one_month_axis() -> None:
    rows = [
        MonthlyDeliveries(date(2026, 6, 1), 2, 5),
        MonthlyDeliveries(date(2026, 9, 1), 1, 0),
    ]
    figure = deliveries_figure(rows, "情報提供の回数", "届けた延べ人数")
    sent, reached = figure.data
    assert (sent.type, reached.type) == ("bar", "bar")
    assert list(sent.x) == list(reached.x) == ["2026-06", "2026-09"]
    assert list(sent.y) == [2, 1] and list(reached.y) == [5, 0]
    assert [str(v) for v in (*sent.text, *reached.text)] == ["2", "1", "5", "0"]  # on the bars
    assert (sent.yaxis, reached.yaxis) == ("y", "y2")  # one panel each
    assert [a.text for a in figure.layout.annotations] == ["情報提供の回数", "届けた延べ人数"]
    assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis2.dtick == 1  # no 0.5 delivery
    assert figure.layout.xaxis.tickformat == "%Y/%m"
    assert figure.layout.font.size >= 16
    frame = deliveries_frame(rows)
    assert frame.to_dict("records") == [
        {"month": "2026-06", "deliveries": 2, "recipients": 5},
        {"month": "2026-09", "deliveries": 1, "recipients": 0},
    ]


def test_talent_types_stand_beside_the_companies_needing_them() -> None:
    rows = [
        SkillBalance(SkillType.SECURITY, 1, 0),
        SkillBalance(SkillType.ENGINEER, 2, 3),
    ]
    names = {SkillType.SECURITY: "セキュリティ", SkillType.ENGINEER: "エンジニア"}
    figure = skills_figure(rows, names, "登録人材（人）", "必要とする企業（社）")
    supply, demand = figure.data
    assert (supply.name, demand.name) == ("登録人材（人）", "必要とする企業（社）")
    assert list(supply.x) == list(demand.x) == ["セキュリティ", "エンジニア"]
    assert list(supply.y) == [1, 2] and list(demand.y) == [0, 3]
    assert figure.layout.barmode == "group" and figure.layout.font.size >= 16
    assert skills_frame(rows, names).to_dict("records") == [
        {"skill": "セキュリティ", "talent": 1, "companies": 0},
        {"skill": "エンジニア", "talent": 2, "companies": 3},
    ]


def test_empty_data_gives_frames_with_their_columns() -> None:
    assert list(deliveries_frame([]).columns) == ["month", "deliveries", "recipients"]
    assert list(skills_frame([], {}).columns) == ["skill", "talent", "companies"]
    assert list(milestone_frame([], TODAY).columns) == [
        "project", "kind", "title", "due_on", "done_on", "state",
    ]  # fmt: skip


def test_counts_get_whole_number_ticks_however_large() -> None:
    many = [MonthlyDeliveries(date(2026, 4, 1), 3, 7), MonthlyDeliveries(date(2026, 5, 1), 1, 480)]
    figure = deliveries_figure(many, "回数", "人数")
    assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis2.dtick == 100
    assert figure.layout.yaxis2.range[1] >= 480  # the largest month stays on the chart


def test_every_figure_is_plain_json_and_a_drawn_one_is_built_once() -> None:
    """What keeps the dashboard's reruns short: a cached figure hands Streamlit the same dict on
    every draw, and that dict holds only what orjson writes as it is (lists, numbers, base64
    arrays), so Plotly does not walk every value of every trace each time."""
    import orjson
    import plotly.io

    from colead.ui import dashboard

    funnel = funnel_frame([Funnel(1, [40, 30, 20, 10, 8, 6, 3])], LABELS, {1: "釧路市"})
    drawn = [
        dashboard._built("funnel", funnel),
        dashboard._built("comparison", funnel),
        dashboard._built("milestones", _points(), STATES, TODAY, "今日"),
    ]
    for figure in drawn:
        spec = figure.to_dict()
        assert figure.to_dict() is spec
        orjson.dumps(spec)  # raises on a value orjson cannot write without Plotly's cleaning
    fresh = milestone_figure(milestone_frame(_points(), TODAY), STATES, TODAY, "今日")
    assert plotly.io.to_json(drawn[2].to_dict(), validate=False) == plotly.io.to_json(
        fresh, validate=False
    )
    assert dashboard._built("milestones", _points(), STATES, TODAY, "今日") is drawn[2]
    assert dashboard._built("milestones", _points()[:2], STATES, TODAY, "今日") is not drawn[2]


def test_applications_per_channel_stack_the_unconfirmed_on_the_confirmed() -> None:
    from colead.services.trends import ChannelCount
    from colead.ui.charts import channels_figure, channels_frame

    rows = [ChannelCount("SNS・Web広告", 4, 2), ChannelCount("", 1, 0)]
    figure = channels_figure(rows, "（未記入）", "確認済み", "未確認")
    confirmed, unconfirmed = figure.data
    assert list(confirmed.y) == ["（未記入）", "SNS・Web広告"]  # the largest on top
    assert list(confirmed.x) == [1, 4] and list(unconfirmed.x) == [0, 2]
    assert figure.layout.barmode == "stack"
    assert channels_frame(rows, "（未記入）").to_dict("records") == [
        {"channel": "SNS・Web広告", "confirmed": 4, "unconfirmed": 2},
        {"channel": "（未記入）", "confirmed": 1, "unconfirmed": 0},
    ]
    assert len(channels_figure([ChannelCount("SNS", 3, 0)], "-", "a", "b").data) == 1
