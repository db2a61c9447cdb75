"""Synthetic data at scale (`python -m colead synth`), for the page benchmark and load trials.

Regions named 合成市01, 合成市02, … each get one programme of the fiscal year of `today`, laid
out over that year the way the demo's programmes are:

- partner institutions (商工会議所, 信用金庫, 支援機関) that introduced most companies;
- talent who applied from just before April on, with one or two skill types; about 60% gave
  consent to share their profile (a few withdrew it); most are active, some paused or left;
- companies with one to three talent types they need;
- two meetups (each attended by about half of those who had applied by then), a fieldwork
  tour (about a fifth), and a pre-meeting per company with a few of the tour's people;
- about two deliveries a month up to `today`, each reaching most people who had applied;
- projects for about 30% of companies with teams of two to four, monthly meetings, an interim
  and a final report as milestones (the past ones mostly done), the matching events with their
  attendance, and a meeting report for each monthly meeting held.

Events still to come have registrations only; past ones are mostly attended, some absent or
cancelled. Talent and companies are spread unevenly over the regions (weights 1/sqrt(k): the
first of 20 regions holds about four times the last), so the largest programme is a real load.

Rows go in with bulk INSERTs (ids come back through RETURNING), so 10,000 talent take seconds.
The same seed, `today` and sizes give the same rows in a fresh database, timestamps included.
Nothing is committed here: the caller's session scope does that.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, col, func, select

from colead.demo import (
    AFFILIATIONS,
    CHANNEL_WEIGHTS,
    CHANNELS,
    COMMON_INTERESTS,
    CONSENT_SCOPES,
    EMAIL_DOMAIN,
    FAMILY_NAMES,
    GIVEN_NAMES,
    RESIDENCES,
    SKILL_ROLES,
    SKILL_WEIGHTS,
    SKILLS,
    fiscal_year,
    programme_name,
)
from colead.i18n import JST
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    CompanyNeed,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    MeetingReport,
    Milestone,
    MilestoneKind,
    PartnerInstitution,
    PartnerKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Talent,
    TalentSkill,
    TalentStatus,
)

REGION_PREFIX = "合成市"
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "三重県", "滋賀県", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県",
    "山口県", "徳島県", "香川県", "愛媛県", "高知県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
PARTNERS = (
    ("商工会議所", PartnerKind.CHAMBER),
    ("信用金庫", PartnerKind.FINANCIAL),
    ("産業支援センター", PartnerKind.SUPPORT_AGENCY),
)
INDUSTRIES = (
    "製造業（金属加工）", "食品製造", "水産加工", "旅館・ホテル", "建設業", "小売業",
    "農業法人", "運輸・物流", "酒造", "伝統工芸", "介護サービス", "観光",
)  # fmt: skip
COMPANY_KINDS = ("製作所", "食品", "商店", "工業", "観光", "物産", "運輸", "建設")
NEEDS = {
    "security": "社内ネットワークと端末の安全対策を一緒に見直してほしい",
    "data_scientist": "売上・在庫データを分析し、仕入れと生産の計画に活かしたい",
    "ux_designer": "予約・注文の画面をお客様が迷わない形にしたい",
    "engineer": "紙とFAXの受発注を小さなシステムに置き換えたい",
    "business_architect": "業務全体を見渡し、デジタル化の順番を描いてほしい",
}
THEMES = (
    "受発注のデジタル化", "在庫データの見える化", "予約サイトの改善", "社内セキュリティの点検",
    "生産計画のデータ活用", "業務フローの再設計", "ECサイトの立ち上げ", "顧客管理の仕組みづくり",
)  # fmt: skip
DELIVERIES = (
    ("イベント情報", "メールマガジン", "ミートアップ・ツアーのご案内"),
    ("地域の情報", "SNS", "地域の季節の話題"),
    ("プロジェクト紹介", "メールマガジン", "進行中のプロジェクトのご紹介"),
    ("企業紹介", "SNS", "参加企業のご紹介"),
)
MINUTES = (
    "現状の業務を確認し、次回までに課題を一覧にする",
    "試作を社員の方に使っていただき、改善点を整理した",
    "データの取り方を決め、集計の試行を始めた",
    "中間報告に向けて成果と残りの課題をまとめた",
)
STATUSES = (TalentStatus.ACTIVE, TalentStatus.APPLIED, TalentStatus.PAUSED, TalentStatus.WITHDRAWN)
STATUS_WEIGHTS = (70, 18, 7, 5)
BATCH = 5_000

# Offsets in days from 1 April of the fiscal year.
MEETUPS = ((60, "第1回 オンラインミートアップ"), (150, "第2回 オンラインミートアップ"))
TOUR = 120
PRE_MEETINGS = (100, 115)
PROJECT_STARTS = (150, 190)
PROJECT_END = 330
DELIVERY_EVERY = 15


@dataclass(frozen=True)
class SynthSummary:
    regions: int
    talents: int
    companies: int
    events: int
    attendances: int
    deliveries: int
    recipients: int
    projects: int
    milestones: int
    reports: int

    def line(self) -> str:
        return ", ".join(f"{value} {name}" for name, value in vars(self).items())


def _at(day: date, hour: int) -> datetime:
    """A Japanese wall-clock time, stored as aware UTC."""
    return datetime.combine(day, time(hour), tzinfo=JST).astimezone(UTC)


def _insert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT; returns the new ids in the order of `rows`."""
    table_id = model.id  # type: ignore[attr-defined]
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        statement = insert(model).returning(table_id, sort_by_parameter_order=True)
        ids += session.scalars(statement, rows[start : start + BATCH]).all()
    return ids


