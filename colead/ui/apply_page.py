"""募集ページ (public): `/apply` lists the published programmes, `/apply?p=<slug>` shows one
programme's recruitment page and its application form.

Everything here runs inside `colead.ui.public.public_page` (no sign-in, never an error page).
The page is drawn one section after another (`programme_section`, `application_section`, then
the published events' sign-up of `public_events.render_signup`); the staff's preview draws
the very same sections. Typed text is shown escaped; nothing from the database but the
programme's public texts and published events reaches this page.
"""

from __future__ import annotations

import streamlit as st

from colead.db import session_scope
from colead.i18n import reiwa_year
from colead.services import public_apply
from colead.services.errors import InputError
from colead.services.public_apply import ApplicationForm, PublicCard, PublicView
from colead.ui.i18n import fmt_date, lang, t
from colead.ui.layout import escape_markdown
from colead.ui.nav import page_file
from colead.ui.public import client_address
from colead.ui.public_events import render_signup

_APPLY = page_file("pages/apply.py")
_DONE = "colead_apply_done"
_HONEYPOT = "colead_apply_hp"
# The honeypot is moved off the screen (not display:none, which some bots look for); people
# never see it, a form-filling bot fills it.
_CSS = f"""
<style>
.st-key-{_HONEYPOT}, [class*="st-key-{_HONEYPOT}"] {{
  position: absolute !important; left: -10000px !important; width: 1px !important;
  height: 1px !important; overflow: hidden !important;
}}
</style>
"""


def render() -> None:
    st.html(_CSS)
    slug = st.query_params.get("p")
    if not slug:
        with session_scope() as session:
            cards = public_apply.public_programmes(session)
        programme_list(cards)
        return
    # The list's link (st.page_link to this same page) runs it with `p` but leaves the browser's
    # address without it: written back, so the next run (the form sent) still has the programme.
    st.query_params["p"] = slug
    with session_scope() as session:
        view = public_apply.public_view(session, slug)
        programme_id = public_apply.published_programme_id(session, slug)
    if view is None or programme_id is None:
        st.title(t("page.apply"))
        st.info(t("apply.not_found"))
        st.page_link(_APPLY, label=t("apply.back_to_list"), icon=":material/list:")
        return
    programme_section(view)
    application_section(view)
    render_signup(programme_id)


def _text(text: str) -> str:
    """Typed text as typed, its line breaks kept."""
    return "  \n".join(escape_markdown(line) for line in text.splitlines())


def _year(fiscal_year: int) -> str:
    return t("apply.fiscal_year", year=fiscal_year, reiwa=reiwa_year(fiscal_year))


def _where(prefecture: str, region: str, fiscal_year: int) -> str:
    """北海道 釧路市・令和8年度（2026年度）; a prefecture running its own programme named once."""
    place = region if region == prefecture else f"{prefecture} {region}"
    return f"{escape_markdown(place)}・{_year(fiscal_year)}"


def programme_list(cards: list[PublicCard]) -> None:
    st.title(t("page.apply"))
    st.write(t("apply.list_intro"))
    if not cards:
        st.info(t("apply.none_published"))
        return
    for card in cards:
        with st.container(border=True):
            st.subheader(escape_markdown(card.name))
            st.caption(_where(card.prefecture, card.region, card.fiscal_year))
            if card.summary:
                st.write(escape_markdown(card.summary))
            st.page_link(
                _APPLY,
                label=t("apply.open", region=card.region),
                query_params={"p": card.slug},
                icon=":material/arrow_forward:",
            )


def programme_section(view: PublicView) -> None:
    """The programme's public texts: the same for the public page and the staff's preview."""
    st.title(escape_markdown(view.name))
    st.caption(_where(view.prefecture, view.region, view.fiscal_year))
    if view.image is not None:
        st.image(view.image, width="stretch")
    if view.intro:
        st.markdown(_text(view.intro))
    for section in view.sections:
        st.subheader(t(section.heading_key))
        st.markdown(_text(section.text))
    if view.schedule:
        st.subheader(t("apply.schedule"))
        st.markdown(
            "\n".join(
                f"- **{t(dates.label_key)}**：{'、'.join(fmt_date(d) for d in dates.days)}"
                for dates in view.schedule
            )
        )


