"""What a page works on: the signed-in actor and the programme picked for the session."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from colead.i18n import reiwa_year
from colead.models import Role
from colead.services.access import Actor
from colead.services.programmes import ProgrammeChoice, list_programmes
from colead.ui.cached import cached_read
from colead.ui.i18n import lang, t

PROGRAMME_KEY = "colead_programme_id"
_PICKER_KEY = "colead_programme_picker"


@dataclass(frozen=True)
class PageContext:
    actor: Actor
    programme: ProgrammeChoice | None  # None when the actor's regions have no programme yet
    choices: tuple[ProgrammeChoice, ...] = ()  # every programme the actor may see, read once a run


def programme_label(choice: ProgrammeChoice) -> str:
    """北海道 釧路市（令和8年度）; a prefecture running its own programme is named once."""
    if lang() == "ja":
        place = (
            choice.region_name
            if choice.region_name == choice.prefecture
            else f"{choice.prefecture} {choice.region_name}"
        )
        return f"{place}（令和{reiwa_year(choice.fiscal_year)}年度）"
    if choice.region_name == choice.prefecture:
        return f"{choice.region_name} (FY{choice.fiscal_year})"
    return f"{choice.region_name}, {choice.prefecture} (FY{choice.fiscal_year})"


def _choices(actor: Actor) -> list[ProgrammeChoice]:
    """Read on every run of every page: cached until a programme or region is written."""
    return cached_read(list_programmes, actor)


def resolve_context(actor: Actor) -> PageContext:
    """The session's programme if the actor may still see it, else their first one."""
    choices = tuple(_choices(actor))
    by_id = {c.id: c for c in choices}
    chosen = by_id.get(st.session_state.get(PROGRAMME_KEY))
    if chosen is None and choices:
        chosen = choices[0]
    st.session_state[PROGRAMME_KEY] = chosen.id if chosen else None
    return PageContext(actor=actor, programme=chosen, choices=choices)


def programme_picker(context: PageContext, container=st.sidebar) -> PageContext:  # type: ignore[no-untyped-def]
    """Region/programme picker; only programmes of the actor's regions are offered."""
    choices = context.choices
    if not choices:
        admin = context.actor.has_role(Role.ADMIN)
        container.warning(t("context.no_programme_admin" if admin else "context.no_programme"))
        return context
    ids = [c.id for c in choices]
    by_id = {c.id: c for c in choices}
    current = context.programme.id if context.programme else ids[0]
    st.session_state[_PICKER_KEY] = current

    def _store() -> None:
        st.session_state[PROGRAMME_KEY] = st.session_state[_PICKER_KEY]

    picked = container.selectbox(
        t("context.programme"),
        options=ids,
        format_func=lambda pid: programme_label(by_id[pid]),
        key=_PICKER_KEY,
        on_change=_store,
    )
    st.session_state[PROGRAMME_KEY] = picked
    return PageContext(actor=context.actor, programme=by_id[picked], choices=choices)
