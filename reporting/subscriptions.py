"""Sending subscriptions: what a recipient gets (:data:`CONTENTS`, scoped to the subscription's
county), by e-mail (smtplib; TLS and login as configured) and by a 政务钉钉 / 企业微信 group robot
(a JSON POST with a short text and the link). The tables, the lock and the log are
``data_access.subscriptions``; this module builds and sends.

python -m reporting subscriptions add --name 市领导 --content deck --schedule monthly --email a@x.gov.cn
python -m reporting subscriptions list
python -m reporting subscriptions run-due          # for cron or a systemd timer, on any number of servers
python -m reporting subscriptions send-now ID      # try one subscription now (a period of its own)

SMTP settings: ``CANLIAN_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_TLS`` (starttls | ssl
| none), ``_FROM``, or the ``[smtp]`` section of ``.streamlit/secrets.toml`` (host, port, user,
password, tls, sender). The link in a message: ``CANLIAN_PUBLIC_URL`` or ``[subscriptions]
public_url``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import smtplib
import socket
import ssl
import sys
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Connection, Engine, select

from data_access import subscriptions as subs
from data_access.config import ROOT
from data_access.filters import Filters
from data_access.models import Area, Subscription
from data_access.queries import available_years, city_name
from words.i18n import text


@dataclass(frozen=True)
class Attachment:
    file_name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class Content:
    """What a subscription sends: ``build(conn, filters, lang)`` gives the attachment and a
    short text (the message body, the robot's text)."""

    zh: str
    en: str
    build: Callable[[Connection, Filters, str], tuple[Attachment, str]]


def _area_title(conn: Connection, f: Filters) -> str:
    if f.counties:
        return "、".join(conn.execute(select(Area.name).where(Area.code.in_(f.counties))).scalars())
    return city_name(conn)


def _summary_lead(conn: Connection, f: Filters, lang: str) -> str:
    from .export import make_summary

    s = make_summary(conn, f, lang)
    first = next((x for x in s.sections if x.paragraph), None)
    return s.title + ("\n" + first.paragraph if first else "")


def _deck(conn: Connection, f: Filters, lang: str) -> tuple[Attachment, str]:
    from .export import deck_pdf, make_deck

    data = deck_pdf(make_deck(conn, f, lang))
    name = f"{text('subs_deck_file', lang)}-{_area_title(conn, f)}-{f.year}.pdf"
    return Attachment(name, "application/pdf", data), _summary_lead(conn, f, lang)


def _summary(conn: Connection, f: Filters, lang: str) -> tuple[Attachment, str]:
    from .export import make_summary, summary_docx

    s = make_summary(conn, f, lang)
    name = f"{text('subs_summary_file', lang)}-{_area_title(conn, f)}-{f.year}.docx"
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Attachment(name, mime, summary_docx(s.text(), lang)), _summary_lead(conn, f, lang)


# What a subscription may send. The 通报 is one more line here once reporting.circular exists:
#   "circular": Content("通报", "Circular", _circular),
CONTENTS: dict[str, Content] = {
    "deck": Content("汇报演示文稿（PDF）", "Presentation deck (PDF)", _deck),
    "summary": Content("书面总结（Word）", "Written summary (Word)", _summary),
}


# ------------------------------------------------------------------ settings


def _secrets(section: str) -> dict:
    path = ROOT / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return dict(tomllib.load(fh).get(section, {}))


def smtp_settings() -> dict:
    s = _secrets("smtp")
    env = os.environ.get
    return {
        "host": env("CANLIAN_SMTP_HOST") or s.get("host"),
        "port": int(env("CANLIAN_SMTP_PORT") or s.get("port") or 25),
        "user": env("CANLIAN_SMTP_USER") or s.get("user"),
        "password": env("CANLIAN_SMTP_PASSWORD") or s.get("password"),
        "tls": (env("CANLIAN_SMTP_TLS") or s.get("tls") or "starttls").lower(),
        "sender": env("CANLIAN_SMTP_FROM") or s.get("sender") or s.get("user"),
        "timeout": float(env("CANLIAN_SMTP_TIMEOUT") or s.get("timeout") or 30),
    }


def public_url() -> str:
    return os.environ.get("CANLIAN_PUBLIC_URL") or _secrets("subscriptions").get("public_url") or ""


def link(f: Filters) -> str:
    base = public_url()
    if not base:
        return ""
    q = {"year": f.year} | ({"county": ",".join(f.counties)} if f.counties else {})
    return base.rstrip("/") + "/?" + urllib.parse.urlencode(q)


# ------------------------------------------------------------------ channels


def send_email(to: list[str], subject: str, body: str, att: Attachment, settings: dict | None = None) -> str:
    """Send one message with its attachment; returns the server's words, raises on failure."""
    cfg = settings or smtp_settings()
    if not cfg["host"]:
        raise RuntimeError("未配置邮件服务器（CANLIAN_SMTP_HOST 或 secrets.toml 的 [smtp] host）")
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = cfg["sender"] or "canlian@localhost"
    msg["To"] = ", ".join(to)
    msg.set_content(body)
    maintype, subtype = att.mime.split("/", 1)
    msg.add_attachment(att.data, maintype=maintype, subtype=subtype, filename=att.file_name)
    context = ssl.create_default_context()
    if cfg["tls"] == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(cfg["host"], cfg["port"], timeout=cfg["timeout"], context=context)
    else:
        server = smtplib.SMTP(cfg["host"], cfg["port"], timeout=cfg["timeout"])
    with server:
        if cfg["tls"] == "starttls":
            server.starttls(context=context)
        if cfg["user"] and cfg["password"]:
            server.login(cfg["user"], cfg["password"])
        refused = server.send_message(msg)
    if refused:
        raise RuntimeError("邮件服务器拒收：" + "、".join(refused))
    return f"{len(to)} 个收件人，附件 {att.file_name}（{len(att.data) // 1024} KB）"


def send_webhook(url: str, kind: str, text: str, timeout: float = 15) -> str:
    """POST the robot's JSON (钉钉 and 企业微信 take the same text message); raises unless the
    answer is HTTP 200 with errcode 0."""
    payload = {"msgtype": "text", "text": {"content": text}}
    req = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            answer = resp.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"群机器人返回 HTTP {exc.code}") from None
    try:
        code = json.loads(answer).get("errcode", 0)
    except (ValueError, AttributeError):
        code = 0
    if code not in (0, "0"):
        raise RuntimeError(f"群机器人拒收：{answer[:200]}")
    return f"{subs.WEBHOOK_KINDS.get(kind, kind)} 已接收"


