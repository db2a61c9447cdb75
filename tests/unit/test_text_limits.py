"""Every free-text field has a length limit, and a required title cannot be left empty: the
service refuses with the field named (a catalog Label), before the database sees the text.

Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL set (an over-long VARCHAR there
would fail mid-transaction; an over-long TEXT would be stored)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlmodel import Session, select

from colead.db import session_scope
from colead.i18n import JST, Label, translate
from colead.models import (
    Company,
    Event,
    EventKind,
    MeetingReport,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Talent,
)
from colead.services import accounts, answers, companies, events, projects, talent
from colead.services.access import Actor
from colead.services.errors import InputError, InvalidInput
from colead.services.relationships import grant_consent
from colead.worksheets import WORKSHEETS

ON = date(2026, 11, 20)
FIVE_MB = "あ" * (5 * 1024 * 1024)


def _errors(action: Callable[[Session], Any]) -> list[InputError]:
    """What the service said when it refused `action`; nothing was written."""
    with pytest.raises((InputError, InvalidInput)) as caught, session_scope(write=True) as session:
        action(session)
    error = caught.value
    return error.errors if isinstance(error, InvalidInput) else [error]


def _one(action: Callable[[Session], Any]) -> InputError:
    errors = _errors(action)
    assert len(errors) == 1, [(e.key, e.params) for e in errors]
    return errors[0]


def _too_long(error: InputError, label: str, maximum: int) -> None:
    assert error.key == "form.error.too_long"
    assert error.params["field"] == label
    assert isinstance(error.params["field"], Label)
    assert error.params["maximum"] == maximum
    message = translate(error.key, "ja", **error.params)
    assert translate(label, "ja") in message and f"{maximum:}" in message


def _ok(action: Callable[[Session], Any]) -> Any:
    with session_scope(write=True) as session:
        return action(session)


@pytest.fixture
def staff(demo_url: str) -> Actor:
    with session_scope() as session:
        return accounts.load_actor(session, "staff")


def _programme(actor: Actor) -> int:
    with session_scope() as session:
        region = min(actor.region_ids)
        return session.exec(
            select(Programme.id).where(Programme.region_id == region).order_by(Programme.id)
        ).first()


def test_a_persons_interests_and_note_have_limits(staff: Actor) -> None:
    programme = _programme(staff)
    limits = talent.TEXT_LIMITS
    assert limits == {"interests": 2_000, "note": 2_000}
    for field, maximum in limits.items():
        for text in ("x" * (maximum + 1), FIVE_MB):
            data = talent.TalentInput(name="長文 太郎", applied_on=ON, **{field: text})
            error = _one(lambda s, d=data: talent.create_talent(s, staff, programme, d))
            _too_long(error, f"talent.field.{field}", maximum)
    data = talent.TalentInput(
        name="長文 太郎", applied_on=ON, interests="x" * 2_000, note="y" * 2_000
    )
    person = _ok(lambda s: talent.create_talent(s, staff, programme, data).id)
    long_note = talent.TalentInput(name="長文 太郎", applied_on=ON, note="z" * 2_001)
    error = _one(lambda s: talent.update_talent(s, staff, person, long_note))
    _too_long(error, "talent.field.note", 2_000)
    with session_scope() as session:
        assert len(session.get(Talent, person).note) == 2_000  # kept as it was


def test_a_consent_scope_has_the_columns_limit(staff: Actor) -> None:
    programme = _programme(staff)
    with session_scope() as session:
        person = session.exec(select(Talent.id).where(Talent.programme_id == programme)).first()
    error = _one(lambda s: grant_consent(s, staff, person, "範" * 201, ON))
    assert (error.key, error.params) == ("consent.error.scope_too_long", {"maximum": 200})
    error = _one(lambda s: grant_consent(s, staff, person, "   ", ON))
    assert error.key == "talent.error.consent_scope"
    _ok(lambda s: grant_consent(s, staff, person, "範" * 200, ON))


def test_a_companys_note_has_a_limit(staff: Actor) -> None:
    programme = _programme(staff)
    assert companies.NOTE_MAX == 2_000
    for text in ("x" * 2_001, FIVE_MB):
        data = companies.CompanyInput(name="長文商事", note=text)
        error = _one(lambda s, d=data: companies.create_company(s, staff, programme, d))
        _too_long(error, "company.field.note", 2_000)
    data = companies.CompanyInput(name="長文商事", note="x" * 2_000)
    company = _ok(lambda s: companies.create_company(s, staff, programme, data).id)
    longer = companies.CompanyInput(name="長文商事", note="x" * 2_001)
    error = _one(lambda s: companies.update_company(s, staff, company, longer))
    _too_long(error, "company.field.note", 2_000)
    with session_scope() as session:
        assert len(session.get(Company, company).note) == 2_000


def test_an_events_note_has_a_limit_and_its_title_is_required(staff: Actor) -> None:
    programme = _programme(staff)
    starts = datetime(2026, 12, 1, 19, tzinfo=JST)
    for text in ("x" * 2_001, FIVE_MB):
        data = events.EventInput(EventKind.MEETUP, "交流会", starts, note=text)
        error = _one(lambda s, d=data: events.create_event(s, staff, programme, d))
        _too_long(error, "event.field.note", 2_000)
    error = _one(
        lambda s: events.create_event(
            s, staff, programme, events.EventInput(EventKind.MEETUP, "  ", starts)
        )
    )
    assert error.key == "event.error.title_required"
    data = events.EventInput(EventKind.MEETUP, "交流会", starts, note="x" * 2_000)
    event = _ok(lambda s: events.create_event(s, staff, programme, data).id)
    with session_scope() as session:
        assert len(session.get(Event, event).note) == 2_000


def _project(programme: int) -> tuple[int, int]:
    """A demo project of the programme and a member of its team."""
    with session_scope() as session:
        return session.exec(
            select(Project.id, ProjectMember.talent_id)
            .join(ProjectMember, ProjectMember.project_id == Project.id)
            .where(Project.programme_id == programme)
            .order_by(Project.id)
        ).first()


def test_a_milestone_needs_a_title_within_its_columns_length(staff: Actor) -> None:
    project, _ = _project(_programme(staff))
    other = MilestoneKind.OTHER
    for title in ("", "   "):
        error = _one(lambda s, t=title: projects.add_milestone(s, staff, project, other, t, ON))
        assert (error.key, error.params) == (
            "form.error.required",
            {"field": "milestone.field.title"},
        )
        assert isinstance(error.params["field"], Label)
        assert (
            translate(error.key, "ja", **error.params)
            == "「マイルストーンの名前」を入力してください。"
        )
    error = _one(lambda s: projects.add_milestone(s, staff, project, other, "m" * 201, ON))
    _too_long(error, "milestone.field.title", 200)
    added = _ok(lambda s: projects.add_milestone(s, staff, project, other, "m" * 200, ON).id)

    # Emptying or overfilling a title in the milestones form is refused, once for the form.
    with session_scope() as session:
        stored = session.exec(select(Milestone).where(Milestone.project_id == project)).all()
        changes = {m.id: (m.title, m.due_on, m.done_on) for m in stored}
    emptied = {k: ("", due, done) for k, (_, due, done) in changes.items()}
    error = _one(lambda s: projects.update_milestones(s, staff, project, emptied))
    assert error.key == "form.error.required"
    overfilled = dict(changes) | {added: ("m" * 201, ON, None)}
    error = _one(lambda s: projects.update_milestones(s, staff, project, overfilled))
    _too_long(error, "milestone.field.title", 200)
    _ok(lambda s: projects.update_milestones(s, staff, project, changes))  # unchanged: saved


def test_a_meeting_report_has_a_limit(staff: Actor) -> None:
    project, member = _project(_programme(staff))
    assert projects.SUMMARY_MAX == 4_000
    for text in ("x" * 4_001, FIVE_MB):
        error = _one(lambda s, t=text: projects.submit_report(s, staff, project, member, ON, t))
        _too_long(error, "project.field.summary", 4_000)
    _ok(lambda s: projects.submit_report(s, staff, project, member, ON, "x" * 4_000))
    with session_scope() as session:
        stored = session.exec(
            select(MeetingReport.summary).where(MeetingReport.project_id == project)
        )
        assert "x" * 4_000 in list(stored)


def _question(code: str, question_id: str):  # type: ignore[no-untyped-def]
    return next(q for q in WORKSHEETS[code].questions() if q.id == question_id)


def test_worksheet_answers_have_limits_per_text_and_per_table(staff: Actor) -> None:
    programme = _programme(staff)
    sheet = WORKSHEETS["A-1"]
    text = _question("A-1", "s1_region_summary")
    assert answers.TEXT_MAX == 10_000
    for value in ("x" * 10_001, FIVE_MB):
        error = _one(
            lambda s, v=value: answers.save_answer(
                s, staff, programme, sheet, text.id, v, seen_version=0
            )
        )
        assert error.key == "form.error.too_long"
        assert (error.params["field"], error.params["maximum"]) == (text.label, 10_000)
    single = _question("A-4", "s2_frequency")
    error = _one(lambda s: answers.validate(single, {"choice": None, "other": "x" * 10_001}))
    assert (error.key, error.params["field"]) == ("form.error.too_long", single.label)
    multi = _question("A-4", "s1_information")
    error = _one(lambda s: answers.validate(multi, {"choices": [], "other": "x" * 10_001}))
    assert (error.key, error.params["field"]) == ("form.error.too_long", multi.label)

    table = _question("B-5", "s4_itinerary")
    cell = [{"day": "1日目", "am": "x" * 10_001}]
    error = _one(lambda s: answers.validate(table, cell))
    assert (error.key, error.params["field"]) == ("form.error.too_long", "AM")
    many = [{"day": f"{i}日目", "am": "x" * 10_000} for i in range(11)]  # 110,000 characters
    error = _one(lambda s: answers.validate(table, many))
    assert error.key == "answers.error.table_too_long"
    assert (error.params["field"], error.params["maximum"]) == (table.label, answers.TABLE_MAX)
    assert answers.TABLE_MAX == 100_000
    assert answers.validate(table, many[:9]) == many[:9]
    _ok(lambda s: answers.save_answer(s, staff, programme, sheet, text.id, "x" * 10_000, 0))
