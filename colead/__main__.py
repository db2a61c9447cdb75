"""Command line: `python -m colead init` (migrate + demo data), `python -m colead migrate`."""

from __future__ import annotations

import argparse
import sys

from colead import bootstrap, migrate
from colead.config import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m colead")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser(
        "init", help="migrate, then load demo data into an empty database (when COLEAD_DEMO=1)"
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    if args.command == "migrate":
        migrate.upgrade()
        print(f"migrated: {settings.database_url}")
    elif args.command == "init":
        bootstrap.prepare_database()
        print(f"ready: {settings.database_url} (demo={'on' if settings.demo else 'off'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
