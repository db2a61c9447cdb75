"""募集・応募 (/apply) as a stranger sees it, and 募集ページ as staff publish it: the list, a
programme's page built from its worksheets, the form (errors keep what was typed; consent
unticked), the thanks and the confirmation mail; staff publish with a preview."""

from __future__ import annotations

from sqlmodel import select

from colead.db import session_scope
from colead.models import ConsentRecord, OutboxMail, Programme, Role, Talent
from colead.services import access_links, public_apply
from colead.services.access import Actor
from colead.services.public_apply import PublishInput
from tests.app.helpers import TIMEOUT, new_app, sign_in, text_input
from tests.app.helpers import visible_text as _markdown

SLUG = "kushiro-apply"
PURPOSE = "ご応募の情報は、本プログラムの運営とご連絡にのみ利用します。"


def _publish() -> Programme:
    with session_scope(write=True) as session:
        programme = session.exec(select(Programme).order_by(Programme.id)).first()
        admin = Actor(0, "test-admin", "Test", Role.ADMIN, frozenset())
        public_apply.save_publishing(
            session,
            admin,
            programme.id,
            PublishInput(True, SLUG, "一緒に港町の未来をつくりませんか。", PURPOSE),
        )
        session.expunge(programme)
        return programme


def visible_text(at) -> str:  # type: ignore[no-untyped-def]
    """What a person reads: typed text is escaped in the Markdown source, not on the screen."""
    return _markdown(at).replace("\\", "")


