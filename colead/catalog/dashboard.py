"""Messages of the dashboard."""

JA: dict[str, str] = {}

EN: dict[str, str] = {}
