"""Facilitation aids drawn under A-3 and B-5: the meetup timetable, the pre-meeting agendas."""

from __future__ import annotations

from datetime import time

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.services.agenda import (
    MEETUP_LIMIT_MINUTES,
    Agenda,
    meetup_agenda,
    meetup_registrations,
    pre_meeting_agendas,
)
from colead.services.answers import StoredAnswer
from colead.services.records import record_choices
from colead.services.tours import PRE_MEETING_STARTS
from colead.ui import tour_panel
from colead.ui.context import PageContext
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown
from colead.worksheets.schema import Kind, Record, Worksheet


def _linked_companies(
    context: PageContext, sheet: Worksheet, stored: dict[str, StoredAnswer]
) -> list[str]:
    """Names of the companies listed in the sheet's company-record question, in its order."""
    question = next(
        (q for q in sheet.questions() if q.kind == Kind.RECORDS and q.record == Record.COMPANY),
        None,
    )
    answer = stored.get(question.id) if question else None
    if answer is None:
        return []
    with session_scope() as session:
        names = {
            c.id: c.label
            for c in record_choices(session, context.actor, context.programme.id, Record.COMPANY)
        }
    return [names[row["record_id"]] for row in answer.value if row.get("record_id") in names]


def _table(agenda: Agenda) -> None:
    frame = pd.DataFrame(
        [
            {
                t("agenda.time"): f"{i.start:%H:%M}–{i.end:%H:%M}",
                t("agenda.item"): i.title,
                t("agenda.minutes"): i.minutes,
            }
            for i in agenda.items
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def meetup_timetable(
    context: PageContext, sheet: Worksheet, stored: dict[str, StoredAnswer]
) -> None:
    companies = _linked_companies(context, sheet, stored)
    with session_scope() as session:
        registered = meetup_registrations(session, context.actor, context.programme.id)
    with st.container(border=True):
        st.subheader(t("agenda.meetup"))
        st.caption(t("agenda.meetup_help"))
        start_col, companies_col, people_col = st.columns(3)
        start = start_col.time_input(
            t("agenda.start"), time(19, 0), step=300, key="agenda:meetup:start"
        )
        # The registries may hold more than a meetup seats: the inputs start at the count,
        # however large, and the agenda's two-hour warning says what that means.
        company_count = companies_col.number_input(
            t("agenda.companies"), 0, max(20, len(companies)), len(companies), key="agenda:meetup:c"
        )
        people = people_col.number_input(
            t("agenda.people"), 0, max(100, registered), registered, key="agenda:meetup:p"
        )
        agenda = meetup_agenda(start, int(company_count), int(people))
        _table(agenda)
        end = agenda.items[-1].end
        if agenda.too_long:
            st.warning(
                t(
                    "agenda.too_long",
                    minutes=agenda.minutes,
                    end=f"{end:%H:%M}",
                    limit=MEETUP_LIMIT_MINUTES,
                ),
                icon=":material/timer:",
            )
        else:
            st.success(
                t("agenda.total", minutes=agenda.minutes, end=f"{end:%H:%M}"),
                icon=":material/timer:",
            )


def pre_meetings(context: PageContext, sheet: Worksheet, stored: dict[str, StoredAnswer]) -> None:
    """The pre-meeting agendas, then the form registering the tour and its pre-meetings."""
    companies = _linked_companies(context, sheet, stored)
    start = PRE_MEETING_STARTS
    with st.container(border=True):
        st.subheader(t("agenda.pre_meeting"))
        st.caption(t("agenda.pre_meeting_help"))
        if not companies:
            st.info(t("agenda.no_companies"))
        else:
            start = st.time_input(t("agenda.start"), start, step=300, key="agenda:pre:start")
            for company, agenda in pre_meeting_agendas(start, companies):
                st.markdown(
                    f"**{escape_markdown(company)}**（{agenda.items[0].start:%H:%M}–{agenda.items[-1].end:%H:%M}）"
                )
                _table(agenda)
    tour_panel.render(context, start)
