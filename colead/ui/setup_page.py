"""初期設定: the guided first set-up of a municipality, step by step, each step skippable.

Region → first programme → partner institutions → staff accounts → the programme map. The
steps can be reopened at any time from the admin menu; what was made is listed on each step.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from colead.db import session_scope
from colead.i18n import reiwa_year, today_in_japan
from colead.models import PartnerKind, Role
from colead.services import accounts, partners
from colead.services.regions import (
    DEFAULT_CONTACT_INTERVAL,
    DEFAULT_PROGRAMME_NAME,
    MAX_CONTACT_INTERVAL,
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    PREFECTURES,
    ProgrammeInput,
    ProgrammeRow,
    RegionRow,
    create_programme,
    create_region,
    region_overview,
)
from colead.ui.context import PROGRAMME_KEY, PageContext
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.nav import page_file
from colead.ui.registry import attempt, flash, form_key, renew_forms
from colead.ui.widgets import new_password_fields, passwords_match

STEPS = ("region", "programme", "partners", "staff", "done")
_STEP = "colead_setup_step"
SETUP_SHOWN = "colead_setup_shown"  # the home page stops sending an admin here once it was shown
_STEP_PICKER = "colead_setup_step_picker"
_REGION = "colead_setup_region"
_REGION_PICKER = "colead_setup_region_picker"
_PROGRAMME = "colead_setup_programme"


def current_fiscal_year(today: date | None = None) -> int:
    """Japan's fiscal year runs from April: January–March belong to the year before."""
    today = today or today_in_japan()
    return today.year if today.month >= 4 else today.year - 1


def fiscal_year_caption(year: int) -> str:
    return t(
        "programme.fiscal_year_caption",
        reiwa=f"令和{reiwa_year(year)}年度",
        year=year,
        next=year + 1,
    )


def programme_fields(row: ProgrammeRow | None) -> ProgrammeInput:
    """A programme's fields inside a form: fiscal year (with its 令和 name), name, dates
    (empty: the fiscal year's), contact interval. Filled from `row` when editing one."""
    year_default = row.fiscal_year if row else current_fiscal_year()
    left, right = st.columns([1, 3])
    year = left.number_input(
        t("programme.field.fiscal_year"),
        min_value=MIN_FISCAL_YEAR,
        max_value=MAX_FISCAL_YEAR,
        value=year_default,
        step=1,
    )
    left.caption(fiscal_year_caption(year_default))
    name = right.text_input(
        t("programme.field.name"), value=row.name if row else DEFAULT_PROGRAMME_NAME
    )
    start_col, end_col, interval_col = st.columns(3)
    starts_on = start_col.date_input(
        t("programme.field.starts_on"), value=row.starts_on if row else None, format="YYYY/MM/DD"
    )
    ends_on = end_col.date_input(
        t("programme.field.ends_on"), value=row.ends_on if row else None, format="YYYY/MM/DD"
    )
    interval = interval_col.number_input(
        t("programme.field.contact_interval"),
        min_value=1,
        max_value=MAX_CONTACT_INTERVAL,
        value=row.contact_interval_days if row else DEFAULT_CONTACT_INTERVAL,
        help=t("programme.contact_interval_help"),
    )
    st.caption(t("setup.programme.dates_help"))
    return ProgrammeInput(
        fiscal_year=int(year),
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        contact_interval_days=int(interval),
    )


def _go(step: int) -> None:
    st.session_state[_STEP] = step


def _regions(context: PageContext) -> list[RegionRow]:
    with session_scope() as session:
        return region_overview(session, context.actor)


def _chosen_region(rows: list[RegionRow]) -> RegionRow | None:
    by_id = {row.id: row for row in rows}
    chosen = by_id.get(st.session_state.get(_REGION))
    if chosen is None and rows:
        chosen = rows[-1] if not rows[-1].archived else rows[0]
        st.session_state[_REGION] = chosen.id
    return chosen


def _buttons(step: int, *, can_go_on: bool) -> None:
    back, skip, ahead = st.columns([1, 2, 1])
    if step > 0:
        back.button(t("setup.back"), on_click=_go, args=(step - 1,), key=f"setup_back_{step}")
    if step < len(STEPS) - 1:
        skip.button(
            t("setup.skip"),
            on_click=_go,
            args=(step + 1,),
            key=f"setup_skip_{step}",
            type="tertiary",
        )
        ahead.button(
            t("setup.next"),
            on_click=_go,
            args=(step + 1,),
            key=f"setup_next_{step}",
            type="primary",
            disabled=not can_go_on,
            width="stretch",
        )


