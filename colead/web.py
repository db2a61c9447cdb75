"""HTTP routes served beside the Streamlit app (see serve.py): what a browser page cannot be.

`/calendar/<token>.ics` is a person's calendar feed, polled by the calendar they subscribed
with (Google カレンダー, Outlook, iPhone). The token is the only key, as on the own page: an
unknown, expired or revoked one answers 404 and nothing else. The handlers are plain
functions: Starlette runs them in its thread pool, away from the event loop.
"""

from __future__ import annotations

import logging
import threading

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from colead.bootstrap import prepare_database
from colead.db import session_scope
from colead.services import own_page

log = logging.getLogger(__name__)
_ready = threading.Event()
_preparing = threading.Lock()


def _database_ready() -> None:
    """Migrate once per process before the first read (a feed may be the first request)."""
    if _ready.is_set():
        return
    with _preparing:
        if not _ready.is_set():
            prepare_database()
            _ready.set()


def calendar_feed(request: Request) -> Response:
    token = request.path_params.get("token", "")
    try:
        _database_ready()
        with session_scope() as session:
            data = own_page.calendar_feed(session, token)
    except Exception:
        log.exception("the calendar feed failed")
        return PlainTextResponse("temporarily unavailable", status_code=503)
    if data is None:
        return PlainTextResponse("not found", status_code=404)
    return Response(
        data,
        media_type="text/calendar",
        headers={
            "Cache-Control": "private, max-age=300",
            "Content-Disposition": 'inline; filename="colead.ics"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def routes() -> list[Route]:
    return [Route("/calendar/{token}", calendar_feed, methods=["GET", "HEAD"])]
