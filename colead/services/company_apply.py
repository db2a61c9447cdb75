"""企業の応募 (B-2): a local SME applies to a published programme on the public page /join.

Everything here comes from the internet. The form is checked field by field (lengths from the
tables, the number of employees in range, the e-mail's shape), a hidden field that people
never fill catches simple bots, and submissions are counted per client address and per e-mail
(`MAX_PER_HOUR` each). The public sees nothing but the programme's public texts and the NAMES
of the region's partner institutions (to say who referred them).

An application creates the company with status 応募 ("applied") and stores the applicant's
own answers to the B-1 checks and B-3's first questions as drafts marked as carried from the
company's own programme: staff see them pre-filled and confirm them; until then they hold no
B-1 check (colead.services.screening.confirmed), so an application never makes a company
ready by itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from colead.i18n import translate
from colead.models import (
    Company,
    PartnerInstitution,
    Programme,
    Region,
    WorksheetAnswer,
)
from colead.services import form_limits
from colead.services.answers import is_answered, subject_for
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.screening import SCREENING, answer
from colead.services.talent import EMAIL

FORM = "join"
MAX_PER_HOUR = 5
EMPLOYEES_MAX = 1_000_000
TEXT_MAX = 2_000  # each free answer: a few paragraphs
ADDRESS_MAX = 64  # FormSubmission.address
APPLICANT = "応募フォーム"  # shown as the author of the drafted answers
STATUS_APPLIED = "applied"
ISSUES = "B-3"

# The B-1 checks asked as plain questions, in the guideline's order (question id → key of the
# plain wording in the catalog, "join.check.<id>").
CHECKS = (
    "transformation_future_leader",
    "transformation_vision",
    "transformation_innovation",
    "transformation_digital",
    "acceptance_executive",
    "acceptance_field",
    "acceptance_team",
    "region_business",
    "region_solving",
    "region_activities",
)
YES, NO, UNKNOWN = "yes", "no", ""

# B-3's first questions: the form's field → the question it drafts.
ISSUE_TEXTS = (("about", "s1_company"), ("issues", "s3_barriers"))
HOPES_QUESTION = "s4_priorities"  # what they hope to work on with the talent: its first row


@dataclass(frozen=True)
class PublicProgramme:
    slug: str
    name: str
    region: str
    prefecture: str
    fiscal_year: int
    intro: str


@dataclass(frozen=True)
class CompanyApplicationInput:
    """What the public form gives, every value as typed."""

    company_name: str = ""
    industry: str = ""
    employees: Any = None  # a number, or text typed into a field
    address: str = ""
    representative: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    partner: str = ""  # a partner institution's name from the public list, or ""
    partner_other: str = ""  # typed when the referrer is not in the list
    checks: dict[str, str] = field(default_factory=dict)  # check id → YES, NO or UNKNOWN
    about: str = ""
    issues: str = ""
    hopes: str = ""
    website: str = ""  # the honeypot: hidden from people, filled by bots

    def cleaned(self) -> CompanyApplicationInput:
        def line(text: object) -> str:
            return " ".join(unicodedata.normalize("NFKC", str(text or "")).split())

        def block(text: object) -> str:
            return str(text or "").replace("\r\n", "\n").strip()

        return CompanyApplicationInput(
            company_name=line(self.company_name),
            industry=line(self.industry),
            employees=self.employees,
            address=line(self.address),
            representative=line(self.representative),
            contact_name=line(self.contact_name),
            contact_email=line(self.contact_email).lower(),
            contact_phone=line(self.contact_phone),
            partner=line(self.partner),
            partner_other=line(self.partner_other),
            checks={
                key: value
                for key, value in (self.checks or {}).items()
                if key in CHECKS and value in (YES, NO)
            },
            about=block(self.about),
            issues=block(self.issues),
            hopes=block(self.hopes),
            website=str(self.website or ""),
        )


@dataclass(frozen=True)
class Submitted:
    """What the applicant is told: received. `company_id` is None for a caught bot."""

    company_id: int | None


def published_programmes(session: Session) -> list[PublicProgramme]:
    """The programmes open to the public, newest year first: public texts only."""
    rows = session.exec(
        select(Programme, Region)
        .join(Region, col(Region.id) == col(Programme.region_id))
        .where(
            col(Programme.published).is_(True),
            col(Programme.public_slug).is_not(None),
            col(Programme.archived_at).is_(None),
            col(Region.archived_at).is_(None),
        )
        .order_by(col(Programme.fiscal_year).desc(), Region.prefecture, Region.name)
    ).all()
    return [_public(programme, region) for programme, region in rows]


def _public(programme: Programme, region: Region) -> PublicProgramme:
    return PublicProgramme(
        slug=programme.public_slug or "",
        name=programme.name,
        region=region.name,
        prefecture=region.prefecture,
        fiscal_year=programme.fiscal_year,
        intro=programme.public_intro,
    )


def _programme(session: Session, slug: object) -> Programme | None:
    """The published programme `slug` names; None for anything else (never says why)."""
    if not isinstance(slug, str) or not slug or len(slug) > 40:
        return None
    programme = session.exec(
        select(Programme).where(
            Programme.public_slug == slug,
            col(Programme.published).is_(True),
            col(Programme.archived_at).is_(None),
        )
    ).first()
    if programme is None:
        return None
    region = session.get(Region, programme.region_id)
    if region is None or region.archived_at is not None:
        return None
    return programme


def public_programme(session: Session, slug: object) -> PublicProgramme | None:
    programme = _programme(session, slug)
    if programme is None:
        return None
    region = session.get(Region, programme.region_id)
    assert region is not None
    return _public(programme, region)


def partner_names(session: Session, slug: object) -> list[str]:
    """The names (and nothing else) of the partner institutions of the programme's region."""
    programme = _programme(session, slug)
    if programme is None:
        return []
    return list(
        session.exec(
            select(PartnerInstitution.name)
            .where(PartnerInstitution.region_id == programme.region_id)
            .order_by(PartnerInstitution.name)
        ).all()
    )


