"""連携機関 (B-2): the region's partner institutions, which companies each referred and what
became of them (ready by B-1, a project started); register and edit institutions.

`outcomes_panel` draws the same outcome table under worksheet B-2.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.models import PartnerInstitution, PartnerKind
from colead.services import partners as partner_service
from colead.services.answers import StoredAnswer
from colead.services.partners import PartnerInput, PartnerOutcome
from colead.ui import record_link
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import escape_frame, escape_markdown, page_header
from colead.ui.nav import page_file, worksheet_page
from colead.ui.registry import attempt, flash, form_key, renew_forms
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Worksheet

PAGE_PATH = "pages/partners.py"
NEW = "colead_partner_new"
EDIT = "colead_partner_edit"
_PICK = "colead_partner_pick"


def _kind(value: str) -> str:
    return t(f"enum.partner.{value}") if value else ""


def _counts(outcome: PartnerOutcome) -> dict[str, int]:
    return {
        t("partner.column.referred"): outcome.referred,
        t("partner.column.ready"): outcome.ready,
        t("partner.column.started"): outcome.started,
    }


def _name(outcome: PartnerOutcome) -> str:
    return outcome.name if outcome.partner_id is not None else t("partner.unreferred")


def outcome_frame(
    outcomes: list[PartnerOutcome], partners: dict[int, PartnerInstitution] | None = None
) -> pd.DataFrame:
    """One row per institution (most referrals first) and the unreferred row; with `partners`,
    their contact details as well."""
    rows = []
    for outcome in outcomes:
        row: dict[str, object] = {
            t("partner.field.name"): _name(outcome),
            t("partner.field.kind"): _kind(outcome.kind),
        }
        if partners is not None:
            partner = partners.get(outcome.partner_id) if outcome.partner_id else None
            row[t("partner.field.contact")] = partner.contact if partner else ""
            row[t("partner.field.email")] = partner.email if partner else ""
            row[t("partner.field.note")] = partner.note if partner else ""
        rows.append(row | _counts(outcome))
    return pd.DataFrame(rows)


def _form(key: str, current: PartnerInput | None, submit: str) -> PartnerInput | None:
    current = current or PartnerInput(name="", kind=PartnerKind.CHAMBER)
    kinds = list(PartnerKind)
    with st.form(key):
        left, right = st.columns(2)
        name = left.text_input(t("partner.field.name") + " *", value=current.name)
        kind = right.selectbox(
            t("partner.field.kind") + " *",
            kinds,
            index=kinds.index(current.kind) if current.kind in kinds else 0,
            format_func=_kind,
        )
        contact = left.text_input(t("partner.field.contact"), value=current.contact)
        email = right.text_input(t("partner.field.email"), value=current.email)
        note = st.text_area(t("partner.field.note"), value=current.note, height=80)
        if not st.form_submit_button(submit, type="primary"):
            return None
    return PartnerInput(name=name, kind=kind, contact=contact, email=email, note=note)


def _fields(data: PartnerInput) -> dict[str, str]:
    return {
        "name": data.name,
        "kind": data.kind,
        "contact": data.contact,
        "email": data.email,
        "note": data.note,
    }


def _new(context: PageContext) -> None:
    st.subheader(t("partner.new"))
    data = _form(form_key(NEW), None, t("partner.create"))
    if data is not None and (
        attempt(
            lambda s: partner_service.create_partner(
                s, context.actor, context.programme.region_id, **_fields(data)
            ),
            "partner.created",
            name=" ".join(data.name.split()),  # escaped by attempt
        )
    ):
        renew_forms()
        st.rerun()


def _finder(context: PageContext) -> record_link.Finder:
    """An institution by id, if the signed-in person may see its region (for a link to it)."""

    def find(partner_id: int) -> record_link.Found:
        with session_scope() as session:
            partner = partner_service.partner_for(session, context.actor, partner_id)
            return record_link.Found(partner.name, region_id=partner.region_id)

    return find


def _edit(context: PageContext, partners: list[PartnerInstitution]) -> None:
    if not partners:
        return
    st.subheader(t("partner.edit"))
    names = {p.id: p.name for p in partners}
    chosen = record_link.record_picker(
        context,
        _PICK,
        names,
        _finder(context),
        label=t("partner.edit_pick"),
        placeholder=t("partner.edit_placeholder"),
    )
    if chosen is None:
        return
    partner = next(p for p in partners if p.id == chosen)
    current = PartnerInput(
        name=partner.name,
        kind=partner.kind,
        contact=partner.contact,
        email=partner.email,
        note=partner.note,
    )
    data = _form(form_key(f"{EDIT}_{chosen}"), current, t("form.save"))
    if data is not None and (
        attempt(
            lambda s: partner_service.update_partner(s, context.actor, chosen, **_fields(data)),
            "form.saved",
        )
    ):
        renew_forms()  # drawn again from what was stored
        st.rerun()


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.partners"))
        st.warning(t("context.no_programme"))
        return
    programme = context.programme
    page_header(t("page.partners"), programme_label(programme))
    record_link.arrive(context, _PICK, _finder(context))
    st.caption(t("partner.intro"))
    st.page_link(
        worksheet_page("B-2").file,
        label=f"B-2 {WORKSHEETS['B-2'].title}",
        icon=":material/edit_note:",
    )
    flash()
    with session_scope() as session:
        partners = partner_service.list_partners(session, context.actor, programme.region_id)
        outcomes = partner_service.partner_outcomes(session, context.actor, programme.id)
    st.subheader(t("partner.list"))
    if not partners:
        st.info(t("partner.empty"))
    st.dataframe(
        outcome_frame(outcomes, {p.id: p for p in partners}), hide_index=True, width="stretch"
    )
    st.caption(t("partner.outcome_help", programme=escape_markdown(programme_label(programme))))
    # The registry belongs to the region, not to the picked programme: its staff edit it even
    # while an archived year is picked (the service refuses an archived region).
    if not context.actor.may_edit_region(programme.region_id):
        st.info(t("partner.read_only"), icon=":material/visibility:")
        return
    _new(context)
    _edit(context, partners)


def outcomes_panel(context: PageContext, sheet: Worksheet, stored: dict[str, StoredAnswer]) -> None:
    """Under worksheet B-2: which institution's companies became ready and started projects."""
    with session_scope() as session:
        outcomes = partner_service.partner_outcomes(session, context.actor, context.programme.id)
    with st.container(border=True):
        st.subheader(t("partner.panel"))
        st.caption(t("partner.panel_help"))
        st.table(
            escape_frame(outcome_frame(outcomes)), hide_index=True
        )  # a few rows, legible on a wall
        st.page_link(
            page_file(PAGE_PATH), label=t("page.partners"), icon=":material/account_balance:"
        )
