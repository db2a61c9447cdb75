"""Messages of public event sign-up (signup.*) and each person's own page (me.*), with the
mails they send (#12)."""

JA: dict[str, str] = {
    # --- sign-up on the public page ---
    "signup.heading": "参加者募集中のイベント",
    "signup.agenda": "プログラム・行程",
    "signup.online": "オンライン（{tool}）",
    "signup.seats_left": "受付中（残席あり）",
    "signup.full": "満席です。お申し込みはキャンセル待ちとして受け付けます。",
    "signup.form": "イベントに申し込む",
    "signup.form_help": "入力したメールアドレスに確認のリンクをお送りします。リンク先の本人ページで"
    "「参加を申し込む」を押すと申し込みが完了します。初めての方は、あわせて人材登録の応募として"
    "受け付けます。",
    "signup.field.event": "イベント",
    "signup.field.name": "お名前",
    "signup.field.email": "メールアドレス",
    "signup.purpose": "個人情報の利用目的",
    "signup.agree": "個人情報の利用目的を読み、同意します",
    "signup.send": "確認メールを送る",
    "signup.sent": "確認メールをお送りしました。メールのリンクを開いて申し込みを完了してください。"
    "メールが届かない場合は、アドレスをご確認のうえもう一度お試しください。",
    "signup.channel": "イベント申込",
    "signup.error.agree": "個人情報の利用目的への同意が必要です。",
    "signup.error.email": "メールアドレスを正しく入力してください。",
    "signup.error.name": "お名前を{maximum}文字以内で入力してください。",
    "signup.error.closed": "このイベントは現在申し込みを受け付けていません。",
    "signup.error.too_many": "短時間に多くのお申し込みがありました。しばらくしてからもう一度お試しください。",
    "signup.error.started": "開始したイベントはキャンセルできません。",
    "signup.error.not_public": "この会のキャンセルは事務局にご連絡ください。",
    "signup.error.capacity": "定員は1〜{maximum}名で入力してください（空欄は定員なし）。",
    "signup.error.agenda_too_long": "プログラム・行程は{maximum}文字以内で入力してください。",
    "signup.error.kind": "公開できるのはミートアップとフィールドワークツアーです。",
    "signup.mail.agenda": "【プログラム・行程】\n{agenda}\n",
    "signup.mail.confirm.subject": "【お申し込みの確認】{title}",
    "signup.mail.confirm.body": "{name} 様\n\n「{title}」へのお申し込みを受け付けました。\n"
    "下のリンクから本人ページを開き、「参加を申し込む」を押すとお申し込みが完了します。\n\n"
    "日時：{when}\n場所：{where}\n\n{url}\n\n"
    "リンクの有効期限：{expires}\n"
    "お心当たりのない場合は、このメールを破棄してください。",
    "signup.mail.registered.subject": "【参加申込完了】{title}",
    "signup.mail.registered.body": "{name} 様\n\n「{title}」へのお申し込みが完了しました。\n\n"
    "日時：{when}\n場所：{where}\n\n{agenda}\n"
    "カレンダーに登録できるファイル（event.ics）を添付しています。\n"
    "お申し込みの確認・キャンセルは本人ページからできます。\n{url}",
    "signup.mail.waitlisted.subject": "【キャンセル待ち受付】{title}",
    "signup.mail.waitlisted.body": "{name} 様\n\n「{title}」は満席のため、キャンセル待ちとして"
    "受け付けました。席が空きしだい、お申し込み順に繰り上げてご連絡します。\n\n"
    "日時：{when}\n場所：{where}\n\n{agenda}\n"
    "キャンセル待ちの順番の確認・取り消しは本人ページからできます。\n{url}",
    "signup.mail.moved_up.subject": "【参加確定（繰り上げ）】{title}",
    "signup.mail.moved_up.body": "{name} 様\n\n席が空いたため、キャンセル待ちから繰り上げて"
    "「{title}」へのご参加が確定しました。\n\n日時：{when}\n場所：{where}\n\n{agenda}\n"
    "カレンダーに登録できるファイル（event.ics）を添付しています。\n"
    "ご都合が悪くなった場合は、本人ページからキャンセルしてください。\n{url}",
    "signup.mail.called_off.subject": "【中止のお知らせ】{title}",
    "signup.mail.called_off.body": "{name} 様\n\nお申し込みいただいていた「{title}」は、"
    "都合により中止となりました。ご予定を空けていただいたところ、申し訳ありません。\n\n"
    "日時：{when}\n場所：{where}\n\n{agenda}\n今後のイベントは本人ページからご覧いただけます。\n{url}",
    "signup.mail.cancelled.subject": "【キャンセル受付】{title}",
    "signup.mail.cancelled.body": "{name} 様\n\n「{title}」のキャンセルを受け付けました。\n\n"
    "日時：{when}\n場所：{where}\n\n{agenda}\n"
    "またのご参加をお待ちしています。本人ページ：\n{url}",
    # --- publishing on イベント・出欠 (staff) ---
    "signup.publish": "参加者の公開募集",
    "signup.publish_help": "公開すると、募集ページにこのイベントの日時・場所（またはツール）・"
    "プログラム・定員の空きが表示され、メールアドレスで申し込めます。申込者はこのページの"
    "出欠に載ります。満席後はキャンセル待ちとなり、キャンセルが出るとお申し込み順に繰り上がります。",
    "signup.published_state": "公開中（定員 {capacity}・申込 {taken}・キャンセル待ち {waiting}）",
    "signup.unpublished_state": "非公開",
    "signup.field.capacity": "定員（空欄は定員なし）",
    "signup.field.agenda": "プログラム・行程（公開）",
    "signup.suggest": "ワークシートから入れる（A-3 タイムスケジュール／B-5 行程）",
    "signup.do_publish": "公開する・更新する",
    "signup.do_unpublish": "公開をやめる",
    "signup.published": "「{title}」を公開しました。",
    "signup.unpublished": "「{title}」の公開をやめました。",
    "signup.no_capacity": "なし",
    # --- the own page ---
    "me.request_intro": "本人ページは、メールでお送りするリンクから開きます。登録したメール"
    "アドレスを入力すると、新しいリンクをお送りします。",
    "me.field.email": "メールアドレス",
    "me.request_send": "リンクを送る",
    "me.request_sent": "ご登録のあるメールアドレスであれば、本人ページへのリンクをお送りしました。"
    "数分たっても届かない場合は、迷惑メールフォルダもご確認ください。",
    "me.link_invalid": "このリンクは無効か、有効期限が切れています。下のフォームから新しいリンクを"
    "お求めください。",
    "me.confirmed": "メールアドレスを確認しました。ご登録ありがとうございます。",
    "me.greeting": "{name} 様（{programme}）",
    "me.tab.events": "参加予定",
    "me.calendar": "カレンダーに登録",
    "me.calendar_help": "お申し込みのイベント、プロジェクトの定例会・報告会、マイルストーンを、"
    "お使いのカレンダー（Google カレンダー、Outlook、iPhone など）に自動で表示できます。"
    "リンクを作り、カレンダーの「URLで追加」に貼り付けてください。",
    "me.calendar_make": "カレンダー用のリンクを作る",
    "me.calendar_new": "リンクを作り直す（今のリンクは使えなくなります）",
    "me.calendar_stop": "カレンダー用のリンクを無効にする",
    "me.calendar_stopped": "カレンダー用のリンクを無効にしました。",
    "me.calendar_subscribe": "カレンダーアプリで開く",
    "me.calendar_keep": "このリンクを知っている人は予定を見られます。他の人に教えないでください。"
    "このページを閉じると再表示できないため、必要なら作り直してください。",
    "me.tab.reports": "報告",
    "me.tab.consents": "同意",
    "me.tab.data": "データ",
    "me.tab.leave": "配信停止・削除",
    "me.confirm_sign_up": "次のイベントへの参加を申し込みますか。",
    "me.sign_up": "参加を申し込む",
    "me.signed_up": "「{title}」への参加を申し込みました。確認メールをお送りしました。",
    "me.waitlisted": "「{title}」は満席のため、キャンセル待ちで受け付けました。",
    "me.cancel": "キャンセルする",
    "me.cancelled": "「{title}」をキャンセルしました。",
    "me.my_events": "申し込んだイベント",
    "me.no_events": "申し込んだイベントはまだありません。",
    "me.open_events": "受付中のイベント",
    "me.no_open_events": "いま受付中のイベントはありません。",
    "me.event_called_off": "中止",
    "me.waitlist_position": "（{n}番目）",
    "me.no_projects": "参加しているプロジェクトはまだありません。",
    "me.report_help": "企業との打ち合わせの後に、話し合ったことと次のステップを報告してください。"
    "月次定例会・中間報告会・最終報告会の報告は、その予定を選んでください。",
    "me.field.project": "プロジェクト",
    "me.field.company": "企業",
    "me.field.met_on": "打ち合わせの日",
    "me.field.milestone": "どの予定の報告か",
    "me.no_milestone": "（予定外の打ち合わせ）",
    "me.field.discussed": "話し合ったこと",
    "me.field.next_steps": "次のステップ",
    "me.report_send": "報告を送る",
    "me.report_sent": "報告を送りました。",
    "me.my_reports": "これまでの報告",
    "me.report.discussed_heading": "【話し合ったこと】",
    "me.report.next_heading": "【次のステップ】",
    "me.consent_help": "同意はいつでも取り消せます。取り消した後も、もう一度同意できます。",
    "me.purpose": "個人情報の利用目的",
    "me.no_consents": "記録された同意はありません。",
    "me.consent_granted": "{on} 同意",
    "me.consent_active": "有効",
    "me.consent_withdrawn": "{on} 取り消し",
    "me.purpose_read": "同意したときの利用目的（第{version}版）",
    "me.withdraw": "同意を取り消す",
    "me.withdrawn": "同意を取り消しました。",
    "me.grant": "同意する",
    "me.field.scope": "同意する内容",
    "me.grant_agree": "上の個人情報の利用目的を読み、同意します",
    "me.grant_send": "同意を記録する",
    "me.granted": "同意を記録しました。",
    "me.data_help": "このプログラムが保有しているあなたの情報（登録内容、同意、イベントの申込・出欠、"
    "プロジェクト、報告、お送りした情報・メールなど）を、ひとつのファイル（JSON形式）で"
    "ダウンロードできます。ダウンロードしたことは記録されます。",
    "me.data_download": "自分のデータをダウンロード",
    "me.export.about": "ふるさとCo-LEADプログラムが保有するご本人の情報の開示（個人情報保護法）",
    "me.mail_heading": "メールの配信",
    "me.unsubscribe_help": "お知らせのメールを停止します。ご自身の申込や本人ページのリンクの"
    "メールは届きます。",
    "me.unsubscribe": "お知らせの配信を停止する",
    "me.unsubscribed": "お知らせの配信を停止しました。",
    "me.unsubscribed_state": "お知らせの配信を停止しています。",
    "me.resubscribe": "配信を再開する",
    "me.resubscribed": "お知らせの配信を再開しました。",
    "me.erase_heading": "登録の削除",
    "me.erase_help": "あなたの情報の削除を依頼できます。事務局が確認のうえ削除し、その後は"
    "本人ページも開けなくなります。",
    "me.erase_confirm": "登録の削除を依頼します",
    "me.erase": "削除を依頼する",
    "me.erase_requested": "削除の依頼を受け付けました。",
    "me.erase_requested_state": "削除の依頼を受け付けています。事務局の対応をお待ちください。",
    "me.error.agree": "利用目的への同意にチェックを入れてください。",
    "me.error.erase_confirm": "確認のチェックを入れてください。",
    "me.error.project": "参加しているプロジェクトを選んでください。",
    "me.error.met_on": "打ち合わせの日を入力してください。",
    "me.error.met_on_future": "打ち合わせの日に未来の日付は入力できません。",
    "me.error.discussed": "話し合ったことを入力してください。",
    "me.error.too_long": "それぞれ{maximum}文字以内で入力してください。",
    "me.error.milestone": "このプロジェクトの予定を選んでください。",
    "me.error.scope": "同意できる内容を選んでください。",
    "me.error.consent": "この同意は取り消せません。",
    "me.error.too_many": "短時間に多くのリクエストがありました。しばらくしてからもう一度お試しください。",
    "me.mail.link.subject": "【本人ページ】{programme}",
    "me.mail.link.body": "{name} 様\n\n{programme}の本人ページへのリンクをお送りします。\n"
    "申し込んだイベントの確認・キャンセル、報告、同意の確認、データのダウンロードができます。\n\n"
    "{url}\n\nリンクの有効期限：{expires}\n"
    "お心当たりのない場合は、このメールを破棄してください。",
}

