"""A worksheet read in English shows its English text; in Japanese, the guideline's wording."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import WorksheetAnswer
from colead.ui import i18n
from colead.ui.nav import worksheet_page
from colead.worksheets import WORKSHEETS
from colead.worksheets.english import localise
from colead.worksheets.schema import Kind
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
CODE = "A-2"  # steps, free-text questions with hint chips, and a multiple choice


def _open(at: AppTest, code: str) -> AppTest:
    return at.switch_page(worksheet_page(code).path).run(timeout=TIMEOUT)


def _in_english(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Switch to English with the sidebar's picker, as a person does.

    The widgets' format functions (the programme picker's, the options') are called again by
    AppTest in the test's own thread when the next run is sent: that thread reads the session's
    language as the app's run does, English from now on.
    """
    picker = next(s for s in at.sidebar.selectbox if s.label == "言語 / Language")
    picker.select("en").run(timeout=TIMEOUT)
    monkeypatch.setattr(i18n._run, "lang", "en", raising=False)
    return at


def _steps(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader if h.value.startswith("STEP")]


def _questions(at: AppTest) -> list[str]:
    return [m.value[len("##### ● ") :] for m in at.markdown if m.value.startswith("##### ● ")]


def test_a_worksheet_reads_in_english(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = WORKSHEETS[CODE]
    english = localise(sheet, "en")
    at = _in_english(_open(sign_in(new_app(), "staff"), CODE), monkeypatch)
    assert not at.exception
    assert f"{CODE} {english.title}" in [t.value for t in at.title]
    assert english.purpose in visible_text(at)
    assert _steps(at) == [f"{step.id} {step.title}" for step in english.steps]
    assert _questions(at) == [q.label for q in english.questions()]
    for shown in (*_steps(at), *_questions(at)):
        assert not JAPANESE.search(shown), shown
    captions = [c.value for c in at.caption]
    assert all(step.guidance in captions for step in english.steps)

    choice = next(q for q in english.questions() if q.kind == Kind.MULTI)
    key = f"ws:{CODE}||{choice.id}"
    pills = at.pills(key=key)
    assert pills.options == [o.label for o in choice.options]
    assert not any(JAPANESE.search(label) for label in pills.options)
    hinted = next(q for q in english.questions() if q.hints)
    assert at.pills(key=f"ws:{CODE}||{hinted.id}:hint").options == list(hinted.hints)

    # A choice made in English is stored as the option's id, as in Japanese.
    pills.set_value([choice.options[1].id]).run(timeout=TIMEOUT)
    assert not at.exception
    with session_scope() as session:
        stored = session.exec(
            select(WorksheetAnswer).where(
                WorksheetAnswer.worksheet == CODE, WorksheetAnswer.question == choice.id
            )
        ).one()
    assert stored.value["choices"] == [choice.options[1].id]


def test_the_same_worksheet_reads_in_japanese_word_for_word(demo_url: str) -> None:
    sheet = WORKSHEETS[CODE]
    at = _open(sign_in(new_app(), "staff"), CODE)
    assert not at.exception
    assert f"{CODE} {sheet.title}" in [t.value for t in at.title]
    assert _steps(at) == [f"{step.id} {step.title}" for step in sheet.steps]
    assert _questions(at) == [q.label for q in sheet.questions()]
    choice = next(q for q in sheet.questions() if q.kind == Kind.MULTI)
    assert at.pills(key=f"ws:{CODE}||{choice.id}").options == [o.label for o in choice.options]


def test_the_b1_grid_reads_in_english(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    english = localise(WORKSHEETS["B-1"], "en")
    at = _in_english(_open(sign_in(new_app(), "staff"), "B-1"), monkeypatch)
    assert not at.exception
    text = visible_text(at)
    for step in english.steps:
        assert f"**{step.id} {step.title}**" in text
    assert english.questions()[0].label in text


def test_every_worksheet_page_opens_in_english(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _in_english(sign_in(new_app(), "staff"), monkeypatch)
    for code, sheet in WORKSHEETS.items():
        english = localise(sheet, "en")
        _open(at, code)
        assert not at.exception, (code, at.exception)
        assert f"{code} {english.title}" in [t.value for t in at.title]
        if code == "B-1":  # a grid, not a form: its STEPs head the legend
            continue
        assert _steps(at) == [f"{step.id} {step.title}" for step in english.steps], code
        assert _questions(at) == [q.label for q in english.questions()], code
