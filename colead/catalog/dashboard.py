"""Messages of the dashboard: the period filter and what each chart says when it has no data.

(The first dashboard keys live in core.py, those of the trend charts in operations.py;
`dashboard.deliveries_panels` replaces operations' `dashboard.deliveries_help`, which spoke of a
line the chart no longer has.)
"""

JA: dict[str, str] = {
    "dashboard.period_help": "初期値はこのプログラムの年度（4月1日〜3月31日）です。期間で数えるのは、人材は応募日、ミートアップ・ツアーは開催日、プロジェクト参画は開始日（中間・最終報告はさらに報告の期限日）、マイルストーンは期限日、情報提供は送付日です。人材タイプの供給とニーズは期間によらず、プログラム全体の数です。",
    "dashboard.comparison_help": "同じ年度の各地域のプログラムを、上で選んだ期間で比べています。",
    "dashboard.no_funnel": "この期間に応募・登録した人材や参加の記録はまだありません。期間を広げるか、人材台帳とイベント・出欠に記録してください。",
    "dashboard.no_skills": "人材のスキルも企業のニーズもまだ登録されていません。人材台帳で人材タイプを、企業台帳（B-3）で必要な人材を登録すると表示されます。",
    "dashboard.project": "プロジェクト（企業：テーマ）",
    "dashboard.today": "今日",
    "dashboard.deliveries_panels": "上は月ごとの情報提供の回数、下はその月に届けた延べ人数です（同じ人に2回届ければ2人と数えます）。",
}

EN: dict[str, str] = {
    "dashboard.period_help": "Starts as the programme's fiscal year (1 April to 31 March). Within the period, talent count by application date, meetups and tours by their date, project members by the project's start (interim and final reports also by the report's due date), milestones by due date and deliveries by the date sent. Talent types and needs cover the whole programme, whatever the period.",
    "dashboard.comparison_help": "The same fiscal year's programme of each region, over the period chosen above.",
    "dashboard.no_funnel": "Nobody registered or took part in this period yet. Widen the period, or record talent and attendance.",
    "dashboard.no_skills": "No talent type and no company need is recorded yet. Add talent types in the talent registry and needs in the company registry (B-3).",
    "dashboard.project": "Project (company: theme)",
    "dashboard.today": "Today",
    "dashboard.deliveries_panels": "Above, deliveries sent each month; below, people reached that month (someone reached twice counts twice).",
}
