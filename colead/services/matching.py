"""Match suggestions: talent ranked for a company by a transparent, adjustable score.

Five criteria, each scored 0..1 and weighted per programme (MatchWeight rows; a criterion
without a row has its default weight):

- skills: the share of the company's needed talent types (CompanyNeed, i.e. B-3 STEP5) that
  the person offers (TalentSkill). A company without recorded needs scores 0 for everyone.
- interests: the person's interests (Talent.interests split on 、,，/・ and white space) against
  the company's text: industry, note, need descriptions and its B-3 answers (except STEP5,
  which is the needs themselves). A keyword matches when the whole keyword appears in that text,
  or one of its terms does: a run of 2+ kanji, katakana or Latin letters/digits (hiragana are
  particles and glue); a kanji run ending in 業・化・性・的 is also tried without that ending.
  Words every company of the programme shares (GENERIC_TERMS: 地域, 企業, 活用, DX …) never
  count. So "水産業のデータ活用" matches by 水産業, 水産 or データ. Latin terms match whole words
  only. Two matching keywords give the full score, one gives half.
- participation: attended (status "attended") a meetup 0.25, a tour 0.35, and the pre-meeting
  with this company (an event of kind pre_meeting whose company is this one) 0.4.
- load: projects the person already holds that are not finished (no final_report milestone
  done, the same rule as the project status): none 1.0, one 0.5, two or more 0. Someone on a
  current project with this very company is flagged (`already_on_project`) and left out of
  suggestions unless asked for.
- engagement: days since the last contact (a delivery received or an event attended, on its
  Japanese date; colead.services.talent.last_contacts): up to 30 days 1.0, then linearly down to
  0 at 180 days; never contacted 0.

total = Σ score × weight / Σ weight, shown on a 0–100 scale. `suggest_for_company` (one
company, explained) and `score_matrix` (every company × person of a programme, numbers only)
call the same `_scores` and `_total`, so their totals are identical; both read with a fixed
number of queries whatever the number of people and companies.

Explanations carry catalog keys and parameters (`Reason`), never finished text, so the UI
shows them in the user's language.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from colead.i18n import Label
from colead.models import (
    Attendance,
    AttendanceStatus,
    Company,
    CompanyNeed,
    Event,
    EventKind,
    MatchWeight,
    SkillType,
    Talent,
    TalentSkill,
    TalentStatus,
    WorksheetAnswer,
)
from colead.services import audit
from colead.services.access import AccessDenied, Actor, require_programme
from colead.services.errors import InputError, InvalidInput
from colead.services.needs import NEEDS_QUESTION, NEEDS_WORKSHEET
from colead.services.projects import current_memberships
from colead.services.talent import last_contacts
from colead.worksheets import WORKSHEETS
from colead.worksheets.text import describe

CRITERIA: tuple[str, ...] = ("skills", "interests", "participation", "load", "engagement")
WEIGHT_MIN = 0
WEIGHT_MAX = 100

# Participation: the steps of the guideline's funnel, the one closest to this company counting
# most. They sum to 1.
MEETUP_SCORE = 0.25
TOUR_SCORE = 0.35
PRE_MEETING_SCORE = 0.4
# Interests: this many matching keywords give the full score (a long list is not penalised).
INTERESTS_FOR_FULL = 2
# Engagement: full up to RECENT_DAYS since the last contact, nothing from STALE_DAYS on.
RECENT_DAYS = 30
STALE_DAYS = 180
# Load: score by the number of current projects; more than listed scores 0.
LOAD_SCORES = (1.0, 0.5)

GENERIC_TERMS = frozenset(
    {
        "地域", "地元", "地方", "企業", "中小企業", "会社", "事業", "人材",
        "活用", "推進", "支援", "導入", "dx", "it", "デジタル",
    }
)  # fmt: skip
_STRIPPED_ENDINGS = "業化性的"
_KEYWORD_SEPARATORS = re.compile(r"[、,，/・\s]+")
_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff々〆ヶ"
_TERM = re.compile(rf"[{_KANJI}]+|[\u30a1-\u30fa\u30fc-\u30ff]+|[A-Za-z0-9]+")
_KANJI_RUN = re.compile(rf"[{_KANJI}]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class MatchWeights:
    """How much each criterion counts, 0..100 each. The defaults put the company's declared
    needs first (skills 40), then what brings a person close to the region and this company
    (participation 20), then interests and spreading the work over people (15 each), then
    recent contact (10). They sum to 100, so points read directly as a 0–100 score."""

    skills: float = 40
    interests: float = 15
    participation: float = 20
    load: float = 15
    engagement: float = 10

    def values(self) -> tuple[float, ...]:
        """The weights in CRITERIA order."""
        return tuple(getattr(self, criterion) for criterion in CRITERIA)

    def as_dict(self) -> dict[str, float]:
        return dict(zip(CRITERIA, self.values(), strict=True))

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> MatchWeights:
        """Weights from criterion → weight; missing (or unknown) criteria keep their default."""
        return cls(**{k: float(v) for k, v in values.items() if k in CRITERIA})


DEFAULT_WEIGHTS = MatchWeights()
assert tuple(f.name for f in fields(MatchWeights)) == CRITERIA


@dataclass(frozen=True)
class Reason:
    """One line of an explanation: a catalog key `match.…` and its parameters. `met` is True
    when the line counts fully in the person's favour (a partial or missing one is False)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    met: bool = True


