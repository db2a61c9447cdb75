"""Messages of the matching screens and services."""

JA: dict[str, str] = {}

EN: dict[str, str] = {}
