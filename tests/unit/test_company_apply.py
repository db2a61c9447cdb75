"""The public company application (/join): checks, limits, the company it creates as 応募,
the applicant's B-1/B-3 answers pre-filled as drafts that never make the company ready."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from colead.models import (
    Company,
    FormSubmission,
    OutboxMail,
    PartnerInstitution,
    Programme,
    Region,
    Role,
    WorksheetAnswer,
)
from colead.services import company_apply, screening
from colead.services.answers import confirm_drafts, load_answers
from colead.services.company_apply import (
    CHECKS,
    MAX_PER_HOUR,
    YES,
    CompanyApplicationInput,
    submit_company_application,
)
from colead.services.errors import InputError, InvalidInput
from colead.worksheets import WORKSHEETS

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
ALL_YES = dict.fromkeys(CHECKS, YES)


@pytest.fixture
def programme(write_session: Session) -> Programme:
    region = Region(name="釧路市", prefecture="北海道")
    write_session.add(region)
    write_session.flush()
    programme = Programme(
        region_id=region.id,
        fiscal_year=2026,
        name="釧路Co-LEAD",
        published=True,
        public_slug="kushiro-2026",
    )
    write_session.add(programme)
    write_session.add(
        PartnerInstitution(
            region_id=region.id, name="釧路商工会議所", kind="chamber", email="secret@cci.example"
        )
    )
    write_session.flush()
    return programme


def _form(**changes) -> CompanyApplicationInput:  # type: ignore[no-untyped-def]
    values = dict(
        company_name="  釧路港水産加工  ",
        industry="水産加工",
        employees="45",
        contact_name="山田 花子",
        contact_email="Hanako@Example.JP",
        contact_phone="0154-00-0000",
        partner="釧路商工会議所",
        checks=ALL_YES,
        about="鮭の加工",
        issues="受発注が紙",
        hopes="在庫の見える化",
    )
    values.update(changes)
    return CompanyApplicationInput(**values)


def test_an_application_creates_an_applied_company_with_drafts_and_mails(
    write_session: Session, programme: Programme, make_actor
) -> None:
    s = write_session
    done = submit_company_application(s, "kushiro-2026", _form(), "203.0.113.5", NOW)
    company = s.get(Company, done.company_id)
    assert company is not None
    assert (company.name, company.status, company.employees) == ("釧路港水産加工", "applied", 45)
    assert company.contact_email == "hanako@example.jp" and company.applied_at == NOW
    partner = s.exec(select(PartnerInstitution)).one()
    assert company.partner_id == partner.id
    drafts = s.exec(select(WorksheetAnswer).where(WorksheetAnswer.company_id == company.id)).all()
    assert {d.carried_from_id for d in drafts} == {programme.id}
    by_q = {(d.worksheet, d.question): d.value for d in drafts}
    assert by_q[("B-1", "acceptance_executive")] == screening.answer(True)
    assert by_q[("B-3", "s3_barriers")] == "受発注が紙"
    assert by_q[("B-3", "s4_priorities")] == [{"rank": 1, "issue": "在庫の見える化"}]
    mail = s.exec(select(OutboxMail)).one()
    assert mail.to_address == "hanako@example.jp" and "釧路港水産加工" in mail.body_text
    # every B-1 check answered yes by the applicant, yet the company is not ready
    staff = make_actor(Role.STAFF, (programme.region_id,))
    assert screening.ready_count(s, staff, programme.id) == (0, 1)
    assert screening.missing_checks(s, [company.id])[company.id]
    stored = load_answers(s, staff, programme.id, WORKSHEETS["B-1"], company.id)
    assert stored["acceptance_team"].carried_from == programme.id
    # staff confirm: now it is ready
    confirm_drafts(s, staff, programme.id, WORKSHEETS["B-1"], company.id)
    assert screening.ready_count(s, staff, programme.id) == (1, 1)


def test_last_years_carried_b1_still_counts(
    write_session: Session, programme: Programme, make_actor
) -> None:
    """Drafts carried from another programme are last year's confirmed state."""
    s = write_session
    earlier = Programme(region_id=programme.region_id, fiscal_year=2025, name="前年度")
    company = Company(programme_id=programme.id, name="既存企業")
    s.add_all([earlier, company])
    s.flush()
    for check in screening.ACCEPTANCE_CHECKS:
        s.add(
            WorksheetAnswer(
                programme_id=programme.id, worksheet="B-1", question=check,
                subject=f"company:{company.id}", company_id=company.id,
                value=screening.answer(True), answered=True, carried_from_id=earlier.id,
            )
        )  # fmt: skip
    s.flush()
    assert screening.ready_count(s, make_actor(Role.ADMIN), programme.id) == (1, 1)


