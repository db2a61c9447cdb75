"""インセンティブ (A-1 STEP5): rules that grant incentives from verified activity, the ledger of
grants (revoked ones kept), and the 活動実績の証明書 issued as numbered PDFs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import Activity, IncentiveKind
from colead.services import incentives as incentive_service
from colead.services.access import Actor
from colead.services.incentives import (
    THRESHOLD_MAX,
    THRESHOLD_MIN,
    CertificateRow,
    LedgerRow,
    RuleInput,
    RuleRow,
)
from colead.services.records import Choice, record_choices
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_date, t
from colead.ui.layout import escape_frame, escape_markdown, page_header, section_switch
from colead.ui.registry import (
    attempt,
    current_page,
    flash,
    form_key,
    may_edit,
    page_picker,
    renew_forms,
)
from colead.worksheets.schema import Record

NEW_RULE = "colead_incentive_rule_new_open"
TOGGLE_RULE = "colead_incentive_rule_toggle_open"
REVOKE = "colead_incentive_revoke_open"
PERSON = "colead_incentive_ledger_person"
CERTIFICATE_PERSON = "colead_certificate_person"
_LEDGER_PAGE = "colead_incentive_ledger_page"
_CERTIFICATE_PAGE = "colead_certificate_page"
_NOTICE = "colead_incentive_notice"  # (section, message, news): said once, after the rerun
CERTIFICATES_PER_PAGE = 20

SECTION = "colead_incentive_section"
SECTIONS = ("rules", "ledger", "certificates")


def _form_key(name: str) -> str:
    return form_key(f"colead_incentive_{name}")


def _done(section: str, message: str, news: bool = True) -> None:
    """After a write: rerun with the forms drawn empty again and `message` said in `section`,
    next to the button that was pressed (the page keeps its scroll position on a rerun)."""
    st.session_state[_NOTICE] = (section, message, news)
    renew_forms()
    st.rerun()


def _notice(section: str) -> None:
    notice = st.session_state.get(_NOTICE)
    if notice is None or notice[0] != section:
        return
    del st.session_state[_NOTICE]
    _, message, news = notice
    if news:
        st.success(message, icon=":material/check_circle:")
    else:
        st.info(message, icon=":material/info:")


def _kind(value: str) -> str:
    return t(f"enum.incentive.{value}")


def _activity(value: str) -> str:
    return t(f"incentive.activity.{value}")


# --- rules ------------------------------------------------------------------------------------


def _rules_table(rules: list[RuleRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                t("incentive.column.kind"): _kind(r.kind),
                t("incentive.column.description"): r.description,
                t("incentive.column.activity"): _activity(r.activity),
                t("incentive.column.threshold"): r.threshold,
                t("incentive.column.granted"): r.granted,
                t("incentive.column.active"): t(
                    "incentive.rule.active" if r.active else "incentive.rule.paused"
                ),
            }
            for r in rules
        ]
    )
    st.table(escape_frame(frame), hide_index=True)  # a few rows: the page's own type, legible


def _rule_form() -> RuleInput | None:
    with st.form(_form_key("rule")):
        left, right = st.columns(2)
        kind = left.selectbox(t("incentive.field.kind"), list(IncentiveKind), format_func=_kind)
        description = right.text_input(
            t("incentive.field.description") + " *",
            placeholder=t("incentive.rule.description_placeholder"),
        )
        activity = left.selectbox(
            t("incentive.field.activity"), list(Activity), format_func=_activity
        )
        threshold = right.number_input(
            t("incentive.field.threshold"),
            min_value=THRESHOLD_MIN,
            max_value=THRESHOLD_MAX,
            value=THRESHOLD_MIN,
            step=1,
            help=t("incentive.rule.threshold_help", minimum=THRESHOLD_MIN, maximum=THRESHOLD_MAX),
        )
        if not st.form_submit_button(t("incentive.rule.create"), type="primary"):
            return None
    return RuleInput(kind=kind, description=description, activity=activity, threshold=threshold)


def _new_rule(context: PageContext, first: bool) -> None:
    # Drawn only while open; open from the start while the programme has no rule yet.
    new = st.expander(
        t("incentive.rule.new"), expanded=first, icon=":material/add:", key=NEW_RULE,
        on_change="rerun",
    )  # fmt: skip
    with new:
        data = _rule_form() if new.open else None
        if data is not None and (
            attempt(
                lambda s: incentive_service.create_rule(
                    s, context.actor, context.programme.id, data
                )
            )
        ):
            description = escape_markdown(" ".join(data.description.split()))
            _done("rules", t("incentive.rule.created", description=description))


def _toggle_rule(context: PageContext, rules: list[RuleRow]) -> None:
    toggle = st.expander(
        t("incentive.rule.toggle"), icon=":material/pause_circle:", key=TOGGLE_RULE,
        on_change="rerun",
    )  # fmt: skip
    with toggle:
        if not toggle.open:
            return
        st.caption(t("incentive.rule.toggle_help"))
        by_id = {r.id: r for r in rules}

        def label(rule_id: int) -> str:
            rule = by_id[rule_id]
            state = t("incentive.rule.active" if rule.active else "incentive.rule.paused")
            return f"{_kind(rule.kind)}「{rule.description}」（{state}）"

        left, right = st.columns([4, 1], vertical_alignment="bottom")
        chosen = left.selectbox(t("incentive.rule.pick"), list(by_id), format_func=label)
        rule = by_id[chosen]
        pressed = right.button(
            t("incentive.rule.pause" if rule.active else "incentive.rule.resume"),
            key=f"colead_incentive_toggle_{rule.id}",
            icon=":material/pause:" if rule.active else ":material/play_arrow:",
        )
        if pressed and (
            attempt(
                lambda s: incentive_service.set_rule_active(
                    s, context.actor, rule.id, not rule.active
                )
            )
        ):
            done = "incentive.rule.paused_done" if rule.active else "incentive.rule.resumed_done"
            _done("rules", t(done, description=escape_markdown(rule.description)))


def _grant(context: PageContext, rules: list[RuleRow]) -> None:
    active = any(r.active for r in rules)
    pressed = st.button(
        t("incentive.grant"),
        type="primary",
        icon=":material/military_tech:",
        disabled=not active,
        key="colead_incentive_grant",
    )
    st.caption(t("incentive.grant_help") if active else t("incentive.grant_no_rules"))
    _notice("rules")
    if not pressed:
        return
    granted = attempt(
        lambda s: len(
            incentive_service.grant_due(s, context.actor, context.programme.id, today_in_japan())
        )
    )
    if granted:
        if granted.value:
            _done("rules", t("incentive.granted", n=granted.value))
        else:
            _done("rules", t("incentive.granted_none"), news=False)


def _rules(context: PageContext, editable: bool) -> None:
    st.subheader(t("incentive.rules"))
    st.caption(t("incentive.rules_help"))
    with session_scope() as session:
        rules = incentive_service.list_rules(session, context.actor, context.programme.id)
    if rules:
        _rules_table(rules)
    else:
        st.info(t("incentive.no_rules_staff" if editable else "incentive.no_rules"))
    if not editable:
        return
    _grant(context, rules)
    _new_rule(context, first=not rules)
    if rules:
        _toggle_rule(context, rules)


# --- the ledger -------------------------------------------------------------------------------


def _status(row: LedgerRow) -> str:
    if row.revoked_on is None:
        return t("incentive.status.granted")
    return t("incentive.status.revoked", date=fmt_date(row.revoked_on))


def _ledger_table(rows: list[LedgerRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                t("incentive.column.person"): r.person,
                t("incentive.column.kind"): _kind(r.kind),
                t("incentive.column.description"): r.description,
                t("incentive.column.granted_on"): fmt_date(r.granted_on),
                t("incentive.column.basis"): r.basis,
                t("incentive.column.status"): _status(r),
            }
            for r in rows
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _revoke(context: PageContext, rows: list[LedgerRow]) -> None:
    revoke = st.expander(
        t("incentive.revoke"), icon=":material/undo:", key=REVOKE, on_change="rerun"
    )
    with revoke:
        if not revoke.open:
            return
        st.caption(t("incentive.revoke_help"))
        standing = {r.id: r for r in rows if r.revoked_on is None}
        if not standing:
            st.info(t("incentive.revoke.nothing"))
            return
        with st.form(_form_key("revoke")):
            chosen = st.selectbox(
                t("incentive.revoke.pick"),
                list(standing),
                index=None,
                format_func=lambda i: (
                    f"{fmt_date(standing[i].granted_on)}　{standing[i].person}　"
                    f"{_kind(standing[i].kind)}「{standing[i].description}」"
                ),
                placeholder=t("incentive.revoke.placeholder"),
            )
            confirmed = st.checkbox(t("incentive.revoke.confirm"))
            if not st.form_submit_button(t("incentive.revoke.submit"), icon=":material/undo:"):
                return
        if chosen is None:
            st.error(t("incentive.error.revoke_pick"))
            return
        if not confirmed:
            st.error(t("incentive.error.revoke_confirm"))
            return
        row = standing[chosen]

        today = today_in_japan()
        if attempt(lambda s: incentive_service.revoke(s, context.actor, chosen, today)):
            done = t(
                "incentive.revoke.done",
                name=escape_markdown(row.person),
                description=escape_markdown(row.description),
            )
            _done("ledger", done)


def _ledger(context: PageContext, people: list[Choice], editable: bool) -> None:
    st.subheader(t("incentive.ledger"))
    st.caption(t("incentive.ledger_help"))
    names = {p.id: p.label for p in people}
    if st.session_state.get(PERSON) not in names:
        st.session_state.pop(PERSON, None)
    person = st.columns([1, 2])[0].selectbox(
        t("incentive.filter.person"),
        list(names),
        index=None,
        format_func=names.get,
        key=PERSON,
        placeholder=t("list.all"),
    )
    with session_scope() as session:
        page = incentive_service.ledger(
            session, context.actor, context.programme.id, person, current_page(_LEDGER_PAGE)
        )
    if not page.rows:
        if person is None:
            st.info(t("incentive.ledger_empty"))
        else:
            st.info(t("incentive.ledger_empty_person", name=escape_markdown(names[person])))
        return
    page_picker(_LEDGER_PAGE, page)
    _ledger_table(page.rows)
    _notice("ledger")
    if editable:
        _revoke(context, page.rows)


# --- certificates -----------------------------------------------------------------------------


def _pdf(actor: Actor, certificate_id: int) -> bytes:
    """Made only when the person clicks: the print goes to the audit log in its own write."""
    with session_scope(write=True) as session:
        return incentive_service.certificate_pdf_for(session, actor, certificate_id)


def _preview(context: PageContext, person: Choice, editable: bool) -> None:
    with session_scope() as session:
        lines = incentive_service.verified_activities(session, context.actor, person.id)
    name = escape_markdown(person.label)
    if lines:
        st.markdown(f"**{t('certificate.preview', name=name, n=len(lines))}**")
        frame = pd.DataFrame(
            [
                {
                    t("certificate.column.day"): fmt_date(line.day),
                    t("certificate.column.activity"): line.text,
                }
                for line in lines
            ]
        )
        st.table(escape_frame(frame), hide_index=True)  # the certificate's text, legible
    else:
        st.info(t("certificate.none", name=name))
    if not editable:
        return
    if not st.button(
        t("certificate.issue"),
        type="primary",
        icon=":material/workspace_premium:",
        disabled=not lines,
        key=f"colead_certificate_issue_{person.id}",
    ):
        return
    number = attempt(
        lambda s: (
            incentive_service.issue_certificate(
                s, context.actor, person.id, today_in_japan()
            ).number
        )
    )
    if number:
        _done(
            "certificates",
            t("certificate.issued", name=name, number=number.value),
        )


def _certificate_rows(context: PageContext, rows: list[CertificateRow]) -> None:
    widths = [1.2, 2.2, 1.8, 1, 2]
    heading = st.columns(widths)
    for column, key in zip(
        heading,
        ("number", "person", "issued_on", "activities", "pdf"),
        strict=True,
    ):
        column.markdown(f"**{t(f'certificate.column.{key}')}**")
    actor = context.actor
    for row in rows:
        number, person, issued, count, download = st.columns(widths, vertical_alignment="center")
        number.markdown(f"**{row.number}**")
        person.markdown(escape_markdown(row.person))
        issued.markdown(fmt_date(row.issued_on))
        count.markdown(t("certificate.activities_n", n=row.activities))
        download.download_button(
            t("certificate.download"),
            lambda certificate_id=row.id: _pdf(actor, certificate_id),
            file_name=f"certificate_{row.number}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            key=f"colead_certificate_pdf_{row.id}",
            on_click="ignore",
        )


def _certificates(context: PageContext, people: list[Choice], editable: bool) -> None:
    st.subheader(t("certificate.section"))
    st.caption(t("certificate.help"))
    by_id = {p.id: p for p in people}
    if st.session_state.get(CERTIFICATE_PERSON) not in by_id:
        st.session_state.pop(CERTIFICATE_PERSON, None)
    chosen = st.columns([1, 2])[0].selectbox(
        t("certificate.person"),
        list(by_id),
        index=None,
        format_func=lambda i: by_id[i].label,
        key=CERTIFICATE_PERSON,
        placeholder=t("certificate.person_placeholder"),
    )
    if chosen is not None:
        _preview(context, by_id[chosen], editable)
    _notice("certificates")
    st.markdown(f"#### {t('certificate.list')}")
    with session_scope() as session:
        page = incentive_service.list_certificates(
            session,
            context.actor,
            context.programme.id,
            page=current_page(_CERTIFICATE_PAGE),
            per_page=CERTIFICATES_PER_PAGE,
        )
    if not page.rows:
        st.info(t("certificate.list_empty"))
        return
    st.caption(t("certificate.list_help"))
    page_picker(_CERTIFICATE_PAGE, page)
    _certificate_rows(context, page.rows)


# --- the page ---------------------------------------------------------------------------------


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.incentives"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.incentives"), programme_label(context.programme))
    st.caption(t("incentive.purpose"))
    flash()
    editable = may_edit(context)
    if not editable:
        st.info(t("incentive.read_only"))
    # One part at a time: the ledger's and the certificates' pickers list everybody of the
    # programme, which the rules do not need.
    section = section_switch(SECTION, SECTIONS, "incentive.section")
    if section in ("ledger", "certificates"):
        with session_scope() as session:
            people = record_choices(session, context.actor, context.programme.id, Record.TALENT)
        if section == "ledger":
            _ledger(context, people, editable)
        else:
            _certificates(context, people, editable)
    else:
        _rules(context, editable)
