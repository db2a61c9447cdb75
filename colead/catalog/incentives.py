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
    "incentive.error.duplicate": "同じ内容のルール（{description}）がすでにあります。"
    "同じ特典が二重に付与されないよう、既存のルールを変更してください。",
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
    # the page
    "incentive.purpose": (
        "ガイドライン A-1 STEP5：「活動実績に応じて称号や特産品、地域で使用できるクーポン等の"
        "インセンティブを付与することが有効」。人材が地域に関わり続けるきっかけをつくります。"
    ),
    "incentive.read_only": "閲覧者のため、ルールの追加・付与・取消・証明書の発行はできません。",
    "incentive.rules": "ルール",
    "incentive.rules_help": (
        "確認済みの活動（出席が確認された参加、提出された報告、実施された中間・最終報告）が"
        "基準の回数に達した人に付与します。予定や申込だけでは数えません。"
    ),
    "incentive.no_rules": "ルールはまだありません。",
    "incentive.no_rules_staff": (
        "ルールはまだありません。下の「ルールを追加」で、どの活動を何回行った人に何を贈るかを"
        "決めてください。"
    ),
    "incentive.column.kind": "種類",
    "incentive.column.description": "内容",
    "incentive.column.activity": "対象となる活動",
    "incentive.column.threshold": "基準（回）",
    "incentive.column.granted": "付与済み人数",
    "incentive.column.active": "有効/停止",
    "incentive.rule.active": "有効",
    "incentive.rule.paused": "停止中",
    "incentive.rule.new": "ルールを追加",
    "incentive.rule.create": "ルールを追加する",
    "incentive.rule.created": "ルール「{description}」を追加しました。",
    "incentive.rule.description_placeholder": "例：釧路市デジタル応援大使",
    "incentive.rule.threshold_help": "確認済みの活動がこの回数以上ある人に付与します（{minimum}〜{maximum}回）。",
    "incentive.rule.toggle": "ルールを停止・再開する",
    "incentive.rule.toggle_help": "停止中のルールは、再開するまで誰にも付与しません。これまでの付与はそのまま残ります。",
    "incentive.rule.pick": "ルール",
    "incentive.rule.pause": "停止する",
    "incentive.rule.resume": "再開する",
    "incentive.rule.paused_done": "ルール「{description}」を停止しました。",
    "incentive.rule.resumed_done": "ルール「{description}」を再開しました。",
    "incentive.grant": "基準を満たした人に付与する",
    "incentive.grant_help": (
        "有効なルールごとに、基準を満たした人へ今日の日付で付与します。"
        "すでに付与した人に重ねて付与することはありません。"
    ),
    "incentive.grant_no_rules": "有効なルールがないため、まだ付与できません。",
    "incentive.granted": "{n}件のインセンティブを付与しました。下の「付与の記録」に追加されています。",
    "incentive.granted_none": "新たに基準を満たした人はいませんでした（すでに付与した人には重ねて付与しません）。",
    # the ledger on screen
    "incentive.ledger": "付与の記録",
    "incentive.ledger_help": "新しい順です。取り消した付与も「取消」として記録に残ります。",
    "incentive.ledger_empty": "まだ付与の記録はありません。",
    "incentive.ledger_empty_person": "{name}さんへの付与の記録はまだありません。",
    "incentive.filter.person": "人材で絞り込む",
    "incentive.column.person": "氏名",
    "incentive.column.granted_on": "付与日",
    "incentive.column.basis": "根拠",
    "incentive.column.status": "状態",
    "incentive.status.granted": "付与済み",
    "incentive.status.revoked": "取消（{date}）",
    "incentive.revoke": "付与を取り消す",
    "incentive.revoke_help": (
        "誤って付与したときの訂正に使います。記録は「取消」として残り、"
        "同じルールでその人に再び付与されることはありません。"
    ),
    "incentive.revoke.pick": "取り消す付与（この一覧のページから）",
    "incentive.revoke.placeholder": "取り消す付与を選んでください",
    "incentive.revoke.confirm": "この付与を取り消します",
    "incentive.revoke.submit": "取り消す",
    "incentive.revoke.done": "{name}さんの「{description}」を取り消しました。",
    "incentive.revoke.nothing": "この一覧のページに、取り消せる付与はありません。",
    "incentive.error.revoke_pick": "取り消す付与を選んでください。",
    "incentive.error.revoke_confirm": "取り消す前に「この付与を取り消します」にチェックを入れてください。",
    # certificates on screen
    "certificate.section": "活動実績の証明書",
    "certificate.help": (
        "出席が確認された参加、提出された報告、実施された中間・最終報告、授与された称号を記載します。"
        "予定・申込・欠席は記載しません。"
    ),
    "certificate.person": "証明書の対象者",
    "certificate.person_placeholder": "人材を選んでください",
    "certificate.preview": "{name}さんの確認済みの活動（{n}件）",
    "certificate.none": (
        "{name}さんには、証明できる活動がまだありません。出席の確認や報告が記録されると"
        "発行できます。"
    ),
    "certificate.issue": "証明書を発行",
    "certificate.issued": "{name}さんの証明書（番号 {number}）を発行しました。下の「発行済みの証明書」からPDFをダウンロードできます。",
    "certificate.list": "発行済みの証明書",
    "certificate.list_help": "PDFのダウンロードは、個人情報の書き出しとして記録されます。",
    "certificate.list_empty": "まだ証明書は発行されていません。",
    "certificate.column.number": "番号",
    "certificate.column.person": "氏名",
    "certificate.column.issued_on": "発行日",
    "certificate.column.activities": "活動数",
    "certificate.column.pdf": "PDF",
    "certificate.activities_n": "{n}件",
    "certificate.download": "PDFをダウンロード",
    "incentive.section": "表示する内容",
    "incentive.section.rules": "ルールと付与",
    "incentive.section.ledger": "付与の記録",
    "incentive.section.certificates": "活動実績の証明書",
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
    "incentive.error.duplicate": "A rule with the same content ({description}) already exists. "
    "Change the existing rule so the same incentive is not granted twice.",
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
    "incentive.purpose": (
        "Guideline A-1 STEP5: granting incentives such as titles, local specialty goods and "
        "coupons usable in the region according to activity is effective. It gives talent a "
        "reason to keep coming back."
    ),
    "incentive.read_only": "Viewers cannot add rules, grant, revoke or issue certificates.",
    "incentive.rules": "Rules",
    "incentive.rules_help": (
        "Granted to people whose verified activity (attendance checked in, reports submitted, "
        "interim or final reports given) reaches the threshold. Plans and registrations do not count."
    ),
    "incentive.no_rules": "No rules yet.",
    "incentive.no_rules_staff": (
        "No rules yet. Use “Add a rule” below to decide what to give to whom, for which "
        "activity and how many times."
    ),
    "incentive.column.kind": "Kind",
    "incentive.column.description": "Description",
    "incentive.column.activity": "Activity counted",
    "incentive.column.threshold": "Threshold (times)",
    "incentive.column.granted": "People granted",
    "incentive.column.active": "Active/paused",
    "incentive.rule.active": "Active",
    "incentive.rule.paused": "Paused",
    "incentive.rule.new": "Add a rule",
    "incentive.rule.create": "Add the rule",
    "incentive.rule.created": "Added the rule “{description}”.",
    "incentive.rule.description_placeholder": "e.g. Kushiro digital ambassador",
    "incentive.rule.threshold_help": "Granted to people with at least this much verified activity ({minimum}–{maximum}).",
    "incentive.rule.toggle": "Pause or resume a rule",
    "incentive.rule.toggle_help": "A paused rule grants nothing until resumed. Grants already made stay.",
    "incentive.rule.pick": "Rule",
    "incentive.rule.pause": "Pause",
    "incentive.rule.resume": "Resume",
    "incentive.rule.paused_done": "Paused the rule “{description}”.",
    "incentive.rule.resumed_done": "Resumed the rule “{description}”.",
    "incentive.grant": "Grant to everyone who meets a rule",
    "incentive.grant_help": (
        "For each active rule, grants it, dated today, to everyone who meets its threshold. "
        "Nobody is granted the same rule twice."
    ),
    "incentive.grant_no_rules": "There is no active rule, so nothing can be granted yet.",
    "incentive.granted": "Granted {n} incentives. They are added to the ledger below.",
    "incentive.granted_none": "Nobody newly meets a rule (people already granted are not granted again).",
    "incentive.ledger": "Ledger of grants",
    "incentive.ledger_help": "Newest first. Revoked grants stay in the ledger, marked revoked.",
    "incentive.ledger_empty": "Nothing has been granted yet.",
    "incentive.ledger_empty_person": "Nothing has been granted to {name} yet.",
    "incentive.filter.person": "Filter by person",
    "incentive.column.person": "Name",
    "incentive.column.granted_on": "Granted on",
    "incentive.column.basis": "Basis",
    "incentive.column.status": "Status",
    "incentive.status.granted": "Granted",
    "incentive.status.revoked": "Revoked ({date})",
    "incentive.revoke": "Revoke a grant",
    "incentive.revoke_help": (
        "To correct a mistake. The grant stays in the ledger marked revoked, and the rule does "
        "not grant it to that person again."
    ),
    "incentive.revoke.pick": "Grant to revoke (from this page of the ledger)",
    "incentive.revoke.placeholder": "Choose the grant to revoke",
    "incentive.revoke.confirm": "Revoke this grant",
    "incentive.revoke.submit": "Revoke",
    "incentive.revoke.done": "Revoked “{description}” of {name}.",
    "incentive.revoke.nothing": "No grant on this page of the ledger can be revoked.",
    "incentive.error.revoke_pick": "Choose the grant to revoke.",
    "incentive.error.revoke_confirm": "Tick “Revoke this grant” before revoking.",
    "certificate.section": "Certificates of activity",
    "certificate.help": (
        "Lists attendance checked in, reports submitted, interim and final reports given and "
        "titles awarded. Plans, registrations and absences are not listed."
    ),
    "certificate.person": "Person certified",
    "certificate.person_placeholder": "Choose a person",
    "certificate.preview": "Verified activity of {name} ({n})",
    "certificate.none": (
        "{name} has no verified activity to certify yet. A certificate can be issued once "
        "attendance is checked in or a report is recorded."
    ),
    "certificate.issue": "Issue the certificate",
    "certificate.issued": "Issued certificate no. {number} for {name}. Download its PDF from “Issued certificates” below.",
    "certificate.list": "Issued certificates",
    "certificate.list_help": "Downloading a PDF is recorded as an export of personal data.",
    "certificate.list_empty": "No certificate has been issued yet.",
    "certificate.column.number": "No.",
    "certificate.column.person": "Name",
    "certificate.column.issued_on": "Issued on",
    "certificate.column.activities": "Activities",
    "certificate.column.pdf": "PDF",
    "certificate.activities_n": "{n}",
    "certificate.download": "Download PDF",
    "incentive.section": "Show",
    "incentive.section.rules": "Rules and granting",
    "incentive.section.ledger": "Ledger",
    "incentive.section.certificates": "Certificates of activity",
}