def _region_step(context: PageContext, rows: list[RegionRow]) -> None:
    st.subheader(t("setup.region.title"))
    region = _chosen_region(rows)
    if rows and region is not None:
        names = {row.id: f"{row.prefecture} {row.name}" for row in rows}
        st.session_state[_REGION_PICKER] = region.id

        def _store() -> None:
            st.session_state[_REGION] = st.session_state[_REGION_PICKER]

        st.selectbox(
            t("setup.region.use"),
            list(names),
            format_func=names.get,
            key=_REGION_PICKER,
            on_change=_store,
        )
    with st.form(form_key("colead_setup_region")):
        st.markdown(f"**{t('setup.region.new')}**")
        left, middle, right = st.columns([1, 2, 1])
        prefecture = left.selectbox(
            t("region.field.prefecture"), PREFECTURES, index=None, placeholder=t("setup.choose")
        )
        name = middle.text_input(t("region.field.name"), help=t("region.name_help"))
        code = right.text_input(
            t("region.field.municipality_code"), help=t("region.code_help"), max_chars=7
        )
        submitted = st.form_submit_button(t("setup.region.submit"), type="primary")
    if submitted:
        created = attempt(
            lambda s: (
                create_region(
                    s,
                    context.actor,
                    prefecture=prefecture or "",
                    name=name,
                    municipality_code=code,
                ).id
            ),
            "setup.region.created",
            name=f"{prefecture or ''} {name.strip()}",
        )
        if created:
            st.session_state[_REGION] = created.value
            renew_forms()
            _go(1)
            st.rerun()
    _buttons(0, can_go_on=region is not None)


def _programme_step(context: PageContext, region: RegionRow | None) -> None:
    st.subheader(t("setup.programme.title"))
    if region is None:
        st.info(t("setup.need_region"))
        _buttons(1, can_go_on=False)
        return
    st.markdown(f"**{escape_markdown(f'{region.prefecture} {region.name}')}**")
    if region.programmes:
        names = "、".join(
            f"令和{reiwa_year(p.fiscal_year)}年度 {p.name}" for p in region.programmes
        )
        st.caption(t("setup.programme.existing", names=escape_markdown(names)))
    with st.form(form_key("colead_setup_programme")):
        data = programme_fields(None)
        submitted = st.form_submit_button(t("setup.programme.submit"), type="primary")
    if submitted:
        created = attempt(
            lambda s: create_programme(s, context.actor, region.id, data).id,
            "setup.programme.created",
            label=f"令和{reiwa_year(data.fiscal_year)}年度 {data.name.strip()}",
        )
        if created:
            st.session_state[_PROGRAMME] = created.value
            st.session_state[PROGRAMME_KEY] = created.value
            renew_forms()
            _go(2)
            st.rerun()
    _buttons(1, can_go_on=bool(region.programmes))


def _partners_step(context: PageContext, region: RegionRow | None) -> None:
    st.subheader(t("setup.partners.title"))
    st.caption(t("setup.partners.help"))
    if region is None:
        st.info(t("setup.need_region"))
        _buttons(2, can_go_on=True)
        return
    with session_scope() as session:
        listed = partners.list_partners(session, context.actor, region.id)
    if listed:
        st.markdown(
            "\n".join(
                f"- {escape_markdown(p.name)}（{t(f'enum.partner.{p.kind}')}）" for p in listed
            )
        )
    else:
        st.caption(t("setup.partners.none"))
    kinds = list(PartnerKind)
    with st.form(form_key("colead_setup_partner")):
        left, right = st.columns([2, 1])
        name = left.text_input(t("partner.field.name"))
        kind = right.selectbox(
            t("partner.field.kind"), kinds, format_func=lambda k: t(f"enum.partner.{k}")
        )
        contact = left.text_input(t("partner.field.contact"))
        email = right.text_input(t("partner.field.email"))
        submitted = st.form_submit_button(t("setup.partners.submit"), type="primary")
    if submitted:
        created = attempt(
            lambda s: partners.create_partner(
                s, context.actor, region.id, name=name, kind=kind, contact=contact, email=email
            ),
            "setup.partners.created",
            name=name.strip(),
        )
        if created:
            renew_forms()
            st.rerun()
    _buttons(2, can_go_on=True)


