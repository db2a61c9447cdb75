"""A flood on the public application form while staff work (#12 item 9).

    .venv/bin/python -m bench.public_flood                 # 1,000 submissions from one address
    .venv/bin/python -m bench.public_flood --submissions 5000 --strict

On a demo database (SQLite, as `make run` makes it), one thread sends --submissions
applications from a single client address as fast as the application page would take them
(its cheap read of the address limit, then, while under the limit, the write transaction of
`public_apply.submit_application`), while a second thread does what a staff member's page does
every 0.02 s: read a page of the talent registry and save a worksheet answer. It prints how many
applications were stored (target: at most the hourly limit, 5) and the staff reads' and saves'
p50/p95/max (target: p95 under 100 ms, i.e. no waiting behind the flood).

A measurement, not a test: it prints PASS/FAIL and exits 0 unless --strict is given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_P95_MS = 100.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.public_flood")
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="colead-flood-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'flood.db'}"
    os.environ["COLEAD_DEMO"] = "1"
    try:
        return _run(args.submissions, args.strict)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(submissions: int, strict: bool) -> int:
    from sqlmodel import func, select

    from colead.bootstrap import prepare_database
    from colead.config import get_settings
    from colead.db import session_scope
    from colead.models import Talent
    from colead.services import accounts, answers, public_apply, talent
    from colead.services.public_apply import ApplicationForm
    from colead.worksheets import WORKSHEETS

    get_settings.cache_clear()
    prepare_database()
    with session_scope() as session:
        staff = accounts.load_actor(session, "staff")
        programme_id = public_apply.published_programme_id(session, "kaga")
        view = public_apply.public_view(session, "kaga")
        before = session.exec(select(func.count()).select_from(Talent)).one()
    assert staff is not None and programme_id is not None and view is not None
    sheet = WORKSHEETS["A-1"]
    question = next(q for q in sheet.questions() if q.kind == "text")
    address = "203.0.113.66"
    done = threading.Event()
    reads: list[float] = []
    saves: list[float] = []

    def flood() -> None:
        for n in range(submissions):
            form = ApplicationForm(
                name=f"大量 送信{n}",
                kana="たいりょう そうしん",
                email=f"flood{n}@example.jp",
                channel=view.channels[0],
                consent=True,
                purpose_version=view.purpose_version,
            )
            with session_scope() as session:
                if public_apply.address_limited(session, address):
                    continue
            with session_scope(write=True) as session:
                public_apply.submit_application(session, "kaga", form, address)
        done.set()

    def staff_work() -> None:
        version = 0
        while not done.is_set():
            began = time.perf_counter()
            with session_scope() as session:
                talent.list_talent(session, staff, programme_id)
            reads.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            with session_scope(write=True) as session:
                stored = answers.save_answer(
                    session, staff, programme_id, sheet, question.id, f"版 {version}", version
                )
                version = stored.version
            saves.append((time.perf_counter() - began) * 1000)
            time.sleep(0.02)

    began = time.perf_counter()
    worker = threading.Thread(target=staff_work)
    worker.start()
    flood()
    worker.join()
    seconds = time.perf_counter() - began
    with session_scope() as session:
        stored = session.exec(select(func.count()).select_from(Talent)).one() - before

    print(f"{submissions} submissions from one address in {seconds:.1f} s: {stored} stored")
    for name, values in (("staff read (talent page)", reads), ("staff save (answer)", saves)):
        if values:
            print(
                f"{name}: n={len(values)} p50 {statistics.median(values):.1f} ms, "
                f"p95 {_percentile(values, 0.95):.1f} ms, max {max(values):.1f} ms"
            )
    worst = max(_percentile(reads, 0.95), _percentile(saves, 0.95)) if reads and saves else 0.0
    ok = stored <= public_apply.PER_HOUR and worst <= TARGET_P95_MS
    print(
        f"{'PASS' if ok else 'FAIL'}: at most {public_apply.PER_HOUR} stored, "
        f"staff p95 under {TARGET_P95_MS:.0f} ms"
    )
    return 1 if strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
