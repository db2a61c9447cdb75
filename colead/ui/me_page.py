"""本人ページ (public, by a mailed link): a person's sign-ups, reports, consents, data.

The link's token (`?t=`) is the only key: it is resolved afresh on every run and again inside
every write, so a link that expires or is revoked stops working at once. Without a working
link the page offers to mail a new one, and answers the same whether or not the address is
known. `?e=<event>` (from a sign-up mailed from the public page) asks to confirm that sign-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import streamlit as st
from sqlmodel import Session

from colead.db import session_scope
from colead.i18n import to_jst
from colead.models import AttendanceStatus, Talent
from colead.models.base import utcnow
from colead.services import own_page
from colead.services.errors import InputError
from colead.services.own_page import MyRegistration, OwnPage
from colead.ui.exports import download_button
from colead.ui.i18n import fmt_date, fmt_datetime, t
from colead.ui.layout import escape_markdown
from colead.ui.public import client_address
from colead.ui.registry import attempt, flash, form_key, remember_success, renew_forms

TOKEN = "t"
EVENT = "e"
_CONFIRMED = "colead_me_confirmed"  # tokens whose opening confirmed an application


def _token() -> str | None:
    value = st.query_params.get(TOKEN)
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _plain(text: str) -> str:
    """Text people typed, shown as typed inside Markdown, line breaks kept."""
    return "  \n".join(escape_markdown(line) for line in text.splitlines())


def render() -> None:
    st.title(t("page.me"))
    token = _token()
    talent = None
    if token is not None:
        with session_scope() as session:
            talent = own_page.person(session, token)
    if talent is None:
        if token is not None:
            st.warning(t("me.link_invalid"), icon=":material/link_off:")
        _request_form()
        return
    if talent.awaiting_confirmation:
        with session_scope(write=True) as session:
            own_page.open_page(session, token)
        st.session_state[_CONFIRMED] = True
    # Notices go into one container that is always drawn, so the tabs below keep their place
    # (and the tab the person is on) when a notice comes or goes.
    with st.container():
        flash()
        if st.session_state.pop(_CONFIRMED, False):
            st.success(t("me.confirmed"), icon=":material/verified:")
    with session_scope() as session:
        current = own_page.person(session, token)
        if current is None:  # revoked between two reads
            _request_form()
            return
        view = own_page.page(session, current)
    st.caption(
        t("me.greeting", name=escape_markdown(view.name), programme=escape_markdown(view.programme))
    )
    with st.container():
        _pending_sign_up(token, view)
    tabs = st.tabs(
        [
            t("me.tab.events"),
            t("me.tab.reports"),
            t("me.tab.consents"),
            t("me.tab.data"),
            t("me.tab.leave"),
        ],
        key="colead_me_tabs",  # the tab the person is on stays open after an action's rerun
    )
    with tabs[0]:
        _events(token, view)
    with tabs[1]:
        _reports(token, view)
    with tabs[2]:
        _consents(token, view)
    with tabs[3]:
        _data(token)
    with tabs[4]:
        _leave(token, view)


def _as_person(token: str, action: Callable[[Session, Talent], Any]) -> Callable[[Session], Any]:
    """`action` on the person the link opens now, inside the write's own transaction."""

    def run(session: Session) -> Any:
        talent = own_page.person(session, token)
        if talent is None:
            raise InputError("me.link_invalid")
        return action(session, talent)

    return run


# --- no working link: ask for one ---------------------------------------------------------------


def _request_form() -> None:
    st.markdown(t("me.request_intro"))
    with st.form(form_key("colead_me_link")):
        email = st.text_input(t("me.field.email"), max_chars=200, autocomplete="email")
        sent = st.form_submit_button(t("me.request_send"), type="primary")
    if not sent:
        return
    try:
        with session_scope(write=True) as session:
            own_page.request_link(session, email, client_address())
    except InputError as error:
        st.error(t(error.key, **error.params))
        return
    st.success(t("me.request_sent"), icon=":material/mail:")  # the same for every address


# --- 参加予定 -----------------------------------------------------------------------------------


def _when(starts_at, ends_at) -> str:  # type: ignore[no-untyped-def]
    start = fmt_datetime(starts_at)
    if ends_at is None:
        return start
    end = fmt_datetime(ends_at)
    if to_jst(ends_at).date() == to_jst(starts_at).date():
        end = f"{to_jst(ends_at):%H:%M}"
    return f"{start} 〜 {end}"


def _where(place: str, tool: str) -> str:
    parts = [place] if place else []
    if tool:
        parts.append(t("signup.online", tool=tool))
    return "／".join(parts)


def _describe(title: str, starts_at, ends_at, place: str, tool: str, agenda: str) -> None:  # type: ignore[no-untyped-def]
    st.markdown(f"**{escape_markdown(title)}**")
    st.caption(
        escape_markdown(
            " ／ ".join(p for p in (_when(starts_at, ends_at), _where(place, tool)) if p)
        )
    )
    if agenda:
        with st.expander(t("signup.agenda")):
            st.markdown(_plain(agenda))