def _region_accounts(context: PageContext, region: RegionRow) -> list[accounts.AccountRow]:
    """The staff and viewer accounts that work on `region` (admins work on every region)."""
    with session_scope() as session:
        return [
            row
            for row in accounts.list_accounts(session, context.actor)
            if row.role != Role.ADMIN and region.id in row.region_ids
        ]


def _staff_step(context: PageContext, region: RegionRow | None) -> None:
    st.subheader(t("setup.staff.title"))
    st.caption(t("setup.staff.help"))
    if region is None:
        st.info(t("setup.need_region"))
        _buttons(3, can_go_on=True)
        return
    rows = _region_accounts(context, region)
    if rows:
        names = "、".join(f"{row.display_name}（{row.username}）" for row in rows)
        st.caption(t("setup.staff.existing", names=escape_markdown(names)))
    roles = [Role.STAFF, Role.VIEWER]
    with st.form(form_key("colead_setup_staff")):
        left, right = st.columns(2)
        username = left.text_input(t("accounts.username"), help=t("accounts.username_help"))
        display_name = right.text_input(t("accounts.display_name"))
        email = left.text_input(t("accounts.email"))
        role = right.selectbox(t("accounts.role"), roles, format_func=lambda r: t(f"enum.role.{r}"))
        password, confirm = new_password_fields(left, right)
        submitted = st.form_submit_button(t("accounts.create"), type="primary")
    if submitted and passwords_match(password, confirm):
        created = attempt(
            lambda s: accounts.create_account(
                s,
                context.actor,
                username=username,
                display_name=display_name,
                password=password,
                role=role,
                region_ids=[region.id],
                email=email,
            ),
            "setup.staff.created",
            name=display_name.strip(),
        )
        if created:
            renew_forms()
            st.rerun()
    _buttons(3, can_go_on=True)


def _done_step(context: PageContext, region: RegionRow | None) -> None:
    st.subheader(t("setup.done.title"))
    if region is None or not region.programmes:
        st.info(t("setup.done.nothing"))
        _buttons(4, can_go_on=False)
        return
    programme = next(
        (p for p in region.programmes if p.id == st.session_state.get(_PROGRAMME)),
        region.programmes[0],
    )
    with session_scope() as session:
        partner_count = len(partners.list_partners(session, context.actor, region.id))
    staff_count = len(_region_accounts(context, region))
    st.success(
        t(
            "setup.done.summary",
            region=escape_markdown(f"{region.prefecture} {region.name}"),
            programme=escape_markdown(
                f"令和{reiwa_year(programme.fiscal_year)}年度 {programme.name}"
            ),
            partners=partner_count,
            staff=staff_count,
        ),
        icon=":material/task_alt:",
    )
    if st.button(t("setup.done.open"), type="primary", icon=":material/map:"):
        st.session_state[PROGRAMME_KEY] = programme.id
        st.switch_page(page_file("pages/home.py"))
    _buttons(4, can_go_on=False)


def render(context: PageContext) -> None:
    st.session_state[SETUP_SHOWN] = True
    page_header(t("page.setup"))
    st.write(t("setup.wizard.intro"))
    flash()
    st.session_state[_STEP_PICKER] = st.session_state.setdefault(_STEP, 0)
    st.segmented_control(
        t("page.setup"),
        list(range(len(STEPS))),
        format_func=lambda i: f"{i + 1}. {t(f'setup.step.{STEPS[i]}')}",
        key=_STEP_PICKER,
        on_change=lambda: _go(st.session_state[_STEP_PICKER]),
        required=True,
        label_visibility="collapsed",
        width="stretch",
    )
    step = st.session_state[_STEP]
    rows = _regions(context)
    region = _chosen_region(rows)
    with st.container(border=True):
        if step == 0:
            _region_step(context, rows)
        elif step == 1:
            _programme_step(context, region)
        elif step == 2:
            _partners_step(context, region)
        elif step == 3:
            _staff_step(context, region)
        else:
            _done_step(context, region)
