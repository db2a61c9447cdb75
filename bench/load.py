"""Many signed-in sessions at once over Streamlit's own WebSocket protocol (#14 item 1).

    .venv/bin/python -m bench.load                               # N = 1, 10, 25, 50; 60 s each
    .venv/bin/python -m bench.load --sessions 1,10 --seconds 20  # a short trial
    .venv/bin/python -m bench.load --sessions 50 --strict        # exit 1 when the target is missed

It builds a demo database with synthetic data (`python -m colead init`, then `python -m colead
synth --regions 5 --talents 3000 --companies 600`) in a temporary folder and starts the app as
`make run` does (`streamlit run serve.py`, headless, no file watcher) and, beside it, an empty
Streamlit page (bench/empty_page.py) as the baseline. No browser: each session is a protocol
client (bench/load_client.py) that sends `rerun_script` BackMsgs with widget values and reads
ForwardMsgs until `script_finished`; that time is the latency of one action.

Every app session signs in through the real login form (ユーザー名, パスワード, ログイン; the
demo account `staff` unless --user), the N sessions arriving at random over --ramp seconds.
Once all are in, the measured phase of --seconds begins: every --interval seconds (±20 %
jitter) each session does the next action of a rotation:

- worksheet: open A-1 (`a1_roles`, "worksheet_open") and change its first free-text answer
  ("worksheet_save": the text area's on_change saves it);
- talent: open the talent registry ("talent_open"), then go to the next page of the list if it
  has a page number input, else type a search word ("talent_page");
- dashboard: open the dashboard ("dashboard");
- events: open イベント・出欠 ("events").

Each empty-page session reruns that page ("rerun") at the same interval in the measured phase.
For every N of --sessions both servers get N sessions for --seconds; the table gives, per
action, the count, p50/p95/max latency, errors (an exception element, an st.error box, a
compile error, a widget that was not found, a run that timed out) and disconnects, and the
ratio of the action's p95 to the empty page's p95; then the app server's CPU seconds per action
and its RSS before and after.
Sign-ins are timed ("sign_in") but not part of the target. Target (issue #14): at N=50 every
action p95 <= 300 ms, no errors, no disconnects. A measurement, not a test: it prints PASS/FAIL
and exits 0 unless --strict is given. The client runs in this one process on the same machine
as the servers; its own CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench import proxy
from bench.load_client import (
    ProtocolError,
    RunResult,
    StreamlitTab,
    double_value,
    string_value,
    trigger,
)

ROOT = Path(__file__).resolve().parent.parent
LOAD_DATABASE = "colead_load"
TARGET_P95_MS = 300.0
COLD_START_MS = 3000.0
TARGET_SESSIONS = 50
ACTIONS = ("worksheet", "talent", "dashboard", "events")
APP_ACTIONS = (
    "worksheet_open",
    "worksheet_save",
    "talent_open",
    "talent_page",
    "dashboard",
    "events",
)
SEARCH_WORDS = ("田", "エンジニア", "山", "")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Tally:
    """Latencies (seconds), errors and disconnects per action of one server."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    disconnects: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reasons: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    finished: list[tuple[float, str, float]] = field(default_factory=list)  # secs, action, at

    def actions(self) -> list[str]:
        return sorted(set(self.seconds) | set(self.errors) | set(self.disconnects))

    def count(self) -> int:
        return sum(len(v) for v in self.seconds.values()) + sum(self.errors.values())

    def record(self, action: str, result: RunResult) -> None:
        self.seconds[action].append(result.seconds)
        self.finished.append((result.seconds, action, time.monotonic()))
        problems = result.exceptions + [t for t in result.texts if t.startswith("error: ")]
        if problems:
            self.fail(action, problems[0])
        for text in result.texts:
            if text.startswith("warning: "):
                self.warnings[f"{action}: {text[9:120]}"] += 1

    def fail(self, action: str, reason: str) -> None:
        self.errors[action] += 1
        self.reasons[f"{action}: {reason[:160]}"] += 1


class Skip(Exception):
    """An action could not be driven (a widget was not found)."""


