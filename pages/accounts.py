"""Admin: accounts, roles, regions."""

from colead.models import Role
from colead.ui.admin_accounts import render
from colead.ui.guard import page_guard

context = page_guard(Role.ADMIN)

render(context)
