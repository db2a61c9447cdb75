"""配信停止 (public): stop the newsletters by the link in every one of them."""

from colead.ui.public import public_page
from colead.ui.unsubscribe_page import render

public_page(render)
