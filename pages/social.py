"""社会力量: volunteers and service hours (month, year, county, partner organisation),
donations (money and goods, purpose), and the timeline of publicity campaigns and
lectures. Headline figures come from the indicator engine."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import streamlit as st

from charts import breakdowns
from charts import social as charts
from data_access import catalog
from ui import data, figures
from ui.components import chart_block, kpi_tiles, more_indicators, on_demand, plain, plotly, table_with_download
from ui.filters import current, lang, scope_name, t
from words import vocab

CODES = dict(catalog.OVERVIEW_GROUPS)["social"]  # social_donations, social_volunteers, social_volunteer_hours
VOL = ["social_volunteers", "social_volunteer_hours"]

f = current()
L = lang()
year, first = f.year, f.first_year
st.title(t("social_title", scope=plain(scope_name(f)), year=year))
st.caption(t("social_caption", first=first, year=year))

# ------------------------------------------------------------------ headline figures
kpis = data.kpis_complete(f, CODES)
trend = data.indicator_series(f, CODES, by=("year",))
partners = data.volunteers_by_partner(f)
kpi_tiles(kpis, trend, columns=3)
value = kpis.set_index("code")["value"]
c1, c2, _ = st.columns(3)
with c1:
    vols, hrs = value.get("social_volunteers"), value.get("social_volunteer_hours")
    hpv = f"{hrs / vols:.1f}" if vols and vols == vols and hrs == hrs else "—"
    figures.tile(t("social_hpv"), t("social_hpv_value", v=hpv), help=t("social_hpv_help"), border=True)
with c2:
    figures.tile(t("social_teams"), t("social_teams_value", n=int(partners["teams"].sum())), border=True)

# ------------------------------------------------------------------------ volunteers
st.subheader(t("social_sec_volunteers"), divider="gray")
monthly = data.indicator_series(f, VOL, by=("year", "month"))
hours_m = monthly[monthly["code"] == "social_volunteer_hours"][["year", "month", "value"]]
people_m = monthly[(monthly["code"] == "social_volunteers") & (monthly["year"] == year)][["month", "value"]]
st.markdown(f"##### {t('social_hours_month')}")
chart_block(
    breakdowns.monthly_chart(hours_m, t("social_axis_hours"), lang=L),
    breakdowns.monthly_finding(hours_m, t("social_noun_hours"), t("social_unit_hours"), lang=L),
    hours_m.astype(int).rename(
        columns={"year": t("social_col_year"), "month": t("social_col_month"), "value": t("social_col_hours")}
    ),
    "social_hours_month",
    f"志愿服务时长_按月_{first}-{year}.csv",
)

left, right = st.columns(2)
with left:
    st.markdown(f"##### {t('social_people_month', year=year)}")
    chart_block(
        breakdowns.monthly_chart(people_m.assign(year=year), t("social_axis_people"), lang=L),
        charts.people_by_month_finding(people_m, year, value.get("social_volunteers", 0), L),
        people_m.astype(int).rename(columns={"month": t("social_col_month"), "value": t("social_col_people")}),
        "social_people_month",
        f"每月参加服务的志愿者_{year}.csv",
    )
with right:
    yearly = trend[trend["code"].isin(VOL)].pivot_table(index="year", columns="code", values="value").reset_index()
    yearly = yearly.rename(columns={"social_volunteers": "volunteers", "social_volunteer_hours": "hours"})
    if "volunteers" not in yearly:
        yearly = yearly.assign(volunteers=0.0, hours=0.0)
    st.markdown(f"##### {t('social_hpv_years')}")
    table = yearly[["year", "volunteers", "hours"]].astype(int)
    table["hpv"] = (yearly["hours"] / yearly["volunteers"].where(yearly["volunteers"] != 0)).round(1)
    chart_block(
        lambda: charts.volunteer_years_chart(
            yearly, t("social_axis_hpv"), t("social_people_unit"), t("social_hours_unit"), L
        ),
        charts.hours_per_volunteer_finding(yearly, L),
        table.rename(
            columns={
                "year": t("social_col_year"),
                "volunteers": t("social_col_volunteers"),
                "hours": t("social_col_hours"),
                "hpv": t("social_col_hpv"),
            }
        ),
        "social_hpv_years",
        f"志愿者与服务时长_{first}-{year}.csv",
        lazy=True,  # secondary: its finding shows, the chart on demand (issue 15)
    )

left, right = st.columns(2)
with left:
    by_county = data.social_by_county(f)
    shown = by_county.assign(
        label=[
            f"{h:,.0f}{t('social_hours_unit')} · {v:,}{t('social_people_unit')}"
            for h, v in zip(by_county["hours"], by_county["volunteers"], strict=True)
        ]
    )
    st.markdown(f"##### {t('social_by_county', year=year)}")
    chart_block(
        charts.labelled_bars(shown, "county", "hours", "label", t("social_axis_county"), t("social_axis_hours")),
        charts.county_finding(by_county, year, L),
        by_county.drop(columns="county_code").rename(
            columns={
                "county": t("social_col_county"),
                "volunteers": t("social_col_volunteers"),
                "hours": t("social_col_hours"),
                "hours_per_volunteer": t("social_col_hpv"),
                "donations": t("social_col_donations"),
            }
        ),
        "social_counties",
        f"社会力量_分县_{year}.csv",
    )
with right:
    shown = partners.assign(
        partner_org=partners["partner_org"].map(lambda w: vocab.word(w, L)),
        label=[
            f"{v:,}{t('social_people_unit')} · {h:,.0f}{t('social_hours_unit')}"
            for v, h in zip(partners["volunteers"], partners["hours"], strict=True)
        ],
    )
    st.markdown(f"##### {t('social_by_partner', year=year)}")
    chart_block(
        lambda: charts.labelled_bars(
            shown, "partner_org", "volunteers", "label", t("social_axis_partner"), t("social_axis_people")
        ),
        charts.partner_finding(partners, year, L),
        partners.assign(partner_org=shown["partner_org"]).rename(
            columns={
                "year": t("social_col_year"),
                "partner_org": t("social_col_partner"),
                "teams": t("social_col_teams"),
                "volunteers": t("social_col_volunteers"),
                "hours": t("social_col_hours"),
                "hours_per_volunteer": t("social_col_hpv"),
            }
        ),
        "social_partners",
        f"志愿服务_按合作组织_{year}.csv",
        lazy=True,
    )

# ------------------------------------------------------------------------- donations
st.subheader(t("social_sec_donations"), divider="gray")
donations = data.donations_by_purpose(f)
donation_cols = {
    "year": t("social_col_year"),
    "purpose": t("social_col_purpose"),
    "donations": t("social_col_count"),
    "money_wan": t("social_col_money"),
    "goods_wan": t("social_col_goods"),
    "total_wan": t("social_col_total"),
}
left, right = st.columns(2)
with left:
    by_year = donations.groupby("year", as_index=False)[["donations", "money_wan", "goods_wan", "total_wan"]].sum()
    st.markdown(f"##### {t('social_donations_years')}")
    chart_block(
        charts.donations_chart(donations, t("social_axis_wan"), t("social_money"), t("social_goods"), lang=L),
        charts.donations_finding(donations, L),
        by_year.round(2).rename(columns=donation_cols),
        "social_donations_years",
        f"社会捐赠_年度_{first}-{year}.csv",
    )
with right:
    st.markdown(f"##### {t('social_donations_purpose')}")
    chart_block(
        lambda: breakdowns.breakdown_chart(
            donations, "purpose", "total_wan", t("social_axis_purpose"), t("social_axis_wan"), decimals=2, lang=L
        ),
        breakdowns.breakdown_finding(
            donations, "purpose", "total_wan", t("social_noun_donations"), t("social_wan_unit"), decimals=2, lang=L
        ),
        donations.rename(columns=donation_cols),
        "social_donations_purpose",
        f"社会捐赠_按用途_{first}-{year}.csv",
        lazy=True,
    )

# -------------------------------------------------------------------------- outreach
st.subheader(t("social_sec_outreach"), divider="gray")
events = data.outreach_timeline(f)
kinds = {"campaign": t("social_kind_campaign"), "lecture": t("social_kind_lecture")}
st.markdown(f"##### {t('social_timeline')}")
st.caption(t("social_timeline_caption"))
st.markdown(f"**{plain(charts.timeline_finding(events, year, L))}**")
if events.empty:
    st.info(t("social_no_events"))
else:
    plotly(charts.timeline_chart(events, t("social_axis_date"), kinds, lang=L), "chart_social_timeline")
    listing = (
        events.assign(kind=events["kind"].map(kinds), speaker=events["speaker"].fillna("—"))
        .iloc[::-1][["held_on", "kind", "title", "speaker", "participants", "county"]]
        .rename(
            columns={
                "held_on": t("social_col_date"),
                "kind": t("social_col_kind"),
                "title": t("social_col_title"),
                "speaker": t("social_col_speaker"),
                "participants": t("social_col_participants"),
                "county": t("social_col_org"),
            }
        )
    )
    with on_demand(t("show_table"), "social_timeline") as open_:
        if open_:
            table_with_download(listing, "social_timeline", f"宣传活动与专题宣讲_{first}-{year}.csv")

# ------------------------------------------------------------ the federation's own indicators
more_indicators(f, "social", CODES, scope_name(f), "social")
