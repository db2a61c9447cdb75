"""Messages of the relationships screens and services."""

JA: dict[str, str] = {}

EN: dict[str, str] = {}
