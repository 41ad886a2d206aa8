"""Coverage figures of the Organisation page (组织建设): the wide table per county, bars by
county, coverage over the years, the gap list, and their findings."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from .basic import grouped_bars_labelled, lines
from .org_labels import LEVEL_LABELS, _date_text, _l, measure_label, status_label


def coverage_wide(
    by_county: pd.DataFrame, total: pd.DataFrame, names: Mapping[str, str], scope: str, lang: str = "zh"
) -> pd.DataFrame:
    """Counts and % per county (rows) and measure, with a first row for the whole selection."""
    en = lang == "en"
    rows = []

    def row(label: str, df: pd.DataFrame) -> dict:
        d = df.set_index("measure")
        r = {"County" if en else "县(区)": label}
        r["Townships" if en else "乡镇(街道)数"] = int(d.loc["township", "total"])
        r["with federation" if en else "已建残联"] = int(d.loc["township", "covered"])
        r["federation %" if en else "残联覆盖率(%)"] = round(float(d.loc["township", "pct"]), 1)
        r["with staff" if en else "已配专职人员"] = int(d.loc["township_staff", "covered"])
        r["staff %" if en else "专职人员配备率(%)"] = round(float(d.loc["township_staff", "pct"]), 1)
        r["Villages" if en else "村(社区)数"] = int(d.loc["village", "total"])
        r["with association" if en else "已建残协"] = int(d.loc["village", "covered"])
        r["association %" if en else "残协覆盖率(%)"] = round(float(d.loc["village", "pct"]), 1)
        r["with full-time staff" if en else "已配专职委员"] = int(d.loc["village_staff", "covered"])
        r["full-time staff %" if en else "专职委员配备率(%)"] = round(float(d.loc["village_staff", "pct"]), 1)
        return r

    rows.append(row(scope, total))
    for code, g in by_county.groupby("county_code", sort=True):
        rows.append(row(names.get(code, code), g))
    return pd.DataFrame(rows)


def county_figure(by_county: pd.DataFrame, names: Mapping[str, str], lang: str = "zh") -> go.Figure:
    """Coverage % by county for the four measures (grouped bars with patterns and value labels)."""
    df = by_county.assign(
        county=[names.get(c, c) for c in by_county["county_code"]],
        measure_label=[measure_label(m, lang) for m in by_county["measure"]],
    )
    fig = grouped_bars_labelled(
        df,
        "county",
        "pct",
        "measure_label",
        x_title="County" if lang == "en" else "县(区)",
        y_title="Coverage (%)" if lang == "en" else "覆盖率（%）",
    )
    fig.update_yaxes(range=[0, 112])
    fig.update_layout(height=480, legend={"y": 1.08})
    return fig


def county_finding(by_county: pd.DataFrame, names: Mapping[str, str], year: int) -> str:
    """Which county lags most on village full-time staff (the last gap to close)."""
    v = by_county[by_county["measure"] == "village_staff"]
    if v.empty:
        return "所选范围没有数据。"
    if (v["pct"] >= 100).all():
        return f"{year}年各县(区)四项覆盖率均达到100%。"
    low = v.sort_values("pct").iloc[0]
    high = v.sort_values("pct").iloc[-1]
    return (
        f"{year}年村(社区)专职委员配备率最低的是{names.get(low['county_code'], low['county_code'])}"
        f"（{low['pct']:.1f}%，缺{int(low['gap'])}个），最高的是{names.get(high['county_code'], high['county_code'])}"
        f"（{high['pct']:.1f}%）。"
    )


def trend_figure(trend: pd.DataFrame, lang: str = "zh") -> go.Figure:
    df = trend.assign(measure_label=[measure_label(m, lang) for m in trend["measure"]])
    fig = lines(
        df,
        "year",
        "pct",
        series="measure_label",
        x_title="Year" if lang == "en" else "年份",
        y_title="Coverage (%)" if lang == "en" else "覆盖率（%）",
        decimals=1,
    )
    fig.update_yaxes(range=[0, 105])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def trend_table(trend: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    en = lang == "en"
    t = trend.assign(measure=[measure_label(m, lang) for m in trend["measure"]], pct=trend["pct"].round(1))
    return t[["year", "measure", "covered", "total", "pct"]].rename(
        columns={
            "year": "Year" if en else "年份",
            "measure": "Measure" if en else "指标",
            "covered": "Covered" if en else "已覆盖",
            "total": "Total" if en else "总数",
            "pct": "%" if en else "覆盖率(%)",
        }
    )


def full_coverage_year(full: pd.DataFrame, year: int) -> int | None:
    """The year every measure was complete (all four), if it happened by ``year``."""
    if full.empty or full["year"].isna().any():
        return None
    y = int(full["year"].max())
    return y if y <= year else None


def trend_finding(trend: pd.DataFrame, full: pd.DataFrame, year: int, scope: str) -> str:
    """From where to where each coverage went, and when it all reached 100 %."""
    parts = []
    y0, y1 = int(trend["year"].min()), int(trend["year"].max())
    for m in ("township", "village", "village_staff"):
        g = trend[trend["measure"] == m].set_index("year")["pct"]
        if g.empty:
            continue
        parts.append(f"{measure_label(m)}从{y0}年的{g.loc[y0]:.1f}%升至{y1}年的{g.loc[y1]:.1f}%")
    s = f"{scope}" + "，".join(parts) + "。" if parts else ""
    done = full_coverage_year(full, year)
    if done is not None:
        s += f"{done}年实现“乡乡有机构、村村有服务”（四项均达100%）。"
    else:
        s += f"截至{year}年尚未实现全覆盖。"
    return s


def gap_table(gaps: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The gap list as handed to a county: by county, township, with codes and what is missing."""
    en = lang == "en"
    cols = {
        "county_name": "County" if en else "县(区)",
        "level_label": "Level" if en else "层级",
        "township_name": "Township" if en else "所属乡镇(街道)",
        "name": "Name" if en else "名称",
        "code": "Division code" if en else "区划代码",
        "gap": "Gap" if en else "缺口",
        "established": "Established" if en else "成立日期",
    }
    if gaps.empty:
        return pd.DataFrame(columns=list(cols.values()))
    t = gaps.assign(
        level_label=[_l(LEVEL_LABELS[lv], lang) for lv in gaps["level"]],
        gap=[status_label(lv, s, lang) for lv, s in zip(gaps["level"], gaps["status"], strict=True)],
        established=[_date_text(d) for d in gaps["established_on"]],
    )
    return t[list(cols)].rename(columns=cols).reset_index(drop=True)


def gap_finding(gaps: pd.DataFrame, year: int, scope: str) -> str:
    if gaps.empty:
        return f"{scope}{year}年末没有缺口：乡镇(街道)都已建残联并配备专职人员，村(社区)都已建残协并配备专职委员。"
    t = gaps[gaps["level"] == "township"]
    v = gaps[gaps["level"] == "village"]
    by_county = gaps.groupby("county_name").size().sort_values(ascending=False)
    return (
        f"{scope}{year}年末共有{len(t)}个乡镇(街道)、{len(v)}个村(社区)存在缺口"
        f"（其中{int((t['status'] == 'none').sum())}个乡镇(街道)未建残联、{int((v['status'] == 'none').sum())}个村(社区)未建残协），"
        f"缺口最多的是{by_county.index[0]}（{int(by_county.iloc[0])}个）。"
    )
