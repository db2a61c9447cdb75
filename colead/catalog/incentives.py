"""Messages of the incentives screens and services, and the wording of the 活動実績の証明書.

The labels of IncentiveKind itself are `enum.incentive.*` (colead/catalog/registries.py).
Texts stored in the ledger and on certificates (`incentive.basis`, `certificate.line.*`) are
written in Japanese whatever the user's language: they are records, not screen text.
"""

JA: dict[str, str] = {
    # rules
    "incentive.field.kind": "インセンティブの種類",
    "incentive.field.description": "内容",
    "incentive.field.activity": "対象とする活動",
    "incentive.field.threshold": "必要な回数",
    "incentive.error.description_required": "インセンティブの内容を入力してください。",
    "incentive.error.kind": (
        "種類は 称号・地域内クーポン・活動実績の証明書・地域の特産品・作業スペースの開放 "
        "から選んでください。"
    ),
    "incentive.error.activity": "対象とする活動を選んでください。",
    "incentive.error.threshold": "必要な回数は{minimum}〜{maximum}回で入力してください。",
    # what a rule counts (verified activity only)
    "incentive.activity.meetup": "ミートアップ参加",
    "incentive.activity.tour": "ツアー参加",
    "incentive.activity.event": "イベント参加",
    "incentive.activity.report": "活動報告の提出",
    "incentive.activity.interim_report": "中間報告の実施",
    "incentive.activity.final_report": "最終報告の実施",
    # the ledger
    "incentive.basis": "{activity} {count}回（基準 {threshold}回）",
    # the certificate
    "certificate.title": "活動実績の証明書",
    "certificate.number": "証明書番号　{number}",
    "certificate.issued_on": "発行日　{date}",
    "certificate.addressee": "{name}　様",
    "certificate.era": "令和{year}年度",
    "certificate.era_first": "令和元年度",
    "certificate.statement": (
        "あなたは、{era}ふるさとCo-LEADプログラム（{region}）において、"
        "下記の活動を行ったことを証明します。"
    ),
    "certificate.record": "記",
    "certificate.end": "以上",
    "certificate.column.day": "日付",
    "certificate.column.activity": "活動内容",
    "certificate.issuer": "{region} ふるさとCo-LEADプログラム事務局",
    "certificate.page": "証明書番号 {number}　　{page} / {pages}",
    "certificate.line.event": "{kind}「{title}」に参加",
    "certificate.line.event_named": "{title}に参加",
    "certificate.line.report": "{company}との協働プロジェクト「{theme}」で活動報告を提出",
    "certificate.line.milestone": "{company}との協働プロジェクト「{theme}」で{milestone}を実施",
    "certificate.line.title": "称号「{title}」を授与",
    "certificate.error.no_activity": (
        "{name}さんには証明できる活動（出席が確認された参加、提出された報告、"
        "実施された中間・最終報告）がまだないため、証明書を発行できません。"
    ),
}

EN: dict[str, str] = {
    "incentive.field.kind": "Kind of incentive",
    "incentive.field.description": "Description",
    "incentive.field.activity": "Activity counted",
    "incentive.field.threshold": "Times required",
    "incentive.error.description_required": "Enter what the incentive is.",
    "incentive.error.kind": (
        "Choose a title, local coupon, certificate of activity, local specialty goods or "
        "workspace use."
    ),
    "incentive.error.activity": "Choose the activity to count.",
    "incentive.error.threshold": "Times required must be between {minimum} and {maximum}.",
    "incentive.activity.meetup": "Meetups attended",
    "incentive.activity.tour": "Tours attended",
    "incentive.activity.event": "Events attended",
    "incentive.activity.report": "Reports submitted",
    "incentive.activity.interim_report": "Interim reports given",
    "incentive.activity.final_report": "Final reports given",
    "incentive.basis": "{activity}: {count} (threshold {threshold})",
    "certificate.title": "Certificate of activity",
    "certificate.number": "Certificate no. {number}",
    "certificate.issued_on": "Issued {date}",
    "certificate.addressee": "To {name}",
    "certificate.era": "Reiwa {year}",
    "certificate.era_first": "Reiwa 1",
    "certificate.statement": (
        "This certifies that you took part in the following activities of the {era} "
        "Furusato Co-LEAD programme ({region})."
    ),
    "certificate.record": "Activities",
    "certificate.end": "End",
    "certificate.column.day": "Date",
    "certificate.column.activity": "Activity",
    "certificate.issuer": "Furusato Co-LEAD programme office, {region}",
    "certificate.page": "Certificate no. {number}    {page} / {pages}",
    "certificate.line.event": "Attended {kind} “{title}”",
    "certificate.line.event_named": "Attended {title}",
    "certificate.line.report": "Submitted a report in the project “{theme}” with {company}",
    "certificate.line.milestone": "Gave the {milestone} in the project “{theme}” with {company}",
    "certificate.line.title": "Awarded the title “{title}”",
    "certificate.error.no_activity": (
        "{name} has no verified activity yet (attendance checked in, reports submitted, "
        "interim or final reports given), so no certificate can be issued."
    ),
}
