"""The recruitment page (募集ページ) and its application form (#12 items 1, 2, 3, 9).

Staff publish a programme's page with a switch and a short address (`/apply?p=<slug>`); its
text is built from the worksheets (A-1's region, roles and incentives, A-3's meetup dates,
B-5's tour dates) with an introduction and an image of the staff's own, and the purpose of use
of personal data, kept as numbered versions so that a consent names the version read.

Everything the public side takes is hostile: `public_view` returns only the public texts, as
plain dataclasses; `submit_application` checks a hidden honeypot field, limits submissions per
client address and per e-mail address (FormSubmission rows of the last hour), limits the length
of every field, and refuses what is not well-formed with catalog keys the page shows in words.
A submission creates the person (or updates the one with the same e-mail address in the
programme, never a second one), records the consent through `relationships.grant_consent`
with the purpose version, and mails a link (double opt-in): until it is opened the person is
未確認 (`awaiting_confirmation`) and the funnel leaves them out.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from colead.i18n import Label, format_date, to_jst, translate
from colead.models import (
    Programme,
    PurposeText,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
    WorksheetAnswer,
)
from colead.models.base import utcnow
from colead.services import access_links, audit, form_limits
from colead.services.access import Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.relationships import grant_consent
from colead.worksheets.a_2 import WORKSHEET as A2
from colead.worksheets.english import localise

FORM = "apply"
SLUG = re.compile(r"^[a-z0-9-]{3,40}$")
INTRO_MAX = 4_000
PURPOSE_MAX = 4_000
IMAGE_MAX = 2 * 1024 * 1024
IMAGE_PIXELS_MAX = 40_000_000
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
PER_HOUR = 5  # accepted submissions per client address, and per e-mail address
# What the form takes, each at most this long (the column's length where it has one).
LIMITS = {
    "name": 100,
    "kana": 100,
    "email": 200,
    "affiliation": 200,
    "skills_text": 1_000,
    "interests": 1_000,
    "available_time": 200,
}
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
KANA = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe・ 　]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")

# How people heard of the programme: A-2's direct approaches (STEP2), then the services of its
# STEP3 question, then the rest. Stored as the Japanese label, as the registry keeps channels.
_DIRECT = (("sns", "SNS・Web広告"), ("region_media", "地域・自治体のHPやチラシ"))
_OTHER = (("acquaintance", "知人の紹介"), ("other", "その他"))
_SERVICES = next(q for q in A2.questions() if q.id == "s3_services")
CHANNELS: dict[str, str] = {
    **dict(_DIRECT),
    **{o.id: o.label for o in _SERVICES.options},
    **dict(_OTHER),
}

# The A-1 answers a recruitment page shows, in order (catalog key of each section's heading).
PUBLIC_ANSWERS = (
    ("A-1", "s1_region_summary", "apply.section.region"),
    ("A-1", "s1_attractions", "apply.section.attractions"),
    ("A-1", "s2_issues", "apply.section.issues"),
    ("A-1", "s4_vision", "apply.section.roles"),
    ("A-1", "s5_incentives", "apply.section.incentives"),
)
SCHEDULE = (
    ("A-3", "s1_dates", "apply.schedule.meetup"),
    ("B-5", "s1_dates", "apply.schedule.tour"),
)


def channel_label(channel_id: str, lang: str = "ja") -> str:
    """A channel as a person of `lang` reads it."""
    if lang == "ja" or channel_id not in CHANNELS:
        return CHANNELS.get(channel_id, "")
    if any(o.id == channel_id for o in _SERVICES.options):
        sheet = localise(A2, lang)
        question = next(q for q in sheet.questions() if q.id == "s3_services")
        return next(o.label for o in question.options if o.id == channel_id)
    return translate(f"apply.channel.{channel_id}", lang)


# --- what the public sees ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicCard:
    """One published programme in the list of /apply."""

    slug: str
    name: str
    region: str
    prefecture: str
    fiscal_year: int
    summary: str


@dataclass(frozen=True)
class PublicSection:
    heading_key: str  # catalog key
    text: str


@dataclass(frozen=True)
class PublicDates:
    label_key: str  # catalog key
    days: tuple[date, ...]


@dataclass(frozen=True)
class PublicView:
    """A programme's recruitment page: its public texts and nothing else."""

    slug: str
    name: str
    region: str
    prefecture: str
    fiscal_year: int
    intro: str
    image: bytes | None
    image_type: str
    sections: tuple[PublicSection, ...]
    schedule: tuple[PublicDates, ...]
    purpose_version: int | None  # None: no purpose text yet (the form cannot be sent)
    purpose_text: str
    channels: tuple[str, ...] = tuple(CHANNELS)
    skills: tuple[str, ...] = tuple(s.value for s in SkillType)


