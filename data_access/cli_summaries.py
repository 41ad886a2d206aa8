"""``python -m data_access summaries [--db URL]``: rebuild the summary tables from the facts.

Every load keeps them current by itself (``data_access.summaries``); this is for after a
hand edit in SQL, a restore from an old backup, or when in doubt.
"""

from __future__ import annotations

import argparse
import time

from .config import database_url
from .db import open_database, unbounded
from .summaries import rebuild_summaries


def cmd_summaries(args: argparse.Namespace) -> int:
    engine = open_database(args.db or database_url()[0])
    t = time.perf_counter()
    with engine.begin() as conn:
        unbounded(conn)
        n = rebuild_summaries(conn)
    print(f"汇总表已重建：{n} 行，用时 {time.perf_counter() - t:.1f} 秒。")
    return 0


def register(sub) -> None:
    s = sub.add_parser("summaries", help="由明细数据重建汇总表（fact_summary）")
    s.add_argument("--db", help="数据库地址（默认：DATABASE_URL 或内置 SQLite）")
    s.set_defaults(func=cmd_summaries)
