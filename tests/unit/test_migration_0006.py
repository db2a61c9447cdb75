"""Migration 0006: stored choice labels become option ids, and back on downgrade.

A database of revision 0005 holds choices as the options' Japanese labels; after the upgrade it
holds their ids, every company is exactly as ready (B-1) as it was, and a downgrade gives back
the very values it started from. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlmodel import Session

from colead import migrate
from colead.db import dispose_engines, get_engine
from colead.models import Role
from colead.services import screening
from colead.services.export import worksheet_rows
from colead.worksheets import WORKSHEETS

AT = datetime(2026, 6, 1, tzinfo=UTC)
ACCEPTANCE = screening.ACCEPTANCE_CHECKS

_region = sa.table(
    "region",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("prefecture", sa.String),
    sa.column("created_at", sa.DateTime),
)
_programme = sa.table(
    "programme",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("fiscal_year", sa.Integer),
    sa.column("name", sa.String),
    sa.column("contact_interval_days", sa.Integer),
    sa.column("created_at", sa.DateTime),
)
_company = sa.table(
    "company",
    sa.column("id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("industry", sa.String),
    sa.column("address", sa.String),
    sa.column("representative", sa.String),
    sa.column("note", sa.String),
    sa.column("created_at", sa.DateTime),
)
_answer = sa.table(
    "worksheetanswer",
    sa.column("id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("worksheet", sa.String),
    sa.column("question", sa.String),
    sa.column("subject", sa.String),
    sa.column("company_id", sa.Integer),
    sa.column("value", sa.JSON),
    sa.column("answered", sa.Boolean),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime),
    sa.column("updated_by", sa.String),
    sa.column("carried_from_id", sa.Integer),
)

COMPANIES = {1: "釧路水産", 2: "阿寒観光", 3: "厚岸酒造"}

# (id, worksheet, question, company, value as revision 0005 stored it)
LABELLED: list[tuple[int, str, str, int | None, Any]] = [
    # 釧路水産: all three acceptance checks はい -> ready
    *(
        (10 + i, "B-1", check, 1, {"choice": "はい", "other": ""})
        for i, check in enumerate(ACCEPTANCE)
    ),
    (13, "B-1", "transformation_vision", 1, {"choice": "いいえ", "other": ""}),
    # 阿寒観光: one いいえ -> not ready
    (20, "B-1", "acceptance_executive", 2, {"choice": "はい", "other": ""}),
    (21, "B-1", "acceptance_field", 2, {"choice": "いいえ", "other": ""}),
    (22, "B-1", "acceptance_team", 2, {"choice": "はい", "other": ""}),
    # 厚岸酒造: an unticked cell of the grid -> not ready
    (30, "B-1", "acceptance_executive", 3, {"choice": None}),
    (
        31,
        "B-3",
        "s5_talent_types",
        3,
        {"choices": ["データサイエンティスト", "ビジネスアーキテクト"], "other": ""},
    ),
    (32, "B-3", "s2_direction", 3, {"choice": "既存の事業留まらず、新規事業の創出", "other": ""}),
    (40, "A-4", "s2_frequency", None, {"choice": "月に１回", "other": ""}),
    (41, "A-4", "s2_channels", None, {"choices": ["SNS", "その他（具体的に）"], "other": "回覧板"}),
    (
        42,
        "B-4",
        "s1_information",
        None,
        {"choices": ["観光情報", "地域で活躍する人材"], "other": ""},
    ),
    (43, "B-5", "s2_fee", None, {"choice": "支給しない", "other": ""}),
    (
        44,
        "B-5",
        "s2_environment",
        None,
        {"choices": ["ホワイトボード", "インターネット環境"], "other": ""},
    ),
    (45, "B-6", "s3_information", None, {"choices": ["イベント情報", "その他"], "other": "朝市"}),
    # left alone: text answers, a label nobody offers, a question without options
    (50, "A-4", "s2_owner", None, "はい"),
    (51, "B-5", "s1_days", None, {"choice": "６日間", "other": ""}),
    (52, "B-5", "s1_dates", None, ["2026-12-03"]),
]

YES, NO = {"choice": "yes", "other": ""}, {"choice": "no", "other": ""}
IDS = {
    10: YES,
    11: YES,
    12: YES,
    13: NO,
    20: YES,
    21: NO,
    22: YES,
    30: {"choice": None},
    31: {"choices": ["data_scientist", "business_architect"], "other": ""},
    32: {"choice": "new_business", "other": ""},
    40: {"choice": "monthly", "other": ""},
    41: {"choices": ["sns", "other"], "other": "回覧板"},
    42: {"choices": ["tourism", "local_people"], "other": ""},
    43: {"choice": "none", "other": ""},
    44: {"choices": ["whiteboard", "internet"], "other": ""},
    45: {"choices": ["events", "other"], "other": "朝市"},
    50: "はい",
    51: {"choice": "６日間", "other": ""},
    52: ["2026-12-03"],
}


def _seed(url: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(
            _region.insert().values(id=1, name="釧路市", prefecture="北海道", created_at=AT)
        )
        conn.execute(
            _programme.insert().values(
                id=1,
                region_id=1,
                fiscal_year=2026,
                name="ふるさとCo-LEAD",
                contact_interval_days=30,
                created_at=AT,
            )
        )
        conn.execute(
            _company.insert(),
            [
                dict(
                    id=cid,
                    programme_id=1,
                    name=name,
                    industry="",
                    address="",
                    representative="",
                    note="",
                    created_at=AT,
                )
                for cid, name in COMPANIES.items()
            ],
        )
        conn.execute(
            _answer.insert(),
            [
                dict(
                    id=row_id,
                    programme_id=1,
                    worksheet=sheet,
                    question=question,
                    subject=f"company:{company}" if company else "",
                    company_id=company,
                    value=value,
                    answered=True,
                    version=3,
                    updated_at=AT,
                    updated_by="tanaka",
                    carried_from_id=None,
                )
                for row_id, sheet, question, company, value in LABELLED
            ],
        )


def _values(url: str) -> dict[int, Any]:
    with get_engine(url).connect() as conn:
        return dict(conn.execute(sa.select(_answer.c.id, _answer.c.value)).all())


def _versions(url: str) -> set[tuple[int, str]]:
    with get_engine(url).connect() as conn:
        return set(conn.execute(sa.select(_answer.c.version, _answer.c.updated_by)).all())


def _ready_by_labels() -> dict[int, bool]:
    """Revision 0005's rule, on the seeded rows: all three checks answered はい."""
    yes = {
        (company, question)
        for _, sheet, question, company, value in LABELLED
        if sheet == "B-1" and isinstance(value, dict) and value.get("choice") == "はい"
    }
    return {cid: all((cid, check) in yes for check in ACCEPTANCE) for cid in COMPANIES}


