"""監査ログ (admins): who saw, exported, changed or erased what, and when."""

from colead.models import Role
from colead.ui.audit_page import render
from colead.ui.guard import page_guard

render(page_guard(Role.ADMIN))
