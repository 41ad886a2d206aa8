"""Coverage figures of the Organisation page (组织建设): the wide table per county, bars by
county, coverage over the years, the gap list, and their findings."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words import fmt
from words.i18n import text

from . import ties
from .basic import grouped_bars_labelled, lines
from .org_labels import LEVEL_LABELS, _date_text, _l, measure_label, status_label


def coverage_wide(
    by_county: pd.DataFrame, total: pd.DataFrame, names: Mapping[str, str], scope: str, lang: str
) -> pd.DataFrame:
    """Counts and % per county (rows) and measure, with a first row for the whole selection."""
    columns = {  # (measure, field) -> column, in the order shown
        ("township", "total"): text("chart_cov_townships", lang),
        ("township", "covered"): text("chart_cov_with_federation", lang),
        ("township", "pct"): text("chart_cov_federation_pct", lang),
        ("township_staff", "covered"): text("chart_cov_with_staff", lang),
        ("township_staff", "pct"): text("chart_cov_staff_pct", lang),
        ("village", "total"): text("chart_cov_villages", lang),
        ("village", "covered"): text("chart_cov_with_association", lang),
        ("village", "pct"): text("chart_cov_association_pct", lang),
        ("village_staff", "covered"): text("chart_cov_with_member", lang),
        ("village_staff", "pct"): text("chart_cov_member_pct", lang),
    }
    label = text("chart_county", lang)
    # one county: its row is the whole selection, so it is not listed twice
    one = by_county["county_code"].nunique() == 1
    both = by_county if one else pd.concat([total.assign(county_code=""), by_county], ignore_index=True)
    wide = both.pivot_table(index="county_code", columns="measure", values=["total", "covered", "pct"], aggfunc="first")
    out = pd.DataFrame({label: [scope if c == "" else names.get(c, c) for c in wide.index]})
    for (measure, field), col in columns.items():
        v = wide[(field, measure)] if (field, measure) in wide.columns else pd.Series(float("nan"), index=wide.index)
        out[col] = v.round(1).to_numpy() if field == "pct" else v.fillna(0).astype(int).to_numpy()
    return out


@memo
def county_figure(by_county: pd.DataFrame, names: Mapping[str, str], lang: str) -> go.Figure:
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
        x_title=text("chart_county", lang),
        y_title=text("chart_axis_coverage", lang),
    )
    fig.update_yaxes(range=[0, 112])
    fig.update_layout(height=480, legend={"y": 1.08})
    return fig


def county_finding(
    by_county: pd.DataFrame, names: Mapping[str, str], year: int, lang: str, trend: pd.DataFrame | None = None
) -> str:
    """Village full-time staff (the last gap to close) across the counties in view: the lowest
    and the highest of several; for one county its own rate and gap, against last year when
    ``trend`` (``org_coverage_trend`` of the same scope) has it — never a ranking of one."""
    en = lang == "en"
    v = by_county[(by_county["measure"] == "village_staff") & (by_county["total"] > 0)]
    if v.empty:
        if by_county.empty:
            return text("chart_no_data", lang)
        # the chart beside it has the townships: not "no data", but no villages to count
        return text("chart_cov_no_villages", lang)
    label = measure_label("village_staff", lang)
    if v["county_code"].nunique() == 1:
        r = v.iloc[0]
        name = names.get(r["county_code"], r["county_code"])
        if (by_county["pct"] >= 100).all():
            return (
                f"{name}: all four coverage rates at 100% at the end of {year}."
                if en
                else f"{year}年末{name}四项覆盖率均达到100%。"
            )
        s = (
            f"{name}, end of {year}: {label.lower()} {r['pct']:.1f}% ({int(r['gap'])} villages short)"
            if en
            else f"{year}年末{name}{label}{r['pct']:.1f}%（缺{int(r['gap'])}个）"
        )
        prev = None
        if trend is not None and not trend.empty:
            g = trend[(trend["measure"] == "village_staff") & (trend["year"] == year - 1)]
            prev = float(g["pct"].iloc[0]) if len(g) else None
        c = fmt.change(float(r["pct"]), prev, 1, rate=True)
        if c is not None:
            s += text("chart_comma", lang) + fmt.change_words(c, lang=lang)
        return s + text("chart_stop", lang)
    if (v["pct"] >= 100).all():
        return (
            f"Every county has all four coverage rates at 100% at the end of {year}."
            if en
            else f"{year}年各县(区)四项覆盖率均达到100%。"
        )
    low = v.sort_values("pct").iloc[0]
    high = v.sort_values("pct").iloc[-1]
    lo_n, hi_n = names.get(low["county_code"], low["county_code"]), names.get(high["county_code"], high["county_code"])
    if en:
        return (
            f"{year}: {label.lower()} is lowest in {lo_n} ({low['pct']:.1f}%, {int(low['gap'])} villages short) "
            f"and highest in {hi_n} ({high['pct']:.1f}%)."
        )
    return (
        f"{year}年村(社区)专职委员配备率最低的是{lo_n}（{low['pct']:.1f}%，缺{int(low['gap'])}个），"
        f"最高的是{hi_n}（{high['pct']:.1f}%）。"
    )


@memo
def trend_figure(trend: pd.DataFrame, lang: str) -> go.Figure:
    df = trend.assign(measure_label=[measure_label(m, lang) for m in trend["measure"]])
    fig = lines(
        df,
        "year",
        "pct",
        series="measure_label",
        x_title=text("chart_axis_year_of", lang),
        y_title=text("chart_axis_coverage", lang),
        decimals=1,
    )
    fig.update_yaxes(range=[0, 105])
    fig.update_layout(height=460, legend={"y": 1.1})
    return fig


def trend_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = trend.assign(measure=[measure_label(m, lang) for m in trend["measure"]], pct=trend["pct"].round(1))
    return t[["year", "measure", "covered", "total", "pct"]].rename(
        columns={
            "year": text("chart_axis_year_of", lang),
            "measure": text("chart_col_measure", lang),
            "covered": text("chart_col_covered", lang),
            "total": text("chart_col_total", lang),
            "pct": text("chart_col_coverage_pct", lang),
        }
    )


def full_coverage_year(full: pd.DataFrame, year: int) -> int | None:
    """The year every measure was complete (all four), if it happened by ``year``."""
    if full.empty or full["year"].isna().any():
        return None
    y = int(full["year"].max())
    return y if y <= year else None


def trend_finding(trend: pd.DataFrame, full: pd.DataFrame, year: int, scope: str, lang: str) -> str:
    """From where to where each coverage went, and when it all reached 100 %."""
    en = lang == "en"
    if trend.empty:
        return text("chart_no_data", lang)
    parts = []
    y0, y1 = int(trend["year"].min()), int(trend["year"].max())
    for m in ("township", "village", "village_staff"):
        g = trend[trend["measure"] == m].set_index("year")["pct"]
        if g.empty or pd.isna(g.get(y1)):
            continue  # no villages loaded: no rate to state (never "nan%")
        if pd.isna(g.get(y0)):
            y_first = int(g.dropna().index.min())
            parts.append(
                f"{measure_label(m, lang).lower()} {g.loc[y1]:.1f}% in {y1} (first counted in {y_first})"
                if en
                else f"{measure_label(m, lang)}{y1}年为{g.loc[y1]:.1f}%（{y_first}年起有统计）"
            )
            continue
        if y0 == y1:
            parts.append(
                f"{measure_label(m, lang)} {g.loc[y1]:.1f}%" if en else f"{measure_label(m, lang)}{g.loc[y1]:.1f}%"
            )
        elif en:
            parts.append(
                f"{measure_label(m, lang).lower()} went from {g.loc[y0]:.1f}% in {y0} to {g.loc[y1]:.1f}% in {y1}"
            )
        else:
            way = "升至" if g.loc[y1] > g.loc[y0] else "降至" if g.loc[y1] < g.loc[y0] else "保持在"
            parts.append(f"{measure_label(m, lang)}从{y0}年的{g.loc[y0]:.1f}%{way}{y1}年的{g.loc[y1]:.1f}%")
    if en:
        s = f"{scope}: " + "; ".join(parts) + ". " if parts else ""
    else:
        s = f"{scope}" + "，".join(parts) + "。" if parts else ""
    done = full_coverage_year(full, year)
    if done is not None:
        s += (
            f"Every township and village covered since {done} (all four at 100%)."
            if en
            else f"{done}年实现“乡乡有机构、村村有服务”（四项均达100%）。"
        )
    else:
        s += f"Not yet complete by {year}." if en else f"截至{year}年尚未实现全覆盖。"
    if y0 == y1:
        s += text("chart_earlier_first_year", lang)
    return s


def gap_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The gap list as handed to a county: by county, township, with codes and what is missing."""
    cols = {
        "county_name": text("chart_county", lang),
        "level_label": text("chart_col_level", lang),
        "township_name": text("chart_col_parent_township", lang),
        "name": text("chart_col_name", lang),
        "code": text("chart_col_code", lang),
        "gap": text("chart_col_gap", lang),
        "established": text("chart_col_established", lang),
    }
    if gaps.empty:
        return pd.DataFrame(columns=list(cols.values()))
    t = gaps.assign(
        level_label=[_l(LEVEL_LABELS[lv], lang) for lv in gaps["level"]],
        gap=[status_label(lv, s, lang) for lv, s in zip(gaps["level"], gaps["status"], strict=True)],
        established=[_date_text(d) for d in gaps["established_on"]],
    )
    return t[list(cols)].rename(columns=cols).reset_index(drop=True)