def test_errors_are_listed_together(write_session: Session, programme: Programme) -> None:
    with pytest.raises(InvalidInput) as caught:
        submit_company_application(
            write_session,
            "kushiro-2026",
            _form(company_name="", contact_email="not-mail", employees="-3", industry="x" * 101),
            "203.0.113.5",
            NOW,
        )
    keys = [e.key for e in caught.value.errors]
    assert keys.count("form.error.required") == 1
    assert {"join.error.email", "join.error.employees", "form.error.too_long"} <= set(keys)
    assert write_session.exec(select(Company)).all() == []


@pytest.mark.parametrize("employees", ["abc", "2000000", 1.5, "1e3"])
def test_employees_must_be_a_whole_number_in_range(write_session, programme, employees) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        submit_company_application(
            write_session, "kushiro-2026", _form(employees=employees), "a", NOW
        )


def test_address_with_header_tricks_is_refused(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        submit_company_application(
            write_session, "kushiro-2026", _form(contact_email="a@b.jp, c@d.jp"), "a", NOW
        )


@pytest.mark.parametrize("slug", ["", "nope", None, 42, "x" * 500])
def test_only_a_published_programme_takes_applications(write_session, programme, slug) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=r"join\.error\.closed"):
        submit_company_application(write_session, slug, _form(), "a", NOW)


def test_an_unpublished_programme_is_closed(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    programme.published = False
    write_session.add(programme)
    write_session.flush()
    with pytest.raises(InputError, match=r"join\.error\.closed"):
        submit_company_application(write_session, "kushiro-2026", _form(), "a", NOW)
    assert company_apply.published_programmes(write_session) == []
    assert company_apply.partner_names(write_session, "kushiro-2026") == []


def test_the_public_sees_partner_names_only(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    assert company_apply.partner_names(write_session, "kushiro-2026") == ["釧路商工会議所"]
    listed = company_apply.published_programmes(write_session)
    assert [p.slug for p in listed] == ["kushiro-2026"]


def test_a_referrer_not_in_the_list_is_kept_as_typed(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    done = submit_company_application(
        write_session, "kushiro-2026", _form(partner="", partner_other="釧路信用金庫"), "a", NOW
    )
    company = write_session.get(Company, done.company_id)
    assert company.partner_id is None and "釧路信用金庫" in company.note
    # a name that is not a partner of the region is not linked either
    done = submit_company_application(
        write_session,
        "kushiro-2026",
        _form(company_name="別会社", partner="他地域の機関"),
        "b",
        NOW,
    )
    assert write_session.get(Company, done.company_id).partner_id is None


def test_the_honeypot_stores_nothing(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    done = submit_company_application(
        write_session, "kushiro-2026", _form(website="http://spam"), "a", NOW
    )
    assert done.company_id is None
    assert write_session.exec(select(Company)).all() == []
    assert write_session.exec(select(OutboxMail)).all() == []


def test_rate_limit_per_address_and_per_email(write_session, programme) -> None:  # type: ignore[no-untyped-def]
    s = write_session
    for i in range(MAX_PER_HOUR):
        submit_company_application(
            s,
            "kushiro-2026",
            _form(company_name=f"社{i}", contact_email=f"p{i}@x.jp"),
            "1.1.1.1",
            NOW,
        )
    with pytest.raises(InputError, match="rate_limited"):
        submit_company_application(s, "kushiro-2026", _form(company_name="次"), "1.1.1.1", NOW)
    for i in range(MAX_PER_HOUR):
        submit_company_application(
            s, "kushiro-2026", _form(company_name=f"別{i}"), f"2.2.2.{i}", NOW
        )
    with pytest.raises(InputError, match="rate_limited"):
        submit_company_application(s, "kushiro-2026", _form(company_name="次"), "3.3.3.3", NOW)
    later = NOW + timedelta(hours=1, minutes=1)
    submit_company_application(s, "kushiro-2026", _form(company_name="翌"), "1.1.1.1", later)
    assert len(s.exec(select(FormSubmission)).all()) == 2 * MAX_PER_HOUR + 1