# --- the servers ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _build_database(folder: Path, env: dict[str, str], args: argparse.Namespace) -> None:
    python = sys.executable
    subprocess.run([python, "-m", "colead", "init"], cwd=ROOT, env=env, check=True)
    sizes = ["--regions", str(args.regions), "--talents", str(args.talents)]
    sizes += ["--companies", str(args.companies)]
    subprocess.run([python, "-m", "colead", "synth", *sizes], cwd=ROOT, env=env, check=True)


def _start(
    script: str, port: int, env: dict[str, str], log: Path, flags: tuple[str, ...] = ()
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none", *flags]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server on port {port} not healthy after {timeout:.0f} s")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the sessions --------------------------------------------------------------------------


def _login_submit(page: RunResult, user: str, password: str) -> list | None:
    """The widget values of the login form filled in and submitted; None without the form."""
    name = page.find("text_input", "ユーザー名")
    secret = page.find("text_input", "パスワード")
    submit = page.find("button", "ログイン")
    if name is None or secret is None or submit is None:
        return None
    return [string_value(name.id, user), string_value(secret.id, password), trigger(submit.id)]


async def _sign_in(tab: StreamlitTab, user: str, password: str, tally: Tally) -> None:
    await tab.connect()
    first = await tab.rerun()
    tally.record("connect", first)
    updates = _login_submit(first, user, password)
    if updates is None:
        raise Skip("login form not found")
    result = await tab.rerun(updates=updates)
    if result.find("button", "ログアウト") is None:
        # a second submit, as a person would click again: counted as an error of sign_in
        tally.fail("sign_in", "first submit did not sign in")
        result = await tab.rerun(updates=updates)
        if result.find("button", "ログアウト") is None:
            raise Skip("sign-in failed twice")
    tally.record("sign_in", result)


async def _cold_start(port: int, args: argparse.Namespace) -> str:
    """The first page of a server that has just come up, and its first sign-in (issue #14: the
    first page within 3 s of the server being up, the sign-in taken on the first submit)."""
    tab = StreamlitTab(port, timeout=args.timeout)
    began = time.monotonic()
    await tab.connect()
    first = await tab.rerun()
    page_ms = (time.monotonic() - began) * 1000
    updates = _login_submit(first, args.user, args.password)
    if updates is None:
        await tab.close()
        return f"the first page ({page_ms:.0f} ms) had no login form"
    result = await tab.rerun(updates=updates)
    await tab.close()
    taken = result.find("button", "ログアウト") is not None
    verdict = "PASS" if page_ms <= COLD_START_MS and taken else "FAIL"
    return (
        f"first page {page_ms:.0f} ms later (target {COLD_START_MS:.0f} ms); first sign-in "
        f"{'taken on the first submit' if taken else 'NOT taken on the first submit'}"
        f" ({result.seconds * 1000:.0f} ms) -> {verdict}"
    )


async def _worksheet(tab: StreamlitTab, tally: Tally, number: int, step: int) -> None:
    opened = await tab.rerun(page="a1_roles")
    tally.record("worksheet_open", opened)
    areas = opened.find_all("text_area")
    if not areas:
        raise Skip("worksheet_save: no text_area on a1_roles")
    area = areas[number % len(areas)]  # sessions spread over the answers; some share one
    text = f"負荷テスト session {number} step {step} {time.time():.3f}"
    tally.record("worksheet_save", await tab.rerun(updates=[string_value(area.id, text)]))


async def _talent(tab: StreamlitTab, tally: Tally, step: int) -> None:
    opened = await tab.rerun(page="talent")
    tally.record("talent_open", opened)
    picker = opened.find("number_input")
    if picker is not None:
        pages = int(picker.proto.max) if picker.proto.has_max else 1
        update = double_value(picker.id, float(step % max(pages, 1) + 1))
    else:
        search = opened.find("text_input", "検索")
        if search is None:
            raise Skip("talent_page: neither a page number input nor the search box")
        update = string_value(search.id, SEARCH_WORDS[step % len(SEARCH_WORDS)])
    tally.record("talent_page", await tab.rerun(updates=[update]))


async def _open(tab: StreamlitTab, tally: Tally, page: str) -> None:
    tally.record(page, await tab.rerun(page=page))