def _published():  # type: ignore[no-untyped-def]
    return (
        select(Programme, Region)
        .join(Region, col(Region.id) == col(Programme.region_id))
        .where(
            col(Programme.published),
            col(Programme.public_slug).is_not(None),
            col(Programme.archived_at).is_(None),
            col(Region.archived_at).is_(None),
        )
    )


def _latest_purpose(session: Session, programme_id: int) -> PurposeText | None:
    return session.exec(
        select(PurposeText)
        .where(PurposeText.programme_id == programme_id)
        .order_by(col(PurposeText.version).desc())
        .limit(1)
    ).first()


def _summary(text: str, length: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


def public_programmes(session: Session) -> list[PublicCard]:
    """Every published programme, newest fiscal year first."""
    rows = session.exec(
        _published().order_by(
            col(Programme.fiscal_year).desc(), col(Region.prefecture), col(Region.name)
        )
    ).all()
    return [
        PublicCard(
            slug=p.public_slug or "",
            name=p.name,
            region=r.name,
            prefecture=r.prefecture,
            fiscal_year=p.fiscal_year,
            summary=_summary(p.public_intro),
        )
        for p, r in rows
    ]


def _clean_slug(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    slug = value.strip()
    return slug if SLUG.match(slug) else None


def public_view(session: Session, slug: object) -> PublicView | None:
    """The published programme at `slug` (whatever the address gave), or None."""
    slug = _clean_slug(slug)
    if slug is None:
        return None
    row = session.exec(_published().where(Programme.public_slug == slug)).first()
    if row is None:
        return None
    programme, region = row
    purpose = _latest_purpose(session, programme.id)
    return _view(
        session,
        programme,
        region,
        intro=programme.public_intro,
        image=programme.public_image,
        image_type=programme.public_image_type,
        purpose=purpose,
    )


def published_programme_id(session: Session, slug: object) -> int | None:
    """The id of the published programme at `slug`, for the sections that list its own public
    records (its published events); None when nothing is published there."""
    slug = _clean_slug(slug)
    if slug is None:
        return None
    row = session.exec(_published().where(Programme.public_slug == slug)).first()
    return row[0].id if row is not None else None


def _answers(session: Session, programme_id: int) -> dict[tuple[str, str], Any]:
    wanted = {(sheet, q) for sheet, q, _ in (*PUBLIC_ANSWERS, *SCHEDULE)}
    rows = session.exec(
        select(WorksheetAnswer.worksheet, WorksheetAnswer.question, WorksheetAnswer.value).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.subject == "",
            col(WorksheetAnswer.worksheet).in_({sheet for sheet, _ in wanted}),
        )
    ).all()
    return {(sheet, q): value for sheet, q, value in rows if (sheet, q) in wanted}


def _days(value: Any) -> tuple[date, ...]:
    days: set[date] = set()
    for item in value if isinstance(value, list) else []:
        try:
            days.add(date.fromisoformat(str(item)))
        except ValueError:
            continue
    return tuple(sorted(days))


def _view(
    session: Session,
    programme: Programme,
    region: Region,
    *,
    intro: str,
    image: bytes | None,
    image_type: str,
    purpose: PurposeText | None,
    purpose_draft: str | None = None,
) -> PublicView:
    answers = _answers(session, programme.id)
    sections = tuple(
        PublicSection(key, text.strip())
        for sheet, q, key in PUBLIC_ANSWERS
        if isinstance(text := answers.get((sheet, q)), str) and text.strip()
    )
    schedule = tuple(
        PublicDates(key, days)
        for sheet, q, key in SCHEDULE
        if (days := _days(answers.get((sheet, q))))
    )
    if purpose_draft is not None:  # a preview of a text not saved yet
        version = (purpose.version if purpose else 0) + (
            0 if purpose and purpose.text == purpose_draft else 1
        )
        purpose_version, purpose_text = (version, purpose_draft) if purpose_draft else (None, "")
    else:
        purpose_version = purpose.version if purpose else None
        purpose_text = purpose.text if purpose else ""
    return PublicView(
        slug=programme.public_slug or "",
        name=programme.name,
        region=region.name,
        prefecture=region.prefecture,
        fiscal_year=programme.fiscal_year,
        intro=intro,
        image=image,
        image_type=image_type,
        sections=sections,
        schedule=schedule,
        purpose_version=purpose_version,
        purpose_text=purpose_text,
    )


# --- publishing (staff) --------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishSettings:
    """What the staff's page shows and edits."""

    published: bool
    slug: str
    intro: str
    has_image: bool
    image: bytes | None
    image_type: str
    purpose_text: str
    purpose_version: int | None


@dataclass(frozen=True)
class PublishInput:
    published: bool
    slug: str
    intro: str
    purpose_text: str
    image: bytes | None = None  # a new image; None keeps the current one
    remove_image: bool = False


def publish_settings(session: Session, actor: Actor, programme_id: int) -> PublishSettings:
    programme = require_programme(session, actor, programme_id)
    purpose = _latest_purpose(session, programme_id)
    return PublishSettings(
        published=programme.published,
        slug=programme.public_slug or "",
        intro=programme.public_intro,
        has_image=programme.public_image is not None,
        image=programme.public_image,
        image_type=programme.public_image_type,
        purpose_text=purpose.text if purpose else "",
        purpose_version=purpose.version if purpose else None,
    )


def image_type(data: bytes) -> str:
    """The image's MIME type if it is a PNG or JPEG of at most 2 MB; else InputError.

    Read from the bytes (magic numbers, then the decoder), never from the file's name."""
    if len(data) > IMAGE_MAX:
        raise InputError("publish.error.image_too_large", maximum="2 MB")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise InputError("publish.error.image_type")
    from PIL import Image  # Streamlit's own dependency; imported only when an image comes

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format or ""
            width, height = picture.size
            picture.verify()
    except Exception as error:  # any decoder failure means "not an image"
        raise InputError("publish.error.image_type") from error
    if kind not in IMAGE_TYPES or width * height > IMAGE_PIXELS_MAX:
        raise InputError("publish.error.image_type")
    return IMAGE_TYPES[kind]


def check_slug(session: Session, programme_id: int, slug: str) -> list[InputError]:
    if not SLUG.match(slug) or slug.startswith("-") or slug.endswith("-"):
        return [InputError("publish.error.slug")]
    other = session.exec(
        select(Programme.id).where(Programme.public_slug == slug, Programme.id != programme_id)
    ).first()
    return [InputError("publish.error.slug_taken", slug=slug)] if other is not None else []


def save_publishing(
    session: Session, actor: Actor, programme_id: int, data: PublishInput
) -> PublishSettings:
    """Store the page's settings; InvalidInput lists every problem. A changed purpose text is
    kept as a new version (earlier versions stay, for the consents that name them)."""
    programme = require_programme(session, actor, programme_id, write=True)
    slug = data.slug.strip().lower()
    intro = data.intro.strip()
    purpose_text = data.purpose_text.strip()
    errors: list[InputError] = []
    if slug:
        errors += check_slug(session, programme_id, slug)
    elif data.published:
        errors.append(InputError("publish.error.slug_required"))
    if len(intro) > INTRO_MAX:
        errors.append(
            InputError("form.error.too_long", field=Label("publish.intro"), maximum=INTRO_MAX)
        )
    if len(purpose_text) > PURPOSE_MAX:
        errors.append(
            InputError("form.error.too_long", field=Label("publish.purpose"), maximum=PURPOSE_MAX)
        )
    if data.published and not purpose_text:
        errors.append(InputError("publish.error.purpose_required"))
    new_type = ""
    if data.image is not None and not data.remove_image:
        try:
            new_type = image_type(data.image)
        except InputError as error:
            errors.append(error)
    if errors:
        raise InvalidInput(errors)
    programme.published = data.published
    programme.public_slug = slug or None
    programme.public_intro = intro
    if data.remove_image:
        programme.public_image, programme.public_image_type = None, ""
    elif data.image is not None:
        programme.public_image, programme.public_image_type = data.image, new_type
    session.add(programme)
    latest = _latest_purpose(session, programme_id)
    if purpose_text and (latest is None or latest.text != purpose_text):
        session.add(
            PurposeText(
                programme_id=programme_id,
                version=(latest.version if latest else 0) + 1,
                text=purpose_text,
                created_by=actor.username[:50],
            )
        )
    session.flush()
    audit.record(
        session,
        actor.username,
        "programme.publish" if data.published else "programme.unpublish",
        target=f"programme:{programme_id}",
        region_id=programme.region_id,
        detail=slug,
    )
    return publish_settings(session, actor, programme_id)


def preview(
    session: Session,
    actor: Actor,
    programme_id: int,
    data: PublishInput,
    current_image: tuple[bytes | None, str] = (None, ""),
) -> PublicView:
    """The page as the public would see it with `data` saved (nothing is stored)."""
    programme = require_programme(session, actor, programme_id)
    region = session.get(Region, programme.region_id)
    image, kind = current_image
    if data.remove_image:
        image, kind = None, ""
    elif data.image is not None:
        with contextlib.suppress(InputError):  # the save says why; the current image stays
            image, kind = data.image, image_type(data.image)
    view = _view(
        session,
        programme,
        region,
        intro=data.intro.strip(),
        image=image,
        image_type=kind,
        purpose=_latest_purpose(session, programme_id),
        purpose_draft=data.purpose_text.strip(),
    )
    return replace(view, slug=data.slug.strip().lower())


# --- the application form (public) ---------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationForm:
    """What the form sent: every value as the internet gave it (checked by `submit_application`)."""

    name: object = ""
    kana: object = ""
    email: object = ""
    affiliation: object = ""
    skills: object = ()
    skills_text: object = ""
    interests: object = ""
    available_time: object = ""
    channel: object = ""
    consent: object = False
    purpose_version: object = None
    honeypot: object = ""


@dataclass(frozen=True)
class Submitted:
    """The outcome the page shows. `accepted` False with `errors` empty never happens;
    a honeypot hit looks accepted (the bot learns nothing) but stores nothing."""

    accepted: bool
    errors: list[InputError] = field(default_factory=list)


def _text(value: object, *, multiline: bool = False) -> str:
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFC", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(_CONTROL.sub("", line).rstrip() for line in text.split("\n"))
        return text.strip()
    return " ".join(_CONTROL.sub(" ", text).split())


def normal_email(value: object) -> str:
    """An e-mail address as stored and compared: NFKC (full-width letters as half-width),
    trimmed, lower-case."""
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFKC", value).strip().lower()


@dataclass(frozen=True)
class _Clean:
    name: str
    kana: str
    email: str
    affiliation: str
    skills: tuple[SkillType, ...]
    skills_text: str
    interests: str
    available_time: str
    channel: str


def _field(name: str) -> Label:
    return Label(f"apply.field.{name}")


def _checked(form: ApplicationForm, purpose: PurposeText | None) -> _Clean:
    values = {
        "name": _text(form.name),
        "kana": _text(form.kana),
        "email": normal_email(form.email),
        "affiliation": _text(form.affiliation),
        "skills_text": _text(form.skills_text, multiline=True),
        "interests": _text(form.interests, multiline=True),
        "available_time": _text(form.available_time),
    }
    errors: list[InputError] = []
    for name in ("name", "kana", "email"):
        if not values[name]:
            errors.append(InputError("form.error.required", field=_field(name)))
    for name, value in values.items():
        if len(value) > LIMITS[name]:
            errors.append(
                InputError("form.error.too_long", field=_field(name), maximum=LIMITS[name])
            )
    if values["kana"] and len(values["kana"]) <= LIMITS["kana"] and not KANA.match(values["kana"]):
        errors.append(InputError("apply.error.kana"))
    email = values["email"]
    if email and len(email) <= LIMITS["email"] and not EMAIL.match(email):
        errors.append(InputError("apply.error.email"))
    raw_skills = form.skills if isinstance(form.skills, (list, tuple)) else ()
    known = {s.value for s in SkillType}
    if len(raw_skills) > len(known) or any(s not in known for s in raw_skills):
        errors.append(InputError("apply.error.skills"))
    skills = tuple(dict.fromkeys(SkillType(s) for s in raw_skills if s in known))
    channel = form.channel if isinstance(form.channel, str) else ""
    if channel not in CHANNELS:
        errors.append(InputError("apply.error.channel"))
    if form.consent is not True:
        errors.append(InputError("apply.error.consent"))
    if purpose is None:
        errors.append(InputError("apply.error.closed"))
    elif form.purpose_version != purpose.version:
        errors.append(InputError("apply.error.purpose_changed"))
    if errors:
        raise InvalidInput(errors)
    return _Clean(skills=skills, channel=CHANNELS[channel], **values)


def address_limited(session: Session, address: str, now: datetime | None = None) -> bool:
    """True when the client address has sent as many applications as an hour allows (a cheap
    read, so a page can say so before taking a write lock)."""
    now = now or utcnow()
    return form_limits.recent(session, FORM, now, address=address) >= PER_HOUR


def _email_limited(session: Session, email: str, now: datetime) -> bool:
    return form_limits.recent(session, FORM, now, email=email) >= PER_HOUR


def _public_actor(region_id: int) -> Actor:
    """The application form as the services' actor: it writes to one region only."""
    return Actor(
        user_id=0,
        username="public:apply",
        display_name="応募フォーム",
        role=Role.STAFF,
        region_ids=frozenset({region_id}),
    )


def submit_application(
    session: Session,
    slug: object,
    form: ApplicationForm,
    address: str,
    now: datetime | None = None,
    lang: str = "ja",
) -> Submitted:
    """Take an application from the public page (see the module's docstring).

    Raises nothing for what a visitor did wrong: the errors are returned as catalog keys.
    """
    now = now or utcnow()
    address = (address or "unknown")[:64]
    view = _published_programme(session, slug)
    if view is None:
        return Submitted(False, [InputError("apply.error.closed")])
    programme, region = view
    if not isinstance(form.honeypot, str) or form.honeypot.strip():
        return Submitted(True)  # a bot: looks accepted, nothing stored, nothing mailed
    form_limits.hold(session, FORM, address)
    if address_limited(session, address, now):
        return Submitted(False, [InputError("apply.error.too_many")])
    purpose = _latest_purpose(session, programme.id)
    try:
        data = _checked(form, purpose)
    except InvalidInput as invalid:
        return Submitted(False, invalid.errors)
    if _email_limited(session, data.email, now):
        return Submitted(False, [InputError("apply.error.too_many")])
    form_limits.record(session, FORM, address, data.email, now)
    talent = _store(session, programme, data, now)
    actor = _public_actor(region.id)
    grant_consent(
        session,
        actor,
        talent.id,
        translate("apply.consent_scope", "ja", version=purpose.version),
        to_jst(now).date(),
        purpose_id=purpose.id,
        granted_at=now,
    )
    _mail_link(session, programme, talent, now, lang)
    return Submitted(True)


def _published_programme(session: Session, slug: object) -> tuple[Programme, Region] | None:
    slug = _clean_slug(slug)
    if slug is None:
        return None
    row = session.exec(_published().where(Programme.public_slug == slug)).first()
    return (row[0], row[1]) if row is not None else None


def _store(session: Session, programme: Programme, data: _Clean, now: datetime) -> Talent:
    """The person with this e-mail address in the programme, updated, or a new one.

    A person still 未確認 takes the whole new form (a corrected application). A person staff
    know (confirmed, or registered by staff) is never overwritten by an unconfirmed form:
    only empty fields are filled and talent types added, so a stranger typing someone's
    address cannot change their record.
    """
    existing = session.exec(
        select(Talent)
        .where(
            Talent.programme_id == programme.id,
            func.lower(Talent.email) == data.email,
            col(Talent.erased_at).is_(None),
        )
        .order_by(col(Talent.id))
        .limit(1)
    ).first()
    fields = {
        "name": data.name,
        "kana": data.kana,
        "affiliation": data.affiliation,
        "skills_text": data.skills_text,
        "interests": data.interests,
        "available_time": data.available_time,
        "recruitment_channel": data.channel,
    }
    if existing is None:
        talent = Talent(
            programme_id=programme.id,
            email=data.email,
            status=TalentStatus.APPLIED,
            applied_on=to_jst(now).date(),
            awaiting_confirmation=True,
            created_at=now,
            updated_at=now,
            **fields,
        )
        session.add(talent)
        session.flush()
        action = "talent.apply"
    else:
        talent = existing
        for name, value in fields.items():
            if talent.awaiting_confirmation or not getattr(talent, name):
                setattr(talent, name, value)
        if talent.status == TalentStatus.WITHDRAWN and talent.awaiting_confirmation:
            talent.status = TalentStatus.APPLIED
        talent.updated_at = now
        session.add(talent)
        action = "talent.reapply"
    current = set(
        session.exec(select(TalentSkill.skill_type).where(TalentSkill.talent_id == talent.id))
    )
    session.add_all(
        TalentSkill(talent_id=talent.id, skill_type=s) for s in data.skills if s not in current
    )
    session.flush()
    audit.record(
        session,
        "public:apply",
        action,
        target=f"talent:{talent.id}",
        region_id=session.get(Programme, programme.id).region_id,
    )
    return talent


def _mail_link(
    session: Session, programme: Programme, talent: Talent, now: datetime, lang: str
) -> None:
    from colead.services import mail  # the outbox (written by its own change)

    link = access_links.url(access_links.issue(session, talent.id, now=now))
    lang = lang if lang in ("ja", "en") else "ja"
    mail.send_mail(
        session,
        to=talent.email,
        subject=translate("apply.mail.subject", lang, programme=programme.name),
        text=translate(
            "apply.mail.body",
            lang,
            programme=programme.name,
            link=link,
            until=format_date(now + access_links.LIFETIME, lang),
        ),
        kind="apply_confirm",
        talent_id=talent.id,
        programme_id=programme.id,
    )


def confirm(session: Session, talent: Talent, now: datetime | None = None) -> bool:
    """The person opened their mailed link: the application is confirmed (no longer 未確認).
    True when this opening confirmed it, False when it was confirmed already."""
    if not talent.awaiting_confirmation:
        return False
    now = now or utcnow()
    talent.awaiting_confirmation = False
    talent.confirmed_at = now
    talent.updated_at = now
    session.add(talent)
    programme = session.get(Programme, talent.programme_id)
    audit.record(
        session,
        "public:apply",
        "talent.confirm",
        target=f"talent:{talent.id}",
        region_id=programme.region_id if programme else None,
    )
    session.flush()
    return True
