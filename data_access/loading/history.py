"""Load history: each load and the rows it wrote (rows carry the load's ``batch_id``)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, desc, func, select

from ..models import LoadBatch
from .definitions import KINDS

HISTORY_COLUMNS = [
    "批次",
    "导入时间",
    "导入人",
    "数据类别",
    "文件名",
    "新增行数",
    "替换行数",
    "拒绝行数",
    "状态",
    "校验码",
]


def load_history(conn: Connection, limit: int = 200) -> pd.DataFrame:
    """The newest loads first, with Chinese headers."""
    t = LoadBatch
    stmt = (
        select(
            t.id,
            t.loaded_at,
            t.loaded_by,
            t.kind,
            t.file_name,
            t.rows_added,
            t.rows_replaced,
            t.rows_refused,
            t.status,
            t.checksum,
        )
        .order_by(desc(t.id))
        .limit(limit)
    )
    df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=HISTORY_COLUMNS)
    names = {k.name: k.zh for k in KINDS.values()} | {"demo": "示例数据"}
    df["数据类别"] = df["数据类别"].map(lambda k: names.get(k, k))
    df["状态"] = df["状态"].map(lambda s: {"done": "已导入"}.get(s, s))
    df["校验码"] = df["校验码"].str[:12]
    return df


def batch_rows(conn: Connection, batch_id: int, limit: int = 500) -> dict[str, tuple[int, pd.DataFrame]]:
    """For each kind, how many rows now carry this batch and the first ``limit`` of them.

    Rows a later load replaced carry that later batch; what is listed is what this load
    still holds.
    """

    out: dict[str, tuple[int, pd.DataFrame]] = {}
    for k in KINDS.values():
        t = k.table
        n = conn.execute(select(func.count()).select_from(t).where(t.c.batch_id == batch_id)).scalar() or 0
        if not n:
            continue
        cols = [c for c in k.columns if c.stored]
        stmt = select(*(t.c[c.name] for c in cols)).where(t.c.batch_id == batch_id)
        stmt = stmt.order_by(*(t.c[o] for o in k.order)).limit(limit)
        df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=[c.name for c in cols])
        for c in cols:
            if c.allowed:
                df[c.name] = df[c.name].map(lambda v, a=c.allowed: a.get(v, v))
        out[k.name] = (int(n), df.rename(columns={c.name: c.zh for c in cols}))
    return out


# Engine-level entry points for the app: the page passes the facade's engine and never
# holds a connection itself.


def history_for(engine, limit: int = 200) -> pd.DataFrame:
    with engine.connect() as conn:
        return load_history(conn, limit)


def batch_rows_for(engine, batch_id: int, limit: int = 500) -> dict[str, tuple[int, pd.DataFrame]]:
    with engine.connect() as conn:
        return batch_rows(conn, batch_id, limit)


def table_for(engine, kind_name: str, f=None, county: str | None = None, year: int | None = None) -> pd.DataFrame:
    from .export import table_frame

    with engine.connect() as conn:
        return table_frame(conn, kind_name, f, county, year)
