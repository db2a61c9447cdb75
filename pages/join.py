"""企業の応募 (public): a local SME applies to a published programme (B-2)."""

from colead.ui.join_page import render
from colead.ui.public import public_page

public_page(render)
