"""Validation rules declared as data (``validation_rules``), checked on every load and on demand.

Rule kinds: part ≤ whole, non-negative, a rate within bounds, dates in order (or within a
range), a county's year against its previous year, modified z-score outliers over a
county's months, and breakdowns that must add up to their total (the townships to the
county, or named part indicators to a total). An ``error`` refuses a load and names its
rows; a ``warning`` lets it load and is listed.

Figures are compared where they mean something: a part against its whole on a county's
year (a person who started a business in March may have been counted as employed in
February), a rate from its parts' yearly sums, outliers over a county's months. At load
time the file's rows are laid over what the database holds (the rows they replace taken
out), so a file is judged with the months it does not contain; only the county-years the
file touches are reported.

``load_step`` is the loader's hook: the county scope of a county's data staff, the locks
of approved periods, the checks of the reports and rules kinds themselves, then the rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select

from ..loading.definitions import KINDS, RULE_KINDS, Kind
from ..loading.validate import Checked, Problem
from ..models import Area, Indicator, IndicatorValue, Submission, ValidationRule
from .periods import period_label, reports

TOL = 1e-6
MAX_LISTED = 500


@dataclass(frozen=True)
class Rule:
    code: str
    name_zh: str
    rule: str
    severity: str
    target: str
    other: str | None = None
    low: float | None = None
    high: float | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class Violation:
    """One breach of a rule, where and what, in Chinese."""

    rule: str
    rule_zh: str
    kind: str
    severity: str  # error | warning
    county_code: str | None
    county: str
    year: int | None
    month: int | None
    message: str
    indicator: str | None = None
    rows: tuple[tuple[str, int], ...] = field(default=())

    def row(self) -> dict:
        return {
            "级别": "错误" if self.severity == "error" else "警告",
            "规则": self.rule_zh,
            "规则类型": RULE_KINDS.get(self.kind, self.kind),
            "县(区)": self.county,
            "年度": self.year,
            "月份": self.month if self.month else "",
            "说明": self.message,
        }


VIOLATION_COLUMNS = ["级别", "规则", "规则类型", "县(区)", "年度", "月份", "说明"]


def violations_frame(vs: list[Violation]) -> pd.DataFrame:
    return pd.DataFrame([v.row() for v in vs], columns=VIOLATION_COLUMNS)


def active_rules(conn: Connection) -> list[Rule]:
    t = ValidationRule
    stmt = select(t.code, t.name_zh, t.rule, t.severity, t.target, t.other, t.low, t.high, t.threshold)
    return [Rule(*r) for r in conn.execute(stmt.where(t.active == 1).order_by(t.code))]


@dataclass(frozen=True)
class Ind:
    code: str
    name: str
    unit: str
    aggregation: str
    source: str
    numerator: str | None
    denominator: str | None
    scale: float
    decimals: int


def _indicators(conn: Connection) -> dict[str, Ind]:
    t = Indicator
    cols = (t.code, t.name_zh, t.unit_zh, t.aggregation, t.source, t.numerator, t.denominator, t.scale, t.decimals)
    return {r[0]: Ind(*r) for r in conn.execute(select(*cols))}


def _names(conn: Connection, codes) -> dict[str, str]:
    codes = sorted({c for c in codes if c})
    out: dict[str, str] = {}
    for i in range(0, len(codes), 500):
        out |= dict(conn.execute(select(Area.code, Area.name).where(Area.code.in_(codes[i : i + 500]))).all())
    return out


def _fmt(v: float, decimals: int = 0) -> str:
    return f"{v:,.{decimals}f}" if decimals else f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _when(year: int, month: int | None) -> str:
    return f"{year}年{month}月" if month else f"{year}年"


def _value_codes(rule: Rule, inds: dict[str, Ind]) -> list[str]:
    """The reported indicators a values rule applies to (``*``: every summable one)."""
    if rule.target == "*":
        return sorted(c for c, i in inds.items() if i.source == "values" and i.aggregation == "sum")
    return [rule.target] if rule.target in inds else []


def _involved(rule: Rule, inds: dict[str, Ind]) -> set[str]:
    if rule.rule == "part_le_whole":
        return {rule.target, rule.other or ""}
    if rule.rule == "rate_range":
        i = inds.get(rule.target)
        if i and i.source == "ratio":
            return {i.numerator or "", i.denominator or ""}
        return {rule.target}
    if rule.rule == "breakdown_sum" and rule.other and not rule.other.startswith("@"):
        return {rule.target, *(p.strip() for p in rule.other.split(","))}
    return set(_value_codes(rule, inds))


# ------------------------------------------------------------------ the figures judged


def _db_frame(conn: Connection, codes, counties, years) -> pd.DataFrame:
    """Reported values summed by indicator, county, year, month and level (c: the county's
    own row, t: its townships), in SQL."""
    iv = IndicatorValue
    level = case((iv.township_code.is_(None), "c"), else_="t")
    conds = [iv.indicator_code.in_(sorted(codes)), iv.year.in_(sorted(years))]
    if counties is not None:
        conds.append(iv.county_code.in_(sorted(counties)))
    stmt = (
        select(iv.indicator_code, iv.county_code, iv.year, iv.month, level, func.sum(iv.value))
        .where(*conds)
        .group_by(iv.indicator_code, iv.county_code, iv.year, iv.month, level)
    )
    rows = [tuple(r) for r in conn.execute(stmt)]
    return pd.DataFrame(rows, columns=["code", "county", "year", "month", "level", "value"])


def _overlay(conn: Connection, base: pd.DataFrame, records: list[dict]) -> pd.DataFrame:
    """``base`` with the rows a file replaces taken out and the file's rows put in."""
    iv = IndicatorValue
    keys = {(r["indicator_code"], r["area_code"], r["year"], r["month"]) for r in records}
    areas = sorted({k[1] for k in keys})
    codes = sorted({k[0] for k in keys})
    years = sorted({k[2] for k in keys})
    delta: list[tuple] = []
    for i in range(0, len(areas), 500):
        stmt = select(
            iv.indicator_code, iv.area_code, iv.county_code, iv.township_code, iv.year, iv.month, iv.value
        ).where(iv.indicator_code.in_(codes), iv.year.in_(years), iv.area_code.in_(areas[i : i + 500]))
        for code, area, county, town, year, month, value in conn.execute(stmt):
            if (code, area, year, month) in keys:
                delta.append((code, county, year, month, "c" if town is None else "t", -value))
    for r in records:
        lvl = "c" if r.get("township_code") is None else "t"
        delta.append((r["indicator_code"], r["county_code"], r["year"], r["month"], lvl, r["value"]))
    d = pd.DataFrame(delta, columns=base.columns)
    both = pd.concat([base, d], ignore_index=True) if len(base) else d
    return both.groupby(["code", "county", "year", "month", "level"], as_index=False)["value"].sum()


