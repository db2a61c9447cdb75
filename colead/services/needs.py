"""The talent types a company needs: B-3 STEP5's answer, kept as CompanyNeed rows.

B-3 is where a region writes down what each company needs; the registry, the dashboard and
matching read the same thing from CompanyNeed. Saving that B-3 answer rewrites the rows, so the
two never disagree. The five options of the question are the five SkillType values, in order.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from colead.models import CompanyNeed, SkillType
from colead.worksheets import WORKSHEETS

NEEDS_WORKSHEET = "B-3"
NEEDS_QUESTION = "s5_talent_types"


def _options() -> dict[str, SkillType]:
    question = next(q for q in WORKSHEETS[NEEDS_WORKSHEET].questions() if q.id == NEEDS_QUESTION)
    return {option.label: skill for option, skill in zip(question.options, SkillType, strict=True)}


def skill_label(skill: SkillType | str) -> str:
    """The guideline's name of a talent type (B-3 STEP5's option)."""
    return next(label for label, s in _options().items() if s == skill)


def sync_needs(session: Session, company_id: int, value: Any) -> None:
    """Make CompanyNeed match a stored B-3 STEP5 answer; kept rows keep their description."""
    options = _options()
    chosen = {options[label] for label in (value or {}).get("choices", []) if label in options}
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
