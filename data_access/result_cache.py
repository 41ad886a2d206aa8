"""Results computed once for every app process: the ``result_cache`` table.

Several app processes behind a proxy each keep their own cache of results in memory
(``ui/data.py``); without a shared tier each of them computes the same cold county-year
again. The shared tier is a table of the database every process already reads: a
result is stored pickled under a key made of the database's identity, its data version,
the query's name and its arguments, and the next process that needs it reads the bytes
instead of running the query.

* The key names the data version, so a row of an older version is never read; every load
  deletes them all (:func:`drop_all`, called by ``finish.finish_load`` in the load's own
  transaction).
* Reading or writing it never fails a page: an error is logged and the query runs as
  without it. A result larger than ``MAX_BYTES`` is not shared.
* Off unless ``CANLIAN_RESULT_CACHE=shared`` (the deployment's secret file sets it): one
  process — the embedded SQLite default — has nothing to share, and its writes would take
  SQLite's one write lock.

Only the app's own pickles are ever unpickled: every payload carries an HMAC-SHA256 made
with a key from the deployment's secret file (``CANLIAN_RESULT_CACHE_KEY``, else derived from
``STREAMLIT_SERVER_COOKIE_SECRET``), and a row whose MAC does not match is ignored — so
someone who can write to the database still cannot make an app process run code. Without a
key the shared tier stays off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import pickle

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .models import ResultCacheEntry

MAX_BYTES = 8 * 1024 * 1024
_log = logging.getLogger(__name__)
_table = ResultCacheEntry.__table__


MAC_BYTES = 32


def _mac_key() -> bytes | None:
    raw = os.environ.get("CANLIAN_RESULT_CACHE_KEY") or os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
    return hashlib.sha256(b"canlian result cache\0" + raw.encode()).digest() if raw else None


def enabled() -> bool:
    """``CANLIAN_RESULT_CACHE=shared`` and a key to sign the payloads with."""
    return os.environ.get("CANLIAN_RESULT_CACHE", "").strip().lower() == "shared" and _mac_key() is not None


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()


def database_identity(url: str) -> str:
    """A short stable name of the database a URL points to: the same database under
    another driver name (``postgresql`` / ``postgresql+psycopg``) or password is the same."""
    u = make_url(url)
    backend = u.get_backend_name()
    where = u.database if backend == "sqlite" else f"{u.host}:{u.port or ''}/{u.database}"
    return hashlib.blake2b(f"{backend}:{where}".encode(), digest_size=8).hexdigest()


def key_of(identity: str, version: str, query: str, args: tuple, kwargs: tuple) -> str:
    raw = pickle.dumps((identity, version, query, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(raw, digest_size=32).hexdigest()


def read(engine: Engine, key: str) -> bytes | None:
    """The stored pickle of ``key`` if there is one and its MAC is ours; else None."""
    mac_key = _mac_key()
    if mac_key is None:
        return None
    try:
        with engine.connect() as conn:
            raw = conn.execute(select(_table.c.payload).where(_table.c.key == key)).scalar()
    except SQLAlchemyError as exc:
        _log.warning("shared result cache not read: %s", exc)
        return None
    if raw is None:
        return None
    raw = bytes(raw)
    mac, body = raw[:MAC_BYTES], raw[MAC_BYTES:]
    if not hmac.compare_digest(mac, _mac(mac_key, body)):
        _log.warning("shared result cache: row %s has a wrong MAC, ignored", key[:12])
        return None
    return body


def write(engine: Engine, key: str, version: str, query: str, payload: bytes) -> bool:
    """Store ``payload``; another process that stored the same key first wins (same bytes)."""
    mac_key = _mac_key()
    if mac_key is None or len(payload) > MAX_BYTES:
        return False
    row = {"key": key, "data_version": version[:32], "query": query[:200], "payload": _mac(mac_key, payload) + payload,
           "made_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}  # fmt: skip
    try:
        with engine.begin() as conn:
            conn.execute(insert(ResultCacheEntry), row)
        return True
    except IntegrityError:
        return False
    except SQLAlchemyError as exc:
        _log.warning("shared result cache not written: %s", exc)
        return False


def drop_all(conn: Connection) -> int:
    """Every stored result (in a load's transaction: they are all of older versions now)."""
    return conn.execute(delete(ResultCacheEntry)).rowcount or 0
