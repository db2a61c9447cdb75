"""The public list of a programme's published events, with a sign-up by e-mail address (#12).

Called by the recruitment page (colead/ui/apply_page.py) for the programme it shows. Shows
public texts only (title, date and time, place or tool, agenda, whether seats are left). A
sign-up mails the address a link to the person's own page, where they confirm it; the answer
on screen is the same whether or not the address is known. A hidden field catches bots
(answered like a person, nothing stored); sign-ups are limited per client and per address.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from colead.db import session_scope
from colead.i18n import to_jst
from colead.services import event_signup
from colead.services.errors import InputError
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import escape_markdown
from colead.ui.public import client_address
from colead.ui.registry import form_key

HONEYPOT = "colead_signup_website"
# The honeypot is drawn but hidden from people (bots fill every field they find).
_HIDE = f"<style>.st-key-{HONEYPOT} {{ display: none !important; }}</style>"


def _plain(text: str) -> str:
    return "  \n".join(escape_markdown(line) for line in text.splitlines())


def _when(starts_at: datetime, ends_at: datetime | None) -> str:
    """2026年12月8日 19:00 〜 21:00: the end's day is named only when it is another day (as the
    own page writes it)."""
    if ends_at is None:
        return fmt_datetime(starts_at)
    same_day = to_jst(ends_at).date() == to_jst(starts_at).date()
    end = f"{to_jst(ends_at):%H:%M}" if same_day else fmt_datetime(ends_at)
    return f"{fmt_datetime(starts_at)} 〜 {end}"


def _where(place: str, tool: str) -> str:
    parts = [place] if place else []
    if tool:
        parts.append(t("signup.online", tool=tool))
    return "／".join(parts)


def render_signup(programme_id: int) -> None:
    """The programme's open events and a sign-up form; nothing when none is published."""
    with session_scope() as session:
        events = event_signup.public_events(session, programme_id)
        purpose = event_signup.purpose_text(session, programme_id)
    if not events:
        return
    st.subheader(t("signup.heading"))
    for event in events:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(event.title)}**")
            when = _when(event.starts_at, event.ends_at)
            where = _where(event.place, event.online_tool)
            st.caption(escape_markdown(" ／ ".join(p for p in (when, where) if p)))
            if event.agenda:
                with st.expander(t("signup.agenda")):
                    st.markdown(_plain(event.agenda))
            st.caption(t("signup.seats_left" if event.seats_left else "signup.full"))
    st.html(_HIDE)
    choices = {e.id: e for e in events}
    with st.form(form_key("colead_signup")):
        st.markdown(f"**{t('signup.form')}**")
        st.caption(t("signup.form_help"))
        chosen = st.selectbox(
            t("signup.field.event"),
            list(choices),
            format_func=lambda i: f"{fmt_datetime(choices[i].starts_at)}　{choices[i].title}",
        )
        name = st.text_input(t("signup.field.name"), max_chars=event_signup.NAME_MAX)
        email = st.text_input(
            t("signup.field.email"), max_chars=event_signup.EMAIL_MAX, autocomplete="email"
        )
        website = st.text_input("website", key=HONEYPOT, label_visibility="collapsed")
        if purpose is not None:
            with st.expander(t("signup.purpose")):
                st.markdown(_plain(purpose.text))
        agreed = st.checkbox(t("signup.agree"))
        sent = st.form_submit_button(t("signup.send"), type="primary")
    if not sent:
        return
    if website:  # a bot: answered like a person, nothing stored or mailed
        st.success(t("signup.sent"), icon=":material/mail:")
        return
    if not agreed:
        st.error(t("signup.error.agree"))
        return
    try:
        with session_scope(write=True) as session:
            event_signup.sign_up_by_email(session, chosen, email, name, client_address())
    except InputError as error:
        st.error(t(error.key, **error.params))
        return
    st.success(t("signup.sent"), icon=":material/mail:")