@dataclass(frozen=True)
class CriterionScore:
    """One criterion for one person: `score` 0..1; `points` its share of the 0–100 total
    (score × weight / Σ weights × 100) and `max_points` what it could have given."""

    key: str
    score: float
    weight: float
    points: float
    max_points: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Suggestion:
    talent_id: int
    name: str
    status: str
    skills: tuple[str, ...]  # in SkillType order
    total: float  # 0..100
    criteria: tuple[CriterionScore, ...]  # in CRITERIA order
    already_on_project: bool  # on a current project with this company

    def criterion(self, key: str) -> CriterionScore:
        return next(c for c in self.criteria if c.key == key)


# --- weights ----------------------------------------------------------------------------------


def _weight_errors(weights: MatchWeights) -> list[InputError]:
    errors: list[InputError] = []
    for criterion, value in weights.as_dict().items():
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or not math.isfinite(value) or not WEIGHT_MIN <= value <= WEIGHT_MAX:
            errors.append(
                InputError(
                    "match.error.weight_range",
                    criterion=Label(f"match.criterion.{criterion}"),
                    minimum=WEIGHT_MIN,
                    maximum=WEIGHT_MAX,
                )
            )
    if not errors and sum(weights.values()) <= 0:
        errors.append(InputError("match.error.weights_all_zero"))
    return errors


def _checked(weights: MatchWeights) -> MatchWeights:
    errors = _weight_errors(weights)
    if errors:
        raise InvalidInput(errors)
    return weights


def _stored_weights(session: Session, programme_id: int) -> MatchWeights:
    rows = session.exec(
        select(MatchWeight.criterion, MatchWeight.weight).where(
            MatchWeight.programme_id == programme_id
        )
    ).all()
    stored = MatchWeights.from_mapping(dict(rows))
    # rows written around set_weights (by hand, an import) could not be ranked with
    return DEFAULT_WEIGHTS if _weight_errors(stored) else stored


def get_weights(session: Session, actor: Actor, programme_id: int) -> MatchWeights:
    """The programme's weights; defaults for criteria it has not set."""
    require_programme(session, actor, programme_id)
    return _stored_weights(session, programme_id)


def set_weights(
    session: Session, actor: Actor, programme_id: int, weights: MatchWeights
) -> MatchWeights:
    """Store all five weights of the programme (staff of its region, or admin).

    InvalidInput when a weight is outside 0..100 or all are 0 (nothing could be ranked).
    """
    programme = require_programme(session, actor, programme_id, write=True)
    weights = _checked(weights)
    for criterion, value in weights.as_dict().items():
        row = session.get(MatchWeight, (programme_id, criterion))
        if row is None:
            row = MatchWeight(programme_id=programme_id, criterion=criterion, weight=value)
        row.weight = float(value)
        session.add(row)
    audit.record(
        session,
        actor.username,
        "match.weights",
        target=f"programme:{programme_id}",
        region_id=programme.region_id,
        detail=" ".join(f"{k}={v:g}" for k, v in weights.as_dict().items()),
    )
    return weights


