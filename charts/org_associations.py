"""County party groups (残联党组) and the five special associations (专门协会): the county ×
association grid, the count over the years, and their finding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .basic import lines
from .org_labels import CITY_LEVEL, ORG_TYPE_LABELS, _l
from .theme import PALETTE


def county_units_grid(
    units: pd.DataFrame, counties: pd.DataFrame, year: int, lang: str = "zh", city_row: bool = True
) -> pd.DataFrame:
    """County (rows) × party group and the five associations (columns): "2021年成立" or "未成立".

    ``units``: ``queries.org_county_units``; ``counties``: code, name of the counties shown.
    Units set up after ``year`` count as not yet set up.
    """
    en = lang == "en"
    end = pd.Timestamp(year, 12, 31)
    rows = []
    areas = [(c, n) for c, n in zip(counties["code"], counties["name"], strict=True)]
    if city_row and units["county_code"].isna().any():
        areas = [(None, _l(CITY_LEVEL, lang)), *areas]
    for code, name in areas:
        mine = units[units["county_code"].isna()] if code is None else units[units["county_code"] == code]
        r = {"County" if en else "县(区)": name}
        for ot, pair in ORG_TYPE_LABELS.items():
            if code is None and ot == "party_group":
                r[_l(pair, lang)] = "—"
                continue
            hit = mine[mine["org_type"] == ot]
            when = pd.Timestamp(hit["established_on"].iloc[0]) if len(hit) else None
            if when is not None and when <= end:
                r[_l(pair, lang)] = f"{when.year}年成立" if not en else f"since {when.year}"
            else:
                r[_l(pair, lang)] = "未成立" if not en else "not yet"
        rows.append(r)
    return pd.DataFrame(rows)


def county_units_figure(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    df = trend.assign(kind=[_l(ORG_TYPE_LABELS[o], lang) for o in trend["org_type"]])
    fig = lines(
        df,
        "year",
        "count",
        series="kind",
        x_title="Year" if lang == "en" else "年份",
        y_title="Counties" if lang == "en" else "已设立的县(区)数（个）",
    )
    n = int(trend["counties"].max()) if len(trend) else 0
    fig.add_hline(
        y=n,
        line_dash="dot",
        line_color=PALETTE[6],
        annotation_text=f"县(区)总数 {n}" if lang != "en" else f"all {n} counties",
    )
    fig.update_yaxes(range=[0, n + 1.5])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def county_units_table(trend: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    en = lang == "en"
    t = trend.pivot(index="year", columns="org_type", values="count").reindex(columns=list(ORG_TYPE_LABELS))
    t.columns = [_l(ORG_TYPE_LABELS[c], lang) for c in t.columns]
    t.index.name = "Year" if en else "年份"
    return t.reset_index()


def county_units_finding(trend: pd.DataFrame, year: int) -> str:
    cur = trend[trend["year"] == year].set_index("org_type")
    if cur.empty:
        return "所选范围没有数据。"
    n = int(cur["counties"].iloc[0])
    pg = int(cur.loc["party_group", "count"])
    assoc = cur.drop(index="party_group")
    full = [ORG_TYPE_LABELS[o][0] for o in assoc.index if int(assoc.loc[o, "count"]) >= n]
    lacking = [
        f"{ORG_TYPE_LABELS[o][0]}{n - int(assoc.loc[o, 'count'])}个"
        for o in assoc.index
        if int(assoc.loc[o, "count"]) < n
    ]
    s = f"{year}年末，{n}个县(区)中{pg}个已设立残联党组；"
    s += f"{'、'.join(full)}已在全部县(区)注册" if full else "五个专门协会均未在全部县(区)注册"
    s += f"，尚未注册的县级协会：{'、'.join(lacking)}。" if lacking else "，五个专门协会已全部注册。"
    return s
