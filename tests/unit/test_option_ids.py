"""Choice answers store option ids: labels are only for people, rewording one changes nothing.

The B-1 readiness rule (経営者の参加・現場の巻き込み・プロジェクトチームの組成 all はい) reads
the affirmative option's id, in Python and in SQL alike.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from colead.models import Company, Programme, Region, Role, WorksheetAnswer
from colead.services import screening
from colead.services.answers import load_answers, save_answer, validate
from colead.services.errors import InputError
from colead.services.export import worksheet_rows
from colead.services.needs import needs_answer, skill_label
from colead.worksheets import WORKSHEETS
from colead.worksheets.b_1 import AFFIRMATIVE
from colead.worksheets.schema import Kind, Question, Worksheet
from colead.worksheets.text import describe

ID = re.compile(r"^[a-z][a-z0-9_]*$")
CHOICE_KINDS = (Kind.SINGLE, Kind.MULTI, Kind.CHECKLIST)
B1 = WORKSHEETS["B-1"]


def _choice_questions() -> list:  # type: ignore[type-arg]
    return [
        pytest.param(code, q, id=f"{code}:{q.id}")
        for code, sheet in WORKSHEETS.items()
        for q in sheet.questions()
        if q.kind in CHOICE_KINDS
    ]


# --- the declarations -------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "question"), _choice_questions())
def test_every_option_has_a_stable_ascii_id_unique_in_its_question(
    code: str, question: Question
) -> None:
    ids = [o.id for o in question.options]
    assert all(isinstance(i, str) and ID.match(i) for i in ids), (code, question.id, ids)
    assert len(ids) == len(set(ids)), (code, question.id, ids)
    labels = [o.label for o in question.options]
    assert all(labels) and len(labels) == len(set(labels)), (code, question.id)
    # An id never reads as another option's label, so an imported label maps to one option only.
    assert not set(ids) & set(labels), (code, question.id)


def test_every_b1_check_offers_the_affirmative_option() -> None:
    for question in B1.questions():
        assert question.option(AFFIRMATIVE) is not None, question.id
        assert question.option_label(AFFIRMATIVE) == "はい"


def test_b3_talent_types_are_stored_as_skill_types() -> None:
    types = next(q for q in WORKSHEETS["B-3"].questions() if q.id == "s5_talent_types")
    assert [o.id for o in types.options] == [
        "security",
        "data_scientist",
        "ux_designer",
        "engineer",
        "business_architect",
    ]
    assert skill_label("engineer") == "エンジニア・オペレータ"
    assert needs_answer(["business_architect", "security"]) == {
        "choices": ["security", "business_architect"],
        "other": "",
    }


# --- validation and reading -------------------------------------------------------------------


def _question(code: str, question_id: str) -> Question:
    return next(q for q in WORKSHEETS[code].questions() if q.id == question_id)


def test_answers_store_ids_and_an_exact_label_becomes_its_id() -> None:
    frequency = _question("A-4", "s2_frequency")
    assert validate(frequency, {"choice": "monthly"}) == {"choice": "monthly", "other": ""}
    assert validate(frequency, {"choice": "月に１回"}) == {"choice": "monthly", "other": ""}
    assert validate(frequency, {"choice": None}) == {"choice": None, "other": ""}
    channels = _question("A-4", "s2_channels")
    assert validate(
        channels, {"choices": ["その他（具体的に）", "newsletter"], "other": "回覧板"}
    ) == {
        "choices": ["newsletter", "other"],
        "other": "回覧板",
    }
    for bad in ({"choice": "毎日"}, {"choice": "月に1回"}, {"choice": 3}, {"choice": ["monthly"]}):
        with pytest.raises(InputError):
            validate(frequency, bad)
    with pytest.raises(InputError):
        validate(channels, {"choices": ["newsletter", "テレビ"]})


def test_people_read_labels_wherever_an_answer_is_shown() -> None:
    channels = _question("B-6", "s3_channels")
    value = {"choices": ["sns", "other"], "other": "回覧板"}
    assert describe(channels, value) == "SNS、その他（具体的に）：回覧板"
    information = _question("B-6", "s3_information")
    assert describe(information, {"choices": ["tourism", "other"], "other": "祭り"}) == (
        "観光情報、その他：祭り"
    )
    days = _question("B-5", "s1_days")
    assert describe(days, {"choice": "three_days", "other": ""}) == "３日間"
    # a value nobody offers any more is shown as it is, not dropped or turned into an error
    assert describe(days, {"choice": "６日間", "other": ""}) == "６日間"


# --- B-1 readiness: ids, one rule --------------------------------------------------------------


@pytest.fixture
def setting(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    region = Region(name="栃木県", prefecture="栃木県")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="栃木")
    write_session.add(programme)
    write_session.flush()
    companies = [Company(programme_id=programme.id, name=n) for n in ("日光精密", "益子窯元")]
    write_session.add_all(companies)
    write_session.flush()
    return programme.id, [c.id for c in companies], make_actor(Role.STAFF, (region.id,))


def _reworded(sheet: Worksheet, old: str, new: str) -> Worksheet:
    """`sheet` with every option labelled `old` relabelled `new` (its id kept)."""
    return replace(
        sheet,
        steps=tuple(
            replace(
                step,
                questions=tuple(
                    replace(
                        q,
                        options=tuple(
                            replace(o, label=new) if o.label == old else o for o in q.options
                        ),
                    )
                    for q in step.questions
                ),
            )
            for step in sheet.steps
        ),
    )


def _state(session: Session, actor, programme_id: int):  # type: ignore[no-untyped-def]
    return (
        [(r.name, r.missing) for r in screening.readiness(session, actor, programme_id)],
        screening.ready_count(session, actor, programme_id),
    )


def test_rewording_the_affirmative_label_leaves_readiness_unchanged(
    write_session: Session, setting, monkeypatch: pytest.MonkeyPatch
) -> None:
    programme_id, (ready_id, waiting_id), staff = setting
    for check in screening.ACCEPTANCE_CHECKS:
        # written the way an import gives it: the label of the day
        save_answer(write_session, staff, programme_id, B1, check, {"choice": "はい"}, 0, ready_id)
    save_answer(
        write_session,
        staff,
        programme_id,
        B1,
        "acceptance_field",
        {"choice": "はい"},
        0,
        waiting_id,
    )
    before = _state(write_session, staff, programme_id)
    assert before[1] == (1, 2)

    monkeypatch.setitem(WORKSHEETS, "B-1", _reworded(B1, "はい", "はい（確認済み）"))
    assert screening.questions_by_id()["acceptance_team"].options[0].label == "はい（確認済み）"
    assert _state(write_session, staff, programme_id) == before
    screening.require_ready(write_session, staff, ready_id)  # still allowed to start a project
    with pytest.raises(InputError):
        screening.require_ready(write_session, staff, waiting_id)


def test_python_and_sql_agree_on_every_kind_of_stored_value(
    write_session: Session, setting, make_actor
) -> None:
    """holds() and the SQL of ready_count() are built from the same rule: same verdicts."""
    programme_id, _, staff = setting
    values = [
        {"choice": AFFIRMATIVE, "other": ""},
        {"choice": "no", "other": ""},
        {"choice": None, "other": ""},
        {"choice": "はい", "other": ""},  # a label left unmigrated does not count as an id
        None,
    ]
    for i, first in enumerate(values):
        company = Company(programme_id=programme_id, name=f"検証{i}")
        write_session.add(company)
        write_session.flush()
        for check in screening.ACCEPTANCE_CHECKS:
            write_session.add(
                WorksheetAnswer(
                    programme_id=programme_id,
                    worksheet="B-1",
                    question=check,
                    subject=f"company:{company.id}",
                    company_id=company.id,
                    value=first if check == "acceptance_executive" else screening.answer(True),
                    answered=first is not None,
                )
            )
    write_session.flush()
    states = screening.readiness(write_session, staff, programme_id)
    by_python = sum(state.ready for state in states)
    assert by_python == 1
    assert screening.ready_count(write_session, staff, programme_id) == (by_python, len(states))
    assert [screening.holds(v) for v in values] == [True, False, False, False, False]


def test_the_grid_tick_stores_the_id(write_session: Session, setting) -> None:
    programme_id, (company_id, _), staff = setting
    save_answer(
        write_session,
        staff,
        programme_id,
        B1,
        "acceptance_team",
        screening.answer(True),
        0,
        company_id,
    )
    stored = write_session.exec(
        select(WorksheetAnswer.value).where(WorksheetAnswer.question == "acceptance_team")
    ).one()
    assert stored == {"choice": AFFIRMATIVE, "other": ""}
    loaded = load_answers(write_session, staff, programme_id, B1, company_id)
    assert screening.holds(loaded["acceptance_team"].value)
    assert screening.answer(False) == {"choice": None}


def test_the_excel_export_shows_labels(write_session: Session, setting) -> None:
    programme_id, (company_id, _), staff = setting
    save_answer(
        write_session, staff, programme_id, B1, "acceptance_team", {"choice": "yes"}, 0, company_id
    )
    rows = worksheet_rows(write_session, staff, programme_id, B1)
    answers = {(r.company, r.question): r.answer for r in rows}
    assert answers[("日光精密", "プロジェクトチームの組成")] == "はい"
    assert answers[("日光精密", "経営者の参加")] == ""