# --- interests: keywords and the company's text -------------------------------------------------


def _normal(text: str) -> str:
    """Full-width letters and digits as ASCII, half-width katakana as full-width, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(frozen=True)
class Term:
    """A part of a keyword it can match by: as written (`shown`) and as compared (`norm`)."""

    shown: str
    norm: str
    latin: bool


@dataclass(frozen=True)
class Keyword:
    """One of a person's interests, e.g. "水産業のデータ活用"."""

    shown: str
    norm: str
    terms: tuple[Term, ...]


def _terms(keyword: str) -> tuple[Term, ...]:
    found: dict[str, Term] = {}
    for run in _TERM.findall(keyword):
        variants = [run]
        if _KANJI_RUN.fullmatch(run) and len(run) >= 3 and run[-1] in _STRIPPED_ENDINGS:
            variants.append(run[:-1])
        for shown in variants:
            norm = _normal(shown)
            if len(norm) >= 2 and norm not in GENERIC_TERMS and norm not in found:
                found[norm] = Term(shown, norm, norm.isascii())
    return tuple(found.values())


def interest_keywords(interests: str) -> tuple[Keyword, ...]:
    """The person's interests as keywords, each with the terms it is matched by."""
    keywords: dict[str, Keyword] = {}
    for item in _KEYWORD_SEPARATORS.split(unicodedata.normalize("NFKC", interests)):
        shown = item.strip()
        norm = _normal(shown)
        if shown and norm not in keywords:
            keywords[norm] = Keyword(shown, norm, _terms(shown))
    return tuple(keywords.values())


class _CompanyText:
    """A company's text, normalised once, with a memo of which keywords it matches."""

    def __init__(self, parts: Iterable[str]) -> None:
        self.text = _normal("\n".join(p for p in parts if p))
        self.words = frozenset(_LATIN_WORD.findall(self.text))
        self._memo: dict[str, tuple[str, ...]] = {}

    def match(self, keyword: Keyword) -> tuple[str, ...]:
        """What of `keyword` the text contains: (keyword,) when all of it, else the matching
        terms; () when nothing. Latin terms match whole words only ("ai" is not in "mail")."""
        found = self._memo.get(keyword.norm)
        if found is None:
            if not self.text:
                found = ()
            elif (
                len(keyword.norm) >= 2
                and keyword.norm not in GENERIC_TERMS
                and keyword.norm in self.text
            ):
                found = (keyword.shown,)
            else:
                found = tuple(
                    term.shown
                    for term in keyword.terms
                    if (term.norm in self.words if term.latin else term.norm in self.text)
                )
            self._memo[keyword.norm] = found
        return found


# --- facts read from the database ---------------------------------------------------------------


@dataclass
class _Company:
    id: int
    needs: frozenset[str]
    text: _CompanyText
    pre_met: frozenset[int]  # people who attended the pre-meeting with this company


@dataclass
class _Person:
    id: int
    name: str
    status: str
    skills: tuple[str, ...]
    skill_set: frozenset[str]
    keywords: tuple[Keyword, ...]
    meetup: bool
    tour: bool
    projects: int  # current projects held
    project_companies: frozenset[int]
    last_contact: date | None
    days: int | None  # since the last contact
    # the parts of the score that do not depend on the company, computed once
    participation: float = 0.0
    load: float = 0.0
    engagement: float = 0.0


_SKILL_ORDER = {skill.value: i for i, skill in enumerate(SkillType)}


def _skill_order(skill: str) -> tuple[int, str]:
    return (_SKILL_ORDER.get(skill, len(_SKILL_ORDER)), skill)


def load_score(projects: int) -> float:
    return LOAD_SCORES[projects] if projects < len(LOAD_SCORES) else 0.0


def engagement_score(days: int | None) -> float:
    if days is None:
        return 0.0
    if days <= RECENT_DAYS:
        return 1.0
    if days >= STALE_DAYS:
        return 0.0
    return (STALE_DAYS - days) / (STALE_DAYS - RECENT_DAYS)


