"""Messages of the meetup's breakout groups (guideline A-3 グループディスカッション)."""

JA: dict[str, str] = {
    "breakout.title": "グループ分け（ブレイクアウトルーム）",
    "breakout.guideline": (
        "ガイドライン A-3：オンライン会議ツールのブレイクアウトルーム機能を使い、"
        "高度デジタル人材を５名程度のグループ分け（グループディスカッション 30分程度）。"
        "人材タイプが偏らないよう混ぜて分けます。"
    ),
    "breakout.size": "1グループの人数（目安）",
    "breakout.size_help": "{low}〜{high}名。人数が割り切れないときは±1名で調整します。",
    "breakout.basis.attended": "出席者 {n}名から {groups}グループ",
    "breakout.basis.registered": "申込者 {n}名から {groups}グループ（当日の出席確認前）",
    "breakout.group": "グループ{n}",
    "breakout.people": "{n}名",
    "breakout.no_skill": "人材タイプ未登録",
    "breakout.too_few": (
        "グループ分けには出席者（出席確認の前は申込者）が2名以上必要です（現在 {n}名）。"
    ),
    "breakout.print": "印刷用の表示",
    "breakout.print_help": "枠やボタンのない一覧にします。ブラウザの印刷（Ctrl+P）でそのまま印刷できます。",
    "breakout.csv": "CSVをダウンロード",
    "breakout.xlsx": "Excelをダウンロード",
    "breakout.column.group": "グループ",
    "breakout.error.not_meetup": "グループ分けはオンラインミートアップのイベントでのみ行えます。",
    "breakout.error.size": "1グループの人数は{low}〜{high}名で指定してください。",
}

EN: dict[str, str] = {
    "breakout.title": "Breakout groups",
    "breakout.guideline": (
        "Guideline A-3: using the meeting tool's breakout rooms, split the digital talent into "
        "groups of about five (group discussion, about 30 minutes). "
        "Talent types are mixed in every group."
    ),
    "breakout.size": "People per group (about)",
    "breakout.size_help": "{low} to {high}. When the numbers do not divide evenly, groups differ by one.",
    "breakout.basis.attended": "{groups} groups from {n} people who attended",
    "breakout.basis.registered": "{groups} groups from {n} people registered (before check-in)",
    "breakout.group": "Group {n}",
    "breakout.people": "{n} people",
    "breakout.no_skill": "No talent type recorded",
    "breakout.too_few": (
        "Groups need at least 2 people who attended (before check-in: registered); now {n}."
    ),
    "breakout.print": "Print view",
    "breakout.print_help": "A plain list without frames or buttons, ready for the browser's print (Ctrl+P).",
    "breakout.csv": "Download CSV",
    "breakout.xlsx": "Download Excel",
    "breakout.column.group": "Group",
    "breakout.error.not_meetup": "Breakout groups are made for online meetups only.",
    "breakout.error.size": "People per group must be between {low} and {high}.",
}
