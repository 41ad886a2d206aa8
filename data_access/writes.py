"""Every write the app makes, as one function of the data layer that takes who is writing.

The app (``ui/``, ``pages/``) holds no transaction of its own: it calls one function here
with the principal, and the function checks the permission, applies the principal's
county scope, and runs the write in one transaction with its audit row. The scope is
taken from the principal, never from a widget, so a page cannot forget or widen it.
A refusal is a :class:`Refused` (a ``ValueError`` told in Chinese).

Reads of the data page that list rows (load history, a load's rows) are here too, for
the same reason: they take the principal and show only its county's loads and rows.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import pandas as pd
from sqlalchemy import Engine

from . import auth, db, geo_load, identity
from .auth import Principal
from .loading import history
from .loading.load import LoadResult, load_file
from .quality import approval


class Refused(ValueError):
    """A write the principal may not make, said in Chinese."""


def _need(p: Principal, permission: str) -> None:
    if not p.can(permission):
        raise Refused(f"账号“{p.username}”没有此项权限（{permission}）")


def _scope(p: Principal) -> tuple[str, ...] | None:
    return p.scope


# ------------------------------------------------------------------------ records
def load_records(
    engine: Engine,
    p: Principal,
    content: bytes,
    file_name: str,
    kind: str | None = None,
    dry_run: bool = False,
    report: str | None = None,
    period: tuple[int, int | None] | None = None,
    city: str | None = None,
) -> LoadResult:
    """Check (``dry_run``) or load a file of records as ``p``: a county's data staff load only
    their county's rows, and every load of theirs is a submission."""
    _need(p, "load")
    scope = _scope(p)
    return load_file(
        engine, content, file_name, p.username, kind=kind, dry_run=dry_run, scope=scope, report=report, period=period,
        city=city,
    )  # fmt: skip


def load_history(engine: Engine, p: Principal, limit: int = 200) -> pd.DataFrame:
    """The loads ``p`` may see: all for the city, a county's own for a county's user."""
    return history.history_for(engine, _scope(p), limit)


def load_rows(engine: Engine, p: Principal, batch_id: int, limit: int = 500) -> dict[str, tuple[int, pd.DataFrame]]:
    """What a load still holds, restricted to ``p``'s county."""
    return history.batch_rows_for(engine, batch_id, _scope(p), limit)


# --------------------------------------------------------------------- boundaries
_PREVIEWS: OrderedDict[tuple, geo_load.GeoReport | geo_load.GeoError] = OrderedDict()
_PREVIEWS_KEPT = 2  # a large city's report holds its shapes: keep few
_previews_lock = threading.Lock()


def preview_boundaries(engine: Engine, p: Principal, raw: bytes, system: str | None = None) -> geo_load.GeoReport:
    """What a boundary file would load (``GeoError`` when it is refused), as ``p`` may load it.

    Computed once per file: keyed by the file's digest, the scope and the data version (a
    load in between makes it new), so a rerun of the page while the file sits in the
    uploader, or the same file in another tab or process's next look, costs nothing.
    ``system``: the coordinate system the user declared (None: detected)."""
    _need(p, "load")
    with engine.connect() as conn:
        version = db.data_version(conn)
    key = (hashlib.sha256(raw).hexdigest(), _scope(p), system, str(engine.url), version)
    with _previews_lock:
        hit = _PREVIEWS.get(key)
        if hit is not None:
            _PREVIEWS.move_to_end(key)
    if hit is None:
        try:
            hit = geo_load.preview(engine, raw, scope=_scope(p), system=system)
        except geo_load.GeoError as exc:
            hit = exc
        with _previews_lock:
            _PREVIEWS[key] = hit
            while len(_PREVIEWS) > _PREVIEWS_KEPT:
                _PREVIEWS.popitem(last=False)
    if isinstance(hit, geo_load.GeoError):
        raise hit
    return hit


def load_boundaries(
    engine: Engine, p: Principal, raw: bytes, file_name: str, system: str | None = None
) -> geo_load.GeoLoadResult:
    """Load a boundary file as ``p``: a county's data staff, only their county's features."""
    _need(p, "load")
    return geo_load.load_geojson(engine, raw, file_name, p.username, scope=_scope(p), system=system)


