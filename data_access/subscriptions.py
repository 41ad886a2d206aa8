"""Subscriptions (订阅): who receives which figures on which schedule, and the delivery log
that is also the senders' lock.

Any number of processes may run ``python -m reporting subscriptions run-due`` at once (a
timer on every app server): a period is sent once because each delivery has a unique
idempotency key (subscription × period × channel) — a second process's insert of the same key
fails and is ignored — and a delivery is sent only by the process whose
``UPDATE … WHERE state/lease`` claimed it (one row changed). A claim holds a lease; a sender
that dies mid-way leaves a lease that runs out, and another sender takes the row again. A
failed delivery is retried after a growing pause, up to MAX_ATTEMPTS, its error kept. Plain SQL
that SQLite, PostgreSQL and MariaDB all run; no advisory locks, no SELECT … FOR UPDATE SKIP LOCKED.

What is sent (the deck, the summary) and how (SMTP, a group robot) is ``reporting.subscriptions``;
this module only knows the tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from .models import Area, Delivery, Report, Subscription, inserted_id

__all__ = [
    "MAX_ATTEMPTS",
    "SCHEDULES",
    "Claimed",
    "SubscriptionError",
    "add_subscription",
    "claim",
    "deliveries",
    "due_period",
    "enqueue",
    "enqueue_due",
    "finish",
    "subscriptions",
]

SCHEDULES = {"monthly": "每月（月报截止后）", "weekly": "每周（周一）"}
WEBHOOK_KINDS = {"dingtalk": "政务钉钉群机器人", "wecom": "企业微信群机器人"}
STATES = {
    "pending": "待发送",
    "sending": "发送中",
    "sent": "已发送",
    "failed": "失败待重试",
    "dead": "失败（已停止重试）",
}
MAX_ATTEMPTS = 4
LEASE = dt.timedelta(minutes=10)
MONTHLY_DEADLINE_DAYS = 10  # when the reports table has no monthly report
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


class SubscriptionError(ValueError):
    """A refused subscription, told in Chinese."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def add_subscription(
    conn: Connection,
    name: str,
    content: str,
    schedule: str,
    by: str,
    county_code: str | None = None,
    emails: str | None = None,
    webhook_url: str | None = None,
    webhook_kind: str | None = None,
    lang: str = "zh",
) -> int:
    """Add a subscription in the caller's transaction; a SubscriptionError says what is wrong."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise SubscriptionError("订阅名称不能为空，最多 64 字")
    if schedule not in SCHEDULES:
        raise SubscriptionError(f"发送周期“{schedule}”无效，可选：{'、'.join(SCHEDULES)}")
    if lang not in ("zh", "en"):
        raise SubscriptionError(f"语言“{lang}”无效，可选：zh、en")
    addresses = [a.strip() for a in re.split(r"[,;，；\s]+", emails or "") if a.strip()]
    bad = [a for a in addresses if not _EMAIL.match(a)]
    if bad:
        raise SubscriptionError(f"邮箱地址无效：{'、'.join(bad)}")
    url = (webhook_url or "").strip() or None
    if url and not re.match(r"^https?://", url):
        raise SubscriptionError(f"机器人地址须以 http:// 或 https:// 开头：{url[:80]}")
    if url and webhook_kind not in WEBHOOK_KINDS:
        raise SubscriptionError(f"机器人类型“{webhook_kind}”无效，可选：{'、'.join(WEBHOOK_KINDS)}")
    if not addresses and not url:
        raise SubscriptionError("请至少填写一个邮箱地址或一个群机器人地址")
    if county_code:
        level = conn.execute(select(Area.level).where(Area.code == county_code)).scalar()
        if level != "county":
            raise SubscriptionError(f"区划代码 {county_code} 不是本市的县(区)")
    return inserted_id(
        conn.execute(
            insert(Subscription).values(
                name=name, county_code=county_code or None, content=content, schedule=schedule, lang=lang,
                emails=",".join(addresses) or None, webhook_url=url, webhook_kind=webhook_kind if url else None,
                active=1, created_by=by[:64], created_at=_now(),
            )
        )
    )  # fmt: skip


def subscriptions(conn: Connection, active_only: bool = False) -> pd.DataFrame:
    """The subscriptions: id, name, county_code, county_name, content, schedule, lang, emails,
    webhook_url, webhook_kind, active, created_by, created_at."""
    stmt = (
        select(
            Subscription.id, Subscription.name, Subscription.county_code, Area.name.label("county_name"),
            Subscription.content, Subscription.schedule, Subscription.lang, Subscription.emails,
            Subscription.webhook_url, Subscription.webhook_kind, Subscription.active, Subscription.created_by,
            Subscription.created_at,
        )
        .outerjoin(Area, Area.code == Subscription.county_code)
        .order_by(Subscription.id)
    )  # fmt: skip
    if active_only:
        stmt = stmt.where(Subscription.active == 1)
    res = conn.execute(stmt)
    return pd.DataFrame([tuple(r) for r in res], columns=list(res.keys()))


# ------------------------------------------------------------------ what is due


def monthly_deadline_days(conn: Connection) -> int:
    """Days after a month's end that its 月报 is due (the reports table's monthly report)."""
    days = conn.execute(select(Report.deadline_days).where(Report.period == "month").order_by(Report.sort)).scalar()
    return MONTHLY_DEADLINE_DAYS if days is None else int(days)


def due_period(schedule: str, now: dt.datetime, deadline_days: int = MONTHLY_DEADLINE_DAYS) -> str:
    """The latest period a subscription is due for at ``now``: monthly, the last month whose
    月报 deadline (its end + ``deadline_days``) has passed ("2026-10"); weekly, the last whole
    ISO week ("2026-W48", due from its Monday after)."""
    today = now.date()
    if schedule == "weekly":
        y, w, _ = (today - dt.timedelta(days=7)).isocalendar()
        return f"{y}-W{w:02d}"
    first = today.replace(day=1)
    last_month_end = first - dt.timedelta(days=1)
    if today > last_month_end + dt.timedelta(days=deadline_days):
        month_end = last_month_end
    else:
        month_end = last_month_end.replace(day=1) - dt.timedelta(days=1)
    return f"{month_end.year}-{month_end.month:02d}"


def _channels(sub) -> list[str]:
    return [c for c, on in (("email", sub.emails), ("webhook", sub.webhook_url)) if on]


def enqueue(engine: Engine, sub_id: int, period: str, now: dt.datetime | None = None) -> list[int]:
    """A pending delivery per channel of one subscription for ``period``; a key that exists
    (another process, an earlier run) is left as it is. Returns the ids of new rows."""
    now = now or _now()
    with engine.connect() as conn:
        sub = conn.execute(select(Subscription).where(Subscription.id == sub_id)).first()
    if sub is None:
        raise SubscriptionError(f"没有编号为 {sub_id} 的订阅")
    made = []
    for channel in _channels(sub):
        try:
            with engine.begin() as conn:
                made.append(
                    inserted_id(
                        conn.execute(
                            insert(Delivery).values(
                                subscription_id=sub_id, period=period, channel=channel,
                                idem_key=f"{sub_id}:{period}:{channel}", state="pending", attempts=0,
                                next_try_at=now, created_at=now,
                            )
                        )
                    )
                )  # fmt: skip
        except IntegrityError:
            pass  # this period of this channel is already queued or sent: nothing is sent twice
    return made


def enqueue_due(engine: Engine, now: dt.datetime | None = None) -> int:
    """Queue every active subscription's due period; returns how many deliveries were new."""
    now = now or _now()
    with engine.connect() as conn:
        subs = conn.execute(select(Subscription.id, Subscription.schedule).where(Subscription.active == 1)).all()
        days = monthly_deadline_days(conn)
    return sum(len(enqueue(engine, s.id, due_period(s.schedule, now, days), now)) for s in subs)