def _people(session: Session, programme_id: int, today: date) -> list[_Person]:
    """Every person of the programme who has not withdrawn, with their facts (6 queries)."""
    active = (Talent.programme_id == programme_id, col(Talent.status) != TalentStatus.WITHDRAWN)
    rows = session.exec(
        select(Talent.id, Talent.name, Talent.status, Talent.interests).where(*active)
    ).all()
    skills: dict[int, list[str]] = {}
    for talent_id, skill in session.exec(
        select(TalentSkill.talent_id, TalentSkill.skill_type)
        .join(Talent, col(Talent.id) == col(TalentSkill.talent_id))
        .where(*active)
    ):
        skills.setdefault(talent_id, []).append(skill)
    attended: dict[str, set[int]] = {EventKind.MEETUP: set(), EventKind.TOUR: set()}
    for talent_id, kind in session.exec(
        select(Attendance.talent_id, Event.kind)
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(
            Event.programme_id == programme_id,
            Attendance.status == AttendanceStatus.ATTENDED,
            col(Event.kind).in_([EventKind.MEETUP, EventKind.TOUR]),
        )
        .distinct()
    ):
        attended[kind].add(talent_id)
    projects = current_memberships(session, programme_id)  # person → project → company
    contacts = last_contacts(session, [row[0] for row in rows])
    people = []
    for talent_id, name, status, interests in rows:
        held = projects.get(talent_id, {})
        last = contacts.get(talent_id)
        person = _Person(
            id=talent_id,
            name=name,
            status=status,
            skills=tuple(sorted(skills.get(talent_id, []), key=_skill_order)),
            skill_set=frozenset(skills.get(talent_id, [])),
            keywords=interest_keywords(interests or ""),
            meetup=talent_id in attended[EventKind.MEETUP],
            tour=talent_id in attended[EventKind.TOUR],
            projects=len(held),
            project_companies=frozenset(held.values()),
            last_contact=last,
            days=max((today - last).days, 0) if last is not None else None,
        )
        person.participation = (MEETUP_SCORE if person.meetup else 0.0) + (
            TOUR_SCORE if person.tour else 0.0
        )
        person.load = load_score(person.projects)
        person.engagement = engagement_score(person.days)
        people.append(person)
    return people


_B3_QUESTIONS = {q.id: q for q in WORKSHEETS[NEEDS_WORKSHEET].questions()}


def _companies(
    session: Session, programme_id: int, company_id: int | None = None
) -> list[_Company]:
    """The programme's companies (or the one asked for) with needs, text and pre-meeting
    attendance (4 queries)."""
    only = (col(Company.id) == company_id,) if company_id is not None else ()
    companies = session.exec(
        select(Company.id, Company.industry, Company.note)
        .where(Company.programme_id == programme_id, *only)
        .order_by(Company.id)
    ).all()
    needs: dict[int, set[str]] = {}
    texts: dict[int, list[str]] = {}
    for cid, skill, description in session.exec(
        select(CompanyNeed.company_id, CompanyNeed.skill_type, CompanyNeed.description)
        .join(Company, col(Company.id) == col(CompanyNeed.company_id))
        .where(Company.programme_id == programme_id, *only)
    ):
        needs.setdefault(cid, set()).add(skill)
        texts.setdefault(cid, []).append(description)
    for cid, question_id, value in session.exec(
        select(WorksheetAnswer.company_id, WorksheetAnswer.question, WorksheetAnswer.value)
        .where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == NEEDS_WORKSHEET,
            WorksheetAnswer.question != NEEDS_QUESTION,
            col(WorksheetAnswer.answered).is_(True),
            col(WorksheetAnswer.company_id).is_not(None),
            *((col(WorksheetAnswer.company_id) == company_id,) if company_id is not None else ()),
        )
        .order_by(WorksheetAnswer.id)
    ):
        question = _B3_QUESTIONS.get(question_id)
        if question is not None and cid is not None:
            texts.setdefault(cid, []).append(describe(question, value))
    pre_met: dict[int, set[int]] = {}
    for cid, talent_id in session.exec(
        select(Event.company_id, Attendance.talent_id)
        .join(Event, col(Event.id) == col(Attendance.event_id))
        .where(
            Event.programme_id == programme_id,
            Event.kind == EventKind.PRE_MEETING,
            Attendance.status == AttendanceStatus.ATTENDED,
            col(Event.company_id).is_not(None),
            *((col(Event.company_id) == company_id,) if company_id is not None else ()),
        )
        .distinct()
    ):
        pre_met.setdefault(cid, set()).add(talent_id)
    return [
        _Company(
            id=cid,
            needs=frozenset(needs.get(cid, ())),
            text=_CompanyText([industry, note, *texts.get(cid, [])]),
            pre_met=frozenset(pre_met.get(cid, ())),
        )
        for cid, industry, note in companies
    ]


