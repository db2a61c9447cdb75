"""Accounts: validation, roles, what the authenticator is given."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from colead.models import Region, Role, UserAccount
from colead.services import accounts
from colead.services.access import AccessDenied
from colead.services.errors import InputError


@pytest.fixture
def regions(write_session: Session) -> dict[str, int]:
    rows = [Region(name="釧路市", prefecture="北海道"), Region(name="加賀市", prefecture="石川県")]
    write_session.add_all(rows)
    write_session.flush()
    return {r.name: r.id for r in rows}


@pytest.fixture
def admin(write_session: Session, make_actor):  # type: ignore[no-untyped-def]
    user_id = accounts.create_first_admin(
        write_session, username="chief", display_name="管理者", password="correct-horse"
    )
    return make_actor(Role.ADMIN, user_id=user_id)


def _create(session: Session, admin, regions, **overrides) -> int:  # type: ignore[no-untyped-def]
    values = dict(
        username="tanaka",
        display_name="田中",
        password="s3cret-pass",
        role=Role.STAFF,
        region_ids=[regions["加賀市"]],
    )
    values.update(overrides)
    return accounts.create_account(session, admin, **values)


def test_created_account_signs_in_as_its_role_and_regions(write_session, admin, regions) -> None:
    _create(write_session, admin, regions, username="Tanaka ")
    actor = accounts.load_actor(write_session, "tanaka")
    assert actor is not None
    assert actor.role == Role.STAFF
    assert actor.region_ids == {regions["加賀市"]}
    stored = write_session.exec(select(UserAccount).where(UserAccount.username == "tanaka")).one()
    assert stored.password_hash.startswith("$2") and "s3cret-pass" not in stored.password_hash
    assert accounts.verify_password("s3cret-pass", stored.password_hash)
    assert not accounts.verify_password("wrong", stored.password_hash)


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"username": "x"}, "accounts.error.username"),
        ({"username": "名前"}, "accounts.error.username"),
        ({"display_name": "  "}, "accounts.error.display_name"),
        ({"password": "short"}, "accounts.error.password_short"),
        ({"password": " with-a-space"}, "accounts.error.password_spaces"),
        ({"password": "trailing-space "}, "accounts.error.password_spaces"),
        ({"region_ids": []}, "accounts.error.no_region"),
        ({"region_ids": [12345]}, "accounts.error.region"),
    ],
)
def test_bad_input_is_refused_with_a_message_key(
    write_session, admin, regions, overrides, key
) -> None:
    with pytest.raises(InputError) as error:
        _create(write_session, admin, regions, **overrides)
    assert error.value.key == key


def test_duplicate_username_is_refused(write_session, admin, regions) -> None:
    _create(write_session, admin, regions)
    with pytest.raises(InputError) as error:
        _create(write_session, admin, regions, username="TANAKA")
    assert error.value.key == "accounts.error.username_taken"


def test_only_admins_manage_accounts(write_session, admin, regions, make_actor) -> None:
    staff = make_actor(Role.STAFF, (regions["加賀市"],))
    with pytest.raises(AccessDenied):
        _create(write_session, staff, regions)
    with pytest.raises(AccessDenied):
        accounts.list_accounts(write_session, staff)


def test_first_admin_only_once(write_session, admin) -> None:
    with pytest.raises(InputError) as error:
        accounts.create_first_admin(
            write_session, username="second", display_name="x", password="another-pass"
        )
    assert error.value.key == "setup.error.already_done"


def test_disabled_accounts_cannot_sign_in(write_session, admin, regions) -> None:
    user_id = _create(write_session, admin, regions)
    accounts.set_disabled(write_session, admin, user_id, True)
    assert "tanaka" not in accounts.authenticator_credentials(write_session)["usernames"]
    assert accounts.load_actor(write_session, "tanaka") is None
    accounts.set_disabled(write_session, admin, user_id, False)
    assert accounts.load_actor(write_session, "tanaka") is not None


def test_admin_cannot_lock_themselves_out(write_session, admin, regions) -> None:
    with pytest.raises(InputError) as error:
        accounts.set_disabled(write_session, admin, admin.user_id, True)
    assert error.value.key == "accounts.error.self_disable"
    with pytest.raises(InputError) as error:
        accounts.update_account(
            write_session,
            admin,
            admin.user_id,
            display_name="x",
            email="",
            role=Role.VIEWER,
            region_ids=[regions["釧路市"]],
        )
    assert error.value.key == "accounts.error.self_demote"


def test_role_and_region_changes_take_effect(write_session, admin, regions) -> None:
    user_id = _create(write_session, admin, regions)
    accounts.update_account(
        write_session,
        admin,
        user_id,
        display_name="田中 花子",
        email="hanako@example.jp",
        role=Role.VIEWER,
        region_ids=[regions["釧路市"], regions["加賀市"]],
    )
    actor = accounts.load_actor(write_session, "tanaka")
    assert actor.role == Role.VIEWER
    assert actor.region_ids == set(regions.values())
    assert actor.display_name == "田中 花子"


def test_a_password_that_sign_in_would_strip_is_refused_everywhere(
    write_session, admin, regions
) -> None:  # type: ignore[no-untyped-def]
    """streamlit-authenticator strips the typed password: one kept with spaces could never be
    used, so no path may store one."""
    user_id = _create(write_session, admin, regions)
    with pytest.raises(InputError) as reset:
        accounts.reset_password(write_session, admin, user_id, "  new-password  ")
    assert reset.value.key == "accounts.error.password_spaces"
    with pytest.raises(InputError):
        accounts.create_first_admin(
            write_session, username="other", display_name="x", password="pass word "
        )
    # spaces inside are kept as typed
    accounts.reset_password(write_session, admin, user_id, "pass word inside")
    stored = write_session.get(UserAccount, user_id)
    assert accounts.verify_password("pass word inside", stored.password_hash)


def test_the_cookie_script_cannot_be_broken_out_of() -> None:
    from colead.ui.auth import _js_string

    literal = _js_string("</script><script>alert(1)</script>&")
    assert "<" not in literal and ">" not in literal and "&" not in literal
    import json

    assert json.loads(literal) == "</script><script>alert(1)</script>&"
