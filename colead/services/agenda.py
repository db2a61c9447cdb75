"""Timetables from the guideline's blocks: the A-3 meetup and the B-5 pre-meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from colead.models import Attendance, AttendanceStatus, Event, EventKind
from colead.services.access import Actor, require_programme

MEETUP_LIMIT_MINUTES = 120

# (title, minutes, multiplied by) — A-3: タイムスケジュール例 and 実施事項
MEETUP_BLOCKS: tuple[tuple[str, int, str | None], ...] = (
    ("趣旨説明", 15, None),
    ("地域紹介", 20, None),
    ("グループディスカッション", 30, None),
    ("地域中小企業の紹介", 15, "companies"),
    ("人材の自己紹介", 5, "talents"),
    ("今後に関する説明", 5, None),
)

# B-5 事前顔合わせ概要: 60分程度/社
PRE_MEETING_BLOCKS: tuple[tuple[str, int], ...] = (
    ("企業紹介（事業概要、経営課題・ビジョンの説明）", 20),
    ("高度デジタル人材の自己紹介", 10),
    ("質疑応答", 20),
    ("フィールドワークツアーで見学したい内容、開示して欲しいデータ等の要望確認", 10),
)


@dataclass(frozen=True)
class AgendaItem:
    start: time
    end: time
    title: str
    minutes: int


@dataclass(frozen=True)
class Agenda:
    items: tuple[AgendaItem, ...]

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def too_long(self) -> bool:
        return self.minutes > MEETUP_LIMIT_MINUTES


def _timeline(start: time, blocks: list[tuple[str, int]]) -> tuple[AgendaItem, ...]:
    clock = datetime.combine(datetime(2000, 1, 1), start)
    items = []
    for title, minutes in blocks:
        end = clock + timedelta(minutes=minutes)
        items.append(AgendaItem(clock.time(), end.time(), title, minutes))
        clock = end
    return tuple(items)


def meetup_agenda(start: time, companies: int, talents: int) -> Agenda:
    """The meetup's blocks with start times; per-company and per-person blocks scale."""
    counts = {"companies": max(companies, 0), "talents": max(talents, 0)}
    blocks = []
    for title, minutes, per in MEETUP_BLOCKS:
        if per is None:
            blocks.append((title, minutes))
        elif counts[per]:
            unit = "社" if per == "companies" else "名"
            blocks.append((f"{title}（{minutes}分×{counts[per]}{unit}）", minutes * counts[per]))
    return Agenda(_timeline(start, blocks))


def pre_meeting_agendas(start: time, companies: list[str]) -> list[tuple[str, Agenda]]:
    """One 60-minute pre-meeting per company, back to back from `start`."""
    agendas = []
    clock = start
    for company in companies:
        agenda = Agenda(_timeline(clock, list(PRE_MEETING_BLOCKS)))
        agendas.append((company, agenda))
        clock = agenda.items[-1].end
    return agendas


def meetup_registrations(session: Session, actor: Actor, programme_id: int) -> int:
    """People registered for (or attending) the programme's latest meetup not called off."""
    require_programme(session, actor, programme_id)
    latest = session.exec(
        select(Event.id)
        .where(
            Event.programme_id == programme_id,
            Event.kind == EventKind.MEETUP,
            col(Event.cancelled_at).is_(None),
        )
        .order_by(col(Event.starts_at).desc())
    ).first()
    if latest is None:
        return 0
    return session.exec(
        select(func.count())
        .select_from(Attendance)
        .where(
            Attendance.event_id == latest,
            col(Attendance.status).in_([AttendanceStatus.REGISTERED, AttendanceStatus.ATTENDED]),
        )
    ).one()
