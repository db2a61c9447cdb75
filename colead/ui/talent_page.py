"""人材台帳: search and filter the talent, open a person (timeline, edit, consent), register,
import and export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import SkillType, TalentStatus
from colead.services import relationships
from colead.services import talent as talent_service
from colead.services.talent import TalentFilter, TalentInput, TalentProfile, TalentRow
from colead.ui import record_link, table_import
from colead.ui.cached import cached_read
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_date, t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
)

_PAGE = "colead_talent_page"
_OPEN = "colead_talent_open"
_VIEWED = "colead_talent_viewed"
_ANY = ""

TAB = "colead_talent_tab"
NEW = "colead_talent_new"
CONSENT = "colead_consent"


def _skill(value: str) -> str:
    return t(f"enum.skill.{value}")


def _status(value: str, unconfirmed: bool = False) -> str:
    """応募, or 応募（未確認） while a public application's mailed link is not opened."""
    label = t(f"enum.talent_status.{value}")
    return f"{label}（{t('talent.unconfirmed')}）" if unconfirmed else label


def _filters(channels: list[str]) -> TalentFilter:
    query = st.text_input(t("list.search"), key="colead_talent_query", help=t("talent.search_help"))
    left, middle, right, last = st.columns(4)
    skill = left.selectbox(
        t("talent.filter.skill"),
        [_ANY, *SkillType],
        format_func=lambda v: _skill(v) if v else t("list.all"),
        key="colead_talent_skill",
    )
    status = middle.selectbox(
        t("talent.filter.status"),
        [_ANY, *TalentStatus],
        format_func=lambda v: _status(v) if v else t("list.all"),
        key="colead_talent_status",
    )
    channel = right.selectbox(
        t("talent.filter.channel"),
        [_ANY, *channels],
        format_func=lambda v: v or t("list.all"),
        key="colead_talent_channel",
    )
    consent = last.selectbox(
        t("talent.filter.consent"),
        [_ANY, "yes", "no"],
        format_func=lambda v: t(f"talent.consent.{v}") if v else t("list.all"),
        key="colead_talent_consent",
    )
    return TalentFilter(
        query=query,
        skill=SkillType(skill) if skill else None,
        status=TalentStatus(status) if status else None,
        channel=channel,
        consent=None if not consent else consent == "yes",
    )


