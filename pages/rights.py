"""权益保障: legal-aid cases (month, type, service kind, closing), infringement cases by
partner agency, accessibility retrofits by category and status, legal-aid stations, and
the counties compared. Headline figures come from the indicator engine."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import streamlit as st

from charts import breakdowns
from charts import rights as charts
from data_access import catalog
from ui import data, figures
from ui.components import chart_block, kpi_tiles, more_indicators, plain, show_all, table_with_download
from ui.filters import current, lang, scope_name, t

CODES = dict(catalog.OVERVIEW_GROUPS)["rights"]  # rights_legal_aid, rights_access_projects, rights_infringement

f = current()
L = lang()
year, first = f.year, f.first_year
st.title(t("rights_title", scope=plain(scope_name(f)), year=year))
st.caption(t("rights_caption", first=first, year=year))

# ------------------------------------------------------------------ headline figures
kpis = data.kpis_complete(f, CODES)
trend = data.indicator_series(f, CODES, by=("year",))
closing = data.legal_aid_closing(f)
stations = data.legal_aid_stations(f)
this_year = closing[closing["year"] == year]
kpi_tiles(kpis, trend, columns=3)
c1, c2, c3 = st.columns(3)
with c1:
    closed = int(this_year["closed"].sum()) if not this_year.empty else 0
    pct = f"{this_year['closed_pct'].iloc[0]:.1f}" if not this_year.empty else "—"
    figures.tile(
        t("rights_closed"), t("rights_closed_value", n=closed, pct=pct), help=t("rights_closed_help"), border=True
    )
with c2:
    med = this_year["median_days"].iloc[0] if not this_year.empty else None
    med_text = "—" if med is None or med != med else f"{med:g}"
    figures.tile(
        t("rights_median_days"), t("rights_days_unit", days=med_text), help=t("rights_median_help"), border=True
    )
    if not this_year.empty and int(this_year["open_cases"].iloc[0]):  # closed cases only: not like the full years
        st.caption(t("cmp_median_open", n=int(this_year["open_cases"].iloc[0])))
with c3:
    figures.tile(t("rights_stations"), t("rights_count_unit", n=len(stations)), border=True)


# ------------------------------------------------------------------------- legal aid
def _legal() -> None:
    monthly = data.indicator_series(f, ["rights_legal_aid"], by=("year", "month"))
    st.markdown(f"##### {t('rights_by_month')}")
    chart_block(
        breakdowns.monthly_chart(monthly, t("rights_axis_cases"), lang=L),
        breakdowns.monthly_finding(monthly, t("rights_noun_accepted"), t("rights_unit_case"), lang=L),
        monthly[["year", "month", "value"]]
        .astype(int)
        .rename(columns={"year": t("rights_col_year"), "month": t("rights_col_month"), "value": t("rights_col_cases")}),
        "rights_month",
        f"法律援助案件_按月_{first}-{year}.csv",
    )

    left, right = st.columns(2)
    with left:
        by_type = data.legal_aid_by_type(f)
        st.markdown(f"##### {t('rights_by_type')}")
        chart_block(
            breakdowns.breakdown_chart(
                by_type, "case_type", "cases", t("rights_axis_type"), t("rights_axis_cases"), lang=L
            ),
            breakdowns.breakdown_finding(
                by_type, "case_type", "cases", t("rights_noun_legal"), t("rights_unit_case"), lang=L
            ),
            by_type.rename(
                columns={
                    "year": t("rights_col_year"),
                    "case_type": t("rights_col_type"),
                    "cases": t("rights_col_cases"),
                }
            ),
            "rights_type",
            f"法律援助案件_按类型_{first}-{year}.csv",
        )
    with right:
        by_service = data.legal_aid_by_service(f)
        st.markdown(f"##### {t('rights_by_service', year=year)}")
        chart_block(
            charts.service_chart(by_service, t("rights_axis_service"), t("rights_axis_cases"), L),
            charts.service_finding(by_service, year, L),
            by_service.rename(
                columns={
                    "year": t("rights_col_year"),
                    "service_kind": t("rights_col_service"),
                    "cases": t("rights_col_cases"),
                }
            ),
            "rights_service",
            f"法律援助案件_按服务方式_{year}.csv",
        )

    st.markdown(f"##### {t('rights_closing')}")
    st.caption(t("rights_closing_caption"))
    chart_block(
        charts.closing_chart(closing, t("rights_axis_cases"), t("rights_accepted"), t("rights_closed"), lang=L),
        charts.closing_finding(closing, L),
        closing.rename(
            columns={
                "year": t("rights_col_year"),
                "accepted": t("rights_col_accepted"),
                "closed": t("rights_col_closed"),
                "closed_pct": t("rights_col_closed_pct"),
                "median_days": t("rights_col_median"),
            }
        ),
        "rights_closing",
        f"法律援助结案情况_{first}-{year}.csv",
    )


# ---------------------------------------------------------------------- infringement
def _infringement() -> None:
    by_agency = data.infringement_by_agency(f)
    st.markdown(f"##### {t('rights_by_agency')}")
    chart_block(
        breakdowns.breakdown_chart(
            by_agency, "partner_agency", "cases", t("rights_axis_agency"), t("rights_axis_inf_cases"), lang=L
        ),
        breakdowns.breakdown_finding(
            by_agency, "partner_agency", "cases", t("rights_noun_infringement"), t("rights_unit_inf"), lang=L
        ),
        by_agency.rename(
            columns={
                "year": t("rights_col_year"),
                "partner_agency": t("rights_col_agency"),
                "cases": t("rights_col_inf_cases"),
            }
        ),
        "rights_agency",
        f"查处侵权案件_按部门_{first}-{year}.csv",
    )


# --------------------------------------------------------------------- accessibility
def _access() -> None:
    left, right = st.columns(2)
    with left:
        done = trend[trend["code"] == "rights_access_projects"][["year", "value"]]
        st.markdown(f"##### {t('rights_access_years')}")
        chart_block(
            charts.yearly_bars(done, t("rights_axis_projects"), highlight=year, lang=L),
            charts.yearly_finding(done, t("rights_noun_access"), t("rights_unit_project"), lang=L),
            done.astype(int).rename(columns={"year": t("rights_col_year"), "value": t("rights_col_completed")}),
            "rights_access_years",
            f"无障碍改造完成项目_{first}-{year}.csv",
        )
    with right:
        access = data.access_by_category(f)
        st.markdown(f"##### {t('rights_access_status', year=year)}")
        chart_block(
            charts.access_status_chart(access, t("rights_axis_category"), t("rights_axis_projects"), L),
            charts.access_status_finding(access, year, L),
            access.rename(
                columns={
                    "year": t("rights_col_year"),
                    "category": t("rights_col_category"),
                    "status": t("rights_col_status"),
                    "projects": t("rights_col_projects"),
                    "cost_wan": t("rights_col_cost"),
                }
            ),
            "rights_access_status",
            f"无障碍改造项目_按类别_{year}.csv",
        )


# -------------------------------------------------------------------------- stations
def _stations() -> None:
    st.markdown(f"##### {t('rights_stations_title', year=year)}")
    n_counties = len(f.counties_in_scope() or data.all_counties(f.scope))
    st.markdown(f"**{plain(charts.stations_finding(stations, year, n_counties, L))}**")
    table_with_download(
        stations.drop(columns="county_code").rename(
            columns={
                "county": t("rights_col_county"),
                "name": t("rights_col_station"),
                "established_on": t("rights_col_established"),
                "staff_count": t("rights_col_staff"),
            }
        ),
        "rights_stations",
        f"法律援助工作站_{year}.csv",
    )


# -------------------------------------------------------------------------- counties
def _counties() -> None:
    by_county = data.rights_by_county(f)
    labels = {
        "rights_legal_aid": t("rights_noun_legal"),
        "rights_access_projects": t("rights_noun_access_short"),
        "rights_infringement": t("rights_noun_inf_short"),
    }
    units = {
        "rights_legal_aid": t("rights_unit_case"),
        "rights_access_projects": t("rights_unit_project"),
        "rights_infringement": t("rights_unit_inf"),
    }
    shown_labels = {
        "rights_legal_aid": t("rights_col_legal"),
        "rights_access_projects": t("rights_col_access"),
        "rights_infringement": t("rights_col_infringement"),
    }
    st.markdown(f"##### {t('rights_counties_title', year=year)}")
    chart_block(
        charts.county_compare_chart(by_county, shown_labels, t("rights_axis_county"), t("rights_axis_count")),
        charts.county_compare_finding(by_county, labels, units, year, L),
        by_county.drop(columns="county_code").rename(
            columns={
                "county": t("rights_col_county"),
                **shown_labels,
                "closed": t("rights_col_closed"),
                "median_days": t("rights_col_median"),
                "stations": t("rights_col_stations"),
            }
        ),
        "rights_counties",
        f"权益保障_分县_{year}.csv",
    )


# only the open tab is computed and sent (a tab change reruns the page), unless 一次显示全部内容 is on:
# the first view draws the legal-aid charts, not all nine of the page (issue 33: 权益保障 was 3× the floor)
SECTIONS = {
    "legal": _legal,
    "infringement": _infringement,
    "access": _access,
    "stations": _stations,
    "counties": _counties,
}
tabs = st.tabs([t(f"rights_sec_{x}") for x in SECTIONS], key="rights_tab", on_change="rerun")
for section, tab in zip(SECTIONS.values(), tabs, strict=True):
    with tab:
        if tab.open or show_all():
            section()

# ------------------------------------------------------------ the federation's own indicators
more_indicators(f, "rights", CODES, scope_name(f), "rights")