def _employees(value: Any) -> tuple[int | None, list[InputError]]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    try:
        number = int(unicodedata.normalize("NFKC", str(value)).replace(",", "").strip())
    except ValueError:
        return None, [InputError("join.error.employees", maximum=EMPLOYEES_MAX)]
    if isinstance(value, float) and value != int(value):
        return None, [InputError("join.error.employees", maximum=EMPLOYEES_MAX)]
    if not 0 <= number <= EMPLOYEES_MAX:
        return None, [InputError("join.error.employees", maximum=EMPLOYEES_MAX)]
    return number, []


def check_application(data: CompanyApplicationInput) -> tuple[int | None, list[InputError]]:
    """(employees as a number, every problem of the cleaned form)."""
    errors: list[InputError] = []
    for name in ("company_name", "contact_name", "contact_email"):
        if not getattr(data, name):
            errors.append(InputError("form.error.required", field=_label(name)))
    if data.contact_email and not _mailable(data.contact_email):
        errors.append(InputError("join.error.email"))
    employees, problems = _employees(data.employees)
    errors += problems
    errors += too_long(
        Company,
        "join",
        (
            ("name", data.company_name),
            ("industry", data.industry),
            ("address", data.address),
            ("representative", data.representative),
            ("contact_name", data.contact_name),
            ("contact_email", data.contact_email),
            ("contact_phone", data.contact_phone),
        ),
    )
    for name in ("partner_other", "about", "issues", "hopes"):
        limit = 200 if name == "partner_other" else TEXT_MAX
        if len(getattr(data, name)) > limit:
            errors.append(InputError("form.error.too_long", field=_label(name), maximum=limit))
    return employees, errors


def _mailable(address: str) -> bool:
    from colead.services.mail import check_address

    try:
        check_address(address)
    except InputError:
        return False
    return bool(EMAIL.match(address))


def _label(name: str) -> Any:
    from colead.i18n import Label

    return Label(f"join.field.{'name' if name == 'company_name' else name}")


