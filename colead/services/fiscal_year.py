"""Next fiscal year's programme, made from this year's with what the admin chooses to carry.

What can carry over:
- the answers of chosen worksheets, as a starting draft: each copied answer is marked with the
  programme it came from until someone saves it in the new year;
- the companies with their B-1 checks and B-3 talent needs (and, when B-3 is chosen, their
  B-3 answers), as new rows of the new programme;
- the contact interval of A-4 STEP2.

What does not need to: partner institutions and people belong to the region, not to a year.
Partners are listed for every programme of the region; the talent pool, the relationship ladder
and consents already read across every fiscal year of the region (by e-mail). Links in answers
to records that do not carry (last year's talent, or companies when they are not carried) are
dropped from the copied rows, so a draft never points into another year's registry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from colead.models import Company, CompanyNeed, Programme, Role, WorksheetAnswer
from colead.services import audit
from colead.services.access import Actor, require_programme, require_role
from colead.services.answers import is_answered
from colead.services.errors import InputError
from colead.services.regions import ProgrammeInput, create_programme
from colead.services.screening import SCREENING
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Kind, Record


@dataclass(frozen=True)
class CarryOver:
    worksheets: frozenset[str] = frozenset()  # worksheet codes whose answers become drafts
    companies: bool = False  # companies, their B-1 checks and B-3 needs
    contact_interval: bool = True


def carriable_worksheets() -> list[str]:
    """Worksheets whose answers can be carried. B-1 travels with the companies (it is their
    state), so it is chosen through `companies`, not here."""
    return [code for code in WORKSHEETS if code != SCREENING]


@dataclass(frozen=True)
class CarryResult:
    programme: Programme
    answers: int
    companies: int


def start_next_year(
    session: Session,
    actor: Actor,
    source_id: int,
    data: ProgrammeInput,
    carry: CarryOver,
) -> CarryResult:
    """Create the region's programme for `data.fiscal_year` from programme `source_id`."""
    require_role(actor, Role.ADMIN)
    source = require_programme(session, actor, source_id)
    unknown = set(carry.worksheets) - set(carriable_worksheets())
    if unknown:
        raise InputError("carry.error.worksheet", codes="、".join(sorted(unknown)))
    if carry.contact_interval:
        data = replace(data, contact_interval_days=source.contact_interval_days)
    target = create_programme(session, actor, source.region_id, data, carried_from_id=source.id)
    company_map = _copy_companies(session, source.id, target.id) if carry.companies else {}
    codes = set(carry.worksheets) | ({SCREENING} if carry.companies else set())
    answers = _copy_answers(session, source.id, target.id, codes, company_map)
    audit.record(
        session,
        actor.username,
        "programme.carry_over",
        target=f"{source.id}->{target.id}",
        region_id=source.region_id,
        detail=(
            f"worksheets={sorted(carry.worksheets)} companies={carry.companies} "
            f"interval={carry.contact_interval}"
        ),
    )
    return CarryResult(target, answers, len(company_map))


def _copy_companies(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    """New rows for the source's companies and their needs; {old id: new id}."""
    mapping: dict[int, int] = {}
    companies = session.exec(
        select(Company).where(Company.programme_id == source_id).order_by(col(Company.id))
    ).all()
    for old in companies:
        new = Company(
            programme_id=target_id,
            name=old.name,
            industry=old.industry,
            employees=old.employees,
            address=old.address,
            representative=old.representative,
            partner_id=old.partner_id,
            note=old.note,
        )
        session.add(new)
        session.flush()
        mapping[old.id] = new.id
    if mapping:
        needs = session.exec(
            select(CompanyNeed).where(col(CompanyNeed.company_id).in_(list(mapping)))
        ).all()
        session.add_all(
            CompanyNeed(
                company_id=mapping[need.company_id],
                skill_type=need.skill_type,
                description=need.description,
            )
            for need in needs
        )
    return mapping


def _copy_answers(
    session: Session,
    source_id: int,
    target_id: int,
    codes: set[str],
    company_map: dict[int, int],
) -> int:
    if not codes:
        return 0
    rows = session.exec(
        select(WorksheetAnswer).where(
            WorksheetAnswer.programme_id == source_id,
            col(WorksheetAnswer.worksheet).in_(sorted(codes)),
        )
    ).all()
    copied = 0
    for row in rows:
        sheet = WORKSHEETS.get(row.worksheet)
        if sheet is None:
            continue
        company_id = None
        if sheet.per_company:
            if row.company_id not in company_map:
                continue  # the company stays in last year's programme
            company_id = company_map[row.company_id]
        question = next((q for q in sheet.questions() if q.id == row.question), None)
        if question is None:
            continue
        value = _relinked(question.kind, question.record, row.value, company_map)
        session.add(
            WorksheetAnswer(
                programme_id=target_id,
                worksheet=row.worksheet,
                question=row.question,
                subject=f"company:{company_id}" if company_id is not None else "",
                company_id=company_id,
                value=value,
                answered=is_answered(value),
                version=1,
                updated_at=row.updated_at,
                updated_by=row.updated_by,
                carried_from_id=source_id,
            )
        )
        copied += 1
    return copied


def _relinked(kind: Kind, record: Record | None, value: Any, company_map: dict[int, int]) -> Any:
    """Rows linking to records: company links follow the copied companies, partner links stay
    (partners are the region's), any other link is dropped and its typed columns kept."""
    if kind != Kind.RECORDS or not isinstance(value, list):
        return value
    rows = []
    for row in value:
        row = dict(row)
        record_id = row.get("record_id")
        if record_id is not None and record != Record.PARTNER:
            mapped = company_map.get(int(record_id)) if record == Record.COMPANY else None
            if mapped is None:
                row.pop("record_id")
            else:
                row["record_id"] = mapped
        if row:
            rows.append(row)
    return rows


def previous_programme(session: Session, actor: Actor, programme_id: int) -> Programme | None:
    """The region's latest programme of an earlier fiscal year, if any."""
    programme = require_programme(session, actor, programme_id)
    return session.exec(
        select(Programme)
        .where(
            Programme.region_id == programme.region_id,
            col(Programme.fiscal_year) < programme.fiscal_year,
        )
        .order_by(col(Programme.fiscal_year).desc())
    ).first()
