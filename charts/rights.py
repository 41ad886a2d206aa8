"""权益保障 charts: pure builders (DataFrame -> plotly Figure), each with a finding — a
one-sentence summary computed from the same frame. Monthly lines and breakdowns by
category, shared with the social page, are in ``charts.breakdowns``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from data_access import vocab

from .basic import _change, _n, _span, bar, grouped_bars, solid_patterns
from .theme import PALETTE, PATTERNS, layout

# ------------------------------------------------------------- legal aid


def service_chart(df: pd.DataFrame, x_title: str, y_title: str) -> go.Figure:
    """Cases of the selected year by service kind (咨询, 代书, 诉讼代理): columns service_kind, cases."""
    order = ["咨询", "代书", "诉讼代理"]
    d = df.groupby("service_kind", as_index=False)["cases"].sum()
    d["k"] = d["service_kind"].map(lambda s: order.index(s) if s in order else len(order))
    d = d.sort_values(["k", "service_kind"])
    total = d["cases"].sum()
    fig = bar(d, "service_kind", "cases", x_title=x_title, y_title=y_title)
    shares = [f"{_n(v)}件（{v / total * 100:.0f}%）" if total else "0件" for v in d["cases"]]
    fig.update_traces(text=shares)
    return fig


def service_finding(df: pd.DataFrame, year: int) -> str:
    d = df.groupby("service_kind")["cases"].sum().sort_values(ascending=False)
    if d.sum() == 0:
        return f"{year}年所选范围内没有法律援助案件。"
    parts = "、".join(f"{k}{_n(v)}件" for k, v in d.items())
    return f"{year}年法律援助以{d.index[0]}为主，占{d.iloc[0] / d.sum() * 100:.1f}%（{parts}）。"


def closing_chart(df: pd.DataFrame, y_title: str, accepted: str = "受理", closed: str = "已结案") -> go.Figure:
    """Cases accepted and, of them, closed, by year (bars with patterns and value labels):
    columns year, accepted, closed."""
    d = df.melt(id_vars="year", value_vars=["accepted", "closed"], var_name="series", value_name="cases")
    d["series"] = d["series"].map({"accepted": accepted, "closed": closed})
    d["year"] = d["year"].astype(int).astype(str)
    fig = grouped_bars(d, "year", "cases", "series", x_title="年度", y_title=y_title)
    fig.update_traces(texttemplate="%{y:,}", textposition="outside", cliponaxis=False)
    fig.update_xaxes(type="category")
    return solid_patterns(fig)


def closing_finding(df: pd.DataFrame) -> str:
    """'2025年受理100件，已结案76件（结案率76.0%），办理天数中位数53天。'"""
    if df.empty or df["accepted"].sum() == 0:
        return "所选范围内没有法律援助案件。"
    r = df.sort_values("year").iloc[-1]
    s = f"{int(r['year'])}年受理{_n(r['accepted'])}件，已结案{_n(r['closed'])}件（结案率{r['closed_pct']:.1f}%）"
    if pd.notna(r["median_days"]):
        s += f"，已结案件从受理到结案的天数中位数为{_n(r['median_days'], 1)}天"
    if len(df) > 1:
        rest = df.sort_values("year").iloc[:-1]
        s += f"（{int(rest['year'].min())}—{int(rest['year'].max())}年历年中位数在{_n(rest['median_days'].min(), 1)}—{_n(rest['median_days'].max(), 1)}天之间）"
    return s + "。"


# ---------------------------------------------------------- accessibility


def access_status_chart(df: pd.DataFrame, x_title: str, y_title: str) -> go.Figure:
    """Projects of the selected year by category, stacked by status: columns category, status, projects."""
    order = ["公共建筑", "公共交通", "信息交流", "家庭无障碍"]
    d = df.groupby(["status", "category"], as_index=False)["projects"].sum()
    cats = [c for c in order if c in set(d["category"])] + sorted(set(d["category"]) - set(order))
    status_order = list(vocab.ACCESS_STATUSES)
    d["s"] = d["status"].map(lambda s: status_order.index(s) if s in status_order else 9)
    d = d.sort_values(["s", "category"])
    fig = grouped_bars(d, "category", "projects", "status", x_title=x_title, y_title=y_title, stacked=True)
    fig.update_traces(texttemplate="%{y}", textposition="inside", insidetextfont={"color": "white", "size": 16})
    fig.update_xaxes(categoryorder="array", categoryarray=cats)
    return solid_patterns(fig)


def access_status_finding(df: pd.DataFrame, year: int) -> str:
    done = df[df["status"] == vocab.ACCESS_DONE].groupby("category")["projects"].sum().sort_values(ascending=False)
    ongoing = int(df[df["status"] != vocab.ACCESS_DONE]["projects"].sum())
    if done.sum() == 0 and ongoing == 0:
        return f"{year}年所选范围内没有无障碍改造项目。"
    s = f"{year}年完成无障碍改造项目{_n(done.sum())}个"
    if done.sum():
        s += f"，其中{done.index[0]}最多（{_n(done.iloc[0])}个）"
    if ongoing:
        s += f"；另有{ongoing}个项目正在实施"
    return s + "。"


def yearly_bars(df: pd.DataFrame, y_title: str, decimals: int = 0, highlight: int | None = None) -> go.Figure:
    """One labelled bar per year (the selected year highlighted): columns year, value."""
    d = df.sort_values("year").copy()
    d["year"] = d["year"].astype(int).astype(str)
    fig = bar(
        d,
        "year",
        "value",
        x_title="年度",
        y_title=y_title,
        decimals=decimals,
        highlight=str(highlight) if highlight else None,
    )
    fig.update_xaxes(type="category")
    return fig


def yearly_finding(df: pd.DataFrame, noun: str, unit: str, decimals: int = 0) -> str:
    """'2025年完成无障碍改造项目50个，比2019年增加27个，是所选年份中最多的一年。'"""
    if df.empty:
        return f"所选范围内没有{noun}记录。"
    d = df.sort_values("year")
    last = d.iloc[-1]
    s = f"{int(last['year'])}年{noun}{_n(last['value'], decimals)}{unit}"
    if len(d) > 1:
        first = d.iloc[0]
        s += f"，比{int(first['year'])}年{_change(last['value'], first['value'], unit, decimals)}"
        if last["value"] >= d["value"].max():
            s += f"，是{_span(list(d['year']))}中最多的一年"
        prev = d.iloc[-2]
        if prev["value"]:
            s += f"，较上年{'增长' if last['value'] >= prev['value'] else '下降'}{abs(last['value'] / prev['value'] - 1) * 100:.1f}%"
    return s + "。"


# --------------------------------------------------------------- counties


def county_compare_chart(df: pd.DataFrame, labels: dict[str, str], x_title: str, y_title: str) -> go.Figure:
    """Counties side by side on several count indicators (bars with patterns and labels):
    columns county and one column per key of ``labels``. The city's own row (市本级) is
    left out when it has none of these."""
    cols = list(labels)
    df = df[(df["county"] != "市本级") | (df[cols].sum(axis=1) > 0)]
    fig = go.Figure()
    for k, (col, name) in enumerate(labels.items()):
        fig.add_trace(
            go.Bar(
                x=df["county"],
                y=df[col],
                name=name,
                text=[_n(v) for v in df[col]],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": PALETTE[k % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[k % len(PATTERNS)], "fgcolor": "white"},
                },
            )
        )
    fig = layout(fig, None, x_title, y_title)
    fig.update_layout(barmode="group")
    return solid_patterns(fig)


def county_compare_finding(df: pd.DataFrame, labels: dict[str, str], units: dict[str, str], year: int) -> str:
    """The county with the most of each indicator."""
    d = df[df["county"] != "市本级"]
    if d.empty:
        return f"{year}年所选范围内没有县(区)数据。"
    if len(d) == 1:
        r = d.iloc[0]
        parts = "，".join(f"{labels[c]}{_n(r[c])}{units[c]}" for c in labels)
        return f"{year}年{r['county']}{parts}。"
    parts = []
    for col, name in labels.items():
        top = d.loc[d[col].idxmax()]
        parts.append(f"{name}最多的是{top['county']}（{_n(top[col])}{units[col]}）")
    return f"{year}年各县(区)中，" + "，".join(parts) + "。"


def stations_finding(df: pd.DataFrame, year: int, counties_total: int) -> str:
    """'2025年底共有法律援助工作站9个（含市本级1个），覆盖全部8个县(区)，工作人员20人。'"""
    if df.empty:
        return f"{year}年底所选范围内还没有法律援助工作站。"
    city = int((df["county"] == "市本级").sum())
    covered = df.loc[df["county"] != "市本级", "county"].nunique()
    s = f"{year}年底共有法律援助工作站{len(df)}个"
    if city:
        s += f"（含市本级{city}个）"
    s += "，覆盖全部" if covered >= counties_total else "，覆盖"
    s += f"{covered}个县(区)" if covered >= counties_total else f"{covered}个县(区)（共{counties_total}个）"
    return s + f"，工作人员{int(df['staff_count'].sum())}人。"