# ------------------------------------------------------------------ value rules


def _value_rules(
    rules: list[Rule], frame: pd.DataFrame, inds: dict[str, Ind], names: dict[str, str], wanted
) -> list[Violation]:
    """Rules over reported values. ``wanted(code_set, county, year)`` says whether a county-year
    is to be reported (the file's, or the year asked for)."""
    out: list[Violation] = []
    if frame.empty:
        return out
    cm = frame.groupby(["code", "county", "year", "month"])["value"].sum()
    cy = cm.groupby(level=["code", "county", "year"]).sum()
    cy_d = cy.to_dict()
    cm_d = cm.to_dict()
    months: dict[tuple, list[int]] = defaultdict(list)
    for code, county, year, month in cm.index:
        months[(code, county, year)].append(month)

    def v(rule: Rule, county, year, month, msg, code=None) -> Violation:
        return Violation(
            rule.code,
            rule.name_zh,
            rule.rule,
            rule.severity,
            county,
            names.get(county, county or "市本级"),
            int(year),
            int(month) if month else None,
            msg,
            code,
        )

    for rule in rules:
        if rule.rule == "part_le_whole":
            part, whole = inds.get(rule.target), inds.get(rule.other or "")
            if not part or not whole:
                continue
            for (code, county, year), pv in cy_d.items():
                if code != part.code or not wanted({part.code, whole.code}, county, year):
                    continue
                wv = cy_d.get((whole.code, county, year))
                if wv is not None and pv > wv + TOL:
                    out.append(
                        v(
                            rule,
                            county,
                            year,
                            None,
                            f"{names.get(county, county)} {year}年{part.name} {_fmt(pv)}{part.unit}，"
                            f"大于{whole.name} {_fmt(wv)}{whole.unit}（部分不能大于整体）",
                            part.code,
                        )
                    )
        elif rule.rule == "rate_range":
            ind = inds.get(rule.target)
            if not ind:
                continue
            lo = -math.inf if rule.low is None else rule.low
            hi = math.inf if rule.high is None else rule.high
            if ind.source == "ratio":
                for (code, county, year), den in cy_d.items():
                    if code != ind.denominator or not wanted({ind.numerator, ind.denominator}, county, year):
                        continue
                    num = cy_d.get((ind.numerator, county, year))
                    if num is None or den <= 0:
                        continue
                    rate = num / den * ind.scale
                    if not lo - TOL <= rate <= hi + TOL:
                        out.append(
                            v(
                                rule,
                                county,
                                year,
                                None,
                                f"{names.get(county, county)} {year}年{ind.name}为 {rate:.1f}{ind.unit}，"
                                f"超出 {_fmt(lo)}–{_fmt(hi)}{ind.unit}",
                                ind.code,
                            )
                        )
            else:
                for (code, county, year, month), val in cm_d.items():
                    if code == ind.code and wanted({code}, county, year) and not lo - TOL <= val <= hi + TOL:
                        out.append(
                            v(
                                rule,
                                county,
                                year,
                                month,
                                f"{names.get(county, county)} {_when(year, month)}{ind.name}为 "
                                f"{_fmt(val)}{ind.unit}，超出 {_fmt(lo)}–{_fmt(hi)}",
                                code,
                            )
                        )
        elif rule.rule == "yoy_jump":
            limit, base_min = rule.threshold or 100.0, rule.low or 0.0
            for code in _value_codes(rule, inds):
                for (c, county, year), ms in months.items():
                    if c != code or not wanted({code}, county, year):
                        continue
                    prev_ms = [m for m in ms if (code, county, year - 1, m) in cm_d]
                    if not prev_ms:
                        continue
                    cur = sum(cm_d[(code, county, year, m)] for m in prev_ms)
                    prev = sum(cm_d[(code, county, year - 1, m)] for m in prev_ms)
                    if prev < base_min or prev <= 0:
                        continue
                    change = (cur / prev - 1) * 100
                    if abs(change) > limit:
                        span = "全年" if prev_ms == [0] or len(prev_ms) == 12 else f"{len(prev_ms)}个月"
                        out.append(
                            v(
                                rule,
                                county,
                                year,
                                None,
                                f"{names.get(county, county)} {year}年{inds[code].name}（{span}）{_fmt(cur)}"
                                f"{inds[code].unit}，比上年同期 {_fmt(prev)} {'增长' if change > 0 else '下降'}"
                                f" {abs(change):.0f}%（超过 {limit:g}%），请核实",
                                code,
                            )
                        )
        elif rule.rule == "outlier":
            limit = rule.threshold or 3.5
            for code in _value_codes(rule, inds):
                for (c, county, year), ms in months.items():
                    ms = [m for m in ms if m > 0]
                    if c != code or len(ms) < 6 or not wanted({code}, county, year):
                        continue
                    vals = pd.Series([cm_d[(code, county, year, m)] for m in ms], index=ms)
                    med = float(vals.median())
                    spread = 1.4826 * float((vals - med).abs().median())
                    if med > 0:
                        spread = max(spread, math.sqrt(med))
                    if spread <= 0:
                        continue
                    for m, x in vals.items():
                        z = (x - med) / spread
                        if abs(z) > limit:
                            out.append(
                                v(
                                    rule,
                                    county,
                                    year,
                                    m,
                                    f"{names.get(county, county)} {year}年{m}月{inds[code].name} {_fmt(x)}"
                                    f"{inds[code].unit}，与该县(区)当年各月（中位数 {_fmt(med)}）相差悬殊，"
                                    f"修正 Z 分数 {z:+.1f}（阈值 {limit:g}），请核实",
                                    code,
                                )
                            )
        elif rule.rule == "breakdown_sum":
            if (rule.other or "@township") == "@township":
                lv = frame.groupby(["code", "county", "year", "month", "level"])["value"].sum().unstack("level")
                if "c" not in lv or "t" not in lv:
                    continue
                codes = set(_value_codes(rule, inds))
                for (code, county, year, month), row in lv.dropna(subset=["c", "t"]).iterrows():
                    if code in codes and wanted({code}, county, year) and abs(row["c"] - row["t"]) > TOL:
                        out.append(
                            v(
                                rule,
                                county,
                                year,
                                month,
                                f"{names.get(county, county)} {_when(year, month)}{inds[code].name}："
                                f"县(区)合计 {_fmt(row['c'])}，各乡镇(街道)之和 {_fmt(row['t'])}，两者不等",
                                code,
                            )
                        )
            else:
                parts = [p.strip() for p in (rule.other or "").split(",") if p.strip()]
                total = inds.get(rule.target)
                if not total:
                    continue
                for (code, county, year, month), tv in cm_d.items():
                    if code != total.code or not wanted({code, *parts}, county, year):
                        continue
                    got = [cm_d.get((p, county, year, month)) for p in parts]
                    if all(g is None for g in got):
                        continue
                    s = sum(g or 0 for g in got)
                    if abs(s - tv) > TOL:
                        names_p = "、".join(inds[p].name if p in inds else p for p in parts)
                        out.append(
                            v(
                                rule,
                                county,
                                year,
                                month,
                                f"{names.get(county, county)} {_when(year, month)}{total.name} {_fmt(tv)}，"
                                f"而{names_p}之和为 {_fmt(s)}",
                                code,
                            )
                        )
    return out


