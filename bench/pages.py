"""Median rerun of every page (AppTest) on the demo data and on a large synthetic database,
against an empty Streamlit page measured in the same run.

    make bench                                # 20 regions, 10,000 talent, 2,000 companies
    make bench ARGS="--talents 2000 --companies 400 --runs 3"
    .venv/bin/python -m bench.pages --profile dashboard   # where that page spends its time

Both databases are SQLite files in a temporary folder: "demo" holds the demo data, "large" the
demo plus `colead.synth` data. The admin account signs in; every page of `colead.ui.nav.PAGES`
is opened (one warm-up run) and rerun `--runs` times, in `--rounds` passes that alternate the
two databases. On the demo database the programme is the one picked by default; on the large
one it is the programme with the most talent. The empty page (bench/empty_page.py) is rerun
before, between and after. Targets (issue #4): at large scale every page within 10x the empty
page and within 1.5x its own demo-scale time. A measurement, not a test: it prints PASS/FAIL
and exits 0 unless --strict is given. Progress (and --profile output) goes to stderr. On a busy
machine `--clock cpu` (process CPU time instead of wall time) gives steadier ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Before any colead import reads the settings: a throw-away cookie key (none is generated into
# the work tree) and no sleep in streamlit-authenticator's login form.
os.environ.setdefault("COLEAD_COOKIE_KEY", "bench-cookie-key-" + "x" * 40)
os.environ["COLEAD_LOGIN_SLEEP"] = "0"

import streamlit as st
from sqlmodel import col, func, select
from streamlit import config
from streamlit.logger import set_log_level
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from colead import bootstrap, migrate
from colead.config import get_settings
from colead.db import dispose_engines, session_scope
from colead.models import Company, Programme, Region, Talent
from colead.synth import largest_programme, synthesize
from colead.ui.cached import forget_cached_reads
from colead.ui.context import PROGRAMME_KEY
from colead.ui.nav import PAGES

# AppTest logs "missing ScriptRunContext" on every run; Streamlit only reads the level option.
config.set_option("logger.level", "error")
set_log_level("error")

ROOT = Path(__file__).resolve().parents[1]
HOME = str(ROOT / "Home.py")
EMPTY_PAGE = str(ROOT / "bench" / "empty_page.py")
TIMEOUT = 120  # seconds: a slow page is measured, not cut off
USERNAME = "admin"
EMPTY_LIMIT = 10.0  # x the empty page
DEMO_LIMIT = 1.5  # x the page's own demo-scale time


class _NavigationPagesManager(PagesManager):
    """As tests/app/conftest.py: every AppTest run goes through Home.py's st.navigation.

    Without it AppTest, seeing a `pages/` folder, runs the last page's file directly on
    reruns (Streamlit's multipage v1 path) and Home.py's sign-in and context are skipped.
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


app_test.PagesManager = _NavigationPagesManager  # type: ignore[attr-defined]

# AppTest runs the script in a thread of its own, out of reach of a profiler started here.
_profiler: cProfile.Profile | None = None
_run_script_thread = LocalScriptRunner._run_script_thread


def _profiled_script_thread(self: LocalScriptRunner) -> None:
    if _profiler is None:
        _run_script_thread(self)
        return
    _profiler.enable()
    try:
        _run_script_thread(self)
    finally:
        _profiler.disable()


LocalScriptRunner._run_script_thread = _profiled_script_thread  # type: ignore[method-assign]


# Wall time is what a person waits; process CPU time (all threads: AppTest runs the script in
# one of its own) barely moves when other programs share the machine. --clock picks one.
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = CLOCKS["wall"]


def _rerun_ms(at: AppTest, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = _clock()
        at.run(timeout=TIMEOUT)
        times.append((_clock() - began) * 1000)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return times


def _profile(at: AppTest, runs: int) -> None:
    """Reruns under cProfile; prints the calls with the most cumulative time to stderr."""
    global _profiler
    _profiler = profiler = cProfile.Profile()
    try:
        _rerun_ms(at, runs)
    finally:
        _profiler = None
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(60)


def _use(url: str) -> None:
    """Point the app at `url`; nothing cached for the previous database survives."""
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    dispose_engines()
    st.cache_data.clear()
    st.cache_resource.clear()
    forget_cached_reads()


def _signed_in() -> AppTest:
    """Home.py after the admin signed in (the logic of tests/app/helpers.py sign_in)."""
    at = AppTest.from_file(HOME, default_timeout=TIMEOUT)
    at.run()
    next(w for w in at.text_input if w.label == "ユーザー名").input(USERNAME)
    next(w for w in at.text_input if w.label == "パスワード").input(bootstrap.DEMO_PASSWORD)
    next(w for w in at.button if w.label == "ログイン").click()
    at.run()
    if at.exception or PROGRAMME_KEY not in at.session_state:
        raise RuntimeError(f"could not sign in as {USERNAME}")
    return at


def _describe(url: str, programme_id: int) -> str:
    with session_scope(url=url) as session:
        programme, region = session.exec(
            select(Programme, Region)
            .join(Region, col(Region.id) == col(Programme.region_id))
            .where(Programme.id == programme_id)
        ).one()
        talent = session.exec(
            select(func.count()).select_from(Talent).where(Talent.programme_id == programme_id)
        ).one()
        companies = session.exec(
            select(func.count()).select_from(Company).where(Company.programme_id == programme_id)
        ).one()
    size = f"{talent} talent, {companies} companies"
    return f"{region.name} FY{programme.fiscal_year} (programme {programme_id}: {size})"


def measure(
    url: str, programme_id: int | None, runs: int, profile: str = ""
) -> tuple[dict[str, list[float]], int]:
    """Rerun times (ms) per page url, and the programme measured.

    With `profile` (a page url), that page is rerun again under cProfile after its
    measurement and the calls with the most cumulative time are printed to stderr.
    """
    _use(url)
    with contextlib.redirect_stdout(sys.stderr):  # the authenticator prints cookie errors
        at = _signed_in()
        if programme_id is not None:
            at.session_state[PROGRAMME_KEY] = programme_id
        result = {}
        for spec in PAGES:
            at.switch_page(spec.path).run(timeout=TIMEOUT)  # warm-up: first draw, caches
            if at.exception:
                raise RuntimeError(f"{spec.url} raised: {at.exception[0].value}")
            gc.collect()
            result[spec.url] = _rerun_ms(at, runs)
            if spec.url == profile:
                _profile(at, runs)  # after the measurement: the profiler slows the page down
            median = statistics.median(result[spec.url])
            print(f"  {spec.url:<24}{median:>9.1f} ms", file=sys.stderr, flush=True)
        measured = at.session_state[PROGRAMME_KEY]
    if programme_id is not None and measured != programme_id:
        raise RuntimeError(f"the pages ran on programme {measured}, not {programme_id}")
    return result, measured


def _build(folder: Path, args: argparse.Namespace, today: date) -> tuple[str, str, int]:
    demo_url, large_url = f"sqlite:///{folder / 'demo.db'}", f"sqlite:///{folder / 'large.db'}"
    for url in (demo_url, large_url):
        migrate.upgrade(url)
        bootstrap.load_demo_if_empty(url, today=today)
    began = time.perf_counter()
    with session_scope(write=True, url=large_url) as session:
        summary = synthesize(
            session,
            regions=args.regions,
            talents=args.talents,
            companies=args.companies,
            seed=args.seed,
            today=today,
        )
    seconds = time.perf_counter() - began
    with session_scope(url=large_url) as session:
        large_programme = largest_programme(session)
    if large_programme is None:
        raise RuntimeError("the large database holds no talent")
    dispose_engines()
    print(f"synthesized {summary.line()} in {seconds:.1f} s")
    return demo_url, large_url, large_programme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--talents", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="reruns per page and round")
    parser.add_argument("--rounds", type=int, default=2, help="passes over both databases")
    parser.add_argument("--profile", default="", help="page url to profile on the large data")
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="wall", help="cpu: steadier on a busy machine"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", action="store_true", help="keep the databases (path printed)")
    args = parser.parse_args(argv)
    if min(args.regions, args.talents, args.companies, args.runs, args.rounds) < 1:
        parser.error("sizes, --runs and --rounds must be at least 1")
    global _clock
    _clock = CLOCKS[args.clock]
    today = date.today()
    folder = Path(tempfile.mkdtemp(prefix="colead-bench-"))
    try:
        demo_url, large_url, large_programme = _build(folder, args, today)

        # Rounds alternate the databases, and the empty page runs before, between and after
        # them: whatever warms up or drifts during the process weighs on both sides alike.
        empty = AppTest.from_file(EMPTY_PAGE, default_timeout=TIMEOUT)
        empty.run()
        empty_times = _rerun_ms(empty, 2 * args.runs)
        demo: dict[str, list[float]] = {spec.url: [] for spec in PAGES}
        large: dict[str, list[float]] = {spec.url: [] for spec in PAGES}
        demo_programme = 0
        for round_ in range(1, args.rounds + 1):
            last = round_ == args.rounds
            print(f"round {round_}, demo database:", file=sys.stderr)
            times, demo_programme = measure(demo_url, None, args.runs)
            for page, samples in times.items():
                demo[page] += samples
            empty_times += _rerun_ms(empty, 2 * args.runs)
            print(f"round {round_}, large database:", file=sys.stderr)
            times, _ = measure(large_url, large_programme, args.runs, args.profile if last else "")
            for page, samples in times.items():
                large[page] += samples
            empty_times += _rerun_ms(empty, 2 * args.runs)
        demo_label = _describe(demo_url, demo_programme)
        large_label = _describe(large_url, large_programme)
    finally:
        dispose_engines()
        if args.keep:
            print(f"databases kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    empty_ms = statistics.median(empty_times)
    demo_ms = {page: statistics.median(samples) for page, samples in demo.items()}
    large_ms = {page: statistics.median(samples) for page, samples in large.items()}

    print()
    print(f"demo programme:  {demo_label}")
    print(f"large programme: {large_label}")
    reruns = args.runs * args.rounds
    print(f"median of {reruns} reruns per page ({args.clock} ms); empty page {empty_ms:.1f} ms")
    print(f"targets: large <= {EMPTY_LIMIT:g}x empty and large <= {DEMO_LIMIT:g}x demo\n")
    header = f"{'page':<24}{'demo':>9}{'large':>9}{'large/empty':>13}{'large/demo':>12}  result"
    print(header)
    print("-" * len(header))
    print(f"{'(empty page)':<24}{empty_ms:>9.1f}{empty_ms:>9.1f}{1:>12.1f}x{1:>11.2f}x")
    missed = 0
    for spec in PAGES:
        d, g = demo_ms[spec.url], large_ms[spec.url]
        ok = g <= EMPTY_LIMIT * empty_ms and g <= DEMO_LIMIT * d
        missed += not ok
        print(
            f"{spec.url:<24}{d:>9.1f}{g:>9.1f}{g / empty_ms:>12.1f}x{g / d:>11.2f}x  "
            f"{'PASS' if ok else 'FAIL'}"
        )
    print(f"\n{len(PAGES) - missed} of {len(PAGES)} pages within both targets")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
