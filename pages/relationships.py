"""関係の継続: the relationship ladder, the region's talent pool, consent to share."""

from colead.ui.guard import page_guard
from colead.ui.relationships_page import render

context = page_guard()

render(context)
