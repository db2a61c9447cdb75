"""The SQLite settings and the transaction recipe keep concurrent writers from losing updates."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlmodel import select

from colead.db import data_generation, session_scope
from colead.models import Programme, Region
from tests.conftest import PG_URL

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite connection settings")


@sqlite_only
def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(db_url: str) -> None:
    with session_scope(url=db_url) as session:
        conn = session.connection()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_foreign_keys_are_enforced(db_url: str) -> None:
    with (
        pytest.raises(Exception, match=r"(?i)foreign key"),
        session_scope(write=True, url=db_url) as session,
    ):
        session.add(Programme(region_id=999, fiscal_year=2026, name="x"))
        session.flush()


def test_failed_transaction_rolls_back_everything(db_url: str) -> None:
    with pytest.raises(RuntimeError), session_scope(write=True, url=db_url) as session:
        session.add(Region(name="釧路市", prefecture="北海道"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(url=db_url) as session:
        assert session.exec(select(Region)).all() == []


@sqlite_only
def test_concurrent_read_modify_write_loses_no_update(db_url: str) -> None:
    """Eight threads each add 1 to one row 40 times, reading then writing in Python.

    With Python's default transaction handling most of these updates are silently lost; with
    BEGIN IMMEDIATE on write sessions every one of them lands.
    """
    with session_scope(write=True, url=db_url) as session:
        region = Region(name="counter", prefecture="0")
        session.add(region)
        session.flush()
        region_id = region.id
    threads, rounds = 8, 40

    def work() -> None:
        for _ in range(rounds):
            with session_scope(write=True, url=db_url) as session:
                row = session.get(Region, region_id)
                row.prefecture = str(int(row.prefecture) + 1)
                session.add(row)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    with session_scope(url=db_url) as session:
        assert int(session.get(Region, region_id).prefecture) == threads * rounds


def test_a_committed_write_changes_the_data_generation_and_a_read_does_not(db_url: str) -> None:
    before = data_generation()
    with session_scope(url=db_url) as session:
        session.exec(select(Region)).all()
    assert data_generation() == before
    with session_scope(write=True, url=db_url) as session:
        session.add(Region(name="釧路市", prefecture="北海道"))
    assert data_generation() > before
    after = data_generation()
    with pytest.raises(RuntimeError), session_scope(write=True, url=db_url) as session:
        session.add(Region(name="加賀市", prefecture="石川県"))
        raise RuntimeError("rolled back")
    assert data_generation() == after  # nothing was written
