"""人材台帳: the programme's talent, a person's timeline, import and export."""

from colead.ui.guard import page_guard
from colead.ui.talent_page import render

context = page_guard()

render(context)
