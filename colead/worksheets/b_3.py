"""B-3 経営課題の抽出/人材ニーズの具体化 (answered per company)."""

from colead.worksheets.schema import (
    Column,
    ColumnKind,
    Kind,
    Option,
    Question,
    Step,
    Track,
    Worksheet,
)

SOLUTIONS = "ビジョンを実現する上での壁について、今考えられる解決策について書き出してください。"

WORKSHEET = Worksheet(
    code="B-3",
    title="経営課題の抽出/人材ニーズの具体化",
    short_title="経営課題・人材ニーズ",
    track=Track.B,
    purpose="高度デジタル人材とマッチングを行う上で必要となる地域中小企業の基礎情報を収集すると共に、デジタル化が必要なフェーズを検討する。プログラムに参加する地域中小企業がデジタル化を必要とするフェーズに応じて、必要となる人材像を個社ごとに検討する。",
    per_company=True,
    steps=(
        Step(
            "STEP1",
            "経営課題の棚卸",
            "高度デジタル人材に支援して欲しいこととは切り離して、原点に立ち返り、事業を持続的に成長させていく上で直面している課題を考えてください。",
            (
                Question(
                    "s1_company", "貴社はどんな会社ですか？端的に書き出してください。", Kind.TEXT
                ),
            ),
        ),
        Step(
            "STEP2",
            "将来目指す姿の検討",
            "5年後、10年後を見据えてどのような企業になりたいかビジョンを考えてください。",
            (
                Question(
                    "s2_direction",
                    "5年後どのような会社にしていきたいですか？（最も近いものを1つ選択）",
                    Kind.SINGLE,
                    options=(
                        Option("stable_growth", "既存の事業に集中し、安定した成長"),
                        Option("scale_up", "既存の事業について更なる事業規模の拡大"),
                        Option("new_business", "既存の事業留まらず、新規事業の創出"),
                        Option(
                            "transformation", "事業規模の拡大や複数の新規事業創出等の大変革を志向"
                        ),
                    ),
                ),
                Question("s2_vision", "５年後の具体的なビジョンを書き出してください。", Kind.TEXT),
            ),
        ),
        Step(
            "STEP3",
            "経営課題の具体化",
            "ビジョンを実現する上で、現在取り組んでいるが壁にぶつかっていること、リソース不足で対応できていないこと、どのように取り組みを始めたらよいか分からないことを考えてください。",
            (
                Question(
                    "s3_barriers", "ビジョンを実現する上で壁となっていることは何ですか？", Kind.TEXT
                ),
                Question("s3_outsourcing", "①業務の外部化による解決策", Kind.TEXT, help=SOLUTIONS),
                Question("s3_digital", "②ITやデジタル化による解決策", Kind.TEXT, help=SOLUTIONS),
                Question("s3_people", "③人材活用による解決策", Kind.TEXT, help=SOLUTIONS),
            ),
        ),
        Step(
            "STEP4",
            "高度デジタル人材と取り組みたい課題の選択",
            "具体化した経営課題の中で優先順位をつけ、高度デジタル人材と取り組む課題のイメージを持てるようにしてください。ただし、高度デジタル人材との対話の中で、新たな課題が抽出されたり、優先順位が変わったりすることがありますが、その際は柔軟に対応してください。",
            (
                Question(
                    "s4_priorities",
                    "高度デジタル人材と取り組みたい課題の選択",
                    Kind.TABLE,
                    columns=(
                        Column("rank", "優先順位", ColumnKind.NUMBER),
                        Column("issue", "課題"),
                    ),
                ),
            ),
        ),
        Step(
            "STEP5",
            "マッチングしたい高度デジタル人材の検討",
            "選択した課題に応じて、どのような専門性を有した高度デジタル人材とのマッチングを希望するか検討してください。",
            (
                Question(
                    "s5_talent_types",
                    "地域中小企業の課題解決に必要と思われる高度デジタル人材を検討してください。",
                    Kind.MULTI,
                    options=(
                        Option(
                            "security",
                            "サイバーセキュリティスペシャリスト",
                            description="業務プロセスを支えるITシステムをサイバー攻撃の脅威から守るセキュリティ専門人材",
                        ),
                        Option(
                            "data_scientist",
                            "データサイエンティスト",
                            description="統計等の知識を元に、AIを活用してビッグデータから新たな知見を引き出し、価値を創造する人材",
                        ),
                        Option(
                            "ux_designer",
                            "UI/UXデザイナー",
                            description="顧客との接点に必要な機能とデザインを検討し、システムのユーザー向け設計を担う人材",
                        ),
                        Option(
                            "engineer",
                            "エンジニア・オペレータ",
                            description="クラウド等のデジタル技術を理解し、業務ニーズに合わせて必要なITシステムの実装やそれを支える基盤の安定稼働を実現できる人材",
                        ),
                        Option(
                            "business_architect",
                            "ビジネスアーキテクト",
                            description="デジタル技術を理解して、ビジネスの現場においてデジタル技術の導入を行う全体設計ができる人材",
                        ),
                    ),
                ),
            ),
        ),
    ),
)
