"""``python -m data_access geo FILE --db URL``: validate a federation's own township
boundaries (GeoJSON keyed by division code) and load them, or refuse with the reasons
in Chinese and change nothing."""

from __future__ import annotations

import argparse
import getpass
import sys

from .config import database_url
from .db import check_connection, make_engine
from .geo_load import GeoError, load_file


def cmd_geo(args: argparse.Namespace) -> int:
    engine = make_engine(args.db or database_url()[0])
    check_connection(engine)
    try:
        r = load_file(engine, args.file, args.by or getpass.getuser())
    except GeoError as exc:
        print("错误：边界文件未载入，数据库未作任何改动。原因：", file=sys.stderr)
        for m in exc.messages:
            print(f"  - {m}", file=sys.stderr)
        return 1
    print(
        f"边界已载入（批次 {r.batch_id}）：新增 {r.shapes_added} 个、替换 {r.shapes_replaced} 个边界，"
        f"更新 {r.points_moved} 个村(社区)位置；数据版本 {r.data_version}。"
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("geo", help="校验并载入本地乡镇(街道)边界（GeoJSON，按区划代码）")
    s.add_argument("file", help="GeoJSON 文件（经纬度坐标，每个要素带12位区划代码 code）")
    s.add_argument("--db", help="数据库地址（默认：DATABASE_URL 或内置 SQLite）")
    s.add_argument("--by", help="载入人（默认：当前系统用户）")
    s.set_defaults(func=cmd_geo)