def _open(slug: str | None = SLUG):  # type: ignore[no-untyped-def]
    at = new_app().run(timeout=TIMEOUT)
    if slug is not None:
        at.query_params["p"] = slug
    at.switch_page("pages/apply.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _checkbox(at, label: str):  # type: ignore[no-untyped-def]
    return next(c for c in at.checkbox if c.label == label)


def _fill(at, email: str = "hanako@example.jp"):  # type: ignore[no-untyped-def]
    text_input(at, "氏名 *").input("山田 花子")
    text_input(at, "ふりがな *").input("やまだ はなこ")
    text_input(at, "メールアドレス *").input(email)
    _checkbox(at, "データサイエンティスト").check()
    next(a for a in at.text_area if a.label == "スキル・経験").input("Python")
    next(s for s in at.selectbox if s.label.startswith("このプログラムを何で")).set_value(
        "matching_platform"
    )
    return at


def _submit(at):  # type: ignore[no-untyped-def]
    next(b for b in at.button if b.label == "応募する").click()
    return at.run(timeout=TIMEOUT)


def _unpublish_all() -> None:
    """A municipality with no page yet (the demo publishes 加賀市's)."""
    with session_scope(write=True) as session:
        for programme in session.exec(select(Programme)).all():
            programme.published = False
            session.add(programme)


def test_the_list_shows_only_published_programmes(demo_url: str) -> None:
    at = _open(None)
    assert "令和8年度 ふるさとCo-LEADプログラム（加賀市）" in visible_text(at)  # the demo's
    _unpublish_all()
    at = _open(None)
    assert "現在募集中のプログラムはありません。" in visible_text(at)
    programme = _publish()
    at = _open(None)
    assert programme.name in visible_text(at)
    at = _open("no-such-programme")
    assert "この募集ページは見つかりませんでした。" in visible_text(at)
    assert not at.text_input  # no form


def test_a_stranger_applies_errors_keep_what_was_typed_and_a_mail_confirms(
    demo_url: str,
) -> None:
    programme = _publish()
    at = _open()
    text = visible_text(at)
    assert programme.name in visible_text(at)
    assert "一緒に港町の未来をつくりませんか。" in text and PURPOSE in text
    assert "個人情報の利用目的（第1版）" in text
    consent = _checkbox(at, "上記の個人情報の利用目的に同意します *")
    assert consent.value is False  # never ticked for them
    at = _submit(_fill(at))  # without consent
    assert "同意の欄にチェックを入れてください" in visible_text(at)
    assert text_input(at, "氏名 *").value == "山田 花子"
    assert _checkbox(at, "データサイエンティスト").value is True
    _checkbox(at, "上記の個人情報の利用目的に同意します *").check()
    at = _submit(at)
    assert not at.exception
    assert "確認メールをお送りしました" in visible_text(at)
    assert not at.text_input  # the form gave way to the thanks
    with session_scope() as session:
        person = session.exec(select(Talent).where(Talent.email == "hanako@example.jp")).one()
        assert person.programme_id == programme.id and person.awaiting_confirmation
        assert person.recruitment_channel == "副業マッチングのプラットフォーム"
        assert session.exec(select(ConsentRecord).where(ConsentRecord.talent_id == person.id)).one()
        mail = session.exec(select(OutboxMail).where(OutboxMail.talent_id == person.id)).one()
        token = mail.body_text.split("/me?t=", 1)[1].split()[0]
        assert access_links.resolve(session, token).id == person.id


def test_the_honeypot_is_drawn_but_hidden_and_thanks_a_bot(demo_url: str) -> None:
    _publish()
    at = _open()
    trap = text_input(at, "この欄は入力しないでください")
    assert any("st-key-colead_apply_hp" in str(h.proto.body) for h in at.get("html"))
    trap.input("http://spam.example")
    _checkbox(_fill(at, "bot@example.jp"), "上記の個人情報の利用目的に同意します *").check()
    at = _submit(at)
    assert "確認メールをお送りしました" in visible_text(at)
    with session_scope() as session:
        assert session.exec(select(Talent).where(Talent.email == "bot@example.jp")).first() is None


def test_staff_publish_with_a_preview_and_see_unconfirmed_applicants(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/publishing.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "募集ページ" in [t.value for t in at.title]
    programme_id = at.session_state["colead_programme_id"]
    next(w for w in at.toggle if w.label == "募集ページを公開する").set_value(True)
    text_input(at, "ページのアドレス（半角英小文字・数字・ハイフン、3〜40文字）").input("Bad Slug!")
    next(a for a in at.text_area if a.label == "紹介文").input("港町で、データの力を。")
    next(a for a in at.text_area if a.label == "個人情報の利用目的").input(PURPOSE)
    at.run(timeout=TIMEOUT)
    # the preview draws what the public page draws, from the typed (unsaved) text
    assert "港町で、データの力を。" in visible_text(at)
    assert "個人情報の利用目的（第1版）" in visible_text(at)
    assert next(b for b in at.button if b.label == "応募する").disabled
    next(b for b in at.button if b.label == "保存する").click()
    at.run(timeout=TIMEOUT)
    assert "アドレスは半角英小文字" in visible_text(at)
    text_input(at, "ページのアドレス（半角英小文字・数字・ハイフン、3〜40文字）").input(SLUG)
    next(b for b in at.button if b.label == "保存する").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "保存しました。" in visible_text(at)
    with session_scope() as session:
        programme = session.get(Programme, programme_id)
        assert programme.published and programme.public_slug == SLUG
    public = _open()
    assert "港町で、データの力を。" in visible_text(public)
    _checkbox(_fill(public), "上記の個人情報の利用目的に同意します *").check()
    _submit(public)
    at.switch_page("pages/talent.py").run(timeout=TIMEOUT)
    assert not at.exception
    statuses = [str(v) for frame in at.dataframe for v in frame.value.iloc[:, 3]]
    assert "応募（未確認）" in statuses


def test_the_programme_page_offers_its_published_meetup(demo_url: str) -> None:
    from datetime import timedelta

    from colead.models import Event, EventKind
    from colead.models.base import utcnow
    from colead.services import event_signup

    programme = _publish()
    with session_scope(write=True) as session:
        admin = Actor(0, "test-admin", "Test", Role.ADMIN, frozenset())
        meetup = Event(
            programme_id=programme.id,
            kind=EventKind.MEETUP,
            title="港町オンラインミートアップ",
            starts_at=utcnow() + timedelta(days=20),
            online_tool="Zoom",
        )
        session.add(meetup)
        session.flush()
        event_signup.publish(session, admin, meetup.id, capacity=30, agenda="地域紹介と意見交換")
    text = visible_text(_open())
    assert "参加者募集中のイベント" in text and "港町オンラインミートアップ" in text
    assert "地域紹介と意見交換" in text and "受付中（残席あり）" in text
    assert "イベントに申し込む" in text
