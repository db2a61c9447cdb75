"""Worksheet A-4."""

from colead.ui.guard import page_guard
from colead.ui.worksheet_page import render

context = page_guard()

render(context, "A-4")
