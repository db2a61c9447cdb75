"""Messages of the recruitment page, its application form and the staff's publishing page
(#12 items 1, 2, 3, 9)."""

JA: dict[str, str] = {
    "page.publishing": "募集ページ",
}

EN: dict[str, str] = {
    "page.publishing": "Recruitment page",
}
