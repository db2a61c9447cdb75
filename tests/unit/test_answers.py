"""Saving answers: validation by kind, version conflicts, scoping, per-company subjects."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session

from colead.db import session_scope
from colead.models import Company, Programme, Region, Role
from colead.services.access import AccessDenied
from colead.services.answers import AnswerConflict, load_answers, save_answer, validate
from colead.services.errors import InputError
from colead.worksheets.schema import Column, Kind, Option, Question, Step, Track, Worksheet

TEXT = Question("vision", "ビジョン", Kind.TEXT)
SINGLE = Question(
    "direction", "方向性", Kind.SINGLE, options=(Option("stable", "安定"), Option("grow", "拡大"))
)
MULTI = Question(
    "channels",
    "媒体",
    Kind.MULTI,
    options=(
        Option("sns", "SNS"),
        Option("ads", "広告"),
        Option("other", "その他（具体的に）", other=True),
    ),
)
DATES = Question("dates", "候補日", Kind.DATES)
TABLE = Question(
    "agenda", "アジェンダ", Kind.TABLE, columns=(Column("time", "時間"), Column("content", "内容"))
)
SHEET = Worksheet(
    "A-9",
    "テスト",
    "テスト",
    Track.A,
    "目的",
    steps=(Step("STEP1", "一", "説明", (TEXT, SINGLE, MULTI, DATES, TABLE)),),
)
PER_COMPANY = Worksheet(
    "B-9",
    "企業別",
    "企業別",
    Track.B,
    "目的",
    per_company=True,
    steps=(Step("STEP1", "一", "説明", (TEXT,)),),
)


@pytest.fixture
def world(write_session: Session) -> dict[str, int]:
    kaga = Region(name="加賀市", prefecture="石川県")
    kushiro = Region(name="釧路市", prefecture="北海道")
    write_session.add_all([kaga, kushiro])
    write_session.flush()
    p_kaga = Programme(region_id=kaga.id, fiscal_year=2026, name="加賀")
    p_kushiro = Programme(region_id=kushiro.id, fiscal_year=2026, name="釧路")
    write_session.add_all([p_kaga, p_kushiro])
    write_session.flush()
    company = Company(programme_id=p_kaga.id, name="山中漆器工房")
    foreign = Company(programme_id=p_kushiro.id, name="釧路水産")
    write_session.add_all([company, foreign])
    write_session.flush()
    return {
        "region": kaga.id,
        "programme": p_kaga.id,
        "other_programme": p_kushiro.id,
        "company": company.id,
        "foreign_company": foreign.id,
    }


def test_each_kind_accepts_its_shape_and_refuses_others() -> None:
    assert validate(TEXT, "地域の未来") == "地域の未来"
    assert validate(SINGLE, {"choice": "grow"}) == {"choice": "grow", "other": ""}
    assert validate(MULTI, {"choices": ["other", "sns"], "other": "回覧板"}) == {
        "choices": ["sns", "other"],
        "other": "回覧板",
    }
    assert validate(DATES, ["2026-12-10", "2026-12-03", "2026-12-10"]) == [
        "2026-12-03",
        "2026-12-10",
    ]
    assert validate(TABLE, [{"time": "10:00", "content": "趣旨説明"}, {"time": ""}]) == [
        {"time": "10:00", "content": "趣旨説明"}
    ]
    for question, bad, key in [
        (TEXT, 3, "answers.error.text"),
        (SINGLE, {"choice": "縮小"}, "answers.error.choice"),
        (MULTI, {"choices": ["テレビ"]}, "answers.error.choice"),
        (DATES, ["12月3日"], "answers.error.dates"),
        (TABLE, [{"speaker": "x"}], "answers.error.rows"),
    ]:
        with pytest.raises(InputError) as error:
            validate(question, bad)
        assert error.value.key == key


def test_save_then_load_round_trip(write_session, world, make_actor) -> None:
    staff = make_actor(Role.STAFF, (world["region"],))
    first = save_answer(write_session, staff, world["programme"], SHEET, "vision", "関係人口", 0)
    assert first.version == 1 and first.updated_by == staff.username
    second = save_answer(
        write_session, staff, world["programme"], SHEET, "vision", "関係人口を増やす", first.version
    )
    loaded = load_answers(write_session, staff, world["programme"], SHEET)
    assert loaded["vision"].value == "関係人口を増やす"
    assert loaded["vision"].version == second.version == 2


def test_a_save_based_on_an_old_version_is_refused_with_their_text(
    write_session, world, make_actor
) -> None:
    alice = make_actor(Role.STAFF, (world["region"],))
    bob = make_actor(Role.STAFF, (world["region"],), user_id=2)
    save_answer(write_session, alice, world["programme"], SHEET, "vision", "最初の案", 0)
    save_answer(write_session, bob, world["programme"], SHEET, "vision", "ボブの案", 1)
    with pytest.raises(AnswerConflict) as conflict:
        save_answer(write_session, alice, world["programme"], SHEET, "vision", "アリスの案", 1)
    assert conflict.value.theirs.value == "ボブの案"
    assert conflict.value.theirs.version == 2
    stored = load_answers(write_session, alice, world["programme"], SHEET)["vision"]
    assert stored.value == "ボブの案"  # nothing overwritten


def test_two_first_saves_collide_instead_of_both_inserting(
    write_session, world, make_actor
) -> None:
    staff = make_actor(Role.STAFF, (world["region"],))
    save_answer(write_session, staff, world["programme"], SHEET, "vision", "先", 0)
    with pytest.raises(AnswerConflict) as conflict:
        save_answer(write_session, staff, world["programme"], SHEET, "vision", "後", 0)
    assert conflict.value.theirs.value == "先"


def test_concurrent_saves_of_one_version_let_exactly_one_win(db_url, make_actor) -> None:
    with session_scope(write=True, url=db_url) as session:
        region = Region(name="加賀市", prefecture="石川県")
        session.add(region)
        session.flush()
        programme = Programme(region_id=region.id, fiscal_year=2026, name="加賀")
        session.add(programme)
        session.flush()
        ids = (region.id, programme.id)
    staff = make_actor(Role.STAFF, (ids[0],))
    with session_scope(write=True, url=db_url) as session:
        save_answer(session, staff, ids[1], SHEET, "vision", "v1", 0)
    outcomes: list[str] = []

    def write(text: str) -> None:
        try:
            with session_scope(write=True, url=db_url) as session:
                save_answer(session, staff, ids[1], SHEET, "vision", text, 1)
            outcomes.append("saved")
        except AnswerConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(f"案{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["saved"]


def test_viewers_and_other_regions_cannot_save(write_session, world, make_actor) -> None:
    viewer = make_actor(Role.VIEWER, (world["region"],))
    with pytest.raises(AccessDenied):
        save_answer(write_session, viewer, world["programme"], SHEET, "vision", "x", 0)
    outsider = make_actor(Role.STAFF, (999,))
    with pytest.raises(AccessDenied):
        save_answer(write_session, outsider, world["programme"], SHEET, "vision", "x", 0)
    with pytest.raises(AccessDenied):
        load_answers(write_session, outsider, world["programme"], SHEET)


def test_per_company_answers_need_a_company_of_the_programme(
    write_session, world, make_actor
) -> None:
    staff = make_actor(Role.STAFF, (world["region"],))
    save_answer(
        write_session,
        staff,
        world["programme"],
        PER_COMPANY,
        "vision",
        "漆器の海外展開",
        0,
        company_id=world["company"],
    )
    assert (
        load_answers(
            write_session, staff, world["programme"], PER_COMPANY, company_id=world["company"]
        )["vision"].value
        == "漆器の海外展開"
    )
    assert (
        load_answers(write_session, staff, world["programme"], PER_COMPANY, company_id=None) == {}
    )
    for company_id in (None, world["foreign_company"]):
        with pytest.raises(InputError) as error:
            save_answer(
                write_session,
                staff,
                world["programme"],
                PER_COMPANY,
                "vision",
                "x",
                0,
                company_id=company_id,
            )
        assert error.value.key == "answers.error.company"


def test_unknown_question_is_refused(write_session, world, make_actor) -> None:
    staff = make_actor(Role.STAFF, (world["region"],))
    with pytest.raises(InputError) as error:
        save_answer(write_session, staff, world["programme"], SHEET, "nope", "x", 0)
    assert error.value.key == "answers.error.question"
