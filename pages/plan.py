"""规划目标: every plan indicator with baseline, latest, target, attainment and the
projection to the plan's end (method stated on the page), and the year's assessment of
the counties — ranking, points per indicator, reasons for points lost, Excel."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import pandas as pd
import streamlit as st

from charts import plan as charts
from data_access.plan import plan_name
from reporting.assessment import assessment_xlsx
from ui import data
from ui.auth import record_export
from ui.circular import circular_button
from ui.components import chart_block, plain, table_with_download
from ui.filters import current, lang, scope_name, t
from words import fmt

f = current()
st.title(t("plan_title", scope=plain(scope_name(f))))
st.caption(t("plan_caption", year=f.year))
en = lang() == "en"


def _name(r: dict) -> str:
    return r["name_en"] if en else r["name_zh"]


def _val(v: float | None, r: dict) -> str:
    return fmt.with_unit(v, int(r["decimals"]), r["unit_zh"], r["unit_en"], lang())


def _rate(v: float | None, unit: str) -> str:
    if v is None or pd.isna(v):
        return "—"
    return t("plan_pp_year" if unit == "pp" else "plan_pct_year", v=f"{v:+.1f}")


def _year(v) -> str:
    return "" if v is None or pd.isna(v) else f"（{int(v)}）"


def plan_table(p: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in p.to_dict("records"):
        sign = t("plan_at_most") if r["direction"] == "at_most" else t("plan_at_least")
        rows.append(
            {
                t("plan_col_indicator"): _name(r),
                t("plan_col_area"): r["area_name"],
                t("plan_col_attribute"): t(f"plan_{r['attribute']}"),
                t("plan_col_baseline"): (_val(r["baseline"], r) + _year(r["baseline_year"]))
                if pd.notna(r["baseline"])
                else "—",
                t("plan_col_latest"): _val(r["latest"], r) + _year(r["latest_year"]),
                t("plan_col_target"): f"{sign}{_val(r['target'], r)}{_year(r['target_year'])}",
                t("plan_col_attainment"): charts.pct(r["attainment"]),
                t("plan_col_projection"): _val(r["projection"], r),
                t("plan_col_projected"): charts.pct(r["projected_attainment"]),
                t("plan_col_needed"): _rate(r["needed_change"], r["change_unit"]),
                t("plan_col_achieved"): _rate(r["achieved_change"], r["change_unit"]),
                t("plan_col_status"): charts.status_text(r["status"], lang()),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ the plan
plans = data.plan_list()
if plans.empty:
    st.info(t("plan_none"))
else:
    running = plans[(plans["first"] <= f.year) & (plans["last"] >= f.year)]
    default = running.index[0] if not running.empty else plans.index[-1]
    labels = {
        r["plan"]: t("plan_period", plan=plan_name(r["plan"], lang()), first=r["first"], last=r["last"])
        for r in plans.to_dict("records")
    }
    if st.session_state.get("plan_choice") not in labels:  # first visit: the plan running in the year
        st.session_state["plan_choice"] = plans.loc[default, "plan"]
    plan = st.radio(t("plan_choose"), list(labels), format_func=labels.get, horizontal=True, key="plan_choice")
    progress = data.plan_progress(f, plan)
    with st.expander(t("plan_method_title"), expanded=False):
        st.markdown(t("plan_method"))
    shown = progress[progress["level"] == "city"] if not f.counties else progress
    if shown.empty:
        shown = progress
    one_area = shown["area_code"].nunique() == 1  # the city alone: its name would only repeat
    chart_rows = shown.assign(
        label=[_name(r) if one_area else f"{r['area_name']} {_name(r)}" for r in shown.to_dict("records")]
    )
    last_seen = min(f.year, int(plans.set_index("plan").loc[plan, "last"]))
    shown_plan = plan_name(plan, lang())
    st.subheader(t("plan_chart_title", plan=shown_plan), divider="gray")
    chart_block(
        charts.attainment_chart(chart_rows, "label", lang()),
        charts.attainment_finding(shown, shown_plan, last_seen, lang()),
        plan_table(shown),
        "plan_attainment",
        f"规划目标完成情况_{plan}_{f.year}.csv",
    )
    counties = progress[progress["level"] == "county"]
    if not f.counties and not counties.empty:
        st.subheader(t("plan_county_title", plan=shown_plan), divider="gray")
        county_finding = charts.attainment_finding(counties, t("plan_county_scope"), last_seen, lang())
        st.markdown(f"**{plain(county_finding)}**")
        names = dict(zip(counties["code"], counties["name_en" if en else "name_zh"], strict=True))
        # first the indicator whose counties lag most: where a reader's attention is needed
        worst = counties.groupby("code")["projected_attainment"].min().sort_values()
        order = [c for c in worst.index if c in names] + [c for c in names if c not in worst.index]
        code = st.selectbox(t("plan_col_indicator"), order, format_func=names.get, key="plan_county_code")
        one = counties[counties["code"] == code]
        chart_block(
            charts.attainment_chart(one, "area_name", lang()),
            charts.attainment_finding(
                one, t("plan_of_indicator", plan=shown_plan, name=names[code]), last_seen, lang()
            ),
            plan_table(one),
            "plan_counties",
            f"规划目标_各县区_{plan}_{code}_{f.year}.csv",
        )
    st.subheader(t("plan_table_title"), divider="gray")
    table_with_download(plan_table(progress), "plan_all", f"规划指标_{plan}_{f.year}.csv")

# ------------------------------------------------------------------ the assessment
st.subheader(t("plan_assessment_title", year=f.year), divider="gray")
rules = data.assessment_rules(f.year)
if rules.empty:
    st.info(t("plan_assessment_none", year=f.year))
else:
    st.caption(t("plan_assessment_caption"))
    ranking = data.assessment_ranking(f)
    unranked = data.assessment_unranked(f)  # figures not reported: not ranked, never a silent 0.00
    scores = data.assessment_scores(f)
    st.markdown(f"##### {t('plan_rules_title')}")
    st.dataframe(
        pd.DataFrame(
            {
                t("plan_col_indicator"): rules["name_en" if en else "name_zh"],
                t("plan_col_weight"): rules["weight"],
                t("plan_col_method"): rules["method"].map(lambda m: t(f"plan_method_{m}")),
                t("plan_col_thresholds"): rules["thresholds"].fillna(""),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    ranked = pd.DataFrame(
        {
            t("plan_col_rank"): ranking["rank"],
            t("plan_col_county"): ranking["county_name"],
            **{
                t("plan_col_rule", name=n, points=f"{w:g}"): ranking[c].round(2)
                for c, n, w in zip(rules["code"], rules["name_en" if en else "name_zh"], rules["weight"], strict=True)
            },
            t("plan_col_total"): ranking["total"].round(2),
            t("plan_col_reasons"): ranking["reasons_en" if en else "reasons"],
        }
    )
    if len(unranked):
        ranked = pd.concat(
            [
                ranked,
                pd.DataFrame(
                    {
                        t("plan_col_rank"): [t("cmp_not_ranked")] * len(unranked),
                        t("plan_col_county"): unranked["county_name"],
                        t("plan_col_reasons"): unranked["reasons_en" if en else "reasons"],
                    }
                ),
            ],
            ignore_index=True,
        )
        ranked[t("plan_col_rank")] = ranked[t("plan_col_rank")].astype(str)
    st.markdown(f"##### {t('plan_ranking_title')}")
    if len(unranked):
        st.warning(
            t(
                "cmp_unranked",
                names=("、" if not en else ", ").join(unranked["county_name"]),
                rule=data.assessment_missing_rule().text(lang()),
            )
        )
    chart_block(
        charts.assessment_chart(ranking, rules, lang()),
        charts.assessment_finding(ranking, f.year, lang()),
        ranked,
        "plan_assessment",
        f"年度考核_{f.year}.csv",
    )
    st.dataframe(ranked, hide_index=True, width="stretch")
    st.download_button(
        t("plan_download_xlsx"),
        assessment_xlsx(
            data.city_name(),
            f.year,
            ranking,
            scores,
            rules,
            unranked=unranked,
            missing_rule=data.assessment_missing_rule().text("zh"),
        ),
        file_name=f"{f.year}年度县(区)目标考核结果.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="plan_xlsx",
        on_click=record_export,
        args=(f"{f.year}年度考核.xlsx",),
    )
    circular_button(f, "plan_circular")
    st.markdown(f"##### {t('plan_detail_title')}")
    table_with_download(
        pd.DataFrame(
            {
                t("plan_col_county"): scores["county_name"],
                t("plan_col_indicator"): scores["name_en" if en else "name_zh"],
                t("plan_col_value"): scores["value"],
                t("plan_col_target"): scores["target"].round(1),
                t("plan_col_attainment"): [charts.pct(v) for v in scores["attainment"]],
                t("plan_col_points"): scores["points"],
                t("plan_col_lost"): scores["lost"],
                t("plan_col_reasons"): scores["reason_en" if en else "reason"],
            }
        ),
        "plan_scores",
        f"年度考核_逐项_{f.year}.csv",
    )