# --- scoring (shared by the suggestions and the matrix) -----------------------------------------


def _scores(company: _Company, person: _Person) -> tuple[float, float, float, float, float]:
    """The five criterion scores, 0..1 each, in CRITERIA order."""
    needs = company.needs
    skills = len(needs & person.skill_set) / len(needs) if needs else 0.0
    matched = 0
    for keyword in person.keywords:
        if company.text.match(keyword):
            matched += 1
    interests = min(matched, INTERESTS_FOR_FULL) / INTERESTS_FOR_FULL
    participation = person.participation + (
        PRE_MEETING_SCORE if person.id in company.pre_met else 0.0
    )
    return skills, interests, participation, person.load, person.engagement


def _total(scores: tuple[float, ...], weights: tuple[float, ...], weight_sum: float) -> float:
    """0..1. Written out rather than sum(zip(…)): it runs for every company × person."""
    skills, interests, participation, load, engagement = scores
    w_skills, w_interests, w_participation, w_load, w_engagement = weights
    return (
        skills * w_skills
        + interests * w_interests
        + participation * w_participation
        + load * w_load
        + engagement * w_engagement
    ) / weight_sum


# --- explanations -------------------------------------------------------------------------------


def _skill(skill: str) -> Label:
    return Label(f"enum.skill.{skill}")


def _skills_reasons(company: _Company, person: _Person) -> list[Reason]:
    if not company.needs:
        return [Reason("match.skills.no_needs", met=False)]
    needed = sorted(company.needs, key=_skill_order)
    covered = [s for s in needed if s in person.skill_set]
    reasons = [
        Reason(
            "match.skills.summary",
            {"covered": len(covered), "needed": len(needed)},
            met=len(covered) == len(needed),
        )
    ]
    reasons += [Reason("match.skills.covered", {"skill": _skill(s)}) for s in covered]
    reasons += [
        Reason("match.skills.missing", {"skill": _skill(s)}, met=False)
        for s in needed
        if s not in person.skill_set
    ]
    return reasons


def _interests_reasons(company: _Company, person: _Person) -> list[Reason]:
    if not person.keywords:
        return [Reason("match.interests.no_interests", met=False)]
    if not company.text.text:
        return [Reason("match.interests.no_company_text", met=False)]
    matched: list[Reason] = []
    unmatched: list[Reason] = []
    for keyword in person.keywords:
        found = company.text.match(keyword)
        if found == (keyword.shown,):
            matched.append(Reason("match.interests.matched_whole", {"keyword": keyword.shown}))
        elif found:
            matched.append(
                Reason(
                    "match.interests.matched",
                    {"keyword": keyword.shown, "terms": "・".join(found)},
                )
            )
        else:
            unmatched.append(Reason("match.interests.unmatched", {"keyword": keyword.shown}, False))
    summary = (
        Reason(
            "match.interests.summary",
            {"matched": len(matched), "total": len(person.keywords)},
            met=len(matched) >= INTERESTS_FOR_FULL,
        )
        if matched
        else Reason("match.interests.none", met=False)
    )
    return [summary, *matched, *unmatched]


def _participation_reasons(company: _Company, person: _Person) -> list[Reason]:
    steps = (
        ("meetup", person.meetup),
        ("tour", person.tour),
        ("pre_meeting", person.id in company.pre_met),
    )
    return [
        Reason(f"match.participation.{step}" + ("" if done else "_missing"), met=done)
        for step, done in steps
    ]


