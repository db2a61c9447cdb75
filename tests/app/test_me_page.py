"""本人ページ in the app: a link issued here opens the person's page with their sign-ups; with no
link, an expired or a made-up one, the page offers to mail a new link and never shows an error
page; the answer to a request is the same for a known and an unknown address."""

from __future__ import annotations

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
    Talent,
)
from colead.models.base import utcnow
from colead.services import access_links
from tests.app.helpers import TIMEOUT, button, new_app, text_input, visible_text

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
