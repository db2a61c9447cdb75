"""お知らせ配信 (A-4 / B-4): write a newsletter, choose its audience with the registries'
filters, preview it as a recipient sees it, send it now or later; follow each message's
progress and results; keep templates and the programme's chat channel.

The page only stores the message (services/outreach.py); the server's background sender or
`python -m colead send-due` writes and sends the mails, so closing the page stops nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from colead.config import get_settings
from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import SkillType
from colead.models.base import utcnow
from colead.services import outreach
from colead.services.errors import InputError
from colead.services.mail import Attachment
from colead.services.mail_render import preview_html
from colead.services.outreach import ABSENT, EVERYONE, Audience, Draft
from colead.services.relationships import STAGES
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import fmt_datetime, t
from colead.ui.layout import escape_markdown, page_header
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
from colead.worksheets import WORKSHEETS

TOKYO = ZoneInfo("Asia/Tokyo")
_K = "colead_news_"
_LIST_PAGE = f"{_K}list_page"
_NOW, _LATER = "now", "later"
_REFRESH_SECONDS = 2


def _kinds() -> list[str]:
    """A-4 STEP1's kinds of information, in the guideline's words."""
    question = next(q for q in WORKSHEETS["A-4"].questions() if q.id == "s1_information")
    return [o.label for o in question.options if not o.other]


def _key(name: str) -> str:
    """A compose widget's key; a successful send renews them all (the form is empty again)."""
    return form_key(f"{_K}{name}")


def _load_template(template: outreach.MessageTemplate | None) -> None:
    if template is None:
        return
    st.session_state[_key("subject")] = template.subject
    st.session_state[_key("body")] = template.body
    if template.kind:
        st.session_state[_key("kind")] = template.kind
    st.session_state[f"{_K}loaded"] = template.name


# --- 作成・送信 ---------------------------------------------------------------------------


def _audience(events: dict[int, str], interval_days: int) -> Audience:
    st.markdown(f"#### {t('outreach.audience')}")
    left, right = st.columns(2)
    skills = left.multiselect(
        t("outreach.field.skills"),
        [s.value for s in SkillType],
        format_func=lambda v: t(f"enum.skill.{v}"),
        key=_key("skills"),
        placeholder=t("outreach.any_event"),
    )
    stages = right.multiselect(
        t("outreach.field.stages"),
        [s.value for s in STAGES],
        format_func=lambda v: t(f"relation.stage.{v}"),
        key=_key("stages"),
        placeholder=t("outreach.any_event"),
    )
    left, right = st.columns(2)
    event_id = left.selectbox(
        t("outreach.field.audience_event"),
        [None, *events],
        format_func=lambda i: t("outreach.any_event") if i is None else events[i],
        key=_key("audience_event"),
    )
    part = right.radio(
        t("outreach.field.event_part"),
        [EVERYONE, ABSENT],
        format_func=lambda v: t(f"outreach.part.{v}"),
        horizontal=True,
        key=_key("event_part"),
        disabled=event_id is None,
    )
    quiet = st.checkbox(
        t("outreach.field.quiet", days=interval_days),
        key=_key("quiet"),
    )
    members = st.checkbox(t("outreach.field.projects"), key=_key("members"))
    return Audience(
        skills=tuple(skills),
        stages=tuple(stages),
        quiet_only=quiet,
        event_id=event_id,
        event_part=part if event_id is not None else EVERYONE,
        project_members=members,
    )


def _show_count(preview: outreach.AudiencePreview) -> None:
    names = "、".join(escape_markdown(n) for n in preview.first_names)
    more = preview.count > len(preview.first_names)
    with st.container(border=True):
        st.markdown(f"### {t('outreach.count', count=preview.count)}")
        if names:
            st.markdown(t("outreach.names" if more else "outreach.names_all", names=names))
        if preview.excluded:
            reasons = "、".join(
                t(f"outreach.exclude.{reason}", n=n) for reason, n in preview.excluded.items()
            )
            st.caption(t("outreach.excluded", matched=preview.matched, reasons=reasons))


