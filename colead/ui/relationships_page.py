"""関係の継続 (B-6 STEP4, cases ⑥⑦): where each person stands on the relationship ladder, the
region's talent pool by specialty, and sharing profiles with other programmes on consent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import SkillType
from colead.services import relationships as relation_service
from colead.services.errors import InputError
from colead.services.records import record_choices
from colead.services.relationships import STAGES, Stage
from colead.services.table_export import to_csv_bytes, to_xlsx_bytes
from colead.services.talent import talent_profile
from colead.ui.cached import cached_read
from colead.ui.context import PageContext, programme_label
from colead.ui.exports import CSV, XLSX, download_button
from colead.ui.i18n import fmt_date, lang, t
from colead.ui.layout import escape_markdown, page_header, section_switch
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
    show_errors,
)
from colead.worksheets.schema import Record

RECORD = "colead_consent_record_open"
WITHDRAW = "colead_consent_withdraw_open"
EXPORT_SCOPE = "colead_consent_export_scope"
EXPORT_DAY = "colead_consent_export_day"
STAGE_FILTER = "colead_relation_stage"
QUIET_FILTER = "colead_relation_quiet"
SKILL_FILTER = "colead_pool_skill"
WITHDRAW_PERSON = "colead_consent_withdraw_person"
_LADDER_PAGE = "colead_relation_page"
_POOL_PAGE = "colead_pool_page"
SECTION = "colead_relation_section"
SECTIONS = ("ladder", "pool", "sharing")
_ANY = ""
_MARKERS = ("①", "②", "③", "④", "⑤")

Result = TypeVar("Result")


def stage_label(stage: Stage | str) -> str:
    """③ 協働: the rung's number makes the ladder readable in a table and from the back."""
    stage = Stage(stage)
    return f"{_MARKERS[stage.rank]} {t(f'relation.stage.{stage}')}"


def _skill(value: str) -> str:
    return t(f"enum.skill.{value}")


def _people(n: int) -> str:
    return t("relation.people", n=n)


def _read(action: Callable[[], Result]) -> Result | None:
    """A read that may refuse what was asked (a filter out of range): say why, keep the inputs."""
    try:
        return action()
    except InputError as error:
        show_errors(error)
        return None


def _form_key(name: str) -> str:
    return form_key(f"colead_consent_{name}")


# --- 1. the ladder ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderCard:
    stage: Stage
    at: int  # people at this rung
    reached: int  # people at this rung or above


def ladder_cards(counts: dict[Stage, int]) -> list[LadderCard]:
    """The five rungs, lowest first, with the people at each and the people who reached it."""
    reached = relation_service.reached_at_least(counts)
    return [LadderCard(s, counts.get(s, 0), reached[s]) for s in STAGES]


def _ladder(context: PageContext) -> None:
    counts = cached_read(relation_service.ladder_counts, context.actor, context.programme.id)
    st.subheader(t("relation.title"))
    st.caption(t("relation.intro"))
    for column, card in zip(st.columns(len(STAGES)), ladder_cards(counts), strict=True):
        with column:
            st.metric(
                stage_label(card.stage),
                _people(card.at),
                delta=t("relation.reached_caption", n=card.reached),
                delta_color="primary",
                delta_arrow="off",
                border=True,
            )
            st.caption(t(f"relation.stage_help.{card.stage}"))


# --- 2. each person ---------------------------------------------------------------------------


def _people_table(context: PageContext) -> None:
    st.subheader(t("relation.people_title"))
    st.caption(t("relation.people_intro"))
    left, right, _ = st.columns([1, 1, 1])
    stage = left.selectbox(
        t("relation.filter.stage"),
        [_ANY, *STAGES],
        format_func=lambda s: stage_label(s) if s else t("relation.filter.all_stages"),
        key=STAGE_FILTER,
    )
    quiet = right.number_input(
        t("relation.filter.quiet_days"),
        min_value=0,
        max_value=3650,
        value=0,
        step=1,
        key=QUIET_FILTER,
        help=t("relation.quiet_help"),
    )

    def load():  # type: ignore[no-untyped-def]
        return cached_read(
            relation_service.ladder,
            context.actor,
            context.programme.id,
            today_in_japan(),
            stage=Stage(stage) if stage else None,
            quiet_days=int(quiet) if quiet else None,
            page=current_page(_LADDER_PAGE),
        )

    page = _read(load)
    if page is None:
        return
    if page.total == 0:
        st.info(t("relation.empty"))
        return
    page_picker(_LADDER_PAGE, page)
    frame = pd.DataFrame(
        [
            {
                t("relation.field.name"): r.name,
                t("relation.field.skills"): "、".join(_skill(s) for s in r.skills),
                t("relation.field.stage"): stage_label(r.stage),
                t("relation.field.last_touch"): fmt_date(r.last_touch)
                if r.last_touch
                else t("relation.never"),
                t("relation.field.days_since"): r.days_since,
                t("relation.field.projects"): r.projects,
                t("relation.field.companies"): r.companies,
            }
            for r in page.rows
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            t("relation.field.days_since"): st.column_config.NumberColumn(
                format=t("relation.days", days="%d")
            ),
        },
    )


