"""Subscriptions on real databases: the run delivers the right scoped attachment once to a
local SMTP server (started here, with login) and to a local group-robot webhook; a failed
delivery is logged, retried and then sent; one sender among many (the claim is a lock).
Nothing leaves the machine: both servers listen on 127.0.0.1 (ports 8700-8719)."""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import delete

from data_access import subscriptions as subs
from data_access.models import Delivery, Subscription
from reporting.subscriptions import run_due, send_now

SMTP_PORT, HOOK_PORT = 8711, 8712
NOW = dt.datetime(2026, 12, 15, 9, 0)  # the November 月报 is due on 10 December: period 2026-11
QINGLIN, ZHONGJIANG = "990103000000", "990101000000"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _auth(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"canlian" and auth_data.password == b"s3cret-pass"
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    ctl = Controller(  # login without TLS: loopback only (aiosmtpd warns)
        inbox,
        hostname="127.0.0.1",
        port=SMTP_PORT,
        authenticator=_auth,
        auth_require_tls=False,
        auth_required=True,
    )
    ctl.start()
    for k, v in {
        "CANLIAN_SMTP_HOST": "127.0.0.1",
        "CANLIAN_SMTP_PORT": str(SMTP_PORT),
        "CANLIAN_SMTP_USER": "canlian",
        "CANLIAN_SMTP_PASSWORD": "s3cret-pass",
        "CANLIAN_SMTP_TLS": "none",
        "CANLIAN_SMTP_TIMEOUT": "10",
        "CANLIAN_SMTP_FROM": "dashboard@canlian.test",
        "CANLIAN_PUBLIC_URL": "http://dashboard.canlian.test/",
    }.items():
        monkeypatch.setenv(k, v)
    yield inbox
    ctl.stop()


class Hook:
    """A group robot on loopback: records each POST; answers HTTP 500 while ``failing`` > 0."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.failing = 0
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if hook.failing > 0:
                    hook.failing -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                hook.posts.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"errcode":0,"errmsg":"ok"}')

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", HOOK_PORT), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    url = f"http://127.0.0.1:{HOOK_PORT}/robot/send?access_token=test"


@pytest.fixture
def hook():
    h = Hook()
    yield h
    h.server.shutdown()
    h.server.server_close()


@pytest.fixture
def db(demo_db):
    eng = demo_db.engine
    yield eng
    with eng.begin() as conn:  # the demo database is shared by the session: leave it as found
        conn.execute(delete(Delivery))
        conn.execute(delete(Subscription))


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_a_county_subscription_is_delivered_scoped_and_once(db, smtp, hook):
    with db.begin() as conn:
        sid = subs.add_subscription(
            conn, "青林县残联", "summary", "monthly", "管理员", QINGLIN, "leader@qinglin.test",
            hook.url, "wecom",
        )  # fmt: skip
    got = run_due(db, NOW)
    assert got == {"queued": 2, "sent": 2, "failed": 0}
    # e-mail: one message, the county's summary attached, nothing of another county
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert msg["To"] == "leader@qinglin.test" and "青林县" in msg["Subject"] and "2026-11" in msg["Subject"]
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "书面总结-青林县-2025.docx"
    text = _docx_text(att.get_content())
    # the 公文 title breaks at a phrase (GB/T 9704): read it as one line
    assert "青林县2025年残疾人事业工作总结" in text.replace("\n", "") and "中江区" not in text and "示例市" not in text
    assert "http://dashboard.canlian.test/?year=2025&county=990103000000" in msg.get_body(("plain",)).get_content()
    # the robot: one short text with the link
    assert len(hook.posts) == 1 and hook.posts[0]["msgtype"] == "text"
    assert "青林县" in hook.posts[0]["text"]["content"] and "county=990103000000" in hook.posts[0]["text"]["content"]
    # run again (another timer, another server): nothing is sent twice
    assert run_due(db, NOW + dt.timedelta(hours=1)) == {"queued": 0, "sent": 0, "failed": 0}
    assert (len(smtp.messages), len(hook.posts)) == (1, 1)
    with db.connect() as conn:
        log = subs.deliveries(conn)
    assert sorted(zip(log["channel"], log["state"], log["period"], strict=True)) == [
        ("email", "sent", "2026-11"),
        ("webhook", "sent", "2026-11"),
    ]
    assert sid in set(pd_ids(db))


def pd_ids(db):
    with db.connect() as conn:
        return list(subs.subscriptions(conn)["id"])


def test_a_failed_delivery_is_logged_retried_and_sent(db, smtp, hook):
    with db.begin() as conn:
        subs.add_subscription(
            conn, "市领导群", "summary", "weekly", "管理员", webhook_url=hook.url, webhook_kind="dingtalk"
        )
    hook.failing = 1
    assert run_due(db, NOW) == {"queued": 1, "sent": 0, "failed": 1}
    with db.connect() as conn:
        row = subs.deliveries(conn).iloc[0]
    assert (row["state"], row["attempts"], row["period"]) == ("failed", 1, "2026-W50")
    assert "HTTP 500" in row["last_error"]
    # not retried before its pause is over, then sent
    assert run_due(db, NOW + dt.timedelta(minutes=1))["sent"] == 0
    assert run_due(db, NOW + dt.timedelta(minutes=6)) == {"queued": 0, "sent": 1, "failed": 0}
    with db.connect() as conn:
        row = subs.deliveries(conn).iloc[0]
    assert (row["state"], row["attempts"], row["last_error"]) == ("sent", 2, None)
    assert len(hook.posts) == 1 and "示例市" in hook.posts[0]["text"]["content"]


def test_a_wrong_smtp_password_is_logged_and_send_now_tries_at_once(db, smtp, monkeypatch):
    monkeypatch.setenv("CANLIAN_SMTP_PASSWORD", "wrong")
    with db.begin() as conn:
        sid = subs.add_subscription(conn, "中江区", "summary", "monthly", "管理员", ZHONGJIANG, "a@zj.test")
    assert send_now(db, sid, NOW) == ["failed"]
    with db.connect() as conn:
        assert "邮件服务器登录失败" in subs.deliveries(conn).iloc[0]["last_error"]
    monkeypatch.setenv("CANLIAN_SMTP_PASSWORD", "s3cret-pass")
    assert send_now(db, sid, NOW + dt.timedelta(seconds=1)) == ["sent"]
    assert smtp.messages[0]["Subject"].startswith("【中江区残联】")


def test_one_sender_among_many_and_a_dead_senders_lease_runs_out(db):
    with db.begin() as conn:
        sid = subs.add_subscription(conn, "测试", "summary", "monthly", "管理员", emails="x@y.test")
    assert len(subs.enqueue(db, sid, "2026-11", NOW)) == 1
    assert subs.enqueue(db, sid, "2026-11", NOW) == []  # the same key again: nothing new
    first = subs.claim(db, "server-a", NOW)
    assert [c.period for c in first] == ["2026-11"]
    assert subs.claim(db, "server-b", NOW + dt.timedelta(minutes=1)) == []  # held by server-a
    later = subs.claim(db, "server-b", NOW + subs.LEASE + dt.timedelta(seconds=1))  # server-a died
    assert [c.attempts for c in later] == [2]
    # server-a, back, cannot record over server-b's claim
    subs.finish(db, first[0], "server-a", detail="late")
    with db.connect() as conn:
        assert subs.deliveries(conn).iloc[0]["state"] == "sending"


def test_bad_subscriptions_are_refused_in_chinese(db):
    with db.begin() as conn, pytest.raises(subs.SubscriptionError, match="邮箱地址无效：not-an-address"):
        subs.add_subscription(conn, "x", "summary", "monthly", "a", emails="not-an-address")
    with db.begin() as conn, pytest.raises(subs.SubscriptionError, match="不是本市的县"):
        subs.add_subscription(conn, "x", "summary", "monthly", "a", "990103101000", "a@b.test")
    assert subs.due_period("monthly", dt.datetime(2026, 12, 10, 12)) == "2026-10"  # the deadline day itself
    assert subs.due_period("monthly", dt.datetime(2026, 12, 11)) == "2026-11"
    assert subs.due_period("weekly", dt.datetime(2026, 12, 7)) == "2026-W49"


def test_the_deck_goes_as_a_pdf_of_the_county(demo_sqlite_url, smtp):
    """The deck content (Chromium prints the PDF, as for the 汇报 page's download): SQLite only."""
    from data_access.db import make_engine

    eng = make_engine(demo_sqlite_url)
    with eng.begin() as conn:
        sid = subs.add_subscription(conn, "青林县领导", "deck", "weekly", "管理员", QINGLIN, "l@q.test")
    try:
        assert send_now(eng, sid, NOW) == ["sent"]
        (msg,) = smtp.messages
        (att,) = list(msg.iter_attachments())
        pdf = att.get_content()
        assert att.get_filename() == "汇报-青林县-2025.pdf" and pdf.startswith(b"%PDF-") and len(pdf) > 50_000
        assert "青林县2025年残疾人事业工作总结" in msg.get_body(("plain",)).get_content()
    finally:
        with eng.begin() as conn:
            conn.execute(delete(Delivery))
            conn.execute(delete(Subscription))


def test_the_command_line_adds_lists_and_refuses(demo_db, db, capsys):
    from reporting.subscriptions import cli

    assert cli(["--db", demo_db.url, "add", "--name", "市领导", "--content", "deck", "--email", "m@city.test"]) == 0
    assert cli(["--db", demo_db.url, "add", "--name", "x", "--content", "summary", "--email", "bad"]) == 2
    assert cli(["--db", demo_db.url, "list"]) == 0
    out = capsys.readouterr()
    assert "邮箱地址无效：bad" in out.err
    assert out.out.strip().splitlines()[-1].split("\t")[1:] == ["市领导", "全市", "deck", "monthly", "m@city.test"]
