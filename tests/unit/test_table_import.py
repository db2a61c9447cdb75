"""Importing and exporting registry tables: every bad row named on its line, nothing written
before confirmation, only good rows written after, Japanese intact both ways."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import func, select

from colead.db import session_scope
from colead.models import AuditLog, Company, PartnerInstitution, Programme, Region, Role, Talent
from colead.services.access import AccessDenied
from colead.services.errors import InputError
from colead.services.table_export import company_frame, talent_frame, to_csv_bytes, to_xlsx_bytes
from colead.services.table_import import (
    COMPANY,
    TALENT,
    commit_import,
    guess_mapping,
    preview_import,
    read_table,
)
from colead.services.talent import TalentFilter

TODAY = date(2026, 11, 24)


@pytest.fixture
def programme(db_url: str) -> dict:  # type: ignore[type-arg]
    with session_scope(write=True) as s:
        kushiro, kaga = (
            Region(name="釧路市", prefecture="北海道"),
            Region(name="加賀市", prefecture="石川県"),
        )
        s.add_all([kushiro, kaga])
        s.flush()
        programme = Programme(region_id=kushiro.id, fiscal_year=2026, name="釧路")
        s.add(programme)
        s.add(PartnerInstitution(region_id=kushiro.id, name="釧路商工会議所", kind="chamber"))
        s.add(PartnerInstitution(region_id=kaga.id, name="加賀商工会議所", kind="chamber"))
        s.flush()
        s.add(
            Talent(
                programme_id=programme.id, name="既存 太郎", email="taro@example.jp",
                applied_on=date(2026, 6, 1),
            )
        )  # fmt: skip
        return {"programme": programme.id, "region": kushiro.id, "other_region": kaga.id}


CSV = (
    "氏名,メールアドレス,所属,応募日,人材タイプ\n"
    "東京 一郎,ichiro@example.jp,分析会社,2026/10/01,データサイエンティスト、UI/UXデザイナー\n"
    ",nobody@example.jp,名無し,,\n"
    "大阪 次郎,jiro-at-example,制作会社,,\n"
    "既存 太郎,TARO@example.jp,,,\n"
    "東京 一郎（再）,ichiro@example.jp,,,\n"
    "福岡 四郎,shiro@example.jp,,昨日,\n"
)


def _preview(make_actor, ids, data: bytes = CSV.encode(), name: str = "a.csv", role=Role.STAFF):  # type: ignore[no-untyped-def]
    frame = read_table(data, name)
    actor = make_actor(role, (ids["region"],))
    with session_scope() as s:
        return actor, preview_import(
            s,
            actor,
            ids["programme"],
            TALENT,
            frame,
            guess_mapping(TALENT, list(frame.columns)),
            TODAY,
        )


def _count(model) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_preview_names_each_bad_row_on_its_line_and_writes_nothing(programme, make_actor) -> None:
    _, preview = _preview(make_actor, programme)
    errors = {row.line: [e.key for e in row.errors] for row in preview.rows}
    assert errors == {
        2: [],
        3: ["talent.error.name_required"],
        4: ["talent.error.email_malformed"],
        5: ["talent.error.duplicate_email"],
        6: ["import.error.duplicate_in_file"],
        7: ["import.error.date"],
    }
    first = preview.rows[0].data
    assert first.applied_on == date(2026, 10, 1)
    assert [s.value for s in first.skills] == ["data_scientist", "ux_designer"]
    assert _count(Talent) == 1  # the preview wrote nothing


def test_commit_writes_only_the_good_rows_and_audits(programme, make_actor) -> None:
    actor, preview = _preview(make_actor, programme)
    with session_scope(write=True) as s:
        summary = commit_import(s, actor, programme["programme"], preview)
    assert (summary.created, summary.skipped) == (1, 5)
    with session_scope() as s:
        names = sorted(s.exec(select(Talent.name)).all())
        log = s.exec(select(AuditLog).where(AuditLog.action == "talent.import")).one()
    assert names == ["既存 太郎", "東京 一郎"]
    assert log.detail == "1 created, 5 skipped"


def test_shift_jis_csv_and_excel_are_read(programme, make_actor) -> None:
    _, from_sjis = _preview(make_actor, programme, CSV.encode("cp932"))
    assert from_sjis.rows[0].values["name"] == "東京 一郎"
    book = Workbook()
    book.active.append(["お名前", "メール", "登録日"])
    book.active.append(["金沢 五郎", "goro@example.jp", date(2026, 9, 30)])
    buffer = io.BytesIO()
    book.save(buffer)
    _, from_xlsx = _preview(make_actor, programme, buffer.getvalue(), "form.xlsx")
    assert [r.errors for r in from_xlsx.rows] == [[]]
    assert from_xlsx.rows[0].data.applied_on == date(2026, 9, 30)


@pytest.mark.parametrize(
    ("data", "name", "key"),
    [
        (b"x", "a.pdf", "import.error.format"),
        (b"\x00\x01garbage", "a.xlsx", "import.error.unreadable"),
        ("氏名\n".encode(), "a.csv", "import.error.empty"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data: bytes, name: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        read_table(data, name)
    assert caught.value.key == key


def test_required_column_must_be_mapped(programme, make_actor) -> None:
    frame = read_table("メール\na@example.jp\n".encode(), "a.csv")
    with session_scope() as s, pytest.raises(InputError) as caught:
        preview_import(
            s, make_actor(Role.STAFF, (programme["region"],)), programme["programme"], TALENT,
            frame, guess_mapping(TALENT, list(frame.columns)), TODAY,
        )  # fmt: skip
    assert caught.value.key == "import.error.unmapped"


def test_viewer_cannot_commit_and_other_region_cannot_preview(programme, make_actor) -> None:
    actor, preview = _preview(make_actor, programme, role=Role.VIEWER)
    with session_scope(write=True) as s, pytest.raises(AccessDenied):
        commit_import(s, actor, programme["programme"], preview)
    stranger = {**programme, "region": programme["other_region"]}
    with pytest.raises(AccessDenied):
        _preview(make_actor, stranger)


def test_company_rows_check_partner_and_employees(programme, make_actor) -> None:
    csv = (
        "企業名,業種,従業員数,紹介元\n"
        "釧路水産,水産加工,45,釧路商工会議所\n"
        "阿寒観光,宿泊,約50,\n"
        "加賀の店,小売,3,加賀商工会議所\n"
    ).encode()
    frame = read_table(csv, "c.csv")
    actor = make_actor(Role.STAFF, (programme["region"],))
    with session_scope(write=True) as s:
        preview = preview_import(
            s, actor, programme["programme"], COMPANY, frame,
            guess_mapping(COMPANY, list(frame.columns)), TODAY,
        )  # fmt: skip
        assert [[e.key for e in r.errors] for r in preview.rows] == [
            [],
            ["import.error.employees"],  # names the value: 「約50」
            ["import.error.partner"],
        ]
        commit_import(s, actor, programme["programme"], preview)
    with session_scope() as s:
        company = s.exec(select(Company)).one()
        partner = s.get(PartnerInstitution, company.partner_id)
    assert (company.name, company.employees, partner.name) == ("釧路水産", 45, "釧路商工会議所")


def test_export_round_trips_and_is_audited(programme, make_actor) -> None:
    actor, preview = _preview(make_actor, programme)
    with session_scope(write=True) as s:
        commit_import(s, actor, programme["programme"], preview)
        frame = talent_frame(s, actor, programme["programme"], TalentFilter())
        companies = company_frame(s, actor, programme["programme"])
    assert list(frame["氏名"]) == ["既存 太郎", "東京 一郎"]
    assert frame.loc[1, "人材タイプ"] == "データサイエンティスト、UI/UXデザイナー"
    assert companies.empty and "受入体制（B-1）" in companies.columns
    book = load_workbook(io.BytesIO(to_xlsx_bytes(frame, "人材台帳")))
    assert book["人材台帳"]["A1"].value == "氏名" and book["人材台帳"]["A3"].value == "東京 一郎"
    _, preview = _preview(make_actor, programme, to_csv_bytes(frame))
    assert all(
        [e.key for e in row.errors] == ["talent.error.duplicate_email"] for row in preview.rows
    )
    with session_scope() as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "talent.export")).one()
