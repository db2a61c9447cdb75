"""Synthetic data at scale (`python -m colead synth`), for the benchmark and load trials.

Regions named 合成市01… each get one programme of the current fiscal year, with talent,
companies, events and attendance, deliveries and projects in the proportions of the demo:
about half the talent attend the meetup, a fifth the tour, two deliveries a month reach most
people, and three in ten companies run a project with a team of three. Rows go in with bulk
inserts; the same seed gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session, col, select

from colead.demo import fiscal_year
from colead.models import (
    Attendance,
    Company,
    CompanyNeed,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    SkillType,
    Talent,
    TalentSkill,
)

SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
GIVEN = ("翔", "陽菜", "蓮", "結衣", "大輝", "美咲", "健太", "彩", "拓也", "葵")
INDUSTRIES = ("製造業", "水産加工", "旅館・ホテル", "建設業", "小売業", "農業法人", "運輸業")
STATUSES, STATUS_WEIGHTS = ("active", "applied", "paused", "withdrawn"), (70, 20, 6, 4)
CHANNELS = ("ITコーディネータ協会", "AIクエスト", "SNS", "副業マッチングのプラットフォーム")


@dataclass(frozen=True)
class SynthSummary:
    regions: int
    talents: int
    companies: int
    events: int
    attendances: int
    deliveries: int
    projects: int


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _ids(session: Session, model: type, programme_id: int) -> list[int]:
    return list(
        session.exec(
            select(model.id).where(model.programme_id == programme_id).order_by(model.id)  # type: ignore[attr-defined]
        )
    )


def _bulk(session: Session, model: type, rows: list[dict]) -> None:  # type: ignore[type-arg]
    for start in range(0, len(rows), 5000):
        session.execute(insert(model), rows[start : start + 5000])


def synthesize(
    session: Session, *, regions: int, talents: int, companies: int, today: date, seed: int = 1
) -> SynthSummary:
    rng = random.Random(seed)
    year = fiscal_year(today)
    start = date(year, 4, 1)
    counts = dict.fromkeys(("events", "attendances", "deliveries", "projects"), 0)
    existing = len(session.exec(select(Region.id)).all())
    for r in range(regions):
        region = Region(name=f"合成市{existing + r + 1:02d}", prefecture="合成県")
        session.add(region)
        session.flush()
        programme = Programme(
            region_id=region.id, fiscal_year=year, name=f"{region.name} ふるさとCo-LEAD"
        )
        session.add(programme)
        session.flush()
        pid = programme.id
        n_talent = talents // regions + (1 if r < talents % regions else 0)
        n_company = companies // regions + (1 if r < companies % regions else 0)
        _bulk(
            session,
            Talent,
            [
                {
                    "programme_id": pid,
                    "name": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                    "email": f"p{pid}-{i}@example.jp",
                    "affiliation": "都内IT企業",
                    "recruitment_channel": rng.choice(CHANNELS),
                    "status": rng.choices(STATUSES, STATUS_WEIGHTS)[0],
                    "applied_on": start + timedelta(days=rng.randrange(0, 150)),
                    "interests": "データ活用",
                }
                for i in range(n_talent)
            ],
        )  # fmt: skip
        people = _ids(session, Talent, pid)
        skills = list(SkillType)
        _bulk(
            session,
            TalentSkill,
            [
                {"talent_id": t, "skill_type": s}
                for t in people
                for s in rng.sample(skills, rng.choice((1, 1, 2)))
            ],
        )
        _bulk(
            session,
            ConsentRecord,
            [
                {"talent_id": t, "scope": "他自治体のプログラム", "granted_on": start}
                for t in people
                if rng.random() < 0.6
            ],
        )
        _bulk(
            session,
            Company,
            [
                {"programme_id": pid, "name": f"合成企業{pid}-{i:04d}",
                 "industry": rng.choice(INDUSTRIES), "employees": rng.randrange(5, 300)}
                for i in range(n_company)
            ],
        )  # fmt: skip
        firms = _ids(session, Company, pid)
        _bulk(
            session,
            CompanyNeed,
            [
                {"company_id": c, "skill_type": s}
                for c in firms
                for s in rng.sample(skills, rng.choice((1, 2, 3)))
            ],
        )
        plan = [
            (EventKind.MEETUP, 60, 0.5),
            (EventKind.TOUR, 120, 0.2),
            (EventKind.MONTHLY_MEETING, 150, 0.05),
            (EventKind.INTERIM_REPORT, 200, 0.05),
            (EventKind.FINAL_REPORT, 300, 0.05),
        ]
        _bulk(
            session,
            Event,
            [
                {"programme_id": pid, "kind": kind, "title": f"{kind} {pid}",
                 "starts_at": _at(start + timedelta(days=offset)), "online_tool": "Zoom"}
                for kind, offset, _ in plan
            ],
        )  # fmt: skip
        events = _ids(session, Event, pid)
        attendance = [
            {"event_id": e, "talent_id": t,
             "status": "attended" if rng.random() < 0.85 else rng.choice(("absent", "cancelled"))}
            for e, (_, _, share) in zip(events, plan, strict=True)
            for t in rng.sample(people, int(len(people) * share))
        ]  # fmt: skip
        _bulk(session, Attendance, attendance)
        _bulk(
            session,
            InformationDelivery,
            [
                {"programme_id": pid, "kind": "イベント情報", "channel": "メールマガジン",
                 "sent_on": start + timedelta(days=15 * i), "subject": f"お知らせ {i + 1}"}
                for i in range(16)
            ],
        )  # fmt: skip
        deliveries = _ids(session, InformationDelivery, pid)
        _bulk(
            session,
            DeliveryRecipient,
            [
                {"delivery_id": d, "talent_id": t}
                for d in deliveries
                for t in people
                if rng.random() < 0.8
            ],
        )
        chosen = rng.sample(firms, int(len(firms) * 0.3))
        _bulk(
            session,
            Project,
            [
                {"programme_id": pid, "company_id": c, "theme": "業務のデジタル化",
                 "starts_on": start + timedelta(days=180), "ends_on": start + timedelta(days=330)}
                for c in chosen
            ],
        )  # fmt: skip
        projects = _ids(session, Project, pid)
        members, milestones = [], []
        for p in projects:
            for t in rng.sample(people, min(3, len(people))):
                members.append({"project_id": p, "talent_id": t, "role": ""})
            for m, kind in enumerate(
                [MilestoneKind.MONTHLY_MEETING] * 4
                + [MilestoneKind.INTERIM_REPORT, MilestoneKind.FINAL_REPORT]
            ):
                due = start + timedelta(days=200 + 25 * m)
                done = due if due < today and rng.random() < 0.8 else None
                milestones.append(
                    {"project_id": p, "kind": kind, "title": "", "due_on": due, "done_on": done}
                )
        _bulk(session, ProjectMember, members)
        _bulk(session, Milestone, milestones)
        counts["events"] += len(events)
        counts["attendances"] += len(attendance)
        counts["deliveries"] += len(deliveries)
        counts["projects"] += len(projects)
    return SynthSummary(regions=regions, talents=talents, companies=companies, **counts)


def largest_programme(session: Session) -> int:
    """The programme with the most talent: the benchmark measures pages on it."""
    from sqlmodel import func

    return session.exec(
        select(Talent.programme_id)
        .group_by(Talent.programme_id)
        .order_by(func.count().desc(), col(Talent.programme_id))
        .limit(1)
    ).one()
