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
from sqlalchemy import inspect, text

from . import catalog, queries
from .config import database_url
from .db import DatabaseError, check_connection, is_empty, make_engine, open_database, safe_url
from .demo.generator import SCALES
from .filters import Filters


def _db(args: argparse.Namespace) -> str:
    return args.db or database_url()[0]


def _revision(url: str) -> str | None:
    """The schema's migration before ``init`` (None: a brand-new database, no schema yet)."""
    engine = make_engine(url)
    check_connection(engine)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def cmd_init(args: argparse.Namespace) -> int:
    url = _db(args)
    before = _revision(url)
    engine = open_database(url)
    with engine.connect() as conn:
        after = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if before is None:  # issue 29: a new file was told its schema "is already the newest"
        print(f"已创建数据库结构（{after}）：{safe_url(url)}。")
    elif before != after:
        print(f"数据库结构已从 {before} 升级到 {after}。")
    else:
        print(f"数据库结构已是最新（{after}）。")
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
    the year before's value, rounded as the tiles show them (``complete_figures.kpis_complete``:
    None for a figure no county has reported, never 0 or last year's), and, on partial
    data, ``coverage`` ('7/8 县(区)'), ``missing`` (the counties), ``change`` computed like
    for like with the counties ``left_out`` of it; ``doubt`` where a rule doubts a figure."""
    from .complete_figures import kpis_complete

    k = kpis_complete(conn, f, codes)

    def num(v, d):
        return None if pd.isna(v) else round(float(v), d)

    out = {}
    for r in k.itertuples():
        d = int(r.decimals)
        row = {"name": r.name_zh, "unit": r.unit_zh, "value": num(r.value, d), "previous": num(r.previous, d)}
        if r.coverage or r.partial or r.left_out:
            row |= {
                "coverage": r.coverage,
                "missing": r.missing,
                "partial": r.partial,
                "change": num(r.change, d),
                "change_pct": num(r.change_pct, 1),
                "compared_counties": int(r.n_compared),
                "left_out": r.left_out,
            }
        if r.doubt:
            row["doubt"] = r.doubt
        out[r.code] = row
    return out


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
    with engine.connect() as conn:
        from .complete_figures import data_status

        ds = data_status(conn, f)
    out = {
        "year": args.year,
        "counties": list(f.counties) or "全市",
        "data_as_of": ds.as_of_text("zh"),
        "counties_reported": f"{ds.n_present}/{ds.n_expected}",
        "figures": data,
        "plan": plan["targets"],
    }
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
