"""Keeps every page inside the app frame.

Because the page files live in ``pages/``, Streamlit also serves each of them on its own
at ``/<name>`` when a session *starts* there (its older multipage mode), which would run
the page without ``dashboard.py``: no login gate, no scope, no filters. Every page calls
:func:`guard` first; outside the frame it remembers where the link pointed (and its
query string) and hands over to ``dashboard.py``, which opens that page through
``st.navigation`` — so deep links keep working and never skip the gate.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import streamlit as st

from .internals import pages_manager

_local = threading.local()  # each session's script runs in its own thread
K_TARGET, K_QUERY = "_deep_link_target", "_deep_link_query"
K_DB_DOWN_AT = "_db_down_at"


def enter() -> None:
    _local.active = True


def leave() -> None:
    _local.active = False


def inside() -> bool:
    return getattr(_local, "active", False)


def guard(page_file: str) -> None:
    """First line of every page: outside the frame, go through dashboard.py."""
    if inside():
        return
    st.session_state[K_TARGET] = Path(page_file).stem
    st.session_state[K_QUERY] = {k: st.query_params.get_all(k) for k in st.query_params}
    st.switch_page("dashboard.py")


def restore_query() -> None:
    """dashboard.py, first thing: put back the query string a deep link carried."""
    saved = st.session_state.pop(K_QUERY, None)
    if saved:
        for k, v in saved.items():
            st.query_params[k] = v if len(v) != 1 else v[0]


def take_target() -> str | None:
    return st.session_state.pop(K_TARGET, None)


def in_legacy_run() -> bool:
    """True while this run goes through Streamlit's old multipage mode: until the first
    ``st.navigation`` call in the process (a server just started), runs of an app with a
    ``pages/`` folder are wrapped that way, and widgets get other identities than in the
    runs after it — the session's first filter change would be lost."""
    return pages_manager.old_multipage_mode()


def settle(legacy: bool) -> None:
    """After ``st.navigation``: a run that started in the old mode is run again at once, so the
    page a user sees (and the widget identities it sends back) are those of every later run."""
    if legacy:
        st.rerun()


def database_error(exc: Exception) -> None:
    """The Chinese page for a database that cannot be reached or read — at start-up or in
    the middle of a session, for a cached view or a new one — instead of Streamlit's English
    error. It retries every few seconds and brings the app back by itself."""
    from data_access.db import DatabaseError, check_connection, is_timeout, safe_url, statement_timeout

    from . import data
    from .filters import t

    st.cache_data.clear()  # views of the database that went away: read afresh once it is back
    if not isinstance(exc, DatabaseError) and is_timeout(exc):  # it answers, but not in time
        from data_access.config import database_url
        from words import fmt

        where = safe_url(database_url()[0])  # not the engine: opening it may be what waited
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        exc = DatabaseError(t("db_error_timeout", seconds=fmt.number(statement_timeout()), where=where), detail)
    if not isinstance(exc, DatabaseError):
        try:
            engine = data.engine()
            engine.dispose()  # pooled connections may hold the old file or a dead server's socket
            check_connection(engine)
            where = safe_url(engine.url.render_as_string(hide_password=False))
            exc = DatabaseError(f"{t('db_error_query')}：{where}", str(getattr(exc, "orig", exc)).splitlines()[0])
            engine.dispose()  # nor keep the connection of this check (SQLite: an empty file in its place)
        except DatabaseError as down:
            exc = down
    st.title(t("db_error_title"))
    st.error(exc.message)
    st.info(t("db_error_help"))
    st.caption(t("db_error_retry"))
    if exc.detail:
        with st.expander(t("db_error_detail")):
            st.code(exc.detail, language=None)
    st.session_state[K_DB_DOWN_AT] = time.monotonic()
    _retry()
    st.stop()


@st.fragment(run_every=5)
def _retry() -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from data_access import db
    from data_access.db import DatabaseError

    from . import data

    if time.monotonic() - st.session_state.get(K_DB_DOWN_AT, 0) < 4:
        return  # the page was drawn just now, after a failed try: not a second wait in the same run
    try:
        with data.engine().connect() as conn:
            db.data_version(conn)  # the app's own table, not only a connection
    except (DatabaseError, SQLAlchemyError):
        with contextlib.suppress(Exception):
            data.engine().dispose()
        return
    st.rerun(scope="app")
