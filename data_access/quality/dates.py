"""Date rules: a record's dates in order, or within a range (today, a fixed day)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, or_, select

from ..loading.definitions import KINDS, Kind
from .model import MAX_LISTED, Rule, Violation

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
                    rule_en=rule.name_en,
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
                rule_en=rule.name_en,
            )
        )
    return out
