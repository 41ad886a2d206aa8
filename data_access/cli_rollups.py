"""``python -m data_access rollups [--db URL]``: rebuild the rollup tables (``fact_summary``) from the facts.

Every load keeps them current by itself (``data_access.rollups``); this is for after a
hand edit in SQL, a restore from an old backup, or when in doubt. ``summaries``, the
command's first name, still works.
"""

from __future__ import annotations

import argparse
import time

from .config import database_url
from .db import open_database, unbounded
from .rollups import rebuild_rollups


def cmd_rollups(args: argparse.Namespace) -> int:
    engine = open_database(args.db or database_url()[0])
    t = time.perf_counter()
    with engine.begin() as conn:
        unbounded(conn)
        n = rebuild_rollups(conn)
    print(f"汇总表已重建：{n} 行，用时 {time.perf_counter() - t:.1f} 秒。")
    return 0


def register(sub) -> None:
    # "summaries" was this command's first name; kept so existing scripts still run
    s = sub.add_parser("rollups", aliases=["summaries"], help="由明细数据重建汇总表（fact_summary）")
    s.add_argument("--db", help="数据库地址（默认：DATABASE_URL 或内置 SQLite）")
    s.set_defaults(func=cmd_rollups)
