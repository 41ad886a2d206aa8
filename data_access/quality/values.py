"""Rules over reported values (part ≤ whole, a rate within bounds, year on year, outliers over a
county's months, breakdowns that add up): the figures judged, summed in SQL and laid over a
file's rows at load time, and one function per kind of rule."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, case, func, select

from ..models import IndicatorValue
from .model import MONTHS_EN, TOL, Ind, Rule, Violation, _fmt, _value_codes, _when_said, breach

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


@dataclass
class _Sums:
    """The judged figures: by indicator, county, year, month (``cm``) and by year (``cy``), the
    months each county-year has, the frame itself (for the township levels), the names."""

    frame: pd.DataFrame
    cm: dict
    cy: dict
    months: dict
    inds: dict[str, Ind]
    names: dict[str, str]
    wanted: Callable

    def county(self, county) -> str:
        return self.names.get(county, county)

    def breach(self, rule: Rule, county, year, month, key: str, params: dict, code=None) -> Violation:
        name = self.names.get(county, county or "市本级")
        return breach(rule, county, name, year, month, key, {"county": self.names.get(county, county), **params}, code)


def _part_le_whole(rule: Rule, d: _Sums) -> list[Violation]:
    part, whole = d.inds.get(rule.target), d.inds.get(rule.other or "")
    if not part or not whole:
        return []
    out = []
    for (code, county, year), pv in d.cy.items():
        if code != part.code or not d.wanted({part.code, whole.code}, county, year):
            continue
        wv = d.cy.get((whole.code, county, year))
        if wv is not None and pv > wv + TOL:
            p, w = part.said("part"), whole.said("whole")
            params = {
                "year": year,
                "part": p["part"],
                "part_en": p["part_en"],
                "pv": _fmt(pv),
                "part_unit": p["unit"],
                "part_unit_en": p["unit_en"],
                "whole": w["whole"],
                "whole_en": w["whole_en"],
                "wv": _fmt(wv),
                "whole_unit": w["unit"],
                "whole_unit_en": w["unit_en"],
            }
            out.append(d.breach(rule, county, year, None, "part_le_whole", params, part.code))
    return out


def _rate_range(rule: Rule, d: _Sums) -> list[Violation]:
    ind = d.inds.get(rule.target)
    if not ind:
        return []
    lo = -math.inf if rule.low is None else rule.low
    hi = math.inf if rule.high is None else rule.high
    bounds = {"lo": _fmt(lo), "hi": _fmt(hi)}
    out = []
    if ind.source == "ratio":
        for (code, county, year), den in d.cy.items():
            if code != ind.denominator or not d.wanted({ind.numerator, ind.denominator}, county, year):
                continue
            num = d.cy.get((ind.numerator, county, year))
            if num is None or den <= 0:
                continue
            rate = num / den * ind.scale
            if not lo - TOL <= rate <= hi + TOL:
                params = {"year": year, **ind.said(), "rate": f"{rate:.1f}", **bounds}
                out.append(d.breach(rule, county, year, None, "rate_ratio", params, ind.code))
        return out
    for (code, county, year, month), val in d.cm.items():
        if code == ind.code and d.wanted({code}, county, year) and not lo - TOL <= val <= hi + TOL:
            params = {**_when_said(year, month), **ind.said(), "val": _fmt(val), **bounds}
            out.append(d.breach(rule, county, year, month, "rate_value", params, code))
    return out


def _yoy_jump(rule: Rule, d: _Sums) -> list[Violation]:
    """A county's year against the same months of the year before; small bases are noise."""
    limit, base_min = rule.threshold or 100.0, rule.low or 0.0
    out = []
    for code in _value_codes(rule, d.inds):
        for (c, county, year), ms in d.months.items():
            if c != code or not d.wanted({code}, county, year):
                continue
            prev_ms = [m for m in ms if (code, county, year - 1, m) in d.cm]
            if not prev_ms:
                continue
            cur = sum(d.cm[(code, county, year, m)] for m in prev_ms)
            prev = sum(d.cm[(code, county, year - 1, m)] for m in prev_ms)
            if prev < base_min or prev <= 0:
                continue
            change = (cur / prev - 1) * 100
            if abs(change) > limit:
                whole = prev_ms == [0] or len(prev_ms) == 12
                params = {
                    "year": year,
                    **d.inds[code].said(),
                    "span": "全年" if whole else f"{len(prev_ms)}个月",
                    "span_en": "the whole year" if whole else f"{len(prev_ms)} months",
                    "cur": _fmt(cur),
                    "prev": _fmt(prev),
                    "updown": "增长" if change > 0 else "下降",
                    "updown_en": "up" if change > 0 else "down",
                    "pct": f"{abs(change):.0f}",
                    "limit": f"{limit:g}",
                }
                out.append(d.breach(rule, county, year, None, "yoy_jump", params, code))
    return out


