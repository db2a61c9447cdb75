"""受付: applications, sign-ups and erasure requests waiting for the programme's staff."""

from colead.models import Role
from colead.ui.guard import page_guard
from colead.ui.inbox_page import render

render(page_guard(Role.STAFF))