def _table(rows: list[TalentRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                t("talent.field.name"): r.name,
                t("talent.field.affiliation"): r.affiliation,
                t("talent.field.skills"): "、".join(_skill(s) for s in r.skills),
                t("talent.field.status"): _status(r.status, r.awaiting_confirmation),
                t("talent.field.recruitment_channel"): r.recruitment_channel,
                t("talent.field.applied_on"): fmt_date(r.applied_on),
                t("talent.field.last_contact"): fmt_date(r.last_contact),
                t("talent.field.consent"): "✓" if r.consent else "",
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _form(key: str, current: TalentInput | None, submit: str) -> TalentInput | None:
    """The person's fields; returns what was entered when the form was submitted."""
    current = current or TalentInput(name="", applied_on=today_in_japan())
    with st.form(key):
        left, right = st.columns(2)
        name = left.text_input(t("talent.field.name") + " *", value=current.name)
        email = right.text_input(t("talent.field.email"), value=current.email)
        affiliation = left.text_input(t("talent.field.affiliation"), value=current.affiliation)
        residence = right.text_input(t("talent.field.residence"), value=current.residence)
        channel = left.text_input(
            t("talent.field.recruitment_channel"), value=current.recruitment_channel
        )
        applied_on = right.date_input(
            t("talent.field.applied_on"), value=current.applied_on, format="YYYY/MM/DD"
        )
        statuses = list(TalentStatus)
        status = left.selectbox(
            t("talent.field.status"),
            statuses,
            index=statuses.index(current.status),
            format_func=_status,
        )
        skills = right.multiselect(
            t("talent.field.skills"),
            list(SkillType),
            default=list(current.skills),
            format_func=_skill,
            placeholder=t("talent.skills_placeholder"),
        )
        interests = st.text_area(t("talent.field.interests"), value=current.interests, height=80)
        note = st.text_area(t("talent.field.note"), value=current.note, height=80)
        if not st.form_submit_button(submit, type="primary"):
            return None
    return TalentInput(
        name=name,
        email=email,
        affiliation=affiliation,
        residence=residence,
        recruitment_channel=channel,
        applied_on=applied_on,
        status=TalentStatus(status),
        skills=tuple(SkillType(s) for s in skills),
        interests=interests,
        note=note,
    )


def _timeline(profile: TalentProfile) -> None:
    st.markdown(f"#### {t('talent.timeline')}")
    if not profile.timeline:
        st.info(t("talent.timeline_empty"))
        return
    frame = pd.DataFrame(
        [
            {
                t("talent.timeline_day"): fmt_date(entry.day),
                t("talent.timeline_kind"): t(f"timeline.{entry.kind}"),
                t("talent.timeline_what"): entry.title,
                t("talent.timeline_note"): "・".join(t(tag) for tag in entry.tags),
            }
            for entry in profile.timeline
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _consents(context: PageContext, profile: TalentProfile, editable: bool) -> None:
    st.markdown(f"#### {t('talent.consents')}")
    if not profile.consents:
        st.caption(t("talent.consent.none"))
    for consent in profile.consents:
        state = (
            t("talent.consent.withdrawn", day=fmt_date(consent.withdrawn_on))
            if consent.withdrawn_on
            else t("talent.consent.active")
        )
        left, right = st.columns([4, 1])
        left.markdown(
            f"- {fmt_date(consent.granted_on)}　{escape_markdown(consent.scope)}　**{state}**"
        )
        if editable and consent.withdrawn_on is None:
            withdraw = right.button(
                t("talent.consent.withdraw"), key=f"colead_withdraw_{consent.id}"
            )
            if withdraw and attempt(
                lambda s, c=consent.id: relationships.revoke_consent(
                    s, context.actor, c, today_in_japan()
                ),
                "form.saved",
            ):
                st.rerun()
    if editable:
        # Empty again after a recorded consent; a refused one keeps what was typed.
        with st.form(form_key(f"{CONSENT}_{profile.talent.id}")):
            left, right = st.columns([3, 1])
            scope = left.text_input(t("talent.consent.scope"), help=t("talent.consent.scope_help"))
            granted = right.date_input(
                t("talent.consent.granted_on"), value=today_in_japan(), format="YYYY/MM/DD"
            )
            if st.form_submit_button(t("talent.consent.add")) and attempt(
                lambda s: relationships.grant_consent(
                    s, context.actor, profile.talent.id, scope, granted
                ),
                "form.saved",
            ):
                renew_forms()
                st.rerun()


def _profile(context: PageContext, talent_id: int) -> None:
    first_view = st.session_state.get(_VIEWED) != talent_id
    with session_scope(write=first_view) as session:  # a first view goes to the audit log
        profile = talent_service.talent_profile(
            session, context.actor, talent_id, record_view=first_view
        )
        person = profile.talent
        current = TalentInput(
            name=person.name,
            email=person.email,
            affiliation=person.affiliation,
            residence=person.residence,
            recruitment_channel=person.recruitment_channel,
            applied_on=person.applied_on,
            status=TalentStatus(person.status),
            skills=tuple(SkillType(s) for s in profile.skills),
            interests=person.interests,
            note=person.note,
        )
    st.session_state[_VIEWED] = talent_id
    st.subheader(f"{t('talent.profile')}：{escape_markdown(person.name)}")
    facts = [
        (t("talent.field.status"), _status(person.status, person.awaiting_confirmation)),
        (t("talent.field.affiliation"), person.affiliation or "—"),
        (t("talent.field.skills"), "、".join(_skill(s) for s in profile.skills) or "—"),
        (t("talent.field.recruitment_channel"), person.recruitment_channel or "—"),
    ]
    for column, (label, value) in zip(st.columns(len(facts)), facts, strict=True):
        column.markdown(f"**{label}**  \n{escape_markdown(value)}")
    if person.interests:
        st.caption(f"{t('talent.field.interests')}：{escape_markdown(person.interests)}")
    _timeline(profile)
    editable = may_edit(context)
    _consents(context, profile, editable)
    if editable:
        with st.expander(t("talent.edit"), icon=":material/edit:"):
            data = _form(f"colead_talent_edit_{talent_id}", current, t("form.save"))
            if data is not None and attempt(
                lambda s: talent_service.update_talent(s, context.actor, talent_id, data),
                "form.saved",
            ):
                st.rerun()


def _label(name: str, affiliation: str, email: str) -> str:
    return f"{name}（{affiliation or email or '—'}）"


def _finder(context: PageContext) -> record_link.Finder:
    """A person by id, if the signed-in person may see them (for a link to their profile)."""

    def find(talent_id: int) -> record_link.Found:
        with session_scope() as session:
            person = talent_service.talent_for(session, context.actor, talent_id)
            return record_link.Found(
                _label(person.name, person.affiliation, person.email), person.programme_id
            )

    return find


def _list_tab(context: PageContext) -> None:
    programme_id = context.programme.id
    channels = cached_read(talent_service.recruitment_channels, context.actor, programme_id)
    chosen = _filters(channels)
    page = cached_read(
        talent_service.list_talent, context.actor, programme_id, chosen, current_page(_PAGE)
    )
    page_picker(_PAGE, page)
    if not page.rows:
        return
    _table(page.rows)
    table_import.export_buttons(context, "talent", chosen)
    names = {r.id: _label(r.name, r.affiliation, r.email) for r in page.rows}
    opened = record_link.record_picker(
        context,
        _OPEN,
        names,
        _finder(context),
        label=t("talent.open"),
        placeholder=t("talent.open_placeholder"),
    )
    if opened is not None:
        _profile(context, opened)


def _new_tab(context: PageContext) -> None:
    if not may_edit(context):
        st.info(t("form.read_only"))
        return
    st.caption(t("talent.purpose"))
    # Empty again after a registration; a refused one keeps what was typed.
    data = _form(form_key(NEW), None, t("talent.tab.new"))
    if data is not None:
        created = attempt(
            lambda s: talent_service.create_talent(s, context.actor, context.programme.id, data),
            "talent.created",
            name=data.name.strip(),
        )
        if created:
            renew_forms()
            st.rerun()


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.talent"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.talent"), programme_label(context.programme))
    record_link.arrive(context, _OPEN, _finder(context))
    flash()
    # Only the open tab is drawn: each is a screen of its own (the list, a form, an import).
    listing, new, upload = st.tabs(
        [t("talent.tab.list"), t("talent.tab.new"), t("talent.tab.import")],
        key=TAB,
        on_change="rerun",
    )
    if listing.open:
        with listing:
            _list_tab(context)
    if new.open:
        with new:
            _new_tab(context)
    if upload.open:
        with upload:
            table_import.import_section(context, "talent")
