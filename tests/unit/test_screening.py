"""B-1: a company starts a project only with all three acceptance checks held."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from colead.models import Company, Programme, Region, Role
from colead.services import screening
from colead.services.answers import save_answer
from colead.services.errors import InputError
from colead.worksheets import WORKSHEETS

B1 = WORKSHEETS["B-1"]


def _affirmative(check: str) -> dict[str, str]:
    question = next(q for q in B1.questions() if q.id == check)
    return {"choice": question.options[0].label}


def _negative(check: str) -> dict[str, str]:
    question = next(q for q in B1.questions() if q.id == check)
    return {"choice": question.options[1].label}


@pytest.fixture
def setting(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    region = Region(name="栃木県", prefecture="栃木県")
    write_session.add(region)
    write_session.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name="栃木")
    write_session.add(programme)
    write_session.flush()
    company = Company(programme_id=programme.id, name="日光精密")
    write_session.add(company)
    write_session.flush()
    return programme.id, company.id, make_actor(Role.STAFF, (region.id,))


def test_the_three_acceptance_checks_are_declared_in_b1() -> None:
    ids = {q.id for q in B1.questions()}
    assert set(screening.ACCEPTANCE_CHECKS) <= ids
    assert len(B1.questions()) == 10


def test_a_company_is_ready_only_when_all_three_hold(write_session, setting) -> None:
    programme_id, company_id, staff = setting
    state = screening.readiness(write_session, staff, programme_id)[0]
    assert not state.ready and len(state.missing) == 3
    with pytest.raises(InputError) as error:
        screening.require_ready(write_session, staff, company_id)
    assert error.value.key == "screening.error.not_ready"

    for check in screening.ACCEPTANCE_CHECKS[:2]:
        save_answer(
            write_session,
            staff,
            programme_id,
            B1,
            check,
            _affirmative(check),
            0,
            company_id=company_id,
        )
    save_answer(
        write_session,
        staff,
        programme_id,
        B1,
        "acceptance_team",
        _negative("acceptance_team"),
        0,
        company_id=company_id,
    )
    state = screening.readiness(write_session, staff, programme_id)[0]
    team_label = next(q.label for q in B1.questions() if q.id == "acceptance_team")
    assert state.missing == (team_label,)
    with pytest.raises(InputError):
        screening.require_ready(write_session, staff, company_id)

    save_answer(
        write_session,
        staff,
        programme_id,
        B1,
        "acceptance_team",
        _affirmative("acceptance_team"),
        1,
        company_id=company_id,
    )
    assert screening.readiness(write_session, staff, programme_id)[0].ready
    screening.require_ready(write_session, staff, company_id)  # no error now
