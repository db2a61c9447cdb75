"""本人ページ in the app: a link issued here opens the person's page with their sign-ups; with no
link, an expired or a made-up one, the page offers to mail a new link and never shows an error
page; the answer to a request is the same for a known and an unknown address."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import func, select

from colead.db import session_scope
from colead.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    OutboxMail,
    Programme,
    Talent,
)
from colead.models.base import utcnow
from colead.services import access_links
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text

PAGE = "pages/me.py"


def _open(token: str | None):  # type: ignore[no-untyped-def]
    at = new_app()
    if token is not None:
        at.query_params["t"] = token
    at.run(timeout=TIMEOUT)
    at.switch_page(PAGE).run(timeout=TIMEOUT)
    assert not at.exception
    return at


def _person_with_a_sign_up() -> tuple[int, int, str, str]:
    """A demo person signed up for an upcoming published meetup: (id, the event's id and
    title, a link token)."""
    with session_scope(write=True) as s:
        talent = s.exec(select(Talent).where(Talent.email != "").order_by(Talent.id)).first()
        assert talent is not None
        event = Event(
            programme_id=talent.programme_id,
            kind=EventKind.MEETUP,
            title="本人ページ確認用ミートアップ",
            starts_at=utcnow() + timedelta(days=20),
            place="東京都千代田区",
            published=True,
            capacity=10,
        )
        s.add(event)
        s.flush()
        s.add(
            Attendance(event_id=event.id, talent_id=talent.id, status=AttendanceStatus.REGISTERED)
        )
        token = access_links.issue(s, talent.id)
        return talent.id, event.id, event.title, token


def test_a_link_opens_the_persons_page_with_their_sign_ups(demo_url: str) -> None:
    _, event_id, title, token = _person_with_a_sign_up()
    at = _open(token)
    text = visible_text(at)
    assert title in text
    assert "本人ページ" in [t.value for t in at.title]
    assert [tab.label for tab in at.tabs] == [
        "参加予定",
        "報告",
        "同意",
        "データ",
        "配信停止・削除",
    ]
    # only the meetup can be cancelled here; report meetings are the staff's to change
    assert [b.key for b in at.button if b.label == "キャンセルする"] == [
        f"colead_me_cancel:{event_id}"
    ]
    assert "ログイン" not in [b.label for b in at.button]


def test_a_person_cancels_their_sign_up_on_their_page(demo_url: str) -> None:
    talent_id, event_id, title, token = _person_with_a_sign_up()
    at = _open(token)
    at.button(key=f"colead_me_cancel:{event_id}").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    with session_scope() as s:
        status = s.exec(
            select(Attendance.status)
            .join(Event, Event.id == Attendance.event_id)
            .where(Attendance.talent_id == talent_id, Event.title == title)
        ).one()
    assert status == AttendanceStatus.CANCELLED


@pytest.mark.parametrize("token", [None, "made-up-token", "x" * 500, "' OR 1=1 --"])
def test_without_a_working_link_the_request_form_shows(demo_url: str, token) -> None:  # type: ignore[no-untyped-def]
    at = _open(token)
    assert "メールアドレス" in [w.label for w in at.text_input]
    assert "リンクを送る" in [b.label for b in at.button]
    assert not at.tabs
    assert "ただいまこのページを表示できません" not in visible_text(at)


def test_an_expired_link_shows_the_request_form(demo_url: str) -> None:
    with session_scope(write=True) as s:
        talent = s.exec(select(Talent).where(Talent.email != "").order_by(Talent.id)).first()
        token = access_links.issue(
            s, talent.id, now=utcnow() - access_links.LIFETIME - timedelta(minutes=1)
        )  # type: ignore[union-attr]
    at = _open(token)
    assert "有効期限" in visible_text(at)
    assert "リンクを送る" in [b.label for b in at.button]


def test_a_request_answers_alike_for_known_and_unknown_addresses(demo_url: str) -> None:
    with session_scope() as s:
        known = s.exec(select(Talent.email).where(Talent.email != "").order_by(Talent.id)).first()
    answers = []
    for email in (known, "nobody-here@example.jp"):
        at = _open(None)
        text_input(at, "メールアドレス").input(email)
        button(at, "リンクを送る").click()
        at.run(timeout=TIMEOUT)
        assert not at.exception
        answers.append([s.value for s in at.success])
    assert answers[0] == answers[1] and answers[0]
    with session_scope() as s:
        sent = s.exec(
            select(func.count()).select_from(OutboxMail).where(OutboxMail.kind == "own_page_link")
        ).one()
    assert sent >= 1


def test_a_sign_up_asked_for_by_mail_is_confirmed_with_one_button(demo_url: str) -> None:
    talent_id, _, _, token = _person_with_a_sign_up()
    with session_scope(write=True) as s:
        other = Event(
            programme_id=s.get(Talent, talent_id).programme_id,  # type: ignore[union-attr]
            kind=EventKind.TOUR,
            title="公開ツアー",
            starts_at=utcnow() + timedelta(days=30),
            published=True,
            capacity=1,
        )
        s.add(other)
        s.flush()
        other_id = other.id
    at = new_app()
    at.query_params["t"] = token
    at.query_params["e"] = str(other_id)
    at.run(timeout=TIMEOUT)
    at.switch_page(PAGE).run(timeout=TIMEOUT)
    assert "次のイベントへの参加を申し込みますか。" in visible_text(at)
    at.button(key=f"colead_me_confirm:{other_id}").click().run(timeout=TIMEOUT)
    assert not at.exception
    assert "「公開ツアー」への参加を申し込みました。" in visible_text(at)
    with session_scope() as s:
        status = s.exec(
            select(Attendance.status).where(
                Attendance.event_id == other_id, Attendance.talent_id == talent_id
            )
        ).one()
        mail = s.exec(
            select(OutboxMail).where(
                OutboxMail.talent_id == talent_id, OutboxMail.kind == "event_registered"
            )
        ).one()
    assert status == AttendanceStatus.REGISTERED
    assert mail.attachment_name == "event.ics"


def test_the_person_downloads_their_data(demo_url: str, downloads: dict[str, bytes]) -> None:
    talent_id, _, title, token = _person_with_a_sign_up()
    _open(token)
    data = json.loads(downloads["my_data.json"])
    assert data["person"]["id"] == talent_id
    assert title in [e["title"] for e in data["events"]]


def test_staff_publish_an_event_and_the_public_list_shows_it(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/events.py").run(timeout=TIMEOUT)
    with session_scope(write=True) as s:
        event = Event(
            programme_id=at.session_state["colead_programme_id"],
            kind=EventKind.MEETUP,
            title="公開するミートアップ",
            starts_at=utcnow() + timedelta(days=15),
        )
        s.add(event)
        s.flush()
        event_id, programme_id = event.id, event.programme_id
        s.get(Programme, programme_id).published = True  # type: ignore[union-attr]
    at.run(timeout=TIMEOUT)
    next(w for w in at.selectbox if w.label == "出欠を確認するイベント").select(event_id)
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    next(w for w in at.number_input if w.label == "定員（空欄は定員なし）").set_value(30)
    next(w for w in at.text_area if w.label == "プログラム・行程（公開）").input("19:00 趣旨説明")
    button(at, "公開する・更新する").click().run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert "「公開するミートアップ」を公開しました。" in visible_text(at)
    with session_scope() as s:
        stored = s.get(Event, event_id)
        assert stored.published and stored.capacity == 30  # type: ignore[union-attr]
        assert stored.agenda == "19:00 趣旨説明"  # type: ignore[union-attr]

    from streamlit.testing.v1 import AppTest

    def public_list(programme_id: int) -> None:
        from colead.ui.i18n import begin_run
        from colead.ui.public_events import render_signup

        begin_run()
        render_signup(programme_id)

    public = AppTest.from_function(public_list, args=(programme_id,), default_timeout=TIMEOUT)
    public.run()
    assert not public.exception, public.exception
    text = visible_text(public)
    assert "公開するミートアップ" in text and "受付中（残席あり）" in text
    text_input(public, "お名前").input("新しい 人")
    text_input(public, "メールアドレス").input("new-person@example.jp")
    next(c for c in public.checkbox if "利用目的" in c.label).check()
    button(public, "確認メールを送る").click().run()
    assert not public.exception, public.exception
    assert "確認メールをお送りしました" in visible_text(public)