def _status(row: MyRegistration) -> str:
    if row.event_cancelled:
        return t("me.event_called_off")
    label = t(f"enum.attendance.{row.status}")
    if row.waitlist_position:
        label += t("me.waitlist_position", n=row.waitlist_position)
    return label


def _sign_up(token: str, event_id: int, title: str) -> None:
    outcome = attempt(_as_person(token, lambda s, p: own_page.sign_up(s, p, event_id)))
    if outcome:
        key = "me.signed_up" if outcome.value == AttendanceStatus.REGISTERED else "me.waitlisted"
        remember_success(key, title=title)
        st.query_params.pop(EVENT, None)
        st.rerun()


def _pending_sign_up(token: str, view: OwnPage) -> None:
    """A sign-up asked for on the public page, confirmed here with one button."""
    raw = st.query_params.get(EVENT)
    if not isinstance(raw, str) or not raw.isdigit() or len(raw) > 12:
        return
    event = next((e for e in view.open_events if e.id == int(raw)), None)
    if event is None:
        return
    with st.container(border=True):
        st.markdown(t("me.confirm_sign_up"))
        _describe(
            event.title,
            event.starts_at,
            event.ends_at,
            event.place,
            event.online_tool,
            event.agenda,
        )
        if not event.seats_left:
            st.caption(t("signup.full"))
        if st.button(t("me.sign_up"), type="primary", key=f"colead_me_confirm:{event.id}"):
            _sign_up(token, event.id, event.title)


def _cancel_button(token: str, row: MyRegistration) -> None:
    if st.button(t("me.cancel"), key=f"colead_me_cancel:{row.event_id}") and attempt(
        _as_person(token, lambda s, p: own_page.cancel(s, p, row.event_id)),
        "me.cancelled",
        title=row.title,
    ):
        st.rerun()


def _events(token: str, view: OwnPage) -> None:
    st.subheader(t("me.my_events"))
    if not view.registrations:
        st.info(t("me.no_events"))
    for row in view.registrations:
        with st.container(border=True):
            _describe(row.title, row.starts_at, row.ends_at, row.place, row.online_tool, row.agenda)
            st.markdown(f"{t('event.field.status')}: {_status(row)}")
            if row.may_cancel:
                _cancel_button(token, row)
    st.subheader(t("me.open_events"))
    if not view.open_events:
        st.info(t("me.no_open_events"))
    for event in view.open_events:
        with st.container(border=True):
            _describe(
                event.title,
                event.starts_at,
                event.ends_at,
                event.place,
                event.online_tool,
                event.agenda,
            )
            st.caption(t("signup.seats_left" if event.seats_left else "signup.full"))
            if st.button(t("me.sign_up"), key=f"colead_me_sign_up:{event.id}"):
                _sign_up(token, event.id, event.title)
    _calendar_link(token)


_CALENDAR_LINK = "colead_me_calendar_link"  # shown once, in this session: only its hash is kept


def _calendar_link(token: str) -> None:
    st.subheader(t("me.calendar"))
    st.caption(t("me.calendar_help"))
    link = st.session_state.get(_CALENDAR_LINK)
    if link:
        st.code(link, language=None)
        st.link_button(
            t("me.calendar_subscribe"),
            "webcal://" + link.split("://", 1)[-1],
            icon=":material/event_available:",
        )
        st.caption(t("me.calendar_keep"))
    left, right = st.columns(2)
    if left.button(
        t("me.calendar_new" if link else "me.calendar_make"), key="colead_me_calendar_new"
    ):
        made = attempt(_as_person(token, lambda s, p: own_page.new_calendar_link(s, p)))
        if made:
            st.session_state[_CALENDAR_LINK] = made.value
            st.rerun()
    if right.button(t("me.calendar_stop"), key="colead_me_calendar_stop") and attempt(
        _as_person(token, lambda s, p: own_page.stop_calendar_links(s, p)), "me.calendar_stopped"
    ):
        st.session_state.pop(_CALENDAR_LINK, None)
        st.rerun()


# --- 報告 ---------------------------------------------------------------------------------------


