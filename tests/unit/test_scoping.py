"""A staff member of one region sees nothing of another: every read goes through the scope."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from colead.models import Programme, Region, Role, Talent
from colead.services.access import AccessDenied, programme_scope, require_programme
from colead.services.programmes import list_programmes, list_regions, programme_overview
from tests.conftest import DEMO_DAY


@pytest.fixture
def two_regions(write_session: Session) -> dict[str, int]:
    kaga = Region(name="加賀市", prefecture="石川県")
    kushiro = Region(name="釧路市", prefecture="北海道")
    write_session.add_all([kaga, kushiro])
    write_session.flush()
    programmes = {
        "加賀市": Programme(region_id=kaga.id, fiscal_year=2026, name="加賀"),
        "釧路市": Programme(region_id=kushiro.id, fiscal_year=2026, name="釧路"),
    }
    write_session.add_all(programmes.values())
    write_session.flush()
    write_session.add(
        Talent(programme_id=programmes["釧路市"].id, name="釧路の人", applied_on=DEMO_DAY)
    )
    write_session.flush()
    return {
        "kaga_region": kaga.id,
        "kushiro_region": kushiro.id,
        "kaga": programmes["加賀市"].id,
        "kushiro": programmes["釧路市"].id,
    }


def test_staff_lists_only_their_regions_programmes(write_session, two_regions, make_actor):
    staff = make_actor(Role.STAFF, (two_regions["kaga_region"],))
    assert [p.id for p in list_programmes(write_session, staff)] == [two_regions["kaga"]]
    assert [r.name for r in list_regions(write_session, staff)] == ["加賀市"]


def test_admin_sees_every_region(write_session, two_regions, make_actor):
    admin = make_actor(Role.ADMIN)
    assert {p.id for p in list_programmes(write_session, admin)} == {
        two_regions["kaga"],
        two_regions["kushiro"],
    }


def test_another_regions_programme_is_refused_by_id(write_session, two_regions, make_actor):
    staff = make_actor(Role.STAFF, (two_regions["kaga_region"],))
    with pytest.raises(AccessDenied):
        require_programme(write_session, staff, two_regions["kushiro"])
    with pytest.raises(AccessDenied):
        programme_overview(write_session, staff, two_regions["kushiro"], {})
    with pytest.raises(AccessDenied):  # indistinguishable from a programme that does not exist
        require_programme(write_session, staff, 999_999)


def test_viewers_read_but_do_not_write(write_session, two_regions, make_actor):
    viewer = make_actor(Role.VIEWER, (two_regions["kaga_region"],))
    assert require_programme(write_session, viewer, two_regions["kaga"]).name == "加賀"
    with pytest.raises(AccessDenied):
        require_programme(write_session, viewer, two_regions["kaga"], write=True)
    staff = make_actor(Role.STAFF, (two_regions["kaga_region"],))
    assert require_programme(write_session, staff, two_regions["kaga"], write=True)


def test_no_region_means_no_programme(write_session, two_regions, make_actor):
    assert list_programmes(write_session, make_actor(Role.STAFF, ())) == []


def test_programme_scope_filters_any_programme_table(write_session, two_regions, make_actor):
    query = select(Talent.name).where(
        programme_scope(make_actor(Role.STAFF, (two_regions["kaga_region"],)), Talent.programme_id)
    )
    assert write_session.exec(query).all() == []
    mine = select(Talent.name).where(
        programme_scope(
            make_actor(Role.VIEWER, (two_regions["kushiro_region"],)), Talent.programme_id
        )
    )
    assert write_session.exec(mine).all() == ["釧路の人"]
    everything = select(Talent.name).where(
        programme_scope(make_actor(Role.ADMIN), Talent.programme_id)
    )
    assert write_session.exec(everything).all() == ["釧路の人"]
