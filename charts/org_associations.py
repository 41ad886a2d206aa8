"""County party groups (残联党组) and the five special associations (专门协会): the county ×
association grid, the count over the years, and their finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words.i18n import text

from .basic import lines
from .org_labels import CITY_LEVEL, ORG_TYPE_LABELS, _l
from .theme import PALETTE


def county_units_grid(
    units: pd.DataFrame, counties: pd.DataFrame, year: int, lang: str, city_row: bool = True
) -> pd.DataFrame:
    """County (rows) × party group and the five associations (columns): "2021年成立" or "未成立".

    ``units``: ``queries.org_county_units``; ``counties``: code, name of the counties shown.
    Units set up after ``year`` count as not yet set up.
    """
    en = lang == "en"
    end = pd.Timestamp(year, 12, 31)
    city = "\0city"  # the key of city-level units (no county), apart from every division code
    # one lookup table (county, org type) -> date of the first record, instead of a scan per cell
    first = units.assign(area=units["county_code"].fillna(city)).drop_duplicates(["area", "org_type"])
    since = dict(
        zip(zip(first["area"], first["org_type"], strict=True), pd.to_datetime(first["established_on"]), strict=True)
    )
    areas = [(c, n) for c, n in zip(counties["code"], counties["name"], strict=True)]
    if city_row and units["county_code"].isna().any():
        areas = [(city, _l(CITY_LEVEL, lang)), *areas]
    rows = []
    for code, name in areas:
        r = {text("chart_county", lang): name}
        for ot, pair in ORG_TYPE_LABELS.items():
            if code == city and ot == "party_group":
                r[_l(pair, lang)] = "—"
                continue
            when = since.get((code, ot))
            if when is not None and not pd.isna(when) and when <= end:
                r[_l(pair, lang)] = f"{when.year}年成立" if not en else f"since {when.year}"
            else:
                r[_l(pair, lang)] = "未成立" if not en else "not yet"
        rows.append(r)
    return pd.DataFrame(rows)


@memo
def county_units_figure(trend: pd.DataFrame, lang: str) -> go.Figure:
    df = trend.assign(kind=[_l(ORG_TYPE_LABELS[o], lang) for o in trend["org_type"]])
    fig = lines(
        df,
        "year",
        "count",
        series="kind",
        x_title=text("chart_axis_year_of", lang),
        y_title=text("chart_org_counties_axis", lang),
    )
    n = int(trend["counties"].max()) if len(trend) else 0
    fig.add_hline(
        y=n,
        line_dash="dot",
        line_color=PALETTE[6],
        annotation_text=text("chart_org_counties_total", lang, n=n),
    )
    fig.update_yaxes(range=[0, n + 1.5])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def county_units_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = trend.pivot(index="year", columns="org_type", values="count").reindex(columns=list(ORG_TYPE_LABELS))
    t.columns = [_l(ORG_TYPE_LABELS[c], lang) for c in t.columns]
    t.index.name = text("chart_axis_year_of", lang)
    return t.reset_index()


def county_units_finding(trend: pd.DataFrame, year: int, lang: str, county: str | None = None) -> str:
    """Party groups and the five associations at year end: how many of the counties in view
    have each; for one county (``county``: its name) which it has and which it lacks."""
    en = lang == "en"
    cur = trend[trend["year"] == year].set_index("org_type")
    if cur.empty:
        return text("chart_no_data", lang)
    n = int(cur["counties"].iloc[0])
    pg = int(cur.loc["party_group", "count"]) if "party_group" in cur.index else 0
    assoc = cur.drop(index="party_group", errors="ignore")
    name = (lambda o: ORG_TYPE_LABELS[o][1]) if en else (lambda o: ORG_TYPE_LABELS[o][0])
    full = [name(o) for o in assoc.index if int(assoc.loc[o, "count"]) >= n]
    missing = [o for o in assoc.index if int(assoc.loc[o, "count"]) < n]
    if county is not None and n == 1:
        if en:
            s = f"{county}, end of {year}: party group {'set up' if pg else 'not yet set up'}; "
            s += f"associations registered: {', '.join(full) or 'none'}"
            return s + (f"; not yet: {', '.join(name(o) for o in missing)}." if missing else ".")
        s = f"{year}年末，{county}{'已' if pg else '尚未'}设立残联党组；"
        s += f"已注册{'、'.join(full)}" if full else "五个专门协会均未注册"
        return s + (f"，尚未注册{'、'.join(name(o) for o in missing)}。" if missing and full else "。")
    if en:
        s = f"End of {year}: {pg} of {n} counties have a party group; "
        s += f"{', '.join(full)} registered in every county" if full else "no association registered in every county"
        lacking = [f"{name(o)} ({n - int(assoc.loc[o, 'count'])})" for o in missing]
        return s + (f"; counties still without: {', '.join(lacking)}." if lacking else "; all five registered.")
    lacking = [f"{name(o)}{n - int(assoc.loc[o, 'count'])}个" for o in missing]
    s = f"{year}年末，{n}个县(区)中{pg}个已设立残联党组；"
    s += f"{'、'.join(full)}已在全部县(区)注册" if full else "五个专门协会均未在全部县(区)注册"
    s += f"，尚未注册的县级协会：{'、'.join(lacking)}。" if lacking else "，五个专门协会已全部注册。"
    return s
