"""总览: the selected year's headline figures, section by section, with the change on
the year before — section 一 with its staffing and reform figures (posts, 以钱养事 hires,
兼(挂)职副理事长, 党组, the five associations), as on the deck's slide — and the same
figures by county."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import pandas as pd
import streamlit as st

from data_access import catalog
from reporting.slides import staffing_figures
from ui import data, figures
from ui.components import indicator_label, kpi_tiles, plain, table_with_download
from ui.filters import current, lang, scope, scope_name, t

f = current()
st.title(t("overview_title", scope=plain(scope_name(f)), year=f.year))
st.caption(t("overview_caption"))

kpis = data.kpis_complete(f, catalog.OVERVIEW_CODES).set_index("code", drop=False)
trend = data.indicator_series(f, catalog.OVERVIEW_CODES, by=("year",))
shown = f.counties_in_scope()
n_counties = len(shown) if shown is not None else len(data.all_counties(scope()))
year_end = pd.Timestamp(f.year, 12, 31)
units = data.org_county_units(f)
units = units[pd.to_datetime(units["established_on"]) <= year_end]
staff = staffing_figures(data.report_staffing(f), units, n_counties, shown is None, lang())
for group, codes in catalog.OVERVIEW_GROUPS:
    st.subheader(t(f"section_{group}"), divider="gray")
    kpi_tiles(kpis.loc[list(codes)], trend)
    if group == "org":  # staffing and reform, the rest of section 一
        st.caption(t("overview_staffing", year=f.year))
        cols = st.columns(len(staff))
        for col, k in zip(cols, staff, strict=True):
            with col:
                figures.tile(k.label, k.value, border=True)

st.subheader(t("by_county_title"), divider="gray")
st.caption(t("by_county_caption", year=f.year))
table = data.county_table(f, catalog.OVERVIEW_CODES)
labels = {code: indicator_label(kpis.loc[code]) for code in catalog.OVERVIEW_CODES}
shown = table.rename(columns={"county": t("county_col"), **labels})
for code in catalog.OVERVIEW_CODES:
    shown[labels[code]] = shown[labels[code]].round(int(kpis.loc[code, "decimals"]))
table_with_download(shown, "overview_counties", f"总览_分县_{f.year}.csv")

if scope() is not None:
    # a county user sees the city only as totals, for comparison
    st.subheader(t("city_totals_title"), divider="gray")
    city = data.city_totals(f.year, catalog.OVERVIEW_CODES).set_index("code")
    table_with_download(
        pd.DataFrame(
            {
                t("indicator"): [labels[c] for c in catalog.OVERVIEW_CODES],
                t("value"): [round(city.loc[c, "value"], int(kpis.loc[c, "decimals"])) for c in catalog.OVERVIEW_CODES],
                t("previous"): [
                    round(city.loc[c, "previous"], int(kpis.loc[c, "decimals"])) for c in catalog.OVERVIEW_CODES
                ],
            }
        ),
        "overview_city",
        f"全市合计_{f.year}.csv",
    )

# the year's reporting in one line, and where to see it (the figures above include unapproved data)
counts = data.quality_approval_counts(f).iloc[0].to_dict()
if counts["due"]:
    st.divider()
    st.caption(t("quality_footer", **counts))
    st.page_link("pages/quality.py", label=t("quality_footer_link"), icon=":material/fact_check:")
