"""募集ページ (staff): publish the programme's recruitment page, with a preview."""

from colead.models import Role
from colead.ui.guard import page_guard
from colead.ui.publishing_page import render

context = page_guard(Role.STAFF)

render(context)
