"""企業の応募 (public, B-2): a local SME applies to a published programme (`/join?p=<slug>`).

Runs inside colead.ui.public.public_page: no sign-in, never an error page. Without a (valid)
slug it lists the programmes open to applications. The form keeps what was typed when it is
refused; after sending, the applicant reads that it was received and that staff will reply.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import streamlit as st

from colead.db import session_scope
from colead.i18n import reiwa_year
from colead.services import company_apply
from colead.services.company_apply import CHECKS, NO, UNKNOWN, YES, CompanyApplicationInput
from colead.services.errors import InputError, InvalidInput
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown
from colead.ui.public import client_address
from colead.ui.registry import show_errors

_DONE = "colead_join_done"
_K = "colead_join_"
_HONEYPOT = f"{_K}website"
# The honeypot is drawn but hidden: people never fill it, simple bots do.
_HIDE_HONEYPOT = f"<style>.st-key-{_HONEYPOT}_box {{ display: none !important; }}</style>"
_OTHER = "\u0000other"  # the partner choice "not in the list": typed instead


def _slug() -> str:
    value = st.query_params.get("p", "")
    return value if isinstance(value, str) else ""


def _programme_title(programme: company_apply.PublicProgramme) -> str:
    place = (
        programme.region
        if programme.region == programme.prefecture
        else f"{programme.prefecture} {programme.region}"
    )
    return t("join.programme", place=place, year=reiwa_year(programme.fiscal_year))


def _choose() -> None:
    with session_scope() as session:
        programmes = company_apply.published_programmes(session)
    if not programmes:
        st.info(t("join.none_open"))
        return
    st.write(t("join.choose"))
    for programme in programmes:
        label = escape_markdown(f"{_programme_title(programme)} {programme.name}")
        st.markdown(f"- [{label}](join?p={quote(programme.slug, safe='')})")


def _choice(value: str) -> str:
    return {YES: t("join.answer.yes"), NO: t("join.answer.no")}.get(value, t("join.answer.unknown"))


def _form(partners: list[str]) -> CompanyApplicationInput | None:
    st.html(_HIDE_HONEYPOT)
    with st.form(f"{_K}form"):
        st.subheader(t("join.section.company"))
        left, right = st.columns(2)
        name = left.text_input(t("join.field.name") + " *", key=f"{_K}name")
        industry = right.text_input(t("join.field.industry"), key=f"{_K}industry")
        employees = left.number_input(
            t("join.field.employees"),
            min_value=0,
            max_value=company_apply.EMPLOYEES_MAX,
            step=1,
            value=None,
            placeholder="—",
            key=f"{_K}employees",
        )
        representative = right.text_input(t("join.field.representative"), key=f"{_K}representative")
        address = st.text_input(t("join.field.address"), key=f"{_K}address")

        st.subheader(t("join.section.contact"))
        left, right = st.columns(2)
        contact = left.text_input(t("join.field.contact_name") + " *", key=f"{_K}contact")
        email = right.text_input(t("join.field.contact_email") + " *", key=f"{_K}email")
        phone = left.text_input(t("join.field.contact_phone"), key=f"{_K}phone")

        st.subheader(t("join.section.referrer"))
        options = ["", *partners, _OTHER]
        partner = st.selectbox(
            t("join.field.partner"),
            options,
            format_func=lambda p: (
                t("join.no_partner") if p == "" else t("join.other_partner") if p == _OTHER else p
            ),
            key=f"{_K}partner",
        )
        partner_other = st.text_input(t("join.field.partner_other"), key=f"{_K}partner_other")

        st.subheader(t("join.section.checks"))
        st.caption(t("join.checks_help"))
        checks = {
            check: st.radio(
                t(f"join.check.{check}"),
                [YES, NO, UNKNOWN],
                index=2,
                format_func=_choice,
                horizontal=True,
                key=f"{_K}check_{check}",
            )
            for check in CHECKS
        }

        st.subheader(t("join.section.issues"))
        about = st.text_area(t("join.field.about"), key=f"{_K}about", height=90)
        issues = st.text_area(t("join.field.issues"), key=f"{_K}issues", height=90)
        hopes = st.text_area(t("join.field.hopes"), key=f"{_K}hopes", height=90)
        with st.container(key=f"{_HONEYPOT}_box"):
            website = st.text_input(t("join.field.website"), key=_HONEYPOT)
        st.caption(t("join.privacy"))
        if not st.form_submit_button(t("join.submit"), type="primary"):
            return None
    return CompanyApplicationInput(
        company_name=name,
        industry=industry,
        employees=employees,
        address=address,
        representative=representative,
        contact_name=contact,
        contact_email=email,
        contact_phone=phone,
        partner="" if partner == _OTHER else partner,
        partner_other=partner_other,
        checks={k: v for k, v in checks.items() if v in (YES, NO)},
        about=about,
        issues=issues,
        hopes=hopes,
        website=website,
    )


def render() -> None:
    st.title(t("page.join"))
    slug = _slug()
    with session_scope() as session:
        programme = company_apply.public_programme(session, slug) if slug else None
        partners = company_apply.partner_names(session, slug) if programme else []
    if programme is None:
        if slug:
            st.warning(t("join.not_open"))
        _choose()
        return
    st.subheader(escape_markdown(f"{_programme_title(programme)} {programme.name}"))
    if programme.intro:
        st.markdown(escape_markdown(programme.intro))
    if st.session_state.get(_DONE) == slug:
        st.success(t("join.done"), icon=":material/check_circle:")
        return
    st.write(t("join.intro"))
    data = _form(partners)
    if data is None:
        return
    try:
        with session_scope(write=True) as session:
            company_apply.submit_company_application(
                session, slug, data, client_address(), datetime.now(UTC)
            )
    except (InputError, InvalidInput) as error:
        show_errors(error)
        return
    st.session_state[_DONE] = slug
    st.rerun()
