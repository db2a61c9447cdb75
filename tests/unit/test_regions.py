"""Regions and programme years set up by an admin: validation, archive, scoping."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from colead.models import Role
from colead.services import accounts
from colead.services.access import AccessDenied, ProgrammeArchived
from colead.services.companies import CompanyInput, create_company
from colead.services.errors import InputError, InvalidInput
from colead.services.programmes import list_programmes, programme_overview
from colead.services.regions import (
    PREFECTURES,
    ProgrammeInput,
    check_digit,
    create_programme,
    create_region,
    normalise_municipality_code,
    region_overview,
    set_programme_archived,
    set_region_archived,
    update_programme,
    update_region,
)
from colead.services.talent import TalentInput, create_talent
from colead.worksheets import question_totals


def _keys(error: InvalidInput) -> set[str]:
    return {e.key for e in error.errors}


def test_forty_seven_prefectures_in_code_order() -> None:
    assert len(PREFECTURES) == 47 == len(set(PREFECTURES))
    assert PREFECTURES[0] == "北海道" and PREFECTURES[12] == "東京都"
    assert PREFECTURES[16] == "石川県" and PREFECTURES[-1] == "沖縄県"


@pytest.mark.parametrize(
    ("code", "prefecture"),
    [("012068", "北海道"), ("011002", "北海道"), ("131016", "東京都"), ("090000", "栃木県"),
     ("110001", "埼玉県"), ("172065", "石川県")],
)  # fmt: skip
def test_real_municipality_codes_pass_their_check_digit(code: str, prefecture: str) -> None:
    assert check_digit(code[:5]) == int(code[5])
    assert normalise_municipality_code(code, prefecture) == code


def test_municipality_code_is_normalised_and_checked() -> None:
    assert normalise_municipality_code("０１２０６８", "北海道") == "012068"  # full-width digits
    assert normalise_municipality_code("01206", "北海道") == "012068"  # check digit added
    assert normalise_municipality_code("  ", "北海道") == ""
    with pytest.raises(InputError) as wrong:
        normalise_municipality_code("012067", "北海道")
    assert wrong.value.key == "region.error.code_check"
    with pytest.raises(InputError) as elsewhere:
        normalise_municipality_code("012068", "石川県")
    assert elsewhere.value.key == "region.error.code_prefecture"
    with pytest.raises(InputError) as form:
        normalise_municipality_code("12-AB", "北海道")
    assert form.value.key == "region.error.code_form"


def test_admin_creates_a_region_and_its_first_programme(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor(Role.ADMIN)
    region = create_region(
        write_session, admin, prefecture="北海道", name=" 釧路市 ", municipality_code="012068"
    )
    assert (region.prefecture, region.name, region.municipality_code) == (
        "北海道",
        "釧路市",
        "012068",
    )
    programme = create_programme(write_session, admin, region.id, ProgrammeInput(2027))
    assert programme.name == "ふるさとCo-LEADプログラム"
    assert (programme.starts_on, programme.ends_on) == (date(2027, 4, 1), date(2028, 3, 31))
    assert programme.contact_interval_days == 30
    choices = list_programmes(write_session, admin)
    assert [(c.region_name, c.fiscal_year, c.archived) for c in choices] == [
        ("釧路市", 2027, False)
    ]


def test_same_name_in_another_prefecture_is_a_different_region(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor(Role.ADMIN)
    create_region(write_session, admin, prefecture="東京都", name="府中市")
    create_region(write_session, admin, prefecture="広島県", name="府中市")
    with pytest.raises(InvalidInput) as taken:
        create_region(write_session, admin, prefecture="東京都", name="府中市")
    assert _keys(taken.value) == {"region.error.taken"}


def test_every_problem_of_a_region_is_reported_at_once(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as bad:
        create_region(
            write_session,
            make_actor(Role.ADMIN),
            prefecture="東京府",
            name="",
            municipality_code="12345678",
        )
    assert _keys(bad.value) == {
        "region.error.prefecture",
        "region.error.name",
        "region.error.code_form",
    }
    with pytest.raises(InvalidInput) as long:
        create_region(write_session, make_actor(Role.ADMIN), prefecture="北海道", name="市" * 101)
    assert _keys(long.value) == {"form.error.too_long"}


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_only_admins_set_up_regions_and_programmes(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
    role: Role,
) -> None:
    region = create_region(
        write_session, make_actor(Role.ADMIN), prefecture="北海道", name="釧路市"
    )
    actor = make_actor(role, (region.id,))
    with pytest.raises(AccessDenied):
        create_region(write_session, actor, prefecture="北海道", name="帯広市")
    with pytest.raises(AccessDenied):
        create_programme(write_session, actor, region.id, ProgrammeInput(2027))
    with pytest.raises(AccessDenied):
        set_region_archived(write_session, actor, region.id, True)


def test_programme_input_is_checked(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor(Role.ADMIN)
    region = create_region(write_session, admin, prefecture="栃木県", name="栃木県")
    create_programme(write_session, admin, region.id, ProgrammeInput(2027))
    with pytest.raises(InvalidInput) as bad:
        create_programme(
            write_session,
            admin,
            region.id,
            ProgrammeInput(
                2027,
                name=" ",
                starts_on=date(2028, 3, 1),
                ends_on=date(2027, 4, 1),
                contact_interval_days=0,
            ),
        )
    assert _keys(bad.value) == {
        "programme.error.name",
        "programme.error.dates",
        "programme.error.interval",
        "programme.error.taken",
    }
    with pytest.raises(InvalidInput) as year:
        create_programme(write_session, admin, region.id, ProgrammeInput(1999))
    assert _keys(year.value) == {"programme.error.year"}


def test_rename_keeps_the_region_and_its_programmes(write_session: Session, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor(Role.ADMIN)
    region = create_region(write_session, admin, prefecture="石川県", name="加賀市")
    programme = create_programme(write_session, admin, region.id, ProgrammeInput(2027))
    update_region(write_session, admin, region.id, prefecture="石川県", name="加賀市役所")
    update_programme(
        write_session,
        admin,
        programme.id,
        ProgrammeInput(2027, name="加賀Co-LEAD", contact_interval_days=14),
    )
    [row] = region_overview(write_session, admin)
    assert row.name == "加賀市役所"
    assert [(p.name, p.contact_interval_days) for p in row.programmes] == [("加賀Co-LEAD", 14)]


def test_archiving_keeps_every_count_and_makes_the_programme_read_only(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor(Role.ADMIN)
    region = create_region(write_session, admin, prefecture="北海道", name="釧路市")
    programme = create_programme(write_session, admin, region.id, ProgrammeInput(2026))
    staff = make_actor(Role.STAFF, (region.id,))
    create_talent(
        write_session,
        staff,
        programme.id,
        TalentInput(name="山田 花子", applied_on=date(2026, 5, 1)),
    )
    create_company(write_session, staff, programme.id, CompanyInput(name="釧路水産"))
    before = programme_overview(
        write_session, admin, programme.id, question_totals(), date(2026, 12, 1)
    ).headline

    set_programme_archived(write_session, admin, programme.id, True)

    after = programme_overview(
        write_session, admin, programme.id, question_totals(), date(2026, 12, 1)
    ).headline
    assert after == before and after.talents == 1 and after.companies == 1
    [row] = region_overview(write_session, admin)
    assert [(p.archived, p.talents, p.companies) for p in row.programmes] == [(True, 1, 1)]
    assert [c.archived for c in list_programmes(write_session, staff)] == [True]
    with pytest.raises(ProgrammeArchived):
        create_talent(
            write_session,
            staff,
            programme.id,
            TalentInput(name="鈴木 一郎", applied_on=date(2026, 6, 1)),
        )
    with pytest.raises(InputError):
        update_programme(write_session, admin, programme.id, ProgrammeInput(2026, name="x"))

    set_programme_archived(write_session, admin, programme.id, False)
    create_talent(
        write_session,
        staff,
        programme.id,
        TalentInput(name="鈴木 一郎", applied_on=date(2026, 6, 1)),
    )


def test_an_archived_region_makes_all_its_programmes_read_only(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor(Role.ADMIN)
    region = create_region(write_session, admin, prefecture="北海道", name="釧路市")
    programme = create_programme(write_session, admin, region.id, ProgrammeInput(2026))
    set_region_archived(write_session, admin, region.id, True)
    staff = make_actor(Role.STAFF, (region.id,))
    assert [c.archived for c in list_programmes(write_session, staff)] == [True]
    with pytest.raises(ProgrammeArchived):
        create_company(write_session, staff, programme.id, CompanyInput(name="釧路水産"))
    with pytest.raises(InputError):
        create_programme(write_session, admin, region.id, ProgrammeInput(2027))


def test_a_staff_member_never_sees_a_region_they_were_not_given(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin_id = accounts.create_first_admin(
        write_session, username="admin", display_name="管理者", password="long-enough-1"
    )
    admin = accounts.load_actor(write_session, "admin")
    assert admin is not None and admin.user_id == admin_id
    kushiro = create_region(write_session, admin, prefecture="北海道", name="釧路市")
    kaga = create_region(write_session, admin, prefecture="石川県", name="加賀市")
    for region in (kushiro, kaga):
        create_programme(write_session, admin, region.id, ProgrammeInput(2027))
    accounts.create_account(
        write_session,
        admin,
        username="kushiro",
        display_name="釧路の職員",
        password="long-enough-2",
        role=Role.STAFF,
        region_ids=[kushiro.id],
    )
    staff = accounts.load_actor(write_session, "kushiro")
    assert staff is not None
    assert {c.region_name for c in list_programmes(write_session, staff)} == {"釧路市"}
    # a region created later is not given to anyone but admins
    create_region(write_session, admin, prefecture="栃木県", name="栃木県")
    staff = accounts.load_actor(write_session, "kushiro")
    assert {c.region_name for c in list_programmes(write_session, staff)} == {"釧路市"}
    with pytest.raises(AccessDenied):
        region_overview(write_session, staff)


def test_region_members_are_set_from_the_region_and_never_left_without_one(
    write_session: Session,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_actor(Role.ADMIN)
    kushiro = create_region(write_session, admin, prefecture="北海道", name="釧路市")
    kaga = create_region(write_session, admin, prefecture="石川県", name="加賀市")
    sato = accounts.create_account(
        write_session,
        admin,
        username="sato",
        display_name="佐藤",
        password="long-enough-3",
        role=Role.STAFF,
        region_ids=[kushiro.id],
    )
    accounts.set_region_members(write_session, admin, kaga.id, [sato])
    actor = accounts.load_actor(write_session, "sato")
    assert actor is not None and actor.region_ids == {kushiro.id, kaga.id}
    accounts.set_region_members(write_session, admin, kushiro.id, [])
    actor = accounts.load_actor(write_session, "sato")
    assert actor is not None and actor.region_ids == {kaga.id}
    with pytest.raises(InputError) as last:
        accounts.set_region_members(write_session, admin, kaga.id, [])
    assert last.value.key == "accounts.error.last_region"
    with pytest.raises(AccessDenied):
        accounts.set_region_members(write_session, make_actor(Role.STAFF, (kaga.id,)), kaga.id, [])
