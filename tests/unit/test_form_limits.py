"""Public form limits hold when many submissions from one address arrive at the same moment
(on PostgreSQL an advisory lock serialises them; SQLite's writes are one at a time)."""

from __future__ import annotations

import threading

from sqlmodel import func, select

from colead.db import session_scope
from colead.models import FormSubmission
from colead.models.base import utcnow
from colead.services import form_limits


def test_simultaneous_submissions_from_one_address_store_at_most_the_limit(db_url: str) -> None:
    now = utcnow()
    accepted: list[bool] = []
    start = threading.Barrier(12)

    def submit(n: int) -> None:
        start.wait()
        with session_scope(write=True) as session:
            ok = form_limits.allow(
                session, "apply", "203.0.113.7", f"p{n}@example.jp", now, per_address=5, per_email=5
            )
        accepted.append(ok)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert accepted.count(True) == 5
    with session_scope() as session:
        stored = session.exec(select(func.count()).select_from(FormSubmission)).one()
    assert stored == 5
