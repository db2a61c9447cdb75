"""Admin: the guided first set-up (region, programme, partners, staff accounts)."""

from colead.models import Role
from colead.ui.guard import page_guard
from colead.ui.setup_page import render

context = page_guard(Role.ADMIN)

render(context)
