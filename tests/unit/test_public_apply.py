"""The recruitment page and its application form: publishing rules, what the public sees, and
a form that survives the internet (dedupe, consent with its purpose version, double opt-in,
honeypot, rate limits, length limits)."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.models import (
    AuditLog,
    ConsentRecord,
    FormSubmission,
    OutboxMail,
    Programme,
    PurposeText,
    Region,
    Role,
    Talent,
    TalentSkill,
    TalentStatus,
    WorksheetAnswer,
)
from colead.services import access_links, public_apply
from colead.services.access import AccessDenied
from colead.services.errors import InputError, InvalidInput
from colead.services.public_apply import ApplicationForm, PublishInput

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
PURPOSE = "応募いただいた情報は、本プログラムの運営と連絡にのみ利用します。"


def _png(size: tuple[int, int] = (4, 3), fmt: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def programme(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    s = write_session
    region = Region(name="釧路市", prefecture="北海道")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="釧路Co-LEAD 2026")
    s.add(programme)
    s.flush()
    staff = make_actor(Role.STAFF, (region.id,))
    for sheet, question, value in (
        ("A-1", "s1_region_summary", "港町です。"),
        ("A-1", "s4_vision", "データで漁業を変える"),
        ("A-1", "s5_incentives", "特産品と作業スペース"),
        ("A-1", "s4_barriers", "内部の事情（非公開）"),
        ("A-3", "s1_dates", ["2026-07-10", "2026-07-03"]),
        ("B-5", "s1_dates", ["2026-09-01"]),
    ):
        s.add(
            WorksheetAnswer(
                programme_id=programme.id, worksheet=sheet, question=question, value=value
            )
        )
    public_apply.save_publishing(
        s,
        staff,
        programme.id,
        PublishInput(published=True, slug="kushiro-2026", intro="ようこそ", purpose_text=PURPOSE),
    )
    s.flush()
    return programme, staff


def _form(**changes) -> ApplicationForm:  # type: ignore[no-untyped-def]
    base = ApplicationForm(
        name="山田 花子",
        kana="やまだ はなこ",
        email="Hanako@Example.JP",
        affiliation="株式会社サンプル",
        skills=("data_scientist",),
        skills_text="Python, 機械学習",
        interests="漁業のデータ活用",
        available_time="平日夜",
        channel="sns",
        consent=True,
        purpose_version=1,
        honeypot="",
    )
    return dataclasses.replace(base, **changes)


def _submit(s: Session, form: ApplicationForm, address: str = "203.0.113.5", now=NOW):  # type: ignore[no-untyped-def]
    return public_apply.submit_application(s, "kushiro-2026", form, address, now)


def _count(s: Session, model) -> int:  # type: ignore[no-untyped-def]
    return s.exec(select(func.count()).select_from(model)).one()


# --- publishing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["ab", "a" * 41, "Kushiro!", "釧路", "-kushiro", "kushiro-", "a b c", "../x"]
)
def test_a_slug_must_be_short_lowercase_ascii(write_session: Session, programme, slug) -> None:  # type: ignore[no-untyped-def]
    prog, staff = programme
    with pytest.raises(InvalidInput) as error:
        public_apply.save_publishing(
            write_session,
            staff,
            prog.id,
            PublishInput(published=True, slug=slug, intro="", purpose_text=PURPOSE),
        )
    assert [e.key for e in error.value.errors] == ["publish.error.slug"]


def test_a_slug_is_unique_and_upper_case_is_folded(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, staff = programme
    other = Programme(region_id=prog.region_id, fiscal_year=2027, name="次年度")
    s.add(other)
    s.flush()
    with pytest.raises(InvalidInput) as error:
        public_apply.save_publishing(
            s, staff, other.id, PublishInput(False, "KUSHIRO-2026", "", "")
        )
    assert [e.key for e in error.value.errors] == ["publish.error.slug_taken"]
    saved = public_apply.save_publishing(
        s, staff, other.id, PublishInput(False, "Kushiro-27", "", "")
    )
    assert saved.slug == "kushiro-27"


def test_publishing_needs_a_slug_and_a_purpose_and_limits_the_intro(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    prog, staff = programme
    with pytest.raises(InvalidInput) as error:
        public_apply.save_publishing(
            write_session, staff, prog.id, PublishInput(True, "", "x" * 4_001, "")
        )
    assert [e.key for e in error.value.errors] == [
        "publish.error.slug_required",
        "form.error.too_long",
        "publish.error.purpose_required",
    ]


def test_a_viewer_or_another_region_cannot_publish(
    write_session: Session, programme, make_actor
) -> None:  # type: ignore[no-untyped-def]
    prog, _ = programme
    for actor in (make_actor(Role.VIEWER, (prog.region_id,)), make_actor(Role.STAFF, (999,))):
        with pytest.raises(AccessDenied):
            public_apply.save_publishing(
                write_session, actor, prog.id, PublishInput(False, "x-y-z", "", "")
            )


def test_the_image_is_checked_by_its_bytes() -> None:
    assert public_apply.image_type(_png()) == "image/png"
    assert public_apply.image_type(_png(fmt="JPEG")) == "image/jpeg"
    for bad in (
        b"GIF89a" + b"\0" * 20,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"\x89PNG\r\n\x1a\n" + b"not really a png",
        _png(fmt="GIF"),
    ):
        with pytest.raises(InputError) as error:
            public_apply.image_type(bad)
        assert error.value.key == "publish.error.image_type"
    with pytest.raises(InputError) as error:
        public_apply.image_type(b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024))
    assert error.value.key == "publish.error.image_too_large"


def test_an_image_is_stored_with_its_type_and_can_be_removed(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    prog, staff = programme
    data = _png(fmt="JPEG")
    kept = public_apply.save_publishing(
        write_session, staff, prog.id, PublishInput(True, "kushiro-2026", "", PURPOSE, image=data)
    )
    assert kept.image == data and kept.image_type == "image/jpeg"
    gone = public_apply.save_publishing(
        write_session,
        staff,
        prog.id,
        PublishInput(True, "kushiro-2026", "", PURPOSE, remove_image=True),
    )
    assert gone.image is None and not gone.has_image


def test_a_changed_purpose_text_is_a_new_version(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, staff = programme
    public_apply.save_publishing(s, staff, prog.id, PublishInput(True, "kushiro-2026", "", PURPOSE))
    assert _count(s, PurposeText) == 1  # the same text: no new version
    settings = public_apply.save_publishing(
        s, staff, prog.id, PublishInput(True, "kushiro-2026", "", PURPOSE + "（改訂）")
    )
    assert settings.purpose_version == 2
    texts = s.exec(select(PurposeText.version, PurposeText.text).order_by(PurposeText.version))
    assert [v for v, _ in texts] == [1, 2]


# --- what the public sees ----------------------------------------------------------------------


def test_the_public_view_holds_only_public_texts(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, _ = programme
    s.add(
        Talent(
            programme_id=prog.id,
            name="秘密 太郎",
            email="secret@example.jp",
            applied_on=date(2026, 5, 1),
            note="内部メモ",
        )
    )
    s.flush()
    view = public_apply.public_view(s, "kushiro-2026")
    assert view is not None
    for value in dataclasses.asdict(view).values():
        assert not isinstance(value, (Programme, Talent, Region))
    text = repr(dataclasses.asdict(view))
    for private in ("秘密", "secret@", "内部メモ", "内部の事情"):
        assert private not in text
    assert [sec.heading_key for sec in view.sections] == [
        "apply.section.region",
        "apply.section.roles",
        "apply.section.incentives",
    ]
    assert view.schedule[0].days == (date(2026, 7, 3), date(2026, 7, 10))
    assert view.schedule[1].days == (date(2026, 9, 1),)
    assert view.purpose_version == 1 and view.purpose_text == PURPOSE
    assert [c.slug for c in public_apply.public_programmes(s)] == ["kushiro-2026"]


@pytest.mark.parametrize(
    "slug", [None, "", "nope", "KUSHIRO-2026", "x" * 5000, ["kushiro-2026"], "' OR 1=1 --"]
)
def test_an_unknown_or_malformed_slug_shows_nothing(
    write_session: Session, programme, slug
) -> None:  # type: ignore[no-untyped-def]
    assert public_apply.public_view(write_session, slug) is None


def test_an_unpublished_or_archived_programme_is_not_public(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, staff = programme
    public_apply.save_publishing(
        s, staff, prog.id, PublishInput(False, "kushiro-2026", "", PURPOSE)
    )
    assert public_apply.public_view(s, "kushiro-2026") is None
    assert public_apply.public_programmes(s) == []
    public_apply.save_publishing(s, staff, prog.id, PublishInput(True, "kushiro-2026", "", PURPOSE))
    prog.archived_at = NOW
    s.add(prog)
    s.flush()
    assert public_apply.public_view(s, "kushiro-2026") is None
    assert not _submit(s, _form()).accepted


# --- applying -----------------------------------------------------------------------------------


def test_an_application_creates_an_unconfirmed_applicant_with_consent_and_a_mail(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    _prog, _ = programme
    assert _submit(s, _form()).accepted
    person = s.exec(select(Talent)).one()
    assert person.email == "hanako@example.jp"
    assert person.status == TalentStatus.APPLIED
    assert person.awaiting_confirmation and person.confirmed_at is None
    assert person.recruitment_channel == "SNS・Web広告"
    assert (person.kana, person.available_time) == ("やまだ はなこ", "平日夜")
    assert list(s.exec(select(TalentSkill.skill_type))) == ["data_scientist"]
    consent = s.exec(select(ConsentRecord)).one()
    purpose = s.exec(select(PurposeText)).one()
    assert consent.purpose_id == purpose.id and "第1版" in consent.scope
    assert consent.granted_at.replace(tzinfo=UTC) == NOW
    assert s.exec(select(AuditLog).where(AuditLog.action == "consent.grant")).first()
    mail = s.exec(select(OutboxMail)).one()
    assert mail.to_address == "hanako@example.jp" and mail.talent_id == person.id
    assert "山田" not in mail.body_text  # nothing a stranger typed goes out in a mail
    link = next(word for word in mail.body_text.split() if "/me?t=" in word)
    token = link.split("t=", 1)[1]
    assert access_links.resolve(s, token, now=NOW).id == person.id
    assert public_apply.confirm(s, person, now=NOW)
    assert not person.awaiting_confirmation and person.confirmed_at is not None
    assert not public_apply.confirm(s, person, now=NOW)  # a second opening changes nothing


def test_the_same_email_updates_the_person_never_a_duplicate(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    _prog, _ = programme
    assert _submit(s, _form()).accepted
    again = _form(
        email=" ＨＡＮＡＫＯ＠example.jp ", name="山田 はな子", skills=("engineer",)
    )  # full-width and upper case: the same address
    assert _submit(s, again, address="198.51.100.7").accepted
    person = s.exec(select(Talent)).one()
    assert person.name == "山田 はな子"  # still unconfirmed: the corrected form wins
    assert set(s.exec(select(TalentSkill.skill_type))) == {"data_scientist", "engineer"}
    assert _count(s, ConsentRecord) == 2  # each consent is its own record


def test_a_stranger_cannot_overwrite_a_known_person(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, _ = programme
    known = Talent(
        programme_id=prog.id,
        name="鈴木 一郎",
        email="ichiro@example.jp",
        affiliation="",
        status=TalentStatus.ACTIVE,
        applied_on=date(2026, 4, 1),
    )
    s.add(known)
    s.flush()
    assert _submit(s, _form(email="ICHIRO@example.jp", name="偽名")).accepted
    s.refresh(known)
    assert (known.name, known.status) == ("鈴木 一郎", TalentStatus.ACTIVE)
    assert known.affiliation == "株式会社サンプル"  # an empty field is filled
    assert not known.awaiting_confirmation  # still counted: staff knew them already
    assert _count(s, Talent) == 1


def test_every_problem_is_named_at_once(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    outcome = _submit(
        write_session,
        _form(
            name="",
            kana="yamada",
            email="not-an-address",
            channel="tv",
            consent=False,
            skills=("wizard",),
        ),
    )
    assert not outcome.accepted
    assert [e.key for e in outcome.errors] == [
        "form.error.required",
        "apply.error.kana",
        "apply.error.email",
        "apply.error.skills",
        "apply.error.channel",
        "apply.error.consent",
    ]
    assert _count(write_session, Talent) == 0
    assert _count(write_session, FormSubmission) == 0


def test_every_field_is_length_limited(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    long = {
        "name": "あ" * 101,
        "kana": "あ" * 101,
        "email": "a" * 196 + "@x.jp",
        "affiliation": "a" * 201,
        "skills_text": "a" * 1_001,
        "interests": "a" * 1_001,
        "available_time": "a" * 201,
    }
    outcome = _submit(write_session, _form(**long))
    assert [e.key for e in outcome.errors] == ["form.error.too_long"] * len(long)
    assert _count(write_session, Talent) == 0


def test_values_that_are_not_text_are_refused_not_crashed_on(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    outcome = _submit(
        write_session,
        _form(name=["x"], email={"a": 1}, consent="yes", skills="security", purpose_version="1"),
    )
    assert not outcome.accepted and outcome.errors


def test_consent_names_the_version_the_person_read(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    prog, staff = programme
    public_apply.save_publishing(
        s, staff, prog.id, PublishInput(True, "kushiro-2026", "", "改訂版")
    )
    outcome = _submit(s, _form(purpose_version=1))
    assert [e.key for e in outcome.errors] == ["apply.error.purpose_changed"]
    assert _submit(s, _form(purpose_version=2)).accepted
    consent = s.exec(select(ConsentRecord)).one()
    assert s.get(PurposeText, consent.purpose_id).version == 2


def test_typed_markup_and_formulas_are_stored_as_typed_and_exported_as_text(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    name = '=HYPERLINK("http://evil","x")'
    assert _submit(s, _form(name=name, interests="**太字** <script>x</script>\x07")).accepted
    person = s.exec(select(Talent)).one()
    assert person.name == name and "\x07" not in person.interests
    from colead.services.cells import safe_text

    assert safe_text(person.name).startswith("'=")


def test_the_honeypot_looks_accepted_but_stores_nothing(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    assert _submit(s, _form(honeypot="http://spam.example")).accepted
    assert _count(s, Talent) == 0 and _count(s, OutboxMail) == 0
    assert _count(s, FormSubmission) == 0


def test_five_an_hour_per_address(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    for n in range(5):
        assert _submit(s, _form(email=f"p{n}@example.jp")).accepted
    refused = _submit(s, _form(email="p9@example.jp"))
    assert [e.key for e in refused.errors] == ["apply.error.too_many"]
    assert _submit(s, _form(email="p9@example.jp"), address="192.0.2.1").accepted
    later = NOW + timedelta(hours=1, minutes=1)
    assert _submit(s, _form(email="p10@example.jp"), now=later).accepted


def test_five_an_hour_per_email(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    for n in range(5):
        assert _submit(s, _form(), address=f"192.0.2.{n}").accepted
    refused = _submit(s, _form(email="HANAKO@example.jp"), address="192.0.2.99")
    assert [e.key for e in refused.errors] == ["apply.error.too_many"]
    assert _count(s, OutboxMail) == 5  # mails to one address are limited alike


def test_a_flood_of_1000_from_one_address_stores_at_most_five(
    write_session: Session, programme
) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    accepted = 0
    for n in range(1_000):
        moment = NOW + timedelta(milliseconds=60 * n)  # a thousand in a minute
        accepted += _submit(s, _form(email=f"bot{n}@example.jp"), now=moment).accepted
    assert accepted == 5
    assert _count(s, Talent) == 5
    assert _count(s, FormSubmission) == 5
    assert _count(s, OutboxMail) == 5
    assert public_apply.address_limited(s, "203.0.113.5", NOW + timedelta(minutes=1))


def test_old_submission_counts_are_forgotten(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    assert _submit(s, _form(email="a@example.jp")).accepted
    assert _submit(s, _form(email="b@example.jp"), now=NOW + timedelta(days=2)).accepted
    assert _count(s, FormSubmission) == 1


def test_the_dashboard_counts_applications_per_channel(write_session: Session, programme) -> None:  # type: ignore[no-untyped-def]
    from colead.services.trends import ChannelCount, Period, applications_by_channel

    s = write_session
    prog, staff = programme
    s.add(
        Talent(
            programme_id=prog.id,
            name="既存",
            applied_on=date(2026, 5, 1),
            recruitment_channel="SNS・Web広告",
        )
    )
    assert _submit(s, _form(email="a@example.jp")).accepted
    assert _submit(s, _form(email="b@example.jp", channel="matching_platform")).accepted
    rows = applications_by_channel(s, staff, prog.id, Period(date(2026, 4, 1), date(2027, 3, 31)))
    assert rows == [
        ChannelCount("SNS・Web広告", 1, 1),
        ChannelCount("副業マッチングのプラットフォーム", 0, 1),
    ]
    assert (
        applications_by_channel(s, staff, prog.id, Period(date(2026, 6, 2), date(2026, 6, 30)))
        == []
    )
