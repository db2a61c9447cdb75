"""Messages of the public doors: the recruitment page and application, the company
application, each person's own page, and the mail they receive (#12)."""

JA: dict[str, str] = {
    "page.apply": "募集・応募",
    "page.join": "企業の応募",
    "page.me": "本人ページ",
    "public.error": "申し訳ありません。ただいまこのページを表示できません。時間をおいてもう一度お試しください。",
    "public.coming_soon": "このページは準備中です。",
}

EN: dict[str, str] = {
    "page.apply": "Recruitment and application",
    "page.join": "Company application",
    "page.me": "My page",
    "public.error": "Sorry, this page cannot be shown right now. Please try again later.",
    "public.coming_soon": "This page is being prepared.",
}
