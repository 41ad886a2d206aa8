"""权益保障 charts: pure builders (DataFrame -> plotly Figure), each with a finding — a
one-sentence summary computed from the same frame. Monthly lines and breakdowns by
category, shared with the social page, are in ``charts.breakdowns``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from data_access import vocab
from data_access.queries import CITY_LEVEL as CITY_OWN
from words import fmt
from words import vocab as words
from words.i18n import text

from . import ties
from .basic import _change, _n, _span, bar, grouped_bars, solid_patterns
from .theme import PALETTE, PATTERNS, layout

# ------------------------------------------------------------- legal aid


@memo
def service_chart(df: pd.DataFrame, x_title: str, y_title: str, lang: str) -> go.Figure:
    """Cases of the selected year by service kind (咨询, 代书, 诉讼代理): columns service_kind, cases."""
    order = ["咨询", "代书", "诉讼代理"]
    d = df.groupby("service_kind", as_index=False)["cases"].sum()
    d["k"] = d["service_kind"].map(lambda s: order.index(s) if s in order else len(order))
    d = d.sort_values(["k", "service_kind"])
    total = d["cases"].sum()
    d["service_kind"] = [words.word(k, lang) for k in d["service_kind"]]
    fig = bar(d, "service_kind", "cases", x_title=x_title, y_title=y_title)
    shares = [
        text("chart_rights_share", lang, n=_n(v), p=f"{v / total * 100:.0f}")
        if total
        else text("chart_rights_share_none", lang)
        for v in d["cases"]
    ]
    fig.update_traces(text=shares)
    return fig


def service_finding(df: pd.DataFrame, year: int, lang: str) -> str:
    en = lang == "en"
    d = df.groupby("service_kind")["cases"].sum().sort_values(ascending=False)
    if d.sum() == 0:
        return f"No legal-aid cases in {year} in this selection." if en else f"{year}年所选范围内没有法律援助案件。"
    share = fmt.number(d.iloc[0] / d.sum() * 100, 1, strip=False)
    if en:
        parts = ", ".join(f"{words.word(k, 'en')} {_n(v)}" for k, v in d.items())
        return f"{year}: legal aid was mostly {words.word(d.index[0], 'en')}, {share}% ({parts})."
    parts = "、".join(f"{k}{_n(v)}件" for k, v in d.items())
    return f"{year}年法律援助以{d.index[0]}为主，占{share}%（{parts}）。"


@memo
def closing_chart(
    df: pd.DataFrame, y_title: str, accepted: str = "受理", closed: str = "已结案", *, lang: str
) -> go.Figure:
    """Cases accepted and, of them, closed, by year (bars with patterns and value labels):
    columns year, accepted, closed."""
    d = df.melt(id_vars="year", value_vars=["accepted", "closed"], var_name="series", value_name="cases")
    d["series"] = d["series"].map({"accepted": accepted, "closed": closed})
    d["year"] = d["year"].astype(int).astype(str)
    fig = grouped_bars(d, "year", "cases", "series", x_title=text("chart_axis_year", lang), y_title=y_title)
    fig.update_traces(texttemplate="%{y:,}", textposition="outside", cliponaxis=False)
    fig.update_xaxes(type="category")
    return solid_patterns(fig)


def closing_finding(df: pd.DataFrame, lang: str) -> str:
    """'2025年受理100件，已结案76件（结案率76.0%），办理天数中位数53天。' When cases of the year are still
    open (``open_cases``, ``median_closed_only``) the median is of the closed ones only: the sentence says
    so and does not set it beside years whose cases are all closed (a censored median is not like for
    like); earlier years are compared only when they too had open cases at the time — never here."""
    en = lang == "en"
    if df.empty or df["accepted"].sum() == 0:
        return text("chart_rights_no_cases", lang)
    d = df.sort_values("year")
    r = d.iloc[-1]
    pct = fmt.number(r["closed_pct"], 1, strip=False)
    rest = d.iloc[:-1].dropna(subset=["median_days"])
    censored = bool(r.get("median_closed_only", False)) if "median_closed_only" in d.columns else False
    still_open = int(r["open_cases"]) if "open_cases" in d.columns and pd.notna(r.get("open_cases")) else 0
    if "median_closed_only" in d.columns:  # years that were censored too are no comparison either
        rest = rest[~rest["median_closed_only"].fillna(False).astype(bool)]
    if en:
        s = f"{int(r['year'])}: {_n(r['accepted'])} cases accepted, {_n(r['closed'])} closed ({pct}%)"
        if pd.notna(r["median_days"]):
            s += f"; a closed case took {_n(r['median_days'], 1)} days (median)"
            if censored:
                s += f", the {_n(still_open)} open case{'s' if still_open != 1 else ''} not counted, so not compared with earlier years"
            elif len(rest):
                s += (
                    f" ({int(rest['year'].min())}–{int(rest['year'].max())}: between "
                    f"{_n(rest['median_days'].min(), 1)} and {_n(rest['median_days'].max(), 1)} days)"
                )
        return s + "."
    s = f"{int(r['year'])}年受理{_n(r['accepted'])}件，已结案{_n(r['closed'])}件（结案率{pct}%）"
    if pd.notna(r["median_days"]):
        s += f"，已结案件从受理到结案的天数中位数为{_n(r['median_days'], 1)}天"
        if censored:
            s += f"（尚有{_n(still_open)}件未结案，未计入，故不与往年比较）"
        elif len(rest):
            s += f"（{int(rest['year'].min())}—{int(rest['year'].max())}年历年中位数在{_n(rest['median_days'].min(), 1)}—{_n(rest['median_days'].max(), 1)}天之间）"
    return s + "。"


# ---------------------------------------------------------- accessibility


@memo
def access_status_chart(df: pd.DataFrame, x_title: str, y_title: str, lang: str) -> go.Figure:
    """Projects of the selected year by category, stacked by status: columns category, status, projects."""
    order = ["公共建筑", "公共交通", "信息交流", "家庭无障碍"]
    d = df.groupby(["status", "category"], as_index=False)["projects"].sum()
    cats = [c for c in order if c in set(d["category"])] + sorted(set(d["category"]) - set(order))
    status_order = list(vocab.ACCESS_STATUSES)
    d["s"] = d["status"].map(lambda s: status_order.index(s) if s in status_order else 9)
    d = d.sort_values(["s", "category"])
    if lang == "en":
        d = d.assign(
            status=[words.word(x, "en") for x in d["status"]], category=[words.word(x, "en") for x in d["category"]]
        )
        cats = [words.word(c, "en") for c in cats]
    fig = grouped_bars(d, "category", "projects", "status", x_title=x_title, y_title=y_title, stacked=True)
    fig.update_traces(texttemplate="%{y}", textposition="inside", insidetextfont={"color": "white", "size": 16})
    fig.update_xaxes(categoryorder="array", categoryarray=cats)
    return solid_patterns(fig)


def access_status_finding(df: pd.DataFrame, year: int, lang: str) -> str:
    en = lang == "en"
    done = df[df["status"] == vocab.ACCESS_DONE].groupby("category")["projects"].sum().sort_values(ascending=False)
    ongoing = int(df[df["status"] != vocab.ACCESS_DONE]["projects"].sum())
    if done.sum() == 0 and ongoing == 0:
        return (
            f"No accessibility projects in {year} in this selection."
            if en
            else f"{year}年所选范围内没有无障碍改造项目。"
        )
    tops, top_v = ties.leaders(done[done > 0])
    single = bool(tops) and len(tops) < len(done[done > 0])  # a "most" only when some category had fewer
    if en:
        s = f"{year}: {_n(done.sum())} accessibility retrofits completed"
        if done.sum() and single:
            who = ties.named(tops, "en", lambda c: words.word(c, "en"))
            s += f", the most for {who} ({_n(top_v)}{ties.each(tops, 'en')})"
        if ongoing:
            s += f"; {ongoing} more in progress"
        return s + "."
    s = f"{year}年完成无障碍改造项目{_n(done.sum())}个"
    if done.sum() and single:
        s += f"，其中{ties.named(tops, lang)}最多（{ties.each(tops, lang)}{_n(top_v)}个）"
    if ongoing:
        s += f"；另有{ongoing}个项目正在实施"
    return s + "。"


@memo
def yearly_bars(
    df: pd.DataFrame, y_title: str, decimals: int = 0, highlight: int | None = None, *, lang: str
) -> go.Figure:
    """One labelled bar per year (the selected year highlighted): columns year, value."""
    d = df.sort_values("year").copy()
    d["year"] = d["year"].astype(int).astype(str)
    fig = bar(
        d,
        "year",
        "value",
        x_title=text("chart_axis_year", lang),
        y_title=y_title,
        decimals=decimals,
        highlight=str(highlight) if highlight else None,
    )
    fig.update_xaxes(type="category")
    return fig


def yearly_finding(df: pd.DataFrame, noun: str, unit: str, decimals: int = 0, *, lang: str) -> str:
    """'2025年完成无障碍改造项目50个，比2019年增加27个，是所选年份中最多的一年。'"""
    en = lang == "en"
    if df.empty:
        return f"No {noun} recorded in this selection." if en else f"所选范围内没有{noun}记录。"
    d = df.sort_values("year")
    last = d.iloc[-1]
    if en:
        s = f"{int(last['year'])}: {noun} {_n(last['value'], decimals)} {unit}"
    else:
        s = f"{int(last['year'])}年{noun}{_n(last['value'], decimals)}{unit}"
    if len(d) > 1:
        first, prev = d.iloc[0], d.iloc[-2]
        change = _change(last["value"], first["value"], unit, decimals, lang=lang)
        s += f", {change} on {int(first['year'])}" if en else f"，比{int(first['year'])}年{change}"
        if last["value"] >= d["value"].max():
            also = [
                int(y) for y, v in zip(d["year"].iloc[:-1], d["value"].iloc[:-1], strict=True) if v == last["value"]
            ]
            if not also:
                s += (
                    f", the most of {_span(list(d['year']), 'en')}"
                    if en
                    else f"，是{_span(list(d['year']), lang)}中最多的一年"
                )
            elif en:
                s += f", as many as in {fmt.join([str(y) for y in also], 'en')}, the most of {_span(list(d['year']), 'en')}"
            else:
                s += f"，与{'、'.join(f'{y}年' for y in also)}并列{_span(list(d['year']), lang)}中最多"
        if prev["value"]:
            c = fmt.change(last["value"], prev["value"], decimals)
            pct = fmt.number(abs(c.pct or 0), 1, strip=False)
            if en:
                s += f", {'up' if c.delta >= 0 else 'down'} {pct}% on the year before"
            else:
                s += f"，较上年{'增长' if c.delta >= 0 else '下降'}{pct}%"
    return s + text("chart_stop", lang)


# --------------------------------------------------------------- counties


@memo
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


def county_compare_finding(
    df: pd.DataFrame, labels: dict[str, str], units: dict[str, str], year: int, lang: str
) -> str:
    """The county with the most of each indicator; one county: its own figures (never "the most" of one)."""
    en = lang == "en"
    d = df[df["county"] != CITY_OWN]
    if d.empty:
        return f"No county figures for {year} in this selection." if en else f"{year}年所选范围内没有县(区)数据。"
    # a county with no figure at all (not reported: NaN, never the 0 of an empty sum) is named, not ranked
    silent = d[d[list(labels)].isna().all(axis=1)]
    d = d.drop(silent.index)
    quiet = list(silent["county"])
    note = (f"; {fmt.join(quiet, 'en')} not yet reported" if en else f"；{'、'.join(quiet)}尚未报送") if quiet else ""
    if d.empty:
        return (
            f"{year}: {fmt.join(quiet, 'en')} not yet reported." if en else f"{year}年{'、'.join(quiet)}尚未报送数据。"
        )
    if len(d) == 1:
        r = d.iloc[0]
        if en:
            return (
                f"{year}, {r['county']}: "
                + "; ".join(f"{labels[c]} {_n(r[c])} {units[c]}".strip() for c in labels if pd.notna(r[c]))
                + note
                + "."
            )
        parts = "，".join(f"{labels[c]}{_n(r[c])}{units[c]}" for c in labels if pd.notna(r[c]))
        return f"{year}年{r['county']}{parts}{note}。"
    parts, none = [], []
    for col, name in labels.items():
        if not d[col].fillna(0).any():  # no county has any: not "最多的是甲县（0件）"
            none.append(name)
            continue
        tops, top_v = ties.leaders(d.set_index("county")[col])
        who = ties.named(tops, lang)
        if en:
            parts.append(
                f"{name} highest in {who} ({_n(top_v)} {units[col]}{ties.each(tops, 'en')})".replace(" )", ")").replace(
                    "  each", " each"
                )
            )
        else:
            parts.append(f"{name}最多的是{who}（{ties.each(tops, lang)}{_n(top_v)}{units[col]}）")
    if not parts:
        if en:
            return f"{year}, by county: no records of {', '.join(none)} yet."
        return f"{year}年各县(区)还没有{'、'.join(none)}记录。"
    if en:
        tail = f"; no records of {', '.join(none)} yet" if none else ""
        return f"{year}, by county: " + "; ".join(parts) + tail + note + "."
    tail = f"；{'、'.join(none)}还没有记录" if none else ""
    return f"{year}年各县(区)中，" + "，".join(parts) + tail + note + "。"


def stations_finding(df: pd.DataFrame, year: int, counties_total: int, lang: str) -> str:
    """'2025年底共有法律援助工作站9个（含市本级1个），覆盖全部8个县(区)，工作人员20人。'"""
    en = lang == "en"
    if df.empty:
        return (
            f"No legal-aid stations at the end of {year} in this selection."
            if en
            else f"{year}年底所选范围内还没有法律援助工作站。"
        )
    city = int((df["county"] == CITY_OWN).sum())
    covered = df.loc[df["county"] != CITY_OWN, "county"].nunique()
    staff = int(df["staff_count"].sum())
    if en:
        s = f"End of {year}: {len(df)} legal-aid stations" + (f" ({city} at city level)" if city else "")
        s += (
            f" in all {covered} counties"
            if covered >= counties_total
            else f" in {covered} of {counties_total} counties"
        )
        return s + f", with {staff} staff."
    s = f"{year}年底共有法律援助工作站{len(df)}个"
    if city:
        s += f"（含市本级{city}个）"
    s += "，覆盖全部" if covered >= counties_total else "，覆盖"
    s += f"{covered}个县(区)" if covered >= counties_total else f"{covered}个县(区)（共{counties_total}个）"
    return s + f"，工作人员{staff}人。"
