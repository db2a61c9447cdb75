"""The README's scale-out recipe, run for real: two app processes on PostgreSQL behind nginx
(deploy/nginx.conf, from the system's packages) with sticky sessions.

A write in one process shows in the other, each browser stays on its process for every request
(page, WebSocket, files), and a sign-in made through one process signs the browser in on the
other. Needs nginx and the PostgreSQL server on 127.0.0.1:5432 (its own database,
`colead_scaleout`, whatever the suite's TEST_DATABASE_URL): skipped locally without them, failed
in CI.
"""

from __future__ import annotations

import os
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench import proxy
from colead import bootstrap, migrate
from colead.db import dispose_engines
from colead.worksheets import WORKSHEETS
from colead.worksheets.schema import Kind
from tests.conftest import DEMO_DAY
from tests.e2e.conftest import (
    VIEWPORT,
    Server,
    _free_port,
    _require_browser,
    _start_server,
    _stop,
    shoot,
    sign_in,
    wait_signed_in,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

DATABASE = "colead_scaleout"
SHEET = next(s for s in WORKSHEETS.values() if not s.per_company)
QUESTION = next(q for q in SHEET.questions() if q.kind == Kind.TEXT)
LINK = f"{SHEET.code} {SHEET.short_title}"


@dataclass
class Cluster:
    url: str  # nginx
    apps: list[Server]
    nginx_folder: Path

    def upstream(self, server: Server) -> str:
        return server.url.removeprefix("http://")

    def affinity_for(self, server: Server) -> str:
        """An affinity cookie value that nginx hashes to `server`, found as nginx answers."""
        for number in range(200):
            value = f"browser-{number}"
            request = urllib.request.Request(
                f"{self.url}/_stcore/health", headers={"Cookie": f"colead_affinity={value}"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            if proxy.upstreams_by_affinity(self.nginx_folder).get(value) == {self.upstream(server)}:
                return value
        raise AssertionError(f"no affinity of 200 reaches {server.url}")


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    _require_browser()
    _require(proxy.nginx_binary() is not None, "nginx not installed (apt-get install nginx-light)")
    _require(proxy.postgres_reachable(), f"no PostgreSQL server at {proxy.POSTGRES_SERVER}")
    folder = tmp_path_factory.mktemp("scale-out")
    url = proxy.fresh_postgres_database(DATABASE)
    migrate.upgrade(url)
    bootstrap.load_demo_if_empty(url, today=DEMO_DAY)
    dispose_engines()
    env = {"COLEAD_CLIENT_IP_HEADER": "X-Real-IP", "COLEAD_MAIL_WORKER": "0"}
    apps: list[Server] = []
    nginx = None
    try:
        apps = [_start_server(folder, url, env=env) for _ in range(2)]
        port = _free_port()
        ports = [int(app.url.rsplit(":", 1)[1]) for app in apps]
        nginx = proxy.start_nginx(folder / "nginx", port, ports)
        yield Cluster(f"http://127.0.0.1:{port}", apps, folder / "nginx")
    finally:
        if nginx is not None:
            proxy.stop(nginx)
        for app in apps:
            _stop(app)
        proxy.drop_postgres_database(DATABASE)


def _browser_on(browser, cluster: Cluster, server: Server, cookies: list | None = None):  # type: ignore[no-untyped-def]
    """A new browser whose affinity cookie nginx sends to `server`."""
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    affinity = cluster.affinity_for(server)
    context.add_cookies(
        [{"name": "colead_affinity", "value": affinity, "url": cluster.url}, *(cookies or [])]
    )
    return context.new_page(), affinity


def _open_sheet(tab):  # type: ignore[no-untyped-def]
    tab.get_by_role("link", name=LINK).first.click()
    expect(tab.get_by_role("heading", name=f"{SHEET.code} {SHEET.title}")).to_be_visible()
    wait_until_idle(tab)
    return tab.get_by_role("textbox", name=QUESTION.label)


def test_two_processes_behind_nginx_share_writes_and_sign_ins(cluster: Cluster, browser) -> None:  # type: ignore[no-untyped-def]
    one, two = cluster.apps
    first, first_affinity = _browser_on(browser, cluster, one)
    second, second_affinity = _browser_on(browser, cluster, two)
    try:
        # A facilitator types an answer on process one.
        sign_in(first, cluster.url, "staff")
        wait_signed_in(first)
        box = _open_sheet(first)
        box.fill("二つのプロセスで共有する答え")
        box.press("Tab")
        expect(first.get_by_text("保存済み").first).to_be_visible()

        # A colleague signed in on process two sees it.
        sign_in(second, cluster.url, "staff")  # a second session of the same account
        wait_signed_in(second)
        expect(_open_sheet(second)).to_have_value("二つのプロセスで共有する答え")
        shoot(second, "scale_out_second_process")

        # The login cookie made on process one signs a browser in on process two.
        login = [c for c in first.context.cookies() if c["name"] == "colead_auth"]
        assert login, "process one set no login cookie"
        third, third_affinity = _browser_on(browser, cluster, two, cookies=login)
        try:
            third.goto(cluster.url)
            expect(third.get_by_role("heading", name="プログラムマップ")).to_be_visible()
            expect(third.get_by_label("パスワード")).to_have_count(0)
        finally:
            third.context.close()

        # A reload keeps the browser on its process and page, signed in.
        first.reload()
        expect(first.get_by_role("textbox", name=QUESTION.label)).to_have_value(
            "二つのプロセスで共有する答え"
        )
        expect(first.get_by_label("パスワード")).to_have_count(0)
    finally:
        first.context.close()
        second.context.close()

    _wait_for_websocket_lines(cluster, (first_affinity, second_affinity, third_affinity))
    served = proxy.upstreams_by_affinity(cluster.nginx_folder)
    assert served[first_affinity] == {cluster.upstream(one)}
    assert served[second_affinity] == {cluster.upstream(two)}
    assert served[third_affinity] == {cluster.upstream(two)}


def _wait_for_websocket_lines(cluster: Cluster, affinities: tuple[str, ...]) -> None:
    """nginx logs a WebSocket when it closes, a moment after the browser is gone: wait for
    each browser's line (so the stickiness check sees every connection), and fail if one
    never comes."""
    log = cluster.nginx_folder / "access.log"
    missing = set(affinities)
    deadline = time.monotonic() + 15
    while missing and time.monotonic() < deadline:
        lines = log.read_text(encoding="utf-8").splitlines()
        missing = {
            affinity
            for affinity in missing
            if not any(
                "/_stcore/stream" in ln and ln.endswith(f"affinity={affinity}") for ln in lines
            )
        }
        if missing:
            time.sleep(0.2)
    assert not missing, f"no WebSocket of {sorted(missing)} went through nginx"
