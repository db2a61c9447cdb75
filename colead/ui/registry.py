"""Pieces every registry screen shares: writing through a service with errors in Japanese,
a success message that survives the rerun, paging, and the edit permission."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session

from colead.db import session_scope
from colead.i18n import Label
from colead.services.access import AccessDenied, ProgrammeArchived
from colead.services.errors import InputError, InvalidInput
from colead.services.paging import Page
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown

_FLASH = "colead_registry_flash"
FORM_GENERATION = "colead_form_generation"
_log = logging.getLogger(__name__)
Result = TypeVar("Result")


def may_edit(context: PageContext) -> bool:
    """Staff of the programme's region (or an admin) may edit, unless the programme is archived."""
    return (
        context.programme is not None
        and not context.programme.archived
        and context.actor.may_edit_region(context.programme.region_id)
    )


def typed_params(params: dict[str, Any]) -> dict[str, Any]:
    """Message parameters as shown inside Markdown: text a person typed (a name, a title) is
    escaped, catalog `Label`s and numbers and dates are left for `t()` to render."""
    return {
        name: escape_markdown(value)
        if isinstance(value, str) and not isinstance(value, Label)
        else value
        for name, value in params.items()
    }


def show_errors(error: InputError | InvalidInput) -> None:
    """Every problem at once, in the person's language; the form keeps what was typed."""
    errors = error.errors if isinstance(error, InvalidInput) else [error]
    lines = "\n".join(f"- {t(e.key, **typed_params(e.params))}" for e in errors)
    st.error(f"{t('form.fix_errors')}\n\n{lines}")


@dataclass(frozen=True)
class Outcome(Generic[Result]):
    """What `attempt` did: `ok` when the write was committed, with the action's `value`
    (which may well be None). True exactly when it succeeded."""

    ok: bool
    value: Result | None = None

    def __bool__(self) -> bool:
        return self.ok


def attempt(
    action: Callable[[Session], Result], success: str = "", **params: Any
) -> Outcome[Result]:
    """Run a write in one transaction. On success remember `success` (a catalog key, its
    typed parameters escaped) to show after the rerun; on refusal say why in the person's
    language. Either way the outcome tells which: a service returning None succeeded too."""
    try:
        with session_scope(write=True) as session:
            result = action(session)
    except (InputError, InvalidInput) as error:
        show_errors(error)
        return Outcome(False)
    except ProgrammeArchived:
        st.error(t("programme.archived_read_only"))
        return Outcome(False)
    except AccessDenied:
        st.error(t("guard.no_permission"))
        return Outcome(False)
    except (DataError, IntegrityError):
        # A rule the services do not check yet: say so in words and keep the form's input.
        _log.exception("a registry write was refused by the database")
        st.error(t("form.error.database"))
        return Outcome(False)
    if success:
        remember_success(success, **params)
    return Outcome(True, result)


def remember_success(key: str, **params: Any) -> None:
    """Keep a success message (a catalog key, typed text escaped) for `flash` after the rerun;
    for a message whose values come from what the save returned."""
    st.session_state[_FLASH] = t(key, **typed_params(params))


def form_key(name: str) -> str:
    """A form's key (and its widgets' prefix) that `renew_forms` replaces.

    After a failed save a form keeps what was typed (no clear_on_submit); after a successful
    one, a new key draws it again empty.
    """
    return f"{name}_{st.session_state.get(FORM_GENERATION, 0)}"


def renew_forms() -> None:
    """Draw every `form_key` form empty from the next run on."""
    st.session_state[FORM_GENERATION] = st.session_state.get(FORM_GENERATION, 0) + 1


def flash() -> None:
    """Show the success message a write left before its rerun."""
    if _FLASH in st.session_state:
        st.success(st.session_state.pop(_FLASH), icon=":material/check_circle:")


def page_picker(key: str, page: Page[Any]) -> None:
    """ "12件中 1〜12件目" and, when the list is longer than a page, a page number input."""
    if page.total == 0:
        st.info(t("list.empty"))
        return
    first = (page.page - 1) * page.per_page + 1
    last = first + len(page.rows) - 1
    left, right = st.columns([3, 1])
    left.caption(t("list.count", total=page.total, first=first, last=last))
    if page.pages > 1:
        st.session_state[key] = page.page  # the service kept it within the (maybe shorter) list
        right.number_input(
            t("list.page", pages=page.pages),
            min_value=1,
            max_value=page.pages,
            step=1,
            key=key,
        )


def current_page(key: str) -> int:
    return int(st.session_state.get(key, 1) or 1)
