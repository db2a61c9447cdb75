"""B-5: the fieldwork tour and its pre-meetings as events, made from the worksheet in one step.

The guideline's tour lasts 2–5 days (2泊3日以上が望ましい) and is preceded by an online
pre-meeting of about 60 minutes with each participating company (事前顔合わせ概要). What B-5
holds — the number of days, the candidate dates, the companies of STEP4, the itinerary — and
A-3's online tool fill the plan; staff check it and create every event at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from colead.i18n import JST
from colead.models import Company, Event, EventKind
from colead.services import answers
from colead.services import events as event_service
from colead.services.access import Actor, require_programme
from colead.services.agenda import PRE_MEETING_BLOCKS
from colead.services.errors import InputError, InvalidInput
from colead.services.events import NOTE_MAX, EventInput, EventRow
from colead.worksheets import WORKSHEETS

TOUR_SHEET = "B-5"
MEETUP_SHEET = "A-3"
DAYS = {"two_days": 2, "three_days": 3, "four_days": 4, "five_days": 5}  # B-5 s1_days
DEFAULT_DAYS = 3  # the guideline's example itinerary
MAX_DAYS = 14
TOUR_STARTS = time(13, 0)  # day 1 AM is 現地への移動 in the guideline's itinerary
TOUR_ENDS = time(17, 0)
PRE_MEETING_STARTS = time(13, 0)
PRE_MEETING_MINUTES = sum(minutes for _, minutes in PRE_MEETING_BLOCKS)  # 60分程度/社
TOUR_TITLE = "フィールドワークツアー"
PRE_MEETING_TITLE = "事前顔合わせ（{company}）"


@dataclass(frozen=True)
class TourDefaults:
    """What B-5 (and A-3's online tool) already say about the tour."""

    days: int
    first_day: date | None  # the first of B-5's candidate dates
    companies: tuple[tuple[int, str], ...]  # B-5 STEP4's companies, in the sheet's order
    online_tool: str
    pre_meetings: bool  # B-5 does not say 実施しない
    itinerary: str  # B-5's ツアーの行程 as lines, for the tour's note


@dataclass(frozen=True)
class TourPlan:
    title: str
    first_day: date
    days: int
    place: str = ""
    tour: bool = True  # create the tour itself
    pre_meeting_day: date | None = None  # None: no pre-meetings
    pre_meeting_start: time = PRE_MEETING_STARTS
    online_tool: str = ""
    company_ids: tuple[int, ...] = ()


def _itinerary_text(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        parts = [row.get("day", "")]
        if row.get("am"):
            parts.append(f"AM：{row['am']}")
        if row.get("pm"):
            parts.append(f"PM：{row['pm']}")
        lines.append("　".join(p for p in parts if p))
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= NOTE_MAX else text[: NOTE_MAX - 1] + "…"


def tour_defaults(session: Session, actor: Actor, programme_id: int) -> TourDefaults:
    require_programme(session, actor, programme_id)
    sheet = answers.load_answers(session, actor, programme_id, WORKSHEETS[TOUR_SHEET])
    meetup = answers.load_answers(session, actor, programme_id, WORKSHEETS[MEETUP_SHEET])

    def value(stored: dict[str, answers.StoredAnswer], question: str, empty):  # type: ignore[no-untyped-def]
        answer = stored.get(question)
        return answer.value if answer is not None and answer.value else empty

    days = DAYS.get(value(sheet, "s1_days", {}).get("choice"), DEFAULT_DAYS)
    dates = value(sheet, "s1_dates", [])
    ids = [row["record_id"] for row in value(sheet, "s4_companies", []) if row.get("record_id")]
    names = dict(
        session.exec(
            select(Company.id, Company.name).where(
                Company.programme_id == programme_id, col(Company.id).in_(ids)
            )
        ).all()
    )
    companies = tuple(dict.fromkeys((i, names[i]) for i in ids if i in names))
    return TourDefaults(
        days=days,
        first_day=date.fromisoformat(dates[0]) if dates else None,
        companies=companies,
        online_tool=str(value(meetup, "s1_tool", "")).strip(),
        pre_meetings=value(sheet, "s4_pre_meeting", {}).get("choice") != "no",
        itinerary=_itinerary_text(value(sheet, "s4_itinerary", [])),
    )


def pre_meeting_note(start: datetime) -> str:
    """The guideline's agenda with clock times, one line a block."""
    lines = []
    for title, minutes in PRE_MEETING_BLOCKS:
        end = start + timedelta(minutes=minutes)
        lines.append(f"{start:%H:%M}–{end:%H:%M} {title}（{minutes}分）")
        start = end
    return "\n".join(lines)


def plan_events(
    session: Session, actor: Actor, programme_id: int, plan: TourPlan
) -> list[EventInput]:
    """The events `plan` makes: the tour over its days, then one pre-meeting per company,
    back to back on the pre-meeting day, online."""
    require_programme(session, actor, programme_id)
    errors: list[InputError] = []
    if not plan.tour and plan.pre_meeting_day is None:
        errors.append(InputError("tour.error.nothing"))
    if plan.tour and not 1 <= plan.days <= MAX_DAYS:
        errors.append(InputError("tour.error.days", maximum=MAX_DAYS))
    if plan.pre_meeting_day is not None:
        if not plan.company_ids:
            errors.append(InputError("tour.error.no_companies"))
        if plan.pre_meeting_day >= plan.first_day:
            errors.append(InputError("tour.error.pre_meeting_after"))
    companies = dict(
        session.exec(
            select(Company.id, Company.name).where(
                Company.programme_id == programme_id, col(Company.id).in_(plan.company_ids)
            )
        ).all()
    )
    if set(plan.company_ids) - set(companies):
        errors.append(InputError("event.error.company"))
    if errors:
        raise InvalidInput(errors)
    items: list[EventInput] = []
    if plan.tour:
        last_day = plan.first_day + timedelta(days=plan.days - 1)
        defaults = tour_defaults(session, actor, programme_id)
        items.append(
            EventInput(
                kind=EventKind.TOUR,
                title=plan.title,
                starts_at=datetime.combine(plan.first_day, TOUR_STARTS, tzinfo=JST),
                ends_at=datetime.combine(last_day, TOUR_ENDS, tzinfo=JST),
                place=plan.place,
                note=defaults.itinerary,
            )
        )
    if plan.pre_meeting_day is not None:
        start = datetime.combine(plan.pre_meeting_day, plan.pre_meeting_start, tzinfo=JST)
        for company_id in dict.fromkeys(plan.company_ids):
            end = start + timedelta(minutes=PRE_MEETING_MINUTES)
            items.append(
                EventInput(
                    kind=EventKind.PRE_MEETING,
                    title=PRE_MEETING_TITLE.format(company=companies[company_id]),
                    starts_at=start,
                    ends_at=end,
                    online_tool=plan.online_tool,
                    company_id=company_id,
                    note=pre_meeting_note(start),
                )
            )
            start = end
    return items


def tour_duplicates(
    session: Session, actor: Actor, programme_id: int, plan: TourPlan
) -> list[EventRow]:
    """Events already registered that the plan would repeat (to ask before creating)."""
    found: dict[int, EventRow] = {}
    for data in plan_events(session, actor, programme_id, plan):
        for row in event_service.duplicates(session, actor, programme_id, data):
            found[row.id] = row
    return sorted(found.values(), key=lambda r: (r.starts_at, r.id))


def create_tour(
    session: Session,
    actor: Actor,
    programme_id: int,
    plan: TourPlan,
    *,
    allow_duplicate: bool = False,
) -> list[Event]:
    """Create the tour and its pre-meetings in one transaction: all of them or none."""
    items = plan_events(session, actor, programme_id, plan)
    return event_service.create_events(
        session, actor, programme_id, items, allow_duplicate=allow_duplicate
    )
