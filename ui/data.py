"""The one cached facade between the app and ``data_access``.

The engine lives in ``st.cache_resource``; query results in ``st.cache_data`` keyed
by the query's name, its filters (which carry the user's scope) and the database's
data version, which every load bumps: a load made in any process shows in every
process within ``VERSION_TTL`` seconds, with no restart.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from data_access import db, queries
from data_access.config import database_url
from data_access.filters import Filters

VERSION_TTL = 3  # seconds between checks of the data version
RESULT_TTL = 3600


@st.cache_resource(show_spinner="正在打开数据库……")
def engine() -> Engine:
    url, is_default = database_url()
    return db.open_database(url, fill_demo=is_default)


@st.cache_data(ttl=VERSION_TTL, show_spinner=False)
def data_version() -> str:
    with engine().connect() as conn:
        return db.data_version(conn)


@st.cache_data(ttl=RESULT_TTL, max_entries=2000, show_spinner=False)
def _cached(name: str, f: Filters | None, version: str, args: tuple, kwargs: tuple) -> object:
    fn: Callable = getattr(queries, name)
    with engine().connect() as conn:
        if f is None:
            return fn(conn, *args, **dict(kwargs))
        return fn(conn, f, *args, **dict(kwargs))


def query(name: str, f: Filters | None, *args: object, **kwargs: object) -> pd.DataFrame:
    """Run ``data_access.queries.<name>(conn, f, *args)`` through the cache."""
    return _cached(name, f, data_version(), tuple(args), tuple(sorted(kwargs.items())))


def plain(name: str, *args: object, **kwargs: object) -> object:
    """A query that takes no filters (e.g. the list of counties)."""
    return _cached(name, None, data_version(), tuple(args), tuple(sorted(kwargs.items())))
