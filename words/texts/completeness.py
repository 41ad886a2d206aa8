"""Texts of completeness on pages (issue 27): marks of partial totals, missing counties,
like-for-like changes, doubtful figures, the date of the data (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "cmp_tile_label": ("{label}（{coverage}）", "{label} ({coverage})"),
    "cmp_not_reported": ("未报送", "not reported"),
    "cmp_vs_last_year_lfl": ("{n}个县(区)同口径较上年", "vs last year, same {n} counties"),
    "cmp_no_comparison": ("无可比数据", "nothing comparable"),
    "cmp_help_missing": ("{names}尚未报送，合计不含。", "{names}: not reported, not in the total."),
    "cmp_help_partial": ("{names}缺报部分月份。", "{names}: some months not reported."),
    "cmp_note": (
        "{year}年{missing}尚未报送，带“{coverage}”标记的合计只含已报送的县(区)。",
        "{missing}: no {year} figures yet; totals marked “{coverage}” hold the counties that reported.",
    ),
    "cmp_note_partial": ("{partial}缺报部分月份。", "{partial}: some months missing."),
    "cmp_note_lfl": (
        "较上年的变化按两年均完整报送的{n}个县(区)同口径计算（不含{left}）。",
        "Changes on last year are computed like for like over the {n} counties complete in both years "
        "(without {left}).",
    ),
    "cmp_cell_missing": ("未报送", "not reported"),
    "cmp_col_status": ("报送情况", "Reporting"),
    "cmp_status_present": ("已报送", "reported"),
    "cmp_status_partial": ("缺报部分月份", "some months missing"),
    "cmp_status_missing": ("未报送", "not reported"),
    "cmp_status_not_expected": ("无须报送", "not due"),
    "cmp_doubt": ("待核实", "to be verified"),
    "cmp_doubt_line": (
        "⚠ 待核实：含{where}的数据，校验规则认为存疑，尚未审核确认",
        "⚠ To be verified: includes figures of {where} that a validation rule doubts, not yet confirmed",
    ),
    "cmp_year_empty": (
        "{year}年尚无数据：各县(区)还没有报送或导入本年度的数据。以下各项显示为“未报送”，不以上年数据代替。",
        "No data for {year} yet: no county has reported or loaded figures for it. Figures show as "
        "“not reported”; last year's are never shown instead.",
    ),
    "cmp_year_partial": (
        "{year}年数据尚不完整：截至{month}月应报，{n}/{of}个县(区)已报送。",
        "{year} is incomplete: reports due up to month {month}; {n} of {of} counties have reported.",
    ),
    "cmp_plan_tile_target": ("{plan}目标 {sign}{target}", "{plan} target {sign}{target}"),
    "cmp_plan_tile_line": ("{line}：{status}", "{line}: {status}"),
    "cmp_not_ranked": ("不参加排名", "not ranked"),
    "cmp_unranked": (
        "{names}的考核指标未报送或缺报部分月份，本年度暂不评分、不参加排名（规则：{rule}）。",
        "{names}: figures of the assessment not reported, or months missing; not scored or ranked this year "
        "(rule: {rule}).",
    ),
    "cmp_quality_no_data": (
        "{names}没有{year}年的任何数据（既未报送，也未导入）。",
        "{names}: no figures at all for {year} (nothing submitted or loaded).",
    ),
    "cmp_quality_missing_none_but": (
        "没有逾期未报的报表，但{names}没有{year}年的任何数据。",
        "No report is overdue, but {names} has no figures for {year}.",
    ),
    "cmp_quality_rules_no_data": (
        "所选范围没有{year}年的数据，无从校验。",
        "There are no {year} figures in this scope: nothing to check.",
    ),
    "cmp_quality_rules_some": (
        "已有的数据符合全部校验规则；{names}没有{year}年数据，未经校验。",
        "The figures present pass every rule; {names} has no {year} figures, so nothing of it was checked.",
    ),
    "cmp_load_only": (
        "仅导入：数据计入各项数字，但不作为某一期报表的报送；未作报送的县(区)在“数据质量”页显示为“✓ 已导入”，"
        "不计为未报。{held}",
        "Load only: the figures count everywhere, but the load is no submission of a report period; counties "
        "that submit nothing show as “✓ loaded” on the Data quality page, not as missing. {held}",
    ),
    "cmp_load_held": (
        "此文件含{label}共 {n} 个期次的数据，不能作为一期报送。",
        "This file holds {n} periods ({label}): it cannot be one period's submission.",
    ),
    "cmp_median_open": (
        "仅计已结案件：另有 {n} 件尚未结案，与各案均已结案的往年不可直接比较。",
        "Closed cases only: {n} are still open, so this is not comparable with years whose cases are all closed.",
    ),
    "cmp_year_over_partial": (
        "{year}年：{n}/{of}个县(区)已报送，{names}尚未报送。",
        "{year}: {n} of {of} counties have reported; {names} not yet.",
    ),
    "cmp_approved_switch": ("仅显示已审核数据", "Approved figures only"),
    "cmp_approved_help": (
        "打开后，各项数字只计市残联已审核（锁定）的报送期；比率、增长率和志愿者人数不能按报送期拆分，不显示。",
        "When on, figures count only the report periods the city has approved (locked); rates, growths and "
        "volunteer numbers cannot be split by period and are not shown.",
    ),
    "cmp_approved_on": (
        "仅计已审核的报送期（已审核 {approved}/{due} 期次）；不与上年比较。",
        "Approved report periods only ({approved} of {due} approved); no comparison with last year.",
    ),
    "cmp_approved_off": (
        "以下数字含未经审核的数据（已审核 {approved}/{due} 期次）。",
        "The figures below include data not yet approved ({approved} of {due} periods approved).",
    ),
    "cmp_approved_mark": ("已审核", "approved"),
    "cmp_approved_no_change": ("仅已审核数据", "approved data only"),
    "cmp_year_label_empty": ("{year}年（尚无数据）", "{year} (no data yet)"),
}
