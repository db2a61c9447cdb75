"""Messages of the incentives screens and services."""

JA: dict[str, str] = {}

EN: dict[str, str] = {}
