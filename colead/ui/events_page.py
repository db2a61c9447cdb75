"""イベント・出欠: meetups, tours, pre-meetings and report meetings; registration and
check-in of many people at once."""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import JST, to_jst, today_in_japan
from colead.models import AttendanceStatus, Event, EventKind
from colead.models.base import utcnow
from colead.services import events as event_service
from colead.services.calendar_ics import calendar_filename, programme_calendar
from colead.services.deliveries import recipient_choices
from colead.services.events import EventInput, EventRow, Registrant
from colead.services.records import record_choices
from colead.services.table_export import to_csv_bytes
from colead.ui import breakout_panel, event_confirm, event_publish, record_link
from colead.ui.cached import cached_read
from colead.ui.context import PageContext, programme_label
from colead.ui.exports import CSV, ICS, download_button
from colead.ui.i18n import lang, t
from colead.ui.layout import page_header
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    remember_success,
    renew_forms,
)
from colead.worksheets.schema import Record

_OPEN = "colead_event_open"
NEW = "colead_event_new_open"
_PAGE = "colead_event_page"
_PENDING = "colead_event_pending"  # a new event that repeats one: kept while the person is asked
_TOLD = "colead_event_told"  # {event id: the registrants to tell of its cancellation}
_ANY = ""
_when = event_confirm.when


def _cancelled(row: Event | EventRow) -> bool:
    return row.cancelled if isinstance(row, EventRow) else row.cancelled_at is not None


def _label(row: Event | EventRow, language: str) -> str:
    mark = f"【{t('event.state.cancelled')}】" if _cancelled(row) else ""
    return f"{_when(row, language)}　{mark}{row.title}"


def _state(row: EventRow) -> str:
    if row.cancelled:
        return t("event.state.cancelled")
    over = row.ends_at or row.starts_at
    return t("event.state.held" if over <= utcnow() else "event.state.scheduled")


def _finder(context: PageContext) -> record_link.Finder:
    """An event by id, if the signed-in person may see it (for a link to it)."""

    def find(event_id: int) -> record_link.Found:
        with session_scope() as session:
            event = event_service.event_for(session, context.actor, event_id)
            return record_link.Found(_label(event, lang()), event.programme_id)

    return find


