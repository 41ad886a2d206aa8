"""What a city has and lacks: the first-day guide on the Data page, and the note under
the organisation page's coverage ("不含类似乡级单位 N 个").

Counts only, computed in SQL; no fact rows leave the database.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select, union_all

from .. import vocab
from ..filters import Filters
from ..models import EVENT_MODELS, Area, AreaShape, Indicator, IndicatorValue, OrgUnit
from .common import frame, in_scope

__all__ = ["city_setup", "coverage_left_out", "figures_by_year"]

DEMO_PREFIX = "99"  # the demo city's fictional province


def city_setup(conn: Connection) -> dict:
    """The city's state, step by step: areas, boundaries, organisations, indicators.

    Keys: is_demo, city_code, city_name, counties, townships (counted in coverage),
    township_like (left out: 类似乡级单位 and others not counted), villages,
    county_shapes, township_shapes, org_units (by org_type), own_indicators (loaded
    by the federation), values (reported figures), events (records of every kind).
    """
    city = conn.execute(select(Area.code, Area.name).where(Area.level == "city").order_by(Area.code)).first()
    counts = dict.fromkeys(("county", "township", "township_like", "village"), 0)
    for level, in_cov, n in conn.execute(
        select(Area.level, Area.counts_in_coverage, func.count()).group_by(Area.level, Area.counts_in_coverage)
    ):
        if level == "township" and not in_cov:
            counts["township_like"] += n
        elif level in counts:
            counts[level] += n
    shapes = dict(
        conn.execute(
            select(Area.level, func.count())
            .select_from(AreaShape)
            .join(Area, Area.code == AreaShape.area_code)
            .group_by(Area.level)
        ).all()
    )
    shaped_counted_townships = conn.execute(
        select(func.count())
        .select_from(AreaShape)
        .join(Area, Area.code == AreaShape.area_code)
        .where(Area.level == "township", Area.counts_in_coverage == 1)
    ).scalar()
    # organisations in units that count (a federation in a 开发区 left out of coverage is not one of N)
    orgs = dict(
        conn.execute(
            select(OrgUnit.org_type, func.count())
            .join(Area, Area.code == OrgUnit.area_code)
            .where(Area.counts_in_coverage == 1)
            .group_by(OrgUnit.org_type)
        ).all()
    )
    own = conn.execute(select(func.count()).select_from(Indicator).where(Indicator.batch_id.is_not(None))).scalar()
    values = conn.execute(select(func.count()).select_from(IndicatorValue)).scalar()
    events = sum(conn.execute(select(func.count()).select_from(m)).scalar() or 0 for m in EVENT_MODELS)
    return {
        "is_demo": bool(city and city[0].startswith(DEMO_PREFIX)),
        "city_code": city[0] if city else None,
        "city_name": city[1] if city else None,
        "counties": counts["county"],
        "townships": counts["township"],
        "township_like": counts["township_like"],
        "villages": counts["village"],
        "county_shapes": int(shapes.get("county", 0)),
        "township_shapes": int(shaped_counted_townships or 0),
        "org_units": {k: int(v) for k, v in orgs.items()},
        "own_indicators": int(own or 0),
        "values": int(values or 0),
        "events": int(events),
    }


def figures_by_year(conn: Connection) -> pd.DataFrame:
    """Reported figures and records per year: year, values, records."""
    parts = [select(IndicatorValue.year.label("year"), func.count().label("n")).group_by(IndicatorValue.year)]
    v: dict[int, int] = {y: n for y, n in conn.execute(parts[0])}
    ev = union_all(*(select(m.year.label("year")) for m in EVENT_MODELS)).subquery()
    e: dict[int, int] = {y: n for y, n in conn.execute(select(ev.c.year, func.count()).group_by(ev.c.year))}
    years = sorted(set(v) | set(e))
    return pd.DataFrame(
        [(int(y), int(v.get(y, 0)), int(e.get(y, 0))) for y in years], columns=["year", "values", "records"]
    )


def coverage_left_out(conn: Connection, f: Filters) -> pd.DataFrame:
    """乡级 units left out of the township coverage denominator in the selection: kind, units, names."""
    stmt = (
        select(Area.kind.label("kind"), Area.code.label("code"), Area.name.label("name"))
        .where(Area.level == "township", Area.counts_in_coverage == 0, *in_scope(Area.county_code, f))
        .order_by(Area.code)
    )
    df = frame(conn, stmt)
    df["is_township_like"] = df["kind"].eq(vocab.TOWNSHIP_LIKE)
    return df
