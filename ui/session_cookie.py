"""The sign-in cookie, HttpOnly: two small routes on Streamlit's own server and the few lines
of page script that call them.

A Streamlit script talks to the browser over the WebSocket and cannot send ``Set-Cookie``;
a cookie written by page script cannot be HttpOnly. Streamlit's server (Starlette since
1.53; ``st.App``) takes routes of our own, mounted by the launcher ``app.py``:

* ``POST <base>/api/session`` — the body is the one-time ticket the login just made
  (``data_access.auth.new_session``, valid ``TICKET_SECONDS``). The route redeems it once,
  makes the session's token and answers ``Set-Cookie: canlian_session=…; HttpOnly;
  SameSite=Strict; Path=<base>`` (``Secure`` over HTTPS). No script ever sees the token.
* ``POST <base>/api/session/end`` — revokes the session the cookie names and clears it.

A new connection (F5, a new tab, a shared link) reads the cookie from the WebSocket's
handshake (``st.context.cookies``), so the cookie needs no script at all after the login.
See docs/decisions.md.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlparse

COOKIE = "canlian_session"
MAX_BODY = 1024  # bytes: a ticket is about 60; anything larger is refused before it is read (413)
OPEN_PATH, END_PATH = "api/session", "api/session/end"
MOUNTED = False  # set by routes(): the launcher serves them in this process
_log = logging.getLogger(__name__)
_engine = None
_warned = False


def base_path() -> str:
    """``/`` or ``/<server.baseUrlPath>/``."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def _db():
    global _engine
    if _engine is None:
        from data_access.config import database_url
        from data_access.db import make_engine

        _engine = make_engine(database_url()[0], pool_size=2, max_overflow=2)
    return _engine


def _redeem(ticket: str) -> str | None:
    from data_access import writes

    return writes.redeem_ticket(_db(), ticket)


def _end(token: str) -> None:
    from data_access import writes

    writes.end_session_by_token(_db(), token)


class _TooLarge(Exception):
    pass


async def _bounded_body(request, limit: int = MAX_BODY) -> bytes:
    """The body, read a chunk at a time and given up at ``limit`` bytes: a client that
    declares (``Content-Length``) or streams more never makes the server hold it."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.strip().isdigit() or int(declared) > limit):
        raise _TooLarge
    got = bytearray()
    async for chunk in request.stream():
        got += chunk
        if len(got) > limit:
            raise _TooLarge
    return bytes(got)


def _same_origin(request) -> bool:
    """Only the page itself may call (a cross-site form cannot set or end a sign-in)."""
    if request.headers.get("sec-fetch-site") not in (None, "same-origin"):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlparse(origin).netloc == request.headers.get("host")


def _secure(request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _cookie_args(request) -> dict:
    return {"path": base_path(), "httponly": True, "samesite": "strict", "secure": _secure(request)}


async def _open(request):
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    from data_access.auth import SESSION_HOURS

    if not _same_origin(request):
        return Response(status_code=403)
    try:
        ticket = (await _bounded_body(request)).decode("ascii", "replace").strip()
    except _TooLarge:
        return Response(status_code=413, headers={"Connection": "close"})
    token = await run_in_threadpool(_redeem, ticket)
    if not token:
        return Response(status_code=403)
    resp = Response(status_code=204, headers={"Cache-Control": "no-store"})
    resp.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, **_cookie_args(request))
    return resp


async def _close(request):
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    if not _same_origin(request):
        return Response(status_code=403)
    try:
        await _bounded_body(request)  # the end route takes no body: a large one is refused unread
    except _TooLarge:
        return Response(status_code=413, headers={"Connection": "close"})
    token = request.cookies.get(COOKIE)
    if token:
        await run_in_threadpool(_end, token)
    resp = Response(status_code=204, headers={"Cache-Control": "no-store"})
    resp.delete_cookie(COOKIE, **_cookie_args(request))
    return resp


def routes() -> list:
    """The two routes, for ``st.App(..., routes=routes())``."""
    from starlette.routing import Route

    global MOUNTED
    MOUNTED = True
    base = base_path()
    return [
        Route(base + END_PATH, _close, methods=["POST"]),
        Route(base + OPEN_PATH, _open, methods=["POST"]),
    ]


def _script(path: str, body: str | None) -> str:
    payload = "" if body is None else f", body: {json.dumps(body)}"
    return (
        "<script>fetch("
        + json.dumps(path)
        + ', {method: "POST", credentials: "same-origin", headers: {"Content-Type": "text/plain"}'
        + payload
        + "}).catch(function () {});</script>"
    )


def exchange(ticket: str) -> None:
    """In the run after the login: the page trades the ticket for the HttpOnly cookie."""
    _send(_script(base_path() + OPEN_PATH, ticket))


def clear() -> None:
    """After logout: the server ends the cookie's session and clears the cookie."""
    _send(_script(base_path() + END_PATH, None))


def _send(js: str) -> None:
    import streamlit as st

    global _warned
    if not MOUNTED and not _warned:
        _warned = True
        _log.warning("accounts mode without app.py's routes: the sign-in lasts until the tab is closed")
    with st.sidebar:
        st.html(js, unsafe_allow_javascript=True)