# ------------------------------------------------------------------ date rules


def _bound(spec: str, rec: dict | None, today: dt.date):
    spec = spec.strip()
    if not spec:
        return None
    if spec == "today":
        return today
    try:
        return dt.date.fromisoformat(spec)
    except ValueError:
        return rec.get(spec) if rec is not None else spec  # a column


def _date_rule_parts(rule: Rule) -> tuple[str, str, str, str] | None:
    if "." not in rule.target:
        return None
    kind, col = rule.target.split(".", 1)
    lo, _, hi = (rule.other or "").partition(",")
    return kind, col, lo, hi


def _date_record_violations(rule: Rule, kind: Kind, records, sources, names, today) -> list[Violation]:
    parts = _date_rule_parts(rule)
    if not parts or parts[0] != kind.name:
        return []
    _, col, lo_s, hi_s = parts
    out = []
    zh = {c.name: c.zh for c in kind.columns}
    for rec, src in zip(records, sources, strict=True):
        d = rec.get(col)
        if not isinstance(d, dt.date):
            continue
        lo, hi = _bound(lo_s, rec, today), _bound(hi_s, rec, today)
        bad = None
        if isinstance(lo, dt.date) and d < lo:
            bad = f"早于{zh[lo_s.strip()]}（{lo.isoformat()}）" if lo_s.strip() in zh else f"早于 {lo.isoformat()}"
        elif isinstance(hi, dt.date) and d > hi:
            if hi_s.strip() in zh:
                bad = f"晚于{zh[hi_s.strip()]}（{hi.isoformat()}）"
            else:
                bad = f"晚于{'今天' if hi_s.strip() == 'today' else ' '}（{hi.isoformat()}）"
        if bad:
            county = rec.get("county_code")
            out.append(
                Violation(
                    rule.code,
                    rule.name_zh,
                    rule.rule,
                    rule.severity,
                    county,
                    names.get(county, county or "市本级"),
                    rec.get("year"),
                    rec.get("month"),
                    f"{zh.get(col, col)} {d.isoformat()} {bad}",
                    None,
                    (src,),
                )
            )
    return out


