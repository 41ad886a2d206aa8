"""Loading a checked file: all or nothing, in one transaction.

A row whose natural key is already in the table replaces it (an UPDATE, so the row
keeps its id and anything pointing at it); other rows are added. The load is recorded
in ``load_batches`` and its id written to every row it touched; its finish step
(``finish.finish_load``: the rollups of the (county, year) slices it changed, the data
version, the audit row) runs in the same transaction, so the app shows the new figures
once, and only once, the load has committed. Any error — in the file or from the database halfway through —
leaves the database exactly as it was: nothing of a refused load is written, not even
its history row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, Engine, and_, bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from .. import rollups
from ..db import unbounded
from ..finish import Audit, Touched, finish_load
from ..models import Area, LoadBatch, inserted_id
from ..quality import approval as quality_approval
from ..quality import load_checks as quality_checks
from .definitions import Kind
from .readers import DEFAULT_LIMITS, Limits, Refused, read_file
from .validate import Checked, Problem, chosen_kind, detect_kind, problems_frame, validate

CHUNK = 1000


@dataclass
class LoadResult:
    """What a load did, or would do (dry run / preview), or why it was refused."""

    file_name: str
    checksum: str
    kind: Kind | None = None
    status: str = "refused"  # preview | done | refused | failed
    rows_read: int = 0
    rows_added: int = 0
    rows_replaced: int = 0
    rows_refused: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    batch_id: int | None = None
    encoding: str = ""
    by_year: dict[int, int] = field(default_factory=dict)
    # the (year, month) pairs the file's records fall in (month 0: yearly figures), for the
    # report period a load covers (data_access.quality.suggest)
    periods: tuple[tuple[int, int], ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in ("preview", "done")

    def problems_frame(self, lang: str) -> pd.DataFrame:
        return problems_frame(self.problems, lang)

    def summary_zh(self) -> str:
        kind = self.kind.zh if self.kind else "数据"
        if self.status == "done":
            return f"已导入{kind}：新增 {self.rows_added} 行，替换 {self.rows_replaced} 行（批次 {self.batch_id}）。"
        if self.status == "preview":
            return f"{kind}共 {self.rows_read} 行，检查通过：将新增 {self.rows_added} 行，替换已有的 {self.rows_replaced} 行。"
        if self.status == "failed":
            return f"{kind}导入失败，数据库未作任何改动：{self.problems[0].message if self.problems else ''}"
        return f"{kind}未导入：发现 {len(self.problems)} 个问题，数据库未作任何改动。请改正后重新导入。"


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def check(
    conn: Connection,
    content: bytes,
    file_name: str,
    kind: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    scope: tuple[str, ...] | None = None,
    city: str | None = None,
) -> tuple[LoadResult, Checked | None]:
    """Read and validate a file and count what it would add and replace. Writes nothing.

    ``scope``: the counties a county's data staff may load (None: any)."""
    res = LoadResult(file_name, checksum(content))
    try:
        raw = read_file(content, file_name, limits)
        res.encoding = raw.encoding
        k = chosen_kind(raw, kind) if kind else detect_kind(raw)
    except Refused as exc:
        res.problems = [Problem(exc.sheet or file_name, exc.row, "", exc.message)]
        return res, None
    res.kind = k
    checked = validate(conn, k, raw, city)
    if not checked.problems:  # scope, locked periods and the data-quality rules (issue 19)
        quality_checks.load_step(conn, k, checked, scope)
    res.rows_read = checked.rows_read
    res.warnings = raw.warnings + checked.warnings
    res.problems = checked.problems
    res.rows_refused = checked.rows_with_problems
    if checked.problems:
        return res, checked
    clashes = other_county_records(conn, k, checked)
    if clashes:
        res.problems = clashes
        res.rows_refused = len(clashes)
        return res, checked
    existing = existing_keys(conn, k, checked.records)
    res.rows_replaced = sum(1 for r in checked.records if _key(k, r) in existing)
    res.rows_added = len(checked.records) - res.rows_replaced
    years = pd.Series([r.get("year") for r in checked.records], dtype="object").dropna()
    res.by_year = {int(y): int(n) for y, n in years.value_counts().sort_index().items()}
    res.periods = tuple(
        sorted({(int(r["year"]), int(r.get("month") or 0)) for r in checked.records if r.get("year") is not None})
    )
    res.status = "preview"
    return res, checked