# --- 3. the region's pool ---------------------------------------------------------------------


def _pool(context: PageContext) -> None:
    region_id = context.programme.region_id
    st.subheader(t("pool.title"))
    st.caption(
        t("pool.scope", region=escape_markdown(context.programme.region_name)) + t("pool.intro")
    )
    summary = cached_read(relation_service.pool_summary, context.actor, region_id)
    st.markdown(f"**{t('pool.summary')}**")
    for column, (skill, n) in zip(st.columns(len(summary)), summary.items(), strict=True):
        # The label above the number, wrapping: a metric's own label is cut at the card's width.
        card = column.container(border=True, height="stretch")
        card.markdown(f"**{_skill(skill)}**")
        card.metric(_skill(skill), t("pool.people_of_skill", n=n), label_visibility="collapsed")
    st.caption(t("pool.summary_note"))
    if not any(summary.values()):
        st.info(t("pool.empty"))
        return
    left, _ = st.columns([1, 2])
    skill = left.selectbox(
        t("pool.filter.skill"),
        [_ANY, *SkillType],
        format_func=lambda s: _skill(s) if s else t("pool.filter.all_skills"),
        key=SKILL_FILTER,
    )

    def load():  # type: ignore[no-untyped-def]
        return cached_read(
            relation_service.talent_pool,
            context.actor,
            region_id,
            today_in_japan(),
            skill=skill or None,
            page=current_page(_POOL_PAGE),
        )

    page = _read(load)
    if page is None:
        return
    page_picker(_POOL_PAGE, page)
    if not page.rows:
        return
    frame = pd.DataFrame(
        [
            {
                t("pool.field.name"): r.name,
                t("pool.field.affiliation"): r.affiliation,
                t("pool.field.skill"): _skill(r.skill),
                t("pool.field.stage"): stage_label(r.stage),
                t("pool.field.companies"): "、".join(r.companies),
                t("pool.field.last_touch"): fmt_date(r.last_touch)
                if r.last_touch
                else t("relation.never"),
                t("pool.field.registrations"): r.registrations,
            }
            for r in page.rows
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={t("pool.field.companies"): st.column_config.TextColumn(width="large")},
    )


# --- 4. consent and sharing -------------------------------------------------------------------


def _record(context: PageContext, people: dict[int, str], scopes: list[str]) -> None:
    form = _form_key("record")
    with st.form(form):
        left, middle, right = st.columns([2, 3, 1])
        person = left.selectbox(
            t("consent.field.person"),
            list(people),
            index=None,
            format_func=people.get,
            placeholder=t("consent.person_placeholder"),
            key=f"{form}_person",
        )
        scope = middle.selectbox(
            t("consent.field.scope"),
            scopes,
            index=None,
            accept_new_options=True,
            placeholder=t("consent.scope_placeholder"),
            help=t("consent.scope_help"),
            key=f"{form}_scope",
        )
        granted = right.date_input(
            t("consent.field.granted_on"), value=today_in_japan(), format="YYYY/MM/DD"
        )
        if not st.form_submit_button(t("consent.record_submit"), type="primary"):
            return
    if person is None:
        show_errors(InputError("consent.error.person"))
        return
    chosen = (scope or "").strip()
    if attempt(
        lambda s: relation_service.grant_consent(s, context.actor, person, chosen, granted),
        "consent.granted",
    ):
        st.session_state[EXPORT_SCOPE] = chosen  # show where the person now appears
        renew_forms()
        st.rerun()


def _withdraw(context: PageContext, people: dict[int, str]) -> None:
    if st.session_state.get(WITHDRAW_PERSON) not in people:
        st.session_state.pop(WITHDRAW_PERSON, None)
    left, _ = st.columns([2, 1])
    person = left.selectbox(
        t("consent.field.person"),
        list(people),
        index=None,
        format_func=people.get,
        placeholder=t("consent.person_placeholder"),
        key=WITHDRAW_PERSON,
    )
    if person is None:
        return
    with session_scope() as session:  # only the consents are shown: not a view of the record
        consents = [
            c
            for c in talent_profile(session, context.actor, person, record_view=False).consents
            if c.withdrawn_on is None
        ]
        choices = {
            c.id: t("consent.consent_label", scope=c.scope, day=fmt_date(c.granted_on))
            for c in consents
        }
    if not choices:
        st.info(t("consent.no_active"))
        return
    with st.form(_form_key(f"withdraw_{person}")):
        left, right = st.columns([3, 1])
        consent = left.selectbox(t("consent.field.consent"), list(choices), format_func=choices.get)
        on = right.date_input(
            t("consent.field.withdrawn_on"), value=today_in_japan(), format="YYYY/MM/DD"
        )
        if not st.form_submit_button(t("consent.withdraw_submit"), type="primary"):
            return
    if attempt(
        lambda s: relation_service.revoke_consent(s, context.actor, consent, on),
        "consent.revoked",
    ):
        renew_forms()
        st.rerun()


def _export_buttons(context: PageContext, scope: str, on: date) -> None:
    """CSV and Excel of the consenting people, each made (and audited) only when downloaded."""
    actor, programme_id, language = context.actor, context.programme.id, lang()
    sheet = t("consent.sheet_title")  # read now: the file is made outside this run

    def frame() -> pd.DataFrame:
        with session_scope(write=True) as session:  # every export goes to the audit log
            return relation_service.consent_export(
                session, actor, programme_id, scope, on, language
            )

    def as_csv() -> bytes:
        return to_csv_bytes(frame())

    def as_xlsx() -> bytes:
        return to_xlsx_bytes(frame(), sheet)

    name = f"shared_talent_{on:%Y%m%d}"
    row = st.container(horizontal=True)
    download_button(
        t("consent.download_csv"),
        as_csv,
        file_name=f"{name}.csv",
        mime=CSV,
        key="colead_consent_csv",
        container=row,
        type="primary",
    )
    download_button(
        t("consent.download_xlsx"),
        as_xlsx,
        file_name=f"{name}.xlsx",
        mime=XLSX,
        key="colead_consent_xlsx",
        container=row,
    )


def _export(context: PageContext, scopes: list[str]) -> None:
    st.markdown(f"#### {t('consent.export_title')}")
    if not scopes:
        st.info(t("consent.no_scopes"))
        return
    if st.session_state.get(EXPORT_SCOPE) not in scopes:
        st.session_state[EXPORT_SCOPE] = scopes[0]
    left, right, _ = st.columns([3, 1, 1])
    scope = left.selectbox(t("consent.field.scope"), scopes, key=EXPORT_SCOPE)
    on = right.date_input(
        t("consent.field.on"), value=today_in_japan(), format="YYYY/MM/DD", key=EXPORT_DAY
    )

    def load():  # type: ignore[no-untyped-def]
        with session_scope() as session:
            return relation_service.consenting_people(
                session, context.actor, context.programme.id, scope, on
            )

    people = _read(load)
    if people is None:
        return
    if not people:
        st.info(t("consent.none"))
        return
    st.markdown(f"**{t('consent.people', n=len(people))}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("consent.column.name"): p.name,
                    t("consent.column.affiliation"): p.affiliation,
                    t("consent.column.skills"): "、".join(_skill(s) for s in p.skills),
                    t("consent.column.granted_on"): fmt_date(p.granted_on),
                }
                for p in people
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("consent.export_logged"))
    _export_buttons(context, scope, on)


