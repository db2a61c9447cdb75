"""Setting up a municipality: first-run set-up, regions and programmes, new fiscal years."""

JA: dict[str, str] = {
    "page.setup": "初期設定",
    "page.regions": "地域とプログラム",
}

EN: dict[str, str] = {
    "page.setup": "First set-up",
    "page.regions": "Regions and programmes",
}
