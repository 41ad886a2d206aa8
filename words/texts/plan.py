"""Texts of the 规划目标 page and of the target line on KPI tiles (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav_plan": ("规划目标", "Plan targets"),
    "plan_title": ("{scope}规划目标与年度考核", "{scope}: plan targets and the yearly assessment"),
    "plan_caption": (
        "规划指标的基期、最新值（截至{year}年）、目标、完成率和到规划末年的预测；下方为{year}年度县(区)目标考核。",
        "Each plan indicator's baseline, latest figure (as of {year}), target, attainment and projection to the "
        "plan's end; below, the {year} assessment of the counties.",
    ),
    "plan_none": (
        "数据库中还没有规划目标。请在“数据管理”中下载“规划目标”模板，填写后导入。",
        "No plan targets yet: download the “Plan targets” template on the Data page, fill it in and load it.",
    ),
    "plan_choose": ("规划", "Plan"),
    "plan_period": ("{plan}（{first}—{last}年）", "{plan} ({first}–{last})"),
    "plan_of_indicator": ("{plan}{name}", "{plan}, {name}"),
    "plan_col_rule": ("{name}（{points}）", "{name} ({points})"),
    "plan_method_share": ("按完成率", "by share of target"),
    "plan_method_rank": ("按排名", "by rank"),
    "plan_method_thresholds": ("分档", "by thresholds"),
    "plan_method_title": ("计算方法", "Method"),
    "plan_method": (
        "完成率 = 最新值 ÷ 目标值（“不高于”的指标为 目标值 ÷ 最新值）。"
        "预计期末值：用规划期已有年份（基期年和规划期内截至所选年度的各年）的数值作最小二乘直线，外推到目标年度；"
        "规划期内还不足两个年份时，用所选年度及之前共五年的趋势；目标年度已有数值时即为该数值。"
        "预计完成率 ≥ 100% 为“✓ 按期完成”，90%–100% 为“! 有风险”，低于 90% 为“✗ 难以完成”；不足两年数据为“? 无法预测”。"
        "“需年均”是从最新年度到目标年度每年需要的增长（比率类指标为每年需提高的百分点），"
        "“已实现年均”是预测所用年份以来每年实际的增长，两者对照可见差距。",
        "Attainment = latest ÷ target (target ÷ latest for “at most” indicators). Projection: the least-squares line "
        "through the plan's years so far (the baseline year and each plan year up to the selected year), read at the "
        "target year; with fewer than two such years, the five years up to the selected year; once the target year "
        "has a figure, that figure. Projected attainment ≥ 100 % is “✓ on track”, 90–100 % “! at risk”, below 90 % "
        "“✗ off track”; fewer than two years of figures “? no trend”. “Needed a year” is the yearly growth needed from "
        "the latest year to the target year (percentage points for rates); “achieved a year” the growth achieved "
        "since the first year of the projection.",
    ),
    "plan_chart_title": ("{plan}目标完成情况", "{plan}: attainment"),
    "plan_county_title": ("{plan}各县(区)目标", "{plan}: the counties' targets"),
    "plan_county_scope": ("各县(区)", "The counties"),
    "plan_table_title": ("全部规划指标", "Every plan indicator"),
    "plan_col_indicator": ("指标", "Indicator"),
    "plan_col_area": ("区划", "Area"),
    "plan_col_attribute": ("属性", "Attribute"),
    "plan_col_baseline": ("基期值", "Baseline"),
    "plan_col_latest": ("最新值", "Latest"),
    "plan_col_target": ("目标值", "Target"),
    "plan_col_attainment": ("完成率", "Attained"),
    "plan_col_projection": ("预计期末值", "Projected"),
    "plan_col_projected": ("预计完成率", "Projected share"),
    "plan_col_needed": ("需年均", "Needed a year"),
    "plan_col_achieved": ("已实现年均", "Achieved a year"),
    "plan_col_status": ("状态", "Status"),
    "plan_at_least": ("≥", "≥"),
    "plan_at_most": ("≤", "≤"),
    "plan_binding": ("约束性", "binding"),
    "plan_expected": ("预期性", "expected"),
    "plan_pp_year": ("{v} 个百分点/年", "{v} pp a year"),
    "plan_pct_year": ("{v}%/年", "{v}% a year"),
    "plan_assessment_title": ("{year}年度县(区)目标考核", "{year}: assessment of the counties"),
    "plan_assessment_none": (
        "{year}年度没有考核细则。请在“数据管理”中导入“考核细则”（指标、分值、计分方法）。",
        "No assessment rules for {year}: load “Assessment rules” (indicator, points, method) on the Data page.",
    ),
    "plan_assessment_caption": (
        "县(区)的年度目标取其规划目标：目标年度为本年的直接采用，否则按基期值到规划目标的直线取本年应达到的值。"
        "按完成率：分值 × 完成率（最多满分）；按排名：按完成率排名，共 n 个县(区)时第 k 名得 分值 × (n−k+1)/n；"
        "分档：达到某档完成率即得该档比例。",
        "A county's target for the year is its plan target for that year, or the point on the straight line from its "
        "baseline to its plan target. Share: points × share of target (at most full); rank: by share of target, "
        "the k-th of n counties gets points × (n−k+1)/n; thresholds: the fraction of the highest level reached.",
    ),
    "plan_rules_title": ("考核细则", "Rules"),
    "plan_col_weight": ("分值", "Points"),
    "plan_col_method": ("计分方法", "Method"),
    "plan_col_thresholds": ("分档标准", "Thresholds"),
    "plan_ranking_title": ("考核排名", "Ranking"),
    "plan_col_rank": ("名次", "Rank"),
    "plan_col_county": ("县(区)", "County"),
    "plan_col_total": ("总分", "Total"),
    "plan_col_reasons": ("扣分原因", "Points lost because"),
    "plan_detail_title": ("各县(区)逐项得分", "Points per county and indicator"),
    "plan_col_value": ("完成值", "Figure"),
    "plan_col_points": ("得分", "Points"),
    "plan_col_lost": ("扣分", "Lost"),
    "plan_download_xlsx": ("下载考核结果（Excel）", "Download the assessment (Excel)"),
    "circular_download": (
        "下载{year}年度通报（Word）",
        "Download the {year} circular to the counties (Word, in Chinese)",
    ),
    "circular_help": (
        "按公文格式起草的通报：县(区)考核排名、逾期和未报的报表、比上年下降的指标、未完成的目标、待核实的数据，"
        "表扬和限期整改的县(区)。下载后请审阅、修改，按程序印发。",
        "A draft circular in the official document format: the counties' assessment ranking, late and missing "
        "reports, figures that fell, targets missed, figures to be verified, the counties praised and those asked "
        "to rectify. Review and edit it before it is issued.",
    ),
    "plan_deck_assessment": ("加一页年度目标考核", "Add the yearly assessment slide"),
    "plan_tile_target": ("{plan}目标 {sign}{target}，完成 {share}", "{plan} target {sign}{target}: {share} attained"),
    "plan_tile_status": ("{status}", "{status}"),
    "plan_tile_line": ("{line}（{status}）", "{line} ({status})"),
}