async def _app_session(
    port: int, number: int, phase: Phase, args: argparse.Namespace, tally: Tally
) -> None:
    await asyncio.sleep(random.uniform(0, args.ramp))  # people arrive over the ramp
    step = number  # each session starts at another point of the rotation
    tab: StreamlitTab | None = None
    signed_in = False
    arrived = False
    while not phase.over():
        action = ACTIONS[step % len(ACTIONS)] if signed_in else "sign_in"
        try:
            if tab is None:
                tab = StreamlitTab(port, timeout=args.timeout)
            if not signed_in:
                await _sign_in(tab, args.user, args.password, tally)
                signed_in = True
                if not arrived:
                    arrived = True
                    await phase.arrive()
                    await asyncio.sleep(random.uniform(0, args.interval))
                continue
            if action == "worksheet":
                await _worksheet(tab, tally, number, step)
            elif action == "talent":
                await _talent(tab, tally, step)
            else:
                await _open(tab, tally, action)
        except Skip as reason:
            tally.fail(action, str(reason))
        except ProtocolError as error:
            if str(error).startswith("disconnected"):
                tally.disconnects[action] += 1
                tally.reasons[f"{action}: {error}"[:200]] += 1
            else:
                tally.fail(action, str(error))
            await _drop(tab)
            tab, signed_in = None, False
        except (OSError, TimeoutError) as error:  # refused or reset while connecting
            tally.disconnects[action] += 1
            tally.reasons[f"{action}: {type(error).__name__}: {error}"[:200]] += 1
            await _drop(tab)
            tab, signed_in = None, False
        if not arrived and not signed_in and action == "sign_in":
            arrived = True  # counted as failed; the others need not wait for it
            await phase.arrive()
        if action != "sign_in":
            step += 1
        await _pause(args.interval, phase)
    await _drop(tab)


async def _empty_session(port: int, phase: Phase, args: argparse.Namespace, tally: Tally) -> None:
    await phase.started.wait()
    await asyncio.sleep(random.uniform(0, args.interval))
    tab: StreamlitTab | None = None
    while not phase.over():
        try:
            if tab is None:
                tab = StreamlitTab(port, timeout=args.timeout)
                await tab.connect()
            tally.record("rerun", await tab.rerun())
        except ProtocolError as error:
            if str(error).startswith("disconnected"):
                tally.disconnects["rerun"] += 1
            else:
                tally.fail("rerun", str(error))
            await _drop(tab)
            tab = None
        except (OSError, TimeoutError) as error:
            tally.disconnects["rerun"] += 1
            tally.reasons[f"rerun: {type(error).__name__}: {error}"[:200]] += 1
            await _drop(tab)
            tab = None
        await _pause(args.interval, phase)
    await _drop(tab)


async def _pause(interval: float, phase: Phase) -> None:
    wait = interval * random.uniform(0.8, 1.2)
    if phase.stop_at is not None:
        wait = min(wait, phase.stop_at - time.monotonic())
    if wait > 0:
        await asyncio.sleep(wait)


async def _drop(tab: StreamlitTab | None) -> None:
    if tab is not None:
        with contextlib.suppress(Exception):  # already gone
            await tab.close()


