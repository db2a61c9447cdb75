"""情報提供の記録: deliveries and the people not contacted for too long."""

from colead.ui.deliveries_page import render
from colead.ui.guard import page_guard

context = page_guard()

render(context)
