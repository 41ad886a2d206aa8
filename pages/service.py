"""公共服务: rehabilitation, employment, education, culture and sport — each part's figures
for the year with the change on last year, then one indicator at a time: the counties
compared (or one county's townships), the trend over the years and the month-by-month
progress against last year. One generic section serves every indicator of the dictionary."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import pandas as pd
import streamlit as st

from charts import service as charts
from ui import data
from ui.components import chart_block, indicator_label, kpi_tiles, plain, show_all, unit_of
from ui.filters import current, lang, scope_name, t

BASE_TOPICS = ("rehab", "employment", "education", "culture")
# a federation's own indicators may open a part of their own (社会保障: the two subsidies, insurance)
EXTRA_TOPICS = ("security",)

f = current()
TOPICS = BASE_TOPICS + tuple(x for x in EXTRA_TOPICS if not data.service_indicators(f, x).empty)
st.title(t("service_title", scope=plain(scope_name(f)), year=f.year))
st.caption(t("service_caption"))

L = lang()
scope = t("whole_city") if not f.counties else scope_name(f)  # 全市, as the work summary says
in_view = f.counties_in_scope()
one_county = in_view[0] if in_view is not None and len(in_view) == 1 else None


def area_table(df: pd.DataFrame, ind: pd.Series, per_1000: bool) -> pd.DataFrame:
    unit = unit_of(ind)
    table = pd.DataFrame(
        {
            t("service_col_area"): df["name"],
            t("service_col_value", year=f.year): df["value"].round(int(ind["decimals"])),
            t("service_col_value", year=f.year - 1): df["previous"].round(int(ind["decimals"])),
        }
    )
    if per_1000:
        table[t("service_col_registered")] = df["disabled_registered"]
        table[t("service_col_per_1000", unit=unit)] = df["per_1000"].round(charts.PER_1000_DECIMALS)
    return table


def areas_chart(ind: pd.Series, topic: str, per_1000: bool, city_value: float | None) -> None:
    """Counties compared; with exactly one county in view, its townships instead."""
    level = "township" if one_county else "county"
    df = data.service_by_area(f, ind["code"], level=level)
    if one_county:
        county = scope_name(f)
        st.subheader(t("service_townships_title", county=plain(county)))
        where, x_title = t("service_where_townships", county=county), t("service_axis_township")
        if df.empty:
            st.info(t("service_no_township"))
            return
    else:
        st.subheader(t("service_counties_title"))
        where, x_title = t("service_where_counties"), t("service_axis_county")
    if per_1000:
        y_title = t("service_per_1000_axis", name=indicator_label(ind, with_unit=False), unit=unit_of(ind))
    else:
        y_title = indicator_label(ind)
    reference = (t("service_city_ref"), city_value) if charts.is_rate(ind) and not one_county else None
    fig = charts.area_bars(df, ind, x_title, y_title, per_1000=per_1000, reference=reference)
    chart_block(
        fig,
        charts.finding_areas(df, ind, f.year, where, per_1000=per_1000, lang=L),
        area_table(df, ind, per_1000),
        f"service_{topic}_areas",
        t(
            "service_file_areas" if not one_county else "service_file_townships",
            name=ind["name_zh"] if L == "zh" else ind["code"],
            year=f.year,
        ),
    )


def trend_chart(ind: pd.Series, topic: str) -> None:
    st.subheader(t("service_trend_title"))
    df = data.indicator_series(f, (ind["code"],), by=("year",))
    fig = charts.trend_line(df, ind, t("service_axis_year"), indicator_label(ind), lang=L)
    table = pd.DataFrame(
        {
            t("service_col_year"): df["year"].astype(int),
            indicator_label(ind): df["value"].round(int(ind["decimals"])),
        }
    )
    chart_block(
        fig,
        charts.finding_trend(df, ind, scope, L),
        table,
        f"service_{topic}_trend",
        t("service_file_trend", name=ind["name_zh"] if L == "zh" else ind["code"], first=f.first_year, year=f.year),
    )


def monthly_chart(ind: pd.Series, topic: str) -> None:
    st.subheader(t("service_monthly_title", year=f.year))
    df = data.service_monthly(f, ind["code"])
    if df.empty:
        st.info(t("service_no_monthly"))
        return
    unit = unit_of(ind)
    fig = charts.cumulative_lines(
        df,
        ind,
        f.year,
        t("service_axis_month"),
        t("service_axis_cumulative", name=indicator_label(ind, with_unit=False), unit=unit),
        lang=L,
    )
    dec = int(ind["decimals"])
    table = pd.DataFrame(
        {
            t("service_col_year"): df["year"],
            t("service_col_month"): df["month"],
            t("service_col_month_value", unit=unit): df["value"].round(dec),
            t("service_col_cumulative", unit=unit): df["cumulative"].round(dec),
        }
    )
    chart_block(
        fig,
        charts.finding_monthly(df, ind, scope, f.year, L),
        table,
        f"service_{topic}_monthly",
        t("service_file_monthly", name=ind["name_zh"] if L == "zh" else ind["code"], year=f.year),
    )


def part(topic: str) -> None:
    inds = data.service_indicators(f, topic).set_index("code", drop=False)
    codes = tuple(inds["code"])
    kpis = data.kpis_complete(f, codes).set_index("code", drop=False)
    trend = data.indicator_series(f, codes, by=("year",))
    kpi_tiles(kpis.loc[list(codes)], trend, columns=min(len(codes), 3 if len(codes) == 6 else 5))

    code = st.selectbox(
        t("service_pick"),
        codes,
        format_func={c: indicator_label(inds.loc[c]) for c in codes}.get,  # labelled now, in this run's language
        key=f"service_pick_{topic}",
    )
    ind = inds.loc[code]
    # a part ("其中…") is told together with its whole: 新增就业1,000人，其中自主创业100人
    whole = ind["part_of"] if isinstance(ind["part_of"], str) else code
    parts = inds[inds["part_of"] == whole]
    head = inds.loc[whole]
    part_of = (parts.iloc[0], kpis.loc[parts.index[0], "value"]) if not parts.empty else None
    st.info(
        plain(
            charts.finding_value(
                scope, f.year, head, kpis.loc[whole, "value"], kpis.loc[whole, "previous"], part_of, lang=L
            )
        ),
        icon=":material/insights:",
    )

    per_1000 = st.toggle(
        t("service_per_1000"),
        key=f"service_per_{topic}",
        disabled=not bool(ind["per_capita_ok"]),
        help=t("service_per_1000_help") if ind["per_capita_ok"] else t("service_per_1000_na"),
    ) and bool(ind["per_capita_ok"])

    left, right = st.columns(2)
    with left:
        areas_chart(ind, topic, per_1000, kpis.loc[code, "value"])
    with right:
        trend_chart(ind, topic)
    monthly_chart(ind, topic)
    if not one_county:
        st.caption(t("service_drill_hint"))


# only the open tab is computed and sent (a tab change reruns the page), unless 一次显示全部内容 is on
tabs = st.tabs([t(f"service_tab_{x}") for x in TOPICS], key="service_tab", on_change="rerun")
for topic, tab in zip(TOPICS, tabs, strict=True):
    with tab:
        if tab.open or show_all():
            part(topic)
