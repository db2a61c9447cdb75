"""The frame around every page: sidebar, navigation, page header."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.models import Role
from colead.ui.auth import logout_button
from colead.ui.context import PageContext, programme_picker
from colead.ui.i18n import lang, language_picker, localised, t
from colead.ui.nav import PAGES, PUBLIC_PAGES, PageSpec, pages_for
from colead.worksheets import WORKSHEETS


def page_title(page: PageSpec) -> str:
    if page.worksheet:
        return f"{page.worksheet} {localised(WORKSHEETS[page.worksheet]).short_title}"
    return t(page.title_key)


_NAV_PAGES = "colead_nav_pages"


def _sections(role: Role) -> dict[str, list]:
    """The st.Page objects of this role's navigation by section, made once per role and language
    in a session: making them resolves every file's path, on every click otherwise. A page the
    role may not open keeps its URL, hidden, and says so instead of running its file."""
    cached = st.session_state.get(_NAV_PAGES)
    if cached is not None and cached[0] == (role, lang()):
        return cached[1]
    sections: dict[str, list] = {}
    for page in pages_for(role):
        sections.setdefault(t(page.section), []).append(
            st.Page(
                page.file,
                title=page_title(page),
                icon=page.icon or None,
                url_path=page.url,
                default=page.default,
            )
        )
    allowed = set(pages_for(role))
    refused = _placeholders([p for p in PAGES if p not in allowed], _refused)
    sections[""] = [*refused, *_public_pages()]
    st.session_state[_NAV_PAGES] = ((role, lang()), sections)
    return sections


def _refused() -> None:
    st.error(t("guard.no_permission"))


def _nothing() -> None:
    """A signed-out page: the sign-in form above is all there is to see."""


def _placeholders(pages: list[PageSpec], run: object) -> list:
    """Hidden entries that keep each page's URL known: a link to a page opens on its address
    (not on Streamlit's English 'Page not found') and `run` is drawn there instead of it."""
    return [
        st.Page(run, title=page_title(p), url_path=p.url, default=p.default, visibility="hidden")
        for p in pages
    ]


def build_navigation(role: Role):  # type: ignore[no-untyped-def]
    """st.navigation over the pages this role may open (see _sections)."""
    return st.navigation(_sections(role), expanded=True)  # every step visible, no "View more"


def signed_out_navigation():  # type: ignore[no-untyped-def]
    """While nobody is signed in, every page's URL is registered and draws nothing: a shared
    link or a reload keeps its address through the sign-in, then opens where it points. The
    public pages are registered as themselves; returns the page the address names."""
    return st.navigation(
        [*_placeholders(list(PAGES), _nothing), *_public_pages()], position="hidden"
    )


def _public_pages() -> list:
    return [
        st.Page(p.file, title=page_title(p), url_path=p.url, visibility="hidden")
        for p in PUBLIC_PAGES
    ]


def is_public(page) -> bool:  # type: ignore[no-untyped-def]
    return page.url_path in {p.url for p in PUBLIC_PAGES}


def sidebar(context: PageContext) -> PageContext:
    with st.sidebar:
        st.markdown(f"### {t('app.short_title')}")
        context = programme_picker(context, st)
        actor = context.actor
        st.caption(
            t("sidebar.signed_in_as", name=actor.display_name, role=t(f"enum.role.{actor.role}"))
        )
        language_picker(st)
        logout_button(st)
    return context


def escape_markdown(text: str) -> str:
    """Text a person typed, shown inside Markdown as typed: no emphasis, links, HTML, Streamlit
    directives (:red[…], :material/…:) or formulas ($…$)."""
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in text)


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for `st.table` (which renders its cells as Markdown) with every text cell
    shown as typed."""
    return frame.map(lambda value: escape_markdown(value) if isinstance(value, str) else value)


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~:$")


def section_switch(key: str, sections: tuple[str, ...], labels: str) -> str:
    """Buttons above a page choosing which of its parts is drawn; only that part runs.

    `labels` is a catalog prefix: `<labels>` names the switch, `<labels>.<section>` each part.
    Clicking the chosen button again unselects it; the first part is shown then.
    """
    chosen = st.segmented_control(
        t(labels),
        sections,
        format_func=lambda section: t(f"{labels}.{section}"),
        default=sections[0],
        key=key,
        label_visibility="collapsed",
    )
    return chosen or sections[0]


def page_header(title: str, subtitle: str = "") -> None:
    """The page's title and a plain-text subtitle (often a programme's name, typed by people:
    shown as typed)."""
    st.title(title)
    if subtitle:
        st.caption(escape_markdown(subtitle))
