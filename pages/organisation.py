"""组织建设: "乡乡有机构、村村有服务" — coverage figures, the offline map, the gap list,
coverage over the years, staffing, county party groups and special associations."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import datetime as dt
import os

import streamlit as st

from charts import org_associations, org_coverage, org_labels, org_map, org_staffing
from ui import data, figures
from ui import gaps as gap_ledger
from ui.built import built_deck
from ui.components import chart_block, kpi_tiles, on_demand, plain, table_with_download
from ui.filters import current, lang, scope_name, t
from words import fmt

# above this many villages in view the map shows townships only (a province: 24,170 points would
# hide the townships and cost the browser seconds); CANLIAN_MAP_MAX_VILLAGES changes it
VILLAGE_POINTS_MAX = int(os.environ.get("CANLIAN_MAP_MAX_VILLAGES", "5000"))
MAP_WIDTH, MAP_HEIGHT = 620, 640  # px the first view is fitted to: the map column at 1366 px (wider: room around it)
GAPS_LISTED = 30  # gap townships named beside the map; all of them are in the gap list below

f = current()
L = lang()
scope = scope_name(f)
st.title(t("org_title", scope=plain(scope), year=f.year))
st.caption(t("org_caption"))

# ------------------------------------------------------------------ figures
CODES = ("org_township_coverage", "org_village_coverage", "org_village_staff_coverage")
kpis = data.kpis_complete(f, CODES)
trend = data.org_coverage_trend(f)
full = data.org_full_coverage(f)
done = org_coverage.full_coverage_year(full, f.year)
spark = trend.rename(columns={"pct": "value"}).assign(
    code=trend["measure"].map(dict(zip(("township", "village", "village_staff"), CODES, strict=True)))
)
kpi_tiles(kpis, spark, columns=4)

total = data.org_coverage(f)
cols = st.columns(4)
for col, row in zip(cols, total.to_dict("records"), strict=True):
    with col:
        figures.tile(
            t(f"org_count_{row['measure']}"),
            t("org_count_value", covered=f"{row['covered']:,}", total=f"{row['total']:,}"),
            help=t("org_count_help", pct=org_labels.pct_text(row["pct"]), gap=row["gap"]),
            border=True,
        )

# what a half-filled city lacks, said in words (issue 14)
counts = total.set_index("measure")
left_out = data.coverage_left_out(f)
if not left_out.empty:
    shown = fmt.items(left_out["name"].head(8), L) + (t("org_and_more") if len(left_out) > 8 else "")
    st.caption(t("org_left_out", n=len(left_out), names=shown))
if int(counts.loc["township", "total"]) == 0:
    st.warning(t("org_no_townships"))
elif int(counts.loc["township", "covered"]) == 0:
    st.info(t("org_no_orgs"))
if int(counts.loc["village", "total"]) == 0:
    st.info(t("org_no_villages"))
figures.tile(
    t("org_full_year"),
    t("org_full_year_value", year=done) if done else t("org_full_year_not"),
    help=t("org_full_year_help"),
)

st.subheader(t("org_figures"), divider="gray")
st.caption(t("org_figures_caption"))
by_county = data.org_coverage(f, by_county=True)
counties = data.org_county_shapes(f)
names = dict(zip(counties["code"], counties["name"], strict=True))
with on_demand(t("show_table"), "org_coverage") as shown:  # the same numbers as the tiles and the chart below
    if shown:
        table_with_download(
            org_coverage.coverage_wide(by_county, total, names, scope, L), "org_coverage", f"组织覆盖_{f.year}.csv"
        )

# ---------------------------------------------------------------------- map
st.subheader(t("org_map"), divider="gray")
towns = data.org_area_status(f, level="township")
village_counts = data.org_status_counts(f, level="village")
n_villages = int(village_counts["count"].sum())
# beyond the limit the villages are counted, not fetched (the map draws townships only)
villages = data.org_area_status(f, level="village") if n_villages <= VILLAGE_POINTS_MAX else None
map_text = org_map.map_summary(towns, village_counts, f.year, scope, L)
st.markdown(plain(map_text))

items = t("org_legend_sep").join(
    t("org_legend_item", name=name, meaning=meaning) for _hex, name, meaning in org_map.legend_items(L)
)
swatches = " ".join(
    f'<span style="display:inline-block;width:1em;height:1em;background:{hexc};vertical-align:middle"></span> {meaning}'
    for hexc, _name, meaning in org_map.legend_items(L)
)
# a county without township polygons is filled by its coverage (most cities have none public: issue 29)
cov = org_labels.county_coverage(towns)
drawn_towns = bool(towns["geometry"].notna().any())
county_filled = bool(counties["geometry"].notna().any() and (cov["shaped"] == 0).any())
if drawn_towns:
    st.markdown(t("org_map_legend_line", swatches=swatches), unsafe_allow_html=True)
    st.caption(t("org_legend_township", items=items) + " " + t("org_legend_village"))
if county_filled:
    county_swatches = " ".join(
        f'<span style="display:inline-block;width:1em;height:1em;background:{hexc};vertical-align:middle"></span> {m}'
        for hexc, _name, m in org_map.county_legend_items(L)
    )
    st.markdown(
        t("org_map_legend_line", swatches=t("org_map_county_legend", items=county_swatches)), unsafe_allow_html=True
    )

# the map full width with the numbered gap townships in a column beside it (below it on a narrow
# screen, where Streamlit stacks columns), as on the map slide
map_col, list_col = st.columns([3, 1], gap="medium")
late_gaps, late_caption = gap_ledger.overdue(f)  # red rings on the ledger's overdue gaps (issue 32)
with map_col:
    st.pydeck_chart(
        built_deck(
            ("org_map", f, L, MAP_WIDTH, MAP_HEIGHT, len(late_gaps), dt.date.today()),
            org_map.coverage_map,
            towns,
            villages if villages is not None else towns.iloc[0:0],
            counties,
            L,
            MAP_WIDTH,
            MAP_HEIGHT,
            late_gaps,
        ),
        key="org_map",
        height=MAP_HEIGHT,
        width="stretch",
        alt=map_text,
    )
with list_col:
    numbered = org_labels.gap_townships(towns, L)  # only the townships drawn, as numbered on the map
    if county_filled:  # the numbers the county colours stand for, compact
        st.markdown(f"**{t('org_map_county_title')}**")
        st.dataframe(org_map.county_table(towns, counties, L), hide_index=True, width="stretch", key="org_map_counties")
    if numbered.empty:
        if drawn_towns and not county_filled:
            st.caption(t("org_map_gaps_empty"))
    else:
        st.markdown(f"**{t('org_map_gaps_title')}**")
        listed = numbered.head(GAPS_LISTED)
        for status, key in (("none", "org_map_gaps_none_t"), ("no_staff", "org_map_gaps_no_staff")):
            part = listed[listed["status"] == status]
            if not part.empty:
                rows = [
                    t("org_map_gap_row", n=n, name=plain(name), county=plain(county))
                    for n, name, county in zip(part["number"], part["name"], part["county_name"], strict=True)
                ]
                st.markdown(f"*{t(key)}*  \n" + "  \n".join(rows))
        if len(numbered) > GAPS_LISTED:
            st.caption(t("org_map_gaps_more", n=len(numbered)))
if late_caption:
    st.caption(late_caption)
if villages is None:
    st.caption(t("org_map_villages_hidden", n=f"{n_villages:,}", max=f"{VILLAGE_POINTS_MAX:,}"))
st.caption(t("org_map_offline"))
unshaped = towns[towns["geometry"].isna()]
if towns["geometry"].notna().sum() == 0 and counties["geometry"].notna().sum() == 0:
    st.info(t("org_map_none"))
elif county_filled:  # counted, not a paragraph of names: the counties are coloured instead
    st.caption(t("org_map_missing_many", n=len(unshaped)))
elif not unshaped.empty:
    names_left = fmt.items(unshaped["name"].head(30), L) + (t("org_and_more") if len(unshaped) > 30 else "")
    st.caption(t("org_map_missing", n=len(unshaped), names=names_left))
with on_demand(t("org_map_table"), "org_map_towns") as shown:
    if shown:
        table_with_download(org_map.area_table(towns, "township", L), "org_map_towns", f"乡镇覆盖_{f.year}.csv")
with on_demand(t("org_map_table_v"), "org_map_villages") as shown:
    if shown:
        rows = villages if villages is not None else data.org_area_status(f, level="village")
        table_with_download(org_map.area_table(rows, "village", L), "org_map_villages", f"村社区覆盖_{f.year}.csv")

# --------------------------------------------------------------------- gaps
st.subheader(t("org_gaps"), divider="gray")
st.caption(t("org_gaps_caption", year=f.year))
gaps = data.org_gaps(f)
st.markdown(f"**{plain(org_coverage.gap_finding(gaps, f.year, scope, L, len(names)))}**")
if gaps.empty:
    st.success(t("org_gaps_none"))
else:
    table_with_download(org_coverage.gap_table(gaps, L), "org_gaps", f"缺口清单_{f.year}.csv", t("org_gaps_download"))

# ------------------------------------------- the gap ledger: opened, closed, overdue (issue 32)
gap_ledger.section(f, scope)

# ------------------------------------------------------------ by county, trend
st.subheader(t("org_by_county"), divider="gray")
if len(names) > 1:
    chart_block(
        org_coverage.county_figure(by_county, names, L),
        org_coverage.county_finding(by_county, names, f.year, L, trend),
        org_coverage.coverage_wide(by_county, total, names, scope, L),
        "org_by_county",
        f"分县覆盖率_{f.year}.csv",
    )
else:  # one county: no one-bar comparison, its own figures against last year
    st.markdown(f"**{plain(org_coverage.county_finding(by_county, names, f.year, L, trend))}**")
st.subheader(t("org_trend"), divider="gray")
chart_block(
    org_coverage.trend_figure(trend, L),
    org_coverage.trend_finding(trend, full, f.year, scope, L),
    org_coverage.trend_table(trend, L),
    "org_trend",
    f"覆盖率趋势_{f.first_year}-{f.year}.csv",
)

# ----------------------------------------------------------------- staffing
st.subheader(t("org_staffing"), divider="gray")
st.caption(t("org_staffing_caption"))
staffing = data.org_staffing(f)
staff_table = org_staffing.staffing_by_year(staffing, L)
chart_block(
    lambda: org_staffing.staffing_figure(staff_table, L),
    org_staffing.staffing_finding(staffing, f.year, L),
    staff_table,
    "org_staffing",
    f"编制与人员_{f.first_year}-{f.year}.csv",
    lazy=True,  # secondary: its finding shows, the chart on demand (issue 15)
)

# ------------------------------------------------- party groups, associations
st.subheader(t("org_units"), divider="gray")
st.caption(t("org_units_caption"))
units = data.org_county_units(f)
units_trend = data.org_county_units_trend(f)
st.markdown(f"**{t('org_units_grid', year=f.year)}**")
with on_demand(t("show_table"), "org_units_grid") as shown:
    if shown:
        table_with_download(
            org_associations.county_units_grid(units, counties, f.year, L, city_row=not f.counties),
            "org_units_grid",
            f"党组与专门协会_{f.year}.csv",
        )
chart_block(
    lambda: org_associations.county_units_figure(units_trend, L),
    org_associations.county_units_finding(units_trend, f.year, L, scope if len(names) == 1 else None),
    org_associations.county_units_table(units_trend, L),
    "org_units_trend",
    f"党组与专门协会历年_{f.first_year}-{f.year}.csv",
    lazy=True,
)