def _date_db_violations(conn: Connection, rule: Rule, year: int, names, today) -> list[Violation]:
    parts = _date_rule_parts(rule)
    if not parts or parts[0] not in KINDS:
        return []
    kind_name, col, lo_s, hi_s = parts
    kind = KINDS[kind_name]
    t = kind.table
    if col not in t.c:
        return []
    conds = []
    for spec, op in ((lo_s, "lt"), (hi_s, "gt")):
        b = _bound(spec, None, today)
        if b is None:
            continue
        other = t.c[b] if isinstance(b, str) and b in t.c else b
        if isinstance(other, str):
            continue
        conds.append(t.c[col] < other if op == "lt" else t.c[col] > other)
    if not conds:
        return []
    where = [t.c[col].is_not(None), or_(*conds)]
    if "year" in t.c:
        where.append(t.c.year == year)
    cols = [t.c[k] for k in kind.key] + [t.c[col]]
    others = [c for c in {lo_s.strip(), hi_s.strip()} if c in t.c]
    cols += [t.c[c] for c in others]
    extra = [t.c.county_code] if "county_code" in t.c else []
    stmt = select(*cols, *extra).where(and_(*where)).order_by(*(t.c[k] for k in kind.key)).limit(MAX_LISTED)
    out = []
    for r in conn.execute(stmt):
        m = r._mapping
        rec = {c: m[c] for c in [col, *others]}
        d = rec[col]
        county = m["county_code"] if extra else None
        key = "、".join(str(m[k]) for k in kind.key)
        lo, hi = _bound(lo_s, rec, today), _bound(hi_s, rec, today)
        why = f"早于 {lo.isoformat()}" if isinstance(lo, dt.date) and d < lo else f"晚于 {hi.isoformat()}"
        out.append(
            Violation(
                rule.code,
                rule.name_zh,
                rule.rule,
                rule.severity,
                county,
                names.get(county, county or "市本级"),
                year,
                None,
                f"{kind.zh} {key}：{kind.col(col).zh} {d.isoformat()} {why}",
            )
        )
    return out


