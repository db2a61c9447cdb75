"""Partner institutions (B-2): the registry's checks and scope, and what each one's referrals
became, counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event
from sqlmodel import Session, func, select

from colead.models import (
    AuditLog,
    Company,
    PartnerInstitution,
    PartnerKind,
    Programme,
    Project,
    Region,
    Role,
)
from colead.services import partners as registry
from colead.services.access import AccessDenied, Actor
from colead.services.answers import save_answer
from colead.services.errors import InputError, InvalidInput
from colead.services.partners import PartnerOutcome
from colead.services.screening import ACCEPTANCE_CHECKS, ready_count
from colead.worksheets import WORKSHEETS

B1 = WORKSHEETS["B-1"]


@dataclass(frozen=True)
class Setting:
    region: int
    pid: int
    other_region: int
    other_pid: int
    staff: Actor
    viewer: Actor
    outsider: Actor
    admin: Actor


def _region(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="県")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _region(write_session, "宇都宮市")
    other_region, other_pid = _region(write_session, "日光市")
    return Setting(
        region=region,
        pid=pid,
        other_region=other_region,
        other_pid=other_pid,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
        admin=make_actor(Role.ADMIN),
    )


def _keys(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.key for e in error.value.errors]


# --- create and update ------------------------------------------------------------------------


def test_staff_creates_a_partner_with_cleaned_values(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    partner = registry.create_partner(
        s,
        setting.staff,
        setting.region,
        name="  宇都宮   商工会議所 ",
        kind=PartnerKind.CHAMBER,
        contact=" 中小企業相談所  経営支援課 ",
        email=" Ｓｈｉｅｎ＠Example.JP ",  # full-width, as typed with a Japanese input method
        note=" 毎月の例会で紹介 ",
    )
    stored = s.get(PartnerInstitution, partner.id)
    assert (stored.region_id, stored.name, stored.kind) == (
        setting.region,
        "宇都宮 商工会議所",
        "chamber",
    )
    assert (stored.contact, stored.email, stored.note) == (
        "中小企業相談所 経営支援課",
        "shien@example.jp",
        "毎月の例会で紹介",
    )
    logged = s.exec(select(AuditLog).where(AuditLog.action == "partner.create")).one()
    assert (logged.target, logged.region_id) == (f"partner:{partner.id}", setting.region)
    assert [p.name for p in registry.list_partners(s, setting.viewer, setting.region)] == [
        "宇都宮 商工会議所"
    ]


def test_every_problem_is_reported_at_once(write_session: Session, setting: Setting) -> None:
    s = write_session
    with pytest.raises(InvalidInput) as error:
        registry.create_partner(
            s,
            setting.staff,
            setting.region,
            name="   ",
            kind="bank",
            contact="人" * 201,
            email="shien-at-example",
            note="メ" * 2001,
        )
    assert _keys(error) == [
        "partner.error.name_required",
        "partner.error.kind",
        "partner.error.email_malformed",
        "form.error.too_long",
        "form.error.too_long",
    ]
    too_long = [e.params for e in error.value.errors if e.key == "form.error.too_long"]
    assert [(p["field"], p["maximum"]) for p in too_long] == [
        ("partner.field.contact", 200),
        ("partner.field.note", 2000),
    ]
    with pytest.raises(InvalidInput) as error:
        registry.create_partner(
            s, setting.staff, setting.region, name="機" * 201, kind="financial", email="a@b"
        )
    assert [(e.key, e.params) for e in error.value.errors] == [
        ("partner.error.name_too_long", {"maximum": 200}),
        ("partner.error.email_malformed", {"email": "a@b"}),
    ]
    assert s.exec(select(func.count()).select_from(PartnerInstitution)).one() == 0


def test_a_name_is_unique_in_a_region_whatever_its_case(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    first = registry.create_partner(
        s, setting.staff, setting.region, name="Shimotsuke Bank", kind="financial"
    )
    with pytest.raises(InvalidInput) as error:
        registry.create_partner(
            s, setting.staff, setting.region, name=" SHIMOTSUKE   bank", kind="chamber"
        )
    assert _keys(error) == ["partner.error.duplicate"]
    assert error.value.errors[0].params == {"name": "SHIMOTSUKE bank"}
    # another region may use the name; its own name does not collide with itself
    registry.create_partner(
        s, setting.admin, setting.other_region, name="Shimotsuke Bank", kind="financial"
    )
    registry.update_partner(
        s, setting.staff, first.id, name="SHIMOTSUKE BANK", kind="financial", contact="法人営業部"
    )
    second = registry.create_partner(
        s, setting.staff, setting.region, name="よろず支援拠点", kind="yorozu"
    )
    with pytest.raises(InvalidInput) as error:
        registry.update_partner(s, setting.staff, second.id, name="shimotsuke bank", kind="yorozu")
    assert _keys(error) == ["partner.error.duplicate"]


def test_update_changes_every_field_and_checks_them(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    partner = registry.create_partner(
        s, setting.staff, setting.region, name="とちぎ産業振興センター", kind="chamber"
    )
    registry.update_partner(
        s,
        setting.staff,
        partner.id,
        name="とちぎ産業振興センター",
        kind=PartnerKind.INDUSTRY_PROMOTION,
        contact="ものづくり支援課",
        email="DX@tochigi.example",
        note="DX相談窓口",
    )
    s.flush()
    stored = s.get(PartnerInstitution, partner.id)
    assert (stored.kind, stored.contact, stored.email, stored.note) == (
        "industry_promotion",
        "ものづくり支援課",
        "dx@tochigi.example",
        "DX相談窓口",
    )
    with pytest.raises(InvalidInput) as error:
        registry.update_partner(s, setting.staff, partner.id, name="", kind="", email="x")
    assert _keys(error) == [
        "partner.error.name_required",
        "partner.error.kind",
        "partner.error.email_malformed",
    ]
    s.refresh(stored)
    assert stored.name == "とちぎ産業振興センター"


# --- scope ------------------------------------------------------------------------------------


def test_only_staff_of_the_region_or_an_admin_may_write(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    partner = registry.create_partner(
        s, setting.admin, setting.region, name="宇都宮商工会議所", kind="chamber"
    )
    for actor in (setting.viewer, setting.outsider):
        with pytest.raises(AccessDenied):
            registry.create_partner(s, actor, setting.region, name="新しい機関", kind="chamber")
        with pytest.raises(AccessDenied):
            registry.update_partner(s, actor, partner.id, name="改名", kind="chamber")
    assert s.get(PartnerInstitution, partner.id).name == "宇都宮商工会議所"
    assert s.exec(select(func.count()).select_from(PartnerInstitution)).one() == 1


def test_a_hidden_region_looks_like_a_missing_one(write_session: Session, setting: Setting) -> None:
    s = write_session
    partner = registry.create_partner(
        s, setting.staff, setting.region, name="宇都宮商工会議所", kind="chamber"
    )
    missing = 987654
    for region_id in (setting.region, missing):
        with pytest.raises(AccessDenied) as error:
            registry.list_partners(s, setting.outsider, region_id)
        assert "not visible" in str(error.value)
    with pytest.raises(AccessDenied):
        registry.update_partner(s, setting.outsider, missing, name="x", kind="chamber")
    with pytest.raises(AccessDenied):
        registry.partner_outcomes(s, setting.outsider, setting.pid)
    assert registry.list_partners(s, setting.outsider, setting.other_region) == []
    assert [p.id for p in registry.list_partners(s, setting.admin, setting.region)] == [partner.id]


def test_an_archived_region_takes_no_new_partner(write_session: Session, setting: Setting) -> None:
    s = write_session
    region = s.get(Region, setting.region)
    region.archived_at = datetime(2027, 4, 1, tzinfo=UTC)
    s.add(region)
    s.flush()
    with pytest.raises(InputError) as error:
        registry.create_partner(s, setting.staff, setting.region, name="機関", kind="chamber")
    assert error.value.key == "partner.error.region_archived"


# --- outcomes ---------------------------------------------------------------------------------


def _company(s: Session, pid: int, name: str, partner: int | None) -> int:
    company = Company(programme_id=pid, name=name, partner_id=partner)
    s.add(company)
    s.flush()
    return company.id


def _checks(s: Session, setting: Setting, company_id: int, yes: int, pid: int = 0) -> None:
    """Answer B-1's acceptance checks: the first `yes` of them はい, the rest いいえ."""
    for i, check in enumerate(ACCEPTANCE_CHECKS):
        question = next(q for q in B1.questions() if q.id == check)
        choice = question.options[0 if i < yes else 1].label
        save_answer(
            s, setting.staff, pid or setting.pid, B1, check, {"choice": choice}, 0, company_id
        )


