"""募集ページと応募フォーム (public): /apply lists published programmes, /apply?p=<slug> one."""

from colead.ui.apply_page import render
from colead.ui.public import public_page

public_page(render)
