"""Public event sign-up: publishing, the waiting list and its order, moving up on a cancel
(with its mail), the last seat taken by two at once, sign-up by e-mail address."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from colead.db import session_scope
from colead.models import (
    AccessToken,
    Attendance,
    AttendanceStatus,
    AuditLog,
    ConsentRecord,
    Event,
    EventKind,
    OutboxMail,
    Programme,
    PurposeText,
    Region,
    Role,
    Talent,
)
from colead.services import access_links, event_signup, events
from colead.services.access import AccessDenied, Actor
from colead.services.errors import InputError

NOW = datetime(2026, 7, 1, 3, tzinfo=UTC)
START = NOW + timedelta(days=10)
REG, WAIT, CANCELLED = (
    AttendanceStatus.REGISTERED,
    AttendanceStatus.WAITLISTED,
    AttendanceStatus.CANCELLED,
)


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    staff: Actor
    viewer: Actor


def _programme(s: Session, name: str, published: bool = True) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(
        region_id=region.id,
        fiscal_year=2026,
        name=f"{name}プログラム",
        published=published,
        public_slug=f"slug-{region.id}",
    )
    s.add(programme)
    s.flush()
    s.add(PurposeText(programme_id=programme.id, version=1, text="応募の連絡に使います。"))
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "加賀市")
    _, other_pid = _programme(write_session, "小松市")
    return Setting(
        pid=pid,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
    )


def _people(s: Session, pid: int, *names: str) -> list[int]:
    people = [
        Talent(
            programme_id=pid,
            name=name,
            email=f"p{i}-{pid}@example.jp",
            applied_on=date(2026, 6, 1),
        )
        for i, name in enumerate(names)
    ]
    s.add_all(people)
    s.flush()
    return [p.id for p in people]


def _event(s: Session, setting: Setting, capacity: int | None = 2, **fields) -> Event:  # type: ignore[no-untyped-def]
    fields.setdefault("kind", EventKind.MEETUP)
    fields.setdefault("starts_at", START)
    fields.setdefault("ends_at", START + timedelta(hours=2))
    event = Event(
        programme_id=setting.pid, title="東京ミートアップ", place="東京都千代田区", **fields
    )
    s.add(event)
    s.flush()
    event_signup.publish(s, setting.staff, event.id, capacity=capacity, agenda="19:00 趣旨説明")
    return event


def _statuses(s: Session, event_id: int) -> dict[int, str]:
    s.flush()
    rows = s.exec(select(Attendance).where(Attendance.event_id == event_id)).all()
    return {row.talent_id: row.status for row in rows}


def _mails(s: Session, kind: str) -> list[OutboxMail]:
    s.flush()
    return list(s.exec(select(OutboxMail).where(OutboxMail.kind == kind).order_by(OutboxMail.id)))


# --- publishing -------------------------------------------------------------------------------


def test_publishing_needs_staff_and_checks_its_values(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = Event(programme_id=setting.pid, kind=EventKind.TOUR, title="ツアー", starts_at=START)
    s.add(event)
    s.flush()
    with pytest.raises(AccessDenied):
        event_signup.publish(s, setting.viewer, event.id, capacity=10, agenda="")
    with pytest.raises(InputError) as error:
        event_signup.publish(s, setting.staff, event.id, capacity=0, agenda="")
    assert error.value.key == "signup.error.capacity"
    pre = Event(
        programme_id=setting.pid, kind=EventKind.PRE_MEETING, title="顔合わせ", starts_at=START
    )
    s.add(pre)
    s.flush()
    with pytest.raises(InputError):
        event_signup.publish(s, setting.staff, pre.id, capacity=None, agenda="")
    event_signup.publish(s, setting.staff, event.id, capacity=None, agenda="1日目 AM：移動")
    assert event.published and event.capacity is None and event.agenda == "1日目 AM：移動"
    assert s.exec(select(AuditLog).where(AuditLog.action == "event.publish")).first()
    event_signup.unpublish(s, setting.staff, event.id)
    assert not event.published


def test_the_public_list_shows_public_texts_and_seats_only(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting, capacity=1)
    hidden = Event(programme_id=setting.pid, kind=EventKind.MEETUP, title="非公開", starts_at=START)
    s.add(hidden)
    (a,) = _people(s, setting.pid, "山田")
    [listed] = event_signup.public_events(s, setting.pid, NOW)
    assert listed.id == event.id and listed.seats_left
    assert listed.agenda == "19:00 趣旨説明"
    assert not hasattr(listed, "registrants")
    event_signup.sign_up(s, event.id, a, NOW)
    [listed] = event_signup.public_events(s, setting.pid, NOW)
    assert not listed.seats_left
    assert event_signup.public_events(s, setting.pid, START + timedelta(minutes=1)) == []
    s.get(Programme, setting.pid).published = False  # type: ignore[union-attr]
    assert event_signup.public_events(s, setting.pid, NOW) == []


# --- sign-up, the waiting list, cancelling ----------------------------------------------------


def test_a_full_event_takes_a_waiting_list_in_sign_up_order(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting, capacity=2)
    a, b, c, d = _people(s, setting.pid, "A", "B", "C", "D")
    assert event_signup.sign_up(s, event.id, a, NOW) == REG
    assert event_signup.sign_up(s, event.id, b, NOW + timedelta(minutes=1)) == REG
    assert event_signup.sign_up(s, event.id, d, NOW + timedelta(minutes=2)) == WAIT
    assert event_signup.sign_up(s, event.id, c, NOW + timedelta(minutes=3)) == WAIT
    assert event_signup.sign_up(s, event.id, d, NOW + timedelta(minutes=4)) == WAIT  # again
    assert event_signup.waitlist_position(s, event.id, d) == 1
    assert event_signup.waitlist_position(s, event.id, c) == 2
    # registered ones get the calendar file, those waiting a mail saying so
    registered = _mails(s, "event_registered")
    assert [m.talent_id for m in registered] == [a, b]
    assert registered[0].attachment_name == "event.ics"
    assert b"BEGIN:VCALENDAR" in registered[0].attachment
    assert [m.talent_id for m in _mails(s, "event_waitlisted")] == [d, c]
    # the staff's events list counts the seats held apart from the waiting list
    [row] = events.list_events(s, setting.staff, setting.pid)
    assert row.signed_up == 2 and row.counts[WAIT] == 2


def test_a_cancel_moves_the_first_on_the_waiting_list_up_and_mails_them(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting, capacity=1)
    a, b, c = _people(s, setting.pid, "A", "B", "C")
    event_signup.sign_up(s, event.id, a, NOW)
    event_signup.sign_up(s, event.id, c, NOW + timedelta(minutes=1))
    event_signup.sign_up(s, event.id, b, NOW + timedelta(minutes=2))
    assert event_signup.cancel(s, event.id, a, NOW + timedelta(hours=1))
    assert _statuses(s, event.id) == {a: CANCELLED, c: REG, b: WAIT}
    [moved] = _mails(s, "event_moved_up")
    assert moved.talent_id == c and moved.attachment_name == "event.ics"
    assert "繰り上げ" in moved.subject
    assert [m.talent_id for m in _mails(s, "event_cancelled")] == [a]
    # leaving the waiting list frees no seat and moves nobody
    assert event_signup.cancel(s, event.id, b, NOW + timedelta(hours=2))
    assert len(_mails(s, "event_moved_up")) == 1
    assert not event_signup.cancel(s, event.id, b, NOW + timedelta(hours=2))  # nothing left
    # signing up again after a cancel goes to the back of the queue
    assert event_signup.sign_up(s, event.id, a, NOW + timedelta(hours=3)) == WAIT


def test_a_larger_capacity_moves_people_up(write_session: Session, setting: Setting) -> None:
    s = write_session
    event = _event(s, setting, capacity=1)
    a, b, c = _people(s, setting.pid, "A", "B", "C")
    for i, person in enumerate((a, b, c)):
        event_signup.sign_up(s, event.id, person, NOW + timedelta(minutes=i))
    event_signup.publish(s, setting.staff, event.id, capacity=2, agenda="", now=NOW)
    assert _statuses(s, event.id) == {a: REG, b: REG, c: WAIT}


def test_cancelled_unpublished_begun_or_foreign_events_refuse_sign_ups(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting)
    (a,) = _people(s, setting.pid, "A")
    (stranger,) = _people(s, setting.other_pid, "他市の人")
    with pytest.raises(InputError) as error:
        event_signup.sign_up(s, event.id, stranger, NOW)
    assert error.value.key == "signup.error.closed"
    with pytest.raises(InputError):
        event_signup.sign_up(s, event.id, a, START)  # begun
    events.cancel_event(s, setting.staff, event.id)
    with pytest.raises(InputError):
        event_signup.sign_up(s, event.id, a, NOW)
    events.restore_event(s, setting.staff, event.id)
    event_signup.unpublish(s, setting.staff, event.id)
    with pytest.raises(InputError):
        event_signup.sign_up(s, event.id, a, NOW)
    assert _statuses(s, event.id) == {}


def test_a_sign_up_cannot_be_cancelled_once_the_event_began(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting)
    (a,) = _people(s, setting.pid, "A")
    event_signup.sign_up(s, event.id, a, NOW)
    with pytest.raises(InputError) as error:
        event_signup.cancel(s, event.id, a, START + timedelta(minutes=5))
    assert error.value.key == "signup.error.started"


def test_two_people_taking_the_last_seat_at_once_do_not_both_get_it(
    db_url: str, make_actor
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(write=True) as s:
        region, pid = _programme(s, "加賀市")
        setting = Setting(pid, pid, make_actor(Role.STAFF, (region,)), make_actor())
        event = _event(s, setting, capacity=1)
        people = _people(s, pid, *(f"P{i}" for i in range(6)))
        event_id = event.id
    start = threading.Barrier(len(people))
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def take(person: int) -> None:
        try:
            start.wait()
            with session_scope(write=True) as session:
                results[person] = event_signup.sign_up(session, event_id, person, NOW)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=take, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results.values()).count(REG) == 1
    with session_scope() as s:
        stored = _statuses(s, event_id)
    assert list(stored.values()).count(REG) == 1
    assert list(stored.values()).count(WAIT) == len(people) - 1


# --- sign-up by e-mail address ----------------------------------------------------------------


def test_sign_up_by_email_mails_a_link_and_answers_alike_for_new_and_known(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting)
    (known,) = _people(s, setting.pid, "山田")
    known_email = s.get(Talent, known).email  # type: ignore[union-attr]
    assert event_signup.sign_up_by_email(s, event.id, known_email, "誰か", "1.1.1.1", NOW) is None
    assert (
        event_signup.sign_up_by_email(s, event.id, "New@Example.jp", "佐藤 花子", "1.1.1.1", NOW)
        is None
    )
    mails = _mails(s, "event_signup_link")
    assert [m.to_address for m in mails] == [known_email, "new@example.jp"]
    assert all(f"&e={event.id}" in m.body_text for m in mails)
    # the known person is not changed; the new one applies on the way, awaiting confirmation
    assert s.get(Talent, known).name == "山田"  # type: ignore[union-attr]
    new = s.exec(select(Talent).where(Talent.email == "new@example.jp")).one()
    assert new.awaiting_confirmation and new.name == "佐藤 花子"
    consent = s.exec(select(ConsentRecord).where(ConsentRecord.talent_id == new.id)).one()
    assert consent.purpose_id is not None
    # nobody holds a seat until they confirm on their own page
    assert _statuses(s, event.id) == {}
    token = mails[1].body_text.split("?t=")[1].split("&")[0]
    assert access_links.resolve(s, token, now=NOW).id == new.id  # type: ignore[union-attr]
    # a second sign-up from the same new address does not make a second person
    event_signup.sign_up_by_email(s, event.id, "new@example.jp", "佐藤 花子", "1.1.1.2", NOW)
    assert len(s.exec(select(Talent).where(Talent.email == "new@example.jp")).all()) == 1
    assert len(s.exec(select(AccessToken).where(AccessToken.talent_id == new.id)).all()) == 2


def test_sign_up_by_email_refuses_bad_input_and_floods(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    event = _event(s, setting)
    for email, name, key in (
        ("not-an-address", "名前", "signup.error.email"),
        ("a@b.jp\r\nBcc: x@y.jp", "名前", "signup.error.email"),
        ("a@example.jp", "", "signup.error.name"),
        ("a@example.jp", "x" * 101, "signup.error.name"),
    ):
        with pytest.raises(InputError) as error:
            event_signup.sign_up_by_email(s, event.id, email, name, "1.1.1.1", NOW)
        assert error.value.key == key
    with pytest.raises(InputError) as error:
        event_signup.sign_up_by_email(s, "1 or 1=1", "a@example.jp", "名前", "1.1.1.1", NOW)
    assert error.value.key == "signup.error.closed"
    for _ in range(event_signup.PER_EMAIL):
        event_signup.sign_up_by_email(s, event.id, "a@example.jp", "名前", "2.2.2.2", NOW)
    with pytest.raises(InputError) as error:
        event_signup.sign_up_by_email(s, event.id, "a@example.jp", "名前", "3.3.3.3", NOW)
    assert error.value.key == "signup.error.too_many"
