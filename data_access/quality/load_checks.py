"""The loader's hook (``load_step``): the county scope of a county's data staff, the locks of
approved periods, the checks of the reports and rules kinds themselves, then the rules."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from ..loading.definitions import KINDS, RULE_KINDS, Kind
from ..loading.validate import Checked, Problem
from ..models import Indicator, Submission
from .model import Violation, _indicators, _names
from .periods import period_label, reports
from .rules import _rows_text, check_load

# ------------------------------------------------------------------ the loader's hook


def load_step(conn: Connection, kind: Kind, checked: Checked, scope: tuple[str, ...] | None = None) -> None:
    """Run after a file's rows passed their own checks: adds problems (refusing the load) and
    warnings (listed, the load goes on) to ``checked``."""
    bad_rows: set[tuple[str, int]] = set()

    def problem(src: tuple[str, int] | None, column: str, msg: str) -> None:
        checked.problems.append(Problem(src[0] if src else "", src[1] if src else None, column, msg))
        if src:
            bad_rows.add(src)

    _scope(conn, kind, checked, scope, problem)
    if not checked.problems:
        _locks(conn, kind, checked, problem)
        _redefinitions(conn, kind, checked, problem)
    if not checked.problems:
        _definitions(conn, kind, checked, problem)
    if not checked.problems:
        value_zh = kind.col("value").zh if "value" in {c.name for c in kind.columns} else ""
        for v in check_load(conn, kind, checked):
            text = f"{v.message}（规则：{v.rule_zh}）"
            if v.severity == "error":
                col = _date_col_zh(kind, v) if v.kind == "dates_order" else value_zh
                first = v.rows[0] if v.rows else None
                problem(first, col, text + (_rows_text(v.rows[1:]) if len(v.rows) > 1 else ""))
            else:
                checked.warnings.append(f"警告：{text}{_rows_text(v.rows)}")
    checked.rows_with_problems += len(bad_rows)


def _date_col_zh(kind: Kind, v: Violation) -> str:
    return next((c.zh for c in kind.columns if v.message.startswith(c.zh)), "")


def _scope(conn, kind: Kind, checked: Checked, scope, problem) -> None:
    """A county's data staff load only their own county's records."""
    if scope is None:
        return
    own = "、".join(_names(conn, scope).get(c, c) for c in scope)
    if kind.area_col is None and kind.name != "areas":
        problem(None, "", f"县(区)数据管理员（{own}）不能导入“{kind.zh}”：报表和校验规则由市残联统一设定。")
        return
    names = _names(conn, {r.get("county_code") for r in checked.records})
    col = kind.col(kind.area_col or "code").zh
    for r, src in zip(checked.records, checked.sources, strict=True):
        county = r.get("county_code")
        if county not in scope:
            code = r.get(kind.area_col or "code")
            where = names.get(county, "市本级") if county else "市本级"
            problem(
                src,
                col,
                f"区划代码 {code} 属于{where}，不在您负责的{own}范围内：县(区)数据管理员只能导入本县(区)的数据",
            )


def _locks(conn, kind: Kind, checked: Checked, problem) -> None:
    """Rows that would change a period the city approved are refused until the city unlocks
    it: a new row in it, a changed row in it, or a row moved out of it. A re-load of the same
    figures changes nothing and passes. Kinds without a period (organisations) are not locked."""
    recs = checked.records
    if not recs or "county_code" not in kind.table.c or "year" not in kind.table.c:
        return
    reps = [r for r in reports(conn) if kind.name in r.covers or kind.name == "indicator_values"]
    s = Submission
    n_locked = conn.execute(select(func.count()).select_from(s).where(s.status == "approved")).scalar()
    if not reps or not n_locked:
        return
    old = _stored_rows(conn, kind, recs)
    counties = {r.get("county_code") for r in recs} | {o.get("county_code") for o in old.values()}
    years = {r.get("year") for r in recs} | {o.get("year") for o in old.values()}
    counties.discard(None)
    years.discard(None)
    if not counties or not years:
        return
    locked = {
        tuple(x)
        for x in conn.execute(
            select(s.report_code, s.area_code, s.year, s.period_no).where(
                s.status == "approved", s.county_code.in_(sorted(counties)), s.year.in_(sorted(years))
            )
        )
    }
    if not locked:
        return
    periods = (
        dict(conn.execute(select(Indicator.code, Indicator.period)).all()) if kind.name == "indicator_values" else {}
    )
    names = _names(conn, counties)
    compare = [c.name for c in kind.stored_columns()] + [
        c for c in ("county_code", "year", "month") if c in kind.table.c
    ]

    def locked_in(rec: dict):
        ind = rec.get("indicator_code")
        for rep in reps:
            if rec.get("year") is None or not rep.covers_record(kind.name, ind, periods.get(ind)):
                continue
            no = rep.record_period(rec["year"], rec.get("month") or 0)
            if no is not None and (rep.code, rec.get("county_code"), rec["year"], no) in locked:
                return rep, rec.get("county_code"), rec["year"], no
        return None

    for rec, src in zip(recs, checked.sources, strict=True):
        before = old.get(tuple(rec[k] for k in kind.key))
        if before is not None and all(_same(rec.get(c), before.get(c)) for c in compare):
            continue  # the same figures again
        hit = locked_in(rec) or (locked_in(before) if before is not None else None)
        if hit:
            rep, area, year, no = hit
            problem(
                src,
                kind.col(kind.area_col).zh if kind.area_col else "",
                f"{names.get(area, area)} {period_label(rep.period, year, no)}{rep.name_zh}已审核通过并锁定，"
                "不能再改动；如需更正，请市残联数据管理员先解锁（须写明原因）",
            )


def locked_now(conn: Connection, kind: Kind, checked: Checked) -> list[Problem]:
    """The lock checks again, in the load's writing transaction (after ``approval.lock_writes``):
    rows that would change an approved period, and report definitions that would unlock one."""
    found: list[Problem] = []

    def problem(src: tuple[str, int] | None, column: str, msg: str) -> None:
        found.append(Problem(src[0] if src else "", src[1] if src else None, column, msg))

    _locks(conn, kind, checked, problem)
    _redefinitions(conn, kind, checked, problem)
    return found


def _redefinitions(conn, kind: Kind, checked: Checked, problem) -> None:
    """A report with approved (locked) periods keeps what it covers, its period and its level:
    changing them would unlock those periods without an unlock and its reason. The city
    unlocks them first (with the reason), then redefines the report."""
    if kind.name != "reports":
        return
    s = Submission
    approved = dict(
        conn.execute(select(s.report_code, func.count()).where(s.status == "approved").group_by(s.report_code)).all()
    )
    if not approved:
        return
    current = {r.code: r for r in reports(conn)}

    def items(text: str | None) -> set[str]:
        return {x.strip() for x in (text or "").split(",") if x.strip()}

    for rec, src in zip(checked.records, checked.sources, strict=True):
        code = rec.get("code")
        old = None if code is None else current.get(code)  # a row without a code redefines nothing
        n = approved.get(code, 0)
        if old is None or not n:
            continue
        changed = []
        if items(rec.get("covers")) != set(old.covers):
            changed.append(kind.col("covers").zh)
        if rec.get("period") not in (None, old.period):
            changed.append(kind.col("period").zh)
        if rec.get("level") not in (None, old.level):
            changed.append(kind.col("level").zh)
        if changed:
            problem(
                src,
                changed[0],
                f"报表“{old.name_zh}”有 {n} 个报送期已审核通过并锁定，改动其{'、'.join(changed)}会使这些期的数据"
                "不再受锁定保护；请市残联数据管理员先逐期解锁（须写明原因），再修改报表定义",
            )


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return a == b


def _stored_rows(conn, kind: Kind, recs: list[dict]) -> dict[tuple, dict]:
    """The stored rows with the natural keys of ``recs`` (narrowed in SQL, matched exactly)."""
    t = kind.table
    keys = {tuple(r[k] for k in kind.key) for r in recs}
    cols = list(t.c)
    out: dict[tuple, dict] = {}
    first = kind.key[0]
    values = sorted({k[0] for k in keys})
    for i in range(0, len(values), 500):
        conds = [t.c[first].in_(values[i : i + 500])]
        for j, k in enumerate(kind.key[1:], start=1):
            distinct = sorted({x[j] for x in keys})
            if len(distinct) <= 500:
                conds.append(t.c[k].in_(distinct))
        for row in conn.execute(select(*cols).where(*conds)):
            m = dict(row._mapping)
            key = tuple(m[k] for k in kind.key)
            if key in keys:
                out[key] = m
    return out


def _definitions(conn, kind: Kind, checked: Checked, problem) -> None:
    """The checks across columns of the reports and rules kinds themselves."""
    if kind.name not in ("reports", "validation_rules"):
        return
    inds = _indicators(conn)
    for rec, src in zip(checked.records, checked.sources, strict=True):
        if kind.name == "reports":
            for item in (x.strip() for x in rec["covers"].split(",")):
                ok = item in KINDS or item in inds or item in ("indicator_values:month", "indicator_values:year")
                if not ok:
                    problem(src, kind.col("covers").zh, f"报送内容“{item}”不是数据类别或指标代码")
            continue
        rule, target, other = rec["rule"], rec["target"], rec.get("other") or ""
        col_t, col_o = kind.col("target").zh, kind.col("other").zh
        if rule == "dates_order":
            k, _, c = target.partition(".")
            if k not in KINDS or c not in {x.name for x in KINDS[k].columns if x.type == "date"}:
                problem(src, col_t, f"“{target}”不是“数据类别.日期列”（如 legal_aid.closed_on）")
            continue
        if target != "*" and target not in inds:
            problem(src, col_t, f"“{target}”不是指标代码")
            continue
        if rule == "part_le_whole" and other not in inds:
            problem(src, col_o, "“部分不大于整体”须在比较对象中填写整体指标的代码")
        if rule == "rate_range" and rec.get("low") is None and rec.get("high") is None:
            problem(src, kind.col("low").zh, "“比率在范围内”须填写下限或上限")
        if rule in ("yoy_jump", "outlier") and not rec.get("threshold"):
            problem(src, kind.col("threshold").zh, f"“{RULE_KINDS[rule]}”须填写阈值")
        if rule == "breakdown_sum":
            # a total that must not be summed (a rate, a maximum, a growth) has no breakdown
            if target != "*" and inds[target].aggregation != "sum":
                problem(
                    src,
                    col_t,
                    f"指标“{inds[target].name}”是{inds[target].aggregation}型，不能相加，不能设“分项之和”规则",
                )
            for p in (x.strip() for x in other.split(",") if x.strip() and not other.startswith("@")):
                if p not in inds:
                    problem(src, col_o, f"分项“{p}”不是指标代码")
                elif inds[p].aggregation != "sum":
                    problem(src, col_o, f"分项“{inds[p].name}”不能相加")