def _insert_plain(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Bulk INSERT of rows whose ids nobody needs (link tables, leaves)."""
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start : start + BATCH])


def _split(total: int, parts: int) -> list[int]:
    """`total` over `parts` with weights 1/sqrt(k), largest remainders first: sums exactly."""
    weights = [1 / math.sqrt(k + 1) for k in range(parts)]
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [math.floor(s) for s in shares]
    by_remainder = sorted(range(parts), key=lambda k: (counts[k] - shares[k], k))
    for k in by_remainder[: total - sum(counts)]:
        counts[k] += 1
    return counts


def _free_region_numbers(session: Session, count: int) -> list[int]:
    taken = set(session.exec(select(Region.name)))
    numbers: list[int] = []
    n = 0
    while len(numbers) < count:
        n += 1
        if f"{REGION_PREFIX}{n:02d}" not in taken:
            numbers.append(n)
    return numbers


class _Programme:
    """One synthetic region and its programme; `rows` counts what was added."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        today: date,
        number: int,
        rows: dict[str, int],
    ) -> None:
        self.session, self.rng, self.today, self.rows = session, rng, today, rows
        self.number = number
        self.region_name = f"{REGION_PREFIX}{number:02d}"
        self.prefecture = PREFECTURES[(number - 1) % len(PREFECTURES)]
        self.year = fiscal_year(today)
        self.start = date(self.year, 4, 1)
        self.statuses: dict[int, str] = {}
        self.applied: dict[int, date] = {}

    def day(self, offset: int) -> date:
        return self.start + timedelta(days=offset)

    def add(
        self, model: type[SQLModel], rows: list[dict[str, Any]], *, ids: bool = True
    ) -> list[int]:
        self.rows[model.__name__] = self.rows.get(model.__name__, 0) + len(rows)
        if ids:
            return _insert(self.session, model, rows)
        _insert_plain(self.session, model, rows)
        return []

    # -- the region, its institutions, people and companies ----------------------------------

    def build(self, n_talent: int, n_company: int) -> None:
        (region_id,) = self.add(
            Region,
            [{"name": self.region_name, "prefecture": self.prefecture,
              "created_at": _at(self.day(-30), 9)}],
        )  # fmt: skip
        (self.programme_id,) = self.add(
            Programme,
            [{"region_id": region_id, "fiscal_year": self.year,
              "name": programme_name(self.region_name, self.year), "contact_interval_days": 30,
              "created_at": _at(self.day(-30), 9)}],
        )  # fmt: skip
        partners = self.add(
            PartnerInstitution,
            [{"region_id": region_id, "name": f"{self.region_name}{name}（合成）", "kind": kind,
              "contact": "担当：地域支援課"}
             for name, kind in PARTNERS],
        )  # fmt: skip
        people = self.talents(n_talent)
        firms = self.companies(n_company, partners)
        met = self.events(people, firms)
        self.deliveries(people)
        self.projects(people, firms, met)

    def talents(self, count: int) -> list[int]:
        rng = self.rng
        last = max(0, min((self.today - self.start).days, PROJECT_STARTS[0]))
        rows, details = [], []
        for i in range(count):
            family, given = rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)
            applied = self.day(rng.randint(-20, last))
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            if applied > self.today - timedelta(days=14):
                status = TalentStatus.APPLIED  # too recent to have been screened
            rows.append(
                {
                    "programme_id": self.programme_id,
                    "name": f"{family[0]} {given[0]}",
                    "email": f"{given[1]}.{family[1]}.s{self.number:02d}-{i:05d}@{EMAIL_DOMAIN}",
                    "affiliation": rng.choice(AFFILIATIONS),
                    "residence": rng.choice(RESIDENCES),
                    "recruitment_channel": rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                    "status": status,
                    "applied_on": applied,
                    "interests": "、".join(rng.sample(COMMON_INTERESTS, 2)),
                    "note": "",
                    "created_at": _at(applied, 9),
                    "updated_at": _at(applied, 18),
                }
            )
            primary = rng.choices(SKILLS, SKILL_WEIGHTS)[0]
            skills = [primary]
            if rng.random() < 0.35:
                skills.append(rng.choice([s for s in SKILLS if s != primary]))
            consent = None
            if rng.random() < 0.6:
                span = (self.today - applied).days
                withdrawn = None
                if (status == TalentStatus.WITHDRAWN or rng.random() < 0.08) and span > 2:
                    withdrawn = applied + timedelta(days=rng.randint(1, span - 1))
                consent = (rng.choice(CONSENT_SCOPES), applied, withdrawn)
            details.append((skills, consent))
        ids = self.add(Talent, rows)
        for talent_id, row in zip(ids, rows, strict=True):
            self.statuses[talent_id] = row["status"]
            self.applied[talent_id] = row["applied_on"]
        self.add(
            TalentSkill,
            [{"talent_id": t, "skill_type": s}
             for t, (skills, _) in zip(ids, details, strict=True) for s in skills],
            ids=False,
        )  # fmt: skip
        self.add(
            ConsentRecord,
            [{"talent_id": t, "scope": c[0], "granted_on": c[1], "withdrawn_on": c[2], "note": ""}
             for t, (_, c) in zip(ids, details, strict=True) if c is not None],
            ids=False,
        )  # fmt: skip
        return ids

    def companies(self, count: int, partners: Sequence[int]) -> list[int]:
        rng = self.rng
        rows = [
            {
                "programme_id": self.programme_id,
                "name": f"{self.region_name}{rng.choice(COMPANY_KINDS)}{i + 1:04d}（合成）",
                "industry": rng.choice(INDUSTRIES),
                "employees": rng.randrange(5, 300),
                "address": f"{self.prefecture}{self.region_name}",
                "representative": f"代表取締役 {rng.choice(FAMILY_NAMES)[0]}",
                "partner_id": rng.choice(partners) if rng.random() < 0.7 else None,
                "note": "",
                "created_at": _at(self.day(rng.randint(-20, 90)), 10),
            }
            for i in range(count)
        ]
        ids = self.add(Company, rows)
        self.add(
            CompanyNeed,
            [{"company_id": c, "skill_type": s, "description": NEEDS[s]}
             for c in ids for s in rng.sample(SKILLS, rng.choice((1, 2, 2, 3)))],
            ids=False,
        )  # fmt: skip
        return ids

    # -- events and attendance -----------------------------------------------------------------

    def _reachable(self, people: Sequence[int], day: date) -> list[int]:
        """Who had applied by `day` and is still taking part."""
        return [
            t
            for t in people
            if self.applied[t] <= day and self.statuses[t] != TalentStatus.WITHDRAWN
        ]

    def _outcomes(self, invited: Sequence[int], day: date) -> list[tuple[int, str]]:
        if day > self.today:
            return [(t, AttendanceStatus.REGISTERED) for t in invited]
        out = []
        for t in invited:
            roll = self.rng.random()
            status = (
                AttendanceStatus.ATTENDED
                if roll < 0.85
                else AttendanceStatus.ABSENT
                if roll < 0.93
                else AttendanceStatus.CANCELLED
            )
            out.append((t, status))
        return out

    def _events(self, planned: list[tuple[dict[str, Any], Sequence[int]]]) -> list[list[int]]:
        """Adds the events and their attendance; returns, per event, who attended."""
        ids = self.add(Event, [event for event, _ in planned])
        attendance, attended = [], []
        for event_id, (event, invited) in zip(ids, planned, strict=True):
            day = event["starts_at"].astimezone(JST).date()
            stamp = event["ends_at"] if day <= self.today else _at(min(self.today, day), 12)
            came = []
            for talent_id, status in self._outcomes(invited, day):
                attendance.append(
                    {"event_id": event_id, "talent_id": talent_id, "status": status,
                     "updated_at": stamp}
                )  # fmt: skip
                if status == AttendanceStatus.ATTENDED:
                    came.append(talent_id)
            attended.append(came)
        self.add(Attendance, attendance, ids=False)
        return attended

    def _event(
        self, kind: EventKind, title: str, day: date, hours: tuple[int, int], **extra: Any
    ) -> dict[str, Any]:
        ends = day + timedelta(days=extra.pop("days", 1) - 1)
        return {
            "programme_id": self.programme_id, "kind": kind, "title": title,
            "starts_at": _at(day, hours[0]), "ends_at": _at(ends, hours[1]),
            "place": extra.pop("place", ""), "online_tool": extra.pop("online_tool", ""),
            "company_id": extra.pop("company_id", None),
            "project_id": extra.pop("project_id", None), "note": "",
        }  # fmt: skip

    def events(self, people: Sequence[int], firms: Sequence[int]) -> list[int]:
        """Meetups, the tour and a pre-meeting per company; returns the tour's attendees."""
        rng = self.rng
        planned = []
        for offset, title in MEETUPS:
            day = self.day(offset)
            pool = self._reachable(people, day)
            planned.append(
                (self._event(EventKind.MEETUP, title, day, (19, 21), online_tool="Zoom"),
                 rng.sample(pool, len(pool) // 2))
            )  # fmt: skip
        tour_day = self.day(TOUR)
        pool = self._reachable(people, tour_day)
        planned.append(
            (self._event(EventKind.TOUR, "フィールドワークツアー", tour_day, (10, 17), days=3,
                         place=f"{self.region_name} 市内の参加企業"),
             rng.sample(pool, len(pool) // 5))
        )  # fmt: skip
        meetups_and_tour = self._events(planned)
        tour = meetups_and_tour[-1] or list(planned[-1][1]) or list(people)
        planned = []
        for company_id in firms:
            day = self.day(rng.randint(*PRE_MEETINGS))
            team = rng.sample(tour, min(len(tour), rng.randint(2, 4)))
            planned.append(
                (self._event(EventKind.PRE_MEETING, "事前打ち合わせ", day, (14, 15),
                             online_tool="Zoom", company_id=company_id),
                 team)
            )  # fmt: skip
        self._events(planned)
        return tour

    # -- deliveries ----------------------------------------------------------------------------

    def deliveries(self, people: Sequence[int]) -> None:
        rng = self.rng
        last = min((self.today - self.start).days, 365)
        plan = [
            (self.day(offset), *DELIVERIES[k % len(DELIVERIES)])
            for k, offset in enumerate(range(5, last + 1, DELIVERY_EVERY))
        ]
        ids = self.add(
            InformationDelivery,
            [{"programme_id": self.programme_id, "kind": kind, "channel": channel,
              "sent_on": day, "subject": f"{subject}（{day.month}月）"}
             for day, kind, channel, subject in plan],
        )  # fmt: skip
        recipients = []
        for delivery_id, (day, _, channel, _) in zip(ids, plan, strict=True):
            share = 0.65 if channel == "SNS" else 0.95
            recipients += [
                {"delivery_id": delivery_id, "talent_id": t}
                for t in self._reachable(people, day)
                if rng.random() < share
            ]
        self.add(DeliveryRecipient, recipients, ids=False)

    # -- projects, milestones, meetings and reports ---------------------------------------------

    def projects(self, people: Sequence[int], firms: Sequence[int], met: Sequence[int]) -> None:
        rng = self.rng
        chosen = sorted(rng.sample(list(firms), round(len(firms) * 0.3)))
        candidates = [t for t in met if self.statuses[t] == TalentStatus.ACTIVE] or list(people)
        if not candidates:
            return
        rows = []
        for company_id in chosen:
            starts = self.day(rng.randint(*PROJECT_STARTS))
            rows.append(
                {"programme_id": self.programme_id, "company_id": company_id,
                 "theme": rng.choice(THEMES), "starts_on": starts, "ends_on": self.day(PROJECT_END),
                 "created_at": _at(starts - timedelta(days=5), 10)}
            )  # fmt: skip
        ids = self.add(Project, rows)
        teams = {p: rng.sample(candidates, min(len(candidates), rng.randint(2, 4))) for p in ids}
        self.add(
            ProjectMember,
            [{"project_id": p, "talent_id": t, "joined_on": row["starts_on"],
              "role": "リーダー" if i == 0 else SKILL_ROLES[SKILLS[i % len(SKILLS)]]}
             for p, row in zip(ids, rows, strict=True) for i, t in enumerate(teams[p])],
            ids=False,
        )  # fmt: skip

        milestones = []  # (row, project, company, k)
        for p, row in zip(ids, rows, strict=True):
            start, end = row["starts_on"], row["ends_on"]
            late = rng.random() < 0.1
            k = 1
            while start + timedelta(days=30 * k) < end - timedelta(days=15):
                due = start + timedelta(days=30 * k)
                done = None
                if due < self.today and not (late and due + timedelta(days=30) >= self.today):
                    done = min(due + timedelta(days=rng.randint(0, 2)), self.today)
                milestones.append(
                    ({"project_id": p, "kind": MilestoneKind.MONTHLY_MEETING,
                      "title": f"第{k}回 月次定例会", "due_on": due, "done_on": done},
                     p, row["company_id"], k)
                )  # fmt: skip
                k += 1
            interim = start + timedelta(days=75)
            for kind, title, due in (
                (MilestoneKind.INTERIM_REPORT, "中間報告", interim),
                (MilestoneKind.FINAL_REPORT, "最終報告", end),
            ):
                done = due if due < self.today else None
                milestones.append(
                    ({"project_id": p, "kind": kind, "title": title, "due_on": due,
                      "done_on": done}, p, row["company_id"], 0)
                )  # fmt: skip
        milestone_ids = self.add(Milestone, [m for m, _, _, _ in milestones])

        planned, reports = [], []
        upcoming: set[int] = set()  # projects whose next meeting is already scheduled
        for milestone_id, (m, p, company_id, k) in zip(milestone_ids, milestones, strict=True):
            held = m["done_on"]
            if m["kind"] == MilestoneKind.MONTHLY_MEETING:
                day = held
                if day is None and m["due_on"] > self.today and p not in upcoming:
                    upcoming.add(p)
                    day = m["due_on"]
                if day is not None:
                    planned.append(
                        (self._event(EventKind.MONTHLY_MEETING, m["title"], day, (19, 20),
                                     online_tool="Zoom", company_id=company_id, project_id=p),
                         teams[p])
                    )  # fmt: skip
                if held is not None:
                    reports.append(
                        {"project_id": p, "talent_id": teams[p][k % len(teams[p])],
                         "milestone_id": milestone_id,
                         "submitted_on": min(held + timedelta(days=2), self.today),
                         "summary": MINUTES[(k - 1) % len(MINUTES)]}
                    )  # fmt: skip
            else:
                kind = (
                    EventKind.INTERIM_REPORT
                    if m["kind"] == MilestoneKind.INTERIM_REPORT
                    else EventKind.FINAL_REPORT
                )
                planned.append(
                    (self._event(kind, f"{m['title']}会", held or m["due_on"], (13, 14),
                                 place=f"{self.region_name}役所 会議室", online_tool="Teams",
                                 company_id=company_id, project_id=p),
                     teams[p])
                )  # fmt: skip
        self._events(planned)
        self.add(MeetingReport, reports, ids=False)


def synthesize(
    session: Session,
    *,
    regions: int,
    talents: int,
    companies: int,
    seed: int = 1,
    today: date,
) -> SynthSummary:
    """Adds `regions` synthetic regions holding `talents` talent and `companies` companies.

    The database must be migrated; it may already hold other data (the demo, earlier synthetic
    regions: new regions take the next free numbers).
    """
    rng = random.Random(seed)
    rows: dict[str, int] = {}
    numbers = _free_region_numbers(session, regions)
    for number, n_talent, n_company in zip(
        numbers, _split(talents, regions), _split(companies, regions), strict=True
    ):
        _Programme(session, rng, today, number, rows).build(n_talent, n_company)
    return SynthSummary(
        regions=rows.get("Region", 0),
        talents=rows.get("Talent", 0),
        companies=rows.get("Company", 0),
        events=rows.get("Event", 0),
        attendances=rows.get("Attendance", 0),
        deliveries=rows.get("InformationDelivery", 0),
        recipients=rows.get("DeliveryRecipient", 0),
        projects=rows.get("Project", 0),
        milestones=rows.get("Milestone", 0),
        reports=rows.get("MeetingReport", 0),
    )


def largest_programme(session: Session) -> int | None:
    """The programme with the most talent (the lowest id on a tie); None if there is no talent."""
    return session.exec(
        select(Talent.programme_id)
        .group_by(col(Talent.programme_id))
        .order_by(func.count().desc(), col(Talent.programme_id))
        .limit(1)
    ).first()