def _outlier(rule: Rule, d: _Sums) -> list[Violation]:
    """Modified z-score over a county's months (MAD floored at the Poisson spread √median)."""
    limit = rule.threshold or 3.5
    out = []
    for code in _value_codes(rule, d.inds):
        for (c, county, year), ms in d.months.items():
            ms = [m for m in ms if m > 0]
            if c != code or len(ms) < 6 or not d.wanted({code}, county, year):
                continue
            vals = pd.Series([d.cm[(code, county, year, m)] for m in ms], index=ms)
            med = float(vals.median())
            spread = 1.4826 * float((vals - med).abs().median())
            if med > 0:
                spread = max(spread, math.sqrt(med))
            if spread <= 0:
                continue
            for m, x in vals.items():
                z = (x - med) / spread
                if abs(z) > limit:
                    params = {
                        "year": year,
                        "month": m,
                        "month_en": MONTHS_EN[int(m) - 1],
                        **d.inds[code].said(),
                        "x": _fmt(x),
                        "med": _fmt(med),
                        "z": f"{z:+.1f}",
                        "limit": f"{limit:g}",
                    }
                    out.append(d.breach(rule, county, year, m, "outlier", params, code))
    return out


def _breakdown_sum(rule: Rule, d: _Sums) -> list[Violation]:
    """The townships add up to their county (``@township``), or named parts to a total."""
    out: list[Violation] = []
    if (rule.other or "@township") == "@township":
        lv = d.frame.groupby(["code", "county", "year", "month", "level"])["value"].sum().unstack("level")
        if "c" not in lv or "t" not in lv:
            return out
        codes = set(_value_codes(rule, d.inds))
        for (code, county, year, month), row in lv.dropna(subset=["c", "t"]).iterrows():
            if code in codes and d.wanted({code}, county, year) and abs(row["c"] - row["t"]) > TOL:
                params = {**_when_said(year, month), **d.inds[code].said(), "c": _fmt(row["c"]), "t": _fmt(row["t"])}
                out.append(d.breach(rule, county, year, month, "township_sum", params, code))
        return out
    parts = [p.strip() for p in (rule.other or "").split(",") if p.strip()]
    total = d.inds.get(rule.target)
    if not total:
        return out
    for (code, county, year, month), tv in d.cm.items():
        if code != total.code or not d.wanted({code, *parts}, county, year):
            continue
        got = [d.cm.get((p, county, year, month)) for p in parts]
        if all(g is None for g in got):
            continue
        s = sum(g or 0 for g in got)
        if abs(s - tv) > TOL:
            named = [d.inds.get(p) for p in parts]
            params = {
                **_when_said(year, month),
                "total": total.name,
                "total_en": total.name_en or total.name,
                "tv": _fmt(tv),
                "parts": "、".join(i.name if i else p for i, p in zip(named, parts, strict=True)),
                "parts_en": ", ".join((i.name_en or i.name) if i else p for i, p in zip(named, parts, strict=True)),
                "s": _fmt(s),
            }
            out.append(d.breach(rule, county, year, month, "parts_sum", params, code))
    return out


VALUE_RULES: dict[str, Callable[[Rule, _Sums], list[Violation]]] = {
    "part_le_whole": _part_le_whole,
    "rate_range": _rate_range,
    "yoy_jump": _yoy_jump,
    "outlier": _outlier,
    "breakdown_sum": _breakdown_sum,
}


def _value_rules(
    rules: list[Rule], frame: pd.DataFrame, inds: dict[str, Ind], names: dict[str, str], wanted
) -> list[Violation]:
    """Rules over reported values. ``wanted(code_set, county, year)`` says whether a county-year
    is to be reported (the file's, or the year asked for)."""
    if frame.empty:
        return []
    cm = frame.groupby(["code", "county", "year", "month"])["value"].sum()
    cy = cm.groupby(level=["code", "county", "year"]).sum()
    months: dict[tuple, list[int]] = defaultdict(list)
    for code, county, year, month in cm.index:
        months[(code, county, year)].append(month)
    d = _Sums(frame, cm.to_dict(), cy.to_dict(), months, inds, names, wanted)
    return [v for rule in rules if rule.rule in VALUE_RULES for v in VALUE_RULES[rule.rule](rule, d)]
