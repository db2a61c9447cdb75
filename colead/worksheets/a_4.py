"""A-4 人材の関心に応じた情報提供（人材募集含む）."""

from colead.worksheets.delivery import delivery_questions
from colead.worksheets.schema import Column, Kind, Option, Question, Record, Step, Track, Worksheet

WORKSHEET = Worksheet(
    code="A-4",
    title="人材の関心に応じた情報提供（人材募集含む）",
    short_title="情報提供",
    track=Track.A,
    purpose="地域のイベントをはじめとした情報をメールマガジンやSNSを通じて発信したり、フィールドワークツアーの実施に係る情報を発信したりすることで、関係人口となった高度デジタル人材の地域への関心をより高める。また、フィールドワークツアーの実施が決まれば、参加を呼び掛ける。",
    steps=(
        Step(
            "STEP1",
            "提供する情報の検討",
            "地域の観光やイベントといった地域を訪れてみたいと思う情報や、地域中小企業のイメージを持ちやすくするための産業に関する情報、地域で活躍する人材に関する情報等、様々な地域に関する情報を定期的に提供してください。",
            (
                Question(
                    "s1_information",
                    "どのような情報を提供していきますか？",
                    Kind.MULTI,
                    options=(
                        Option("tourism", "観光情報"),
                        Option("events", "イベント情報"),
                        Option("local_issues", "地域課題"),
                        Option("industry_news", "産業に関するニュース"),
                        Option("local_topics", "地域の時事ネタ"),
                        Option("local_people", "地域で活躍する人材"),
                        Option("other", "その他（具体的に）", other=True),
                    ),
                ),
            ),
        ),
        Step(
            "STEP2",
            "情報提供方法の検討",
            "メールマガジンで高度デジタル人材に対して一斉配信することも可能ですが、地域における高度デジタル人材のコミュニティを形成する観点から、情報発信は地域からだけでなく、高度デジタル人材からも地域やデジタルに関する情報を発信できるようにしたり、地域が発信した情報にリアクションをとれるようにしたりすることが有効です。そのため、FacebookやSlack、LINEといったSNSを活用して、双方向の情報提供ができるように検討してみてください。",
            (*delivery_questions("s2"),),
        ),
        Step(
            "STEP3",
            "フィールドワークツアーの人材募集・選定",
            "フィールドワークツアーには、プログラムに参加する地域中小企業が「B-3.経営課題の抽出/人材ニーズの具体化」で整理した経営課題および人材ニーズに適合した人材を呼び込むことが重要となります。ミートアップイベントで意見交換した際に、条件に適合する人材と出会えていた場合は、積極的に参加を呼び掛けてください。参加を呼び掛ける際には、地域や地域中小企業からの期待を伝えることが有効です。",
            (
                Question(
                    "s3_fit_found",
                    "ミートアップイベントの参加者に、B-3で整理した人材ニーズに適合する人材いましたか？",
                    Kind.SINGLE,
                    options=(Option("yes", "はい"), Option("no", "いいえ")),
                    help="「いいえ」の場合でも、参加者でチームを組めば人材ニーズに近づける場合は、次の質問へ",
                ),
                Question(
                    "s3_fit_talent",
                    "適合する人材がいた場合は、その方の名前と地域/地域中小企業からの期待を教えてください。",
                    Kind.RECORDS,
                    record=Record.TALENT,
                    columns=(Column("expectation", "地域/地域中小企業からの期待"),),
                ),
            ),
        ),
    ),
)