class _Clash(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def other_county_records(conn: Connection, kind: Kind, checked: Checked) -> list[Problem]:
    """Rows whose number is already another county's record: refused, both rows named.

    Event records are keyed by their own number (案件编号, 活动编号 …), which each county
    assigns; a re-load replaces the row with that number. Without this check a county
    re-using a number would overwrite — and so take over — another county's record."""
    t = kind.table
    if kind.name == "areas" or "county_code" not in t.c or len(kind.key) != 1 or "county_code" in kind.key:
        return []
    name = kind.key[0]
    mine = {
        r[name]: (r.get("county_code"), r.get(kind.area_col), src)
        for r, src in zip(checked.records, checked.sources, strict=True)
    }
    keys = sorted(mine)
    theirs = []
    for i in range(0, len(keys), CHUNK):
        stmt = select(t.c[name], t.c.county_code, t.c[kind.area_col], t.c.batch_id).where(
            t.c[name].in_(keys[i : i + CHUNK])
        )
        theirs += [row for row in conn.execute(stmt) if row[1] != mine[row[0]][0]]
    if not theirs:
        return []
    counties = {c for row in theirs for c in (row[1], mine[row[0]][0]) if c}
    names = dict(conn.execute(select(Area.code, Area.name).where(Area.code.in_(sorted(counties)))).all())

    def county(code: str | None) -> str:
        return names.get(code, code) if code else "市本级"

    out = []
    for key, their_county, their_area, batch in sorted(theirs, key=lambda row: mine[row[0]][2]):
        my_county, my_area, (sheet, row_no) = mine[key]
        loaded = f"，批次 {batch}" if batch else ""
        out.append(
            Problem(
                sheet,
                row_no,
                kind.col(name).zh,
                f"{kind.col(name).zh}“{key}”已是{county(their_county)}的记录（区划代码 {their_area}{loaded}），"
                f"本行属于{county(my_county)}（区划代码 {my_area}）：不能替换其他县(区)的记录，请改用本单位自己的编号。",
            )
        )
    return out


def _key(kind: Kind, r: dict) -> tuple:
    return tuple(r[k] for k in kind.key)


def existing_keys(conn: Connection, kind: Kind, records: list[dict]) -> set[tuple]:
    """Natural keys of ``records`` already in the table (asked in chunks, filtered in SQL)."""
    return set(_existing(conn, kind, records))


def _existing(conn: Connection, kind: Kind, records: list[dict], extra: tuple[str, ...] = ()) -> dict[tuple, tuple]:
    """Natural key → the ``extra`` columns, of the rows of ``records`` already in the table."""
    t = kind.table
    cols = [t.c[k] for k in kind.key]
    more = [t.c[c] for c in extra]
    wanted = {_key(kind, r) for r in records}
    if not wanted:
        return {}
    found: dict[tuple, tuple] = {}
    n = len(cols)
    if n == 1:
        vals = sorted(k[0] for k in wanted)
        for i in range(0, len(vals), CHUNK):
            for row in conn.execute(select(*cols, *more).where(cols[0].in_(vals[i : i + CHUNK]))):
                found[(row[0],)] = tuple(row[1:])
        return found
    # several key columns: narrow by each column with few distinct values, then match exactly
    conds = []
    for j, c in enumerate(cols):
        distinct = {k[j] for k in wanted}
        if len(distinct) <= CHUNK:
            conds.append(c.in_(sorted(distinct)))
    for row in conn.execute(select(*cols, *more).where(and_(*conds))):
        if tuple(row[:n]) in wanted:
            found[tuple(row[:n])] = tuple(row[n:])
    return found


def touched_by(conn: Connection, kind: Kind, records: list[dict]) -> Touched:
    """The summary slices a load of ``records`` changes: where the rows go, and where the
    rows they replace were (a corrected year or county moves a row out of its old slice).
    Ask before writing."""
    if not rollups.fed_by(kind.table):
        return Touched.rows(kind.table, records)  # nothing, or the coverage counts (areas, organisations)
    old = _existing(conn, kind, records, ("county_code", "year"))
    return Touched.rows(kind.table, records) | Touched(frozenset(old.values()))


def write(conn: Connection, kind: Kind, records: list[dict], batch_id: int) -> tuple[int, int]:
    """Add or replace the rows in the caller's transaction; returns (added, replaced)."""
    if kind.name == "gaps":  # rows of the gap ledger change what the data opened (data_access.gaps)
        from ..gaps import write_loaded

        return write_loaded(conn, records, batch_id)
    existing = existing_keys(conn, kind, records)
    t = kind.table
    names = [c.name for c in t.columns if c.name not in ("id",)]
    new: list[dict] = []
    old: list[dict] = []
    for r in records:
        row = {n: r.get(n) for n in names} | {"batch_id": batch_id}
        (old if _key(kind, r) in existing else new).append(row)
    if kind.name == "areas":  # parents first
        order = {"city": 0, "county": 1, "township": 2, "village": 3}
        new.sort(key=lambda r: order[r["level"]])
    for i in range(0, len(new), CHUNK):
        conn.execute(insert(t), new[i : i + CHUNK])
    if old:
        setcols = [n for n in names if n not in kind.key]
        stmt = (
            update(t)
            .where(and_(*(t.c[k] == bindparam(f"k_{k}") for k in kind.key)))
            .values({n: bindparam(f"v_{n}") for n in setcols})
        )
        params = [{f"k_{k}": r[k] for k in kind.key} | {f"v_{n}": r[n] for n in setcols} for r in old]
        for i in range(0, len(params), CHUNK):
            conn.execute(stmt, params[i : i + CHUNK])
    return len(new), len(old)


def load_file(
    engine: Engine,
    content: bytes,
    file_name: str,
    user: str,
    kind: str | None = None,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    scope: tuple[str, ...] | None = None,
    report: str | None = None,
    period: tuple[int, int | None] | None = None,
    city: str | None = None,
) -> LoadResult:
    """Check a file and, unless it is refused or a dry run, load it in one transaction.

    ``report`` and ``period`` (year, month or quarter) make the load a submission of each
    county it holds; a county's data staff (``scope``) always submit. ``city``: for a national
    code list, the city whose rows are loaded."""
    with engine.connect() as conn:
        res, checked = check(conn, content, file_name, kind, limits, scope, city)
        sub = None
        # a gap ledger file changes the ledger, it is no report of figures (issue 32)
        if res.ok and checked is not None and (report or scope is not None) and checked.kind.name != "gaps":
            try:
                sub = _submission(conn, checked, scope, report, period)
            except quality_approval.ApprovalError as exc:
                res.status, res.problems = "refused", [Problem(file_name, None, "", str(exc))]
                return res
    if not res.ok or dry_run or checked is None:
        return res
    try:
        with engine.begin() as conn:
            unbounded(conn)  # a large file's statements may take longer than a page may wait
            # the locks again, where the write happens: an approval may have landed since check()
            quality_approval.lock_writes(conn, shared=True)
            # again in the writing transaction: another county may have loaded the number since
            clashes = other_county_records(conn, checked.kind, checked)
            if clashes:
                raise _Clash(clashes)
            locked = quality_checks.locked_now(conn, checked.kind, checked)
            if locked:
                raise _Clash(locked)
            inserted = conn.execute(
                insert(LoadBatch).values(
                    kind=checked.kind.name,
                    file_name=file_name[:255],
                    checksum=res.checksum,
                    loaded_by=(user or "匿名")[:64],
                    loaded_at=dt.datetime.now().replace(microsecond=0),
                    rows_added=0,
                    rows_replaced=0,
                    rows_refused=0,
                    status="done",
                    note="; ".join(res.warnings)[:2000] or None,
                    report_code=sub[0].code if sub else None,
                    report_year=sub[1] if sub else None,
                    report_period=sub[2] if sub else None,
                )
            )
            res.batch_id = inserted_id(inserted)
            touched = touched_by(conn, checked.kind, checked.records)
            added, replaced = write(conn, checked.kind, checked.records, res.batch_id)
            for area in sub[3] if sub else ():
                assert sub is not None
                quality_approval.record_submission(
                    conn, sub[0], area, sub[1], sub[2], (user or "匿名")[:64], res.batch_id, res.warnings
                )
            conn.execute(
                update(LoadBatch).where(LoadBatch.id == res.batch_id).values(rows_added=added, rows_replaced=replaced)
            )
            detail = f"{file_name[:200]}（{checked.kind.name}）新增 {added} 行，替换 {replaced} 行，批次 {res.batch_id}"
            finish_load(conn, touched, Audit((user or "匿名")[:64], "load", detail))
    except _Clash as clash:
        res.status, res.batch_id, res.problems = "refused", None, clash.problems
        res.rows_refused = len(clash.problems)
        return res
    except quality_approval.ApprovalError as exc:
        res.status, res.batch_id = "refused", None
        res.problems = [Problem(file_name, None, "", str(exc))]
        return res
    except SQLAlchemyError as exc:
        res.status = "failed"
        res.batch_id = None
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:300]
        res.problems = [Problem(file_name, None, "", f"写入数据库时出错，已全部撤销，数据库未作任何改动：{detail}")]
        return res
    res.rows_added, res.rows_replaced, res.status = added, replaced, "done"
    return res


def _submission(conn: Connection, checked: Checked, scope, report, period):
    """(report, year, period number, areas) of a load that is a submission, or None."""
    if report is None or period is None:
        raise quality_approval.ApprovalError("县(区)数据管理员导入数据须选择报表和报送期（如 月报 2025-03）")
    rep = quality_approval.find_report(conn, report)
    year, no = period
    no = quality_approval.period_no(rep, year, no)
    areas = sorted({r["county_code"] for r in checked.records if r.get("county_code")})
    if scope is not None:
        areas = [a for a in areas if a in scope] or list(scope)
    if not areas:
        raise quality_approval.ApprovalError("文件中没有县(区)的数据，不能作为报表报送")
    return rep, year, no, areas
