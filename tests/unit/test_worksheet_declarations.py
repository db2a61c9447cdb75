"""The worksheet declarations hold the guideline's STEPs and questions in its wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Kind, Track

GUIDELINE = Path(__file__).resolve().parents[3] / "shared/guideline/000_5c87cc5e01ccc7f6.txt"
ID = re.compile(r"^[a-z][a-z0-9_]*$")
STEP_TITLES = {
    "A-1": [
        "地域の魅力の棚卸",
        "地域における課題の棚卸",
        "地域課題とデジタル技術との紐づけ",
        "高度デジタル人材に期待することの検討",
        "高度デジタル人材に対するインセンティブの検討",
    ],
    "A-2": [
        "求める人材へのアプローチ方法の把握",
        "直接的なアプローチの検討",
        "間接的なアプローチの検討",
    ],
    "A-3": ["開催概要の検討", "プログラムの検討"],
    "A-4": ["提供する情報の検討", "情報提供方法の検討", "フィールドワークツアーの人材募集・選定"],
    "B-1": ["トランスフォーメーションへの意欲", "受入体制の整備", "地域課題への関心や貢献意欲"],
    "B-2": ["既存の候補先企業の棚卸", "連携機関の検討"],
    "B-3": [
        "経営課題の棚卸",
        "将来目指す姿の検討",
        "経営課題の具体化",
        "高度デジタル人材と取り組みたい課題の選択",
        "マッチングしたい高度デジタル人材の検討",
    ],
    "B-4": ["提供する情報の検討", "情報提供方法の検討", "フィールドワークツアーの人材募集・選定"],
    "B-5": ["開催概要の検討", "受入環境の整備", "ツアー内容の外部発信", "ツアー内容の検討"],
    "B-6": [
        "進捗確認方法の検討",
        "地域との橋渡し役",
        "地域情報の提供",
        "プログラム終了後の関係性の検討",
    ],
}
# Labels the guideline draws as table headers or sub-items rather than ● lines; each names
# the guideline's own words it stands for.
NOT_A_BULLET = {
    ("B-3", "s4_priorities"),  # the STEP heading, the sheet draws a table under it
    ("B-5", "s4_itinerary"),  # the 1日目/2日目/3日目 × AM/PM table of STEP4
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def guideline() -> str:
    if not GUIDELINE.exists():
        pytest.skip(f"the guideline text is not beside the project ({GUIDELINE})")
    return _squash(GUIDELINE.read_text(encoding="utf-8"))


def test_all_ten_worksheets_in_the_guideline_order() -> None:
    assert list(WORKSHEETS) == [
        "A-1",
        "A-2",
        "A-3",
        "A-4",
        "B-1",
        "B-2",
        "B-3",
        "B-4",
        "B-5",
        "B-6",
    ]
    for code, sheet in WORKSHEETS.items():
        assert sheet.track == Track(code[0])
        assert sheet.per_company == (code in {"B-1", "B-3"})


@pytest.mark.parametrize("code", list(WORKSHEETS))
def test_steps_and_questions_are_well_formed(code: str) -> None:
    sheet = WORKSHEETS[code]
    assert [s.id for s in sheet.steps] == [f"STEP{i}" for i in range(1, len(sheet.steps) + 1)]
    assert [s.title for s in sheet.steps] == STEP_TITLES[code]
    ids = [q.id for q in sheet.questions()]
    assert len(ids) == len(set(ids)) and all(ID.match(i) for i in ids)
    for step in sheet.steps:
        assert step.guidance and step.questions, (code, step.id)
    for q in sheet.questions():
        assert q.label and "\n" not in q.label
        if q.kind in (Kind.SINGLE, Kind.MULTI, Kind.CHECKLIST):
            assert len(q.options) >= 2, q.id
        if q.kind in (Kind.TABLE, Kind.RECORDS):
            assert q.columns, q.id
        assert (q.record is not None) == (q.kind == Kind.RECORDS), q.id
        assert all(len(row) == len(q.columns) for row in q.prefill), q.id


@pytest.mark.parametrize("code", list(WORKSHEETS))
def test_wording_is_the_guidelines(code: str, guideline: str) -> None:
    sheet = WORKSHEETS[code]
    for step in sheet.steps:
        assert _squash(step.title) in guideline, step.title
    for q in sheet.questions():
        if (code, q.id) not in NOT_A_BULLET:
            assert _squash(q.label) in guideline, (code, q.id, q.label)
        for option in q.options:
            assert _squash(option.label) in guideline or option.other, (code, option.label)
        for hint in q.hints:
            assert _squash(hint) in guideline, (code, hint)


def test_b1_has_the_ten_checks_and_b3_the_five_talent_types() -> None:
    b1 = WORKSHEETS["B-1"]
    assert len(b1.questions()) == 10
    assert [len(s.questions) for s in b1.steps] == [4, 3, 3]
    assert [q.id for q in b1.steps[1].questions] == [
        "acceptance_executive",
        "acceptance_field",
        "acceptance_team",
    ]
    types = WORKSHEETS["B-3"].steps[4].questions[0]
    assert [o.label for o in types.options] == [
        "サイバーセキュリティスペシャリスト",
        "データサイエンティスト",
        "UI/UXデザイナー",
        "エンジニア・オペレータ",
        "ビジネスアーキテクト",
    ]
    assert all(o.description for o in types.options)


def test_questions_that_name_records_link_to_the_registries() -> None:
    linked = {
        (code, q.id): q.record
        for code, s in WORKSHEETS.items()
        for q in s.questions()
        if q.kind == Kind.RECORDS
    }
    assert linked[("A-3", "s2_companies")] == "company"
    assert linked[("A-4", "s3_fit_talent")] == "talent"
    assert linked[("B-4", "s3_fit_talent")] == "talent"
    assert linked[("B-5", "s4_companies")] == "company"
