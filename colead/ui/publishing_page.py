"""募集ページ (staff): publish the programme's recruitment page with a switch and a short
address, edit its introduction, image and purpose of use of personal data, and see a preview
drawn by the very functions the public page uses."""

from __future__ import annotations

import streamlit as st

from colead.config import get_settings
from colead.db import session_scope
from colead.services import public_apply
from colead.services.public_apply import INTRO_MAX, PURPOSE_MAX, PublishInput
from colead.ui.apply_page import application_section, programme_section
from colead.ui.context import PageContext, programme_label
from colead.ui.i18n import t
from colead.ui.layout import escape_markdown, page_header
from colead.ui.registry import attempt, flash, may_edit


def render(context: PageContext) -> None:
    page_header(
        t("page.publishing"), programme_label(context.programme) if context.programme else ""
    )
    if context.programme is None:
        st.warning(t("context.no_programme"))
        return
    flash()
    st.caption(t("publish.help"))
    programme_id = context.programme.id
    with session_scope() as session:
        current = public_apply.publish_settings(session, context.actor, programme_id)
    draft = _settings(context, current)
    st.divider()
    st.subheader(t("publish.preview"))
    with session_scope() as session:
        view = public_apply.preview(
            session,
            context.actor,
            programme_id,
            draft,
            (current.image, current.image_type),
        )
    with st.container(border=True):
        programme_section(view)
        application_section(view, preview=True)


def _settings(context: PageContext, current: public_apply.PublishSettings) -> PublishInput:
    """The settings' widgets (live: the preview follows what is typed) and the save button;
    returns what the widgets hold now."""
    pid = context.programme.id
    editable = may_edit(context)

    def key(name: str) -> str:
        return f"colead_publish:{pid}:{name}"

    st.markdown(f"**{t('publish.state_on') if current.published else t('publish.state_off')}**")
    published = st.toggle(
        t("publish.published"), value=current.published, key=key("on"), disabled=not editable
    )
    slug = st.text_input(
        t("publish.slug"), value=current.slug, max_chars=40, key=key("slug"), disabled=not editable
    )
    if slug.strip():
        address = f"{get_settings().public_url}/apply?p={slug.strip().lower()}"
        st.caption(t("publish.address", url=escape_markdown(address)))
    intro = st.text_area(
        t("publish.intro"),
        value=current.intro,
        max_chars=INTRO_MAX,
        height=160,
        key=key("intro"),
        disabled=not editable,
    )
    upload = st.file_uploader(
        t("publish.image"), type=["png", "jpg", "jpeg"], key=key("image"), disabled=not editable
    )
    remove = (
        st.checkbox(t("publish.remove_image"), key=key("remove"), disabled=not editable)
        if current.has_image
        else False
    )
    purpose = st.text_area(
        t("publish.purpose"),
        value=current.purpose_text,
        max_chars=PURPOSE_MAX,
        height=200,
        key=key("purpose"),
        help=t("publish.purpose_help"),
        disabled=not editable,
    )
    st.caption(
        t("publish.purpose_version", version=current.purpose_version)
        if current.purpose_version
        else t("publish.purpose_none")
    )
    draft = PublishInput(
        published=published,
        slug=slug,
        intro=intro,
        purpose_text=purpose,
        image=upload.getvalue() if upload is not None else None,
        remove_image=remove,
    )
    if (
        editable
        and st.button(t("form.save"), type="primary", key=key("save"))
        and attempt(
            lambda s: public_apply.save_publishing(s, context.actor, pid, draft), "form.saved"
        )
    ):
        st.rerun()
    return draft
