"""B-1 候補企業の要件整理: the checklist grid, and who may start a project.

All three checks of 受入体制の整備 (経営者の参加, 現場の巻き込み, プロジェクトチームの組成) must
hold before a company can start a collaboration project. A check holds when its affirmative
option (declared first, e.g. はい) is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from colead.models import Company, WorksheetAnswer
from colead.services.access import Actor, require_programme
from colead.services.answers import StoredAnswer
from colead.services.errors import InputError
from colead.worksheets import WORKSHEETS
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


def holds(question: Question, value: object) -> bool:
    return isinstance(value, dict) and value.get("choice") == question.options[0].label


def grid(
    session: Session, actor: Actor, programme_id: int
) -> tuple[list[tuple[int, str]], dict[tuple[int, str], StoredAnswer]]:
    """The programme's companies and every stored B-1 answer, by (company id, question id)."""
    require_programme(session, actor, programme_id)
    companies = session.exec(
        select(Company.id, Company.name)
        .where(Company.programme_id == programme_id)
        .order_by(Company.name)
    ).all()
    rows = session.exec(
        select(WorksheetAnswer).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == SCREENING,
            col(WorksheetAnswer.company_id).is_not(None),
        )
    ).all()
    answers = {
        (row.company_id, row.question): StoredAnswer(
            row.value, row.version, row.updated_at, row.updated_by
        )
        for row in rows
    }
    return list(companies), answers


def readiness(session: Session, actor: Actor, programme_id: int) -> list[Readiness]:
    companies, answers = grid(session, actor, programme_id)
    questions = questions_by_id()
    result = []
    for company_id, name in companies:
        missing = tuple(
            questions[check].label
            for check in ACCEPTANCE_CHECKS
            if not holds(questions[check], getattr(answers.get((company_id, check)), "value", None))
        )
        result.append(Readiness(company_id, name, missing))
    return result


def require_ready(session: Session, actor: Actor, company_id: int) -> None:
    """Refuse to start a project with a company whose 受入体制の整備 is incomplete."""
    company = session.get(Company, company_id)
    if company is None:
        raise InputError("screening.error.no_company")
    state = next(
        r for r in readiness(session, actor, company.programme_id) if r.company_id == company_id
    )
    if not state.ready:
        raise InputError(
            "screening.error.not_ready", company=company.name, missing="、".join(state.missing)
        )
