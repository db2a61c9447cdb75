"""Median rerun of every page (AppTest) on the demo data and on a large synthetic database,
against an empty Streamlit page measured in the same run.

    make bench                      # 20 regions, 10,000 talent, 2,000 companies
    python -m bench.pages --talents 2000 --companies 400 --runs 3

Targets (issue #4): at large scale every page within 10x the empty page and within 1.5x its
own demo-scale time. A measurement, not a test: it prints PASS/FAIL and exits 0 unless --strict.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("COLEAD_COOKIE_KEY", "bench-cookie-key-" + "x" * 40)
os.environ["COLEAD_LOGIN_SLEEP"] = "0"

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from colead import bootstrap, migrate
from colead.config import get_settings
from colead.db import dispose_engines, session_scope
from colead.synth import largest_programme, synthesize
from colead.ui.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120


class _NavigationPagesManager(PagesManager):
    """As tests/app/conftest.py: every AppTest run goes through Home.py's st.navigation."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


app_test.PagesManager = _NavigationPagesManager  # type: ignore[attr-defined]


def _median_ms(at: AppTest, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        at.run(timeout=TIMEOUT)
        times.append((time.perf_counter() - began) * 1000)
        if at.exception:
            raise RuntimeError(at.exception)
    return statistics.median(times)


def _use(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    dispose_engines()


def _signed_in(programme_id: int | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=TIMEOUT).run()
    next(w for w in at.text_input if w.label == "ユーザー名").input("admin")
    next(w for w in at.text_input if w.label == "パスワード").input(bootstrap.DEMO_PASSWORD)
    next(w for w in at.button if w.label == "ログイン").click()
    at.run()
    if programme_id is not None:
        at.session_state["colead_programme_id"] = programme_id
    return at


def measure(url: str, programme_id: int | None, runs: int) -> dict[str, float]:
    _use(url)
    at = _signed_in(programme_id)
    result = {}
    for spec in PAGES:
        at.switch_page(spec.path).run()  # warm: first draw, caches
        result[spec.url] = _median_ms(at, runs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--talents", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    today = date.today()
    folder = Path(tempfile.mkdtemp(prefix="colead-bench-"))
    demo_url, large_url = f"sqlite:///{folder / 'demo.db'}", f"sqlite:///{folder / 'large.db'}"
    for url in (demo_url, large_url):
        migrate.upgrade(url)
        bootstrap.load_demo_if_empty(url, today=today)
    began = time.perf_counter()
    with session_scope(write=True, url=large_url) as session:
        synthesize(
            session, regions=args.regions, talents=args.talents, companies=args.companies,
            today=today,
        )  # fmt: skip
        large_programme = largest_programme(session)
    print(f"synthesized {args.talents} talent, {args.companies} companies, {args.regions} regions "
          f"in {time.perf_counter() - began:.1f} s")  # fmt: skip

    empty = AppTest.from_file(str(ROOT / "bench" / "empty_page.py"), default_timeout=TIMEOUT).run()
    empty_ms = _median_ms(empty, args.runs * 2)
    demo = measure(demo_url, None, args.runs)
    large = measure(large_url, large_programme, args.runs)
    empty_ms = statistics.median([empty_ms, _median_ms(empty, args.runs * 2)])

    print(f"\nmedian rerun of {args.runs} (ms); empty page {empty_ms:.1f} ms\n")
    header = f"{'page':<24}{'demo':>9}{'large':>9}{'large/empty':>13}{'large/demo':>12}  result"
    print(header)
    print("-" * len(header))
    missed = 0
    for spec in PAGES:
        d, g = demo[spec.url], large[spec.url]
        ok = g <= 10 * empty_ms and g <= 1.5 * d
        missed += not ok
        print(f"{spec.url:<24}{d:>9.1f}{g:>9.1f}{g / empty_ms:>12.1f}x{g / d:>11.2f}x  "
              f"{'PASS' if ok else 'FAIL'}")  # fmt: skip
    print(f"\n{len(PAGES) - missed} of {len(PAGES)} pages within both targets")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
