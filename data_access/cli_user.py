"""``python -m data_access user add|list|disable|enable|password …``: accounts from the command line.

The password is read from a prompt (or standard input when it is not a terminal), never
from an argument, so it does not end up in the shell history or the process list.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from . import auth
from .config import database_url
from .db import open_database


def _read_password(confirm: bool = True) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    pw = getpass.getpass("密码：")
    if confirm and getpass.getpass("再次输入密码：") != pw:
        raise auth.AuthError("两次输入的密码不一致")
    return pw


def _engine(args: argparse.Namespace):
    return open_database(args.db or database_url()[0])


def cmd_user(args: argparse.Namespace) -> int:
    try:
        engine = _engine(args)
        if args.action == "list":
            with engine.connect() as conn:
                rows = auth.list_users(conn)
            print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
            return 0
        if not args.name:
            raise auth.AuthError("请给出用户名")
        with engine.begin() as conn:
            if args.action == "add":
                auth.add_user(conn, args.name, args.role, _read_password(), args.county, args.display_name, by="cli")
                print(f"已新增账号“{args.name}”。")
            elif args.action == "password":
                auth.set_password(conn, args.name, _read_password(), by="cli")
                print(f"已修改“{args.name}”的密码。")
            else:
                auth.set_active(conn, args.name, args.action == "enable", by="cli")
                print(f"已{'启用' if args.action == 'enable' else '停用'}账号“{args.name}”。")
        return 0
    except auth.AuthError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def register(sub: argparse._SubParsersAction) -> None:
    from .__main__ import run

    p = sub.add_parser("user", help="管理账号：add / list / disable / enable / password")
    p.add_argument("action", choices=("add", "list", "disable", "enable", "password"))
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=tuple(auth.ROLES), default="leadership")
    p.add_argument("--county", help="县(区)区划代码（county 角色必填；data_staff 填写即为县(区)数据管理员）")
    p.add_argument("--display-name")
    p.add_argument("--db")
    p.set_defaults(func=lambda a: run(cmd_user, a))