def _reports(token: str, view: OwnPage) -> None:
    if not view.projects:
        st.info(t("me.no_projects"))
    else:
        st.caption(t("me.report_help"))
        projects = {p.id: p for p in view.projects}
        chosen = st.selectbox(
            t("me.field.project"),
            list(projects),
            format_func=lambda i: f"{projects[i].company}　{projects[i].theme}",
            key="colead_me_project",
        )
        project = projects[chosen]
        milestones = {m.id: m for m in project.milestones}
        today = to_jst(utcnow()).date()
        with st.form(form_key(f"colead_me_report_{chosen}")):
            st.text_input(t("me.field.company"), value=project.company, disabled=True)
            met_on = st.date_input(
                t("me.field.met_on"),
                value=today,
                max_value=today,
                min_value=today - timedelta(days=3 * 365),
                format="YYYY/MM/DD",
            )
            milestone = st.selectbox(
                t("me.field.milestone"),
                [None, *milestones],
                format_func=lambda i: (
                    t("me.no_milestone")
                    if i is None
                    else f"{fmt_date(milestones[i].due_on)}　{milestones[i].title}"
                ),
            )
            discussed = st.text_area(
                t("me.field.discussed") + " *", max_chars=own_page.REPORT_PART_MAX
            )
            next_steps = st.text_area(t("me.field.next_steps"), max_chars=own_page.REPORT_PART_MAX)
            if st.form_submit_button(t("me.report_send"), type="primary") and attempt(
                _as_person(
                    token,
                    lambda s, p: own_page.submit_report(
                        s, p, chosen, met_on, discussed, next_steps, milestone
                    ),
                ),
                "me.report_sent",
            ):
                renew_forms()
                st.rerun()
    if view.reports:
        st.subheader(t("me.my_reports"))
    for report in view.reports:
        with st.container(border=True):
            heading = f"{fmt_date(report.met_on)}　{report.company}　{report.theme}"
            if report.milestone:
                heading += f"（{report.milestone}）"
            st.markdown(f"**{escape_markdown(heading)}**")
            st.markdown(_plain(report.summary))


# --- 同意 ---------------------------------------------------------------------------------------


def _consents(token: str, view: OwnPage) -> None:
    st.caption(t("me.consent_help"))
    if view.purpose:
        with st.container(border=True):
            st.markdown(f"**{t('me.purpose')}**")
            st.markdown(_plain(view.purpose))
    if not view.consents:
        st.info(t("me.no_consents"))
    for consent in view.consents:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(consent.scope)}**")
            state = (
                t("me.consent_withdrawn", on=fmt_date(consent.withdrawn_on))
                if consent.withdrawn_on
                else t("me.consent_active")
            )
            st.caption(f"{t('me.consent_granted', on=fmt_date(consent.granted_on))} ／ {state}")
            if consent.purpose:
                with st.expander(t("me.purpose_read", version=consent.purpose_version or "")):
                    st.markdown(_plain(consent.purpose))
            if (
                consent.withdrawn_on is None
                and st.button(t("me.withdraw"), key=f"colead_me_withdraw:{consent.id}")
                and attempt(
                    _as_person(
                        token, lambda s, p, c=consent.id: own_page.withdraw_consent(s, p, c)
                    ),
                    "me.withdrawn",
                )
            ):
                st.rerun()
    if not view.grantable:
        return
    with st.form(form_key("colead_me_grant")):
        st.markdown(f"**{t('me.grant')}**")
        scope = st.selectbox(t("me.field.scope"), list(view.grantable))
        agreed = st.checkbox(t("me.grant_agree"))
        if st.form_submit_button(t("me.grant_send")):
            if not agreed:
                st.error(t("me.error.agree"))
            elif attempt(
                _as_person(token, lambda s, p: own_page.grant_consent(s, p, scope)), "me.granted"
            ):
                renew_forms()
                st.rerun()


# --- データ -------------------------------------------------------------------------------------


def _data(token: str) -> None:
    st.markdown(t("me.data_help"))

    def make() -> bytes:
        with session_scope(write=True) as session:  # the disclosure is audit-logged
            talent = own_page.person(session, token)
            if talent is None:
                raise InputError("me.link_invalid")
            return own_page.data_export(session, talent)

    download_button(
        t("me.data_download"),
        make,
        key="colead_me_data",
        file_name="my_data.json",
        mime="application/json",
    )


# --- 配信停止・削除 ------------------------------------------------------------------------------


def _leave(token: str, view: OwnPage) -> None:
    st.subheader(t("me.mail_heading"))
    if view.unsubscribed:
        st.info(t("me.unsubscribed_state"))
        if st.button(t("me.resubscribe"), key="colead_me_resubscribe") and attempt(
            _as_person(token, own_page.resubscribe), "me.resubscribed"
        ):
            st.rerun()
    else:
        st.caption(t("me.unsubscribe_help"))
        if st.button(t("me.unsubscribe"), key="colead_me_unsubscribe") and attempt(
            _as_person(token, lambda s, p: own_page.unsubscribe(s, p)), "me.unsubscribed"
        ):
            st.rerun()
    st.subheader(t("me.erase_heading"))
    if view.erasure_requested:
        st.info(t("me.erase_requested_state"))
        return
    st.caption(t("me.erase_help"))
    sure = st.checkbox(t("me.erase_confirm"), key="colead_me_erase_ok")
    if st.button(t("me.erase"), key="colead_me_erase"):
        if not sure:
            st.error(t("me.error.erase_confirm"))
        elif attempt(
            _as_person(token, lambda s, p: own_page.request_erasure(s, p)), "me.erase_requested"
        ):
            st.rerun()
