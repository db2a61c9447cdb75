"""A record's page keeps the record in its address (`/talent?id=12`): a reload, a shared link or
a link opened before signing in shows the same record, if the person may see it."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from colead.db import session_scope
from colead.models import (
    Company,
    Event,
    PartnerInstitution,
    Programme,
    Project,
    Region,
    Role,
    Talent,
)
from colead.services import accounts
from colead.services import talent as talent_service
from colead.services.talent import TalentInput
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

NOT_FOUND = "指定された記録が見つからないか、表示する権限がありません。"


def _selectbox(at, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in at.selectbox if w.label == label)


def _open(at, path: str, record_id: object = None):  # type: ignore[no-untyped-def]
    """Open a page by its address, as a link or a reload does: the address is all it has."""
    at.query_params.clear()
    if record_id is not None:
        at.query_params["id"] = str(record_id)
    at.switch_page(path).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _programme(at) -> int:  # type: ignore[no-untyped-def]
    return at.session_state["colead_programme_id"]


def _people(programme_id: int) -> list[Talent]:
    with session_scope() as session:
        return list(
            session.exec(
                select(Talent).where(Talent.programme_id == programme_id).order_by(Talent.id)
            )
        )


def test_a_link_opens_the_person_and_a_pick_moves_the_address(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    first, second = _people(_programme(at))[:2]

    at = _open(at, "pages/talent.py", first.id)
    assert f"人材の詳細：{first.name}" in visible_text(at)
    assert at.query_params == {"id": str(first.id)}
    at.run(timeout=TIMEOUT)  # a rerun keeps both
    assert f"人材の詳細：{first.name}" in visible_text(at)
    assert at.query_params == {"id": str(first.id)}

    _selectbox(at, "詳しく見る人材").set_value(second.id).run(timeout=TIMEOUT)
    assert f"人材の詳細：{second.name}" in visible_text(at)
    assert at.query_params == {"id": str(second.id)}

    _selectbox(at, "詳しく見る人材").set_value(None).run(timeout=TIMEOUT)
    assert "人材の詳細" not in visible_text(at)
    assert "id" not in at.query_params


def test_a_link_opened_signed_out_opens_after_one_sign_in(demo_url: str) -> None:
    with session_scope() as session:
        kushiro = session.exec(select(Programme).order_by(Programme.id)).first()
    person = _people(kushiro.id)[-1]
    at = new_app()
    at.query_params["id"] = str(person.id)
    at.switch_page("pages/talent.py")
    at = sign_in(at, "viewer")
    assert not at.exception, at.exception
    assert f"人材の詳細：{person.name}" in visible_text(at)
    assert at.query_params == {"id": str(person.id)}


def test_a_link_into_another_programme_switches_the_programme(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    with session_scope() as session:
        other = session.exec(
            select(Talent).where(Talent.programme_id != _programme(at)).order_by(Talent.id)
        ).first()
        label = session.get(Region, session.get(Programme, other.programme_id).region_id).name
    at = _open(at, "pages/talent.py", other.id)
    text = visible_text(at)
    assert f"人材の詳細：{other.name}" in text
    assert "リンク先の記録を開くため、プログラムを" in text and label in text
    assert _programme(at) == other.programme_id


def test_a_link_to_another_region_or_to_nothing_says_so_and_the_page_works(
    demo_url: str,
) -> None:
    with session_scope(write=True) as session:
        regions = session.exec(select(Region).order_by(Region.id)).all()
        own, other = regions[0], regions[-1]
        admin = accounts.load_actor(session, "admin")
        accounts.create_account(
            session, admin, username="kushiro", display_name="釧路市職員",
            password="kushiro-staff-1", role=Role.STAFF, region_ids=[own.id],
        )  # fmt: skip
        foreign = session.exec(
            select(Talent)
            .join(Programme, col(Programme.id) == col(Talent.programme_id))
            .where(Programme.region_id == other.id)
        ).first()
        foreign_company = session.exec(
            select(Company)
            .join(Programme, col(Programme.id) == col(Company.programme_id))
            .where(Programme.region_id == other.id)
        ).first()
    at = sign_in(new_app(), "kushiro", "kushiro-staff-1")
    for path, record_id, hidden in (
        ("pages/talent.py", foreign.id, foreign.name),
        ("pages/talent.py", 999_999, None),
        ("pages/talent.py", "12abc", None),
        ("pages/talent.py", "99999999999999999999", None),
        ("pages/companies.py", foreign_company.id, foreign_company.name),
    ):
        at = _open(at, path, record_id)
        text = visible_text(at)
        assert NOT_FOUND in text, (path, record_id)
        assert hidden is None or hidden not in text
        assert "id" not in at.query_params
        assert at.dataframe, path  # the list is there as usual
        at.run(timeout=TIMEOUT)  # said once, not on every run
        assert NOT_FOUND not in visible_text(at)


def test_every_record_page_opens_its_record_from_the_address(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    programme_id = _programme(at)
    with session_scope() as session:
        company = session.exec(
            select(Company).where(Company.programme_id == programme_id).order_by(Company.id)
        ).first()
        project = session.exec(
            select(Project).where(Project.programme_id == programme_id).order_by(Project.id)
        ).first()
        event = session.exec(
            select(Event).where(Event.programme_id == programme_id).order_by(Event.id)
        ).first()
        partner = session.exec(
            select(PartnerInstitution)
            .where(PartnerInstitution.region_id == session.get(Programme, programme_id).region_id)
            .order_by(PartnerInstitution.id)
        ).first()
        project_company = session.get(Company, project.company_id).name
    for path, record_id, label, shown, detail in (
        ("pages/companies.py", company.id, "詳しく見る企業", company.name, company.name),
        ("pages/projects.py", project.id, "詳しく見るプロジェクト", project.theme, project.theme),
        ("pages/events.py", event.id, "出欠を確認するイベント", event.title, "申込・出欠"),
        ("pages/partners.py", partner.id, "編集する連携機関", partner.name, ""),
    ):
        at = _open(at, path, record_id)
        picker = _selectbox(at, label)
        assert picker.value == record_id, path
        assert shown in picker.format_func(picker.value), path  # the record named in the picker
        assert detail in visible_text(at), path  # and shown below it
        assert at.query_params == {"id": str(record_id)}, path
    assert partner.name in [w.value for w in at.text_input]  # its edit form, last page opened
    assert project_company in visible_text(_open(at, "pages/projects.py", project.id))


def test_a_linked_person_beyond_the_first_page_of_the_list_stays_open(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    programme_id = _programme(at)
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        for n in range(55):  # newer than everyone: the list's first page is theirs
            talent_service.create_talent(
                session,
                staff,
                programme_id,
                TalentInput(
                    name=f"新規 {n:02d}", email=f"new{n}@example.jp", applied_on=date.today()
                ),
            )
        oldest = session.exec(
            select(Talent)
            .where(Talent.programme_id == programme_id)
            .order_by(col(Talent.applied_on), col(Talent.id))
        ).first()
    at = _open(at, "pages/talent.py", oldest.id)
    assert oldest.name not in at.dataframe[0].value["氏名"].tolist()  # not on this page
    assert f"人材の詳細：{oldest.name}" in visible_text(at)
    at.run(timeout=TIMEOUT)
    assert f"人材の詳細：{oldest.name}" in visible_text(at)
    assert _selectbox(at, "詳しく見る人材").value == oldest.id
    assert at.query_params == {"id": str(oldest.id)}
