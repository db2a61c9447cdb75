"""B-6 企業と人材による協働プロジェクトの伴走支援."""

from colead.worksheets.delivery import delivery_questions
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

ADVISOR_KINDS = ("地域で活躍する人材", "大学教員", "地域社会・経済のハブ役", "経営支援機関等")

WORKSHEET = Worksheet(
    code="B-6",
    title="企業と人材による協働プロジェクトの伴走支援",
    short_title="伴走支援",
    track=Track.B,
    purpose="高度デジタル人材と地域中小企業をマッチングした後に、プロジェクトを円滑に進められるよう、必要な情報提供や進捗管理を適宜実施する。",
    steps=(
        Step(
            "STEP1",
            "進捗確認方法の検討",
            "個別の進捗把握ではなく、マイルストーンで管理することで効率的に進捗確認できます。マイルストーン例：月次定例会（高度デジタル人材と地域で月１回程度意見交換・進捗確認・サポートを実施）、中間報告会（プロジェクト期間の中間地点で、地域中小企業・地域の関係者等が参加する中で取組内容・進捗状況について発表）、最終報告会（プロジェクトの成果報告を地域中小企業・地域の関係者等が参加し、発表）。",
            (
                Question(
                    "s1_progress",
                    "個別の地域企業への支援の進捗を把握するために実施することを書き出してください",
                    Kind.CHECKLIST,
                    options=(
                        Option(
                            "meeting_reports",
                            "地域中小企業との打ち合わせを行うごとに高度デジタル人材からレポート提出",
                        ),
                        Option(
                            "monthly_meetings",
                            "月次定例会を開催し、チーム内で各地域中小企業の支援状況を共有",
                        ),
                        Option(
                            "interim_report",
                            "中間報告会を開催して、プロジェクトの方向性・検討状況等を取りまとめる",
                        ),
                        Option("final_report", "最終報告会を開催して、支援した成果を取りまとめる"),
                    ),
                ),
            ),
        ),
        Step(
            "STEP2",
            "地域との橋渡し役",
            "プロジェクトにおいて課題解決に取り組むのは高度デジタル人材ですが、企画・構想に向けての壁打ち役や自治体や地域のキーマン等の紹介等、プロジェクトの進捗に応じた個別の支援を行ってください。地域中小企業の課題解決が期待できると、プログラム終了後の継続的な関係性構築につながるため、高度デジタル人材と地域中小企業間で取り組む課題とゴールの認識合わせを行ってください。",
            (
                Question(
                    "s2_advisors",
                    "プロジェクトのアドバイザーとなるような地域のキーマンは誰ですか？",
                    Kind.TABLE,
                    columns=(
                        Column("name", "氏名"),
                        Column("kind", "区分", ColumnKind.SELECT, ADVISOR_KINDS),
                        Column("role", "所属・期待する役割"),
                    ),
                    hints=ADVISOR_KINDS,
                ),
            ),
        ),
        Step(
            "STEP3",
            "地域情報の提供",
            "高度デジタル人材の地域への愛着はプロジェクトへのモチベーションやコミットメントに直結します。「A-4.人材の関心に応じた情報提供」と同様に、プロジェクト期間中も継続的な情報提供を行うようにしてください。",
            (
                Question(
                    "s3_information",
                    "どのような情報を提供していきますか？",
                    Kind.MULTI,
                    options=(
                        Option("tourism", "観光情報"),
                        Option("events", "イベント情報"),
                        Option("local_issues", "地域課題"),
                        Option("industry_news", "産業に関するニュース"),
                        Option("local_topics", "地域の時事ネタ"),
                        Option("other", "その他", other=True),
                    ),
                ),
                *delivery_questions("s3"),
            ),
        ),
        Step(
            "STEP4",
            "プログラム終了後の関係性の検討",
            "プログラムが終了した後に人材とどのように関係性を維持するかイメージしながら協働してください。地域中小企業が単独で人材と関係性を維持するのは金銭的な負担が大きくなりがちなので、地域が主導して専門分野ごとに人材と関係性を構築し、複数の地域中小企業で人材をシェアリングすることも有効です。",
            (
                Question(
                    "s4_after",
                    "プログラム終了後は、どのように人材とのやり取りを行いますか？",
                    Kind.TEXT,
                ),
            ),
        ),
    ),
)
