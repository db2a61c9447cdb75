"""Information deliveries and the people who have gone quiet, on data built by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from colead.i18n import JST
from colead.models import (
    Attendance,
    AttendanceStatus,
    AuditLog,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Programme,
    Region,
    Role,
    Talent,
    TalentStatus,
)
from colead.services import deliveries
from colead.services.access import AccessDenied, Actor
from colead.services.deliveries import DeliveryInput
from colead.services.errors import InputError, InvalidInput

TODAY = date(2026, 9, 30)
INTERVAL = 30
CUTOFF = TODAY - timedelta(days=INTERVAL)  # 2026-08-31: contact on or after it counts


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(
        region_id=region.id, fiscal_year=2026, name=name, contact_interval_days=INTERVAL
    )
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "気仙沼市")
    other_region, other_pid = _programme(write_session, "石巻市")
    return Setting(
        pid=pid,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _person(s: Session, pid: int, name: str, applied_on: date = date(2026, 6, 1), **fields) -> int:  # type: ignore[no-untyped-def]
    person = Talent(programme_id=pid, name=name, applied_on=applied_on, **fields)
    s.add(person)
    s.flush()
    return person.id


def _send(s: Session, pid: int, day: date, people: list[int], subject: str = "便り") -> int:
    delivery = InformationDelivery(
        programme_id=pid, kind="地域情報", channel="メール", sent_on=day, subject=subject
    )
    s.add(delivery)
    s.flush()
    s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in people)
    s.flush()
    return delivery.id


def _event(s: Session, pid: int, starts_at: datetime, people: dict[int, AttendanceStatus]) -> None:
    event = Event(programme_id=pid, kind=EventKind.MEETUP, title="会", starts_at=starts_at)
    s.add(event)
    s.flush()
    s.add_all(Attendance(event_id=event.id, talent_id=t, status=st) for t, st in people.items())
    s.flush()


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)  # 19:00 JST, same day


def _keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.key for e in error.value.errors]


# --- recording --------------------------------------------------------------------------------


def test_record_delivery_reports_every_problem(write_session: Session, setting: Setting) -> None:
    s = write_session
    blank = DeliveryInput(kind=" ", channel="", sent_on=TODAY, subject="  ", recipients=())
    with pytest.raises(InvalidInput) as error:
        deliveries.record_delivery(s, setting.staff, setting.pid, blank)
    assert _keys(error) == [
        "delivery.error.subject_required",
        "delivery.error.kind_required",
        "delivery.error.channel_required",
        "delivery.error.no_recipients",
    ]
    mine = _person(s, setting.pid, "気仙沼の人")
    stranger = _person(s, setting.other_pid, "石巻の人")
    for recipients in ((mine, stranger), (mine, 987654)):
        data = DeliveryInput("地域情報", "メール", TODAY, "秋祭り", recipients)
        with pytest.raises(InvalidInput) as error:
            deliveries.record_delivery(s, setting.staff, setting.pid, data)
        assert _keys(error) == ["delivery.error.recipients"]
    long = DeliveryInput("地域情報", "メール", TODAY, "あ" * 201, (mine,))
    with pytest.raises(InvalidInput) as error:
        deliveries.record_delivery(s, setting.staff, setting.pid, long)
    assert [(e.key, e.params) for e in error.value.errors] == [
        ("delivery.error.subject_too_long", {"maximum": 200})
    ]
    s.flush()
    assert s.exec(select(func.count()).select_from(InformationDelivery)).one() == 0
    assert s.exec(select(func.count()).select_from(DeliveryRecipient)).one() == 0


def test_record_delivery_stores_it_with_its_recipients(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    a = _person(s, setting.pid, "A")
    b = _person(s, setting.pid, "B")
    _person(s, setting.pid, "C")
    data = DeliveryInput(" 地域情報 ", " メール ", TODAY, " 秋祭りのご案内 ", (a, b, a))
    delivery = deliveries.record_delivery(s, setting.staff, setting.pid, data)
    s.flush()
    stored = s.get(InformationDelivery, delivery.id)
    assert (stored.kind, stored.channel, stored.subject, stored.sent_on) == (
        "地域情報",
        "メール",
        "秋祭りのご案内",
        TODAY,
    )
    recipients = s.exec(
        select(DeliveryRecipient.talent_id).where(DeliveryRecipient.delivery_id == delivery.id)
    ).all()
    assert sorted(recipients) == sorted([a, b])
    log = s.exec(select(AuditLog).where(AuditLog.action == "delivery.record")).all()
    assert [(entry.target, entry.detail) for entry in log] == [
        (f"delivery:{delivery.id}", "2 recipients")
    ]
    with pytest.raises(AccessDenied):
        deliveries.record_delivery(s, setting.viewer, setting.pid, data)
    with pytest.raises(AccessDenied):
        deliveries.record_delivery(s, setting.outsider, setting.pid, data)


def test_list_deliveries_newest_first_with_recipient_counts(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    people = [_person(s, setting.pid, f"人{i}") for i in range(4)]
    old = _send(s, setting.pid, date(2026, 7, 1), people[:1], "七月")
    new = _send(s, setting.pid, date(2026, 9, 1), people, "九月")
    middle = _send(s, setting.pid, date(2026, 8, 1), people[:3], "八月")
    same_day = _send(s, setting.pid, date(2026, 9, 1), people[:2], "九月その二")
    empty = _send(s, setting.pid, date(2026, 6, 1), [], "宛先なし")
    _send(s, setting.other_pid, date(2026, 9, 2), [_person(s, setting.other_pid, "石巻")])

    page = deliveries.list_deliveries(s, setting.viewer, setting.pid)
    assert page.total == 5
    assert [(r.id, r.recipients) for r in page.rows] == [
        (same_day, 2),
        (new, 4),
        (middle, 3),
        (old, 1),
        (empty, 0),
    ]
    assert page.rows[1].subject == "九月" and page.rows[1].channel == "メール"
    second = deliveries.list_deliveries(s, setting.viewer, setting.pid, page=2, per_page=2)
    assert (second.page, second.pages, [r.id for r in second.rows]) == (2, 3, [middle, old])
    beyond = deliveries.list_deliveries(s, setting.viewer, setting.pid, page=7, per_page=2)
    assert (beyond.page, [r.id for r in beyond.rows]) == (3, [empty])
    with pytest.raises(AccessDenied):
        deliveries.list_deliveries(s, setting.outsider, setting.pid)


# --- who has gone quiet -----------------------------------------------------------------------


def test_quiet_people_are_those_without_contact_within_the_interval(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    pid = setting.pid
    received = _person(s, pid, "最近受信")
    received_on_cutoff = _person(s, pid, "境界日に受信")
    attended = _person(s, pid, "最近参加")
    absent_recently = _person(s, pid, "最近欠席", applied_on=date(2026, 5, 1))
    contacted_long_ago = _person(s, pid, "昔に接触", applied_on=date(2026, 5, 2))
    never_old = _person(s, pid, "未接触・古い応募", applied_on=date(2026, 5, 3))
    applied_on_cutoff = _person(s, pid, "境界日に応募", applied_on=CUTOFF)
    applied_recently = _person(s, pid, "最近応募", applied_on=CUTOFF + timedelta(days=1))
    paused = _person(s, pid, "休止中", status=TalentStatus.PAUSED)
    withdrawn = _person(s, pid, "辞退", status=TalentStatus.WITHDRAWN)
    active = _person(s, pid, "活動中・未接触", applied_on=date(2026, 5, 4), status="active")
    _person(s, setting.other_pid, "石巻の未接触")

    _send(s, pid, date(2026, 9, 10), [received])
    _send(s, pid, CUTOFF, [received_on_cutoff])
    _send(s, pid, CUTOFF - timedelta(days=1), [received])  # older contact does not matter
    _event(s, pid, _at(date(2026, 9, 5)), {attended: AttendanceStatus.ATTENDED})
    _event(
        s,
        pid,
        _at(date(2026, 9, 6)),
        {absent_recently: AttendanceStatus.ABSENT, contacted_long_ago: AttendanceStatus.REGISTERED},
    )
    _send(s, pid, date(2026, 7, 20), [contacted_long_ago, absent_recently])
    _event(s, pid, _at(date(2026, 8, 10)), {contacted_long_ago: AttendanceStatus.ATTENDED})

    page = deliveries.quiet_people(s, setting.viewer, pid, TODAY)
    expected = [absent_recently, contacted_long_ago, never_old, active, applied_on_cutoff]
    assert [p.id for p in page.rows] == expected  # by application day
    assert page.total == 5
    last = {p.id: p.last_contact for p in page.rows}
    assert last == {
        absent_recently: date(2026, 7, 20),
        contacted_long_ago: date(2026, 8, 10),
        never_old: None,
        active: None,
        applied_on_cutoff: None,
    }
    assert page.rows[3].status == "active"
    quiet = set(deliveries.quiet_ids(s, setting.viewer, pid, TODAY))
    assert quiet == set(expected)
    for loud in (received, received_on_cutoff, attended, applied_recently, paused, withdrawn):
        assert loud not in quiet

    paged = deliveries.quiet_people(s, setting.viewer, pid, TODAY, page=2, per_page=2)
    assert (paged.total, paged.pages, [p.id for p in paged.rows]) == (5, 3, expected[2:4])
    clamped = deliveries.quiet_people(s, setting.viewer, pid, TODAY, page=10, per_page=2)
    assert (clamped.page, [p.id for p in clamped.rows]) == (3, expected[4:])


def test_the_contact_interval_moves_the_cutoff(write_session: Session, setting: Setting) -> None:
    s = write_session
    pid = setting.pid
    july = _person(s, pid, "七月に受信", applied_on=date(2026, 5, 1))
    august = _person(s, pid, "八月に受信", applied_on=date(2026, 5, 2))
    _send(s, pid, date(2026, 7, 15), [july])
    _send(s, pid, date(2026, 8, 15), [august])
    assert set(deliveries.quiet_ids(s, setting.staff, pid, TODAY)) == {july, august}
    deliveries.set_contact_interval(s, setting.staff, pid, 60)  # cutoff 2026-08-01
    s.flush()
    assert s.get(Programme, pid).contact_interval_days == 60
    assert deliveries.quiet_ids(s, setting.staff, pid, TODAY) == [july]
    deliveries.set_contact_interval(s, setting.staff, pid, 90)  # cutoff 2026-07-02
    assert deliveries.quiet_ids(s, setting.staff, pid, TODAY) == []
    assert deliveries.quiet_people(s, setting.staff, pid, TODAY).total == 0


def test_contact_interval_bounds(write_session: Session, setting: Setting) -> None:
    s = write_session
    for days in (0, -5, 366):
        with pytest.raises(InputError) as error:
            deliveries.set_contact_interval(s, setting.staff, setting.pid, days)
        assert error.value.key == "delivery.error.interval"
        assert error.value.params == {"low": 1, "high": 365}
    s.flush()
    assert s.get(Programme, setting.pid).contact_interval_days == INTERVAL
    for days in (1, 365):
        deliveries.set_contact_interval(s, setting.staff, setting.pid, days)
        s.flush()
        assert s.get(Programme, setting.pid).contact_interval_days == days
    with pytest.raises(AccessDenied):
        deliveries.set_contact_interval(s, setting.viewer, setting.pid, 14)
    with pytest.raises(AccessDenied):
        deliveries.set_contact_interval(s, setting.outsider, setting.pid, 14)


def test_quiet_lists_are_scoped(write_session: Session, setting: Setting) -> None:
    s = write_session
    _person(s, setting.pid, "気仙沼の人")
    with pytest.raises(AccessDenied):
        deliveries.quiet_people(s, setting.outsider, setting.pid, TODAY)
    with pytest.raises(AccessDenied):
        deliveries.quiet_ids(s, setting.outsider, setting.pid, TODAY)
    with pytest.raises(AccessDenied):
        deliveries.recipient_choices(s, setting.outsider, setting.pid)


def test_an_event_on_the_cutoff_day_in_japan_counts_as_contact(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "朝の参加者")
    morning = datetime(CUTOFF.year, CUTOFF.month, CUTOFF.day, 8, tzinfo=JST)
    _event(s, setting.pid, morning, {person: AttendanceStatus.ATTENDED})
    assert deliveries.quiet_ids(s, setting.staff, setting.pid, TODAY) == []


def test_an_over_long_kind_is_reported_not_crashed_on(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "受信者")
    data = DeliveryInput("種" * 51, "メール", TODAY, "秋祭り", (person,))
    # The savepoint keeps the test's transaction usable after a database error.
    with pytest.raises(InvalidInput), s.begin_nested():
        deliveries.record_delivery(s, setting.staff, setting.pid, data)
