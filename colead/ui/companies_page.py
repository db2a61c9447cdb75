"""企業台帳: the programme's SMEs with B-1 readiness, B-3 needs and the referring institution;
register, edit, import, export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.models import Company, PartnerInstitution
from colead.services import companies as company_service
from colead.services.companies import CompanyInput, CompanyRow
from colead.ui import record_link, table_import
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.nav import worksheet_page
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
)

_PAGE = "colead_company_page"
_OPEN = "colead_company_open"

TAB = "colead_company_tab"
NEW = "colead_company_new"


def _readiness(row: CompanyRow) -> str:
    if row.ready:
        return "✓ " + t("company.ready")
    return t("company.not_ready", missing="、".join(row.missing))


def _table(rows: list[CompanyRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                t("company.field.name"): r.name,
                t("company.field.industry"): r.industry,
                t("company.field.employees"): r.employees,
                t("company.field.partner"): r.partner,
                t("company.field.ready"): _readiness(r),
                t("company.field.needs"): "、".join(t(f"enum.skill.{s}") for s in r.needs),
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    st.caption(t("company.needs_help"))


def _form(
    key: str, current: CompanyInput | None, partners: list[PartnerInstitution], submit: str
) -> CompanyInput | None:
    current = current or CompanyInput(name="")
    names = {p.id: p.name for p in partners}
    with st.form(key):
        left, right = st.columns(2)
        name = left.text_input(t("company.field.name") + " *", value=current.name)
        industry = right.text_input(t("company.field.industry"), value=current.industry)
        employees = left.number_input(
            t("company.field.employees"),
            min_value=0,
            step=1,
            value=current.employees,
            placeholder="—",
        )
        representative = right.text_input(
            t("company.field.representative"), value=current.representative
        )
        address = left.text_input(t("company.field.address"), value=current.address)
        options = [None, *names]
        partner = right.selectbox(
            t("company.field.partner"),
            options,
            index=options.index(current.partner_id) if current.partner_id in names else 0,
            format_func=lambda p: names[p] if p is not None else t("company.no_partner"),
        )
        note = st.text_area(t("company.field.note"), value=current.note, height=80)
        if not st.form_submit_button(submit, type="primary"):
            return None
    return CompanyInput(
        name=name,
        industry=industry,
        employees=None if employees is None else int(employees),
        address=address,
        representative=representative,
        partner_id=partner,
        note=note,
    )


def _detail(context: PageContext, company_id: int, partners: list[PartnerInstitution]) -> None:
    with session_scope() as session:
        company: Company = company_service.company_for(session, context.actor, company_id)
        current = CompanyInput(
            name=company.name,
            industry=company.industry,
            employees=company.employees,
            address=company.address,
            representative=company.representative,
            partner_id=company.partner_id,
            note=company.note,
        )
    left, right = st.columns(2)
    left.page_link(
        worksheet_page("B-1").file, label=t("company.open_b1"), icon=":material/checklist:"
    )
    right.page_link(
        worksheet_page("B-3").file, label=t("company.open_b3"), icon=":material/lightbulb:"
    )
    if not may_edit(context):
        return
    st.markdown(f"#### {t('company.edit')}：{escape_markdown(current.name)}")
    data = _form(f"colead_company_edit_{company_id}", current, partners, t("form.save"))
    if data is not None and (
        attempt(
            lambda s: company_service.update_company(s, context.actor, company_id, data),
            "form.saved",
        )
    ):
        st.rerun()


def _finder(context: PageContext) -> record_link.Finder:
    """A company by id, if the signed-in person may see it (for a link to it)."""

    def find(company_id: int) -> record_link.Found:
        with session_scope() as session:
            company = company_service.company_for(session, context.actor, company_id)
            return record_link.Found(company.name, company.programme_id)

    return find


def _list_tab(context: PageContext, partners: list[PartnerInstitution]) -> None:
    query = st.text_input(
        t("list.search"), key="colead_company_query", help=t("company.search_help")
    )
    with session_scope() as session:
        page = company_service.list_companies(
            session, context.actor, context.programme.id, query, current_page(_PAGE)
        )
    page_picker(_PAGE, page)
    if not page.rows:
        return
    _table(page.rows)
    table_import.export_buttons(context, "company", query)
    names = {r.id: r.name for r in page.rows}
    opened = record_link.record_picker(
        context,
        _OPEN,
        names,
        _finder(context),
        label=t("company.open"),
        placeholder=t("company.open_placeholder"),
    )
    if opened is not None:
        _detail(context, opened, partners)


def _new_tab(context: PageContext, partners: list[PartnerInstitution]) -> None:
    if not may_edit(context):
        st.info(t("form.read_only"))
        return
    # Empty again after a registration; a refused one keeps what was typed.
    data = _form(form_key(NEW), None, partners, t("company.tab.new"))
    if data is not None and (
        attempt(
            lambda s: company_service.create_company(s, context.actor, context.programme.id, data),
            "company.created",
            name=data.name.strip(),
        )
    ):
        renew_forms()
        st.rerun()


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.companies"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.companies"), programme_label(context.programme))
    record_link.arrive(context, _OPEN, _finder(context))
    flash()
    with session_scope() as session:
        partners = company_service.partner_choices(session, context.actor, context.programme.id)
    # Only the open tab is drawn: each is a screen of its own (the list, a form, an import).
    listing, new, upload = st.tabs(
        [t("company.tab.list"), t("company.tab.new"), t("company.tab.import")],
        key=TAB,
        on_change="rerun",
    )
    if listing.open:
        with listing:
            _list_tab(context, partners)
    if new.open:
        with new:
            _new_tab(context, partners)
    if upload.open:
        with upload:
            table_import.import_section(context, "company")
