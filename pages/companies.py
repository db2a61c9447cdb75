"""企業台帳: the programme's SMEs with B-1 readiness and B-3 needs."""

from colead.ui.companies_page import render
from colead.ui.guard import page_guard

context = page_guard()

render(context)
