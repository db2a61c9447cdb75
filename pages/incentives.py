"""インセンティブ: rules granting incentives for verified activity, the ledger, certificates."""

from colead.ui.guard import page_guard
from colead.ui.incentives_page import render

context = page_guard()

render(context)