EN: dict[str, str] = {
    # --- sign-up on the public page ---
    "signup.heading": "Events open for sign-up",
    "signup.agenda": "Programme / itinerary",
    "signup.online": "Online ({tool})",
    "signup.seats_left": "Open (seats left)",
    "signup.full": "Full. Sign-ups are taken for the waiting list.",
    "signup.form": "Sign up for an event",
    "signup.form_help": "We mail a confirmation link to the address you enter. Press 'Sign up' on "
    "the page it opens to complete your sign-up. If you are new, this also counts as your "
    "application to the programme.",
    "signup.field.event": "Event",
    "signup.field.name": "Name",
    "signup.field.email": "E-mail address",
    "signup.purpose": "Purpose of use of personal data",
    "signup.agree": "I have read and agree to the purpose of use of personal data",
    "signup.send": "Send confirmation mail",
    "signup.sent": "We have sent a confirmation mail. Open its link to complete your sign-up. "
    "If no mail arrives, check the address and try again.",
    "signup.channel": "Event sign-up",
    "signup.error.agree": "Please agree to the purpose of use of personal data.",
    "signup.error.email": "Please enter a valid e-mail address.",
    "signup.error.name": "Please enter your name ({maximum} characters at most).",
    "signup.error.closed": "This event is not taking sign-ups now.",
    "signup.error.too_many": "Too many sign-ups in a short time. Please try again later.",
    "signup.error.started": "An event that has begun cannot be cancelled.",
    "signup.error.not_public": "Please contact the office to cancel this meeting.",
    "signup.error.capacity": "Capacity must be 1 to {maximum} (empty: no limit).",
    "signup.error.agenda_too_long": "The programme / itinerary must be {maximum} characters at "
    "most.",
    "signup.error.kind": "Only meetups and fieldwork tours can be published.",
    "signup.mail.agenda": "[Programme / itinerary]\n{agenda}\n",
    "signup.mail.confirm.subject": "[Please confirm] {title}",
    "signup.mail.confirm.body": "Dear {name},\n\nWe received your sign-up for “{title}”.\n"
    "Open your page with the link below and press 'Sign up' to complete it.\n\n"
    "When: {when}\nWhere: {where}\n\n{url}\n\n"
    "The link works until {expires}.\n"
    "If you did not ask for this, please ignore this mail.",
    "signup.mail.registered.subject": "[Signed up] {title}",
    "signup.mail.registered.body": "Dear {name},\n\nYou are signed up for “{title}”.\n\n"
    "When: {when}\nWhere: {where}\n\n{agenda}\n"
    "A calendar file (event.ics) is attached.\n"
    "See or cancel your sign-up on your page:\n{url}",
    "signup.mail.waitlisted.subject": "[Waiting list] {title}",
    "signup.mail.waitlisted.body": "Dear {name},\n\n“{title}” is full, so you are on the "
    "waiting list. When a seat frees, people move up in the order they signed up and we will "
    "tell you.\n\nWhen: {when}\nWhere: {where}\n\n{agenda}\n"
    "See your place or cancel on your page:\n{url}",
    "signup.mail.moved_up.subject": "[Confirmed from the waiting list] {title}",
    "signup.mail.moved_up.body": "Dear {name},\n\nA seat has freed: you have moved up from the "
    "waiting list and are signed up for “{title}”.\n\nWhen: {when}\nWhere: {where}\n\n{agenda}\n"
    "A calendar file (event.ics) is attached.\n"
    "If you cannot come, please cancel on your page:\n{url}",
    "signup.mail.called_off.subject": "[Called off] {title}",
    "signup.mail.called_off.body": 'Dear {name},\n\n"{title}", which you signed up for, has been '
    "cancelled. We are sorry for the trouble.\n\nWhen: {when}\nWhere: {where}\n\n{agenda}\n"
    "Coming events are on your page:\n{url}",
    "signup.mail.cancelled.subject": "[Cancelled] {title}",
    "signup.mail.cancelled.body": "Dear {name},\n\nYour sign-up for “{title}” is cancelled.\n\n"
    "When: {when}\nWhere: {where}\n\n{agenda}\n"
    "We hope to see you another time. Your page:\n{url}",
    # --- publishing on Events (staff) ---
    "signup.publish": "Public sign-up",
    "signup.publish_help": "Once published, the recruitment page shows this event's date, place "
    "(or tool), programme and whether seats are left, and people sign up with their e-mail "
    "address. They appear in this page's attendance. When full, sign-ups join a waiting list "
    "that moves up, in order, when someone cancels.",
    "signup.published_state": "Published (capacity {capacity}, signed up {taken}, waiting list "
    "{waiting})",
    "signup.unpublished_state": "Not published",
    "signup.field.capacity": "Capacity (empty: no limit)",
    "signup.field.agenda": "Programme / itinerary (public)",
    "signup.suggest": "Fill in from the worksheets (A-3 timetable / B-5 itinerary)",
    "signup.do_publish": "Publish / update",
    "signup.do_unpublish": "Unpublish",
    "signup.published": "“{title}” is published.",
    "signup.unpublished": "“{title}” is no longer published.",
    "signup.no_capacity": "none",
    # --- the own page ---
    "me.request_intro": "Your page opens from a link we mail you. Enter the e-mail address you "
    "registered with and we will send a new link.",
    "me.field.email": "E-mail address",
    "me.request_send": "Send link",
    "me.request_sent": "If this address is registered, we have sent it a link to your page. If "
    "nothing arrives within a few minutes, check your spam folder.",
    "me.link_invalid": "This link is not valid or has expired. Ask for a new one below.",
    "me.confirmed": "Your e-mail address is confirmed. Thank you for registering.",
    "me.greeting": "{name} ({programme})",
    "me.tab.events": "My events",
    "me.calendar": "Add to your calendar",
    "me.calendar_help": "Your events, your project's meetings and milestones can show in the "
    "calendar you use (Google Calendar, Outlook, iPhone). Make a link and paste it into your "
    "calendar's “add by URL”.",
    "me.calendar_make": "Make a calendar link",
    "me.calendar_new": "Make a new link (the current one stops working)",
    "me.calendar_stop": "Turn the calendar link off",
    "me.calendar_stopped": "The calendar link is off.",
    "me.calendar_subscribe": "Open in your calendar app",
    "me.calendar_keep": "Anyone with this link can see these events: keep it to yourself. It "
    "is not shown again once this page is closed; make a new one if needed.",
    "me.tab.reports": "Reports",
    "me.tab.consents": "Consents",
    "me.tab.data": "My data",
    "me.tab.leave": "Unsubscribe / erase",
    "me.confirm_sign_up": "Sign up for this event?",
    "me.sign_up": "Sign up",
    "me.signed_up": "You are signed up for “{title}”. A confirmation mail is on its way.",
    "me.waitlisted": "“{title}” is full: you are on the waiting list.",
    "me.cancel": "Cancel",
    "me.cancelled": "Your sign-up for “{title}” is cancelled.",
    "me.my_events": "Events you signed up for",
    "me.no_events": "You have not signed up for any event yet.",
    "me.open_events": "Events open for sign-up",
    "me.no_open_events": "No event is open for sign-up now.",
    "me.event_called_off": "Called off",
    "me.waitlist_position": " (no. {n})",
    "me.no_projects": "You are not in a project yet.",
    "me.report_help": "After a meeting with the company, report what was discussed and the next "
    "steps. For a monthly meeting, the interim or the final report, pick it.",
    "me.field.project": "Project",
    "me.field.company": "Company",
    "me.field.met_on": "Date of the meeting",
    "me.field.milestone": "Which meeting this reports on",
    "me.no_milestone": "(a meeting not planned)",
    "me.field.discussed": "What was discussed",
    "me.field.next_steps": "Next steps",
    "me.report_send": "Send report",
    "me.report_sent": "Your report is sent.",
    "me.my_reports": "Your reports",
    "me.report.discussed_heading": "[What was discussed]",
    "me.report.next_heading": "[Next steps]",
    "me.consent_help": "You can withdraw a consent at any time, and give it again later.",
    "me.purpose": "Purpose of use of personal data",
    "me.no_consents": "No consent is recorded.",
    "me.consent_granted": "given {on}",
    "me.consent_active": "in force",
    "me.consent_withdrawn": "withdrawn {on}",
    "me.purpose_read": "The purpose you agreed to (version {version})",
    "me.withdraw": "Withdraw consent",
    "me.withdrawn": "Consent withdrawn.",
    "me.grant": "Give consent",
    "me.field.scope": "Consent to",
    "me.grant_agree": "I have read and agree to the purpose of use above",
    "me.grant_send": "Record consent",
    "me.granted": "Consent recorded.",
    "me.data_help": "Download everything this programme holds about you (your registration, "
    "consents, event sign-ups and attendance, projects, reports, information and mails sent to "
    "you) as one file (JSON). The download is recorded.",
    "me.data_download": "Download my data",
    "me.export.about": "Disclosure of the personal data the Furusato Co-LEAD programme holds "
    "about you (APPI)",
    "me.mail_heading": "Mail",
    "me.unsubscribe_help": "Stops the programme's information mails. Mails about your own "
    "sign-ups and links to your page still come.",
    "me.unsubscribe": "Unsubscribe from information mails",
    "me.unsubscribed": "You are unsubscribed.",
    "me.unsubscribed_state": "You are unsubscribed from information mails.",
    "me.resubscribe": "Subscribe again",
    "me.resubscribed": "You are subscribed again.",
    "me.erase_heading": "Erase my registration",
    "me.erase_help": "Ask for your data to be erased. The office checks and erases it; your "
    "page will not open after that.",
    "me.erase_confirm": "I ask for my registration to be erased",
    "me.erase": "Ask for erasure",
    "me.erase_requested": "Your request for erasure is received.",
    "me.erase_requested_state": "Your request for erasure is received and awaits the office.",
    "me.error.agree": "Please tick that you agree to the purpose of use.",
    "me.error.erase_confirm": "Please tick the confirmation.",
    "me.error.project": "Please pick a project you are a member of.",
    "me.error.met_on": "Please enter the date of the meeting.",
    "me.error.met_on_future": "The meeting's date cannot be in the future.",
    "me.error.discussed": "Please enter what was discussed.",
    "me.error.too_long": "Each must be {maximum} characters at most.",
    "me.error.milestone": "Please pick one of this project's meetings.",
    "me.error.scope": "Please pick something you can consent to.",
    "me.error.consent": "This consent cannot be withdrawn here.",
    "me.error.too_many": "Too many requests in a short time. Please try again later.",
    "me.mail.link.subject": "[Your page] {programme}",
    "me.mail.link.body": "Dear {name},\n\nHere is the link to your page of {programme}.\n"
    "See or cancel your event sign-ups, send reports, see your consents and download your "
    "data.\n\n{url}\n\nThe link works until {expires}.\n"
    "If you did not ask for this, please ignore this mail.",
}
