"""お知らせ配信: write newsletters, choose who receives them, send now or later."""

from colead.ui.guard import page_guard
from colead.ui.newsletters_page import render

context = page_guard()

render(context)