def _ready_now(url: str, actor) -> tuple[dict[int, bool], tuple[int, int]]:  # type: ignore[no-untyped-def]
    with Session(get_engine(url)) as session:
        states = screening.readiness(session, actor, 1)
        return (
            {state.company_id: state.ready for state in states},
            screening.ready_count(session, actor, 1),
        )


def _at_0005(url: str) -> None:
    command.downgrade(migrate.alembic_config(url), "0005")
    dispose_engines()


def test_upgrade_turns_labels_into_ids_and_readiness_stays(db_url: str, make_actor) -> None:
    _at_0005(db_url)
    _seed(db_url)
    before = _ready_by_labels()
    assert before == {1: True, 2: False, 3: False}

    migrate.upgrade(db_url)
    dispose_engines()
    values = _values(db_url)
    assert values == IDS
    assert _versions(db_url) == {(3, "tanaka")}  # only the spelling changed, not the answer

    admin = make_actor(Role.ADMIN)
    ready, count = _ready_now(db_url, admin)
    assert ready == before
    assert count == (sum(before.values()), len(COMPANIES))
    with Session(get_engine(db_url)) as session:  # people still read the labels
        rows = worksheet_rows(session, admin, 1, WORKSHEETS["A-4"])
    answers = {r.question: r.answer for r in rows}
    assert answers["どれくらいの頻度で情報提供しますか？"] == "月に１回"
    assert answers["どのような方法で人材に情報提供しますか？"] == "SNS、その他（具体的に）：回覧板"


def test_downgrade_restores_the_labels_and_upgrade_can_run_again(db_url: str, make_actor) -> None:
    _at_0005(db_url)
    _seed(db_url)
    original = _values(db_url)

    migrate.upgrade(db_url)
    dispose_engines()
    upgraded = _values(db_url)
    _at_0005(db_url)
    assert _values(db_url) == original
    _at_0005(db_url)  # nothing left to do: a second downgrade from 0005 is a no-op
    migrate.upgrade(db_url)
    dispose_engines()
    assert _values(db_url) == upgraded
    ready, _ = _ready_now(db_url, make_actor(Role.ADMIN))
    assert ready == _ready_by_labels()


def test_the_migration_carries_its_own_frozen_table() -> None:
    """The label→id table lives in the migration (the live catalog may be reworded later):
    nothing of colead is imported, and each question's labels and ids map one to one."""
    path = migrate.MIGRATIONS_DIR / "versions" / "0006_choice_option_ids.py"
    assert "colead" not in path.read_text(encoding="utf-8").split('"""', 2)[2]
    spec = importlib.util.spec_from_file_location("migration_0006", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert len(module.OPTIONS) == 34
    for key, options in module.OPTIONS.items():
        labels, ids = zip(*options, strict=True)
        assert len(set(labels)) == len(labels) and len(set(ids)) == len(ids), key
    assert module.OPTIONS[("B-1", "acceptance_team")] == (("はい", "yes"), ("いいえ", "no"))
    assert module.respell({"choices": ["SNS", 3, "旧"], "other": "x"}, {"SNS": "sns"}) == {
        "choices": ["sns", 3, "旧"],
        "other": "x",
    }