def _preview(subject: str, body: str, name: str, attachment: str) -> None:
    with st.expander(t("outreach.preview", name=escape_markdown(name)), expanded=True):
        st.markdown(f"**{escape_markdown(t('outreach.preview_subject', subject=subject))}**")
        if attachment:
            st.caption(t("outreach.preview_attachment", name=escape_markdown(attachment)))
        with st.container(border=True):
            st.html(preview_html(body, name) if body.strip() else "<p>—</p>")
            st.caption(f"{t('outreach.mail.unsubscribe')} {t('outreach.preview_unsubscribe')}")


def _send_at() -> datetime | str | None:
    """None to send now, the moment chosen, or "past" for a moment already gone."""
    when = st.radio(
        t("outreach.when"),
        [_NOW, _LATER],
        format_func=lambda v: t(f"outreach.when.{v}"),
        horizontal=True,
        key=_key("when"),
    )
    if when == _NOW:
        return None
    left, right = st.columns(2)
    day = left.date_input(
        t("outreach.field.send_on"),
        value=today_in_japan() + timedelta(days=1),
        min_value=today_in_japan(),
        format="YYYY/MM/DD",
        key=_key("send_on"),
    )
    at = right.time_input(
        t("outreach.field.send_time"), value=time(9, 0), step=900, key=_key("send_time")
    )
    moment = datetime.combine(day, at, tzinfo=TOKYO)
    return "past" if moment <= utcnow() else moment


def _compose(context: PageContext) -> None:
    if not may_edit(context):
        st.info(t("outreach.read_only"))
        return
    programme_id = context.programme.id
    with session_scope() as session:
        templates = outreach.templates(session, context.actor, programme_id)
        events = outreach.event_choices(session, context.actor, programme_id)
        settings = outreach.channels(session, context.actor, programme_id)
    chat_set = bool(settings.chat_webhook_url)
    by_id = {tpl.id: tpl for tpl in templates}
    if templates:
        left, right = st.columns([3, 1])
        chosen = left.selectbox(
            t("outreach.template"),
            [None, *by_id],
            format_func=lambda i: t("outreach.template_none") if i is None else by_id[i].name,
            key=f"{_K}template",
        )
        right.markdown("&nbsp;")
        right.button(
            t("outreach.template_use"),
            on_click=_load_template,
            args=(by_id.get(chosen) if chosen else None,),
            disabled=chosen is None,
        )
    loaded = st.session_state.pop(f"{_K}loaded", None)
    if loaded:
        st.success(t("outreach.template_loaded", name=escape_markdown(loaded)))
    kinds = _kinds()
    left, right = st.columns([3, 2])
    subject = left.text_input(
        t("outreach.field.subject") + " *", max_chars=outreach.SUBJECT_MAX, key=_key("subject")
    )
    kind = right.selectbox(
        t("outreach.field.kind") + " *",
        kinds,
        index=None,
        accept_new_options=True,
        key=_key("kind"),
        placeholder=t("delivery.kind_placeholder"),
    )
    body = st.text_area(
        t("outreach.field.body") + " *",
        height=260,
        max_chars=outreach.BODY_MAX,
        help=t("outreach.body_help"),
        key=_key("body"),
    )
    st.caption(t("outreach.body_help"))
    left, right = st.columns(2)
    ics_event = left.selectbox(
        t("outreach.field.event"),
        [None, *events],
        format_func=lambda i: t("outreach.no_event") if i is None else events[i],
        key=_key("ics_event"),
    )
    pdf = right.file_uploader(
        t("outreach.field.pdf"),
        type=["pdf"],
        key=_key("pdf"),
        max_upload_size=outreach.ATTACHMENT_MAX_BYTES // (1024 * 1024),
    )
    to_chat = st.checkbox(t("outreach.field.chat"), key=_key("chat"), disabled=not chat_set)
    if not chat_set:
        st.caption(t("outreach.chat_unset"))
    audience = _audience(events, settings.contact_interval_days)
    try:
        with session_scope() as session:
            preview = outreach.audience_preview(
                session, context.actor, programme_id, audience, today_in_japan()
            )
    except InputError as error:
        show_errors(error)
        return
    _show_count(preview)
    attachment_name = pdf.name if pdf is not None else ("event.ics" if ics_event else "")
    reader = preview.first_names[0] if preview.first_names else t("outreach.sample_name")
    _preview(subject, body, reader, attachment_name)
    send_at = _send_at()
    label = (
        t("outreach.send_now", count=preview.count) if send_at is None else t("outreach.send_later")
    )
    left, right = st.columns([1, 2])
    if left.button(label, type="primary", disabled=preview.count == 0, key=f"{_K}send"):
        if send_at == "past":
            st.error(t("outreach.error.send_at_past"))
            return
        draft = Draft(
            subject=subject,
            body=body,
            kind=kind or "",
            audience=audience,
            event_id=ics_event,
            attachment=Attachment(pdf.name, "application/pdf", pdf.getvalue())
            if pdf is not None
            else None,
            post_to_chat=to_chat,
        )
        moment = send_at if isinstance(send_at, datetime) else None
        done = attempt(
            lambda s: outreach.schedule(s, context.actor, programme_id, draft, send_at=moment),
            "outreach.scheduled_now" if moment is None else "outreach.scheduled_later",
            subject=subject.strip(),
            count=preview.count,
            when=fmt_datetime(moment) if moment else "",
        )
        if done:
            renew_forms()
            st.rerun()
    with right.popover(t("outreach.save_template"), icon=":material/bookmark_add:"):
        name = st.text_input(t("outreach.field.template_name"), key=_key("template_name"))
        if st.button(t("form.save"), key=f"{_K}save_template") and attempt(
            lambda s: outreach.save_template(
                s, context.actor, programme_id, name, subject, body, kind or ""
            ),
            "outreach.template_saved",
            name=name.strip(),
        ):
            st.rerun()