class Phase:
    """Arrival, then the measured phase: it starts once every app session has signed in (or
    failed to), so the sign-in rush is timed on its own ("sign_in") and the actions are timed
    as a workshop runs once everyone is in; it lasts --seconds."""

    def __init__(self, sessions: int, seconds: float) -> None:
        self.waiting = sessions
        self.seconds = seconds
        self.started = asyncio.Event()
        self.stop_at: float | None = None

    async def arrive(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0 and not self.started.is_set():
            self.stop_at = time.monotonic() + self.seconds
            self.started.set()
        await self.started.wait()

    def over(self) -> bool:
        return self.stop_at is not None and time.monotonic() >= self.stop_at


async def _round(
    sessions: int, app_port: int, empty_port: int, args: argparse.Namespace
) -> tuple[Tally, Tally]:
    app, empty = Tally(), Tally()
    phase = Phase(sessions, args.seconds)
    tasks = [_app_session(app_port, n, phase, args, app) for n in range(sessions)]
    tasks += [_empty_session(empty_port, phase, args, empty) for _ in range(sessions)]
    await asyncio.gather(*tasks)
    _print_slowest(app, phase)
    return app, empty


def _print_slowest(app: Tally, phase: Phase) -> None:
    """When in the measured phase the slowest app actions ended: a cluster at its start is a
    server still warming up; spread ones are queueing."""
    if phase.stop_at is None:
        return
    start = phase.stop_at - phase.seconds
    timed = [t for t in app.finished if t[1] not in ("sign_in", "connect") and t[2] >= start]
    slowest = sorted(timed, reverse=True)[:8]
    listed = ", ".join(f"{a} {s * 1000:.0f} ms at {at - start:.0f} s" for s, a, at in slowest)
    print(f"     slowest app actions of the measured phase: {listed}")


# --- the report ----------------------------------------------------------------------------


def _print_table(sessions: int, app: Tally, empty: Tally) -> list[str]:
    """Print the rows of one N; return what misses the target (when N is the target's)."""
    base = empty.seconds.get("rerun") or [0.0]
    base_p95 = _percentile(base, 0.95) * 1000
    misses: list[str] = []
    header = f"{'N':>3}  {'server':<6} {'action':<15} {'count':>6} {'p50':>7} {'p95':>7} {'max':>7}"
    print(header + f" {'errors':>6} {'disc.':>5} {'p95/empty':>9}")
    for server, tally in (("app", app), ("empty", empty)):
        for action in tally.actions():
            values = [s * 1000 for s in tally.seconds.get(action, [])]
            p50 = _percentile(values, 0.5) if values else float("nan")
            p95 = _percentile(values, 0.95) if values else float("nan")
            top = max(values) if values else float("nan")
            ratio = p95 / base_p95 if base_p95 and values else float("nan")
            errors, lost = tally.errors.get(action, 0), tally.disconnects.get(action, 0)
            print(
                f"{sessions:>3}  {server:<6} {action:<15} {len(values):>6} {p50:>7.0f} {p95:>7.0f}"
                f" {top:>7.0f} {errors:>6} {lost:>5} {ratio:>9.1f}"
            )
            counted = server == "app" and action not in ("sign_in", "connect")
            if counted and (not values or p95 > TARGET_P95_MS):
                misses.append(f"{action} p95 {p95:.0f} ms")
            if errors or lost:
                misses.append(f"{server} {action}: {errors} errors, {lost} disconnects")
    for action in APP_ACTIONS:
        if not app.seconds.get(action):
            misses.append(f"{action} not measured (no session got that far)")
    for server, tally in (("app", app), ("empty", empty)):
        for reason, times in sorted(tally.reasons.items(), key=lambda kv: -kv[1])[:8]:
            print(f"     {server} {times}x {reason}")
        for note, times in sorted(tally.warnings.items(), key=lambda kv: -kv[1])[:5]:
            print(f"     {server} {times}x warning (not counted) {note}")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", default="1,10,25,50", help="comma-separated session counts")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each N")
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between actions")
    parser.add_argument(
        "--ramp", type=float, default=15.0, help="seconds over which the sessions sign in"
    )
    parser.add_argument("--regions", type=int, default=5)
    parser.add_argument("--talents", type=int, default=3000)
    parser.add_argument("--companies", type=int, default=600)
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="app processes; more than one runs on PostgreSQL behind nginx (deploy/nginx.conf)",
    )
    parser.add_argument(
        "--postgres",
        default=proxy.POSTGRES_SERVER,
        help=f"the PostgreSQL server for --processes > 1 (a database {LOAD_DATABASE} is made)",
    )
    parser.add_argument("--user", default="staff")
    parser.add_argument("--password", default="colead-demo")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a run may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument(
        "--flag",
        action="append",
        default=[],
        help="a Streamlit option for both servers, e.g. --flag=--runner.postScriptGC=false",
    )
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.sessions.split(",") if part.strip()]

    folder = Path(tempfile.mkdtemp(prefix="colead-load-"))
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'load.db'}",
        COLEAD_DEMO="1",
        COLEAD_LOGIN_SLEEP="0",
        COLEAD_COOKIE_KEY="bench-load-cookie-key-" + "x" * 40,
        COLEAD_MAIL_WORKER="0",
    )
    if args.processes > 1:  # the README's scale-out recipe: PostgreSQL, nginx, sticky sessions
        env["DATABASE_URL"] = proxy.fresh_postgres_database(LOAD_DATABASE, args.postgres)
        env["COLEAD_CLIENT_IP_HEADER"] = "X-Real-IP"
    servers: list[subprocess.Popen[bytes]] = []
    apps: list[subprocess.Popen[bytes]] = []
    try:
        _build_database(folder, env, args)
        flags = tuple(f for flag in args.flag for f in flag.split("=", 1))
        app_ports = [_free_port() for _ in range(args.processes)]
        started = time.monotonic()
        for number, port in enumerate(app_ports, 1):
            apps.append(_start("serve.py", port, env, folder / f"app{number}.log", flags))
        servers += apps
        empty_port = _free_port()
        servers.append(_start("bench/empty_page.py", empty_port, env, folder / "empty.log", flags))
        for port, process in zip(app_ports, apps, strict=True):
            _wait_healthy(port, process)
        up = time.monotonic() - started
        cold = asyncio.run(_cold_start(app_ports[0], args))
        print(f"cold start: server up (/_stcore/health) {up:.1f} s after its start; {cold}")
        _wait_healthy(empty_port, servers[-1])
        app_port = app_ports[0]
        if args.processes > 1:
            app_port = _free_port()
            servers.append(proxy.start_nginx(folder / "nginx", app_port, app_ports))
            where = f"nginx on :{app_port} over {args.processes} processes on PostgreSQL"
        else:
            where = f"app on :{app_port}"
        print(f"{where}, empty page on :{empty_port}, data in {folder}", flush=True)
        result = _measure(counts, app_port, empty_port, [a.pid for a in apps], args)
        if args.processes > 1:
            _print_stickiness(folder / "nginx")
        return result
    finally:
        for process in servers:
            proxy.stop(process)
        for log in sorted(folder.glob("*.log")):
            text = log.read_text(errors="replace")
            lines = text.count("\n")
            print(f"{log.name}: {text.count('Traceback')} tracebacks, {lines} lines")
        if args.processes > 1:
            proxy.drop_postgres_database(LOAD_DATABASE, args.postgres)
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _print_stickiness(nginx_folder: Path) -> None:
    """Each WebSocket (a session) and the process(es) nginx sent its requests to."""
    served = proxy.upstreams_by_affinity(nginx_folder)
    per_process: dict[str, int] = defaultdict(int)
    for upstreams in served.values():
        for upstream in upstreams:
            per_process[upstream] += 1
    spread = ", ".join(f"{up}: {n}" for up, n in sorted(per_process.items()))
    moved = sum(1 for upstreams in served.values() if len(upstreams) > 1)
    print(f"nginx: {len(served)} affinities ({spread}); served by more than one process: {moved}")


