"""Command line for the deck and the written summary.

python -m reporting deck --db URL --year 2025 [--county CODE] --format pptx|pdf --out FILE
python -m reporting summary --db URL --year 2025 [--county CODE] [--lang en] [--format txt|docx] --out FILE
python -m reporting analysis --db URL --year 2025 [--county CODE] [--lang en] [--format txt|docx] --out FILE
python -m reporting circular --db URL --year 2025 [--period 9] [--date 2026-01-15] --format docx|pdf|txt --out FILE
python -m reporting samples --db URL [--year 2025] --out docs/samples   # the committed samples, zh and en
python -m reporting subscriptions add|list|run-due|send-now …          # scheduled sending (reporting/subscriptions.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from data_access.config import database_url
from data_access.db import DatabaseError, check_connection, make_engine
from data_access.filters import Filters

from .export import deck_pdf, deck_pptx, issuer_name, make_deck, make_summary, summary_docx


def _filters(args: argparse.Namespace) -> Filters:
    counties = tuple(c for arg in args.county or () for c in arg.replace("，", ",").split(",") if c)
    return Filters(year=args.year, counties=counties)


def cmd_deck(args: argparse.Namespace, engine) -> int:
    t = time.perf_counter()
    with engine.connect() as conn:
        deck = make_deck(
            conn,
            _filters(args),
            args.lang,
            assessment=args.assessment,
            quality_slide=args.quality_slide,
            gap_slide=args.gap_slide,
        )
    data = deck_pptx(deck) if args.format == "pptx" else deck_pdf(deck)
    Path(args.out).write_bytes(data)
    print(
        f"已生成 {args.out}（{len(deck.slides)} 页，{len(data) // 1024} KB，用时 {time.perf_counter() - t:.1f} 秒）。"
    )
    return 0


def _issuer(conn, lang: str) -> str:
    from data_access import queries

    return issuer_name(queries.city_name(conn), lang)


def cmd_summary(args: argparse.Namespace, engine) -> int:
    with engine.connect() as conn:
        s = make_summary(conn, _filters(args), args.lang)
        issuer = _issuer(conn, args.lang)
    if args.format == "docx":
        Path(args.out).write_bytes(summary_docx(s.text(), args.lang, issuer=issuer))
    elif args.out == "-":
        sys.stdout.write(s.text())
        return 0
    else:
        Path(args.out).write_text(s.text(), encoding="utf-8")
    print(f"已生成 {args.out}（{len(s.facts)} 个数字，{len(s.sections)} 个部分）。")
    return 0


def cmd_analysis(args: argparse.Namespace, engine) -> int:
    from .analysis import make_analysis

    with engine.connect() as conn:
        a = make_analysis(conn, _filters(args), args.lang)
        issuer = _issuer(conn, args.lang)
    text = a.text()
    if args.format == "docx":
        Path(args.out).write_bytes(summary_docx(text, args.lang, issuer=issuer))
    elif args.out == "-":
        sys.stdout.write(text)
        return 0
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    print(f"已生成 {args.out}（{len(text)} 字符，{len(a.facts)} 个数字）。")
    return 0


def cmd_circular(args: argparse.Namespace, engine) -> int:
    from .circular import circular_docx, circular_pdf, make_circular
    from .convert import ConvertError

    month = _period(args.period)
    issued = dt.date.fromisoformat(args.date) if args.date else None
    with engine.connect() as conn:
        c = make_circular(conn, args.year, month, issued)
    if args.format == "txt":
        if args.out == "-":
            sys.stdout.write(c.text())
            return 0
        Path(args.out).write_text(c.text(), encoding="utf-8")
    elif args.format == "docx":
        Path(args.out).write_bytes(circular_docx(c))
    else:
        try:
            Path(args.out).write_bytes(circular_pdf(c))
        except ConvertError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    print(f"已生成 {args.out}（{c.title}；表扬 {len(c.praised)} 个、限期整改 {len(c.to_rectify)} 个县(区)）。")
    return 0


def _period(text: str | None) -> int:
    """--period: the last month the 通报 covers ("9", "1-9", "1—9月"); none: the whole year."""
    if not text:
        return 12
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    if not digits or not 1 <= int(digits[-1]) <= 12:
        raise SystemExit(f"--period 应为 1 至 12 的月份（通报截至该月），收到“{text}”。")
    return int(digits[-1])


SAMPLES = ("year-end-summary", "statistical-analysis")


def sample_date(year: int) -> dt.date:
    """The date the committed samples are signed on (fixed, so they do not change every day)."""
    return dt.date(year, 12, 31)


def write_samples(conn, year: int, out: Path) -> list[Path]:
    """The year-end summary and the statistical analysis of the whole city, zh and en, and the
    通报 (zh), as .txt and .docx signed by the federation: ``docs/samples`` holds the demo city's 2025 (a test
    keeps them current)."""
    from .analysis import make_analysis

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in ("zh", "en"):
        texts = {
            "year-end-summary": make_summary(conn, Filters(year), lang).text(),
            "statistical-analysis": make_analysis(conn, Filters(year), lang).text(),
        }
        for name in SAMPLES:
            txt = out / f"{name}.{lang}.txt"
            txt.write_text(texts[name], encoding="utf-8")
            docx = out / f"{name}.{lang}.docx"
            docx.write_bytes(summary_docx(texts[name], lang, issuer=_issuer(conn, lang), date=sample_date(year)))
            written += [txt, docx]
    from .circular import circular_docx, make_circular

    c = make_circular(conn, year, 12, circular_date(year))
    (out / f"circular-{year}.zh.txt").write_text(c.text(), encoding="utf-8")
    (out / f"circular-{year}.zh.docx").write_bytes(circular_docx(c))
    return [*written, out / f"circular-{year}.zh.txt", out / f"circular-{year}.zh.docx"]


def circular_date(year: int) -> dt.date:
    """The committed 通报 is dated mid-January after its year (the reports then due are in)."""
    return dt.date(year + 1, 1, 15)


def cmd_samples(args: argparse.Namespace, engine) -> int:
    with engine.connect() as conn:
        files = write_samples(conn, args.year, Path(args.out))
    print(f"已生成 {len(files)} 个文件于 {args.out}。")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["subscriptions"]:  # python -m reporting subscriptions add|list|run-due|send-now (issue 32)
        from .subscriptions import cli

        return cli(argv[1:])
    p = argparse.ArgumentParser(prog="python -m reporting", description="汇报材料：演示文稿与书面总结")
    sub = p.add_subparsers(dest="cmd", required=True)
    for name, fmts in (("deck", ("pptx", "pdf")), ("summary", ("txt", "docx")), ("analysis", ("txt", "docx"))):
        sp = sub.add_parser(name)
        sp.add_argument("--db", help="数据库地址（默认为已配置的数据库）")
        sp.add_argument("--year", type=int, required=True)
        sp.add_argument("--county", action="append", help="县(区)代码，可多次给出或用逗号分隔；不给为全市")
        sp.add_argument("--lang", choices=("zh", "en"), default="zh")
        sp.add_argument("--format", choices=fmts, default=fmts[0])
        sp.add_argument("--out", required=True, help="输出文件（summary 可用 - 输出到屏幕）")
        if name == "deck":
            sp.add_argument("--assessment", action="store_true", help="加一页县(区)年度目标考核")
            sp.add_argument("--quality-slide", action="store_true", help="加一页数据质量（报送与审核）")
            sp.add_argument("--gap-slide", action="store_true", help="加一页整改台账（缺口的整改进度）")
    sp = sub.add_parser("circular", help="通报：县(区)考核排名、报送情况、下降指标、目标差距、待核实数据")
    sp.add_argument("--db", help="数据库地址（默认为已配置的数据库）")
    sp.add_argument("--year", type=int, required=True)
    sp.add_argument("--period", help="通报截至的月份，如 9 或 1-9（默认全年，含考核排名）")
    sp.add_argument("--date", help="成文日期 YYYY-MM-DD（默认今天；报送情况按此日计算）")
    sp.add_argument("--format", choices=("docx", "pdf", "txt"), default="docx")
    sp.add_argument("--out", required=True, help="输出文件（txt 可用 - 输出到屏幕）")
    sp = sub.add_parser("samples")
    sp.add_argument("--db", help="数据库地址（默认为已配置的数据库）")
    sp.add_argument("--year", type=int, default=2025)
    sp.add_argument("--out", required=True, help="输出目录")
    args = p.parse_args(argv)
    try:
        engine = make_engine(args.db or database_url()[0])
        check_connection(engine)
    except DatabaseError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    try:
        commands = {
            "deck": cmd_deck,
            "summary": cmd_summary,
            "analysis": cmd_analysis,
            "circular": cmd_circular,
            "samples": cmd_samples,
        }
        return commands[args.cmd](args, engine)
    except SQLAlchemyError as exc:
        print(
            f"读取数据库失败（是否已建库并载入数据？可先运行 python -m data_access init）：{type(exc).__name__}",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
