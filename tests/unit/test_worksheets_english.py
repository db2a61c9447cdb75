"""Every text of every worksheet has its English, and English changes nothing that is stored."""

from __future__ import annotations

import re
from dataclasses import fields

from colead.services import answers
from colead.worksheets import WORKSHEETS
from colead.worksheets.english import ENGLISH, localise, texts
from colead.worksheets.schema import Column, Kind, Option, Question, Step, Worksheet

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# The str fields of the schema that are ids or stored values, not text people read as a label.
NOT_TEXT = {
    (Worksheet, "code"),
    (Step, "id"),
    (Question, "id"),
    (Option, "id"),
    (Column, "id"),
}


def _declared() -> dict[tuple[str, ...], str]:
    return {key: text for sheet in WORKSHEETS.values() for key, text in texts(sheet)}


def test_every_worksheet_text_has_its_english() -> None:
    missing = [(key, text) for key, text in _declared().items() if key not in ENGLISH]
    assert not missing, f"no English for: {missing}"


def test_no_english_entry_is_stale() -> None:
    stale = sorted(set(ENGLISH) - set(_declared()))
    assert not stale, f"English for texts that no longer exist: {stale}"


def test_the_english_is_english() -> None:
    for key, text in ENGLISH.items():
        assert text.strip(), key
        assert not JAPANESE.search(text), (key, text)


def test_the_walk_covers_every_text_field_of_the_schema() -> None:
    """A text field added to the schema must be walked by `texts` (and translated)."""
    walked = {
        (Worksheet, "title"),
        (Worksheet, "short_title"),
        (Worksheet, "purpose"),
        (Step, "title"),
        (Step, "guidance"),
        (Question, "label"),
        (Question, "help"),
        (Option, "label"),
        (Option, "description"),
        (Column, "label"),
    }
    for kind in (Worksheet, Step, Question, Option, Column):
        for field in fields(kind):
            if field.type == "str":
                assert (kind, field.name) in walked | NOT_TEXT, (kind.__name__, field.name)


def test_japanese_is_the_declaration_itself() -> None:
    for sheet in WORKSHEETS.values():
        assert localise(sheet, "ja") is sheet


def _shape(sheet: Worksheet) -> object:
    """Everything of a sheet but its texts: what answers and rules depend on."""
    return (
        sheet.code,
        sheet.track,
        sheet.per_company,
        [
            (
                step.id,
                [
                    (
                        q.id,
                        q.kind,
                        q.record,
                        q.prefill,
                        [(o.id, o.other) for o in q.options],
                        [(c.id, c.kind, c.options) for c in q.columns],
                        len(q.hints),
                    )
                    for q in step.questions
                ],
            )
            for step in sheet.steps
        ],
    )


def test_english_has_the_same_ids_kinds_and_stored_values() -> None:
    for sheet in WORKSHEETS.values():
        english = localise(sheet, "en")
        assert _shape(english) == _shape(sheet)
        # the same walk, text by text (a hint's key is its own words, so compare in order)
        shown = [text for _, text in texts(english)]
        assert shown == [ENGLISH[key] for key, _ in texts(sheet)], sheet.code


def test_an_english_sheet_has_no_japanese_left() -> None:
    for sheet in WORKSHEETS.values():
        for key, text in texts(localise(sheet, "en")):
            assert not JAPANESE.search(text), (key, text)


def test_a_choice_made_in_english_is_stored_as_the_same_option_id() -> None:
    sheet = WORKSHEETS["A-2"]
    question = next(q for q in sheet.questions() if q.kind == Kind.MULTI)
    english = next(q for q in localise(sheet, "en").questions() if q.id == question.id)
    value = {"choices": [english.options[1].id], "other": ""}
    assert answers.validate(english, value) == answers.validate(question, value)
    assert answers.validate(english, value)["choices"] == [question.options[1].id]
    assert (
        english.option_label(question.options[1].id)
        == ENGLISH[("A-2", question.id, "option", question.options[1].id)]
    )
