"""Importing an application form's export (#11 items 10–14): consent, headers of a form, what
people type, numbers in range, formula cells, and writing in batches that leave room for others.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import event
from sqlmodel import func, select

from colead.db import SQLITE_BUSY_TIMEOUT_MS, get_engine, session_scope
from colead.i18n import translate
from colead.models import AuditLog, Company, ConsentRecord, Programme, Region, Role, Talent
from colead.models.base import utcnow
from colead.services.access import ProgrammeArchived
from colead.services.table_import import (
    COMPANY,
    TALENT,
    ImportPreview,
    guess_mapping,
    import_batches,
    preview_import,
    read_table,
)

TODAY = date(2026, 11, 24)
CONSENT = "個人情報の取扱いに同意します"
FORM_HEADER = (
    f"タイムスタンプ,メールアドレス,お名前,ご所属（会社名・団体名）,お住まいの都道府県,"
    f"スキル・得意分野,関心のあること,この募集を知ったきっかけ,{CONSENT}"
)


@pytest.fixture
def ids(db_url: str) -> dict[str, int]:
    with session_scope(write=True) as s:
        region = Region(name="釧路市", prefecture="北海道")
        s.add(region)
        s.flush()
        programme = Programme(region_id=region.id, fiscal_year=2026, name="釧路")
        s.add(programme)
        s.flush()
        s.add(
            Talent(
                programme_id=programme.id, name="既存 太郎", email="taro@example.jp",
                applied_on=date(2026, 6, 1),
            )
        )  # fmt: skip
        return {"programme": programme.id, "region": region.id}


def _preview(make_actor, ids, data: bytes, name: str = "form.csv", kind: str = TALENT):  # type: ignore[no-untyped-def]
    frame = read_table(data, name)
    actor = make_actor(Role.STAFF, (ids["region"],))
    with session_scope() as s:
        preview = preview_import(
            s, actor, ids["programme"], kind, frame, guess_mapping(kind, list(frame.columns)),
            TODAY,
        )  # fmt: skip
    return actor, preview


def _keys(preview: ImportPreview) -> dict[int, list[str]]:
    return {row.line: [e.key for e in row.errors] for row in preview.rows}


def _import_all(actor, ids, preview: ImportPreview):  # type: ignore[no-untyped-def]
    return list(import_batches(actor, ids["programme"], preview))[-1]


def _count(model, *where) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


# --- 10: the consent column, and the headers of a typical form ----------------------------------


def test_consent_given_is_recorded_refused_or_empty_refuses_the_row(ids, make_actor) -> None:
    csv = (
        f"タイムスタンプ,お名前,メールアドレス,{CONSENT}\n"
        "2026/05/08 21:14,東京 一郎,ichiro@example.jp,同意する\n"
        "2026/05/09 08:02,大阪 次郎,jiro@example.jp,同意しない\n"
        "2026/05/09 09:30,名古屋 三子,miko@example.jp,\n"
        "2026/05/10 10:00,福岡 四郎,shiro@example.jp,はい\n"
        "2026/05/10 11:00,札幌 五郎,goro@example.jp,たぶん\n"
    ).encode()
    actor, preview = _preview(make_actor, ids, csv)
    assert _keys(preview) == {
        2: [],
        3: ["import.error.consent_refused"],
        4: ["import.error.consent_missing"],
        5: [],
        6: ["import.error.consent_unknown"],
    }
    refused = preview.rows[1].errors[0]
    assert translate(refused.key, "ja", **refused.params) == (
        "同意の欄が「同意しない」です。同意のない人は登録できません。"
    )
    progress = _import_all(actor, ids, preview)
    assert progress.created == 2
    with session_scope() as s:
        names = set(s.exec(select(Talent.name)))
        consents = s.exec(
            select(Talent.name, ConsentRecord.scope, ConsentRecord.granted_on)
            .join(ConsentRecord, ConsentRecord.talent_id == Talent.id)
            .order_by(Talent.name)
        ).all()
        audited = s.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "consent.grant")
        ).one()
    assert names == {"既存 太郎", "東京 一郎", "福岡 四郎"}
    assert [tuple(c) for c in consents] == [
        ("東京 一郎", CONSENT, date(2026, 5, 8)),  # the form's time stamp is the day given
        ("福岡 四郎", CONSENT, date(2026, 5, 10)),
    ]
    assert audited == 2  # through the audited consent path


def test_a_typical_form_export_maps_its_columns_from_the_headers(ids, make_actor) -> None:
    columns = FORM_HEADER.split(",")
    mapping = guess_mapping(TALENT, columns)
    unmapped = set(columns) - set(mapping.values())
    assert len(unmapped) <= 1, unmapped
    assert mapping["applied_on"] == "タイムスタンプ"
    assert mapping["affiliation"] == "ご所属（会社名・団体名）"
    assert mapping["residence"] == "お住まいの都道府県"
    assert mapping["skills"] == "スキル・得意分野"
    assert mapping["interests"] == "関心のあること"
    assert mapping["recruitment_channel"] == "この募集を知ったきっかけ"
    assert mapping["consent"] == CONSENT
    csv = (
        FORM_HEADER + "\n"
        "2026/05/08 21:14,ichiro@example.jp,東京 一郎,データ分析会社,東京都,"
        "UI/UXデザイナー、データ分析,観光DX,AIクエストの案内,同意します\n"
    ).encode()
    _, preview = _preview(make_actor, ids, csv)
    row = preview.rows[0]
    assert row.errors == []
    assert row.data.applied_on == date(2026, 5, 8)
    assert [s.value for s in row.data.skills] == ["ux_designer"]
    assert row.data.interests == "観光DX\nデータ分析"  # a word naming no type is kept, and said
    assert [c.key for c in row.changes] == ["import.changed.skills_kept"]
    assert (row.data.affiliation, row.data.residence, row.data.recruitment_channel) == (
        "データ分析会社", "東京都", "AIクエストの案内",
    )  # fmt: skip


def test_the_registrys_own_export_is_not_read_as_a_consent_question() -> None:
    mapping = guess_mapping(TALENT, ["氏名", "メールアドレス", "情報共有への同意"])
    assert mapping["consent"] is None


# --- 11: what people type -----------------------------------------------------------------------


def test_a_full_width_email_address_is_made_half_width_and_the_row_says_so(ids, make_actor) -> None:
    csv = (
        "お名前,メールアドレス\n"
        "東京 一郎,　ｉｃｈｉｒｏ＠ｅｘａｍｐｌｅ．ｊｐ \n"
        "既存 太郎,ＴＡＲＯ＠ｅｘａｍｐｌｅ．ｊｐ\n"
        "大阪 次郎,jiro@example.jp\n"
    ).encode()
    actor, preview = _preview(make_actor, ids, csv)
    first, existing, plain = preview.rows
    assert first.data.email == "ichiro@example.jp" and first.errors == []
    said = [translate(c.key, "ja", **c.params) for c in first.changes]
    assert said == [
        "「メールアドレス」の前後の空白を取り除きました",
        "メールアドレスを全角から半角に直しました",
    ]
    assert [e.key for e in existing.errors] == ["talent.error.duplicate_email"]  # seen through
    assert plain.changes == []
    _import_all(actor, ids, preview)
    assert _count(Talent, Talent.email == "ichiro@example.jp") == 1


def test_every_problem_of_a_row_is_listed(ids, make_actor) -> None:
    csv = "氏名,メールアドレス,応募日,状況\n,bad-address,昨日,うわさ\n".encode()
    _, preview = _preview(make_actor, ids, csv)
    assert sorted(_keys(preview)[2]) == [
        "import.error.date",
        "import.error.status",
        "talent.error.email_malformed",
        "talent.error.name_required",
    ]


# --- 13: numbers in range -----------------------------------------------------------------------


def test_employees_out_of_range_are_refused_in_the_preview_on_their_row(ids, make_actor) -> None:
    csv = (
        "企業名,従業員数\n"
        "釧路水産,1e20\n"
        "阿寒観光,-3\n"
        "根室商店,12.5\n"
        "厚岸牧場,1000001\n"
        '白糠工業,"1,200"\n'
        "弟子屈建設,45名\n"
        ",1e20\n"
    ).encode()
    actor, preview = _preview(make_actor, ids, csv, "c.csv", COMPANY)
    assert _keys(preview) == {
        2: ["import.error.employees"],
        3: ["import.error.employees"],
        4: ["import.error.employees"],
        5: ["import.error.employees"],
        6: [],
        7: [],
        8: ["import.error.employees", "company.error.name_required"],
    }
    error = preview.rows[0].errors[0]
    assert translate(error.key, "ja", **error.params) == (
        "従業員数「1e20」は0以上1,000,000以下の整数で入力してください。"
    )
    _import_all(actor, ids, preview)  # no error page, and the good rows are written
    with session_scope() as s:
        stored = dict(s.exec(select(Company.name, Company.employees)).all())
    assert stored == {"白糠工業": 1200, "弟子屈建設": 45}


# --- 14: formula cells of an .xlsx --------------------------------------------------------------


def _xlsx_with_formulas() -> bytes:
    """B2 holds =10*3 with the result 30 saved (as Excel saves it); B3 holds =10*4 with none
    (as openpyxl writes a formula: it cannot compute one)."""
    book = Workbook()
    book.active.append(["企業名", "従業員数"])
    book.active.append(["釧路水産", "=10*3"])
    book.active.append(["阿寒観光", "=10*4"])
    written = io.BytesIO()
    book.save(written)
    crafted = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(crafted, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>10*3</f><v />" in content  # openpyxl's shape: no saved result
                content = content.replace(b"<f>10*3</f><v />", b"<f>10*3</f><v>30</v>")
            target.writestr(item, content)
    return crafted.getvalue()


def test_formula_cells_read_their_saved_result_or_say_there_is_none(ids, make_actor) -> None:
    actor, preview = _preview(make_actor, ids, _xlsx_with_formulas(), "c.xlsx", COMPANY)
    cached, missing = preview.rows
    assert cached.errors == [] and cached.data.employees == 30
    assert [e.key for e in missing.errors] == ["import.error.formula"]
    said = translate(missing.errors[0].key, "ja", **missing.errors[0].params)
    assert said.startswith("「従業員数」のセルは数式（=10*4）で、計算結果が保存されていません。")
    _import_all(actor, ids, preview)
    with session_scope() as s:
        assert s.exec(select(Company.name, Company.employees)).all() == [("釧路水産", 30)]


# --- 12: batches --------------------------------------------------------------------------------


def _people(n: int, start: int = 0) -> bytes:
    lines = [f"タイムスタンプ,お名前,メールアドレス,{CONSENT}"]
    lines += [f"2026/05/08 21:14,応募者 {i},person{i}@example.jp,同意する" for i in range(start, n)]
    return "\n".join(lines).encode()


def test_1200_rows_are_written_in_several_transactions_and_audited_per_batch(
    ids, make_actor, db_url
) -> None:
    actor, preview = _preview(make_actor, ids, _people(1200))
    commits: list[int] = []
    engine = get_engine(db_url)

    def _on_commit(connection) -> None:  # type: ignore[no-untyped-def]
        commits.append(threading.get_ident())

    event.listen(engine, "commit", _on_commit)
    try:
        progress = _import_all(actor, ids, preview)
    finally:
        event.remove(engine, "commit", _on_commit)
    assert progress.finished and progress.created == 1200
    assert progress.batches >= 3 and len(commits) >= 3
    assert _count(Talent) == 1201 and _count(ConsentRecord) == 1200
    assert _count(AuditLog, AuditLog.action == "talent.import.batch") == progress.batches
    assert _count(AuditLog, AuditLog.action == "talent.import") == 1


def test_another_persons_save_waits_for_one_batch_not_the_whole_import(ids, make_actor) -> None:
    actor, preview = _preview(make_actor, ids, _people(2500))
    first_batch = threading.Event()
    held: list[float] = []
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            for progress in import_batches(actor, ids["programme"], preview):
                held.append(progress.batch_seconds)
                first_batch.set()
            outcome["finished_at"] = time.monotonic()
        except BaseException as error:  # reported by the test's thread
            outcome["error"] = error
            first_batch.set()

    importer = threading.Thread(target=run)
    importer.start()
    try:
        assert first_batch.wait(120)
        asked = time.monotonic()
        with session_scope(write=True) as s:  # another person's save, meanwhile
            s.add(Region(name="他の人の保存", prefecture="北海道"))
        saved = time.monotonic()
    finally:
        importer.join(300)
    assert "error" not in outcome, outcome.get("error")
    busy_timeout = SQLITE_BUSY_TIMEOUT_MS / 1000
    assert saved < outcome["finished_at"]  # it did not wait for the rest of the file
    assert saved - asked < busy_timeout / 6  # generous: about one batch is expected
    assert max(held) < busy_timeout / 6
    assert len(held) >= 3 and _count(Talent) == 2501


def test_an_import_stopped_half_way_says_what_was_written_and_can_be_run_again(
    ids, make_actor
) -> None:
    actor, preview = _preview(make_actor, ids, _people(1200))
    batches = import_batches(actor, ids["programme"], preview, size=400, seconds=600)
    first = next(batches)
    with session_scope(write=True) as s:  # the programme is archived while the import runs
        programme = s.get(Programme, ids["programme"])
        programme.archived_at = utcnow()
        s.add(programme)
    with pytest.raises(ProgrammeArchived):
        next(batches)
    assert first.created == 400 and first.last_line == 401
    assert _count(Talent) == 1 + first.created  # exactly what the last progress said
    with session_scope(write=True) as s:
        programme = s.get(Programme, ids["programme"])
        programme.archived_at = None
        s.add(programme)
    _, again = _preview(make_actor, ids, _people(1200))
    assert len(again.invalid) == 400  # the written rows are duplicates of the registry now
    assert {e.key for row in again.invalid for e in row.errors} == {"talent.error.duplicate_email"}
    assert _import_all(actor, ids, again).created == 800
    assert _count(Talent) == 1201 and _count(ConsentRecord) == 1200