# ------------------------------------------------------------------------- emblem
def _city_staff(p: Principal, what: str) -> None:
    _need(p, "load")
    if p.county_code:
        raise Refused(f"{what}是全市的标识，只能由市残联数据管理员更换；县(区)数据管理员不能更换")


def save_emblem(engine: Engine, p: Principal, raw: bytes, file_name: str) -> None:
    """Store an uploaded emblem (made safe by ``identity.store_emblem``) as the city's staff."""
    _city_staff(p, "会徽")
    with engine.begin() as conn:
        identity.store_emblem(conn, raw, file_name, p.username)


def reset_emblem(engine: Engine, p: Principal) -> None:
    _city_staff(p, "会徽")
    with engine.begin() as conn:
        identity.reset_emblem(conn, p.username)


# ---------------------------------------------------------------------- approvals
ACTIONS = {"approve": approval.approve, "return": approval.return_submission, "unlock": approval.unlock}


def decide(
    engine: Engine, p: Principal, action: str, report: str, area: str, year: int, period_no: int, reason: str = ""
) -> None:
    """Approve, return or unlock a submission (the city's data staff); ``ApprovalError`` when not allowed."""
    _need(p, "approve")
    with engine.begin() as conn:
        approval.lock_writes(conn)  # an approval and a load never interleave (see approval.lock_writes)
        rep = approval.find_report(conn, report)
        ACTIONS[action](conn, rep, area, year, period_no, p.username, reason)


# ----------------------------------------------------------------------- accounts
def add_user(
    engine: Engine,
    p: Principal,
    username: str,
    role: str,
    password: str,
    county_code: str | None,
    display_name: str | None,
) -> None:
    _need(p, "manage_accounts")
    with engine.begin() as conn:
        auth.add_user(
            conn, username, role, password, county_code or None, display_name or None, by=p.username, by_role=p.role,
            by_county=p.county_code,
        )  # fmt: skip


def set_active(engine: Engine, p: Principal, username: str, active: bool) -> None:
    _need(p, "manage_accounts")
    with engine.begin() as conn:
        auth.set_active(conn, username, active, by=p.username, by_role=p.role, by_county=p.county_code)


def list_users(engine: Engine, p: Principal) -> list[dict]:
    """The accounts ``p`` may manage: a county's own for a county's data staff."""
    _need(p, "manage_accounts")
    with engine.connect() as conn:
        users = auth.list_users(conn)
    if p.county_code:
        users = [u for u in users if u.get("county_code") == p.county_code]
    return users


def audit_entries(engine: Engine, p: Principal, limit: int = 500) -> list[dict]:
    _need(p, "audit")
    with engine.connect() as conn:
        return auth.audit_entries(conn, limit)


def record_export(engine: Engine, p: Principal, what: str) -> None:
    with engine.begin() as conn:
        auth.audit(conn, p.username, "export", what)


# ----------------------------------------------------------------------- sessions
def open_session(engine: Engine, username: str) -> auth.SignIn:
    """After a right password: the session and its one-time ticket."""
    with engine.begin() as conn:
        return auth.new_session(conn, username)


def end_session(engine: Engine, p: Principal | None, session_id: int | None, reason: str = "logout") -> None:
    with engine.begin() as conn:
        auth.end_session(conn, session_id=session_id)
        if p is not None:
            auth.audit(conn, p.username, reason)


def session_for_token(engine: Engine, token: str, minutes: int):
    with engine.begin() as conn:
        return auth.session_for_token(conn, token, minutes)


def session_valid(engine: Engine, username: str, session_id: int | None, minutes: int) -> tuple[bool, bool]:
    """(account active, session alive) — checked on every run."""
    with engine.begin() as conn:
        active = auth.is_active(conn, username)
        return active, active and auth.session_alive(conn, session_id, minutes)


def oidc_principal(engine: Engine, sub: str | None, email: str | None) -> Principal | None:
    with engine.begin() as conn:
        return auth.principal_for_oidc(conn, sub, email)


def redeem_ticket(engine: Engine, ticket: str) -> str | None:
    """The cookie route: a one-time ticket traded for the session's token (None: refused)."""
    with engine.begin() as conn:
        return auth.redeem_ticket(conn, ticket)


def end_session_by_token(engine: Engine, token: str) -> None:
    """The cookie route: the session the cookie names, ended."""
    with engine.begin() as conn:
        auth.end_session(conn, token)
