"""本人ページ (public, by a mailed link): a person's registrations, reports, consents, data."""

from colead.ui.me_page import render
from colead.ui.public import public_page

public_page(render)
