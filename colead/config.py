"""Settings from the environment, read in one place.

- DATABASE_URL (default sqlite:///data/colead.db): SQLAlchemy URL; relative SQLite paths are
  resolved against the project folder.
- COLEAD_DEMO (default 1): 1 loads demo data into an empty database; 0 starts empty and asks
  for a first admin account.
- COLEAD_COOKIE_KEY (default: generated once): the secret streamlit-authenticator is built with
  (the login cookie holds a random session id, see services/login_sessions); when unset, a
  random key is kept in .streamlit/secrets.toml (git-ignored).
- COLEAD_COOKIE_EXPIRY_DAYS (default 1): days a login session and its cookie last.
- COLEAD_CLIENT_IP_HEADER (default empty): behind a reverse proxy, the request header holding
  the client's address (`X-Forwarded-For` or `X-Real-IP`, as the proxy sets it); failed
  sign-ins are counted per address. Leave empty when people reach Streamlit directly.
- COLEAD_PUBLIC_URL (default http://localhost:8501): the address people reach the app at, for
  the links in mails (confirmation, own page).
- COLEAD_SMTP_URL (default empty): `smtp://user:pass@host:587?starttls=1` (or `smtps://…:465`);
  empty keeps every mail in the outbox that admins read in the app (the demo).
- COLEAD_MAIL_FROM (default colead@localhost): the sender address of every mail.
- COLEAD_LOGIN_SLEEP (default 0.7): seconds streamlit-authenticator waits before showing the
  form (0 in tests).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///data/colead.db"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class Settings:
    database_url: str
    demo: bool
    cookie_key: str
    cookie_expiry_days: float
    login_sleep: float
    client_ip_header: str = ""
    public_url: str = "http://localhost:8501"
    smtp_url: str = ""
    mail_from: str = "colead@localhost"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def resolve_database_url(url: str) -> str:
    """Make a relative SQLite path absolute against the project folder.

    `sqlite:///data/colead.db` would otherwise depend on the directory `streamlit run` was
    started from, and a second start from elsewhere would silently create a second database.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return url
    if parsed.database == ":memory:" or Path(parsed.database).is_absolute():
        return url
    absolute = PROJECT_ROOT / parsed.database
    absolute.parent.mkdir(parents=True, exist_ok=True)
    return parsed.set(database=str(absolute)).render_as_string(hide_password=False)


def _flag(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    return value not in {"0", "false", "no", "off", ""}


def load_or_create_cookie_key(path: Path = SECRETS_FILE) -> str:
    """Return the cookie key kept in secrets.toml, generating it on first use.

    The file is git-ignored and written with owner-only permissions. Several replicas behind a
    proxy must share one key: set COLEAD_COOKIE_KEY for them instead.
    """
    if path.exists():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        key = data.get("cookie_key")
        if isinstance(key, str) and len(key) >= 32:
            return key
    key = secrets.token_urlsafe(48)
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = [line for line in existing.splitlines() if not line.startswith("cookie_key")]
    lines.append(f'cookie_key = "{key}"')
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings for this process. Tests call `get_settings.cache_clear()` after changing env."""
    cookie_key = os.environ.get("COLEAD_COOKIE_KEY") or load_or_create_cookie_key()
    return Settings(
        database_url=resolve_database_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
        demo=_flag("COLEAD_DEMO", "1"),
        cookie_key=cookie_key,
        cookie_expiry_days=float(os.environ.get("COLEAD_COOKIE_EXPIRY_DAYS", "1")),
        login_sleep=float(os.environ.get("COLEAD_LOGIN_SLEEP", "0.7")),
        client_ip_header=os.environ.get("COLEAD_CLIENT_IP_HEADER", "").strip(),
        public_url=os.environ.get("COLEAD_PUBLIC_URL", "http://localhost:8501").rstrip("/"),
        smtp_url=os.environ.get("COLEAD_SMTP_URL", "").strip(),
        mail_from=os.environ.get("COLEAD_MAIL_FROM", "colead@localhost").strip(),
    )