def _sharing(context: PageContext) -> None:
    st.subheader(t("consent.title"))
    st.caption(t("consent.intro"))
    if not may_edit(context):
        st.info(t("consent.viewer_cannot_export"))
        return
    st.markdown(t("consent.steps"))
    programme_id = context.programme.id
    with session_scope() as session:
        scopes = relation_service.consent_scopes(session, context.actor, programme_id)
    record = st.expander(t("consent.record"), icon=":material/how_to_reg:", key=RECORD,
                         on_change="rerun")  # fmt: skip
    withdraw = st.expander(t("consent.withdraw"), icon=":material/person_remove:", key=WITHDRAW,
                           on_change="rerun")  # fmt: skip
    if record.open or withdraw.open:
        # Drawn only while open: both list every person of the programme.
        with session_scope() as session:
            choices = record_choices(session, context.actor, programme_id, Record.TALENT)
        people = {c.id: c.label for c in choices}
        if record.open:
            with record:
                _record(context, people, scopes)
        if withdraw.open:
            with withdraw:
                _withdraw(context, people)
    _export(context, scopes)


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.relationships"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.relationships"), programme_label(context.programme))
    st.caption(t("relation.page_intro"))
    flash()
    section = section_switch(SECTION, SECTIONS, "relation.section")
    if section == "pool":
        _pool(context)
    elif section == "sharing":
        _sharing(context)
    else:
        _ladder(context)
        _people_table(context)
