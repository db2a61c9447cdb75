"""Placeholder, filled in by the work on issue #15."""

from __future__ import annotations

from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import page_header


def render(context: PageContext) -> None:
    page_header(t("page.setup"))
