"""Commands for reporting and data quality: ``status``, ``check``, ``approve``, ``return``, ``unlock``.

python -m data_access status  --period 2025 [--report monthly] [--as-of 2026-01-15]
python -m data_access check   --year 2025 [--county 990103000000]      # exit 1 if any error
python -m data_access approve --report 月报 --period 2025-03 --county 990103000000 [--reason …]
python -m data_access return  --report 月报 --period 2025-12 --county 990104000000 --reason "…"
python -m data_access unlock  --report 月报 --period 2025-03 --county 990103000000 --reason "…"
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys

from words.i18n import text

from . import queries
from .config import database_url
from .db import check_connection, make_engine, open_database
from .filters import Filters
from .quality import approval
from .quality.periods import parse_period


def _db(args: argparse.Namespace) -> str:
    return args.db or database_url()[0]


def _as_of(args) -> dt.date | None:
    return dt.date.fromisoformat(args.as_of) if getattr(args, "as_of", None) else None


def cmd_status(args: argparse.Namespace) -> int:
    year, _, _ = parse_period(args.period)
    engine = make_engine(_db(args))
    check_connection(engine)
    f = Filters(year=year, counties=tuple(args.county or ()))
    with engine.connect() as conn:
        status = queries.quality_status(conn, f, args.report, _as_of(args))
        summary = queries.quality_summary(conn, f, args.report, _as_of(args))
        missing = queries.quality_missing(conn, f, args.report, _as_of(args))
    if status.empty:
        print(f"{year} 年没有已结束的报送期。")
        return 0
    for (code, name), part in status.groupby(["report", "report_zh"], sort=False):
        part = part.assign(mark=[text(f"quality_mark_{s}", "zh") for s in part["status"]])
        grid = part.pivot_table(index="county", columns="column", values="mark", aggfunc="first", sort=False)
        grid = grid[list(dict.fromkeys(part["column"]))]
        print(f"\n{name}（{code}）{year} 年")
        print(grid.to_string())
        s = summary[summary["report"] == code]
        print(
            f"应报 {int(s['expected'].sum())}，已报 {int(s['submitted'].sum())}（按时 {int(s['on_time'].sum())}，"
            f"逾期 {int(s['late'].sum())}），未报 {int(s['missing'].sum())}，已审核 {int(s['approved'].sum())}"
        )
    print("\n图例：✓ 按时　⏱ 逾期　✗ 未报　… 未到期")
    if len(missing):
        print("\n未报清单：")
        for r in missing.itertuples():
            print(f"  {r.county} {r.period_label}{r.report_zh}：截止 {r.deadline}，已逾期 {r.days_late} 天")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    engine = make_engine(_db(args))
    check_connection(engine)
    f = Filters(year=args.year, counties=tuple(args.county or ()))
    with engine.connect() as conn:
        df = queries.quality_violations(conn, f, _as_of(args))
    errors = int((df["级别"] == "错误").sum())
    for r in df.itertuples(index=False):
        print(f"{r[0]}　{r[1]}：{r[6]}")
    print(f"{args.year} 年数据校验：错误 {errors} 条，警告 {len(df) - errors} 条。")
    return 1 if errors else 0


def _decide(args: argparse.Namespace, fn) -> int:
    try:
        year, no, _ = parse_period(args.period)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    engine = open_database(_db(args))
    user = args.user or os.environ.get("USER") or getpass.getuser() or "命令行"
    try:
        with engine.begin() as conn:
            rep = approval.find_report(conn, args.report)
            no = approval.period_no(rep, year, no)
            fn(conn, rep, args.county, year, no, user, args.reason or "")
    except approval.ApprovalError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    done = {approval.approve: "已审核通过并锁定", approval.return_submission: "已退回", approval.unlock: "已解锁"}[fn]
    print(f"{args.county} {args.period} {rep.name_zh}{done}（已记入审计日志）。")
    return 0


def register(sub) -> None:
    s = sub.add_parser("status", help="报送情况：县(区) × 报送期（✓ 按时 ⏱ 逾期 ✗ 未报）")
    s.add_argument("--db")
    s.add_argument("--period", required=True, help="年度，如 2025")
    s.add_argument("--report", help="只看一种报表（代码，如 monthly）")
    s.add_argument("--county", action="append", help="县(区)区划代码，可重复")
    s.add_argument("--as-of", help="按哪一天判断（默认今天），如 2026-01-15")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("check", help="按校验规则检查一年的数据；有错误时退出码为 1")
    s.add_argument("--db")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--county", action="append", help="县(区)区划代码，可重复")
    s.add_argument("--as-of", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_check)

    for name, fn, help_, need_reason in (
        ("approve", approval.approve, "审核通过一个县(区)某期报表（随即锁定）", False),
        ("return", approval.return_submission, "退回一个县(区)某期报表（须写明原因）", True),
        ("unlock", approval.unlock, "解锁已审核的报送期以便更正（须写明原因）", True),
    ):
        s = sub.add_parser(name, help=help_)
        s.add_argument("--db")
        s.add_argument("--report", required=True, help="报表代码或名称，如 monthly 或 月报")
        s.add_argument("--period", required=True, help="报送期，如 2025-03（月报）或 2025（快报、年报）")
        s.add_argument("--county", required=True, help="县(区)区划代码")
        s.add_argument("--reason", required=need_reason, help="原因（退回、解锁必填）")
        s.add_argument("--user", help="记入审计日志的操作人（默认：当前系统用户）")
        s.set_defaults(func=lambda a, fn=fn: _decide(a, fn))