# ------------------------------------------------------------------ the lock


@dataclass(frozen=True)
class Claimed:
    id: int
    subscription_id: int
    period: str
    channel: str
    attempts: int


def _claimable(now: dt.datetime):
    ready = and_(Delivery.state.in_(("pending", "failed")), Delivery.next_try_at <= now)
    stale = and_(Delivery.state == "sending", Delivery.lease_until < now)  # a sender died holding it
    return or_(ready, stale)


def claim(engine: Engine, worker: str, now: dt.datetime | None = None, only: int | None = None) -> list[Claimed]:
    """Take the deliveries that are ready, each with one UPDATE … WHERE its state and lease
    still allow it: a row another sender took in between changes nothing and is skipped."""
    now = now or _now()
    cond = _claimable(now)
    with engine.connect() as conn:
        stmt = select(Delivery.id).where(cond).order_by(Delivery.id)
        if only is not None:
            stmt = stmt.where(Delivery.id == only)
        ids = list(conn.execute(stmt).scalars())
    out = []
    for i in ids:
        with engine.begin() as conn:
            n = conn.execute(
                update(Delivery)
                .where(Delivery.id == i, cond)
                .values(
                    state="sending", claimed_by=worker[:64], lease_until=now + LEASE, attempts=Delivery.attempts + 1
                )
            ).rowcount
            if n == 1:
                row = conn.execute(select(Delivery).where(Delivery.id == i)).one()
                out.append(Claimed(row.id, row.subscription_id, row.period, row.channel, row.attempts))
    return out


def finish(
    engine: Engine,
    claimed: Claimed,
    worker: str,
    error: str | None = None,
    detail: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Record a claimed delivery's outcome (only the claimant's, only while it holds it):
    sent, or failed and retried after 5, 20, 45 … minutes, or dead after MAX_ATTEMPTS.
    Returns the new state."""
    now = now or _now()
    values: dict[str, object]  # the Delivery columns written
    if error is None:
        state = "sent"
        values = {"state": state, "sent_at": now, "last_error": None, "lease_until": None}
    elif claimed.attempts >= MAX_ATTEMPTS:
        state = "dead"
        values = {"state": state, "last_error": error[:2000], "lease_until": None}
    else:
        state = "failed"
        pause = dt.timedelta(minutes=5 * claimed.attempts**2)
        values = {"state": state, "last_error": error[:2000], "next_try_at": now + pause, "lease_until": None}
    if detail is not None:
        values["detail"] = detail[:255]
    with engine.begin() as conn:
        conn.execute(
            update(Delivery)
            .where(Delivery.id == claimed.id, Delivery.claimed_by == worker[:64], Delivery.state == "sending")
            .values(**values)
        )
    return state


def deliveries(conn: Connection, limit: int = 200) -> pd.DataFrame:
    """The delivery log, newest first: id, subscription, period, channel, state, attempts,
    created_at, sent_at, next_try_at, last_error, detail."""
    stmt = (
        select(
            Delivery.id, Subscription.name.label("subscription"), Delivery.period, Delivery.channel, Delivery.state,
            Delivery.attempts, Delivery.created_at, Delivery.sent_at, Delivery.next_try_at, Delivery.last_error,
            Delivery.detail,
        )
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .order_by(Delivery.id.desc())
        .limit(limit)
    )  # fmt: skip
    res = conn.execute(stmt)
    return pd.DataFrame([tuple(r) for r in res], columns=list(res.keys()))
