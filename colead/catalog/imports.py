"""Messages of importing and exporting registry tables."""

JA: dict[str, str] = {}

EN: dict[str, str] = {}
