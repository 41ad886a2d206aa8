"""Load history: each load and the rows it wrote (rows carry the load's ``batch_id``)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, desc, func, select

from ..models import AreaShape, LoadBatch, Submission, User
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


def visible_batches(conn: Connection, scope: tuple[str, ...]) -> set[int]:
    """The loads a county's user may see: those that hold rows (or boundaries) of the county,
    those submitted for it, and those its own staff made. Any other county's load is not
    listed, not even its file name."""
    own = sorted(scope)
    ids: set[int] = set()
    for k in KINDS.values():
        t = k.table
        if "county_code" in t.c:
            stmt = select(t.c.batch_id).where(t.c.county_code.in_(own), t.c.batch_id.is_not(None)).distinct()
            ids |= set(conn.execute(stmt).scalars())
    for c in own:
        stmt = select(AreaShape.batch_id).where(AreaShape.area_code.like(c[:6] + "%")).distinct()
        ids |= {b for b in conn.execute(stmt).scalars() if b is not None}
    s = Submission
    ids |= {b for b in conn.execute(select(s.batch_id).where(s.county_code.in_(own))).scalars() if b is not None}
    staff = select(User.username).where(User.county_code.in_(own))
    ids |= set(conn.execute(select(LoadBatch.id).where(LoadBatch.loaded_by.in_(staff))).scalars())
    return ids


def load_history(conn: Connection, limit: int = 200, scope: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The newest loads first, with Chinese headers; ``scope``: only the loads of those counties."""
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
    if scope is not None:
        stmt = stmt.where(t.id.in_(sorted(visible_batches(conn, scope)) or [-1]))
    df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=HISTORY_COLUMNS)
    names = {k.name: k.zh for k in KINDS.values()} | {"demo": "示例数据"}
    df["数据类别"] = df["数据类别"].map(lambda k: names.get(k, k))
    df["状态"] = df["状态"].map(lambda s: {"done": "已导入"}.get(s, s))
    df["校验码"] = df["校验码"].str[:12]
    return df


def batch_rows(
    conn: Connection, batch_id: int, limit: int = 500, scope: tuple[str, ...] | None = None
) -> dict[str, tuple[int, pd.DataFrame]]:
    """For each kind, how many rows now carry this batch and the first ``limit`` of them.

    Rows a later load replaced carry that later batch; what is listed is what this load
    still holds. ``scope``: only rows of those counties (kinds without a county — the
    dictionary, reports, rules — are the city's and not listed to a county).
    """

    out: dict[str, tuple[int, pd.DataFrame]] = {}
    for k in KINDS.values():
        t = k.table
        where = [t.c.batch_id == batch_id]
        if scope is not None:
            if "county_code" not in t.c:
                continue
            where.append(t.c.county_code.in_(sorted(scope)))
        n = conn.execute(select(func.count()).select_from(t).where(*where)).scalar() or 0
        if not n:
            continue
        cols = [c for c in k.columns if c.stored]
        stmt = select(*(t.c[c.name] for c in cols)).where(*where)
        stmt = stmt.order_by(*(t.c[o] for o in k.order)).limit(limit)
        df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=[c.name for c in cols])
        for c in cols:
            if c.allowed:
                df[c.name] = df[c.name].map(lambda v, a=c.allowed: a.get(v, v))
        out[k.name] = (int(n), df.rename(columns={c.name: c.zh for c in cols}))
    return out


# Engine-level entry points for the app: the page passes the facade's engine and never
# holds a connection itself.


def history_for(engine, scope: tuple[str, ...] | None, limit: int = 200) -> pd.DataFrame:
    """``scope`` is required: the principal's (None only for a user of the whole city)."""
    with engine.connect() as conn:
        return load_history(conn, limit, scope)


def batch_rows_for(
    engine, batch_id: int, scope: tuple[str, ...] | None, limit: int = 500
) -> dict[str, tuple[int, pd.DataFrame]]:
    """``scope`` is required: the principal's (None only for a user of the whole city)."""
    with engine.connect() as conn:
        if scope is not None and batch_id not in visible_batches(conn, scope):
            return {}
        return batch_rows(conn, batch_id, limit, scope)


def table_for(engine, kind_name: str, f=None, county: str | None = None, year: int | None = None) -> pd.DataFrame:
    from .export import table_frame

    with engine.connect() as conn:
        return table_frame(conn, kind_name, f, county, year)
