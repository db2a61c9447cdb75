"""マッチング: talent suggested for each company, and teams proposed for all companies at once."""

from colead.ui.guard import page_guard
from colead.ui.matching_page import render

context = page_guard()

render(context)