# ------------------------------------------------------------------ one delivery


def _filters(conn: Connection, county: str | None, period: str) -> Filters:
    """The recipient's scope (a county's subscription sees its county only) and the newest
    year with data up to the period's year."""
    years = available_years(conn)
    want = int(period[:4]) if period[:4].isdigit() else dt.date.today().year
    year = max([y for y in years if y <= want] or years or [want])
    counties = (county,) if county else ()
    return Filters(year=year, counties=counties, scope=counties or None)


def _error(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"邮件服务器登录失败（用户名或密码不对）：{exc.smtp_code}"
    if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError, urllib.error.URLError)):
        return f"连接失败：{exc}"
    return f"{type(exc).__name__}：{exc}"


def deliver(engine: Engine, c: subs.Claimed, worker: str, now: dt.datetime | None = None) -> str:
    """Build and send one claimed delivery; its outcome goes to the log. Returns the state."""
    try:
        with engine.connect() as conn:
            sub = conn.execute(select(Subscription).where(Subscription.id == c.subscription_id)).one()
            f = _filters(conn, sub.county_code, c.period)
            content = CONTENTS.get(sub.content)
            if content is None:
                raise RuntimeError(f"不支持的订阅内容“{sub.content}”，可选：{'、'.join(CONTENTS)}")
            att, lead = content.build(conn, f, sub.lang)
            area = _area_title(conn, f)
        lang = sub.lang
        url = link(f)
        subject = text("subs_subject", lang, area=area, what=getattr(content, lang), period=c.period)
        body = text("subs_body", lang, area=area, year=f.year, period=c.period, lead=lead, link=url or "—")
        if c.channel == "email":
            detail = send_email([a for a in (sub.emails or "").split(",") if a], subject, body, att)
        else:
            short = text("subs_robot", lang, subject=subject, lead=lead.split("\n")[0], link=url or "—")
            detail = send_webhook(sub.webhook_url, sub.webhook_kind, short)
    except Exception as exc:  # a delivery's failure is logged and retried; the run goes on
        return subs.finish(engine, c, worker, error=_error(exc), now=now)
    return subs.finish(engine, c, worker, detail=detail, now=now)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def run_due(engine: Engine, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue what is due and send every delivery this process claims (new ones and retries)."""
    queued = subs.enqueue_due(engine, now)
    me = worker_name()
    states = [deliver(engine, c, me, now) for c in subs.claim(engine, me, now)]
    return {"queued": queued, "sent": states.count("sent"), "failed": states.count("failed") + states.count("dead")}


def send_now(engine: Engine, sub_id: int, now: dt.datetime | None = None) -> list[str]:
    """Try a subscription at once: a period of its own ("now-…", never a scheduled one), sent by
    this process; returns the state of each channel."""
    now = now or dt.datetime.now().replace(microsecond=0)
    me = worker_name()
    ids = subs.enqueue(engine, sub_id, f"now-{now:%Y%m%d%H%M%S}", now)
    return [deliver(engine, c, me, now) for i in ids for c in subs.claim(engine, me, now, only=i)]


# ------------------------------------------------------------------ command line


def cli(argv: list[str]) -> int:
    """``python -m reporting subscriptions …`` (see the module's text)."""
    from data_access.config import database_url
    from data_access.db import DatabaseError, check_connection, make_engine

    p = argparse.ArgumentParser(prog="python -m reporting subscriptions", description="订阅：按时发送汇报材料")
    p.add_argument("--db", help="数据库地址（默认为已配置的数据库）")
    sub = p.add_subparsers(dest="action", required=True)
    a = sub.add_parser("add")
    a.add_argument("--name", required=True, help="订阅名称，如 市领导、青林县残联")
    a.add_argument("--content", choices=tuple(CONTENTS), required=True)
    a.add_argument("--schedule", choices=tuple(subs.SCHEDULES), default="monthly")
    a.add_argument("--county", help="县(区)代码：只发送该县(区)的材料；不给为全市")
    a.add_argument("--email", help="邮箱地址，多个用逗号分隔")
    a.add_argument("--webhook", help="群机器人地址")
    a.add_argument("--webhook-kind", choices=tuple(subs.WEBHOOK_KINDS), default="dingtalk")
    a.add_argument("--lang", choices=("zh", "en"), default="zh")
    a.add_argument("--by", default="命令行")
    sub.add_parser("list")
    sub.add_parser("run-due")
    n = sub.add_parser("send-now")
    n.add_argument("id", type=int)
    args = p.parse_args(argv)
    try:
        engine = make_engine(args.db or database_url()[0])
        check_connection(engine)
    except DatabaseError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    if args.action == "add":
        try:
            with engine.begin() as conn:
                new = subs.add_subscription(
                    conn, args.name, args.content, args.schedule, args.by, args.county, args.email,
                    args.webhook, args.webhook_kind, args.lang,
                )  # fmt: skip
        except subs.SubscriptionError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"已添加订阅 {new}：{args.name}")
        return 0
    if args.action == "list":
        with engine.connect() as conn:
            df = subs.subscriptions(conn)
        for r in df.itertuples():
            to = "；".join(x for x in (r.emails, r.webhook_url) if isinstance(x, str) and x)
            scope = r.county_name if isinstance(r.county_name, str) else "全市"
            print(f"{r.id}\t{r.name}\t{scope}\t{r.content}\t{r.schedule}\t{to}")
        return 0
    if args.action == "run-due":
        got = run_due(engine)
        print(f"新排队 {got['queued']} 份，发送成功 {got['sent']} 份，失败 {got['failed']} 份。")
        return 1 if got["failed"] else 0
    states = send_now(engine, args.id)
    print("、".join(subs.STATES.get(s, s) for s in states) or "该订阅没有邮箱或群机器人地址")
    return 0 if states and all(s == "sent" for s in states) else 1
