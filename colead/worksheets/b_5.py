"""B-5 フィールドワークツアーの実施."""

from colead.worksheets.schema import Column, Kind, Option, Question, Record, Step, Track, Worksheet


def _options(*options: Option, other: bool = False) -> tuple[Option, ...]:
    return (*options, *((Option("other", "その他（具体的に）", other=True),) if other else ()))


WORKSHEET = Worksheet(
    code="B-5",
    title="フィールドワークツアーの実施",
    short_title="フィールドワークツアー",
    track=Track.B,
    purpose="高度デジタル人材と地域中小企業をマッチングすることを目的に、現地視察・意見交換、協働の方向性を提案するためのオンサイトツアーを実施する。",
    steps=(
        Step(
            "STEP1",
            "開催概要の検討",
            "フィールドワークツアーは、企業との意見交換だけでなく、地域に滞在することで地域の魅力や課題を体感してもらうことも重要な要素となります。そのため、開催日程は2泊3日以上が望ましいです。また、高度デジタル人材に地域で長期滞在していただきたい場合には、開催期間を４～５日とし、午前中はリモートワークで本業に従事してもらい、午後をフィールドワークツアーに充てることも有効な施策となります。",
            (
                Question(
                    "s1_days",
                    "何日間で実施しますか？",
                    Kind.SINGLE,
                    options=_options(
                        Option("two_days", "２日間"),
                        Option("three_days", "３日間"),
                        Option("four_days", "４日間"),
                        Option("five_days", "５日間"),
                    ),
                ),
                Question("s1_dates", "開催日程候補はいつですか？", Kind.DATES),
                Question("s1_headcount", "高度デジタル人材を何名募集しますか？", Kind.TEXT),
            ),
        ),
        Step(
            "STEP2",
            "受入環境の整備",
            "オリエンテーションや高度デジタル人材間でのディスカッション、企業へのプレゼンテーション等を行うための拠点が必要となります。拠点は、庁舎やホテルの会議室、コワーキングスペース等の形態は問いませんが、Wi-fi環境、ホワイトボードや大型モニター等を備えていることが望ましいです。企業訪問等で公共交通機関の便が悪い場合は、効率的に移動するために、公用車や貸し切りバス等を用意することが望ましいです。高度デジタル人材は副業として参加するため、フィールドワークツアー以降の活動については、謝金(日当)及び交通費を支給することが望ましいです。",
            (
                Question(
                    "s2_venue",
                    "活動拠点となる会場はどこを想定していますか？",
                    Kind.MULTI,
                    options=_options(
                        Option("city_hall", "庁舎の会議室"),
                        Option("rental_room", "ホテル等の貸し会議室"),
                        Option("coworking", "コワーキングスペース"),
                        other=True,
                    ),
                ),
                Question(
                    "s2_environment",
                    "活動拠点には必要な環境がそろっていますか？",
                    Kind.CHECKLIST,
                    options=_options(
                        Option("presentation_space", "プレゼンテーションができるスペース"),
                        Option("discussion_space", "ディスカッションができるスペース"),
                        Option("work_space", "資料作成等の作業ができるスペース"),
                        Option(
                            "large_display",
                            "プレゼンテーション用の大型モニターもしくはプロジェクター",
                        ),
                        Option("whiteboard", "ホワイトボード"),
                        Option("internet", "インターネット環境"),
                    ),
                ),
                Question(
                    "s2_transport",
                    "企業訪問等の高度デジタル人材の地域内での移動手段はどうしますか？",
                    Kind.MULTI,
                    options=_options(
                        Option("public_transport", "公共交通機関"),
                        Option("official_car", "公用車"),
                        Option("rental_car", "レンタカー"),
                        Option("chartered_bus", "貸し切りバス"),
                        other=True,
                    ),
                ),
                Question(
                    "s2_travel_cost",
                    "高度デジタル人材の現地までの交通費支給はどうしますか？",
                    Kind.SINGLE,
                    options=_options(
                        Option("none", "支給しない"),
                        Option("actual_cost", "実費支給"),
                        Option("capped_cost", "上限を決めて実費支給"),
                        Option("flat_rate", "定額支給"),
                    ),
                ),
                Question(
                    "s2_fee",
                    "高度デジタル人材のフィールドワークツアー以降の活動への謝金はどうしますか？",
                    Kind.SINGLE,
                    options=_options(
                        Option("none", "支給しない"),
                        Option("tour_only", "フィールドワークツアーのみ支給"),
                        Option("support_only", "企業との個別支援のみ支給"),
                        Option("all_activities", "全ての活動に支給"),
                    ),
                ),
            ),
        ),
        Step(
            "STEP3",
            "ツアー内容の外部発信",
            "ツアー内容を外部発信することは、今後の人材募集に効果的であることに加えて、地域のデジタル化の機運醸成に繋がりますので、積極的に外部発信に取り組んでください。",
            (
                Question(
                    "s3_publicity",
                    "フィールドワークツアーの取組を外部発信する方法を選択してください。",
                    Kind.MULTI,
                    options=_options(
                        Option("website_report", "HPでの開催レポート掲載"),
                        Option("municipal_report", "自治体の広報誌・HPでの開催レポート掲載"),
                        Option("sns", "SNSでの記事掲載"),
                        Option("press_release", "プレスリリース"),
                        Option("media", "メディアへの取材依頼"),
                        other=True,
                    ),
                ),
            ),
        ),
        Step(
            "STEP4",
            "ツアー内容の検討",
            "高度デジタル人材が現地を訪問できる機会は限られており、オンサイトでしか得られない情報提供や高度デジタル人材と地域・地域中小企業との信頼関係構築の場として活用してください。事前に高度デジタル人材の地域に対する理解度を確認し、新たな魅力を知ってもらうような訪問先の選定が有効です。現地訪問の効果を高めるためには、地域中小企業には経営課題の抽出・人材ニーズの具体化に取り組んだ上で、事前にオンラインで顔合わせを実施しておくことが有効です。",
            (
                Question(
                    "s4_companies",
                    "プログラムに参加してもらう地域中小企業を記載してください。",
                    Kind.RECORDS,
                    record=Record.COMPANY,
                    columns=(Column("visit", "企業訪問で視察・意見交換する内容"),),
                ),
                Question(
                    "s4_sites",
                    "地域の魅力を伝えるために訪問する施設や観光地等の候補を記載してください。",
                    Kind.TEXT,
                ),
                Question(
                    "s4_itinerary",
                    "ツアーの行程（AM・PM）",
                    Kind.TABLE,
                    columns=(Column("day", "日程"), Column("am", "AM"), Column("pm", "PM")),
                    prefill=(
                        (
                            "１日目",
                            "現地への移動",
                            "オリエンテーション、企業訪問①、高度デジタル人材間でのディスカッション",
                        ),
                        (
                            "２日目",
                            "企業訪問②、企業訪問③",
                            "企業訪問④、観光地等地域を理解できる場所の視察、高度デジタル人材間でのディスカッション",
                        ),
                        ("３日目", "プレゼンテーション準備", "企業へのプレゼンテーション"),
                    ),
                    help="ガイドラインの3日間の例を「この例を回答に入れる」で回答にして、自由に書き換えられます。オリエンテーション：高度デジタル人材間によるアイスブレイク、３日間の行程説明、地域の概要説明（魅力・ビジョン・課題等）、訪問する企業の概要説明。企業訪問：生産工程や商品・サービス等の現場視察、事前顔あわせと現場視察を踏まえた意見交換。企業へのプレゼンテーション：企業課題に対する支援の方向性を企業に対して発表・質疑。",
                ),
                Question(
                    "s4_pre_meeting",
                    "事前の顔合わせは実施しますか？",
                    Kind.SINGLE,
                    options=_options(Option("yes", "実施する"), Option("no", "実施しない")),
                ),
                Question(
                    "s4_pre_meeting_members",
                    "事前の顔合わせの参加者はどういった方にお願いしますか？",
                    Kind.MULTI,
                    options=_options(
                        Option("companies", "プログラム参加企業"),
                        Option("municipality", "自治体"),
                        Option("dx_lab", "地方版IoT推進ラボ/地域DXラボ"),
                        Option("regional_bank", "地域金融機関"),
                        Option("business_support", "経営支援機関"),
                        Option("other_partners", "その他連携機関"),
                        other=True,
                    ),
                ),
            ),
        ),
    ),
)
