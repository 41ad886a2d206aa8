"""Command line: ``python -m data_access init|demo|overview …`` (and the ``cli_*.py`` commands).

Examples::

    python -m data_access init --db sqlite:///data/canlian.sqlite
    python -m data_access demo --db postgresql://localhost/test --scale city --seed 2025
    python -m data_access overview --db sqlite:///data/canlian.sqlite --year 2025 --county 990103000000
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

import pandas as pd

from . import catalog, queries
from .config import database_url
from .db import DatabaseError, check_connection, is_empty, make_engine, open_database
from .demo.generator import SCALES
from .filters import Filters


def _db(args: argparse.Namespace) -> str:
    return args.db or database_url()[0]


def cmd_init(args: argparse.Namespace) -> int:
    open_database(_db(args))
    print("数据库结构已是最新。")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import load_demo

    engine = open_database(_db(args))
    with engine.connect() as conn:
        if not is_empty(conn) and not args.force:
            print("数据库中已有数据，未载入示例数据（如确需追加，请用空库）。", file=sys.stderr)
            return 1
    t = time.perf_counter()
    batch = load_demo(engine, args.scale, args.seed)
    print(
        f"示例数据已载入（规模 {args.scale}，种子 {args.seed}，批次 {batch}，用时 {time.perf_counter() - t:.1f} 秒）。"
    )
    return 0


def overview_figures(conn, f: Filters, codes) -> dict:
    """The Overview's headline figures as plain data: per code its name, unit, value and
    the year before's value, rounded as the tiles show them (``queries.kpis``)."""
    k = queries.kpis(conn, f, codes)
    return {
        r.code: {
            "name": r.name_zh,
            "unit": r.unit_zh,
            "value": None if pd.isna(r.value) else round(float(r.value), int(r.decimals)),
            "previous": None if pd.isna(r.previous) else round(float(r.previous), int(r.decimals)),
        }
        for r in k.itertuples()
    }


def cmd_overview(args: argparse.Namespace) -> int:
    engine = make_engine(_db(args))
    check_connection(engine)
    f = Filters(year=args.year, counties=tuple(args.county or ()))
    with engine.connect() as conn:
        d = queries.indicator_dictionary(conn, visible_only=True)
        # the federation's own indicators (loaded as a dictionary file) follow the Overview's
        own = tuple(c for c in d.loc[d["batch_id"].notna(), "code"] if c not in catalog.OVERVIEW_CODES)
        data = overview_figures(conn, f, catalog.OVERVIEW_CODES + own)
        plan = queries.plan_summary(conn, f, catalog.OVERVIEW_CODES)
    for code, target in plan["figures"].items():
        data[code]["target"] = target  # the plan target of a figure, with attainment and projection
    out = {"year": args.year, "counties": list(f.counties) or "全市", "figures": data, "plan": plan["targets"]}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def run(func, args: argparse.Namespace) -> int:
    """Shared error handling for commands: a DatabaseError is printed in Chinese, exit 2."""
    try:
        return func(args)
    except DatabaseError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m data_access", description="残联工作数据看板：数据库命令")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("init", help="创建或升级数据库结构")
    s.add_argument("--db", help="数据库地址（默认：DATABASE_URL 或内置 SQLite）")
    s.set_defaults(func=cmd_init)
    s = sub.add_parser("demo", help="载入示例市数据")
    s.add_argument("--db")
    s.add_argument("--scale", choices=tuple(SCALES), default="city")
    s.add_argument("--seed", type=int, default=2025)
    s.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_demo)
    # "summary", then "figures", were this command's names; both kept so existing scripts still run
    s = sub.add_parser("overview", aliases=["figures", "summary"], help="以 JSON 输出总览页的主要数字")
    s.add_argument("--db")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--county", action="append", help="县(区)区划代码，可重复")
    s.set_defaults(func=cmd_overview)
    # further commands live beside their code: data_access/cli_*.py, each with register(sub)
    for mod in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if mod.name.startswith("cli_"):
            importlib.import_module(f"{__package__}.{mod.name}").register(sub)
    args = p.parse_args(argv)
    return run(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
