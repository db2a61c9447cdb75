"""choice answers store option ids instead of the options' Japanese labels

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08

Until now a single-choice answer was stored as {"choice": "<label>", "other": …} and a multiple
choice or checklist as {"choices": ["<label>", …], "other": …}: rewording an option in the
catalog would have silently changed what every stored answer meant (B-1's はい decides whether a
company may start a project). Answers now store each option's stable ASCII id.

The label→id table below is FROZEN: it is the catalog as it stood at this revision, copied here
rather than imported, so this migration keeps doing the same thing whatever the worksheets say
later. A value not in the table (already an id, or a label nobody offers) is left as it is, so
upgrade and downgrade are safe to repeat. Versions and timestamps are not touched: the meaning of
an answer does not change, only its spelling.

Only worksheetanswer holds choice values: carried drafts of earlier years are rows of the same
table, and there is no history or draft table of answers.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --- the catalog's options at revision 0006: (label, id) in declaration order -----------------

_YES_NO = (("はい", "yes"), ("いいえ", "no"))
_INFORMATION = (
    ("観光情報", "tourism"),
    ("イベント情報", "events"),
    ("地域課題", "local_issues"),
    ("産業に関するニュース", "industry_news"),
    ("地域の時事ネタ", "local_topics"),
)
_CHANNELS = (
    ("メールマガジン", "newsletter"),
    ("グループチャット", "group_chat"),
    ("SNS", "sns"),
    ("その他（具体的に）", "other"),
)
_FREQUENCY = (
    ("週に１回", "weekly"),
    ("隔週", "biweekly"),
    ("月に１回", "monthly"),
    ("随時", "as_needed"),
)
_A4 = {  # A-4, and B-4, which repeats A-4's declaration
    "s1_information": (
        *_INFORMATION,
        ("地域で活躍する人材", "local_people"),
        ("その他（具体的に）", "other"),
    ),
    "s2_channels": _CHANNELS,
    "s2_frequency": _FREQUENCY,
    "s3_fit_found": _YES_NO,
}

OPTIONS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("A-2", "s3_services"): (
        ("副業マッチングのプラットフォーム", "matching_platform"),
        ("副業マッチングのイベント", "matching_event"),
        ("ターゲティングメール・DM", "targeted_mail"),
        ("副業の人材紹介", "talent_agency"),
        ("事務局経由", "secretariat"),
        ("経済産業省等の人材育成事業で構築された人材ネットワーク", "training_network"),
    ),
    **{("A-4", question): options for question, options in _A4.items()},
    **{("B-4", question): options for question, options in _A4.items()},
    **{
        ("B-1", question): _YES_NO
        for question in (
            "transformation_future_leader",
            "transformation_vision",
            "transformation_innovation",
            "transformation_digital",
            "acceptance_executive",
            "acceptance_field",
            "acceptance_team",
            "region_business",
            "region_solving",
            "region_activities",
        )
    },
    ("B-3", "s2_direction"): (
        ("既存の事業に集中し、安定した成長", "stable_growth"),
        ("既存の事業について更なる事業規模の拡大", "scale_up"),
        ("既存の事業留まらず、新規事業の創出", "new_business"),
        ("事業規模の拡大や複数の新規事業創出等の大変革を志向", "transformation"),
    ),
    ("B-3", "s5_talent_types"): (
        ("サイバーセキュリティスペシャリスト", "security"),
        ("データサイエンティスト", "data_scientist"),
        ("UI/UXデザイナー", "ux_designer"),
        ("エンジニア・オペレータ", "engineer"),
        ("ビジネスアーキテクト", "business_architect"),
    ),
    ("B-5", "s1_days"): (
        ("２日間", "two_days"),
        ("３日間", "three_days"),
        ("４日間", "four_days"),
        ("５日間", "five_days"),
    ),
    ("B-5", "s2_venue"): (
        ("庁舎の会議室", "city_hall"),
        ("ホテル等の貸し会議室", "rental_room"),
        ("コワーキングスペース", "coworking"),
        ("その他（具体的に）", "other"),
    ),
    ("B-5", "s2_environment"): (
        ("プレゼンテーションができるスペース", "presentation_space"),
        ("ディスカッションができるスペース", "discussion_space"),
        ("資料作成等の作業ができるスペース", "work_space"),
        ("プレゼンテーション用の大型モニターもしくはプロジェクター", "large_display"),
        ("ホワイトボード", "whiteboard"),
        ("インターネット環境", "internet"),
    ),
    ("B-5", "s2_transport"): (
        ("公共交通機関", "public_transport"),
        ("公用車", "official_car"),
        ("レンタカー", "rental_car"),
        ("貸し切りバス", "chartered_bus"),
        ("その他（具体的に）", "other"),
    ),
    ("B-5", "s2_travel_cost"): (
        ("支給しない", "none"),
        ("実費支給", "actual_cost"),
        ("上限を決めて実費支給", "capped_cost"),
        ("定額支給", "flat_rate"),
    ),
    ("B-5", "s2_fee"): (
        ("支給しない", "none"),
        ("フィールドワークツアーのみ支給", "tour_only"),
        ("企業との個別支援のみ支給", "support_only"),
        ("全ての活動に支給", "all_activities"),
    ),
    ("B-5", "s3_publicity"): (
        ("HPでの開催レポート掲載", "website_report"),
        ("自治体の広報誌・HPでの開催レポート掲載", "municipal_report"),
        ("SNSでの記事掲載", "sns"),
        ("プレスリリース", "press_release"),
        ("メディアへの取材依頼", "media"),
        ("その他（具体的に）", "other"),
    ),
    ("B-5", "s4_pre_meeting"): (("実施する", "yes"), ("実施しない", "no")),
    ("B-5", "s4_pre_meeting_members"): (
        ("プログラム参加企業", "companies"),
        ("自治体", "municipality"),
        ("地方版IoT推進ラボ/地域DXラボ", "dx_lab"),
        ("地域金融機関", "regional_bank"),
        ("経営支援機関", "business_support"),
        ("その他連携機関", "other_partners"),
        ("その他（具体的に）", "other"),
    ),
    ("B-6", "s1_progress"): (
        (
            "地域中小企業との打ち合わせを行うごとに高度デジタル人材からレポート提出",
            "meeting_reports",
        ),
        ("月次定例会を開催し、チーム内で各地域中小企業の支援状況を共有", "monthly_meetings"),
        ("中間報告会を開催して、プロジェクトの方向性・検討状況等を取りまとめる", "interim_report"),
        ("最終報告会を開催して、支援した成果を取りまとめる", "final_report"),
    ),
    ("B-6", "s3_information"): (*_INFORMATION, ("その他", "other")),
    ("B-6", "s3_channels"): _CHANNELS,
    ("B-6", "s3_frequency"): _FREQUENCY,
}


_answers = sa.table(
    "worksheetanswer",
    sa.column("id", sa.Integer),
    sa.column("worksheet", sa.String),
    sa.column("question", sa.String),
    sa.column("value", sa.JSON),
)


def respell(value: Any, mapping: dict[str, str]) -> Any:
    """`value` with every choice found in `mapping` replaced; anything else kept as it is."""
    if not isinstance(value, dict):
        return value
    result = dict(value)
    if isinstance(value.get("choice"), str):
        result["choice"] = mapping.get(value["choice"], value["choice"])
    if isinstance(value.get("choices"), list):
        result["choices"] = [
            mapping.get(choice, choice) if isinstance(choice, str) else choice
            for choice in value["choices"]
        ]
    return result


def _rewrite(to_ids: bool) -> None:
    conn = op.get_bind()
    for (worksheet, question), options in OPTIONS.items():
        mapping = (
            {label: id_ for label, id_ in options}
            if to_ids
            else {id_: label for label, id_ in options}
        )
        rows = conn.execute(
            sa.select(_answers.c.id, _answers.c.value).where(
                _answers.c.worksheet == worksheet, _answers.c.question == question
            )
        ).all()
        for row_id, value in rows:
            new = respell(value, mapping)
            if new != value:
                conn.execute(_answers.update().where(_answers.c.id == row_id).values(value=new))


def upgrade() -> None:
    _rewrite(to_ids=True)


def downgrade() -> None:
    _rewrite(to_ids=False)
