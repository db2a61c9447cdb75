"""Admin: the outbox, every mail the app sent or kept (送信メール)."""

from colead.models import Role
from colead.ui.guard import page_guard
from colead.ui.outbox_page import render

context = page_guard(Role.ADMIN)

render(context)
