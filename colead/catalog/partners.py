"""Partner institutions (B-2): the registry and which companies each brought."""

JA: dict[str, str] = {
    "page.partners": "連携機関",
}

EN: dict[str, str] = {
    "page.partners": "Partner institutions",
}