def _measure(
    counts: list[int], app_port: int, empty_port: int, pids: list[int], args: argparse.Namespace
) -> int:
    misses: list[str] = []
    measured_target = False
    for sessions in counts:
        cpu_before = sum(_cpu_seconds(pid) for pid in pids)
        rss_before = [_rss_mb(pid) for pid in pids]
        client_before = time.process_time()
        app, empty = asyncio.run(_round(sessions, app_port, empty_port, args))
        cpu = sum(_cpu_seconds(pid) for pid in pids) - cpu_before
        client = time.process_time() - client_before
        print()
        found = _print_table(sessions, app, empty)
        actions = max(app.count(), 1)
        rss = "; ".join(
            f"{before:.0f} -> {_rss_mb(pid):.0f} MB"
            for before, pid in zip(rss_before, pids, strict=True)
        )
        print(
            f"     app server CPU {cpu:.1f} s = {cpu / actions * 1000:.0f} ms per run"
            f" ({actions} runs); RSS {rss}; client CPU {client:.1f} s",
            flush=True,
        )
        if sessions == TARGET_SESSIONS:
            measured_target = True
            misses += found
    print()
    if not measured_target:
        print(f"target: N={TARGET_SESSIONS} not measured (--sessions {args.sessions})")
        return 0
    verdict = "PASS" if not misses else "FAIL"
    print(
        f"target: at N={TARGET_SESSIONS} every action p95 <= {TARGET_P95_MS:.0f} ms,"
        f" 0 errors, 0 disconnects -> {verdict}"
    )
    for miss in misses:
        print(f"  {miss}")
    return 1 if args.strict and misses else 0


if __name__ == "__main__":
    sys.exit(main())
