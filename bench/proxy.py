"""Several app processes on PostgreSQL behind nginx, as the README's scale-out recipe runs them:
used by `make load ARGS="--processes 2"` and by tests/e2e/test_scale_out_browser.py.

nginx comes from the system's packages (Debian: `apt-get install nginx-light`) and reads
deploy/nginx.conf, filled in here as `envsubst` fills it in production.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import time
from collections import defaultdict
from pathlib import Path
from string import Template

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_LOG_LINE = re.compile(r"upstream=(?P<up>\S+) affinity=(?P<a>\S+)")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def postgres_reachable(url: str = POSTGRES_SERVER) -> bool:
    try:
        with psycopg.connect(_libpq(url), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def fresh_postgres_database(name: str, server: str = POSTGRES_SERVER) -> str:
    """An empty database `name` on the server of `server` (dropped first if it is there);
    returns its SQLAlchemy URL."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a plain database name: {name!r}")
    with psycopg.connect(_libpq(server), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(name: str, server: str = POSTGRES_SERVER) -> None:
    with psycopg.connect(_libpq(server), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def nginx_config(folder: Path, listen: int, upstream_ports: list[int]) -> Path:
    """deploy/nginx.conf filled in for `folder` (logs, pid, temp files), listening on `listen`
    and spreading browsers over the app processes on `upstream_ports`."""
    upstreams = " ".join(f"server 127.0.0.1:{port};" for port in upstream_ports)
    text = Template(NGINX_TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        COLEAD_LISTEN=f"127.0.0.1:{listen}",
        COLEAD_NGINX_DIR=str(folder),
        COLEAD_UPSTREAMS=upstreams,
    )
    if re.search(r"\$\{COLEAD_\w+\}", text):
        raise RuntimeError("deploy/nginx.conf names a ${COLEAD_...} this launcher does not fill")
    config = folder / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    return config


def start_nginx(folder: Path, listen: int, upstream_ports: list[int]) -> subprocess.Popen[bytes]:
    """nginx in the foreground, serving on `listen` once this returns."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx-light)")
    folder.mkdir(parents=True, exist_ok=True)
    config = nginx_config(folder, listen, upstream_ports)
    subprocess.run([binary, "-t", "-q", "-p", str(folder), "-c", str(config)], check=True)
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "stderr.log").open("wb"),
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(folder / 'stderr.log').read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", listen)) == 0:
                return process
        time.sleep(0.1)
    stop(process)
    raise RuntimeError("nginx did not listen within 15 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def upstreams_by_affinity(folder: Path) -> dict[str, set[str]]:
    """From nginx's access log: each browser's affinity and the processes that served it."""
    served: dict[str, set[str]] = defaultdict(set)
    log = folder / "access.log"
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        match = _LOG_LINE.search(line)
        if match and match["up"] != "-":
            served[match["a"]].add(match["up"])
    return dict(served)