def _key(prefix: str, view: PublicView, name: str) -> str:
    return f"{prefix}:{view.slug}:{name}"


def application_section(view: PublicView, *, preview: bool = False) -> None:
    """The application form; in the staff's preview it is drawn alike but cannot be sent."""
    st.header(t("apply.form"))
    if not preview and st.session_state.get(_DONE) == view.slug:
        st.success(t("apply.thanks"))
        return
    if view.purpose_version is None:
        st.info(t("apply.closed"))
        return
    if preview:
        st.html(_CSS)  # the public page draws it first thing
    prefix = "colead_preview" if preview else "colead_apply"

    def key(name: str) -> str:
        return _key(prefix, view, name)

    with st.form(key("form"), enter_to_submit=False):
        st.caption(t("apply.form_help"))
        name = st.text_input(t("apply.field.name") + " *", max_chars=100, key=key("name"))
        kana = st.text_input(t("apply.field.kana") + " *", max_chars=100, key=key("kana"))
        email = st.text_input(t("apply.field.email") + " *", max_chars=200, key=key("email"))
        affiliation = st.text_input(
            t("apply.field.affiliation"), max_chars=200, key=key("affiliation")
        )
        st.markdown(f"**{t('apply.field.skills')}**")
        skills = [
            skill
            for skill in view.skills
            if st.checkbox(t(f"enum.skill.{skill}"), key=key(f"skill_{skill}"))
        ]
        skills_text = st.text_area(
            t("apply.field.skills_text"), max_chars=1_000, key=key("skills_text")
        )
        interests = st.text_area(t("apply.field.interests"), max_chars=1_000, key=key("interests"))
        available = st.text_input(
            t("apply.field.available_time"), max_chars=200, key=key("available_time")
        )
        channel = st.selectbox(
            t("apply.field.channel") + " *",
            view.channels,
            index=None,
            placeholder=t("apply.choose"),
            format_func=lambda c: public_apply.channel_label(c, lang()),
            key=key("channel"),
        )
        st.markdown(f"**{t('apply.purpose', version=view.purpose_version)}**")
        with st.container(border=True):
            st.markdown(_text(view.purpose_text))
        consent = st.checkbox(t("apply.field.consent") + " *", value=False, key=key("consent"))
        honeypot = st.text_input(
            t("apply.honeypot"), key=_HONEYPOT if not preview else f"{prefix}_hp_preview"
        )
        if preview:
            st.caption(t("apply.preview_note"))
        sent = st.form_submit_button(t("apply.submit"), type="primary", disabled=preview)
    if not sent or preview:
        return
    form = ApplicationForm(
        name=name,
        kana=kana,
        email=email,
        affiliation=affiliation,
        skills=tuple(skills),
        skills_text=skills_text,
        interests=interests,
        available_time=available,
        channel=channel or "",
        consent=consent,
        purpose_version=view.purpose_version,
        honeypot=honeypot,
    )
    _send(view, form)


def _send(view: PublicView, form: ApplicationForm) -> None:
    address = client_address()
    with session_scope() as session:  # a flood is turned away without taking the write lock
        limited = public_apply.address_limited(session, address)
    if limited:
        _errors([InputError("apply.error.too_many")])
        return
    with session_scope(write=True) as session:
        outcome = public_apply.submit_application(session, view.slug, form, address, lang=lang())
    if not outcome.accepted:
        _errors(outcome.errors)
        return
    st.session_state[_DONE] = view.slug
    st.rerun()


def _errors(errors: list[InputError]) -> None:
    """Each problem in plain words; the form keeps everything typed."""
    lines = "\n".join(f"- {t(e.key, **e.params)}" for e in errors)
    st.error(f"{t('apply.fix')}\n\n{lines}")
