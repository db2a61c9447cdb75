"""地域とプログラム (admin): regions, their programme years, archive, next year, staff."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import reiwa_year
from colead.models import Role
from colead.services import accounts
from colead.services.fiscal_year import CarryOver, carriable_worksheets, start_next_year
from colead.services.regions import (
    MAX_FISCAL_YEAR,
    MIN_FISCAL_YEAR,
    PREFECTURES,
    ProgrammeInput,
    ProgrammeRow,
    RegionRow,
    create_programme,
    create_region,
    region_overview,
    set_programme_archived,
    set_region_archived,
    update_programme,
    update_region,
)
from colead.ui.context import PROGRAMME_KEY, PageContext
from colead.ui.i18n import fmt_date, localised, t
from colead.ui.layout import escape_markdown, page_header, section_switch
from colead.ui.registry import attempt, flash, form_key, remember_success, renew_forms
from colead.ui.setup_page import fiscal_year_caption, programme_fields
from colead.worksheets import WORKSHEETS

SECTIONS = ("overview", "region", "programme", "next_year", "staff")
_NEW = 0  # the "new …" entry of a picker


def _year(fiscal_year: int) -> str:
    return f"令和{reiwa_year(fiscal_year)}年度（{fiscal_year}）"


def _region_name(row: RegionRow) -> str:
    name = row.name if row.name == row.prefecture else f"{row.prefecture} {row.name}"
    return f"{name}（{t('programme.archived_label')}）" if row.archived else name


def _programme_name(row: ProgrammeRow) -> str:
    label = f"{_year(row.fiscal_year)} {row.name}"
    return f"{label}（{t('programme.archived_label')}）" if row.archived else label


def _overview(rows: list[RegionRow]) -> None:
    if not rows:
        st.info(t("regions.none"))
        return
    records = []
    for region in rows:
        for p in region.programmes or (None,):
            records.append(
                {
                    t("regions.col.region"): _region_name(region),
                    t("regions.col.code"): region.municipality_code,
                    t("regions.col.programme"): _programme_name(p) if p else "",
                    t("regions.col.period"): f"{fmt_date(p.starts_on)}〜{fmt_date(p.ends_on)}"
                    if p
                    else "",
                    t("regions.col.interval"): t(
                        "regions.interval_days", days=p.contact_interval_days
                    )
                    if p
                    else "",
                    t("regions.col.talents"): p.talents if p else None,
                    t("regions.col.companies"): p.companies if p else None,
                    t("regions.col.state"): t(
                        "regions.state.archived"
                        if region.archived or (p and p.archived)
                        else "regions.state.active"
                    ),
                }
            )
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch")


def _pick_region(rows: list[RegionRow], key: str, *, allow_new: bool) -> RegionRow | None:
    options = ([_NEW] if allow_new else []) + [row.id for row in rows]
    by_id = {row.id: row for row in rows}
    picked = st.selectbox(
        t("regions.choose_region"),
        options,
        format_func=lambda rid: (
            t("regions.new_region") if rid == _NEW else _region_name(by_id[rid])
        ),
        key=key,
    )
    return by_id.get(picked)


def _archive_toggle(kind: str, archived: bool, key: str) -> bool:
    """A button to archive (after a confirmation tick) or restore; True when pressed."""
    if archived:
        return st.button(t("regions.restore"), key=f"{key}:restore", icon=":material/unarchive:")
    st.caption(t("regions.archive_confirm", what=t(f"regions.what.{kind}")))
    sure = st.checkbox(t("regions.archive_confirm_box"), key=f"{key}:sure")
    return st.button(
        t("regions.archive"), key=f"{key}:archive", icon=":material/inventory_2:", disabled=not sure
    )


def _region_section(context: PageContext, rows: list[RegionRow]) -> None:
    region = _pick_region(rows, "colead_regions_region", allow_new=True)
    with st.form(form_key(f"colead_region_form_{region.id if region else 'new'}")):
        left, middle, right = st.columns([1, 2, 1])
        prefecture = left.selectbox(
            t("region.field.prefecture"),
            PREFECTURES,
            index=PREFECTURES.index(region.prefecture) if region else None,
            placeholder=t("setup.choose"),
        )
        name = middle.text_input(
            t("region.field.name"), value=region.name if region else "", help=t("region.name_help")
        )
        code = right.text_input(
            t("region.field.municipality_code"),
            value=region.municipality_code if region else "",
            help=t("region.code_help"),
            max_chars=7,
        )
        submitted = st.form_submit_button(t("regions.save"), type="primary")
    if submitted:
        if region is None:
            done = attempt(
                lambda s: create_region(
                    s, context.actor, prefecture=prefecture or "", name=name, municipality_code=code
                ),
                "setup.region.created",
                name=f"{prefecture or ''} {name.strip()}",
            )
        else:
            done = attempt(
                lambda s: update_region(
                    s,
                    context.actor,
                    region.id,
                    prefecture=prefecture or "",
                    name=name,
                    municipality_code=code,
                ),
                "regions.saved",
            )
        if done:
            renew_forms()
            st.rerun()
    if (
        region is not None
        and _archive_toggle("region", region.archived, f"region:{region.id}")
        and attempt(
            lambda s: set_region_archived(s, context.actor, region.id, not region.archived),
            "regions.restored" if region.archived else "regions.archived",
        )
    ):
        st.rerun()


def _programme_section(context: PageContext, rows: list[RegionRow]) -> None:
    region = _pick_region(rows, "colead_regions_programme_region", allow_new=False)
    if region is None:
        st.info(t("regions.none"))
        return
    by_id = {p.id: p for p in region.programmes}
    picked = st.selectbox(
        t("regions.choose_programme"),
        [_NEW, *by_id],
        format_func=lambda pid: (
            t("regions.new_programme") if pid == _NEW else _programme_name(by_id[pid])
        ),
        key=f"colead_regions_programme:{region.id}",
    )
    row = by_id.get(picked)
    with st.form(form_key(f"colead_programme_form_{row.id if row else f'new{region.id}'}")):
        data = programme_fields(row)
        submitted = st.form_submit_button(
            t("regions.save"), type="primary", disabled=bool(row and row.archived)
        )
    if submitted:
        if row is None:
            done = attempt(
                lambda s: create_programme(s, context.actor, region.id, data),
                "setup.programme.created",
                label=f"{_year(data.fiscal_year)} {data.name.strip()}",
            )
        else:
            done = attempt(
                lambda s: update_programme(s, context.actor, row.id, data), "regions.saved"
            )
        if done:
            renew_forms()
            st.rerun()
    if (
        row is not None
        and _archive_toggle("programme", row.archived, f"programme:{row.id}")
        and attempt(
            lambda s: set_programme_archived(s, context.actor, row.id, not row.archived),
            "regions.restored" if row.archived else "regions.archived",
        )
    ):
        st.rerun()


def _next_year_section(context: PageContext, rows: list[RegionRow]) -> None:
    st.caption(t("carry.intro"))
    sources = {p.id: (region, p) for region in rows for p in region.programmes}
    if not sources:
        st.info(t("regions.none"))
        return
    current = st.session_state.get(PROGRAMME_KEY)
    options = list(sources)
    picked = st.selectbox(
        t("carry.source"),
        options,
        index=options.index(current) if current in sources else 0,
        format_func=lambda pid: (
            f"{_region_name(sources[pid][0])} {_programme_name(sources[pid][1])}"
        ),
        key="colead_carry_source",
    )
    region, source = sources[picked]
    next_year = max(p.fiscal_year for p in region.programmes) + 1
    codes = carriable_worksheets()
    with st.form(form_key(f"colead_carry_{picked}")):
        left, right = st.columns([1, 3])
        year = left.number_input(
            t("programme.field.fiscal_year"),
            min_value=MIN_FISCAL_YEAR,
            max_value=MAX_FISCAL_YEAR,
            value=next_year,
            step=1,
        )
        left.caption(fiscal_year_caption(next_year))
        name = right.text_input(t("programme.field.name"), value=source.name)
        st.markdown(f"**{t('carry.worksheets')}**", help=t("carry.worksheets_help"))
        track_a, track_b = st.columns(2)
        chosen = [
            code
            for code in codes
            if (track_a if code.startswith("A") else track_b).checkbox(
                f"{code} {localised(WORKSHEETS[code]).short_title}",
                key=form_key(f"colead_carry_ws_{code}"),
            )
        ]
        st.divider()
        companies = st.checkbox(t("carry.companies"))
        interval = st.checkbox(
            t("carry.contact_interval", days=source.contact_interval_days), value=True
        )
        submitted = st.form_submit_button(t("carry.submit"), type="primary")
    if submitted:
        result = attempt(
            lambda s: start_next_year(
                s,
                context.actor,
                source.id,
                ProgrammeInput(fiscal_year=int(year), name=name),
                CarryOver(
                    worksheets=frozenset(chosen), companies=companies, contact_interval=interval
                ),
            )
        )
        if result:
            started = result.value
            st.session_state[PROGRAMME_KEY] = started.programme.id
            remember_success(
                "carry.done",
                label=f"{_region_name(region)} {_year(started.programme.fiscal_year)}",
                answers=started.answers,
                companies=started.companies,
            )
            renew_forms()
            st.rerun()


def _staff_section(context: PageContext, rows: list[RegionRow]) -> None:
    st.caption(t("regions.staff.help"))
    region = _pick_region(rows, "colead_regions_staff_region", allow_new=False)
    if region is None:
        st.info(t("regions.none"))
        return
    with session_scope() as session:
        people = [a for a in accounts.list_accounts(session, context.actor) if a.role != Role.ADMIN]
    if not people:
        st.info(t("regions.staff.none"))
        return
    labels = {a.id: f"{a.display_name}（{a.username}・{t(f'enum.role.{a.role}')}）" for a in people}
    with st.form(form_key(f"colead_members_{region.id}")):
        members = st.multiselect(
            t("regions.staff.regions") + f"：{escape_markdown(_region_name(region))}",
            list(labels),
            default=[a.id for a in people if region.id in a.region_ids],
            format_func=labels.get,
        )
        submitted = st.form_submit_button(t("regions.save"), type="primary")
    if submitted and attempt(
        lambda s: accounts.set_region_members(s, context.actor, region.id, members),
        "regions.saved",
    ):
        renew_forms()
        st.rerun()


def render(context: PageContext) -> None:
    page_header(t("page.regions"), t("regions.intro"))
    flash()
    with session_scope() as session:
        rows = region_overview(session, context.actor)
    section = section_switch("colead_regions_section", SECTIONS, "regions.section")
    if section == "overview":
        _overview(rows)
    elif section == "region":
        _region_section(context, rows)
    elif section == "programme":
        _programme_section(context, rows)
    elif section == "next_year":
        _next_year_section(context, rows)
    else:
        _staff_section(context, rows)
