"""Command line: `python -m colead init` (migrate + demo data), `migrate`, `synth`, and
`send-due` (newsletters, reminders, chat posts and queued mail; a cron job or systemd timer
calls it every few minutes)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import date

from colead import bootstrap, migrate
from colead.config import get_settings
from colead.db import session_scope
from colead.services.outreach_worker import send_due
from colead.synth import synthesize

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m colead")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser(
        "init", help="migrate, then load demo data into an empty database (when COLEAD_DEMO=1)"
    )
    synth = sub.add_parser("synth", help="add synthetic regions, talent and companies (for load)")
    synth.add_argument("--regions", type=int, default=20)
    synth.add_argument("--talents", type=int, default=10_000)
    synth.add_argument("--companies", type=int, default=2_000)
    synth.add_argument("--seed", type=int, default=1)
    synth.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="YYYY-MM-DD the data is laid out around (default: today)",
    )
    due = sub.add_parser(
        "send-due",
        help="send newsletters, reminders, chat posts and queued mail (safe twice at once)",
    )
    due.add_argument("--every", type=float, default=0, help="keep running, sending every N seconds")
    due.add_argument(
        "--parent", type=int, default=0, help="with --every: stop when this process has gone"
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    if args.command == "migrate":
        migrate.upgrade()
        print(f"migrated: {settings.database_url}")
    elif args.command == "init":
        bootstrap.prepare_database()
        print(f"ready: {settings.database_url} (demo={'on' if settings.demo else 'off'})")
    elif args.command == "synth":
        if min(args.regions, args.talents, args.companies) < 1:
            parser.error("--regions, --talents and --companies must be at least 1")
        migrate.upgrade()
        began = time.perf_counter()
        with session_scope(write=True) as session:
            summary = synthesize(
                session,
                regions=args.regions,
                talents=args.talents,
                companies=args.companies,
                today=args.today or date.today(),
                seed=args.seed,
            )
        print(f"synthesized {summary.line()} in {time.perf_counter() - began:.1f} s")
    elif args.command == "send-due":
        migrate.upgrade()
        if args.every <= 0:
            report, done = send_due()
            print(f"{report.line()}; sent {done.sent}, failed {done.failed}", flush=True)
            return 0
        while not args.parent or _alive(args.parent):
            try:
                report, done = send_due()
            except Exception:  # a bad moment of the database or network: try again later
                log.exception("send-due failed")
            else:
                if done.sent or done.failed or report.started or report.reminders:
                    print(f"{report.line()}; sent {done.sent}, failed {done.failed}", flush=True)
            time.sleep(args.every)
    return 0


def _alive(pid: int) -> bool:
    """The process is still there (and not replaced: a re-parented child sees init instead)."""
    if os.getppid() != pid:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
