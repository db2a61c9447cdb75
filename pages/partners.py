"""Registry: partner institutions of the region (B-2)."""

from colead.ui.guard import page_guard
from colead.ui.partners_page import render

context = page_guard()

render(context)
