"""Answers as text: what the conflict panel, print view and export show."""

from __future__ import annotations

from colead.worksheets.schema import Column, Kind, Option, Question, Record
from colead.worksheets.text import describe

MULTI = Question(
    "m",
    "媒体",
    Kind.MULTI,
    options=(Option("sns", "SNS"), Option("other", "その他（具体的に）", other=True)),
)
RECORDS = Question(
    "r",
    "紹介する企業",
    Kind.RECORDS,
    record=Record.COMPANY,
    columns=(Column("why", "理由"), Column("minutes", "時間")),
)


def test_unanswered_is_empty() -> None:
    for kind in Kind:
        assert describe(Question("q", "x", kind), None) == ""


def test_choices_read_with_the_other_text() -> None:
    value = {"choices": ["sns", "other"], "other": "回覧板"}
    assert describe(MULTI, value) == "SNS、その他（具体的に）：回覧板"


def test_records_are_named_not_numbered() -> None:
    rows = [{"record_id": 7, "why": "水産加工のDX", "minutes": 15}, {"record_id": 9}]
    assert describe(RECORDS, rows, {7: "釧路水産", 9: "阿寒観光"}) == (
        "釧路水産 ／ 理由：水産加工のDX ／ 時間：15\n阿寒観光"
    )
    assert describe(RECORDS, [{"record_id": 5}], {}) == "#5"


def test_hints_join_words_with_a_comma_and_sentences_without() -> None:
    from colead.worksheets.text import join_phrases

    assert join_phrases(("観光情報", "イベント情報")) == "観光情報、イベント情報"
    assert (
        join_phrases(("地域の課題を挙げる。", "産業のニュース"))
        == "地域の課題を挙げる。産業のニュース"
    )
    assert "。、" not in join_phrases(("一つ目の文。", "二つ目の文。", "語"))
