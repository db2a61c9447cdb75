"""Home: the programme map."""

from colead.ui.guard import page_guard
from colead.ui.programme_map import render

context = page_guard()

render(context)
