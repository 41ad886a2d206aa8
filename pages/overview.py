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
from ui.components import (
    approved_switch,
    completeness_note,
    indicator_label,
    kpi_tiles,
    plain,
    table_with_download,
    year_statement,
)
from ui.filters import current, lang, scope, scope_name, t

f = current()
st.title(t("overview_title", scope=plain(scope_name(f)), year=f.year))
st.caption(t("overview_caption"))
year_statement(f)  # a year with no data yet, or a year under way, says so

approved_only = approved_switch(f)  # approved figures only, or all (the year's unapproved share stated)
kpis = (data.kpis_approved if approved_only else data.kpis_complete)(f, catalog.OVERVIEW_CODES)
kpis = kpis.set_index("code", drop=False)
trend = data.indicator_series(f, catalog.OVERVIEW_CODES, by=("year",))
shown = f.counties_in_scope()
n_counties = len(shown) if shown is not None else len(data.all_counties(scope()))
year_end = pd.Timestamp(f.year, 12, 31)
units = data.org_county_units(f)
units = units[pd.to_datetime(units["established_on"]) <= year_end]
staff = staffing_figures(data.report_staffing(f), units, n_counties, shown is None, lang())
completeness_note(kpis, f.year)  # once: who has not reported, what the changes compare
for group, codes in catalog.OVERVIEW_GROUPS:
    st.subheader(t(f"section_{group}"), divider="gray")
    kpi_tiles(kpis.loc[list(codes)], trend, note=False)
    if group == "org":  # staffing and reform, the rest of section 一
        st.caption(t("overview_staffing", year=f.year))
        cols = st.columns(len(staff))
        staffing = data.report_staffing(f)
        staff_cov = data.completeness(f, "staffing")
        for col, k in zip(cols, staff, strict=True):
            label, value = k.label, k.value
            if k.code == "staff_city_posts" and not (staffing["level"] == "city").any():
                value = t("cmp_not_reported")  # never loaded: not "0 名"
            elif k.code in ("staff_county_posts", "staff_hires", "staff_vice_chairs"):
                if not staff_cov.present and staffing.empty:
                    value = t("cmp_not_reported")  # nothing loaded for the year: not "0 名"
                elif staff_cov.missing:
                    label = t("cmp_tile_label", label=label, coverage=staff_cov.label(lang()))
            with col:
                figures.tile(label, value, border=True)

st.subheader(t("by_county_title"), divider="gray")
st.caption(t("by_county_caption", year=f.year))
table = data.county_table_complete(f, catalog.OVERVIEW_CODES)  # a county not reported: never 0
labels = {code: indicator_label(kpis.loc[code]) for code in catalog.OVERVIEW_CODES}
table["status"] = table["status"].map(lambda s: t(f"cmp_status_{s}"))
table["doubt"] = table["doubt"].map(lambda cs: "、".join(labels[c] for c in cs.split(",") if c) if cs else "")
shown = table.rename(
    columns={"county": t("county_col"), "status": t("cmp_col_status"), "doubt": t("cmp_doubt"), **labels}
)
if not table["doubt"].astype(bool).any():
    shown = shown.drop(columns=t("cmp_doubt"))
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
                t("cmp_col_status"): [
                    city.loc[c, "coverage_en" if lang() == "en" else "coverage"] for c in catalog.OVERVIEW_CODES
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
