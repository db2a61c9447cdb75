"""All tables, imported here so that `SQLModel.metadata` knows every one of them."""

from colead.models.accounts import LoginSession, LoginThrottle, UserAccount, UserRegion
from colead.models.answers import WorksheetAnswer
from colead.models.audit import AuditLog
from colead.models.changes import DataChange
from colead.models.companies import Company, CompanyNeed
from colead.models.deliveries import DeliveryRecipient, InformationDelivery
from colead.models.enums import (
    Activity,
    AttendanceStatus,
    EventKind,
    IncentiveKind,
    MilestoneKind,
    PartnerKind,
    Role,
    SkillType,
    TalentStatus,
)
from colead.models.events import Attendance, Event
from colead.models.incentives import Certificate, Incentive, IncentiveRule
from colead.models.matching import MatchWeight
from colead.models.org import PartnerInstitution, Programme, PurposeText, Region
from colead.models.outreach import (
    MessageTemplate,
    Newsletter,
    NewsletterRecipient,
    SentReminder,
)
from colead.models.people import ConsentRecord, Talent, TalentSkill
from colead.models.projects import MeetingReport, Milestone, Project, ProjectMember
from colead.models.public import AccessToken, FormSubmission, OutboxMail

__all__ = [
    "AccessToken",
    "Activity",
    "Attendance",
    "AttendanceStatus",
    "AuditLog",
    "Certificate",
    "Company",
    "CompanyNeed",
    "ConsentRecord",
    "DataChange",
    "DeliveryRecipient",
    "Event",
    "EventKind",
    "FormSubmission",
    "Incentive",
    "IncentiveKind",
    "IncentiveRule",
    "InformationDelivery",
    "LoginSession",
    "LoginThrottle",
    "MatchWeight",
    "MeetingReport",
    "MessageTemplate",
    "Milestone",
    "MilestoneKind",
    "Newsletter",
    "NewsletterRecipient",
    "OutboxMail",
    "PartnerInstitution",
    "PartnerKind",
    "Programme",
    "Project",
    "ProjectMember",
    "PurposeText",
    "Region",
    "Role",
    "SentReminder",
    "SkillType",
    "Talent",
    "TalentSkill",
    "TalentStatus",
    "UserAccount",
    "UserRegion",
    "WorksheetAnswer",
]