def gap_finding(gaps: pd.DataFrame, year: int, scope: str, lang: str, counties_in_view: int | None = None) -> str:
    """How many gaps and where: by county for several counties, by township for one county
    (``counties_in_view`` == 1) — never "the most" of a single place."""
    en = lang == "en"
    if gaps.empty:
        if en:
            return (
                f"{scope}, end of {year}: no gaps — every township has a federation with full-time staff and every "
                "village an association with a full-time staff member."
            )
        return f"{scope}{year}年末没有缺口：乡镇(街道)都已建残联并配备专职人员，村(社区)都已建残协并配备专职委员。"
    t = gaps[gaps["level"] == "township"]
    v = gaps[gaps["level"] == "village"]
    t_none, v_none = int((t["status"] == "none").sum()), int((v["status"] == "none").sum())
    where_col = "township_name" if counties_in_view == 1 else "county_name"
    places = gaps.assign(_w=gaps[where_col].fillna(gaps["name"])).groupby("_w").size().sort_values(ascending=False)
    if en:
        s = (
            f"{scope}, end of {year}: {len(t)} townships and {len(v)} villages with a gap ({t_none} townships without "
            f"a federation, {v_none} villages without an association)"
        )
        tops, top_v = ties.leaders(places)
        if len(places) == 1:
            s += f", all of them in {places.index[0]}"
        elif len(tops) < len(places):
            s += f"; most in {fmt.join(list(tops), 'en')} ({int(top_v)}{ties.each(tops, 'en')})"
        return s + "."
    s = (
        f"{scope}{year}年末共有{len(t)}个乡镇(街道)、{len(v)}个村(社区)存在缺口"
        f"（其中{t_none}个乡镇(街道)未建残联、{v_none}个村(社区)未建残协）"
    )
    tops, top_v = ties.leaders(places)
    if len(places) == 1:
        s += f"，均在{places.index[0]}"
    elif len(tops) < len(places):
        s += f"，缺口最多的是{'、'.join(tops)}（{ties.each(tops, lang)}{int(top_v)}个）"
    return s + "。"