# --- 送信済み・予約 -----------------------------------------------------------------------


def _results_line(row: outreach.NewsletterRow) -> str:
    r = row.results
    parts = [
        (t("outreach.result.sent"), r.sent),
        (t("outreach.result.outbox"), r.outbox),
        (t("outreach.result.waiting"), r.waiting),
        (t("outreach.result.failed"), r.failed),
        (t("outreach.result.unknown"), r.unknown),
        (t("outreach.result.skipped"), r.skipped),
        (t("outreach.result.unsubscribed_after"), r.unsubscribed_after),
    ]
    return "　".join(f"{label} **{n}**" for label, n in parts if n or label in parts[0])


def _one(context: PageContext, row: outreach.NewsletterRow, editable: bool) -> None:
    with st.container(border=True):
        when = fmt_datetime(row.send_at) if row.send_at else ""
        st.markdown(
            f"**{escape_markdown(row.subject)}**　"
            f":blue-badge[{t(f'outreach.status.{row.status}')}]　{when}"
        )
        st.caption(f"{escape_markdown(row.kind)}　{escape_markdown(row.created_by)}")
        total = max(row.results.total, 1)
        st.progress(
            min(row.results.done / total, 1.0),
            text=t("outreach.progress", done=row.results.done, total=row.results.total),
        )
        st.markdown(_results_line(row))
        if row.chat_status:
            text = t(f"outreach.chat.{row.chat_status}", error=escape_markdown(row.chat_error))
            (st.warning if row.chat_status == "failed" else st.caption)(text)
        retry = editable and row.chat_status == "failed"
        if (
            retry
            and st.button(t("outreach.chat_retry"), key=f"{_K}retry_{row.id}")
            and attempt(
                lambda s: outreach.retry_chat(s, context.actor, row.id), "outreach.chat_retried"
            )
        ):
            st.rerun()
        waiting = editable and row.status == outreach.SCHEDULED
        if (
            waiting
            and st.button(t("outreach.cancel"), key=f"{_K}cancel_{row.id}")
            and attempt(lambda s: outreach.cancel(s, context.actor, row.id), "outreach.cancelled")
        ):
            st.rerun()
        with st.expander(t("outreach.recipients")):
            key = f"{_K}recipients_{row.id}"
            with session_scope() as session:
                page = outreach.recipients(session, context.actor, row.id, current_page(key))
            page_picker(key, page)
            if page.rows:
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                t("outreach.col.name"): r.name,
                                t("outreach.col.email"): r.email,
                                t("outreach.col.state"): t(f"outreach.state.{r.state}"),
                                t("outreach.col.reason"): t(f"outreach.reason.{r.reason}")
                                if r.reason == "not_contactable"
                                else r.reason,
                            }
                            for r in page.rows
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                )


