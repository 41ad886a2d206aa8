"""数据质量: per report and period, which counties were expected and which submitted — on
time, late or not at all — as a county × period grid of text marks, the list of what is
missing, the year's rule violations, and the submissions with the city's approval."""

from ui.frame import guard

guard(__file__)  # run only inside dashboard.py: login, scope, filters

import datetime as dt

import streamlit as st

from charts import quality as charts
from data_access.loading import csv_bytes
from data_access.quality.approval import ApprovalError
from data_access.quality.periods import period_label
from ui import data, figures
from ui.auth import principal, record_export
from ui.circular import circular_button
from ui.components import chart_block, plain, table_with_download
from ui.filters import current, lang, scope_name, t
from ui.quality import decide
from words.i18n import TEXTS

f = current()
today = dt.date.today()
st.title(t("quality_title", scope=plain(scope_name(f)), year=f.year))
st.caption(t("quality_caption", as_of=today.isoformat()))

en = lang() == "en"


def _report(code: str, name: str) -> str:
    """A report's name: the shipped ones in the reader's language, a federation's own as given."""
    key = f"quality_name_{code}"
    return t(key) if en and key in TEXTS else name


def _in_english(df):
    """Period labels (2025-05), report names and approval words of a quality frame, in English."""
    if not en or df.empty:
        return df
    out = df.copy()
    if "report" in out and "period_no" in out:
        kinds = dict(zip(reports["code"], reports["period"], strict=True))
        out["period_label"] = [
            period_label(kinds.get(r, "year"), f.year, int(n), "en")
            for r, n in zip(out["report"], out["period_no"], strict=True)
        ]
    if "report" in out and "report_zh" in out:
        out["report_zh"] = [_report(c, n) for c, n in zip(out["report"], out["report_zh"], strict=True)]
    return out


reports = data.quality_reports()
names = {c: _report(c, n) for c, n in zip(reports["code"], reports["name"], strict=True)}
code = st.segmented_control(
    t("quality_report"), list(names), format_func=names.get, default=next(iter(names)), key="q_report"
) or next(iter(names))
rep = reports.set_index("code").loc[code]
st.caption(
    t(
        "quality_report_rule",
        name=names[code],
        period=t(f"quality_period_{rep['period']}"),
        days=int(rep["deadline_days"]),
        level=t(f"quality_level_{rep['level']}"),
        covers=rep["covers_en" if en else "covers"],
    )
)

# a county with no figures for the year is told so, whether or not a report was due (issue 27)
year_data = data.data_status(f, today)
if year_data.no_figures:
    st.warning(t("cmp_quality_no_data", names="、".join(year_data.no_figures), year=f.year))
status = data.quality_status(f, code, today)
summary = _in_english(data.quality_summary(f, code, today))
due = summary["expected"].sum() - summary["pending"].sum() if len(summary) else 0
cols = st.columns(6)
for col, (key, value) in zip(
    cols,
    (
        ("quality_expected", due),
        ("quality_submitted", summary["submitted"].sum() if len(summary) else 0),
        ("quality_on_time", summary["on_time"].sum() if len(summary) else 0),
        ("quality_late", summary["late"].sum() if len(summary) else 0),
        ("quality_missing", summary["missing"].sum() if len(summary) else 0),
        ("quality_approved", summary["approved"].sum() if len(summary) else 0),
    ),
    strict=True,
):
    with col:
        figures.tile(t(key), t("quality_unit", n=int(value)), border=True)

# ------------------------------------------------------------------ the grid
st.subheader(t("quality_grid_title"), divider="gray")
st.markdown(f"**{plain(charts.completeness_finding(summary, names[code], lang()))}**")
st.caption(t("quality_legend"))
grid = charts.status_grid(status, lang())
st.dataframe(grid, hide_index=True, width="stretch", key="q_grid")
st.download_button(
    t("quality_download_grid"),
    data=csv_bytes(grid),
    file_name=f"报送情况_{rep['name']}_{scope_name(f)}_{f.year}.csv",
    mime="text/csv",
    key="q_grid_dl",
    on_click=record_export,
    args=("报送情况",),
)
circular_button(f, "q_circular")

# ------------------------------------------------------------------ what is missing
st.subheader(t("quality_missing_title"), divider="gray")
missing = _in_english(data.quality_missing(f, None, today))
if missing.empty and year_data.no_figures:
    st.info(t("cmp_quality_missing_none_but", names="、".join(year_data.no_figures), year=f.year))
elif missing.empty:
    st.success(t("quality_missing_none"))
else:
    shown = missing.drop(columns=["county_code", "report", "period_no"]).rename(
        columns={
            "report_zh": t("quality_col_report"),
            "period_label": t("quality_col_period"),
            "county": t("quality_col_county"),
            "deadline": t("quality_col_deadline"),
            "days_late": t("quality_col_days_late"),
        }
    )
    table_with_download(shown, "q_missing", f"未报清单_{scope_name(f)}_{f.year}.csv")

