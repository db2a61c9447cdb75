"""Messages of the matching screens and services."""

JA: dict[str, str] = {
    # screen
    "match.title": "マッチング候補",
    "match.caption": "企業ごとに、人材タイプ・関心・参加実績・負荷・最近の接点から候補を並べます。",
    "match.company": "企業",
    "match.total": "総合",
    "match.points": "{points}点／{max_points}点",
    "match.rank": "{rank}位",
    "match.none": "候補となる人材がいません",
    "match.already_on_project": "この企業のプロジェクトに参加中",
    "match.include_team": "参加中のメンバーも表示",
    "match.met": "該当",
    "match.not_met": "非該当",
    # weights
    "match.weights": "重み付け",
    "match.weights.caption": "各項目の重み（0〜100）。プログラムごとに保存されます。",
    "match.weights.save": "重みを保存",
    "match.weights.saved": "重みを保存しました",
    "match.weights.reset": "既定値に戻す",
    "match.error.weight_range": "{criterion}の重みは{minimum}〜{maximum}で入力してください",
    "match.error.weights_all_zero": "重みをすべて0にはできません",
    # criteria
    "match.criterion.skills": "人材タイプ",
    "match.criterion.interests": "関心分野",
    "match.criterion.participation": "参加実績",
    "match.criterion.load": "現在の負荷",
    "match.criterion.engagement": "最近の接点",
    # skills
    "match.skills.summary": "必要な人材タイプ {needed}件中{covered}件に該当",
    "match.skills.covered": "{skill}：該当",
    "match.skills.missing": "{skill}：該当なし",
    "match.skills.no_needs": "B-3の人材ニーズが未記入",
    # interests
    "match.interests.summary": "関心分野 {total}件中{matched}件が企業と一致",
    "match.interests.none": "関心分野に企業と一致するものなし",
    "match.interests.matched": "「{keyword}」が一致（{terms}）",
    "match.interests.matched_whole": "「{keyword}」が一致",
    "match.interests.unmatched": "「{keyword}」は一致なし",
    "match.interests.no_interests": "関心分野が未登録",
    "match.interests.no_company_text": "企業の業種・課題（B-3）が未記入",
    # participation
    "match.participation.meetup": "ミートアップに参加",
    "match.participation.meetup_missing": "ミートアップに未参加",
    "match.participation.tour": "ツアーに参加",
    "match.participation.tour_missing": "ツアーに未参加",
    "match.participation.pre_meeting": "この企業との事前面談に参加",
    "match.participation.pre_meeting_missing": "この企業との事前面談に未参加",
    # load
    "match.load.free": "参加中のプロジェクトなし",
    "match.load.busy": "参加中のプロジェクト {n}件",
    "match.load.this_company": "この企業のプロジェクトに参加中",
    # engagement
    "match.engagement.recent": "最後の接点は{days}日前",
    "match.engagement.fading": "最後の接点は{days}日前（間隔が空いている）",
    "match.engagement.stale": "最後の接点は{days}日前（半年以上なし）",
    "match.engagement.never": "接点の記録なし",
}

EN: dict[str, str] = {
    # screen
    "match.title": "Match suggestions",
    "match.caption": "For each company, people ranked by talent type, interests, participation, "
    "load and recent contact.",
    "match.company": "Company",
    "match.total": "Total",
    "match.points": "{points} of {max_points} points",
    "match.rank": "No. {rank}",
    "match.none": "No one to suggest",
    "match.already_on_project": "Already on a project with this company",
    "match.include_team": "Show current team members too",
    "match.met": "Met",
    "match.not_met": "Not met",
    # weights
    "match.weights": "Weights",
    "match.weights.caption": "How much each criterion counts (0–100), saved per programme.",
    "match.weights.save": "Save weights",
    "match.weights.saved": "Weights saved",
    "match.weights.reset": "Back to defaults",
    "match.error.weight_range": "The weight of {criterion} must be between {minimum} and {maximum}",
    "match.error.weights_all_zero": "The weights cannot all be 0",
    # criteria
    "match.criterion.skills": "Talent type",
    "match.criterion.interests": "Interests",
    "match.criterion.participation": "Participation",
    "match.criterion.load": "Current load",
    "match.criterion.engagement": "Recent contact",
    # skills
    "match.skills.summary": "Offers {covered} of the {needed} talent types needed",
    "match.skills.covered": "{skill}: offered",
    "match.skills.missing": "{skill}: not offered",
    "match.skills.no_needs": "Talent needs (B-3) not recorded yet",
    # interests
    "match.interests.summary": "{matched} of {total} interests match the company",
    "match.interests.none": "No interest matches the company",
    "match.interests.matched": "“{keyword}” matches ({terms})",
    "match.interests.matched_whole": "“{keyword}” matches",
    "match.interests.unmatched": "“{keyword}”: no match",
    "match.interests.no_interests": "No interests recorded",
    "match.interests.no_company_text": "The company's industry and issues (B-3) are not recorded",
    # participation
    "match.participation.meetup": "Attended a meetup",
    "match.participation.meetup_missing": "Has not attended a meetup",
    "match.participation.tour": "Attended a tour",
    "match.participation.tour_missing": "Has not attended a tour",
    "match.participation.pre_meeting": "Attended the pre-meeting with this company",
    "match.participation.pre_meeting_missing": "Has not attended the pre-meeting with this company",
    # load
    "match.load.free": "On no current project",
    "match.load.busy": "On {n} current project(s)",
    "match.load.this_company": "Already on a project with this company",
    # engagement
    "match.engagement.recent": "Last contact {days} days ago",
    "match.engagement.fading": "Last contact {days} days ago (a while)",
    "match.engagement.stale": "Last contact {days} days ago (over six months)",
    "match.engagement.never": "No contact recorded",
}
