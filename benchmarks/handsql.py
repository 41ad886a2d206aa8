"""The smallest hand-written SQL that returns the same numbers as a page's datasets.

This is the yardstick of the benchmark: one plain statement per fact table touched
(all reported indicators in one statement, the two volunteer measures in one, both
years' coverage in one), read from the facts as they are loaded — no summaries, no
dictionary lookups, no pandas beyond dividing two sums. The query layer's time over
this time is the figure the issue asks for ("within 1.5×").

``series(conn, f, codes, dims, years)`` returns ``{(code, *dim values): value}``;
each dataset function returns what the query layer's function returns, in numbers
only, so the benchmark can check the two agree before it times them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Connection, bindparam, text

from data_access.filters import Filters

DIMCOL = {"county": "county_code", "township": "township_code", "year": "year", "month": "month"}

# reported values are read by code; events by table (what the dictionary says, typed out)
EVENTS = {
    "rights_legal_aid": ("legal_aid_cases", "COUNT(*)", ""),
    "rights_infringement": ("infringement_cases", "COUNT(*)", ""),
    "rights_access_projects": ("accessibility_projects", "COUNT(*)", "AND status = '已完成'"),
    "culture_events": ("activities", "COUNT(*)", "AND kind = 'culture_sport'"),
    "culture_participants": ("activities", "SUM(participants)", "AND kind = 'culture_sport'"),
    "social_donations": ("donations", "SUM(money_wan + goods_wan)", ""),
    "social_donations_money": ("donations", "SUM(money_wan)", ""),
    "social_donations_goods": ("donations", "SUM(goods_wan)", ""),
    "social_volunteer_hours": ("volunteer_records", "SUM(hours)", ""),
}
RATIOS = {
    "edu_enrol_rate": ("edu_enrolled", "edu_school_age", 100.0),
    "emp_income_pc": ("emp_income_total", "emp_income_persons", 10000.0),
}
GROWTHS = {"emp_income_growth": ("emp_income_total", "emp_income_persons")}  # growth of per-capita
COVERAGE = {
    "org_township_coverage": ("township_federation", "township", False),
    "org_village_coverage": ("village_association", "village", False),
    "org_village_staff_coverage": ("village_association", "village", True),
}


def _scope(f: Filters, col: str = "county_code") -> tuple[str, dict]:
    c = f.counties_in_scope()
    if c is None:
        return "", {}
    if not c:
        return " AND 1 = 0", {}
    return f" AND {col} IN :counties", {"counties": list(c)}


def _run(conn: Connection, sql: str, params: dict):
    stmt = text(sql)
    if "counties" in params:
        stmt = stmt.bindparams(bindparam("counties", expanding=True))
    if "codes" in params:
        stmt = stmt.bindparams(bindparam("codes", expanding=True))
    return conn.execute(stmt, params).all()


def series(conn: Connection, f: Filters, codes, dims=("year",), years=None) -> dict:
    """{(code, *dims): value} for indicators of every kind, straight from the facts."""
    years = tuple(years or f.years)
    out: dict = {}
    sel = "".join(f"{DIMCOL[d]}, " for d in dims)
    grp = ", ".join(DIMCOL[d] for d in dims)
    scope, sp = _scope(f)
    codes = list(codes)
    # reported parts needed, with the years they are needed for
    reported = {c for c in codes if c not in EVENTS and c not in COVERAGE and c not in RATIOS and c not in GROWTHS}
    reported.discard("social_volunteers")
    for r in codes:
        if r in RATIOS:
            reported |= set(RATIOS[r][:2])
    y0 = min(years)
    if reported:
        sql = (
            f"SELECT indicator_code, {sel}SUM(value) FROM indicator_values"
            f" WHERE indicator_code IN :codes AND year BETWEEN :y0 AND :y1{scope}"
            f" GROUP BY indicator_code{', ' + grp if grp else ''}"
        )
        vals = {
            tuple(r[:-1]): float(r[-1])
            for r in _run(conn, sql, {"codes": sorted(reported), "y0": y0, "y1": max(years)} | sp)
        }
    else:
        vals = {}
    ykeep = [i for i, d in enumerate(dims) if d == "year"]
    for k, v in vals.items():
        if k[0] in codes and (not ykeep or k[1 + ykeep[0]] >= min(years)):
            out[k] = v
    # events: one statement per table
    by_table = defaultdict(list)
    for c in codes:
        if c in EVENTS:
            by_table[(EVENTS[c][0], EVENTS[c][2])].append(c)
    for (table, where), cs in by_table.items():
        aggs = ", ".join(EVENTS[c][1] for c in cs)
        sql = f"SELECT {sel}{aggs} FROM {table} WHERE year BETWEEN :y0 AND :y1{scope} {where}" + (
            f" GROUP BY {grp}" if grp else ""
        )
        for r in _run(conn, sql, {"y0": min(years), "y1": max(years)} | sp):
            for i, c in enumerate(cs):
                v = r[len(dims) + i]
                if v is not None or not dims:
                    out[(c, *r[: len(dims)])] = None if v is None else float(v)
    if "social_volunteers" in codes:
        sql = (
            f"SELECT {sel}SUM(v) FROM (SELECT {sel}team, MAX(volunteers) AS v FROM volunteer_records"
            f" WHERE year BETWEEN :y0 AND :y1{scope} GROUP BY {grp + ', ' if grp else ''}team) t"
            + (f" GROUP BY {grp}" if grp else "")
        )
        for r in _run(conn, sql, {"y0": min(years), "y1": max(years)} | sp):
            if r[-1] is not None:
                out[("social_volunteers", *r[:-1])] = float(r[-1])
    # ratios and growths of summed parts
    for c, (num, den, scale) in RATIOS.items():
        if c in codes:
            for k, v in vals.items():
                if k[0] == num and (den, *k[1:]) in vals and vals[(den, *k[1:])]:
                    out[(c, *k[1:])] = v / vals[(den, *k[1:])] * scale
    for c, (tot, per) in GROWTHS.items():
        if c in codes:
            # its own statement: growth needs the year before and the year dimension
            gd = [d for d in ("county", "township", "year", "month") if d in dims or d == "year"]
            gsel = ", ".join(DIMCOL[d] for d in gd)
            sql = (
                f"SELECT indicator_code, {gsel}, SUM(value) FROM indicator_values"
                f" WHERE indicator_code IN :codes AND year BETWEEN :y0 AND :y1{scope}"
                f" GROUP BY indicator_code, {gsel}"
            )
            g = {
                tuple(r[:-1]): float(r[-1])
                for r in _run(conn, sql, {"codes": [tot, per], "y0": min(years) - 1, "y1": max(years)} | sp)
            }
            yi = gd.index("year")
            shown = max(years) if "year" not in dims else None
            for k, v in g.items():
                if k[0] != tot or not g.get((per, *k[1:])):
                    continue
                prev = list(k[1:])
                prev[yi] -= 1
                pk = (tot, *prev)
                if g.get(pk) and g.get((per, *prev)) and k[1 + yi] >= min(years):
                    if shown is not None and k[1 + yi] != shown:
                        continue
                    pc, ppc = v / g[(per, *k[1:])], g[pk] / g[(per, *prev)]
                    key = [x for i, x in enumerate(k[1:]) if "year" in dims or i != yi]
                    out[(c, *key)] = (pc / ppc - 1) * 100
    # coverage: both years in one statement per kind, areas joined to their organisation
    cov = [c for c in codes if c in COVERAGE]
    if cov:
        geo = [d for d in dims if d == "county"]
        gsel = "a.county_code, " if geo else ""
        ys = years if "year" in dims else (max(years),)
        for c in cov:
            org, level, staffed = COVERAGE[c]
            parts = []
            for i in range(len(ys)):
                cond = f"o.established_on <= :e{i}" + (f" AND o.staffed_on <= :e{i}" if staffed else "")
                parts.append(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)")
            sql = (
                f"SELECT {gsel}COUNT(*), {', '.join(parts)} FROM areas a LEFT JOIN org_units o"
                f" ON o.area_code = a.code AND o.org_type = :org WHERE a.level = :level{_scope(f, 'a.county_code')[0]}"
                + (" GROUP BY a.county_code" if geo else "")
            )
            params = {"org": org, "level": level} | sp | {f"e{i}": dt.date(y, 12, 31) for i, y in enumerate(ys)}
            for r in _run(conn, sql, params):
                total = r[len(geo)]
                for i, y in enumerate(ys):
                    key = (c, *(r[: len(geo)]), *((y,) if "year" in dims else ()))
                    if total:
                        out[key] = float(r[len(geo) + 1 + i] or 0) / total * 100
    return out


def county_names(conn: Connection, f: Filters) -> dict:
    if f.scope is None:
        return dict(_run(conn, "SELECT code, name FROM areas WHERE level = 'county'", {}))
    sql = "SELECT code, name FROM areas WHERE level = 'county' AND code IN :counties"
    return dict(_run(conn, sql, {"counties": list(f.scope)}))


def count_by(conn: Connection, f: Filters, table: str, column: str, trend: bool) -> dict:
    """{(year, category): count} — legal aid by type, infringement by agency."""
    scope, sp = _scope(f)
    y0 = f.first_year if trend else f.year
    sql = f"SELECT year, {column}, COUNT(*) FROM {table} WHERE year BETWEEN :y0 AND :y1{scope} GROUP BY year, {column}"
    return {(r[0], r[1]): r[2] for r in _run(conn, sql, {"y0": y0, "y1": f.year} | sp)}


def donations_by_purpose(conn: Connection, f: Filters, trend: bool = True) -> dict:
    scope, sp = _scope(f)
    y0 = f.first_year if trend else f.year
    sql = (
        "SELECT year, purpose, COUNT(*), SUM(money_wan), SUM(goods_wan) FROM donations"
        f" WHERE year BETWEEN :y0 AND :y1{scope} GROUP BY year, purpose"
    )
    return {(r[0], r[1]): (r[2], float(r[3]), float(r[4])) for r in _run(conn, sql, {"y0": y0, "y1": f.year} | sp)}


def volunteers_by_partner(conn: Connection, f: Filters, trend: bool = False) -> dict:
    scope, sp = _scope(f)
    y0 = f.first_year if trend else f.year
    sql = (
        "SELECT year, partner_org, COUNT(*), SUM(v), SUM(h) FROM (SELECT year, partner_org, team,"
        " MAX(volunteers) AS v, SUM(hours) AS h FROM volunteer_records"
        f" WHERE year BETWEEN :y0 AND :y1{scope} GROUP BY year, partner_org, team) t GROUP BY year, partner_org"
    )
    return {(r[0], r[1]): (r[2], float(r[3]), float(r[4])) for r in _run(conn, sql, {"y0": y0, "y1": f.year} | sp)}


def access_by_category(conn: Connection, f: Filters, trend: bool = False) -> dict:
    scope, sp = _scope(f)
    y0 = f.first_year if trend else f.year
    sql = (
        "SELECT year, category, status, COUNT(*), SUM(cost_wan) FROM accessibility_projects"
        f" WHERE year BETWEEN :y0 AND :y1{scope} GROUP BY year, category, status"
    )
    return {(r[0], r[1], r[2]): (r[3], float(r[4])) for r in _run(conn, sql, {"y0": y0, "y1": f.year} | sp)}