def _table(rows: list[EventRow], language: str) -> None:
    kinds = {k: t(f"enum.event.{k}") for k in EventKind}
    statuses = {
        s: t(f"enum.attendance.{s}") for s in AttendanceStatus if s != AttendanceStatus.REGISTERED
    }
    frame = pd.DataFrame(
        [
            {
                t("event.field.kind"): kinds.get(r.kind, r.kind),
                t("event.field.title"): r.title,
                t("event.field.state"): _state(r),
                t("event.field.when"): _when(r, language),
                t("event.field.where"): r.place or r.online_tool,
                t("event.field.signed_up"): r.signed_up,
                **{label: r.counts.get(s, 0) for s, label in statuses.items()},
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _form(context: PageContext, key: str, current: EventInput | None, submit: str):  # type: ignore[no-untyped-def]
    with session_scope() as session:
        companies = record_choices(session, context.actor, context.programme.id, Record.COMPANY)
    company_names = {c.id: c.label for c in companies}
    start = to_jst(current.starts_at) if current else None
    end = to_jst(current.ends_at) if current and current.ends_at else None
    with st.form(key):
        left, right = st.columns(2)
        kinds = list(EventKind)
        kind = left.selectbox(
            t("event.field.kind"),
            kinds,
            index=kinds.index(current.kind) if current else 0,
            format_func=lambda k: t(f"enum.event.{k}"),
        )
        title = right.text_input(
            t("event.field.title") + " *", value=current.title if current else ""
        )
        day = left.date_input(
            t("event.field.day"),
            value=start.date() if start else today_in_japan(),
            format="YYYY/MM/DD",
        )
        times = right.columns(3)
        starts = times[0].time_input(
            t("event.field.starts"), value=start.time() if start else time(19)
        )
        end_day = times[1].date_input(
            t("event.field.end_day"),
            value=end.date() if end and start and end.date() != start.date() else None,
            format="YYYY/MM/DD",
            help=t("event.end_day_help"),
        )
        ends = times[2].time_input(t("event.field.ends"), value=end.time() if end else None)
        place = left.text_input(
            t("event.field.place"),
            value=current.place if current else "",
            help=t("event.place_help"),
        )
        tool = right.text_input(
            t("event.field.online_tool"),
            value=current.online_tool if current else "",
            help=t("event.tool_help"),
        )
        options = [None, *company_names]
        company = left.selectbox(
            t("event.field.company"),
            options,
            index=options.index(current.company_id)
            if current and current.company_id in company_names
            else 0,
            format_func=lambda c: company_names[c] if c is not None else t("company.no_partner"),
            help=t("event.company_help"),
        )
        note = st.text_area(t("event.field.note"), value=current.note if current else "", height=68)
        if not st.form_submit_button(submit, type="primary"):
            return None
    last_day = end_day or day
    if ends is None and last_day != day:  # over several days: the last day's end time too
        st.error(t("event.error.end_time_needed"))
        return None
    return EventInput(
        kind=EventKind(kind),
        title=title,
        starts_at=datetime.combine(day, starts, tzinfo=JST),
        ends_at=datetime.combine(last_day, ends, tzinfo=JST) if ends else None,
        place=place,
        online_tool=tool,
        company_id=company,
        project_id=current.project_id if current else None,
        note=note,
    )


def _attendance(context: PageContext, event_id: int, cancelled: bool) -> None:
    with session_scope() as session:
        rows = event_service.attendance(session, context.actor, event_id)
        everyone = recipient_choices(session, context.actor, context.programme.id)
    st.markdown(f"#### {t('event.attendance')}")
    if cancelled:
        st.warning(t("event.cancelled_notice"), icon=":material/event_busy:")
    if rows:
        frame = pd.DataFrame(
            [
                {
                    t("talent.field.name"): r.name,
                    t("talent.field.affiliation"): r.affiliation,
                    t("event.field.status"): t(f"enum.attendance.{r.status}"),
                }
                for r in rows
            ]
        )
        st.dataframe(frame, hide_index=True, width="stretch")
    else:
        st.info(t("event.no_registrations"))
    if cancelled or not may_edit(context):
        return
    registered = {r.talent_id: r.name for r in rows}
    if registered:
        # Drawn afresh after a write (form_key); a refused one keeps what was chosen.
        with st.form(form_key(f"colead_checkin_{event_id}")):
            st.markdown(f"**{t('event.checkin')}**")
            st.caption(t("event.checkin_help"))
            pending = [r.talent_id for r in rows if r.status == AttendanceStatus.REGISTERED]
            chosen = st.multiselect(
                t("event.checkin_people"),
                list(registered),
                default=pending,
                format_func=registered.get,
                placeholder=t("event.pick_people"),
            )
            # the waiting list moves by itself (public sign-up): not a status to set by hand
            statuses = [s for s in AttendanceStatus if s != AttendanceStatus.WAITLISTED]
            status = st.radio(
                t("event.field.status"),
                statuses,
                index=statuses.index(AttendanceStatus.ATTENDED),
                format_func=lambda s: t(f"enum.attendance.{s}"),
                horizontal=True,
            )
            if st.form_submit_button(t("event.apply_status"), type="primary"):
                if not chosen:
                    st.error(t("event.error.nobody"))
                elif attempt(
                    lambda s: event_service.set_attendance(
                        s, context.actor, event_id, {p: status for p in chosen}
                    ),
                    "event.status_set",
                    n=len(chosen),
                    status=t(f"enum.attendance.{status}"),
                ):
                    renew_forms()
                    st.rerun()
    others = {tid: name for tid, name in everyone if tid not in registered}
    with st.form(form_key(f"colead_register_{event_id}")):
        st.markdown(f"**{t('event.register')}**")
        chosen = st.multiselect(
            t("event.register_people"),
            list(others),
            format_func=others.get,
            placeholder=t("event.pick_people"),
        )
        if st.form_submit_button(t("event.register")):
            if not chosen:
                st.error(t("event.error.nobody"))
            elif attempt(
                lambda s: event_service.register(s, context.actor, event_id, chosen),
                "event.registered",
                n=len(chosen),
            ):
                renew_forms()
                st.rerun()


def _inform(event_id: int, people: list[Registrant]) -> None:
    """Whom to tell of the cancellation, with e-mail addresses to copy or save as CSV (the app
    sends no mail yet)."""
    st.markdown(f"**{t('event.inform', n=len(people))}**")
    if not people:
        st.info(t("event.inform_none"))
        return
    st.caption(t("event.inform_help"))
    frame = pd.DataFrame(
        [
            {
                t("talent.field.name"): p.name,
                t("talent.field.email"): p.email,
                t("event.field.status"): t(f"enum.attendance.{p.status}"),
            }
            for p in people
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    # st.code has a copy button: the addresses, ready for a mail's recipients
    st.code(
        "\n".join(f"{p.name} <{p.email}>" if p.email else p.name for p in people), language=None
    )
    download_button(
        t("event.inform_csv"),
        lambda: to_csv_bytes(frame),
        file_name=f"event_{event_id}_registrants.csv",
        mime=CSV,
        key=f"colead_event_inform_csv:{event_id}",
    )


def _manage(context: PageContext, event_id: int, title: str, cancelled: bool) -> None:
    """Cancel (the registrants to tell are listed) or undo it; delete an event nobody joined."""
    told: dict[int, list[Registrant]] = st.session_state.setdefault(_TOLD, {})
    with st.expander(t("event.manage"), icon=":material/event_busy:", expanded=event_id in told):
        if cancelled:
            if event_id not in told and st.button(
                t("event.inform_show"), key=f"colead_event_inform:{event_id}"
            ):
                with session_scope(write=True) as session:  # a view of personal data: logged
                    told[event_id] = event_service.registrants(session, context.actor, event_id)
            if event_id in told:
                _inform(event_id, told[event_id])
            if st.button(t("event.restore"), key=f"colead_event_restore:{event_id}") and attempt(
                lambda s: event_service.restore_event(s, context.actor, event_id),
                "event.restored",
                title=title,
            ):
                told.pop(event_id, None)
                st.rerun()
        else:
            st.caption(t("event.cancel_help"))
            sure = st.checkbox(t("event.cancel_confirm"), key=f"colead_event_cancel_ok:{event_id}")
            if st.button(t("event.cancel"), key=f"colead_event_cancel:{event_id}"):
                if not sure:
                    st.error(t("event.cancel_confirm_needed"))
                else:
                    outcome = attempt(
                        lambda s: event_service.cancel_event(s, context.actor, event_id),
                        "event.cancelled",
                        title=title,
                    )
                    if outcome:
                        told[event_id] = outcome.value
                        st.rerun()
        st.divider()
        st.caption(t("event.delete_help"))
        sure = st.checkbox(t("event.delete_confirm"), key=f"colead_event_delete_ok:{event_id}")
        if st.button(t("event.delete"), key=f"colead_event_delete:{event_id}", type="tertiary"):
            if not sure:
                st.error(t("event.delete_confirm_needed"))
            else:
                outcome = attempt(lambda s: event_service.delete_event(s, context.actor, event_id))
                if outcome:
                    remember_success("event.deleted", title=outcome.value)
                    told.pop(event_id, None)
                    st.rerun()  # the picker lets go of an event no longer listed


def _current(row_id: int, context: PageContext) -> tuple[EventInput, bool]:
    """The event as the edit form takes it, and whether it is cancelled."""
    with session_scope() as session:
        event = event_service.event_for(session, context.actor, row_id)
        return EventInput(
            kind=EventKind(event.kind),
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.place,
            online_tool=event.online_tool,
            company_id=event.company_id,
            project_id=event.project_id,
            note=event.note,
        ), event.cancelled_at is not None


def _calendar(context: PageContext) -> None:
    """Every event and milestone of the programme as one calendar file, made on click."""
    pid = context.programme.id

    def make() -> bytes:
        with session_scope() as session:
            return programme_calendar(session, context.actor, pid)

    download_button(
        t("event.calendar_download"),
        make,
        file_name=calendar_filename(context.programme),
        mime=ICS,
        key=f"colead_event_calendar:{pid}",
        icon=":material/calendar_month:",
    )
    st.caption(t("event.calendar_help"))


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.events"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.events"), programme_label(context.programme))
    record_link.arrive(context, _OPEN, _finder(context))
    flash()
    _calendar(context)
    kind = st.selectbox(
        t("event.field.kind"),
        [_ANY, *EventKind],
        format_func=lambda k: t(f"enum.event.{k}") if k else t("list.all"),
        key="colead_event_kind",
    )
    page = cached_read(
        event_service.events_page,
        context.actor,
        context.programme.id,
        EventKind(kind) if kind else None,
        current_page(_PAGE),
    )
    rows = page.rows
    language = lang()
    if rows:
        page_picker(_PAGE, page)
        _table(rows, language)
    else:
        st.info(t("event.none"))
    if may_edit(context):
        # Drawn only while open: the form lists every company of the programme.
        new = st.expander(t("event.new"), icon=":material/add:", key=NEW, on_change="rerun")
        with new:
            # Empty again after a registration; a refused one keeps what was typed.
            data = (
                _form(context, form_key("colead_event_new"), None, t("event.create"))
                if new.open
                else None
            )
            pid = context.programme.id

            def find(session, data: EventInput):  # type: ignore[no-untyped-def]
                return event_service.duplicates(session, context.actor, pid, data)

            def create(session, data: EventInput, allow: bool):  # type: ignore[no-untyped-def]
                return event_service.create_event(
                    session, context.actor, pid, data, allow_duplicate=allow
                )

            if data is not None:  # a repeat of an event already there is asked about first
                outcome = event_confirm.submit(
                    _PENDING, data, find, create, "event.created", title=data.title.strip()
                )
            else:
                pending = st.session_state.get(_PENDING)
                title = pending.title.strip() if pending else ""
                outcome = event_confirm.pending(
                    _PENDING, find, create, "event.created", title=title
                )
            if outcome:
                renew_forms()
                st.rerun()
    if not rows:
        return
    names = {r.id: _label(r, language) for r in rows}
    opened = record_link.record_picker(
        context,
        _OPEN,
        names,
        _finder(context),
        label=t("event.open"),
        placeholder=t("event.open_placeholder"),
    )
    if opened is None:
        return
    current, cancelled = _current(opened, context)
    _attendance(context, opened, cancelled)
    if current.kind == EventKind.MEETUP and not cancelled:
        breakout_panel.render(context, opened)
    if may_edit(context):
        with st.expander(t("event.edit"), icon=":material/edit:"):
            data = _form(context, f"colead_event_edit_{opened}", current, t("form.save"))
            if data is not None and (
                attempt(
                    lambda s: event_service.update_event(s, context.actor, opened, data),
                    "form.saved",
                )
            ):
                st.rerun()
        event_publish.render(context, opened)
        _manage(context, opened, current.title, cancelled)