def _sent(context: PageContext) -> None:
    programme_id = context.programme.id
    with session_scope() as session:
        moving = outreach.sending_now(session, context.actor, programme_id)

    @st.fragment(run_every=_REFRESH_SECONDS if moving else None)
    def listing() -> None:
        with session_scope() as session:
            page = outreach.list_newsletters(
                session, context.actor, programme_id, current_page(_LIST_PAGE)
            )
            still = outreach.sending_now(session, context.actor, programme_id)
        if moving and not still:
            st.rerun(scope="app")  # all sent: draw the page once more, without the refresh
        if page.total == 0:
            st.info(t("outreach.none"))
            return
        st.caption(t("outreach.sending_note"))
        page_picker(_LIST_PAGE, page)
        editable = may_edit(context)
        for row in page.rows:
            _one(context, row, editable)

    listing()


# --- テンプレート・チャット -----------------------------------------------------------------


def _settings(context: PageContext) -> None:
    programme_id = context.programme.id
    editable = may_edit(context)
    st.markdown(f"#### {t('outreach.templates')}")
    with session_scope() as session:
        templates = outreach.templates(session, context.actor, programme_id)
    if not templates:
        st.caption(t("outreach.templates_none"))
    for template in templates:
        with st.container(border=True):
            left, right = st.columns([5, 1])
            left.markdown(
                f"**{escape_markdown(template.name)}**　{escape_markdown(template.subject)}"
            )
            if (
                editable
                and right.button(t("outreach.template_delete"), key=f"{_K}del_{template.id}")
                and attempt(
                    lambda s, i=template.id: outreach.delete_template(s, context.actor, i),
                    "outreach.template_deleted",
                )
            ):
                st.rerun()
    if editable and st.button(t("outreach.templates_seed"), icon=":material/library_add:"):
        outcome = attempt(lambda s: outreach.seed_templates(s, context.actor, programme_id))
        if outcome:
            from colead.ui.registry import remember_success

            remember_success("outreach.templates_seeded", count=outcome.value)
            st.rerun()
    st.markdown(f"#### {t('outreach.chat')}")
    st.caption(t("outreach.chat_help"))
    if not editable:
        return
    with session_scope() as session:
        current = outreach.channels(session, context.actor, programme_id)
    with st.form(f"{_K}webhook"):
        url = st.text_input(
            t("outreach.field.webhook"),
            value=current.chat_webhook_url,
            type="password",
        )
        if st.form_submit_button(t("form.save")) and attempt(
            lambda s: outreach.set_chat_webhook(s, context.actor, programme_id, url),
            "outreach.webhook_saved",
        ):
            st.rerun()


def render(context: PageContext) -> None:
    if context.programme is None:
        page_header(t("page.newsletters"))
        st.warning(t("context.no_programme"))
        return
    page_header(t("page.newsletters"), programme_label(context.programme))
    flash()
    st.caption(t("outreach.intro"))
    if not get_settings().smtp_url:
        st.caption(t("outreach.outbox_note"))
    compose, sent, settings = st.tabs(
        [t("outreach.tab.compose"), t("outreach.tab.sent"), t("outreach.tab.settings")],
        key=f"{_K}tabs",
    )
    with compose:
        _compose(context)
    with sent:
        _sent(context)
    with settings:
        _settings(context)