def rate_limited(session: Session, address: str, email: str, now: datetime) -> bool:
    """Whether this address or this e-mail sent MAX_PER_HOUR applications within the hour."""
    return form_limits.over(session, FORM, now, MAX_PER_HOUR, address=address, email=email)


def submit_company_application(
    session: Session, slug: object, form: CompanyApplicationInput, address: str, now: datetime
) -> Submitted:
    """Store a company's application to the published programme `slug`.

    Raises InputError("join.error.closed") when the programme is not open,
    InputError("join.error.rate_limited") after too many submissions, InvalidInput listing
    every problem of the form otherwise. A caught bot is answered like a person and stores
    nothing.
    """
    programme = _programme(session, slug)
    if programme is None:
        raise InputError("join.error.closed")
    if not isinstance(form, CompanyApplicationInput):
        raise InputError("join.error.closed")
    data = form.cleaned()
    if data.website:
        return Submitted(None)
    address = (address or "")[:ADDRESS_MAX]
    employees, errors = check_application(data)
    if errors:
        raise InvalidInput(errors)
    if rate_limited(session, address, data.contact_email, now):
        raise InputError("join.error.rate_limited")
    form_limits.record(session, FORM, address, data.contact_email, now)
    partner_id = None
    if data.partner:
        partner_id = session.exec(
            select(PartnerInstitution.id).where(
                PartnerInstitution.region_id == programme.region_id,
                PartnerInstitution.name == data.partner,
            )
        ).first()
    note = ""
    if partner_id is None and (data.partner_other or data.partner):
        note = translate("join.note.referrer", name=data.partner_other or data.partner)
    company = Company(
        programme_id=programme.id,
        name=data.company_name,
        industry=data.industry,
        employees=employees,
        address=data.address,
        representative=data.representative,
        partner_id=partner_id,
        note=note,
        status=STATUS_APPLIED,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        applied_at=now,
        created_at=now,
    )
    session.add(company)
    session.flush()
    assert company.id is not None and programme.id is not None
    _draft_answers(session, programme.id, company.id, data, now)
    _acknowledge(session, programme, company)
    return Submitted(company.id)


def _drafts(data: CompanyApplicationInput) -> list[tuple[str, str, Any]]:
    """(worksheet, question, value) of every answer the applicant gave."""
    rows: list[tuple[str, str, Any]] = []
    for check in CHECKS:
        choice = data.checks.get(check)
        if choice == YES:
            rows.append((SCREENING, check, answer(True)))
        elif choice == NO:
            rows.append((SCREENING, check, {"choice": NO, "other": ""}))
    for name, question in ISSUE_TEXTS:
        if getattr(data, name):
            rows.append((ISSUES, question, getattr(data, name)))
    if data.hopes:
        rows.append((ISSUES, HOPES_QUESTION, [{"rank": 1, "issue": data.hopes}]))
    return rows


def _draft_answers(
    session: Session,
    programme_id: int,
    company_id: int,
    data: CompanyApplicationInput,
    now: datetime,
) -> None:
    """The applicant's answers, pre-filled as drafts of the company's own programme."""
    for worksheet, question, value in _drafts(data):
        session.add(
            WorksheetAnswer(
                programme_id=programme_id,
                worksheet=worksheet,
                question=question,
                subject=subject_for(company_id),
                company_id=company_id,
                value=value,
                answered=is_answered(value),
                version=1,
                updated_at=now,
                updated_by=APPLICANT,
                carried_from_id=programme_id,  # the applicant's own words, awaiting staff
            )
        )


def _acknowledge(session: Session, programme: Programme, company: Company) -> None:
    from colead.services.mail import send_mail

    send_mail(
        session,
        to=company.contact_email,
        subject=translate("join.mail.subject", programme=programme.name),
        text=translate(
            "join.mail.text",
            contact=company.contact_name,
            company=company.name,
            programme=programme.name,
        ),
        kind="company_ack",
        programme_id=programme.id,
    )
