"""B-1 候補企業の要件整理: the checklist grid, and who may start a project.

All three checks of 受入体制の整備 (経営者の参加, 現場の巻き込み, プロジェクトチームの組成) must
hold before a company can start a collaboration project. A check holds when its answer is the
option AFFIRMATIVE (はい, declared in colead.worksheets.b_1), stored by id: rewording the label
changes nothing. `holds` (Python) and `_holds_in_sql` (SQL) sit side by side and are built from the
same two names, the answer's key and AFFIRMATIVE; nothing else in the app states the rule.

What a company wrote about itself on the public application is stored as drafts marked as
carried from its own programme (`carried_from_id == programme_id`); such an answer holds no
check until staff confirm it: an application never makes a company ready by itself. Drafts
carried from last year's programme are last year's confirmed state and keep counting.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, exists, func, select

from colead.models import Company, WorksheetAnswer
from colead.services.access import Actor, require_programme
from colead.services.answers import StoredAnswer
from colead.services.errors import InputError
from colead.services.paging import PER_PAGE, clamp
from colead.worksheets import WORKSHEETS
from colead.worksheets.b_1 import AFFIRMATIVE
from colead.worksheets.schema import Question

SCREENING = "B-1"
ACCEPTANCE_CHECKS = ("acceptance_executive", "acceptance_field", "acceptance_team")


@dataclass(frozen=True)
class Readiness:
    company_id: int
    name: str
    missing: tuple[str, ...]  # labels of the acceptance checks that do not hold yet

    @property
    def ready(self) -> bool:
        return not self.missing


def questions_by_id() -> dict[str, Question]:
    return {q.id: q for q in WORKSHEETS[SCREENING].questions()}


# The one statement of the rule: an answer's "choice" is the affirmative option's id.
_CHOICE = "choice"


def holds(value: object) -> bool:
    """Whether a stored B-1 answer holds its check (the Python form of the rule)."""
    return isinstance(value, dict) and value.get(_CHOICE) == AFFIRMATIVE


def _holds_in_sql() -> ColumnElement[bool]:
    """The same rule over WorksheetAnswer.value, for queries."""
    return col(WorksheetAnswer.value)[_CHOICE].as_string() == AFFIRMATIVE


def confirmed() -> ColumnElement[bool]:
    """An answer staff stand behind: not an applicant's own draft awaiting confirmation."""
    return or_(
        col(WorksheetAnswer.carried_from_id).is_(None),
        col(WorksheetAnswer.carried_from_id) != col(WorksheetAnswer.programme_id),
    )


def answer(ticked: bool) -> dict[str, str | None]:
    """The value a ticked (or unticked) cell of the grid stores."""
    return {_CHOICE: AFFIRMATIVE if ticked else None}


@dataclass(frozen=True)
class GridPage:
    """One page of B-1's grid: its companies and their stored answers, and the whole count."""

    companies: list[tuple[int, str]]
    answers: dict[tuple[int, str], StoredAnswer]  # by (company id, question id)
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def grid(
    session: Session, actor: Actor, programme_id: int, page: int = 1, per_page: int = PER_PAGE
) -> GridPage:
    """A page of the programme's companies (by name) with every B-1 answer stored for them."""
    require_programme(session, actor, programme_id)
    total = session.exec(
        select(func.count()).select_from(Company).where(Company.programme_id == programme_id)
    ).one()
    page = clamp(page, total, per_page)
    companies = session.exec(
        select(Company.id, Company.name)
        .where(Company.programme_id == programme_id)
        .order_by(Company.name, Company.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [company_id for company_id, _ in companies]
    rows = (
        session.exec(
            select(WorksheetAnswer).where(
                WorksheetAnswer.worksheet == SCREENING, col(WorksheetAnswer.company_id).in_(ids)
            )
        ).all()
        if ids
        else []
    )
    answers = {
        (row.company_id, row.question): StoredAnswer(
            row.value, row.version, row.updated_at, row.updated_by
        )
        for row in rows
    }
    return GridPage(list(companies), answers, total, page, per_page)


def missing_checks(session: Session, company_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """For each company, the labels of its 受入体制の整備 checks that do not hold yet."""
    questions = questions_by_id()
    values: dict[tuple[int, str], object] = {}
    if company_ids:
        for company_id, question, value in session.exec(
            select(
                WorksheetAnswer.company_id, WorksheetAnswer.question, WorksheetAnswer.value
            ).where(
                WorksheetAnswer.worksheet == SCREENING,
                col(WorksheetAnswer.company_id).in_(company_ids),
                col(WorksheetAnswer.question).in_(ACCEPTANCE_CHECKS),
                confirmed(),
            )
        ):
            values[(company_id, question)] = value
    return {
        company_id: tuple(
            questions[check].label
            for check in ACCEPTANCE_CHECKS
            if not holds(values.get((company_id, check)))
        )
        for company_id in company_ids
    }


def readiness(
    session: Session,
    actor: Actor,
    programme_id: int,
    companies: list[tuple[int, str]] | None = None,
) -> list[Readiness]:
    """Whether each of `companies` (default: all of the programme's) may start a project."""
    require_programme(session, actor, programme_id)
    if companies is None:
        companies = list(
            session.exec(
                select(Company.id, Company.name)
                .where(Company.programme_id == programme_id)
                .order_by(Company.name, Company.id)
            ).all()
        )
    missing = missing_checks(session, [company_id for company_id, _ in companies])
    return [Readiness(company_id, name, missing[company_id]) for company_id, name in companies]


def is_ready() -> ColumnElement[bool]:
    """SQL form of the rule: every 受入体制の整備 check holds for `Company` (correlated), for
    counting ready companies in a query that selects from Company."""
    return and_(
        *(
            exists().where(
                WorksheetAnswer.company_id == Company.id,
                WorksheetAnswer.worksheet == SCREENING,
                WorksheetAnswer.question == check,
                _holds_in_sql(),
                confirmed(),
            )
            for check in ACCEPTANCE_CHECKS
        )
    )


def ready_count(session: Session, actor: Actor, programme_id: int) -> tuple[int, int]:
    """(companies ready to start a project, companies) of the programme, counted in SQL."""
    require_programme(session, actor, programme_id)
    ready, total = session.exec(
        select(func.count().filter(is_ready()), func.count()).where(
            Company.programme_id == programme_id
        )
    ).one()
    return int(ready or 0), int(total or 0)


def require_ready(session: Session, actor: Actor, company_id: int) -> None:
    """Refuse to start a project with a company whose 受入体制の整備 is incomplete."""
    company = session.get(Company, company_id)
    if company is None:
        raise InputError("screening.error.no_company")
    require_programme(session, actor, company.programme_id)
    missing = missing_checks(session, [company_id])[company_id]
    if missing:
        raise InputError(
            "screening.error.not_ready", company=company.name, missing="、".join(missing)
        )
