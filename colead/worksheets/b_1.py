"""B-1 候補企業の要件整理: ten checks in three STEPs, answered per candidate company.

The three checks of 受入体制の整備 carry the ids colead.services.screening relies on; a check
holds when its answer is the option AFFIRMATIVE (はい), stored by id.
"""

from colead.worksheets.schema import Kind, Option, Question, Step, Track, Worksheet

# The option id a check holds with (colead.services.screening reads it); labels are for people.
AFFIRMATIVE = "yes"
YES_NO = (Option(AFFIRMATIVE, "はい"), Option("no", "いいえ"))


def _check(question_id: str, label: str) -> Question:
    return Question(question_id, label, Kind.SINGLE, options=YES_NO)


WORKSHEET = Worksheet(
    code="B-1",
    title="候補企業の要件整理",
    short_title="候補企業の要件整理",
    track=Track.B,
    purpose="高度デジタル人材との協働が見込まれる地域中小企業の要件を整理する。全てにチェックがつく必要はありませんが、”受入体制の整備”はプロジェクト開始までにすべての項目にチェックがつくように働きかけてください。",
    per_company=True,
    steps=(
        Step(
            "STEP1",
            "トランスフォーメーションへの意欲",
            "デジタル化だけに閉じず、これからの企業成長を支える新たな価値の創出への関心はあるか、既存のビジネスモデルにとらわれない新たなビジネスモデルの検討に関心があるかといった観点で、トランスフォーメーションのある企業かの見極めをしてください。これまでの実績から判断する場合は、「地域未来牽引企業」の選定企業や経営支援機関との連携実績等を参考にしてください。",
            (
                _check("transformation_future_leader", "地域未来牽引企業の認定"),
                _check("transformation_vision", "経営者がビジョンを語れるか"),
                _check("transformation_innovation", "公的機関からの経営革新の認定"),
                _check("transformation_digital", "デジタル化に積極的か"),
            ),
        ),
        Step(
            "STEP2",
            "受入体制の整備",
            "高度デジタル人材との協働を進めていく中では、経営状況や今後の経営ビジョン等の情報が不可欠となるため、プロジェクトへの経営陣のコミットメントと、新たなビジネスモデル案を現場に落とし込んでいくために現場社員の巻き込みが重要となります。そのため、地域中小企業側で、経営陣と現場社員からなるプロジェクトチームを組成し、受入れ体制を整備できるか確認をしてください。",
            (
                _check("acceptance_executive", "経営者の参加"),
                _check("acceptance_field", "現場の巻き込み"),
                _check("acceptance_team", "プロジェクトチームの組成"),
            ),
        ),
        Step(
            "STEP3",
            "地域課題への関心や貢献意欲",
            "高度デジタル人材が地域で活動する最大のインセンティブは、本業や都市部では携われない地域課題の解決に資する取組に関われることです。個社の課題解決が地域の課題解決につながるような企業や地域課題の解決に関心のある企業をプロジェクト参加候補企業として積極的にリストアップするようにしてください。",
            (
                _check("region_business", "地域課題に直結する事業か"),
                _check("region_solving", "地域課題解決に積極的か"),
                _check("region_activities", "地域の活動に積極的か"),
            ),
        ),
    ),
)
