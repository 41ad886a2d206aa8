"""Rules over reported values (part ≤ whole, a rate within bounds, year on year, outliers over a
county's months, breakdowns that add up): the figures judged, summed in SQL and laid over a
file's rows at load time, and one function per kind of rule."""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
from sqlalchemy import Connection, case, func, select

from ..models import IndicatorValue
from .model import TOL, Ind, Rule, Violation, _fmt, _value_codes, _when

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
                parts = [p.strip() for p in rule.other.split(",") if p.strip()]
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
