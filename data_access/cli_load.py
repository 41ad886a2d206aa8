"""Commands for data management: ``template``, ``import`` and ``export``.

    python -m data_access template legal_aid --out 法律援助案件模板.xlsx
    python -m data_access import 案件.xlsx --db sqlite:///data/canlian.sqlite [--kind legal_aid] [--dry-run]
    python -m data_access export legal_aid --db URL [--county 990101000000] [--year 2025] --out 案件.csv

``import`` exits 0 when the file loads (or would load, with ``--dry-run``) and 1 with
the table of problems when it is refused; nothing of a refused file is written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from .config import database_url
from .db import check_connection, make_engine, open_database
from .filters import Filters
from .loading import BUNDLES, KINDS, csv_bytes, export_frames, load_file, table_frame, template_bytes, xlsx_bytes


def _db(args: argparse.Namespace) -> str:
    return args.db or database_url()[0]


def _kinds_help() -> str:
    return "；".join(f"{k.name}={k.zh}" for k in KINDS.values())


def cmd_template(args: argparse.Namespace) -> int:
    out = Path(args.out or f"{KINDS[args.kind].zh}模板.xlsx")
    out.write_bytes(template_bytes(args.kind))
    print(f"已生成模板：{out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 1
    engine = open_database(_db(args))
    user = args.user or os.environ.get("USER") or getpass.getuser() or "命令行"
    scope, period = _account_scope(engine, user), None
    if args.period:
        from .quality.periods import parse_period

        try:
            year, no, _ = parse_period(args.period)
        except ValueError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        period = (year, no)
    res = load_file(
        engine,
        path.read_bytes(),
        path.name,
        user,
        kind=args.kind,
        dry_run=args.dry_run,
        scope=scope,
        report=args.report,
        period=period,
        city=args.city,
    )
    for w in res.warnings:
        print(f"提示：{w}", file=sys.stderr)
    if not res.ok:
        print(res.summary_zh(), file=sys.stderr)
        print(res.problems_frame("zh").to_string(index=False), file=sys.stderr)
        if args.errors:
            Path(args.errors).write_bytes(csv_bytes(res.problems_frame("zh")))
            print(f"问题清单已保存：{args.errors}", file=sys.stderr)
        return 1
    print(("（试运行，未写入）" if args.dry_run else "") + res.summary_zh())
    return 0


def _account_scope(engine, user: str) -> tuple[str, ...] | None:
    """A county's data staff account loads under its county's scope, from here as in the app."""
    from sqlalchemy import select

    from .auth import Principal
    from .models import User

    with engine.connect() as conn:
        u = conn.execute(select(User.role, User.county_code).where(User.username == user, User.active == 1)).first()
    return Principal(user, u.role, u.county_code).scope if u is not None and u.role == "data_staff" else None


def cmd_export(args: argparse.Namespace) -> int:
    engine = make_engine(_db(args))
    check_connection(engine)
    out = Path(args.out)
    with engine.connect() as conn:
        if args.kind in KINDS:
            frames = {KINDS[args.kind].zh: table_frame(conn, args.kind, county=args.county, year=args.year)}
        else:
            if args.year is None:
                print("错误：导出页面数据须指定 --year。", file=sys.stderr)
                return 1
            f = Filters(year=args.year, year_from=args.year_from, counties=(args.county,) if args.county else ())
            frames = export_frames(conn, f, BUNDLES[args.kind])
    if out.suffix.lower() == ".csv":
        if len(frames) > 1:
            for name, df in frames.items():
                p = out.with_name(f"{out.stem}_{name}.csv")
                p.write_bytes(csv_bytes(df))
                print(f"已导出 {len(df)} 行：{p}")
            return 0
        df = next(iter(frames.values()))
        out.write_bytes(csv_bytes(df))
    else:
        out.write_bytes(xlsx_bytes(frames))
    print(f"已导出 {sum(len(d) for d in frames.values())} 行：{out}")
    return 0


def register(sub) -> None:
    s = sub.add_parser("template", help="生成 Excel 导入模板")
    s.add_argument("kind", choices=list(KINDS), help=_kinds_help())
    s.add_argument("--out", help="输出文件（.xlsx）")
    s.set_defaults(func=cmd_template)

    s = sub.add_parser("import", help="导入 Excel/CSV 文件（全部通过才写入）")
    s.add_argument("file")
    s.add_argument("--db")
    s.add_argument("--kind", choices=list(KINDS), help="数据类别（默认按工作表名和列名判断）")
    s.add_argument("--dry-run", action="store_true", help="只检查并预览，不写入")
    s.add_argument("--city", help="全国区划代码名单只导入本市的行：本市代码（如 1408 或 140800000000）")
    s.add_argument("--user", help="记入导入记录的导入人（默认：当前系统用户）")
    s.add_argument("--errors", help="把问题清单另存为 CSV")
    s.add_argument("--report", help="作为哪种报表报送（代码或名称，如 月报）")
    s.add_argument("--period", help="报送期，如 2025-03（月报）或 2025（快报、年报）")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("export", help="导出整表（导入格式）或页面数据（如 overview）")
    s.add_argument("kind", choices=[*KINDS, *BUNDLES], help=_kinds_help() + "；overview=总览页数据")
    s.add_argument("--db")
    s.add_argument("--county", help="县(区)区划代码")
    s.add_argument("--year", type=int)
    s.add_argument("--year-from", type=int, help=argparse.SUPPRESS)
    s.add_argument("--out", required=True, help="输出文件（.xlsx 或 .csv）")
    s.set_defaults(func=cmd_export)
