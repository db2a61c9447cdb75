"""The company registry (地域中小企業): list with B-1 readiness, B-3 needs and the referrer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from colead.models import (
    Company,
    CompanyNeed,
    PartnerInstitution,
    Programme,
    SkillType,
)
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long
from colead.services.paging import PER_PAGE, Page, clamp
from colead.services.screening import missing_checks

NAME_MAX = 200
NOTE_MAX = 2_000  # the note is a TEXT column: a few paragraphs


@dataclass(frozen=True)
class CompanyInput:
    name: str
    industry: str = ""
    employees: int | None = None
    address: str = ""
    representative: str = ""
    partner_id: int | None = None
    note: str = ""

    def cleaned(self) -> CompanyInput:
        return CompanyInput(
            name=" ".join(self.name.split()),
            industry=self.industry.strip(),
            employees=self.employees,
            address=self.address.strip(),
            representative=self.representative.strip(),
            partner_id=self.partner_id,
            note=self.note.strip(),
        )


@dataclass(frozen=True)
class CompanyRow:
    id: int
    name: str
    industry: str
    employees: int | None
    partner: str
    ready: bool
    missing: tuple[str, ...]  # B-1 受入体制の整備 checks that do not hold yet
    needs: tuple[str, ...]  # SkillType values, from B-3 STEP5


def check_company(
    session: Session, programme_id: int, data: CompanyInput, *, existing_id: int | None = None
) -> list[InputError]:
    """Every problem with `data` (already cleaned); a company's name is unique in a programme."""
    errors: list[InputError] = []
    if not data.name:
        errors.append(InputError("company.error.name_required"))
    elif len(data.name) > NAME_MAX:
        errors.append(InputError("company.error.name_too_long", maximum=NAME_MAX))
    else:
        query = select(Company.id).where(
            Company.programme_id == programme_id, func.lower(Company.name) == data.name.lower()
        )
        if existing_id is not None:
            query = query.where(Company.id != existing_id)
        if session.exec(query.limit(1)).first() is not None:
            errors.append(InputError("company.error.duplicate", name=data.name))
    errors += too_long(
        Company,
        "company",
        (
            ("industry", data.industry),
            ("address", data.address),
            ("representative", data.representative),
            ("note", data.note),
        ),
        {"note": NOTE_MAX},
    )
    if data.employees is not None and data.employees < 0:
        errors.append(InputError("company.error.employees"))
    if data.partner_id is not None:
        programme = session.get(Programme, programme_id)
        partner = session.get(PartnerInstitution, data.partner_id)
        if partner is None or programme is None or partner.region_id != programme.region_id:
            errors.append(InputError("company.error.partner"))
    return errors


def _checked(
    session: Session, programme_id: int, data: CompanyInput, existing_id: int | None
) -> CompanyInput:
    data = data.cleaned()
    errors = check_company(session, programme_id, data, existing_id=existing_id)
    if errors:
        raise InvalidInput(errors)
    return data


_FIELDS = ("name", "industry", "employees", "address", "representative", "partner_id", "note")


def create_company(
    session: Session, actor: Actor, programme_id: int, data: CompanyInput
) -> Company:
    programme = require_programme(session, actor, programme_id, write=True)
    data = _checked(session, programme_id, data, None)
    company = Company(programme_id=programme_id, **{f: getattr(data, f) for f in _FIELDS})
    session.add(company)
    session.flush()
    audit.record(
        session,
        actor.username,
        "company.create",
        target=f"company:{company.id}",
        region_id=programme.region_id,
    )
    return company


def company_for(session: Session, actor: Actor, company_id: int, *, write: bool = False) -> Company:
    """The company if the actor may see (or edit) its programme; a hidden one looks missing."""
    company = session.get(Company, company_id)
    if company is None:
        raise AccessDenied(f"company {company_id} not found")
    require_programme(session, actor, company.programme_id, write=write)
    return company


def update_company(session: Session, actor: Actor, company_id: int, data: CompanyInput) -> Company:
    company = company_for(session, actor, company_id, write=True)
    data = _checked(session, company.programme_id, data, company_id)
    for name in _FIELDS:
        setattr(company, name, getattr(data, name))
    session.add(company)
    return company


def partner_choices(session: Session, actor: Actor, programme_id: int) -> list[PartnerInstitution]:
    """B-2's institutions of the programme's region, that can refer a company."""
    programme = require_programme(session, actor, programme_id)
    return list(
        session.exec(
            select(PartnerInstitution)
            .where(PartnerInstitution.region_id == programme.region_id)
            .order_by(PartnerInstitution.name)
        )
    )


def list_companies(
    session: Session,
    actor: Actor,
    programme_id: int,
    query: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[CompanyRow]:
    """One page of the programme's companies by name, each with readiness, needs, referrer."""
    require_programme(session, actor, programme_id)
    where = [col(Company.programme_id) == programme_id]
    if query.strip():
        where.append(
            col(Company.name).icontains(query.strip(), autoescape=True)
            | col(Company.industry).icontains(query.strip(), autoescape=True)
        )
    total = session.exec(select(func.count()).select_from(Company).where(*where)).one()
    page = clamp(page, total, per_page)
    rows = session.exec(
        select(Company, PartnerInstitution.name)
        .outerjoin(PartnerInstitution, col(PartnerInstitution.id) == col(Company.partner_id))
        .where(*where)
        .order_by(Company.name, Company.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [company.id for company, _ in rows]
    needs: dict[int, list[str]] = {}
    if ids:
        for company_id, skill in session.exec(
            select(CompanyNeed.company_id, CompanyNeed.skill_type).where(
                col(CompanyNeed.company_id).in_(ids)
            )
        ):
            needs.setdefault(company_id, []).append(skill)
    missing = missing_checks(session, ids)
    order = list(SkillType)
    return Page(
        rows=[
            CompanyRow(
                id=company.id,
                name=company.name,
                industry=company.industry,
                employees=company.employees,
                partner=partner or "",
                ready=not missing[company.id],
                missing=missing[company.id],
                needs=tuple(sorted(needs.get(company.id, []), key=order.index)),
            )
            for company, partner in rows
        ],
        total=total,
        page=page,
        per_page=per_page,
    )
