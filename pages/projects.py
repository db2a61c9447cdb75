"""協働プロジェクト: team, milestones, reports and status."""

from colead.ui.guard import page_guard
from colead.ui.projects_page import render

context = page_guard()

render(context)
