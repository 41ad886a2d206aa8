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
    "cmp_year_empty": (
        "{year}年尚无数据：各县(区)还没有报送或导入本年度的数据。以下各项显示为“未报送”，不以上年数据代替。",
        "No data for {year} yet: no county has reported or loaded figures for it. Figures show as "
        "“not reported”; last year's are never shown instead.",
    ),
    "cmp_year_partial": (
        "{year}年数据尚不完整：截至{month}月应报，已报送{n}/{of}个县(区)。",
        "{year} is incomplete: reports due up to month {month}; {n} of {of} counties have reported.",
    ),
    "cmp_year_label_empty": ("{year}年（尚无数据）", "{year} (no data yet)"),
}
