"""Demo data: the guideline's three pilot fields, each programme at a different stage.

北海道釧路市 runs projects (interim reports done, one project late), 栃木県 has held its meetup
and prepares the tour, 石川県加賀市 is recruiting. People, companies and addresses are fictional.
All dates are computed from `today`, so the demo always looks current, and the same `today`
always gives the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlmodel import Session, select

from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    CompanyNeed,
    ConsentRecord,
    DeliveryRecipient,
    Event,
    EventKind,
    Incentive,
    IncentiveKind,
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
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
)

JST = timezone(timedelta(hours=9))
SEED = 2026

# recruitment channels the guideline names (direct and indirect approaches).
CHANNELS = (
    "ITコーディネータ協会",
    "AIクエスト",
    "SNS",
    "民間人材サービス事業者",
    "副業・兼業マッチングサービス",
    "自治体Webサイト",
    "知人の紹介",
)
FAMILY = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "前田",
    "藤田",
    "小川",
    "岡田",
)
GIVEN = (
    "翔太",
    "美咲",
    "大輔",
    "彩",
    "健一",
    "由佳",
    "拓也",
    "真由美",
    "亮",
    "さくら",
    "悠人",
    "葵",
    "直樹",
    "恵",
    "誠",
    "千尋",
    "陽介",
    "結衣",
    "和也",
    "舞",
)
AFFILIATIONS = (
    "都内IT企業（SaaS）",
    "大手SIer",
    "フリーランス",
    "外資系コンサルティング",
    "スタートアップ（データ分析）",
    "ネット広告企業",
    "大手メーカーDX推進部",
    "セキュリティベンダー",
    "デザイン会社",
    "クラウドインテグレーター",
)
RESIDENCES = ("東京都", "東京都", "東京都", "神奈川県", "神奈川県", "埼玉県", "千葉県", "大阪府")
INTERESTS = (
    "地域の産業のデータ活用",
    "観光DX",
    "地域の人との交流",
    "同じ志を持つ人材との交流",
    "製造現場の業務改善",
    "食と一次産業",
    "伝統工芸の販路開拓",
    "ワーケーション",
)


@dataclass(frozen=True)
class DemoSummary:
    regions: int
    programmes: int
    talents: int
    companies: int
    events: int
    projects: int


@dataclass(frozen=True)
class _Field:
    region: str
    prefecture: str
    talents: int
    interval: int
    partners: tuple[tuple[str, str], ...]
    companies: tuple[tuple[str, str, int, tuple[tuple[str, str], ...]], ...]


FIELDS = (
    _Field(
        "釧路市",
        "北海道",
        40,
        30,
        (
            ("くしろ商工会議所（デモ）", PartnerKind.CHAMBER),
            ("道東信用金庫（デモ）", PartnerKind.FINANCIAL),
            ("釧路産業支援センター（デモ）", PartnerKind.SUPPORT_AGENCY),
        ),
        (
            (
                "釧路港水産加工（デモ）",
                "水産加工",
                85,
                (
                    (
                        SkillType.DATA_SCIENTIST,
                        "水揚げデータと在庫データを統合し需要予測を行いたい",
                    ),
                    (SkillType.ENGINEER, "加工ラインのセンサーデータを収集する基盤を整えたい"),
                ),
            ),
            (
                "阿寒ミルクファーム（デモ）",
                "酪農・乳製品",
                40,
                ((SkillType.DATA_SCIENTIST, "乳量と飼料の記録から生産性を分析したい"),),
            ),
            (
                "道東製紙サービス（デモ）",
                "製紙関連",
                120,
                (
                    (SkillType.SECURITY, "工場ネットワークのセキュリティを点検したい"),
                    (SkillType.BUSINESS_ARCHITECT, "受発注業務のデジタル化の全体像を描きたい"),
                ),
            ),
            (
                "湿原ツーリズム（デモ）",
                "観光（阿寒湖・釧路湿原）",
                25,
                (
                    (SkillType.UX_DESIGNER, "海外客向けの予約サイトを使いやすくしたい"),
                    (SkillType.BUSINESS_ARCHITECT, "体験商品の販売をオンライン化したい"),
                ),
            ),
            (
                "くしろ物流センター（デモ）",
                "物流",
                60,
                ((SkillType.ENGINEER, "配送ルートの最適化に取り組みたい"),),
            ),
            ("霧の街ベーカリー（デモ）", "食品製造", 15, ()),
        ),
    ),
    _Field(
        "栃木県",
        "栃木県",
        30,
        21,
        (
            ("とちぎ商工会議所連合（デモ）", PartnerKind.CHAMBER),
            ("下野中央銀行（デモ）", PartnerKind.FINANCIAL),
        ),
        (
            (
                "宇都宮オートパーツ（デモ）",
                "自動車部品",
                150,
                (
                    (SkillType.DATA_SCIENTIST, "不良品の発生要因を検査データから分析したい"),
                    (SkillType.ENGINEER, "生産管理システムをクラウドに移したい"),
                ),
            ),
            (
                "とちおとめファーム（デモ）",
                "いちご等の農業",
                20,
                (
                    (SkillType.DATA_SCIENTIST, "ハウスの環境データから収穫量を予測したい"),
                    (SkillType.UX_DESIGNER, "直販サイトを作り直したい"),
                ),
            ),
            (
                "鬼怒川食品工業（デモ）",
                "食品製造",
                70,
                ((SkillType.BUSINESS_ARCHITECT, "紙の受注票をなくす業務設計をしたい"),),
            ),
            (
                "日光おもてなし旅館（デモ）",
                "観光（日光）",
                35,
                ((SkillType.UX_DESIGNER, "宿泊予約から到着までの体験を改善したい"),),
            ),
            (
                "那須精密機器（デモ）",
                "精密機器",
                90,
                ((SkillType.SECURITY, "取引先から求められるセキュリティ対策を整えたい"),),
            ),
        ),
    ),
    _Field(
        "加賀市",
        "石川県",
        12,
        14,
        (
            ("加賀商工会議所（デモ）", PartnerKind.CHAMBER),
            ("北陸みらい信用金庫（デモ）", PartnerKind.FINANCIAL),
            ("加賀市産業振興課（デモ）", PartnerKind.MUNICIPALITY),
        ),
        (
            (
                "山代温泉 湯の宿（デモ）",
                "温泉旅館（山代・山中）",
                45,
                ((SkillType.UX_DESIGNER, "多言語の予約導線を整えたい"),),
            ),
            (
                "山中漆器工房（デモ）",
                "山中漆器",
                12,
                ((SkillType.BUSINESS_ARCHITECT, "海外向けのオンライン販売を始めたい"),),
            ),
            ("九谷焼窯元（デモ）", "九谷焼", 8, ()),
            (
                "加賀テキスタイル（デモ）",
                "繊維",
                55,
                ((SkillType.DATA_SCIENTIST, "受注の波を予測して生産計画に生かしたい"),),
            ),
            ("片山津機械部品（デモ）", "機械部品", 110, ()),
        ),
    ),
)


def fiscal_year(day: date) -> int:
    """Japanese fiscal years start in April."""
    return day.year if day.month >= 4 else day.year - 1


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=JST).astimezone(UTC)


class _Builder:
    def __init__(self, session: Session, today: date) -> None:
        self.s = session
        self.today = today
        self.rng = random.Random(SEED)
        self.names: set[str] = set()
        self.counts = {"talents": 0, "companies": 0, "events": 0, "projects": 0}

    def add(self, *rows: object) -> None:
        self.s.add_all(rows)
        self.s.flush()

    def person_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FAMILY)} {self.rng.choice(GIVEN)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def programme(self, spec: _Field) -> tuple[Programme, dict[str, int]]:
        region = Region(name=spec.region, prefecture=spec.prefecture)
        self.add(region)
        year = fiscal_year(self.today)
        programme = Programme(
            region_id=region.id,
            fiscal_year=year,
            name=f"令和{year - 2018}年度 ふるさとCo-LEADプログラム（{spec.region}）",
            contact_interval_days=spec.interval,
        )
        partners = [
            PartnerInstitution(
                region_id=region.id, name=n, kind=k, contact="担当：産業振興担当（デモ）"
            )
            for n, k in spec.partners
        ]
        self.add(programme, *partners)
        return programme, {p.name: p.id for p in partners}

    def companies(
        self, programme: Programme, spec: _Field, partners: dict[str, int]
    ) -> list[Company]:
        partner_ids = list(partners.values())
        town = spec.region if spec.region != spec.prefecture else ""
        rows = []
        for index, (name, industry, employees, _) in enumerate(spec.companies):
            rows.append(
                Company(
                    programme_id=programme.id,
                    name=name,
                    industry=industry,
                    employees=employees,
                    address=f"{spec.prefecture}{town}",
                    representative=f"代表取締役 {self.person_name()}",
                    partner_id=partner_ids[index % len(partner_ids)] if index % 3 != 2 else None,
                )
            )
        self.add(*rows)
        for company, (_, _, _, needs) in zip(rows, spec.companies, strict=True):
            self.add(
                *(CompanyNeed(company_id=company.id, skill_type=k, description=d) for k, d in needs)
            )
        self.counts["companies"] += len(rows)
        return rows

    def talents(
        self, programme: Programme, count: int, applied_from: date, applied_days: int
    ) -> list[Talent]:
        rows = []
        for index in range(count):
            name = self.person_name()
            rows.append(
                Talent(
                    programme_id=programme.id,
                    name=name,
                    email=f"talent{programme.id:02d}{index:03d}@example.jp",
                    affiliation=self.rng.choice(AFFILIATIONS),
                    residence=self.rng.choice(RESIDENCES),
                    recruitment_channel=CHANNELS[index % len(CHANNELS)],
                    status=TalentStatus.ACTIVE if index % 9 else TalentStatus.PAUSED,
                    applied_on=applied_from + timedelta(days=self.rng.randrange(applied_days)),
                    interests="、".join(self.rng.sample(INTERESTS, 2)),
                )
            )
        self.add(*rows)
        skills = list(SkillType)
        for index, talent in enumerate(rows):
            chosen = {skills[index % len(skills)], self.rng.choice(skills)}
            self.s.add_all(TalentSkill(talent_id=talent.id, skill_type=k) for k in chosen)
            if index % 2 == 0:
                withdrawn = self.today - timedelta(days=3) if index % 10 == 0 else None
                self.s.add(
                    ConsentRecord(
                        talent_id=talent.id,
                        scope="他の自治体のプログラムへのプロフィール共有",
                        granted_on=talent.applied_on,
                        withdrawn_on=withdrawn,
                    )
                )
        self.s.flush()
        self.counts["talents"] += len(rows)
        return rows

    def event(
        self,
        programme: Programme,
        kind: EventKind,
        title: str,
        day: date,
        people: list[Talent],
        attend_rate: float,
        *,
        days: int = 1,
        hour: int = 19,
        place: str = "",
        tool: str = "",
        company: Company | None = None,
        project: Project | None = None,
    ) -> Event:
        event = Event(
            programme_id=programme.id,
            kind=kind,
            title=title,
            starts_at=_at(day, hour),
            ends_at=_at(day + timedelta(days=days - 1), hour + 2),
            place=place,
            online_tool=tool,
            company_id=company.id if company else None,
            project_id=project.id if project else None,
        )
        self.add(event)
        held = day <= self.today
        rows = []
        for person in people:
            if not held:
                status = AttendanceStatus.REGISTERED
            else:
                roll = self.rng.random()
                status = (
                    AttendanceStatus.ATTENDED
                    if roll < attend_rate
                    else AttendanceStatus.ABSENT
                    if roll < attend_rate + 0.08
                    else AttendanceStatus.CANCELLED
                )
            rows.append(Attendance(event_id=event.id, talent_id=person.id, status=status))
        self.add(*rows)
        self.counts["events"] += 1
        return event

    def deliveries(
        self,
        programme: Programme,
        people: list[Talent],
        first: date,
        every_days: int,
        subjects: list[tuple[str, str, str]],
    ) -> None:
        """Deliveries up to today; the last fifth of the list is never reached (gone quiet)."""
        reached = people[: max(1, len(people) * 4 // 5)]
        day = first
        index = 0
        while day <= self.today:
            kind, channel, subject = subjects[index % len(subjects)]
            delivery = InformationDelivery(
                programme_id=programme.id, kind=kind, channel=channel, sent_on=day, subject=subject
            )
            self.add(delivery)
            recipients = self.rng.sample(reached, k=max(1, len(reached) * 3 // 4))
            self.add(
                *(DeliveryRecipient(delivery_id=delivery.id, talent_id=p.id) for p in recipients)
            )
            day += timedelta(days=every_days)
            index += 1

    def project(
        self,
        programme: Programme,
        company: Company,
        theme: str,
        team: list[Talent],
        start: date,
        months: int,
        late: bool,
    ) -> Project:
        end = start + timedelta(days=30 * months)
        project = Project(
            programme_id=programme.id,
            company_id=company.id,
            theme=theme,
            starts_on=start,
            ends_on=end,
        )
        self.add(project)
        self.add(
            *(
                ProjectMember(
                    project_id=project.id,
                    talent_id=p.id,
                    role="リーダー" if i == 0 else "メンバー",
                    joined_on=start,
                )
                for i, p in enumerate(team)
            )
        )
        milestones = [
            Milestone(
                project_id=project.id,
                kind=MilestoneKind.MONTHLY_MEETING,
                title=f"第{m}回 月次定例会",
                due_on=start + timedelta(days=30 * m),
            )
            for m in range(1, months)
        ]
        milestones.insert(
            len(milestones) // 2,
            Milestone(
                project_id=project.id,
                kind=MilestoneKind.INTERIM_REPORT,
                title="中間報告会",
                due_on=start + timedelta(days=15 * months),
            ),
        )
        milestones.append(
            Milestone(
                project_id=project.id,
                kind=MilestoneKind.FINAL_REPORT,
                title="最終報告会",
                due_on=end,
            )
        )
        last_past = max(
            (m for m in milestones if m.due_on <= self.today), key=lambda m: m.due_on, default=None
        )
        for milestone in milestones:
            if milestone.due_on <= self.today and not (late and milestone is last_past):
                milestone.done_on = milestone.due_on + timedelta(days=self.rng.randrange(3))
        self.add(*milestones)
        reports = [
            MeetingReport(
                project_id=project.id,
                talent_id=team[0].id,
                milestone_id=m.id,
                submitted_on=m.done_on,
                summary=f"{m.title}の議事録と次回までの宿題を共有しました。",
            )
            for m in milestones
            if m.done_on and m.kind == MilestoneKind.MONTHLY_MEETING
        ]
        self.add(*reports)
        self.counts["projects"] += 1
        return project


def _attended(session: Session, event: Event) -> set[int]:
    return set(
        session.exec(
            select(Attendance.talent_id).where(
                Attendance.event_id == event.id, Attendance.status == AttendanceStatus.ATTENDED
            )
        ).all()
    )


def load_demo(session: Session, today: date) -> DemoSummary:
    """Insert the demo into an empty database (the caller commits)."""
    b = _Builder(session, today)
    newsletter = [
        ("地域イベント情報", "メールマガジン", "今月の地域イベントのお知らせ"),
        ("地域の魅力発信", "SNS", "地域の旬と人の紹介"),
        ("フィールドワークツアー案内", "メールマガジン", "フィールドワークツアー参加者募集"),
    ]

    # 釧路市: projects running, interim reports done, one project late.
    kushiro, partners = b.programme(FIELDS[0])
    companies = b.companies(kushiro, FIELDS[0], partners)
    people = b.talents(kushiro, FIELDS[0].talents, today - timedelta(days=230), 40)
    meetup = b.event(
        kushiro,
        EventKind.MEETUP,
        "オンラインミートアップ「釧路のこれから」",
        today - timedelta(days=150),
        people[:34],
        0.8,
        tool="Zoom",
    )
    met = [p for p in people if p.id in _attended(session, meetup)]
    for company in companies[:4]:
        b.event(
            kushiro,
            EventKind.PRE_MEETING,
            f"事前顔合わせ（{company.name}）",
            today - timedelta(days=100),
            met[:12],
            0.9,
            hour=13,
            tool="Zoom",
            company=company,
        )
    tour = b.event(
        kushiro,
        EventKind.TOUR,
        "釧路フィールドワークツアー（2泊3日）",
        today - timedelta(days=90),
        met[:16],
        0.85,
        days=3,
        hour=9,
        place="釧路市 コワーキングスペース（デモ）",
    )
    toured = [p for p in people if p.id in _attended(session, tour)]
    themes = (
        "水産加工ラインのデータ活用による歩留まり改善",
        "観光体験のオンライン販売と予約導線の再設計",
        "受発注業務のデジタル化とセキュリティ点検",
    )
    chosen = (companies[0], companies[3], companies[2])
    for index, (company, theme) in enumerate(zip(chosen, themes, strict=True)):
        team = toured[index * 3 : index * 3 + 3] or toured[:2]
        project = b.project(
            kushiro, company, theme, team, today - timedelta(days=75), 6, late=index == 1
        )
        b.event(
            kushiro,
            EventKind.MONTHLY_MEETING,
            f"月次定例会（{company.name}）",
            today - timedelta(days=15),
            team,
            0.9,
            tool="Microsoft Teams",
            project=project,
        )
    b.event(
        kushiro,
        EventKind.INTERIM_REPORT,
        "中間報告会",
        today - timedelta(days=30),
        toured,
        0.9,
        hour=15,
        place="釧路市役所 会議室（デモ）",
    )
    b.event(
        kushiro,
        EventKind.FINAL_REPORT,
        "最終報告会",
        today + timedelta(days=105),
        toured,
        0,
        hour=15,
        place="釧路市役所 会議室（デモ）",
    )
    b.deliveries(kushiro, people, today - timedelta(days=200), 21, newsletter)
    b.add(
        *(
            Incentive(
                programme_id=kushiro.id,
                talent_id=p.id,
                kind=k,
                description=d,
                granted_on=today - timedelta(days=60),
                basis="フィールドワークツアー参加",
            )
            for p, (k, d) in zip(
                toured[:3],
                (
                    (IncentiveKind.TITLE, "釧路市デジタル応援大使"),
                    (IncentiveKind.COUPON, "釧路市内で使える地域クーポン 5,000円分"),
                    (IncentiveKind.GOODS, "釧路の特産品（海産物）"),
                ),
                strict=False,
            )
        )
    )

    # 栃木県: meetup held a month ago, tour in three weeks, no projects yet.
    tochigi, partners = b.programme(FIELDS[1])
    companies = b.companies(tochigi, FIELDS[1], partners)
    people = b.talents(tochigi, FIELDS[1].talents, today - timedelta(days=100), 40)
    meetup = b.event(
        tochigi,
        EventKind.MEETUP,
        "とちぎデジタル人材ミートアップ",
        today - timedelta(days=30),
        people[:26],
        0.75,
        tool="Microsoft Teams",
    )
    met = [p for p in people if p.id in _attended(session, meetup)]
    for company in companies[:3]:
        b.event(
            tochigi,
            EventKind.PRE_MEETING,
            f"事前顔合わせ（{company.name}）",
            today + timedelta(days=7),
            met[:10],
            0,
            hour=13,
            tool="Zoom",
            company=company,
        )
    b.event(
        tochigi,
        EventKind.TOUR,
        "栃木フィールドワークツアー（2泊3日）",
        today + timedelta(days=21),
        met[:12],
        0,
        days=3,
        hour=9,
        place="宇都宮市 コワーキングスペース（デモ）",
    )
    b.deliveries(tochigi, people, today - timedelta(days=80), 14, newsletter)

    # 加賀市: recruiting; a meetup in two weeks with registrations.
    kaga, partners = b.programme(FIELDS[2])
    b.companies(kaga, FIELDS[2], partners)
    people = b.talents(kaga, FIELDS[2].talents, today - timedelta(days=25), 20)
    b.event(
        kaga,
        EventKind.MEETUP,
        "加賀オンラインミートアップ（温泉と伝統工芸）",
        today + timedelta(days=14),
        people[:9],
        0,
        tool="Zoom",
    )
    b.deliveries(kaga, people, today - timedelta(days=20), 14, newsletter[:2])

    return DemoSummary(regions=3, programmes=3, **b.counts)