# ------------------------------------------------------------------ on demand


def check_year(
    conn: Connection, year: int, counties: tuple[str, ...] | None = None, today: dt.date | None = None
) -> list[Violation]:
    """Every breach of the active rules in ``year`` (within ``counties``; None: all)."""
    today = today or dt.date.today()
    rules = active_rules(conn)
    inds = _indicators(conn)
    codes = set().union(*(_involved(r, inds) for r in rules if r.rule != "dates_order")) - {""}
    frame = _db_frame(conn, codes, counties, {year - 1, year}) if codes else pd.DataFrame()
    county_codes = set(frame["county"]) if len(frame) else set()
    names = _names(conn, county_codes | set(counties or ()))
    out = _value_rules(
        [r for r in rules if r.rule not in ("dates_order", "non_negative")],
        frame,
        inds,
        names,
        lambda _codes, county, y: y == year,
    )
    for rule in rules:
        if rule.rule == "non_negative":
            out += _negative_db(conn, rule, inds, year, counties, names)
        elif rule.rule == "dates_order":
            vs = _date_db_violations(conn, rule, year, names, today)
            extra = _names(conn, {v.county_code for v in vs}) if vs else {}
            out += [v if v.county_code not in extra else _renamed(v, extra) for v in vs]
    if counties is not None:
        out = [v for v in out if v.county_code in counties]
    return sorted(out, key=lambda v: (v.severity != "error", v.county_code or "", v.year or 0, v.month or 0, v.rule))


def _renamed(v: Violation, names: dict[str, str]) -> Violation:
    from dataclasses import replace

    return replace(v, county=names.get(v.county_code or "", v.county))