def _load_reasons(company: _Company, person: _Person) -> list[Reason]:
    reasons = [
        Reason("match.load.free")
        if person.projects == 0
        else Reason("match.load.busy", {"n": person.projects}, met=False)
    ]
    if company.id in person.project_companies:
        reasons.append(Reason("match.load.this_company", met=False))
    return reasons


def _engagement_reasons(person: _Person) -> list[Reason]:
    days = person.days
    if days is None:
        return [Reason("match.engagement.never", met=False)]
    if days <= RECENT_DAYS:
        return [Reason("match.engagement.recent", {"days": days})]
    if days < STALE_DAYS:
        return [Reason("match.engagement.fading", {"days": days}, met=False)]
    return [Reason("match.engagement.stale", {"days": days}, met=False)]


def _explained(
    company: _Company, person: _Person, scores: tuple[float, ...], weights: MatchWeights
) -> tuple[CriterionScore, ...]:
    reasons = {
        "skills": _skills_reasons(company, person),
        "interests": _interests_reasons(company, person),
        "participation": _participation_reasons(company, person),
        "load": _load_reasons(company, person),
        "engagement": _engagement_reasons(person),
    }
    weight_sum = sum(weights.values())
    return tuple(
        CriterionScore(
            key=criterion,
            score=score,
            weight=weight,
            points=score * weight / weight_sum * 100,
            max_points=weight / weight_sum * 100,
            reasons=tuple(reasons[criterion]),
        )
        for criterion, score, weight in zip(CRITERIA, scores, weights.values(), strict=True)
    )


# --- the services -------------------------------------------------------------------------------


def suggest_for_company(
    session: Session,
    actor: Actor,
    company_id: int,
    today: date,
    *,
    weights: MatchWeights | None = None,
    limit: int | None = 20,
    include_team: bool = False,
) -> list[Suggestion]:
    """People of the company's programme (not withdrawn) ranked for it, each criterion explained.

    Order: total, then skills coverage, then name, then id. People on a current project with
    this company are left out unless `include_team` (then they carry `already_on_project`).
    `weights` previews unsaved weights; by default the programme's stored ones are used.
    A company that does not exist or belongs to another region raises AccessDenied.
    """
    company_row = session.get(Company, company_id)
    if company_row is None:
        raise AccessDenied(f"company {company_id} not found")
    programme_id = company_row.programme_id
    require_programme(session, actor, programme_id)
    weights = _checked(weights) if weights is not None else _stored_weights(session, programme_id)
    (company,) = _companies(session, programme_id, company_id)
    values = weights.values()
    weight_sum = sum(values)
    ranked: list[tuple[tuple[Any, ...], Suggestion]] = []
    for person in _people(session, programme_id, today):
        on_team = company_id in person.project_companies
        if on_team and not include_team:
            continue
        scores = _scores(company, person)
        total = _total(scores, values, weight_sum)
        suggestion = Suggestion(
            talent_id=person.id,
            name=person.name,
            status=person.status,
            skills=person.skills,
            total=total * 100,
            criteria=_explained(company, person, scores, weights),
            already_on_project=on_team,
        )
        ranked.append(((-total, -scores[0], person.name, person.id), suggestion))
    ranked.sort(key=lambda pair: pair[0])
    chosen = [suggestion for _, suggestion in ranked]
    return chosen if limit is None else chosen[: max(limit, 0)]


def score_matrix(
    session: Session,
    actor: Actor,
    programme_id: int,
    today: date,
    *,
    weights: MatchWeights | None = None,
) -> dict[tuple[int, int], float]:
    """(company id, talent id) → total 0..1 for every company and every person not withdrawn.

    For an optimiser placing people in all companies at once: the same totals as
    `suggest_for_company` (÷ 100), including people already on a project with a company.
    Reads with a fixed number of queries.
    """
    require_programme(session, actor, programme_id)
    weights = _checked(weights) if weights is not None else _stored_weights(session, programme_id)
    values = weights.values()
    weight_sum = sum(values)
    people = _people(session, programme_id, today)
    return {
        (company.id, person.id): _total(_scores(company, person), values, weight_sum)
        for company in _companies(session, programme_id)
        for person in people
    }
