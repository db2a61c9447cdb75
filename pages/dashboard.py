"""Dashboard: the funnel from registration to a lasting relationship."""

from colead.ui.dashboard import render
from colead.ui.guard import page_guard

context = page_guard()

render(context)
