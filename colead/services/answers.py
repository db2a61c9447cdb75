"""Worksheet answers: load, validate against the declaration, save with a version check.

Two facilitators may edit one answer at once. Each save names the version its author loaded;
a save against a newer version is refused with the other person's text, so the UI can show
both and nothing is lost (`UPDATE … WHERE version = :seen`; zero rows means conflict).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from colead.models import Company, UserAccount, WorksheetAnswer
from colead.models.base import utcnow
from colead.services.access import Actor, require_programme
from colead.services.errors import InputError
from colead.services.needs import NEEDS_QUESTION, NEEDS_WORKSHEET, sync_needs
from colead.worksheets.schema import Kind, Question, Worksheet


@dataclass(frozen=True)
class StoredAnswer:
    value: Any
    version: int
    updated_at: datetime
    updated_by: str
    carried_from: int | None = None  # a draft carried from that programme, not saved here yet
    updated_by_name: str = ""  # the account's display name, shown instead of the user name

    @property
    def author(self) -> str:
        return self.updated_by_name or self.updated_by


class AnswerConflict(Exception):
    """Someone saved this answer after the author loaded it."""

    def __init__(self, theirs: StoredAnswer) -> None:
        super().__init__("answer changed since it was loaded")
        self.theirs = theirs


def subject_for(company_id: int | None) -> str:
    return f"company:{company_id}" if company_id is not None else ""


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not any(
            not _is_empty(v) for v in (value.values() if isinstance(value, dict) else value)
        )
    return False


# A worksheet answer is typed in a meeting, not pasted from a book: one text (an answer, an
# "other", a table cell) holds at most TEXT_MAX characters, a whole table TABLE_MAX.
TEXT_MAX = 10_000
TABLE_MAX = 100_000


def _text_limit(label: str, text: str) -> str:
    if len(text) > TEXT_MAX:
        raise InputError("form.error.too_long", field=label, maximum=TEXT_MAX)
    return text


def _option_id(question: Question, choice: Any) -> str:
    """The id of the option `choice` names: an id, or (from an import) an exact current label."""
    option = question.option(choice) if isinstance(choice, str) else None
    if option is None:
        raise InputError("answers.error.choice")
    return option.id


def _clean_rows(question: Question, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise InputError("answers.error.rows")
    allowed = {column.id for column in question.columns} | (
        {"record_id"} if question.kind == Kind.RECORDS else set()
    )
    labels = {column.id: column.label for column in question.columns}
    rows = []
    total = 0
    for row in value:
        if set(row) - allowed:
            raise InputError("answers.error.rows")
        cleaned = {k: v for k, v in row.items() if not _is_empty(v)}
        for key, cell in cleaned.items():
            if isinstance(cell, str):
                total += len(_text_limit(labels.get(key, question.label), cell))
        if cleaned:
            rows.append(cleaned)
    if total > TABLE_MAX:
        raise InputError("answers.error.table_too_long", field=question.label, maximum=TABLE_MAX)
    return rows


def validate(question: Question, value: Any) -> Any:
    """The value to store for `question`, or InputError saying what is wrong with it.

    Shapes: TEXT str; SINGLE {"choice": option id, "other": str}; MULTI and CHECKLIST
    {"choices": [option id…], "other": str}; DATES ["YYYY-MM-DD", …]; TABLE and RECORDS a list
    of row dicts keyed by column id (RECORDS rows also carry "record_id"). Choices are stored by
    the option's id; an exact current label is accepted and stored as its id.
    """
    kind = question.kind
    if kind == Kind.TEXT:
        if not isinstance(value, str):
            raise InputError("answers.error.text")
        return _text_limit(question.label, value)
    if kind == Kind.SINGLE:
        if not isinstance(value, dict):
            raise InputError("answers.error.choice")
        choice = value.get("choice")
        other = _text_limit(question.label, str(value.get("other") or ""))
        return {"choice": None if choice is None else _option_id(question, choice), "other": other}
    if kind in (Kind.MULTI, Kind.CHECKLIST):
        choices = value.get("choices") if isinstance(value, dict) else None
        if not isinstance(choices, list):
            raise InputError("answers.error.choice")
        chosen = {_option_id(question, choice) for choice in choices}
        ordered = [o.id for o in question.options if o.id in chosen]
        return {
            "choices": ordered,
            "other": _text_limit(question.label, str(value.get("other") or "")),
        }
    if kind == Kind.DATES:
        if not isinstance(value, list):
            raise InputError("answers.error.dates")
        try:
            days = sorted({date.fromisoformat(str(v)) for v in value if v})
        except ValueError as error:
            raise InputError("answers.error.dates") from error
        return [d.isoformat() for d in days]
    return _clean_rows(question, value)


def _question(sheet: Worksheet, question_id: str) -> Question:
    for question in sheet.questions():
        if question.id == question_id:
            return question
    raise InputError("answers.error.question")


def _check_subject(
    session: Session, sheet: Worksheet, programme_id: int, company_id: int | None
) -> None:
    if sheet.per_company != (company_id is not None):
        raise InputError("answers.error.company")
    if company_id is not None:
        company = session.get(Company, company_id)
        if company is None or company.programme_id != programme_id:
            raise InputError("answers.error.company")


def load_answers(
    session: Session,
    actor: Actor,
    programme_id: int,
    sheet: Worksheet,
    company_id: int | None = None,
) -> dict[str, StoredAnswer]:
    require_programme(session, actor, programme_id)
    rows = session.exec(
        select(WorksheetAnswer).where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == sheet.code,
            WorksheetAnswer.subject == subject_for(company_id),
        )
    ).all()
    names = display_names(session, {row.updated_by for row in rows})
    return {
        row.question: StoredAnswer(
            row.value,
            row.version,
            row.updated_at,
            row.updated_by,
            row.carried_from_id,
            names.get(row.updated_by, ""),
        )
        for row in rows
    }


def display_names(session: Session, usernames: set[str]) -> dict[str, str]:
    """Display names of the accounts that saved answers (an account since removed has none)."""
    if not usernames:
        return {}
    return dict(
        session.exec(
            select(UserAccount.username, UserAccount.display_name).where(
                col(UserAccount.username).in_(sorted(usernames))
            )
        ).all()
    )


def save_answer(
    session: Session,
    actor: Actor,
    programme_id: int,
    sheet: Worksheet,
    question_id: str,
    value: Any,
    seen_version: int,
    company_id: int | None = None,
) -> StoredAnswer:
    """Store `value` if nobody saved since `seen_version` (0: the author saw no answer).

    Raises AnswerConflict with the newer answer otherwise, AccessDenied for viewers or other
    regions, InputError for a value the question cannot take.
    """
    require_programme(session, actor, programme_id, write=True)
    _check_subject(session, sheet, programme_id, company_id)
    cleaned = validate(_question(sheet, question_id), value)
    now = utcnow()
    subject = subject_for(company_id)
    key = (
        WorksheetAnswer.programme_id == programme_id,
        WorksheetAnswer.worksheet == sheet.code,
        WorksheetAnswer.question == question_id,
        WorksheetAnswer.subject == subject,
    )
    if seen_version == 0:
        try:
            with session.begin_nested():
                session.add(
                    WorksheetAnswer(
                        programme_id=programme_id,
                        worksheet=sheet.code,
                        question=question_id,
                        subject=subject,
                        company_id=company_id,
                        value=cleaned,
                        answered=is_answered(cleaned),
                        version=1,
                        updated_at=now,
                        updated_by=actor.username,
                    )
                )
        except IntegrityError:
            raise AnswerConflict(_current(session, key)) from None
        _after_save(session, sheet, question_id, company_id, cleaned)
        return StoredAnswer(cleaned, 1, now, actor.username, None, actor.display_name)
    result = session.execute(
        update(WorksheetAnswer)
        .where(*key, col(WorksheetAnswer.version) == seen_version)
        .values(
            value=cleaned,
            answered=is_answered(cleaned),
            version=seen_version + 1,
            updated_at=now,
            updated_by=actor.username,
            carried_from_id=None,  # saved in this programme: no longer a carried draft
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        raise AnswerConflict(_current(session, key))
    _after_save(session, sheet, question_id, company_id, cleaned)
    return StoredAnswer(cleaned, seen_version + 1, now, actor.username, None, actor.display_name)


def confirm_drafts(
    session: Session,
    actor: Actor,
    programme_id: int,
    sheet: Worksheet,
    company_id: int | None = None,
) -> int:
    """Keep the drafts carried from last year as they are: they become this year's answers.

    Only the mark goes; values and versions stay, so nobody's open form turns into a conflict.
    Returns how many answers were drafts.
    """
    require_programme(session, actor, programme_id, write=True)
    _check_subject(session, sheet, programme_id, company_id)
    result = session.execute(
        update(WorksheetAnswer)
        .where(
            WorksheetAnswer.programme_id == programme_id,
            WorksheetAnswer.worksheet == sheet.code,
            WorksheetAnswer.subject == subject_for(company_id),
            col(WorksheetAnswer.carried_from_id).is_not(None),
        )
        .values(carried_from_id=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _after_save(
    session: Session, sheet: Worksheet, question_id: str, company_id: int | None, value: Any
) -> None:
    """Answers that are also registry facts update the registry in the same transaction."""
    if sheet.code == NEEDS_WORKSHEET and question_id == NEEDS_QUESTION and company_id is not None:
        sync_needs(session, company_id, value)


def _current(session: Session, key: tuple) -> StoredAnswer:
    row = session.exec(select(WorksheetAnswer).where(*key)).one()
    session.refresh(row)
    names = display_names(session, {row.updated_by})
    return StoredAnswer(
        row.value,
        row.version,
        row.updated_at,
        row.updated_by,
        row.carried_from_id,
        names.get(row.updated_by, ""),
    )


def is_answered(value: Any) -> bool:
    return not _is_empty(value)
