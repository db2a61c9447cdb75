"""Importing a real application-form export (#17 item 1): a Google-Forms-style CSV with time
stamps, the usual Japanese headers, talent types written the way people write them and one row
with several errors. Its values are confirmed once for the whole file, then 14 of 15 rows import.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from colead.db import session_scope
from colead.i18n import translate
from colead.models import Programme, Region, Role, Talent, TalentSkill
from colead.services.table_import import (
    TALENT,
    ImportPreview,
    guess_mapping,
    import_batches,
    preview_import,
    read_table,
    suggest,
    suggested_values,
    value_choices,
)

TODAY = date(2026, 11, 24)
FORM = Path(__file__).parent / "fixtures" / "form_export.csv"


@pytest.fixture
def ids(db_url: str) -> dict[str, int]:
    with session_scope(write=True) as s:
        region = Region(name="釧路市", prefecture="北海道")
        s.add(region)
        s.flush()
        programme = Programme(region_id=region.id, fiscal_year=2026, name="釧路")
        s.add(programme)
        s.flush()
        return {"programme": programme.id, "region": region.id}


def _form():  # type: ignore[no-untyped-def]
    frame = read_table(FORM.read_bytes(), FORM.name)
    return frame, guess_mapping(TALENT, list(frame.columns))


def _preview(make_actor, ids, values) -> ImportPreview:  # type: ignore[no-untyped-def]
    frame, mapping = _form()
    with session_scope() as s:
        return preview_import(
            s, make_actor(Role.STAFF, (ids["region"],)), ids["programme"], TALENT, frame,
            mapping, TODAY, values,
        )  # fmt: skip


def _said(error) -> str:  # type: ignore[no-untyped-def]
    """The message as the page shows it: after the column it is about."""
    message = translate(error.key, "ja", **error.params)
    column = error.params.get("column")
    return (
        translate("import.in_column", "ja", column=column, message=message) if column else message
    )


def test_the_usual_headers_of_a_form_are_guessed() -> None:
    frame, mapping = _form()
    assert len(frame) == 15
    assert mapping == {
        "name": "お名前",
        "email": "メールアドレス",
        "affiliation": "ご所属",
        "residence": "お住まいの地域",
        "recruitment_channel": "この募集を知ったきっかけ",
        "status": None,
        "applied_on": "タイムスタンプ",
        "skills": "得意分野（あてはまるものをすべて選択）",  # though 関心…得意なこと comes first
        "interests": "関心のあること・得意なこと",
        "note": None,
        "consent": "個人情報の取り扱いについて",
    }
    assert set(frame.columns) - set(mapping.values()) == {"ふりがな"}  # no field holds it


def test_each_value_that_is_not_a_talent_type_is_offered_once_with_the_nearest_type() -> None:
    frame, mapping = _form()
    choices = value_choices(TALENT, frame, mapping)
    assert [(c.value, c.rows, c.suggested) for c in choices] == [
        ("エンジニア", 7, ("engineer",)),  # ｴﾝｼﾞﾆｱ is the same value, written half-width
        ("デザイナー", 2, ("ux_designer",)),
        ("セキュリティ", 1, ("security",)),
        ("データサイエンス", 1, ("data_scientist",)),
        ("セキュリティエンジニア", 1, ("security",)),
    ]
    assert all(c.field == "skills" and c.several for c in choices)


def test_after_one_confirmation_14_of_15_rows_import_and_the_bad_row_lists_every_error(
    ids, make_actor
) -> None:
    frame, mapping = _form()
    confirmed = suggested_values(value_choices(TALENT, frame, mapping))
    confirmed["skills"]["セキュリティエンジニア"] = (
        "security",
        "engineer",
    )  # changed by the person
    preview = _preview(make_actor, ids, confirmed)
    assert (len(preview.valid), len(preview.invalid)) == (14, 1)
    bad = preview.invalid[0]
    assert bad.line == 16
    assert [_said(e) for e in bad.errors] == [
        "「タイムスタンプ」列：日付「先週」を読み取れません（例：2026-11-24、2026/11/24）。",
        "「個人情報の取り扱いについて」列：同意の欄が「同意しない」です。同意のない人は登録できません。",
        "「お名前」列：氏名を入力してください。",
        "「メールアドレス」列：メールアドレスの形式が正しくありません（jiro-at-example）。",
    ]

    actor = make_actor(Role.STAFF, (ids["region"],))
    progress = list(import_batches(actor, ids["programme"], preview))[-1]
    assert progress.created == 14
    with session_scope() as s:
        people = {t.name: t for t in s.exec(select(Talent))}
        skills: dict[str, set[str]] = {}
        for name, skill in s.exec(
            select(Talent.name, TalentSkill.skill_type).join(
                TalentSkill, TalentSkill.talent_id == Talent.id
            )
        ):
            skills.setdefault(name, set()).add(skill)
    assert len(people) == 14
    assert {
        name: people[name].applied_on for name in ("東京 一郎", "大阪 花子", "名古屋 三郎")
    } == {
        "東京 一郎": date(2026, 5, 8),  # 2026/05/08 21:14
        "大阪 花子": date(2026, 5, 8),  # 2026/5/8 9:03:00
        "名古屋 三郎": date(2026, 5, 9),  # 2026/05/09 15:25:43 GMT+9
    }
    assert people["福岡 四季"].applied_on == date(2026, 5, 9)  # 2026/05/09 午後 4:02:11
    assert people["札幌 五月"].applied_on == date(2026, 5, 10)  # ISO with +09:00
    assert skills["大阪 花子"] == {"engineer"}
    assert skills["名古屋 三郎"] == {"engineer", "ux_designer"}  # 「エンジニア, デザイナー」
    assert skills["奈良 二葉"] == {"engineer"}  # ｴﾝｼﾞﾆｱ
    assert skills["神戸 十和"] == {"security", "engineer"}
    assert skills["金沢 三葉"] == {"business_architect", "ux_designer"}
    assert people["東京 一郎"].affiliation == "株式会社データラボ"
    assert people["東京 一郎"].recruitment_channel == "知人の紹介"
    assert people["横浜 八雲"].interests == "クラウド移行, 業務自動化"


def test_a_value_the_confirmed_mapping_does_not_know_is_an_error_on_its_row(
    ids, make_actor
) -> None:
    preview = _preview(make_actor, ids, {})  # nothing confirmed: only exact types read
    assert len(preview.valid) == 4
    osaka = next(r for r in preview.rows if r.line == 3)
    assert [_said(e) for e in osaka.errors] == [
        "「得意分野（あてはまるものをすべて選択）」列：人材タイプ「エンジニア」は5つの人材タイプにありません。"
    ]


def test_a_value_confirmed_as_no_type_is_kept_in_interests(ids, make_actor) -> None:
    frame, mapping = _form()
    confirmed = suggested_values(value_choices(TALENT, frame, mapping))
    confirmed["skills"]["デザイナー"] = ()
    preview = _preview(make_actor, ids, confirmed)
    kyoto = next(r for r in preview.rows if r.line == 10)
    assert kyoto.errors == [] and kyoto.data.skills == ()
    assert kyoto.data.interests == "伝統工芸のEC\nデザイナー"
    assert [c.key for c in kyoto.changes] == ["import.changed.skills_kept"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("skills", "エンジニア", ("engineer",)),
        ("skills", "データサイエンテスト", ("data_scientist",)),  # a typo: the most alike name
        ("skills", "ビジネスアーキテクチャ", ("business_architect",)),
        ("skills", "Data Scientist", ("data_scientist",)),
        ("skills", "営業", ()),
        ("status", "参加", ("active",)),
        ("status", "辞退済み", ("withdrawn",)),
        ("status", "うわさ", ()),
        ("status", "不参加", ()),  # a status word is read whole, not inside another
    ],
)
def test_the_nearest_value_is_suggested(field: str, value: str, expected: tuple[str, ...]) -> None:
    assert suggest(field, value) == expected


def test_date_times_of_forms_and_spreadsheets_are_read_as_dates(ids, make_actor) -> None:
    written = [
        ("2026/05/08 21:14", date(2026, 5, 8)),
        ("2026/5/8 9:03:00", date(2026, 5, 8)),
        ("2026/05/09 午後 4:02:11 GMT+9", date(2026, 5, 9)),
        ("2026/05/09 4:02:11 PM", date(2026, 5, 9)),
        ("2026年5月8日(金) 21時14分", date(2026, 5, 8)),
        ("2026-05-08T21:14:03", date(2026, 5, 8)),
        ("2026-05-09T23:30:00Z", date(2026, 5, 10)),  # UTC: already the 10th in Japan
        ("46150", date(2026, 5, 8)),  # an Excel date serial
    ]
    csv = "氏名,応募日\n" + "".join(f"人{i},{text}\n" for i, (text, _) in enumerate(written))
    frame = read_table(csv.encode(), "dates.csv")
    with session_scope() as s:
        preview = preview_import(
            s, make_actor(Role.STAFF, (ids["region"],)), ids["programme"], TALENT, frame,
            guess_mapping(TALENT, list(frame.columns)), TODAY,
        )  # fmt: skip
    assert [row.errors for row in preview.rows] == [[]] * len(written)
    assert [row.data.applied_on for row in preview.rows] == [day for _, day in written]
