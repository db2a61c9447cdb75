"""Breakout groups for a meetup's group discussion (guideline A-3), read from the database.

Who is grouped: the people checked in as attended, as soon as anyone is; before that (groups
are planned from the registrations before the meetup) those registered. Absent and cancelled
people and withdrawn talent are never grouped. The grouping itself is
`colead.services.breakout.breakout_groups`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlmodel import Session, col, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.breakout import Attendee, breakout_groups
from colead.services.errors import InputError
from colead.services.events import event_for

SIZE_MIN, SIZE_MAX, SIZE_DEFAULT = 3, 10, 5
COLUMNS = ("グループ", "氏名", "人材タイプ")

_SKILL_ORDER = {s.value: i for i, s in enumerate(SkillType)}


@dataclass(frozen=True)
class BreakoutPlan:
    event_title: str
    starts_at: datetime
    basis: str  # "attended" or "registered": whom the groups were made from
    groups: list[list[Attendee]]

    @property
    def people(self) -> int:
        return sum(len(group) for group in self.groups)


def _skill_key(skill: str) -> tuple[int, str]:
    """Skills in the order SkillType declares them; a value it does not know goes last."""
    return _SKILL_ORDER.get(skill, len(_SKILL_ORDER)), skill


def meetup_attendees(session: Session, actor: Actor, event_id: int) -> tuple[Event, list[Attendee]]:
    """The meetup and the people to group, by name (see the module doc for who they are).

    AccessDenied when the event is not of a programme the actor sees; InputError when it is not
    a meetup. The people and their talent types are read in one query, whatever their number.
    """
    event, attendees, _ = _attendees(session, actor, event_id)
    return event, attendees


def _attendees(session: Session, actor: Actor, event_id: int) -> tuple[Event, list[Attendee], str]:
    """`meetup_attendees` and whom the people are: "attended" or "registered"."""
    event = event_for(session, actor, event_id)
    if event.kind != EventKind.MEETUP:
        raise InputError("breakout.error.not_meetup")
    rows = session.exec(
        select(Talent.id, Talent.name, Attendance.status, TalentSkill.skill_type)
        .join(Attendance, col(Attendance.talent_id) == col(Talent.id))
        .outerjoin(TalentSkill, col(TalentSkill.talent_id) == col(Talent.id))
        .where(
            Attendance.event_id == event_id,
            Talent.programme_id == event.programme_id,
            col(Attendance.status).in_([AttendanceStatus.ATTENDED, AttendanceStatus.REGISTERED]),
            Talent.status != TalentStatus.WITHDRAWN,
        )
    ).all()
    people: dict[int, tuple[str, str, list[str]]] = {}
    for talent_id, name, status, skill in rows:
        _, _, skills = people.setdefault(talent_id, (name, status, []))
        if skill is not None:
            skills.append(skill)
    basis = (
        AttendanceStatus.ATTENDED
        if any(status == AttendanceStatus.ATTENDED for _, status, _ in people.values())
        else AttendanceStatus.REGISTERED
    )
    attendees = sorted(
        (
            Attendee(talent_id, name, tuple(sorted(skills, key=_skill_key)))
            for talent_id, (name, status, skills) in people.items()
            if status == basis
        ),
        key=lambda a: (a.name, a.talent_id),
    )
    return event, attendees, str(basis)


def groups_for_event(
    session: Session, actor: Actor, event_id: int, size: int = SIZE_DEFAULT
) -> BreakoutPlan:
    """The meetup's people in groups of about `size` (3 to 10), talent types mixed."""
    if not SIZE_MIN <= size <= SIZE_MAX:
        raise InputError("breakout.error.size", low=SIZE_MIN, high=SIZE_MAX)
    event, attendees, basis = _attendees(session, actor, event_id)
    return BreakoutPlan(
        event_title=event.title,
        starts_at=event.starts_at,
        basis=basis,
        groups=breakout_groups(attendees, size),
    )


def record_export(
    session: Session, actor: Actor, event_id: int, people: int, file_format: str
) -> None:
    """Write the export of the groups (names of talent: personal data) to the audit log."""
    event = event_for(session, actor, event_id)
    programme = require_programme(session, actor, event.programme_id)
    audit.record(
        session,
        actor.username,
        "breakout.export",
        target=f"event:{event_id}",
        region_id=programme.region_id,
        detail=f"{people} people, {file_format}",
    )


def groups_frame(
    plan: BreakoutPlan, labels: Mapping[str, str], columns: tuple[str, str, str] = COLUMNS
) -> pd.DataFrame:
    """One row a person, group by group, for the CSV/Excel export.

    `labels` names each talent type (skill value → label, e.g. the Japanese); `columns` are
    the headers (グループ, 氏名, 人材タイプ unless given). Groups are numbered from 1.
    """
    rows = [
        (number, person.name, "、".join(labels.get(s, s) for s in person.skills))
        for number, group in enumerate(plan.groups, start=1)
        for person in group
    ]
    return pd.DataFrame(rows, columns=list(columns))


__all__ = [
    "COLUMNS",
    "SIZE_DEFAULT",
    "SIZE_MAX",
    "SIZE_MIN",
    "BreakoutPlan",
    "groups_for_event",
    "groups_frame",
    "meetup_attendees",
    "record_export",
]
