"""Demo data: the guideline's three pilot fields, each programme at a different stage.

- 北海道釧路市 is far along: about 40 talent, an online meetup five months ago, pre-meetings
  and a three-day fieldwork tour three months ago, three collaboration projects with monthly
  meetings and their interim reports done, final reports still to come, one project late.
- 栃木県 is half way: about 30 talent, the meetup a month ago, pre-meetings and the tour in the
  coming weeks with registrations, no projects yet.
- 石川県加賀市 has just begun: a dozen talent who applied in the last weeks, a meetup in two
  weeks with registrations, companies being recruited through partner institutions.

People, companies, institutions and e-mail addresses (@example.jp) are fictional.
Every date is an offset from `today`, so the demo always looks current, and a fixed seed makes
the same `today` give the same rows (timestamps included). Nothing is committed here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, SQLModel, col, select

from colead.i18n import JST, to_jst, translate
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
    MessageTemplate,
    Milestone,
    MilestoneKind,
    Newsletter,
    NewsletterRecipient,
    OutboxMail,
    PartnerInstitution,
    PartnerKind,
    Programme,
    Project,
    ProjectMember,
    PurposeText,
    Region,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
    WorksheetAnswer,
)
from colead.services.answers import subject_for
from colead.services.needs import needs_answer
from colead.services.screening import answer as screening_answer
from colead.worksheets import WORKSHEETS

SEED = 2026

# the ways of reaching talent the guideline names (direct: SNS, Web広告, ターゲティングメール,
# 地域のHP; indirect: 副業マッチング, 民間人材サービス事業者, プロフェッショナル人材拠点, and the
# networks of cases ① and ②), plus word of mouth.
CHANNELS = (
    "ITコーディネーター協会",
    "AIクエスト",
    "マナビDX Quest",
    "SNS",
    "Web広告",
    "ターゲティングメール",
    "地域のHP",
    "副業マッチングのプラットフォーム",
    "副業マッチングのイベント",
    "民間人材サービス事業者",
    "プロフェッショナル人材拠点",
    "知人の紹介",
)
CHANNEL_WEIGHTS = (4, 3, 2, 5, 2, 1, 2, 5, 2, 3, 1, 3)

# (kanji, romaji): the romaji are distinct, so every full name gives a distinct address.
FAMILY_NAMES = (
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
    ("吉田", "yoshida"),
    ("山田", "yamada"),
    ("佐々木", "sasaki"),
    ("山口", "yamaguchi"),
    ("松本", "matsumoto"),
    ("井上", "inoue"),
    ("木村", "kimura"),
    ("林", "hayashi"),
    ("斎藤", "saito"),
    ("清水", "shimizu"),
    ("山崎", "yamazaki"),
    ("森", "mori"),
    ("池田", "ikeda"),
    ("橋本", "hashimoto"),
    ("阿部", "abe"),
    ("石川", "ishikawa"),
    ("前田", "maeda"),
    ("藤田", "fujita"),
    ("小川", "ogawa"),
    ("岡田", "okada"),
    ("後藤", "goto"),
    ("長谷川", "hasegawa"),
    ("村上", "murakami"),
    ("近藤", "kondo"),
    ("石井", "ishii"),
    ("坂本", "sakamoto"),
    ("遠藤", "endo"),
    ("青木", "aoki"),
    ("藤井", "fujii"),
    ("西村", "nishimura"),
)
GIVEN_NAMES = (
    ("翔太", "shota"),
    ("美咲", "misaki"),
    ("大輔", "daisuke"),
    ("彩", "aya"),
    ("健一", "kenichi"),
    ("由佳", "yuka"),
    ("拓也", "takuya"),
    ("真由美", "mayumi"),
    ("亮", "ryo"),
    ("さくら", "sakura"),
    ("悠人", "yuto"),
    ("葵", "aoi"),
    ("直樹", "naoki"),
    ("恵", "megumi"),
    ("誠", "makoto"),
    ("千尋", "chihiro"),
    ("陽介", "yosuke"),
    ("結衣", "yui"),
    ("和也", "kazuya"),
    ("舞", "mai"),
    ("健太", "kenta"),
    ("優子", "yuko"),
    ("隆", "takashi"),
    ("奈々", "nana"),
    ("俊介", "shunsuke"),
    ("香織", "kaori"),
    ("智也", "tomoya"),
    ("沙織", "saori"),
    ("雄一", "yuichi"),
    ("里奈", "rina"),
    ("浩二", "koji"),
    ("瞳", "hitomi"),
    ("達也", "tatsuya"),
    ("紗希", "saki"),
    ("修", "osamu"),
    ("愛", "ai"),
)
EMAIL_DOMAIN = "example.jp"  # reserved by JPRS for examples, like example.com
AFFILIATIONS = (
    "都内IT企業（SaaS）",
    "大手SIer",
    "フリーランス",
    "外資系コンサルティングファーム",
    "スタートアップ（データ分析）",
    "ネット広告企業",
    "大手メーカー DX推進部",
    "セキュリティベンダー",
    "UXデザイン会社",
    "クラウドインテグレーター",
    "金融系システム会社",
    "大学（研究員）",
)
RESIDENCES = (
    "東京都",
    "東京都",
    "東京都",
    "東京都",
    "神奈川県",
    "神奈川県",
    "埼玉県",
    "千葉県",
    "大阪府",
    "愛知県",
    "福岡県",
)
COMMON_INTERESTS = (
    "地域の人との交流",
    "同じ志を持つ人材との交流",
    "副業での地域貢献",
    "将来の二拠点居住",
    "中小企業の業務改善",
)
SKILLS = tuple(SkillType)
SKILL_WEIGHTS = (2, 4, 3, 4, 3)  # in SkillType order
SKILL_ROLES = {
    SkillType.SECURITY: "セキュリティ担当",
    SkillType.DATA_SCIENTIST: "データ分析担当",
    SkillType.UX_DESIGNER: "UXデザイン担当",
    SkillType.ENGINEER: "開発担当",
    SkillType.BUSINESS_ARCHITECT: "業務設計担当",
}
CONSENT_SCOPES = (
    "他の自治体のプログラムへのプロフィール共有",
    "他の自治体のプログラムへのプロフィール共有",
    "他の自治体のプログラムへのプロフィール共有",
    "事例紹介での氏名・活動内容の掲載",
)
PAUSE_NOTES = ("本業の繁忙期のため一時休止", "家庭の事情により一時休止")
WITHDRAW_NOTE = "本業が多忙になったため参加を辞退"


@dataclass(frozen=True)
class DemoSummary:
    regions: int
    programmes: int
    talents: int
    companies: int
    events: int
    projects: int


@dataclass(frozen=True)
class _CompanySpec:
    name: str
    industry: str
    town: str  # after the prefecture, e.g. "釧路市" or "加賀市山代温泉"
    employees: int
    representative: str
    partner: int | None  # index into the field's partners: who introduced the company
    needs: tuple[tuple[SkillType, str], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class _FieldSpec:
    region: str
    prefecture: str
    contact_interval_days: int
    started: int  # days before `today` the programme was set up
    partners: tuple[tuple[str, PartnerKind, str], ...]
    companies: tuple[_CompanySpec, ...]
    interests: tuple[str, ...]


KUSHIRO = _FieldSpec(
    region="釧路市",
    prefecture="北海道",
    contact_interval_days=30,
    started=230,
    partners=(
        ("くしろ港町商工会議所（デモ）", PartnerKind.CHAMBER, "中小企業相談所 経営支援課"),
        ("道東ひがし信用金庫（デモ）", PartnerKind.FINANCIAL, "地域創生部"),
        ("釧路産業支援センター（デモ）", PartnerKind.SUPPORT_AGENCY, "DX推進担当"),
    ),
    companies=(
        _CompanySpec(
            "釧路港水産加工（デモ）",
            "水産加工",
            "釧路市",
            85,
            "北村 和夫",
            0,
            (
                (SkillType.DATA_SCIENTIST, "水揚げデータと在庫データを統合し需要予測を行いたい"),
                (SkillType.ENGINEER, "加工ラインのセンサーデータを自動で集める仕組みを作りたい"),
            ),
        ),
        _CompanySpec(
            "阿寒ミルクファーム（デモ）",
            "酪農・乳製品",
            "釧路市阿寒町",
            40,
            "大森 幸子",
            1,
            (
                (SkillType.DATA_SCIENTIST, "乳量・飼料・気温の記録から生産性を分析したい"),
                (SkillType.UX_DESIGNER, "乳製品の直販サイトを使いやすくしたい"),
            ),
        ),
        _CompanySpec(
            "道東製紙サービス（デモ）",
            "製紙関連",
            "釧路市",
            120,
            "三浦 正人",
            2,
            (
                (SkillType.SECURITY, "工場ネットワークと取引先とのデータ連携の安全性を点検したい"),
                (
                    SkillType.BUSINESS_ARCHITECT,
                    "紙とFAXの受発注業務をデジタル化する全体像を描きたい",
                ),
            ),
        ),
        _CompanySpec(
            "湿原ツーリズム（デモ）",
            "観光（阿寒湖・釧路湿原）",
            "釧路市",
            25,
            "上田 美和",
            0,
            (
                (SkillType.UX_DESIGNER, "海外からの旅行者が迷わない予約サイトにしたい"),
                (SkillType.BUSINESS_ARCHITECT, "カヌーや自然体験ツアーの販売をオンライン化したい"),
            ),
        ),
        _CompanySpec(
            "くしろ物流センター（デモ）",
            "物流",
            "釧路市",
            60,
            "菅原 健司",
            1,
            (
                (SkillType.ENGINEER, "配送ルートと積載の最適化に取り組みたい"),
                (SkillType.DATA_SCIENTIST, "冬季の遅配リスクを過去の運行データから予測したい"),
            ),
        ),
        _CompanySpec(
            "道東マリンフーズ（デモ）",
            "水産加工（冷凍食品）",
            "釧路市",
            45,
            "今井 昌平",
            2,
            ((SkillType.ENGINEER, "冷凍庫の温度記録を自動化し、紙の点検表をなくしたい"),),
        ),
        _CompanySpec(
            "霧の街ベーカリー（デモ）",
            "食品製造",
            "釧路市",
            15,
            "千葉 和美",
            None,
            note="B-3 の聞き取り前",
        ),
    ),
    interests=("水産業のデータ活用", "酪農DX", "道東の観光DX", "湿原と自然体験", "物流の効率化"),
)

TOCHIGI = _FieldSpec(
    region="栃木県",
    prefecture="栃木県",
    contact_interval_days=21,
    started=125,
    partners=(
        ("とちぎ中央商工会議所（デモ）", PartnerKind.CHAMBER, "経営支援課"),
        ("下野みらい銀行（デモ）", PartnerKind.FINANCIAL, "法人営業部 地域振興室"),
        ("とちぎ産業振興センター（デモ）", PartnerKind.SUPPORT_AGENCY, "ものづくり支援課"),
    ),
    companies=(
        _CompanySpec(
            "宇都宮オートパーツ（デモ）",
            "自動車部品",
            "宇都宮市",
            150,
            "野口 浩",
            0,
            (
                (SkillType.DATA_SCIENTIST, "不良品の発生要因を検査データから分析したい"),
                (SkillType.ENGINEER, "生産管理システムをクラウドに移したい"),
            ),
        ),
        _CompanySpec(
            "いちごの里ファーム（デモ）",
            "いちご等の農業",
            "真岡市",
            20,
            "菊地 直美",
            1,
            (
                (SkillType.DATA_SCIENTIST, "ハウスの環境データから収穫量を予測したい"),
                (SkillType.UX_DESIGNER, "直販サイトとギフト注文の導線を作り直したい"),
            ),
        ),
        _CompanySpec(
            "鬼怒川食品工業（デモ）",
            "食品製造",
            "宇都宮市",
            70,
            "松井 誠司",
            0,
            (
                (SkillType.BUSINESS_ARCHITECT, "紙の受注票をなくす業務設計をしたい"),
                (SkillType.DATA_SCIENTIST, "賞味期限と在庫の状況を見える化したい"),
            ),
        ),
        _CompanySpec(
            "日光おもてなし旅館（デモ）",
            "観光（日光）",
            "日光市",
            35,
            "小野寺 千代",
            1,
            ((SkillType.UX_DESIGNER, "宿泊予約から到着までのお客様の体験を改善したい"),),
        ),
        _CompanySpec(
            "那須精密機器（デモ）",
            "精密機器",
            "那須塩原市",
            90,
            "増田 修一",
            2,
            (
                (SkillType.SECURITY, "取引先から求められるセキュリティ対策を整えたい"),
                (SkillType.ENGINEER, "検査装置の測定データを自動で集めたい"),
            ),
        ),
        _CompanySpec(
            "小山精工（デモ）",
            "精密機器（金型）",
            "小山市",
            45,
            "桜井 勝",
            None,
            ((SkillType.BUSINESS_ARCHITECT, "熟練者の技能をデジタルで伝える進め方を整理したい"),),
        ),
    ),
    interests=("ものづくり現場のIoT", "スマート農業", "日光の観光DX", "食品製造の業務改善"),
)

KAGA = _FieldSpec(
    region="加賀市",
    prefecture="石川県",
    contact_interval_days=14,
    started=40,
    partners=(
        ("加賀温泉郷商工会議所（デモ）", PartnerKind.CHAMBER, "中小企業相談所"),
        ("北陸みらい信用金庫（デモ）", PartnerKind.FINANCIAL, "地域支援部"),
        ("加賀ものづくり支援センター（デモ）", PartnerKind.SUPPORT_AGENCY, "企業支援担当"),
    ),
    companies=(
        _CompanySpec(
            "山代温泉 湯の宿（デモ）",
            "温泉旅館（山代温泉）",
            "加賀市山代温泉",
            45,
            "竹内 千鶴",
            1,
            (
                (SkillType.UX_DESIGNER, "海外からのお客様向けに多言語の予約導線を整えたい"),
                (SkillType.DATA_SCIENTIST, "宿泊データから繁閑を予測して人員配置に生かしたい"),
            ),
        ),
        _CompanySpec(
            "山中温泉 渓谷の宿（デモ）",
            "温泉旅館（山中温泉）",
            "加賀市山中温泉",
            30,
            "中島 雅彦",
            0,
            ((SkillType.BUSINESS_ARCHITECT, "予約・清掃・食事手配の情報共有をデジタル化したい"),),
        ),
        _CompanySpec(
            "山中漆器工房（デモ）",
            "山中漆器",
            "加賀市山中温泉",
            12,
            "宮本 康夫",
            0,
            (
                (SkillType.BUSINESS_ARCHITECT, "海外向けのオンライン販売を始めたい"),
                (SkillType.UX_DESIGNER, "器の魅力が伝わる商品ページを作りたい"),
            ),
        ),
        _CompanySpec(
            "九谷焼窯元 彩陶房（デモ）",
            "九谷焼",
            "加賀市",
            8,
            "松田 弘子",
            2,
            note="商工会議所経由で参加を打診中",
        ),
        _CompanySpec(
            "加賀テキスタイル（デモ）",
            "繊維",
            "加賀市",
            55,
            "大野 隆之",
            1,
            ((SkillType.DATA_SCIENTIST, "受注の波を予測して生産計画に生かしたい"),),
        ),
        _CompanySpec(
            "片山津機械部品（デモ）",
            "機械部品",
            "加賀市",
            110,
            "杉山 俊夫",
            None,
            note="信用金庫から紹介予定。B-1 のチェック前",
        ),
    ),
    interests=("温泉旅館のDX", "伝統工芸の海外販路", "ワーケーション", "ものづくりの現場"),
)

FIELDS = (KUSHIRO, TOCHIGI, KAGA)

# Kushiro's three projects: company index, theme, team size, minutes of the monthly meetings.
KUSHIRO_PROJECTS = (
    (
        0,
        "水産加工ラインのデータ活用による歩留まり改善",
        4,
        (
            "現場を見学し、歩留まりに効く工程（解凍・選別）を特定。生産記録の取り出し方を確認。",
            "3か月分の生産記録を分析。原料のサイズ別に歩留まりの差が大きいことを共有。",
            "選別基準の見直し案を現場と検討。センサー設置の候補箇所を絞り込み。",
        ),
    ),
    (
        3,
        "自然体験ツアーのオンライン販売と多言語予約導線の再設計",
        3,
        (
            "予約の流れを旅行者の目線で洗い出し、離脱の多い画面を特定。",
            "英語・中国語の予約ページ試作を確認。繁忙期のため次回日程は調整。",
            "予約システム候補の比較表を作成。",
        ),
    ),
    (
        2,
        "受発注業務のデジタル化と工場ネットワークのセキュリティ点検",
        2,
        (
            "受発注の業務フローを図にし、FAX・紙の転記が集中する箇所を確認。",
            "工場ネットワークの機器一覧を作成し、優先して対策する箇所を整理。",
            "電子受発注の試行範囲を取引先2社に決定。",
        ),
    ),
)
LATE_PROJECT = 1  # its last monthly meeting slipped: the milestone is past due and not done


def fiscal_year(day: date) -> int:
    """Japanese fiscal years start in April: 2027-02-10 belongs to fiscal year 2026."""
    return day.year if day.month >= 4 else day.year - 1


def programme_name(region: str, year: int) -> str:
    """e.g. 令和8年度 ふるさとCo-LEADプログラム（釧路市） for fiscal year 2026."""
    return f"令和{year - 2018}年度 ふるさとCo-LEADプログラム（{region}）"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Japanese wall-clock time, stored as aware UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=JST).astimezone(UTC)


class _Loader:
    """Adds rows with few flushes: rows that need a parent's id are made after the next flush."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.rng = random.Random(SEED)
        self.counts: dict[str, int] = {}
        self._later: list[Callable[[], Iterable[SQLModel]]] = []
        self._names: set[tuple[str, str]] = set()
        self.skills: dict[int, tuple[SkillType, ...]] = {}
        self.away: dict[int, date] = {}  # paused or withdrawn talent: since when
        self.left_on: dict[int, date] = {}  # withdrawn talent: from when they get nothing

    # -- plumbing -------------------------------------------------------------------------

    def add(self, *rows: SQLModel) -> None:
        self.session.add_all(rows)
        for row in rows:
            kind = type(row).__name__
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def later(self, make: Callable[[], Iterable[SQLModel]]) -> None:
        self._later.append(make)

    def flush(self) -> None:
        self.session.flush()
        while self._later:
            pending, self._later = self._later, []
            for make in pending:
                self.add(*make())
            self.session.flush()

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def person(self) -> tuple[str, str]:
        """A fictional full name and a matching mailbox name, never repeated."""
        while True:
            family = self.rng.choice(FAMILY_NAMES)
            given = self.rng.choice(GIVEN_NAMES)
            if (family[0], given[0]) not in self._names:
                self._names.add((family[0], given[0]))
                return f"{family[0]} {given[0]}", f"{given[1]}.{family[1]}"

    # -- regions, companies, talent -------------------------------------------------------

    def programme(
        self, spec: _FieldSpec, region: Region
    ) -> tuple[Programme, list[PartnerInstitution]]:
        year = fiscal_year(self.today)
        programme = Programme(
            region_id=region.id,
            fiscal_year=year,
            name=programme_name(spec.region, year),
            contact_interval_days=spec.contact_interval_days,
            starts_on=date(year, 4, 1),
            ends_on=date(year + 1, 3, 31),
            created_at=_at(self.day(-spec.started), 9),
        )
        partners = [
            PartnerInstitution(
                region_id=region.id,
                name=name,
                kind=kind,
                contact=f"担当：{contact}",
                created_at=programme.created_at,
            )
            for name, kind, contact in spec.partners
        ]
        self.add(programme, *partners)
        return programme, partners

    def companies(
        self, spec: _FieldSpec, programme: Programme, partners: Sequence[PartnerInstitution]
    ) -> list[Company]:
        rows = [
            Company(
                programme_id=programme.id,
                name=c.name,
                industry=c.industry,
                employees=c.employees,
                address=f"{spec.prefecture}{c.town}",
                representative=c.representative,
                partner_id=None if c.partner is None else partners[c.partner].id,
                note=c.note,
                created_at=_at(self.day(-spec.started + 10 + 3 * i), 10),
            )
            for i, c in enumerate(spec.companies)
        ]
        self.add(*rows)
        self.later(
            lambda: [
                CompanyNeed(company_id=company.id, skill_type=skill, description=text)
                for company, c in zip(rows, spec.companies, strict=True)
                for skill, text in c.needs
            ]
        )
        return rows

    def worksheets(
        self, spec: _FieldSpec, programme: Programme, companies: Sequence[Company], ready: int
    ) -> None:
        """B-1 and B-3 STEP5 answers per company, as a region would have filled them in.

        B-3 STEP5 names the same talent types as the company's CompanyNeed rows. The first
        `ready` companies hold all ten B-1 checks (so they may start projects); the others hold
        STEP1's four, with 受入体制の整備 still to settle.
        """
        screening = WORKSHEETS["B-1"].questions()
        step1 = {q.id for q in WORKSHEETS["B-1"].steps[0].questions}

        def rows() -> list[SQLModel]:
            answers: list[SQLModel] = []
            for i, (company, c) in enumerate(zip(companies, spec.companies, strict=True)):
                needs = [skill for skill, _ in c.needs]
                held = [q for q in screening if i < ready or q.id in step1]
                values = [("B-3", "s5_talent_types", needs_answer(needs))]
                values += [("B-1", q.id, {**screening_answer(True), "other": ""}) for q in held]
                answers += [
                    WorksheetAnswer(
                        programme_id=programme.id,
                        worksheet=sheet,
                        question=question,
                        subject=f"company:{company.id}",
                        company_id=company.id,
                        value=value,
                        answered=True,
                        updated_at=_at(self.day(-60), 10),
                        updated_by="demo",
                    )
                    for sheet, question, value in values
                ]
            return answers

        self.later(rows)

    def talents(
        self,
        spec: _FieldSpec,
        programme: Programme,
        count: int,
        first: int,
        last: int,
        *,
        new_after: int | None = None,
        paused: int = 0,
        withdrawn: int = 0,
    ) -> list[Talent]:
        """`count` people who applied between day offsets `first` and `last`, in that order.

        Those who applied after `new_after` are still APPLIED; of the others, `paused` have
        paused and `withdrawn` have left again; the rest are ACTIVE.
        """
        offsets = sorted(self.rng.randint(first, last) for _ in range(count))
        offsets[0], offsets[-1] = first, last
        settled = [
            i for i, offset in enumerate(offsets) if new_after is None or offset <= new_after
        ]
        quitting = self.rng.sample(settled, paused + withdrawn)
        status = {i: TalentStatus.PAUSED for i in quitting[:paused]}
        status.update({i: TalentStatus.WITHDRAWN for i in quitting[paused:]})
        rows = []
        for i, offset in enumerate(offsets):
            name, mailbox = self.person()
            applied = self.day(offset)
            default = TalentStatus.ACTIVE if i in settled else TalentStatus.APPLIED
            state = status.get(i, default)
            changed = applied
            note = ""
            if state == TalentStatus.PAUSED:
                note = self.rng.choice(PAUSE_NOTES)
                changed = self.day(self.rng.randint(offset, -1) if offset < -1 else offset)
            elif state == TalentStatus.WITHDRAWN:
                note = WITHDRAW_NOTE
                changed = self.day(self.rng.randint(offset, -1) if offset < -1 else offset)
            interests = self.rng.sample(spec.interests + COMMON_INTERESTS, 2)
            talent = Talent(
                programme_id=programme.id,
                name=name,
                email=f"{mailbox}@{EMAIL_DOMAIN}",
                affiliation=self.rng.choice(AFFILIATIONS),
                residence=self.rng.choice(RESIDENCES),
                recruitment_channel=self.rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                status=state,
                applied_on=applied,
                interests="、".join(interests),
                note=note,
                created_at=_at(applied, 9),
                updated_at=_at(changed, 18),
            )
            primary = self.rng.choices(SKILLS, SKILL_WEIGHTS)[0]
            second = self.rng.choice([s for s in SKILLS if s != primary])
            skills = (primary, second) if self.rng.random() < 0.35 else (primary,)
            consent = self._consent(applied, withdrawn=state == TalentStatus.WITHDRAWN)
            rows.append((talent, skills, consent, changed))
        self.add(*(talent for talent, _, _, _ in rows))
        self.later(lambda: self._talent_details(rows))
        return [talent for talent, _, _, _ in rows]

    def _consent(self, applied: date, withdrawn: bool) -> tuple[str, date | None] | None:
        """About half give consent; a few withdraw it later (always when they leave)."""
        if self.rng.random() >= 0.5:
            return None
        scope = self.rng.choice(CONSENT_SCOPES)
        span = (self.today - applied).days
        if (withdrawn or self.rng.random() < 0.12) and span > 2:
            return scope, applied + timedelta(days=self.rng.randint(1, span - 1))
        return scope, None

    def _talent_details(
        self,
        rows: Sequence[tuple[Talent, tuple[SkillType, ...], tuple[str, date | None] | None, date]],
    ) -> list[SQLModel]:
        details: list[SQLModel] = []
        for talent, skills, consent, changed in rows:
            assert talent.id is not None
            self.skills[talent.id] = skills
            if talent.status in (TalentStatus.PAUSED, TalentStatus.WITHDRAWN):
                self.away[talent.id] = changed
            if talent.status == TalentStatus.WITHDRAWN:
                self.left_on[talent.id] = changed
            details += [TalentSkill(talent_id=talent.id, skill_type=s) for s in skills]
            if consent is not None:
                scope, withdrawn_on = consent
                details.append(
                    ConsentRecord(
                        talent_id=talent.id,
                        scope=scope,
                        granted_on=talent.applied_on,
                        withdrawn_on=withdrawn_on,
                    )
                )
        return details

    # -- events, deliveries, projects -----------------------------------------------------

    def outcomes(self, n: int, day: date, attended: float, absent: float) -> list[str]:
        """Registrations for a future event; mostly attended, some absent/cancelled if held."""
        if day > self.today:
            return [AttendanceStatus.REGISTERED] * n
        came = min(n, round(n * attended))
        missed = min(n - came, round(n * absent))
        statuses = (
            [AttendanceStatus.ATTENDED] * came
            + [AttendanceStatus.ABSENT] * missed
            + [AttendanceStatus.CANCELLED] * (n - came - missed)
        )
        self.rng.shuffle(statuses)
        return statuses

    def event(
        self,
        programme: Programme,
        kind: EventKind,
        title: str,
        starts: datetime,
        ends: datetime,
        invited: Sequence[Talent],
        *,
        attended: float = 0.85,
        absent: float = 0.08,
        place: str = "",
        tool: str = "",
        company: Company | None = None,
        project: Project | None = None,
        note: str = "",
    ) -> list[Talent]:
        """Adds the event and its attendance; returns who attended (none if still to come).

        Invited people who had paused or left by the day do not register.
        """
        day = starts.astimezone(JST).date()
        invited = [t for t in invited if not (t.id in self.away and self.away[t.id] <= day)]
        event = Event(
            programme_id=programme.id,
            kind=kind,
            title=title,
            starts_at=starts,
            ends_at=ends,
            place=place,
            online_tool=tool,
            company_id=company.id if company else None,
            project_id=project.id if project else None,
            note=note,
        )
        self.add(event)
        statuses = self.outcomes(len(invited), day, attended, absent)
        stamp = ends if day <= self.today else _at(min(self.today, day - timedelta(days=7)), 12)
        self.later(
            lambda: [
                Attendance(
                    event_id=event.id,
                    talent_id=t.id,
                    status=s,
                    updated_at=stamp,
                    registered_at=stamp,
                )
                for t, s in zip(invited, statuses, strict=True)
            ]
        )
        return [t for t, s in zip(invited, statuses, strict=True) if s == AttendanceStatus.ATTENDED]

    def deliveries(
        self,
        programme: Programme,
        people: Sequence[Talent],
        plan: Sequence[tuple[int, str, str, str]],
        *,
        quiet: Sequence[Talent],
        quiet_from: int,
        slack: Sequence[Talent] = (),
    ) -> None:
        """Deliveries (day offset, kind, channel, subject) to the people reachable that day.

        Mail magazines reach everyone who had applied; SNS posts reach about two in three;
        Slack reaches the working group. The `quiet` ones (bounced mail, unsubscribed) get
        nothing from `quiet_from` on, and those who left get nothing after leaving.
        """
        silent = {t.id for t in quiet}
        group = {t.id for t in slack}
        for offset, kind, channel, subject in plan:
            day = self.day(offset)
            reachable = [
                t
                for t in people
                if t.applied_on <= day
                and not (t.id in silent and offset >= quiet_from)
                and not (t.id in self.left_on and self.left_on[t.id] <= day)
            ]
            if channel == "Slack":
                recipients = [t for t in reachable if t.id in group]
            elif channel == "SNS":
                recipients = self.rng.sample(reachable, k=(len(reachable) * 2 + 2) // 3)
            else:
                recipients = reachable
            delivery = InformationDelivery(
                programme_id=programme.id, kind=kind, channel=channel, sent_on=day, subject=subject
            )
            self.add(delivery)
            self.later(self._recipients(delivery, recipients))

    @staticmethod
    def _recipients(
        delivery: InformationDelivery, people: Sequence[Talent]
    ) -> Callable[[], list[SQLModel]]:
        return lambda: [DeliveryRecipient(delivery_id=delivery.id, talent_id=t.id) for t in people]

    def project(
        self,
        programme: Programme,
        company: Company,
        theme: str,
        team: Sequence[Talent],
        minutes: Sequence[str],
        *,
        start: int,
        end: int,
        late: bool,
        order: int,
    ) -> Project:
        """A project with monthly meetings, an interim and a final report, and their events."""
        starts_on, ends_on = self.day(start), self.day(end)
        project = Project(
            programme_id=programme.id,
            company_id=company.id,
            theme=theme,
            starts_on=starts_on,
            ends_on=ends_on,
            created_at=_at(starts_on - timedelta(days=5), 10),
        )
        self.add(project)
        self.later(
            lambda: self._project_rows(
                programme, company, project, team, minutes, late=late, order=order
            )
        )
        return project

    def _project_rows(
        self,
        programme: Programme,
        company: Company,
        project: Project,
        team: Sequence[Talent],
        minutes: Sequence[str],
        *,
        late: bool,
        order: int,
    ) -> list[SQLModel]:
        assert project.id is not None and project.ends_on is not None
        start, end = project.starts_on, project.ends_on
        members: list[SQLModel] = [
            ProjectMember(
                project_id=project.id,
                talent_id=t.id,
                role="リーダー" if i == 0 else SKILL_ROLES[self.skills[t.id][0]],
                joined_on=start,
            )
            for i, t in enumerate(team)
        ]
        monthly = [
            (k, start + timedelta(days=30 * k))
            for k in range(1, 12)
            if start + timedelta(days=30 * k) < end - timedelta(days=15)
        ]
        past = [due for _, due in monthly if due < self.today]
        missed = past[-1] if late and past else None
        milestones: list[tuple[Milestone, int]] = []
        for k, due in monthly:
            done = None
            if due < self.today and due != missed:
                done = min(due + timedelta(days=self.rng.randint(0, 2)), self.today)
            milestone = Milestone(
                project_id=project.id,
                kind=MilestoneKind.MONTHLY_MEETING,
                title=f"第{k}回 月次定例会",
                due_on=due,
                done_on=done,
            )
            milestones.append((milestone, k))
        interim_due = start + timedelta(days=45)
        interim = Milestone(
            project_id=project.id,
            kind=MilestoneKind.INTERIM_REPORT,
            title="中間報告",
            due_on=interim_due,
            done_on=interim_due if interim_due < self.today else None,
        )
        final = Milestone(
            project_id=project.id,
            kind=MilestoneKind.FINAL_REPORT,
            title="最終報告",
            due_on=end,
            done_on=end if end < self.today else None,
        )
        rows: list[SQLModel] = [*members, *(m for m, _ in milestones), interim, final]

        # Meetings held (on the day they were done) and the next one to come.
        tool = "Microsoft Teams" if order % 2 else "Zoom"
        upcoming = next((m.due_on for m, _ in milestones if m.due_on > self.today), None)
        for milestone, _k in milestones:
            day = milestone.done_on or (upcoming if milestone.due_on == upcoming else None)
            if day is None:
                continue
            self.event(
                programme,
                EventKind.MONTHLY_MEETING,
                f"{milestone.title}（{company.name}）",
                _at(day, 19),
                _at(day, 20),
                team,
                attended=0.9,
                tool=tool,
                company=company,
                project=project,
                note="前回の定例会は日程が合わず延期" if missed and day > missed else "",
            )
        for milestone, kind, title in (
            (interim, EventKind.INTERIM_REPORT, "中間報告会"),
            (final, EventKind.FINAL_REPORT, "最終報告会"),
        ):
            day = milestone.done_on or milestone.due_on
            self.event(
                programme,
                kind,
                f"{title}（{company.name}）",
                _at(day, 13 + order),
                _at(day, 14 + order),
                team,
                attended=1.0,
                place="釧路市役所 会議室（オンライン併用）",
                tool="Microsoft Teams",
                company=company,
                project=project,
            )

        def reports() -> list[SQLModel]:
            return [
                MeetingReport(
                    project_id=project.id,
                    talent_id=team[k % len(team)].id,
                    milestone_id=milestone.id,
                    submitted_on=min(milestone.done_on + timedelta(days=2), self.today),
                    summary=minutes[(k - 1) % len(minutes)],
                )
                for milestone, k in milestones
                if milestone.done_on is not None
            ]

        self.later(reports)
        return rows


# -- the three stories ------------------------------------------------------------------------


def _kushiro(
    b: _Loader, programme: Programme, companies: list[Company], people: list[Talent]
) -> None:
    active = [t for t in people if t.status == TalentStatus.ACTIVE]
    met = b.event(
        programme,
        EventKind.MEETUP,
        "オンラインミートアップ「霧の街・釧路と関わる」",
        _at(b.day(-150), 19),
        _at(b.day(-150), 21),
        [t for t in people if t.applied_on < b.day(-152)][:36],
        attended=0.78,
        tool="Zoom",
    )
    invited = [t for t in met if t.status == TalentStatus.ACTIVE][:16]
    for offset, index in ((-104, 0), (-103, 3), (-102, 2), (-101, 1)):
        b.event(
            programme,
            EventKind.PRE_MEETING,
            f"事前打ち合わせ（{companies[index].name}）",
            _at(b.day(offset), 13),
            _at(b.day(offset), 14),
            b.rng.sample(invited, 4),
            attended=0.9,
            tool="Microsoft Teams",
            company=companies[index],
        )
    toured = b.event(
        programme,
        EventKind.TOUR,
        "釧路フィールドワークツアー（2泊3日）",
        _at(b.day(-92), 9),
        _at(b.day(-90), 17),
        invited,
        attended=0.88,
        absent=0.0,
        place="釧路市内（釧路港・阿寒湖温泉・参加企業）",
    )

    # Teams from the tour, matched to what each company needs where possible.
    free = list(toured)
    teams = []
    for index, _theme, size, _minutes in KUSHIRO_PROJECTS:
        needs = {s for s, _ in KUSHIRO.companies[index].needs}
        free.sort(key=lambda t: not needs & set(b.skills[t.id]))
        teams.append(free[:size])
        del free[:size]
    for order, ((index, theme, _size, minutes), team) in enumerate(
        zip(KUSHIRO_PROJECTS, teams, strict=True)
    ):
        b.project(
            programme,
            companies[index],
            theme,
            team,
            minutes,
            start=-80,
            end=100,
            late=order == LATE_PROJECT,
            order=order,
        )

    working_group = [t for team in teams for t in team]
    quiet = [t for t in people if t.status == TalentStatus.PAUSED] + b.rng.sample(
        [t for t in active if t.id not in {w.id for w in working_group}], 3
    )
    b.deliveries(
        programme,
        people,
        (
            (
                -205,
                "プログラム案内",
                "メールマガジン",
                "ふるさとCo-LEADプログラム（釧路市）へようこそ",
            ),
            (-170, "ミートアップ案内", "メールマガジン", "オンラインミートアップのご案内"),
            (-140, "地域の魅力発信", "SNS", "ミートアップ開催報告と釧路の企業紹介"),
            (
                -120,
                "フィールドワークツアー案内",
                "メールマガジン",
                "フィールドワークツアー参加者募集",
            ),
            (-85, "地域の魅力発信", "SNS", "フィールドワークツアーの様子をお届けします"),
            (-78, "プロジェクト連絡", "Slack", "協働プロジェクトのキックオフ"),
            (-60, "地域イベント情報", "メールマガジン", "釧路の地域イベント情報"),
            (-36, "プロジェクト連絡", "Slack", "中間報告会の資料を共有しました"),
            (-25, "地域の魅力発信", "SNS", "協働プロジェクトの中間報告"),
            (-12, "地域イベント情報", "メールマガジン", "釧路の地域イベント情報と特産品のご紹介"),
            (-4, "プロジェクト連絡", "Slack", "次回定例会の日程調整"),
        ),
        quiet=quiet,
        quiet_from=-130,
        slack=working_group,
    )

    leaders = [team[0] for team in teams]
    taken = {t.id for t in leaders}
    others = [t for t in toured if t.id not in taken]
    grants = (
        (leaders, IncentiveKind.TITLE, "釧路市デジタル応援大使", -35, "協働プロジェクトの中間報告"),
        (others[:2], IncentiveKind.GOODS, "釧路の特産品（海産物・乳製品）", -88, "ツアー参加"),
        (
            others[2:4],
            IncentiveKind.COUPON,
            "釧路市内で使える地域クーポン（5,000円分）",
            -20,
            "定例会に継続参加",
        ),
        (
            others[4:5],
            IncentiveKind.WORKSPACE,
            "市内コワーキングスペースの無料利用（1か月）",
            -60,
            "現地での作業",
        ),
    )
    b.add(
        *(
            Incentive(
                programme_id=programme.id,
                talent_id=t.id,
                kind=kind,
                description=description,
                granted_on=b.day(offset),
                basis=basis,
            )
            for receivers, kind, description, offset, basis in grants
            for t in receivers
        )
    )


def _tochigi(
    b: _Loader, programme: Programme, companies: list[Company], people: list[Talent]
) -> None:
    met = b.event(
        programme,
        EventKind.MEETUP,
        "とちぎデジタル人材ミートアップ（オンライン）",
        _at(b.day(-30), 19),
        _at(b.day(-30), 21),
        [t for t in people if t.applied_on < b.day(-32)],
        attended=0.76,
        tool="Microsoft Teams",
    )
    registered = [t for t in met if t.status == TalentStatus.ACTIVE][:12]
    for offset, index in ((10, 0), (11, 1), (12, 4)):
        b.event(
            programme,
            EventKind.PRE_MEETING,
            f"事前打ち合わせ（{companies[index].name}）",
            _at(b.day(offset), 13),
            _at(b.day(offset), 14),
            b.rng.sample(registered, 4),
            tool="Zoom",
            company=companies[index],
        )
    b.event(
        programme,
        EventKind.TOUR,
        "栃木フィールドワークツアー（2泊3日）",
        _at(b.day(21), 9),
        _at(b.day(23), 17),
        registered,
        place="宇都宮市・日光市・那須塩原市（参加企業ほか）",
    )
    going = {t.id for t in registered}
    idle = [t for t in people if t.status == TalentStatus.ACTIVE and t.id not in going]
    b.deliveries(
        programme,
        people,
        (
            (
                -100,
                "プログラム案内",
                "メールマガジン",
                "ふるさとCo-LEADプログラム（栃木県）へようこそ",
            ),
            (-60, "ミートアップ案内", "メールマガジン", "オンラインミートアップのご案内"),
            (-45, "地域の魅力発信", "SNS", "栃木のものづくりと農業の現場から"),
            (-26, "地域イベント情報", "メールマガジン", "ミートアップ開催報告とアーカイブ動画"),
            (
                -16,
                "フィールドワークツアー案内",
                "メールマガジン",
                "フィールドワークツアー参加者募集",
            ),
            (-5, "フィールドワークツアー案内", "Slack", "ツアーの集合場所と持ち物のご案内"),
        ),
        quiet=[t for t in people if t.status == TalentStatus.PAUSED] + idle[:2],
        quiet_from=-40,
        slack=registered,
    )


def _kaga(b: _Loader, programme: Programme, people: list[Talent]) -> None:
    b.event(
        programme,
        EventKind.MEETUP,
        "加賀オンラインミートアップ（温泉と伝統工芸のまち）",
        _at(b.day(14), 19),
        _at(b.day(14), 21),
        [t for t in people if t.status == TalentStatus.ACTIVE][:9],
        tool="Zoom",
    )
    b.deliveries(
        programme,
        people,
        (
            (
                -20,
                "プログラム案内",
                "メールマガジン",
                "ふるさとCo-LEADプログラム（加賀市）へようこそ",
            ),
            (-9, "地域の魅力発信", "SNS", "山代・山中温泉と伝統工芸の紹介"),
            (-3, "ミートアップ案内", "メールマガジン", "オンラインミートアップ参加登録受付中"),
        ),
        quiet=people[:1],
        quiet_from=-15,
    )


KAGA_SLUG = "kaga"
KAGA_PURPOSE = (
    "ご応募いただいた個人情報（氏名・ふりがな・メールアドレス・所属・スキル等）は、加賀市が"
    "ふるさとCo-LEADプログラムの運営（選考、ご連絡、イベントのご案内、地域中小企業とのマッチング）"
    "のためにのみ利用し、ご本人の同意なく第三者に提供しません。"
)


def _kaga_public(b: _Loader, programme: Programme) -> None:
    """加賀市 recruits in public: its page is published with a purpose text, its meetup takes
    sign-ups, one applicant has not opened the confirmation link yet, and one company applied.

    Written as rows with the demo's own times (no link token: a demo database must not hold a
    link that opens someone's page)."""
    applied_at = _at(b.day(-1), 21)
    purpose = PurposeText(
        programme_id=programme.id,
        version=1,
        text=KAGA_PURPOSE,
        created_at=_at(b.day(-30), 10),
        created_by="admin",
    )
    programme.published = True
    programme.public_slug = KAGA_SLUG
    programme.public_intro = (
        "山代・山中温泉と九谷焼・山中漆器のまち、加賀市で、地域の中小企業と一緒にデジタルで"
        "新しい価値をつくる仲間を募集しています。オンラインのミートアップから気軽にご参加ください。"
    )
    b.session.add(programme)
    b.add(purpose)
    b.flush()
    meetup = b.session.exec(
        select(Event).where(Event.programme_id == programme.id, Event.kind == EventKind.MEETUP)
    ).first()
    if meetup is not None:
        meetup.published, meetup.capacity = True, 30
        meetup.agenda = (
            "趣旨説明・地域紹介・グループディスカッション・地域中小企業の紹介・今後について"
        )
        b.session.add(meetup)
    applicant = Talent(
        programme_id=programme.id,
        name="森 あかり",
        kana="もり あかり",
        email="akari.mori@example.jp",
        affiliation="都内IT企業（UXデザイナー）",
        residence="東京都",
        recruitment_channel="地域・自治体のHPやチラシ",
        status=TalentStatus.APPLIED,
        applied_on=b.day(-1),
        interests="伝統工芸の販路をデジタルで広げること",
        skills_text="UXリサーチ、Figma、ECサイトの改善",
        available_time="月に2〜3日（週末）",
        awaiting_confirmation=True,
        created_at=applied_at,
        updated_at=applied_at,
    )
    company = Company(
        programme_id=programme.id,
        name="山中漆器工房 木と漆（デモ）",
        industry="伝統工芸（山中漆器）",
        employees=12,
        address="石川県加賀市山中温泉",
        representative="代表 中村 修",
        contact_name="中村 さやか",
        contact_email="sayaka.nakamura@example.jp",
        status="applied",
        applied_at=applied_at,
        created_at=applied_at,
    )
    b.add(applicant, company)
    b.flush()
    b.add(
        TalentSkill(talent_id=applicant.id, skill_type=SkillType.UX_DESIGNER),
        ConsentRecord(
            talent_id=applicant.id,
            scope=f"個人情報の利用目的（第{purpose.version}版）",
            granted_on=b.day(-1),
            purpose_id=purpose.id,
            granted_at=applied_at,
        ),
        *(
            WorksheetAnswer(
                programme_id=programme.id,
                worksheet=sheet,
                question=question,
                subject=subject_for(company.id),
                company_id=company.id,
                value=value,
                answered=True,
                version=1,
                updated_at=applied_at,
                updated_by="応募フォーム",
                carried_from_id=programme.id,  # the applicant's words, for staff to confirm
            )
            for sheet, question, value in (
                ("B-1", "acceptance_executive", screening_answer(True)),
                ("B-1", "acceptance_field", screening_answer(True)),
                ("B-1", "transformation_digital", screening_answer(True)),
                ("B-3", "s1_company", "創業60年の山中漆器の工房。木地から上塗りまで一貫生産。"),
                ("B-3", "s3_barriers", "受注が電話とFAX中心で、ネット販売の経験がない。"),
            )
        ),
    )


KUSHIRO_NEWS = "釧路の地域イベント情報と特産品のご紹介"
KUSHIRO_NEWS_BODY = (
    "{氏名} 様\n\n"
    "いつもふるさとCo-LEADプログラム（釧路市）にご関心をお寄せいただき、ありがとうございます。\n\n"
    "## 地域イベント情報\n\n"
    "- 釧路湿原の冬のガイドツアー（毎週土曜日）\n"
    "- 和商市場の「勝手丼」フェア（今月末まで）\n\n"
    "## 特産品のご紹介\n\n"
    "旬を迎えた**厚岸の牡蠣**と、釧路港に水揚げされる秋鮭をご紹介します。"
    "協働プロジェクトに参加している釧路港水産加工（デモ）の加工場でも、出荷の準備が進んでいます。\n"
)
BOUNCE = (
    "SMTPRecipientsRefused: {{'{address}': "
    "(550, b'5.1.1 <{address}>: Recipient address rejected: User unknown')}}"
)


def _outreach(b: _Loader, programme: Programme, people: list[Talent]) -> None:
    """釧路's last mail magazine was sent from the workbook (one address bounced), and a
    reminder to the coming event's registrants is scheduled. Rows only, with the demo's own
    times and no unsubscribe links (a demo database holds no link tokens)."""
    from colead.services.mail_render import render
    from colead.services.outreach import Audience

    delivery = b.session.exec(
        select(InformationDelivery).where(
            InformationDelivery.programme_id == programme.id,
            InformationDelivery.subject == KUSHIRO_NEWS,
        )
    ).one()
    reached = set(
        b.session.exec(
            select(DeliveryRecipient.talent_id).where(DeliveryRecipient.delivery_id == delivery.id)
        )
    )
    sent_at = _at(delivery.sent_on, 18)
    footer = translate("outreach.mail.footer", "ja", region="釧路市", programme=programme.name)
    newsletter = Newsletter(
        programme_id=programme.id,
        subject=KUSHIRO_NEWS,
        body=KUSHIRO_NEWS_BODY,
        kind=delivery.kind,
        audience=Audience().to_json(),
        status="sent",
        send_at=sent_at,
        created_by="staff",
        created_at=sent_at - timedelta(hours=2),
        finished_at=sent_at + timedelta(minutes=1),
        delivery_id=delivery.id,
    )
    b.add(newsletter)
    bounced = next(
        t
        for t in people
        if t.id not in reached
        and t.email
        and t.applied_on < delivery.sent_on
        and t.status in (TalentStatus.APPLIED, TalentStatus.ACTIVE)
    )
    b.flush()
    for person in [t for t in people if t.id in reached and t.email] + [bounced]:
        mail = render(KUSHIRO_NEWS, KUSHIRO_NEWS_BODY, person.name, footer=footer)
        failed = person is bounced
        outbox = OutboxMail(
            to_address=person.email,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            kind="newsletter",
            talent_id=person.id,
            programme_id=programme.id,
            status="failed" if failed else "sent",
            error=BOUNCE.format(address=person.email) if failed else "",
            created_at=sent_at,
            sent_at=None if failed else sent_at,
            delivery_id=delivery.id,
        )
        b.add(outbox)
        b.later(
            lambda p=person, o=outbox: [
                NewsletterRecipient(
                    newsletter_id=newsletter.id, talent_id=p.id, state="mailed", mail_id=o.id
                )
            ]
        )
    coming = b.session.exec(
        select(Event)
        .where(Event.programme_id == programme.id, col(Event.starts_at) > _at(b.today, 23))
        .order_by(col(Event.starts_at))
    ).first()
    if coming is None:
        return
    going = b.session.exec(
        select(Attendance.talent_id).where(
            Attendance.event_id == coming.id, Attendance.status == AttendanceStatus.REGISTERED
        )
    ).all()
    remind_on = max(
        b.today + timedelta(days=1), to_jst(coming.starts_at).date() - timedelta(days=3)
    )
    reminder = Newsletter(
        programme_id=programme.id,
        subject=f"【リマインド】{coming.title}",
        body=(
            "{氏名} 様\n\nお申し込みいただいている"
            f"「{coming.title}」が近づいてきました。\n\n"
            "添付のカレンダーファイルで予定に登録できます。当日お会いできるのを楽しみにしています。\n"
        ),
        kind="イベント情報",
        audience=Audience(event_id=coming.id).to_json(),
        status="scheduled",
        send_at=_at(remind_on, 9),
        created_by="staff",
        created_at=_at(b.today, 10),
        event_id=coming.id,
    )
    b.add(reminder)
    b.later(
        lambda: [
            NewsletterRecipient(newsletter_id=reminder.id, talent_id=person)
            for person in sorted(going)
        ]
    )


def _templates(b: _Loader, programme: Programme, region: str) -> None:
    from colead.services.outreach import starter_templates

    b.add(
        *(
            MessageTemplate(
                programme_id=programme.id, name=name, subject=subject, body=body, kind=kind
            )
            for name, subject, body, kind in starter_templates(region)
        )
    )


# Companies (the first n of each field) whose B-1 checks all hold. 釧路's projects run with
# companies 0, 2 and 3; companies 1 and 4 are ready for a project the team proposal can start.
READY_COMPANIES = {"釧路市": 5, "栃木県": 2, "加賀市": 0}


def load_demo(session: Session, today: date) -> DemoSummary:
    """Insert the demo into an empty database within the caller's session (the caller commits).

    Creates no user accounts; of the worksheets, only the per-company B-1 and B-3 STEP5.
    """
    b = _Loader(session, today)
    regions = [
        Region(
            name=spec.region, prefecture=spec.prefecture, created_at=_at(b.day(-spec.started), 9)
        )
        for spec in FIELDS
    ]
    b.add(*regions)
    b.flush()
    set_up = [b.programme(spec, region) for spec, region in zip(FIELDS, regions, strict=True)]
    b.flush()
    companies: list[list[Company]] = []
    people: list[list[Talent]] = []
    windows = (
        # (how many, first and last application day, still APPLIED after, paused, withdrawn)
        (40, -215, -158, None, 3, 2),
        (30, -110, -6, -32, 2, 1),
        (12, -24, -1, -8, 0, 0),
    )
    for spec, (programme, partners), window in zip(FIELDS, set_up, windows, strict=True):
        count, first, last, new_after, paused, withdrawn = window
        companies.append(b.companies(spec, programme, partners))
        b.worksheets(spec, programme, companies[-1], READY_COMPANIES[spec.region])
        people.append(
            b.talents(
                spec,
                programme,
                count,
                first,
                last,
                new_after=new_after,
                paused=paused,
                withdrawn=withdrawn,
            )
        )
    b.flush()
    (kushiro, _), (tochigi, _), (kaga, _) = set_up
    _kushiro(b, kushiro, companies[0], people[0])
    _tochigi(b, tochigi, companies[1], people[1])
    _kaga(b, kaga, people[2])
    b.flush()
    _kaga_public(b, kaga)
    b.flush()
    _outreach(b, kushiro, people[0])
    for spec, (programme, _) in zip(FIELDS, set_up, strict=True):
        _templates(b, programme, spec.region)
    b.flush()
    return DemoSummary(
        regions=b.counts.get("Region", 0),
        programmes=b.counts.get("Programme", 0),
        talents=b.counts.get("Talent", 0),
        companies=b.counts.get("Company", 0),
        events=b.counts.get("Event", 0),
        projects=b.counts.get("Project", 0),
    )
