"""Closed vocabularies stored as short strings.

Stored as plain strings (not database enums) so that adding a value is a code change, not a
schema migration on every backend. Japanese labels live in the i18n catalog under
`enum.<class>.<value>`.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


class SkillType(StrEnum):
    """The five kinds of 高度デジタル人材 of worksheet B-3 STEP5."""

    SECURITY = "security"
    DATA_SCIENTIST = "data_scientist"
    UX_DESIGNER = "ux_designer"
    ENGINEER = "engineer"
    BUSINESS_ARCHITECT = "business_architect"


class TalentStatus(StrEnum):
    APPLIED = "applied"
    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class EventKind(StrEnum):
    MEETUP = "meetup"
    TOUR = "tour"
    PRE_MEETING = "pre_meeting"
    MONTHLY_MEETING = "monthly_meeting"
    INTERIM_REPORT = "interim_report"
    FINAL_REPORT = "final_report"


class AttendanceStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"  # キャンセル待ち: the event was full; moves up when a seat frees
    ATTENDED = "attended"
    ABSENT = "absent"
    CANCELLED = "cancelled"


class MilestoneKind(StrEnum):
    MONTHLY_MEETING = "monthly_meeting"
    INTERIM_REPORT = "interim_report"
    FINAL_REPORT = "final_report"
    OTHER = "other"


class IncentiveKind(StrEnum):
    """A-1 STEP5: 称号, クーポン, 証明書, 特産品, ワークスペース."""

    TITLE = "title"
    COUPON = "coupon"
    CERTIFICATE = "certificate"
    GOODS = "goods"
    WORKSPACE = "workspace"


class PartnerKind(StrEnum):
    """B-2: the institutions through which SMEs are recruited."""

    CHAMBER = "chamber"  # 商工会議所
    COMMERCE_SOCIETY = "commerce_society"  # 商工会
    FINANCIAL = "financial"  # 地域金融機関
    YOROZU = "yorozu"  # よろず支援拠点
    INDUSTRY_PROMOTION = "industry_promotion"  # 産業振興機関
    SUPPORT_AGENCY = "support_agency"  # 経営支援機関
    PROFESSIONAL_HUB = "professional_hub"  # プロフェッショナル人材拠点
    HR_COMPANY = "hr_company"  # 民間人材事業者
    LOCAL_FIRM = "local_firm"  # 地域企業（コンサル等）
    MUNICIPALITY = "municipality"  # 自治体
    OTHER = "other"


class Activity(StrEnum):
    """Verified activity an incentive rule counts: attendance that was checked in, reports
    submitted, and report milestones done in a project the person is a member of."""

    MEETUP = "meetup"
    TOUR = "tour"
    EVENT = "event"  # any event attended
    REPORT = "report"  # a meeting report submitted
    INTERIM_REPORT = "interim_report"
    FINAL_REPORT = "final_report"
