"""Posting a programme's message to a group-chat channel through an incoming-webhook URL.

One JSON body, `{"text": ...}`, is accepted by both Slack incoming webhooks and Microsoft Teams
(Office 365 connector) incoming webhooks. The text is kept plain: the title in `*bold*`, which
both read, and the characters `&`, `<`, `>` escaped as entities, as Slack requires (so a user's
`<!channel>` cannot ping everyone nor `<url|label>` disguise a link) and as Teams' limited HTML
reads them back.

The post is sent with `urllib.request`, without following redirects (a webhook that answers 3xx is
misconfigured, and following it would send the message somewhere else). Everything that goes
wrong is raised as `WebhookError`, whose text never holds the URL (a webhook URL is a secret:
anyone who has it can post to the channel).

Per DESIGN.md, call `post_message` from a worker command, never inside a page rerun.
"""

from __future__ import annotations

import json
import unicodedata
import urllib.error
import urllib.request
from email.message import Message
from typing import IO, Any
from urllib.parse import urlsplit

from colead.services.errors import InputError

MAX_URL = 500
TIMEOUT_SECONDS = 10

MAX_TEXT = 3000
MAX_REASON = 300
ELLIPSIS = "…"
_ERROR_BODY_BYTES = 200  # of an error answer, shown in the reason (Slack says e.g. "no_service")
_SUCCESS_BODY_BYTES = 65536  # read and dropped, so the connection ends cleanly


class WebhookError(Exception):
    """A post that did not arrive; str(exc) is a short English reason (HTTP status, or the
    network error), <= 300 chars, for admins."""

    def __init__(self, reason: str) -> None:
        super().__init__(_short(reason))


def _short(reason: str) -> str:
    """One line of printable text, at most MAX_REASON characters."""
    cleaned = "".join(
        " " if unicodedata.category(char)[0] in "CZ" else char for char in str(reason)
    )
    cleaned = " ".join(cleaned.split()) or "unknown error"
    if len(cleaned) > MAX_REASON:
        cleaned = cleaned[: MAX_REASON - 1] + ELLIPSIS
    return cleaned


def _url_error(url: str) -> InputError:
    return InputError("chat.error.url", url=url[:100])


def check_webhook_url(url: str) -> str:
    """The URL stripped, if it can be used; else raise colead.services.errors.InputError with key
    "chat.error.url" (and kwarg url=<first 100 chars>). Accept only http:// or https:// with a
    host, no user:password part, no whitespace/control characters, length <= MAX_URL. An empty
    string is returned as "" (means: no channel).

    Only printable ASCII is accepted: webhook URLs given by Slack and Teams are ASCII, and
    anything else would fail when sent."""
    value = (url or "").strip()
    if not value:
        return ""
    if len(value) > MAX_URL:
        raise _url_error(value)
    if any(not ("!" <= char <= "~") for char in value):  # whitespace, control, non-ASCII
        raise _url_error(value)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        raise _url_error(value) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _url_error(value)
    if "@" in parts.netloc or not parts.hostname:
        raise _url_error(value)
    return value


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def chat_payload(title: str, text: str, link: str = "") -> dict[str, Any]:
    """JSON body that both Slack and Teams incoming webhooks accept: {"text": ...} where the text
    is "*title*\\n\\ntext" (plus "\\n\\n<link>" if given). Keep it plain: Slack mrkdwn bold with
    asterisks is fine for Teams too. Cut the text to 3,000 characters with "…".

    The body is cut first, so the title and the link are kept whole when they fit; the whole text
    is never longer than MAX_TEXT characters."""
    head = f"*{_escape(title.strip())}*" if title.strip() else ""
    tail = f"\n\n{_escape(link.strip())}" if link.strip() else ""
    body = _escape(text.strip())
    separator = "\n\n" if head and body else ""
    room = MAX_TEXT - len(head) - len(separator) - len(tail)
    if room >= len(body):
        message = head + separator + body + tail
    elif room > len(ELLIPSIS):
        message = head + separator + _cut(body, room) + tail
    else:  # a title or link too long to leave room for the body
        message = _cut(head + separator + body + tail, MAX_TEXT)
    return {"text": message}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turns every 3xx into an HTTPError instead of following it."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        data = exc.read(_ERROR_BODY_BYTES) or b""
    except Exception:
        return ""
    finally:
        exc.close()
    return data.decode("utf-8", errors="replace")


def post_message(url: str, title: str, text: str, link: str = "") -> None:
    """POST chat_payload as application/json; charset=utf-8 with urllib.request (no new
    dependency), timeout TIMEOUT_SECONDS, no redirects followed (a 3xx is an error). A 2xx is
    success; anything else, or any network error/timeout, raises WebhookError with the reason.
    Never raises anything else. An empty or unusable URL also raises WebhookError.

    The timeout applies to each network step (connecting, each read), as urllib's does."""
    try:
        target = check_webhook_url(url)
    except InputError:
        raise WebhookError("the webhook URL is not a usable http(s) URL") from None
    if not target:
        raise WebhookError("no webhook URL is set")
    timeout = TIMEOUT_SECONDS
    try:
        body = json.dumps(chat_payload(title, text, link), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            target,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Co-LEAD-Workbook",
            },
        )
        with _opener().open(request, timeout=timeout) as response:
            status = response.status
            response.read(_SUCCESS_BODY_BYTES)
    except urllib.error.HTTPError as exc:
        detail = _error_body(exc).strip()
        reason = f"HTTP {exc.code} {exc.reason or ''}".strip()
        if 300 <= exc.code < 400:
            reason += " (redirect not followed)"
        raise WebhookError(f"{reason}: {detail}" if detail else reason) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise WebhookError(f"network error: timed out after {timeout} s") from exc
        raise WebhookError(f"network error: {exc.reason}") from exc
    except TimeoutError as exc:
        raise WebhookError(f"network error: timed out after {timeout} s") from exc
    except Exception as exc:
        raise WebhookError(f"{type(exc).__name__}: {exc}") from exc
    if not 200 <= status < 300:
        raise WebhookError(f"HTTP {status}")
