"""グループ分け（ブレイクアウトルーム）: the meetup's people in groups of about five (guideline
A-3), laid out to be projected, printed and exported. Reading only: viewers see it too."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from colead.db import session_scope
from colead.i18n import to_jst
from colead.models import SkillType
from colead.services import breakout_groups as service
from colead.services.access import AccessDenied
from colead.services.breakout import Attendee
from colead.services.breakout_groups import BreakoutPlan
from colead.services.errors import InputError
from colead.services.table_export import to_csv_bytes, to_xlsx_bytes
from colead.ui import print_css
from colead.ui.context import PageContext
from colead.ui.exports import CSV, XLSX, download_button
from colead.ui.i18n import fmt_date, t
from colead.ui.layout import escape_markdown
from colead.ui.registry import show_errors

_CARDS = "colead_breakout_cards"
_PRINT = "colead_breakout_print"
_SHEET = f"{print_css.KEY}_breakout"  # the print view's container (colead.ui.print_css)

# Static CSS (no user text): names large enough to be read from the back of a room, shrinking
# (cqi: a share of the card's width) rather than wrapping when the cards are narrow.
_STYLE = f"""
<style>
.st-key-{_CARDS} [data-testid="stColumn"] {{ container-type: inline-size; }}
.st-key-{_CARDS} h3 {{
  font-size: min(2.1rem, 13cqi) !important; white-space: nowrap; padding: 0 0 0.3rem 0 !important;
}}
.st-key-{_CARDS} [data-testid="stMarkdownContainer"] p {{ font-size: 1rem; line-height: 1.3; }}
.st-key-{_CARDS} [data-testid="stMarkdownContainer"] p strong {{ font-size: min(1.9rem, 12cqi); }}
.st-key-{_SHEET} h2 {{ font-size: 1.9rem !important; }}
.st-key-{_CARDS} [data-testid="stHeaderActionElements"],
.st-key-{_SHEET} [data-testid="stHeaderActionElements"] {{ display: none; }}
.st-key-{_SHEET} li, .st-key-{_SHEET} p {{ font-size: 1.35rem !important; }}
</style>
"""


def _labels() -> dict[str, str]:
    return {s.value: t(f"enum.skill.{s}") for s in SkillType}


def _types(person: Attendee, labels: dict[str, str]) -> str:
    if not person.skills:
        return t("breakout.no_skill")
    return "、".join(labels.get(s, s) for s in person.skills)


def _columns(groups: int) -> int:
    """Up to five groups side by side, so that a usual meetup (up to 25 people) fits on one
    projected screen; more make rows of even length (6 → 3 + 3, 7 → 4 + 3, 11 → 4 + 4 + 3)."""
    if groups <= 5:
        return max(groups, 2)
    rows = -(-groups // 5)
    return -(-groups // rows)


def _cards(plan: BreakoutPlan, labels: dict[str, str]) -> None:
    per_row = _columns(len(plan.groups))
    with st.container(key=_CARDS):
        for first in range(0, len(plan.groups), per_row):
            row = st.columns(per_row)
            for offset, group in enumerate(plan.groups[first : first + per_row]):
                number = first + offset + 1
                with row[offset].container(border=True):
                    st.markdown(
                        f"### :primary[{t('breakout.group', n=number)}]　"
                        f":gray[:small[{t('breakout.people', n=len(group))}]]"
                    )
                    for person in group:
                        st.markdown(
                            f"**{escape_markdown(person.name)}**  \n"
                            f":gray[{escape_markdown(_types(person, labels))}]"
                        )


def _sheet(plan: BreakoutPlan, labels: dict[str, str]) -> None:
    """The same groups as plain Markdown, for the browser's print."""
    day = fmt_date(to_jst(plan.starts_at).date())
    parts = [f"**{escape_markdown(plan.event_title)}**　{day}"]
    for number, group in enumerate(plan.groups, start=1):
        parts.append(f"## {t('breakout.group', n=number)}（{t('breakout.people', n=len(group))}）")
        parts.append(
            "\n".join(
                f"1. **{escape_markdown(person.name)}**"
                f"　（{escape_markdown(_types(person, labels))}）"
                for person in group
            )
        )
    with print_css.sheet("breakout"):
        st.markdown("\n\n".join(parts))


def _downloads(context: PageContext, event_id: int, plan: BreakoutPlan) -> None:
    frame = service.groups_frame(
        plan,
        _labels(),
        (t("breakout.column.group"), t("talent.field.name"), t("talent.field.skills")),
    )
    actor = context.actor
    stem = f"breakout_groups_{to_jst(plan.starts_at):%Y%m%d}"
    sheet_title = t("breakout.title")  # the files are made outside this run: no session there

    def logged(make: Callable[[], bytes], file_format: str) -> Callable[[], bytes]:
        def data() -> bytes:
            content = make()
            with session_scope(write=True) as session:  # names of talent: an audited export
                service.record_export(session, actor, event_id, plan.people, file_format)
            return content

        return data

    row = st.container(horizontal=True)
    download_button(
        t("breakout.csv"),
        logged(lambda: to_csv_bytes(frame), "csv"),
        file_name=f"{stem}.csv",
        mime=CSV,
        key=f"colead_breakout_csv:{event_id}",
        container=row,
    )
    download_button(
        t("breakout.xlsx"),
        logged(lambda: to_xlsx_bytes(frame, sheet_title), "xlsx"),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        key=f"colead_breakout_xlsx:{event_id}",
        container=row,
    )


def render(context: PageContext, event_id: int) -> None:
    """The groups of the opened meetup; the events page calls this under a meetup."""
    st.subheader(t("breakout.title"), anchor=False)
    st.caption(t("breakout.guideline"))
    size = st.number_input(
        t("breakout.size"),
        min_value=service.SIZE_MIN,
        max_value=service.SIZE_MAX,
        value=service.SIZE_DEFAULT,
        step=1,
        key=f"colead_breakout_size:{event_id}",
        help=t("breakout.size_help", low=service.SIZE_MIN, high=service.SIZE_MAX),
        width=240,
    )
    try:
        with session_scope() as session:
            plan = service.groups_for_event(session, context.actor, event_id, int(size))
    except InputError as error:
        show_errors(error)
        return
    except AccessDenied:
        st.error(t("guard.no_permission"))
        return
    if plan.people < 2:
        st.info(t("breakout.too_few", n=plan.people))
        return
    st.markdown(f"**{t(f'breakout.basis.{plan.basis}', n=plan.people, groups=len(plan.groups))}**")
    printable = st.toggle(t("breakout.print"), key=_PRINT, help=t("breakout.print_help"))
    st.html(_STYLE)
    labels = _labels()
    if printable:
        _sheet(plan, labels)
        return
    _cards(plan, labels)
    _downloads(context, event_id, plan)
