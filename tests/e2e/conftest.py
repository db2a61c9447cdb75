"""A real `streamlit run` on a fresh demo database, and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it these
tests are skipped locally (with the reason) and fail in CI, where the browser must be present.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from colead import bootstrap, migrate
from colead.db import dispose_engines
from tests.conftest import DEMO_DAY, PG_URL, SmtpServer, _reset_postgres
from tests.conftest import free_port as free_smtp_port

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1920, "height": 1080}  # a projector's wall

# A phone as Chromium emulates one: its width and height, a phone's user agent (Streamlit closes
# the menu after a page is picked only on a device that says it is a phone), touch.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
TIMEOUT_MS = 30_000  # a cold server's first page and a busy CI machine both take seconds


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (install it with: apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo_database(folder: Path) -> str:
    if PG_URL:
        _reset_postgres(PG_URL)
        bootstrap.load_demo_if_empty(PG_URL, today=DEMO_DAY)
        dispose_engines()
        return PG_URL
    url = f"sqlite:///{folder / 'e2e.db'}"
    migrate.upgrade(url)
    bootstrap.load_demo_if_empty(url, today=DEMO_DAY)
    dispose_engines()
    return url


def _empty_database(folder: Path) -> str:
    """No schema and no rows: the server itself must migrate, as on a municipality's first
    start. On PostgreSQL the tables stay (the schema is shared by the run) but hold nothing."""
    if PG_URL:
        _reset_postgres(PG_URL)
        dispose_engines()
        return PG_URL
    return f"sqlite:///{folder / 'e2e-empty.db'}"


class Server:
    def __init__(self, url: str, process: subprocess.Popen, log: Path) -> None:
        self.url = url
        self.process = process
        self.log = log


def _start_server(
    folder: Path,
    database_url: str,
    *,
    demo: bool = True,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Server:
    """`env` adds to (or overrides) the server's environment; `port` is for a server that must
    know its own address before it starts (COLEAD_PUBLIC_URL in the links it mails)."""
    port = port or _free_port()
    log = folder / f"streamlit-{port}.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "COLEAD_DEMO": "1" if demo else "0",
        "COLEAD_LOGIN_SLEEP": "0",
        "COLEAD_COOKIE_KEY": "e2e-cookie-key-" + "y" * 40,
        **(env or {}),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "serve.py",  # as `make run` serves it: Home.py with the calendar feed
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(base, process, log)
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"streamlit did not start within 60 s:\n{log.read_text()}")


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server per test module, on its own demo database."""
    _require_browser()
    folder = tmp_path_factory.mktemp("e2e")
    srv = _start_server(folder, _demo_database(folder))
    yield srv
    _stop(srv)


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    """A server that has served nothing yet (Home.py has never run in it)."""
    _require_browser()
    srv = _start_server(tmp_path, _demo_database(tmp_path))
    yield srv
    _stop(srv)


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[Server]:
    """A fresh server with `COLEAD_DEMO=0` on an empty database: a municipality's first start."""
    _require_browser()
    srv = _start_server(tmp_path, _empty_database(tmp_path), demo=False)
    yield srv
    _stop(srv)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    _require_browser()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser, request):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # what the browser showed when it failed
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"FAILED_{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Save a full-page PNG under tests/e2e/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def _take(tab, name: str) -> Path:  # type: ignore[no-untyped-def]
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return _take


def wait_until_idle(tab) -> None:  # type: ignore[no-untyped-def]
    """Wait for the page to settle: loaded, and Streamlit's run ended (its status widget gone).

    Not Playwright's "networkidle", which was seen never to arrive after a sign-in under load
    with no request in flight (a page fully drawn), here and through nginx."""
    tab.wait_for_load_state("load", timeout=60_000)  # a cold server on a busy machine
    tab.locator("[data-testid='stApp']").wait_for(timeout=60_000)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )


def sign_in(tab, base_url: str, username: str, password: str = "colead-demo") -> None:  # type: ignore[no-untyped-def]
    """Sign in as a person does: open the page and, as soon as the form shows, fill it in and
    submit once, without waiting for the page to settle.

    One click must be enough, also on a freshly started server: a submit the app drops fails
    here rather than being retried.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    tab.goto(base_url)
    submit = tab.get_by_role("button", name="ログイン")
    submit.wait_for(timeout=60_000)  # a cold server on a busy machine
    tab.get_by_label("ユーザー名").fill(username)
    tab.get_by_label("パスワード").fill(password)
    submit.click()
    try:
        tab.wait_for_function(_ANSWERED, timeout=TIMEOUT_MS)
    except PlaywrightTimeoutError:
        raise AssertionError("the sign-in form did not answer its first submit") from None


# The app answered a sign-in: the programme map, or a refusal.
_ANSWERED = """() => {
    const text = document.body.innerText;
    return text.includes("プログラムマップ") || text.includes("正しくありません")
        || text.includes("ログインできません") || text.includes("利用できません");
}"""


def wait_signed_in(tab) -> None:  # type: ignore[no-untyped-def]
    """The programme map is shown and the login cookie is set: the session has settled.

    Right after sign-in the cookie component reruns the app once; a click before that rerun
    can be undone by it.
    """
    tab.get_by_role("heading", name="プログラムマップ").wait_for()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not any(c["name"] == "colead_auth" for c in tab.context.cookies()):
        if time.monotonic() > deadline:
            raise AssertionError("the login cookie was never set")
        time.sleep(0.2)
    wait_until_idle(tab)


def shoot(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page PNG under tests/e2e/screenshots/ (git-ignored), to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def no_error(tab) -> None:  # type: ignore[no-untyped-def]
    """No traceback, exception box or error page anywhere on the page."""
    from playwright.sync_api import expect

    body = tab.locator("body")
    for text in ("Traceback", "Error", "エラーが発生しました"):
        expect(body).not_to_contain_text(text)


@contextmanager
def mailing_server(folder: Path, database: str) -> Iterator[tuple[Server, SmtpServer]]:
    """A server on `database` whose background sender mails every second to a local aiosmtpd
    server, with links to itself (COLEAD_PUBLIC_URL); the SMTP server listens before the app
    starts."""
    from aiosmtpd.controller import Controller

    smtp_port = free_smtp_port()
    smtp = SmtpServer(url=f"smtp://127.0.0.1:{smtp_port}", port=smtp_port)
    controller = Controller(smtp, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        port = _free_port()
        server = _start_server(
            folder,
            database,
            port=port,
            env={
                "COLEAD_SMTP_URL": smtp.url,
                "COLEAD_MAIL_EVERY": "1",
                "COLEAD_PUBLIC_URL": f"http://127.0.0.1:{port}",
                "COLEAD_MAIL_WORKER": "1",
            },
        )
        try:
            yield server, smtp
        finally:
            _stop(server)
    finally:
        controller.stop()
