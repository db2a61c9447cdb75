"""A newsletter's Markdown turned into a mail: a clean HTML part and a plain-text part.

Raw HTML in the text is shown as text, never interpreted (markdown-it's `html=False`), and only
http(s)/mailto links become links. `{氏名}` is replaced by the recipient's name, after rendering
and escaped: a name typed on a public form is never read as Markdown or HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markdown_it import MarkdownIt

NAME_FIELD = "{氏名}"

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_MARKDOWN.enable("table")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_MARKDOWN.validateLink = lambda url: url.strip().lower().startswith(_SAFE_SCHEMES)  # type: ignore[method-assign]

_STYLE = (
    "font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif;"
    "font-size:16px;line-height:1.7;color:#1f2937;max-width:640px;margin:0 auto;padding:16px"
)


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def fill_name(text: str, name: str) -> str:
    return text.replace(NAME_FIELD, name)


def render(
    subject: str,
    body: str,
    name: str,
    *,
    footer: str = "",
    unsubscribe_url: str = "",
    unsubscribe_label: str = "",
) -> RenderedMail:
    """The mail one person gets: their name filled in, the footer (who sends it) and their own
    unsubscribe link under the text."""
    filled = fill_name(body, name)
    body_html = preview_html(body, name)
    tail_text: list[str] = []
    tail_html: list[str] = []
    if footer:
        tail_text.append(footer)
        tail_html.append(f"<p>{html.escape(footer)}</p>")
    if unsubscribe_url:
        tail_text.append(f"{unsubscribe_label}\n{unsubscribe_url}")
        tail_html.append(
            f'<p><a href="{html.escape(unsubscribe_url, quote=True)}">'
            f"{html.escape(unsubscribe_label or unsubscribe_url)}</a></p>"
        )
    text = filled.rstrip() + ("\n\n-- \n" + "\n\n".join(tail_text) if tail_text else "") + "\n"
    footer_html = (
        '<hr style="border:none;border-top:1px solid #d1d5db;margin:24px 0">'
        f'<div style="font-size:13px;color:#6b7280">{"".join(tail_html)}</div>'
        if tail_html
        else ""
    )
    document = (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        f"<title>{html.escape(fill_name(subject, name))}</title></head>"
        f'<body style="margin:0;background:#f9fafb"><div style="{_STYLE}">'
        f"{body_html}{footer_html}</div></body></html>"
    )
    return RenderedMail(subject=fill_name(subject, name), text=text, html=document)


def preview_html(body: str, name: str) -> str:
    """The body as the recipient will see it, for the compose page (the same renderer)."""
    # The name goes in after rendering, escaped: a name is text, never Markdown.
    return _MARKDOWN.render(body).replace(NAME_FIELD, html.escape(name))
