"""イベント・出欠: events, registration and check-in."""

from colead.ui.events_page import render
from colead.ui.guard import page_guard

context = page_guard()

render(context)
