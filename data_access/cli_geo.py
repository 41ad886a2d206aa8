"""``python -m data_access geo FILE --db URL [--strict]``: match a boundary file (DataV
GeoAtlas or plain GeoJSON) to the official division list, print the report — every
feature matched by code / by code history / by name (to which code) / not matched and
why, every official unit left without a polygon — and load the matched features (exit 0).
With ``--strict`` any unmatched feature refuses the whole file; a refusal changes nothing
(exit 1)."""

from __future__ import annotations

import argparse
import getpass
import sys

from .config import database_url
from .crs import SYSTEMS
from .db import check_connection, make_engine
from .geo_load import GeoError, GeoReport, load_file, status_text


def print_report(report: GeoReport, out=None) -> None:
    out = out or sys.stdout
    print(report.summary("zh"), file=out)
    print(report.system_line("zh"), file=out)
    for m in report.features:
        target = f" → {m.code} {m.area_name}" if m.code else ""
        why = f"（{m.why('zh')}）" if m.reasons else ""
        status = status_text(m.status, "zh")
        print(f"  {m.index:>4}. {m.name or '（无名称）'} {m.file_code}：{status}{target}{why}", file=out)
    if report.missing:
        print(f"没有边界的区划 {len(report.missing)} 个：", file=out)
        for code, name, kind in report.missing:
            print(f"  - {code} {name}（{kind}）", file=out)
    print_redistricting(report, out)


def print_redistricting(report: GeoReport, out) -> None:
    """Merges unioned, possible splits, the 区划代码变更 rows to write, offsets and village points outside."""
    for line in report.merged_lines("zh") + report.split_lines("zh") + report.note_lines("zh"):
        print(line, file=out)
    rows = report.suggested_changes()
    if not rows.empty:
        print(f"建议写入区划代码变更 {len(rows)} 行（填上变更年度后按“区划代码变更”导入）：", file=out)
        print("  " + ",".join(rows.columns), file=out)
        for r in rows.itertuples(index=False):
            print("  " + ",".join("" if v is None else str(v) for v in r), file=out)


def cmd_geo(args: argparse.Namespace) -> int:
    engine = make_engine(args.db or database_url()[0])
    check_connection(engine)
    try:
        r = load_file(engine, args.file, args.by or getpass.getuser(), strict=args.strict, system=args.crs)
    except GeoError as exc:
        print("错误：边界文件未载入，数据库未作任何改动。原因：", file=sys.stderr)
        for m in exc.lines("zh"):
            print(f"  - {m}", file=sys.stderr)
        return 1
    if r.report is not None:
        print_report(r.report)
    print(
        f"边界已载入（批次 {r.batch_id}）：新增 {r.shapes_added} 个、替换 {r.shapes_replaced} 个边界，"
        f"更新 {r.points_moved} 个村(社区)位置；数据版本 {r.data_version}。"
    )
    if r.report is not None and r.report.not_loaded:
        print(f"未载入 {len(r.report.not_loaded)} 个要素（原因见上表）。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("geo", help="匹配并载入县(区)、乡镇(街道)边界（DataV GeoAtlas 或 GeoJSON）")
    s.add_argument(
        "file", help="GeoJSON 文件（经纬度坐标；要素属性 adcode / code / 区划代码 为 6、9 或 12 位代码，或名称）"
    )
    s.add_argument("--db", help="数据库地址（默认：DATABASE_URL 或内置 SQLite）")
    s.add_argument("--by", help="载入人（默认：当前系统用户）")
    s.add_argument("--strict", action="store_true", help="有任何要素未能匹配时整份文件不载入")
    s.add_argument(
        "--crs",
        choices=SYSTEMS,
        help="文件的坐标系（默认：按文件声明；DataV GeoAtlas 文件为 GCJ-02；其余按 WGS-84）；GCJ-02 载入时转换为 WGS-84",
    )
    s.set_defaults(func=cmd_geo)