def _negative_db(conn, rule, inds, year, counties, names) -> list[Violation]:
    iv = IndicatorValue
    codes = (
        _value_codes(rule, inds) if rule.target != "*" else sorted(c for c, i in inds.items() if i.source == "values")
    )
    conds = [iv.indicator_code.in_(codes), iv.year == year, iv.value < 0]
    if counties is not None:
        conds.append(iv.county_code.in_(counties))
    stmt = select(iv.indicator_code, iv.area_code, iv.county_code, iv.month, iv.value).where(*conds).limit(MAX_LISTED)
    rows = conn.execute(stmt).all()
    area_names = _names(conn, {r[1] for r in rows})
    return [
        Violation(
            rule.code,
            rule.name_zh,
            rule.rule,
            rule.severity,
            county,
            names.get(county, county),
            year,
            month or None,
            f"{area_names.get(area, area)} {_when(year, month)}{inds[code].name}为 {_fmt(val)}，不能为负数",
            code,
        )
        for code, area, county, month, val in rows
    ]


# ------------------------------------------------------------------ at load time


def check_load(conn: Connection, kind: Kind, checked: Checked, today: dt.date | None = None) -> list[Violation]:
    """The rules on a checked file's rows, laid over what the database holds."""
    today = today or dt.date.today()
    rules = active_rules(conn)
    recs, srcs = checked.records, checked.sources
    names = _names(conn, {r.get("county_code") for r in recs})
    out: list[Violation] = []
    for rule in rules:
        if rule.rule == "dates_order":
            out += _date_record_violations(rule, kind, recs, srcs, names, today)
    if kind.name != "indicator_values" or not recs:
        return out
    inds = _indicators(conn)
    where: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for r, src in zip(recs, srcs, strict=True):
        where[(r["indicator_code"], r["county_code"], r["year"])].append(src)
    for rule in rules:
        if rule.rule == "non_negative":
            codes = set(_value_codes(rule, inds)) if rule.target != "*" else set(inds)
            for r, src in zip(recs, srcs, strict=True):
                if r["indicator_code"] in codes and r["value"] < 0:
                    out.append(
                        Violation(
                            rule.code,
                            rule.name_zh,
                            rule.rule,
                            rule.severity,
                            r["county_code"],
                            names.get(r["county_code"], ""),
                            r["year"],
                            r["month"] or None,
                            f"{inds[r['indicator_code']].name}为 {_fmt(r['value'])}，不能为负数",
                            r["indicator_code"],
                            (src,),
                        )
                    )
    value_rules = [r for r in rules if r.rule not in ("dates_order", "non_negative")]
    file_codes = {r["indicator_code"] for r in recs}
    value_rules = [r for r in value_rules if _involved(r, inds) & file_codes]
    if not value_rules:
        return out
    codes = set().union(*(_involved(r, inds) for r in value_rules)) - {""}
    counties = {r["county_code"] for r in recs}
    file_years = {r["year"] for r in recs}
    years = file_years | {y - 1 for y in file_years} | {y + 1 for y in file_years}
    frame = _overlay(conn, _db_frame(conn, codes, counties, years), recs)
    touched = {(r["indicator_code"], r["county_code"], r["year"]) for r in recs}

    def wanted(code_set, county, year) -> bool:
        # the county-years the file changes, and for year-on-year also the year after them
        return any((c, county, year) in touched or (c, county, year - 1) in touched for c in code_set)

    for v in _value_rules(value_rules, frame, inds, names, wanted):
        rows = [
            s
            for c in ({v.indicator} if v.indicator else set()) | _involved_rule_codes(v, value_rules, inds)
            for s in where.get((c, v.county_code, v.year), [])
        ]
        if not rows and v.kind == "yoy_jump":
            rows = [s for c in {v.indicator} for s in where.get((c, v.county_code, (v.year or 0) - 1), [])]
        out.append(Violation(**{**v.__dict__, "rows": tuple(sorted(set(rows), key=lambda s: (s[0], s[1])))}))
    return out


def _involved_rule_codes(v: Violation, rules: list[Rule], inds) -> set[str]:
    rule = next((r for r in rules if r.code == v.rule), None)
    return _involved(rule, inds) if rule and rule.rule != "yoy_jump" and rule.target != "*" else set()


def _rows_text(rows: tuple[tuple[str, int], ...]) -> str:
    if not rows:
        return ""
    shown = "、".join(str(r) for _, r in rows[:8])
    return f"（涉及第 {shown}{' 等' if len(rows) > 8 else ''} 行）"


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