def _project(s: Session, pid: int, company_id: int) -> None:
    s.add(Project(programme_id=pid, company_id=company_id, theme="DX", starts_on=date(2026, 9, 1)))
    s.flush()


def _partner(s: Session, region: int, name: str, kind: PartnerKind) -> int:
    partner = PartnerInstitution(region_id=region, name=name, kind=kind)
    s.add(partner)
    s.flush()
    return partner.id


def test_outcomes_count_referred_ready_and_started_companies(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    bank = _partner(s, setting.region, "下野みらい銀行", PartnerKind.FINANCIAL)
    chamber = _partner(s, setting.region, "宇都宮商工会議所", PartnerKind.CHAMBER)
    idle = _partner(s, setting.region, "よろず支援拠点", PartnerKind.YOROZU)
    _partner(s, setting.other_region, "日光商工会", PartnerKind.COMMERCE_SOCIETY)

    ready_started = _company(s, setting.pid, "A 整備済み・開始", bank)
    _checks(s, setting, ready_started, 3)
    _project(s, setting.pid, ready_started)
    _project(s, setting.pid, ready_started)  # two projects count the company once
    _checks(s, setting, _company(s, setting.pid, "B 整備済み", bank), 3)
    not_ready = _company(s, setting.pid, "C 二つだけ", bank)
    _checks(s, setting, not_ready, 2)
    _project(s, setting.pid, not_ready)  # started before B-1 was complete: counted as started
    _company(s, setting.pid, "D 未回答", chamber)
    _checks(s, setting, _company(s, setting.pid, "E 紹介なし・整備済み", None), 3)
    _company(s, setting.pid, "F 紹介なし", None)
    # another year of the same region: not this programme's referrals
    earlier = Programme(region_id=setting.region, fiscal_year=2025, name="前年度")
    s.add(earlier)
    s.flush()
    old = _company(s, earlier.id, "G 前年度", chamber)
    _checks(s, setting, old, 3, pid=earlier.id)
    _project(s, earlier.id, old)

    outcomes = registry.partner_outcomes(s, setting.viewer, setting.pid)
    assert outcomes == [
        PartnerOutcome(bank, "下野みらい銀行", "financial", referred=3, ready=2, started=2),
        PartnerOutcome(chamber, "宇都宮商工会議所", "chamber", referred=1, ready=0, started=0),
        PartnerOutcome(idle, "よろず支援拠点", "yorozu", referred=0, ready=0, started=0),
        PartnerOutcome(None, "", "", referred=2, ready=1, started=0),
    ]
    # the same rule as B-1's own count
    assert sum(o.ready for o in outcomes) == ready_count(s, setting.viewer, setting.pid)[0] == 3
    assert sum(o.referred for o in outcomes) == 6
    assert registry.partner_outcomes(s, setting.staff, earlier.id)[0] == PartnerOutcome(
        chamber, "宇都宮商工会議所", "chamber", referred=1, ready=1, started=1
    )


def test_outcomes_of_a_region_without_partners_or_companies(
    write_session: Session, setting: Setting
) -> None:
    assert registry.partner_outcomes(write_session, setting.staff, setting.pid) == [
        PartnerOutcome(None, "", "", 0, 0, 0)
    ]


def test_outcomes_take_the_same_queries_for_many_companies(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    partners = [_partner(s, setting.region, f"機関{i}", PartnerKind.LOCAL_FIRM) for i in range(3)]

    def queries() -> int:
        statements: list[str] = []

        def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        engine = s.get_bind()
        event.listen(engine, "before_cursor_execute", count)
        try:
            s.expunge_all()  # the programme is read again, as on a page's first run
            registry.partner_outcomes(s, setting.staff, setting.pid)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    few = queries()
    for i in range(30):
        company = _company(s, setting.pid, f"企業{i}", partners[i % 3] if i % 4 else None)
        if i % 2:
            _checks(s, setting, company, 3)
        if i % 5 == 0:
            _project(s, setting.pid, company)
    assert queries() == few <= 4