if len(summary) > 1:
    st.markdown(f"##### {t('quality_chart_title')}")
    chart_block(
        charts.completeness_chart(summary, lang()),
        charts.completeness_finding(summary, names[code], lang()),
        summary.drop(columns=["report", "period_no"]).rename(
            columns={"report_zh": t("quality_col_report"), "period_label": t("quality_col_period")}
            | {
                c: t(f"quality_col_{c}")
                for c in ("expected", "submitted", "on_time", "late", "missing", "pending", "approved", "on_time_pct")
            }
        ),
        "q_chart",
        f"报送情况_按期_{rep['name']}_{f.year}.csv",
    )

# ------------------------------------------------------------------ rules
st.subheader(t("quality_rules_title"), divider="gray")
st.caption(t("quality_rules_caption"))
violations = data.quality_violations(f, today, lang())
if year_data.empty:
    st.info(t("cmp_quality_rules_no_data", year=f.year))
elif violations.empty and year_data.no_figures:
    st.info(t("cmp_quality_rules_some", names="、".join(year_data.no_figures), year=f.year))
elif violations.empty:
    st.success(t("quality_rules_none"))
else:
    errors = int((violations["级别"] == "错误").sum())
    st.markdown(f"**{t('quality_rules_count', errors=errors, warnings=len(violations) - errors)}**")
    # the messages in full (the table cuts long text)
    st.markdown(
        "\n".join(
            f"- {plain(t('quality_level_' + r['级别']))}{': ' if en else '：'}{plain(r['说明'])}"
            for r in violations.head(20).to_dict("records")
        )
    )
    shown_rules = violations.assign(级别=violations["级别"].map(lambda v: t(f"quality_level_{v}")))
    headers = dict(zip(["级别", "规则", "规则类型", "县(区)", "年度", "月份", "说明"], [
        t(k) for k in ("quality_col_level", "quality_col_rule", "quality_col_rule_kind", "quality_col_county",
                       "quality_col_year", "quality_col_month", "quality_col_message")
    ], strict=True))  # fmt: skip
    table_with_download(shown_rules.rename(columns=headers), "q_rules", f"数据校验_{scope_name(f)}_{f.year}.csv")

# ------------------------------------------------------------------ submissions and approval
st.subheader(t("quality_subs_title"), divider="gray")
st.caption(t("quality_subs_caption"))
subs = _in_english(data.quality_submissions(f))
subs = subs.assign(status_zh=[t(f"quality_approval_{s}") for s in subs["status"]])  # the decision, in words
only_approved = st.toggle(t("quality_approved_only"), key="q_only_approved")
listed = subs[subs["status"] == "approved"] if only_approved else subs
table = listed[
    [
        "report_zh",
        "period_label",
        "county",
        "first_submitted_at",
        "submitted_at",
        "submitted_by",
        "status_zh",
        "decided_by",
        "reason",
        "warnings",
    ]
].rename(
    columns={
        "report_zh": t("quality_col_report"),
        "period_label": t("quality_col_period"),
        "county": t("quality_col_county"),
        "first_submitted_at": t("quality_col_first"),
        "submitted_at": t("quality_col_last"),
        "submitted_by": t("quality_col_by"),
        "status_zh": t("quality_col_status"),
        "decided_by": t("quality_col_decided_by"),
        "reason": t("quality_col_reason"),
        "warnings": t("quality_col_warnings"),
    }
)
table_with_download(table.fillna(""), "q_subs", f"报送与审核_{scope_name(f)}_{f.year}.csv")

if principal().can("approve"):
    st.markdown(f"##### {t('quality_decide_title')}")
    open_ = subs[subs["status"] != "returned"]
    if open_.empty:
        st.info(t("quality_none_to_decide"))
    else:
        labels = {
            i: f"{r.report_zh} · {r.period_label} · {r.county}（{r.status_zh}）"
            for i, r in zip(open_.index, open_.itertuples(), strict=True)
        }
        # the newest waiting first: that is what the city reviews next
        order = sorted(
            labels, key=lambda i: (subs.loc[i, "status"] == "approved", -subs.loc[i, "submitted_at"].timestamp())
        )
        pick = st.selectbox(t("quality_pick"), order, format_func=labels.get, key="q_pick")
        reason = st.text_input(t("quality_reason"), key="q_reason", max_chars=500)
        row = subs.loc[pick]
        b1, b2, b3 = st.columns(3)
        chosen = None
        if row["status"] == "approved":
            if b3.button(t("quality_unlock"), key="q_unlock"):
                chosen = "unlock"
        else:
            if b1.button(t("quality_approve"), type="primary", key="q_approve"):
                chosen = "approve"
            if b2.button(t("quality_return"), key="q_return"):
                chosen = "return"
        if chosen:
            try:
                decide(chosen, row["report"], row["area_code"], f.year, int(row["period_no"]), reason)
            except ApprovalError as exc:
                st.error(str(exc))
            else:
                st.session_state["q_done"] = labels[pick]
                st.rerun()
        if st.session_state.get("q_done"):
            st.success(t("quality_done", what=st.session_state.pop("q_done")))
