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
from collections import defaultdict

import pandas as pd
from sqlalchemy import Connection, select

from ..loading.definitions import Kind
from ..loading.validate import Checked
from ..models import IndicatorValue
from .dates import _date_db_violations, _date_record_violations
from .model import (
    MAX_LISTED,
    VIOLATION_COLUMNS,
    Rule,
    Violation,
    _fmt,
    _indicators,
    _involved,
    _names,
    _value_codes,
    _when_said,
    active_rules,
    breach,
    violations_frame,
)
from .values import _db_frame, _overlay, _value_rules

__all__ = [
    "VIOLATION_COLUMNS",
    "Rule",
    "Violation",
    "active_rules",
    "check_load",
    "check_year",
    "violations_frame",
]


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
        breach(
            rule,
            county,
            names.get(county, county),
            year,
            month or None,
            "negative",
            {"area": area_names.get(area, area), **_when_said(year, month), **inds[code].said(), "val": _fmt(val)},
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
                    said = {**inds[r["indicator_code"]].said(), "val": _fmt(r["value"])}
                    county = r["county_code"]
                    out.append(
                        breach(
                            rule,
                            county,
                            names.get(county, ""),
                            r["year"],
                            r["month"] or None,
                            "negative_row",
                            said,
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
