"""Partner institutions (B-2): the registry and which companies each brought."""

JA: dict[str, str] = {
    "page.partners": "連携機関",
    "partner.intro": (
        "地域中小企業の支援を行っている機関と連携して募集を行うことで、効率的かつ効果的に"
        "候補企業を選定できます（B-2 地域中小企業の募集）。"
    ),
    "partner.list": "地域の連携機関",
    "partner.empty": "この地域の連携機関はまだ登録されていません。",
    "partner.field.name": "機関名",
    "partner.field.kind": "種別",
    "partner.field.contact": "担当者",
    "partner.field.email": "メールアドレス",
    "partner.field.note": "メモ",
    "partner.column.referred": "紹介企業数",
    "partner.column.ready": "B-1で受入体制が整った企業",
    "partner.column.started": "プロジェクトを開始した企業",
    "partner.unreferred": "（紹介元なし）",
    "partner.outcome_help": (
        "{programme}に登録された企業のうち、各機関が紹介した企業の数です。"
        "受入体制は B-1 の「受入体制の整備」3項目がすべて「はい」の企業、"
        "プロジェクト開始は B-6 のプロジェクトが1件以上ある企業を数えます。"
    ),
    "partner.panel": "連携機関ごとの紹介実績",
    "partner.panel_help": (
        "どの連携機関から紹介された企業が受入体制を整え、プロジェクトを始めたかを示します。"
        "連携機関の登録・編集は「連携機関」のページで行います。"
    ),
    "partner.new": "連携機関を登録する",
    "partner.create": "登録する",
    "partner.created": "連携機関「{name}」を登録しました。",
    "partner.edit": "連携機関の編集",
    "partner.edit_pick": "編集する連携機関",
    "partner.edit_placeholder": "連携機関を選んでください",
    "partner.read_only": "閲覧のみです（連携機関の登録・編集は担当地域の職員が行います）。",
    "partner.error.name_required": "機関名を入力してください。",
    "partner.error.name_too_long": "機関名は{maximum}文字以内で入力してください。",
    "partner.error.duplicate": "同じ名前の連携機関「{name}」がこの地域にすでに登録されています。",
    "partner.error.kind": "種別を一覧から選んでください。",
    "partner.error.email_malformed": "メールアドレスの形式が正しくありません（{email}）。",
    "partner.error.region_archived": "この地域はアーカイブ済みのため、連携機関を登録・編集できません。",
}

EN: dict[str, str] = {
    "page.partners": "Partner institutions",
    "partner.intro": (
        "Recruiting together with the institutions that support local SMEs finds suitable "
        "candidate companies efficiently (B-2 recruiting local SMEs)."
    ),
    "partner.list": "The region's partner institutions",
    "partner.empty": "No partner institution is registered for this region yet.",
    "partner.field.name": "Institution",
    "partner.field.kind": "Kind",
    "partner.field.contact": "Contact person",
    "partner.field.email": "E-mail",
    "partner.field.note": "Note",
    "partner.column.referred": "Companies referred",
    "partner.column.ready": "Ready to host (B-1)",
    "partner.column.started": "Started a project",
    "partner.unreferred": "(no referrer)",
    "partner.outcome_help": (
        "Companies registered in {programme} that each institution referred. Ready to host: "
        "all three checks of B-1's hosting readiness answered yes; started a project: at "
        "least one B-6 project."
    ),
    "partner.panel": "Referrals by partner institution",
    "partner.panel_help": (
        "Which institution's companies became ready to host and started projects. Register "
        "and edit institutions on the Partner institutions page."
    ),
    "partner.new": "Register a partner institution",
    "partner.create": "Register",
    "partner.created": "Registered the partner institution “{name}”.",
    "partner.edit": "Edit partner institution",
    "partner.edit_pick": "Institution to edit",
    "partner.edit_placeholder": "Choose an institution",
    "partner.read_only": "Read only (staff of the region register and edit institutions).",
    "partner.error.name_required": "Enter the institution's name.",
    "partner.error.name_too_long": "The institution's name has at most {maximum} characters.",
    "partner.error.duplicate": "An institution named “{name}” is already registered here.",
    "partner.error.kind": "Choose a kind from the list.",
    "partner.error.email_malformed": "This e-mail address is malformed ({email}).",
    "partner.error.region_archived": "This region is archived: its institutions cannot be changed.",
}
