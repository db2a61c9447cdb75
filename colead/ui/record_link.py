"""The one record a page shows, kept in its address: `/talent?id=12`.

A reload, a shared link, or a link opened before signing in then opens the same record. A page
calls `arrive` near its top (the address is read and checked there, and any message is shown
where a person looks first) and draws its "open one record" picker with `record_picker`, which
writes the picked record's id back to the address and removes it when the pick is cleared.

A record is opened from the address only if the signed-in person may see it: `find` goes through
the services' region scoping, and a record of another region, an unknown id or a malformed one
all get the same message. A record of another programme the person may see switches the
sidebar's programme to it first. Streamlit drops the query string when the page changes, so an
id never follows a person onto another page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from colead.services.access import AccessDenied
from colead.ui.context import PROGRAMME_KEY, PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown

PARAM = "id"
_LINKED = "colead_record_linked"  # picker key -> the id opened from the address
_SWITCHED = "colead_record_link_switched"  # the programme switched to, to say so once
_ID = re.compile(r"[1-9][0-9]{0,9}")


@dataclass(frozen=True)
class Found:
    """A record the person may see: its picker label and where it belongs."""

    label: str
    programme_id: int | None = None  # a programme's record (talent, companies, events, …)
    region_id: int | None = None  # a region's record (partner institutions)


# Returns the record, or raises AccessDenied when it is missing or hidden from the person.
Finder = Callable[[int], Found]


def _parse(raw: str) -> int | None:
    if not _ID.fullmatch(raw.strip()):
        return None
    value = int(raw)
    return value if value < 2**31 else None  # an INTEGER column: PostgreSQL's is 32 bits


def _find(find: Finder, record_id: int) -> Found | None:
    try:
        return find(record_id)
    except AccessDenied:
        return None


def _home_programme(context: PageContext, found: Found) -> int | None:
    """The programme the record is shown in: the current one if it belongs there, else one of
    the person's programmes it belongs to; None if none."""
    current = context.programme
    if current is None:
        return None
    if found.programme_id is not None:
        if found.programme_id == current.id:
            return current.id
        return next((c.id for c in context.choices if c.id == found.programme_id), None)
    if found.region_id == current.region_id:
        return current.id
    return next((c.id for c in context.choices if c.region_id == found.region_id), None)


def _shown_here(context: PageContext, find: Finder, record_id: int) -> Found | None:
    found = _find(find, record_id)
    if found is None or context.programme is None:
        return None
    return found if _home_programme(context, found) == context.programme.id else None


def _address_id() -> str | None:
    return st.query_params.get(PARAM)


def _write(record_id: int | None) -> None:
    """The address names the record shown, or none."""
    if record_id is None:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif _address_id() != str(record_id):
        st.query_params[PARAM] = str(record_id)


def arrive(context: PageContext, key: str, find: Finder) -> None:
    """Open the record the address names in the picker `key`, or say why it cannot be opened.

    Call before anything of the page's picker is drawn. The address differs from the picker's
    value only when it came from outside: a reload, a link, the sign-in.
    """
    switched = st.session_state.pop(_SWITCHED, None)
    if switched:
        st.info(t("record_link.switched", programme=switched), icon=":material/swap_horiz:")
    raw = _address_id()
    if raw is None or raw == str(st.session_state.get(key)):
        return
    record_id = _parse(raw)
    found = _find(find, record_id) if record_id is not None else None
    target = _home_programme(context, found) if found is not None else None
    if record_id is None or target is None or context.programme is None:
        _write(None)
        st.warning(t("record_link.not_found"), icon=":material/link_off:")
        return
    if target != context.programme.id:
        choice = next(c for c in context.choices if c.id == target)
        st.session_state[PROGRAMME_KEY] = target
        st.session_state[_SWITCHED] = escape_markdown(programme_label(choice))
        st.rerun()  # the page again, in the record's programme, with the address kept
    st.session_state[key] = record_id
    st.session_state.setdefault(_LINKED, {})[key] = record_id


def _picked(key: str) -> Callable[[], None]:
    def _store() -> None:
        _write(st.session_state.get(key))

    return _store


def record_picker(
    context: PageContext,
    key: str,
    names: dict[int, str],
    find: Finder,
    *,
    label: str,
    placeholder: str,
) -> int | None:
    """The page's "open one record" selectbox over `names` (id → label), kept in the address.

    A record opened from the address stays offered while it is open, also when it is not among
    `names` (another page of the list, a filter).
    """
    linked = st.session_state.get(_LINKED, {})
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in names and linked.get(key) == chosen:
        found = _shown_here(context, find, chosen)
        if found is not None:
            names = {chosen: found.label, **names}
    if st.session_state.get(key) not in names:
        st.session_state.pop(key, None)
    opened = st.selectbox(
        label,
        list(names),
        index=None,
        format_func=names.get,
        key=key,
        placeholder=placeholder,
        on_change=_picked(key),  # before the next run: the address never lags behind a pick
    )
    if opened != linked.get(key):
        linked.pop(key, None)
    _write(opened)
    return opened
