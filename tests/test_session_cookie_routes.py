"""The two routes that set and clear the sign-in cookie (``ui.session_cookie``, served by
``app.py``), called as the server calls them: the ticket is traded once for an HttpOnly,
SameSite=Strict cookie; a spent, forged or cross-site ticket gets nothing; the end route
revokes the cookie's session and clears the cookie. (In Chromium: tests/browser/test_session_cookie.py.)"""

from __future__ import annotations

import asyncio

import pytest
from starlette.requests import Request

from data_access import auth
from data_access.db import make_engine
from ui import session_cookie

PASSWORD = "Route-Test-2025-ok"


@pytest.fixture
def engine(app_env, monkeypatch):
    monkeypatch.setattr(session_cookie, "_engine", None)  # the routes' engine on this database
    eng = make_engine(app_env)
    with eng.begin() as conn:
        if not auth.is_active(conn, "router"):
            auth.add_user(conn, "router", "leadership", PASSWORD)
    yield eng
    eng.dispose()
    if session_cookie._engine is not None:
        session_cookie._engine.dispose()


def call(handler, path: str, body: bytes = b"", headers: dict | None = None):
    hdrs = {"host": "127.0.0.1:8501", "origin": "http://127.0.0.1:8501", "sec-fetch-site": "same-origin"}
    hdrs.update(headers or {})
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in hdrs.items()],
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return asyncio.run(handler(Request(scope, receive)))


def set_cookie(resp) -> str:
    return "; ".join(v.decode() for k, v in resp.raw_headers if k == b"set-cookie")


def test_a_ticket_buys_one_httponly_strict_cookie(engine):
    with engine.begin() as conn:
        made = auth.new_session(conn, "router")
    resp = call(session_cookie._open, "/api/session", made.ticket.encode())
    assert resp.status_code == 204
    cookie = set_cookie(resp)
    assert cookie.startswith("canlian_session=") and made.ticket not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie, cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    with engine.begin() as conn:
        found = auth.session_for_token(conn, token, 30)
    assert found and found[0] == made.session_id and found[1].username == "router"
    again = call(session_cookie._open, "/api/session", made.ticket.encode())
    assert again.status_code == 403 and not set_cookie(again), "a ticket is spent once"


def test_forged_or_cross_site_tickets_get_nothing(engine):
    assert call(session_cookie._open, "/api/session", b"forged").status_code == 403
    with engine.begin() as conn:
        made = auth.new_session(conn, "router")
    cross = call(session_cookie._open, "/api/session", made.ticket.encode(), {"sec-fetch-site": "cross-site"})
    assert cross.status_code == 403 and not set_cookie(cross)
    other = call(session_cookie._open, "/api/session", made.ticket.encode(), {"origin": "http://evil.example"})
    assert other.status_code == 403


def test_the_end_route_revokes_and_clears(engine):
    with engine.begin() as conn:
        made = auth.new_session(conn, "router")
    token = set_cookie(call(session_cookie._open, "/api/session", made.ticket.encode())).split(";")[0].split("=", 1)[1]
    resp = call(session_cookie._close, "/api/session/end", headers={"cookie": f"canlian_session={token}"})
    assert resp.status_code == 204
    cleared = set_cookie(resp)
    assert cleared.startswith('canlian_session=""') or cleared.startswith("canlian_session=;"), cleared
    assert "Max-Age=0" in cleared and "HttpOnly" in cleared
    with engine.begin() as conn:
        assert auth.session_for_token(conn, token, 30) is None
