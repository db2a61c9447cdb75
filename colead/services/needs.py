"""The talent types a company needs: B-3 STEP5's answer, kept as CompanyNeed rows.

B-3 is where a region writes down what each company needs; the registry, the dashboard and
matching read the same thing from CompanyNeed. Saving that B-3 answer rewrites the rows, so the
two never disagree. The five options of the question are the five SkillType values, in order,
and each option's id is its SkillType's value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from colead.models import CompanyNeed, SkillType
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Question

NEEDS_WORKSHEET = "B-3"
NEEDS_QUESTION = "s5_talent_types"


def _question() -> Question:
    return next(q for q in WORKSHEETS[NEEDS_WORKSHEET].questions() if q.id == NEEDS_QUESTION)


def skill_label(skill: SkillType | str) -> str:
    """The guideline's name of a talent type (B-3 STEP5's option)."""
    return _question().option_label(SkillType(skill).value)


def needs_answer(skills: Iterable[SkillType | str]) -> dict[str, Any]:
    """The B-3 STEP5 answer naming `skills` (as stored: option ids, in the sheet's order)."""
    chosen = {SkillType(skill).value for skill in skills}
    return {"choices": [o.id for o in _question().options if o.id in chosen], "other": ""}


def sync_needs(session: Session, company_id: int, value: Any) -> None:
    """Make CompanyNeed match a stored B-3 STEP5 answer; kept rows keep their description."""
    known = {skill.value for skill in SkillType}
    chosen = {SkillType(choice) for choice in (value or {}).get("choices", []) if choice in known}
    current = {
        need.skill_type: need
        for need in session.exec(select(CompanyNeed).where(CompanyNeed.company_id == company_id))
    }
    for skill, need in current.items():
        if skill not in chosen:
            session.delete(need)
    session.add_all(
        CompanyNeed(company_id=company_id, skill_type=skill)
        for skill in chosen
        if skill not in current
    )
