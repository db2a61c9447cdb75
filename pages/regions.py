"""Admin: regions and programmes, archiving, and next fiscal year's programme."""

from colead.models import Role
from colead.ui.guard import page_guard
from colead.ui.regions_page import render

context = page_guard(Role.ADMIN)

render(context)
