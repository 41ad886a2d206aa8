"""Texts of the 数据质量 page, its Overview footer line and the deck's quality slide (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav_quality": ("数据质量", "Data quality"),
    "quality_title": (
        "{scope}{year}年数据质量：报送、校验与审核",
        "{scope} {year}: data quality — reporting, checks, approval",
    ),
    "quality_caption": (
        "各县(区)按市残联要求报送月报、快报和年报。表中每格为一个县(区)一个报送期：✓ 按时，⏱ 逾期，✗ 未报，… 未到期。"
        "按报送期结束后的截止日判断；截至 {as_of}。",
        "Each county reports its monthly, flash (Jan–Sep) and annual reports. Each cell is one county and period: "
        "✓ on time, ⏱ late, ✗ missing, … not yet due. Judged against each period's deadline, as of {as_of}.",
    ),
    "quality_report": ("报表", "Report"),
    "quality_report_rule": (
        "{name}：{period}，报送期结束后 {days} 天内报送，由{level}报送；内容：{covers}",
        "{name}: {period}, due {days} days after the period, reported by each {level}; covers: {covers}",
    ),
    "quality_expected": ("应报", "Expected"),
    "quality_submitted": ("已报", "Submitted"),
    "quality_on_time": ("按时", "On time"),
    "quality_late": ("逾期", "Late"),
    "quality_missing": ("未报", "Missing"),
    "quality_approved": ("已审核", "Approved"),
    "quality_unit": ("{n} 期次", "{n}"),
    "quality_grid_title": ("县(区) × 报送期", "County × period"),
    "quality_legend": ("图例：✓ 按时　⏱ 逾期　✗ 未报　… 未到期", "Key: ✓ on time  ⏱ late  ✗ missing  … not yet due"),
    "quality_missing_title": ("未报清单", "Missing reports"),
    "quality_missing_none": ("所选年度没有未报的报表。", "Nothing is missing for this year."),
    "quality_chart_title": ("各报送期的报送情况", "Reporting by period"),
    "quality_rules_title": ("数据校验", "Validation rules"),
    "quality_rules_caption": (
        "按数据校验规则检查所选年度的全部数据（每次导入时也会检查）：“错误”会拒绝导入，“警告”照常导入并在此列出。",
        "Every figure of the year checked against the validation rules (also run on every load): errors refuse a load, "
        "warnings load and are listed here.",
    ),
    "quality_rules_none": ("所选年度的数据符合全部校验规则。", "The year's data passes every rule."),
    "quality_rules_count": ("错误 {errors} 条，警告 {warnings} 条", "{errors} errors, {warnings} warnings"),
    "quality_subs_title": ("报送与审核", "Submissions and approval"),
    "quality_subs_caption": (
        "县(区)每次导入即为一次报送；市残联数据管理员审核通过后该期锁定，更正须先解锁（写明原因）。所有操作记入审计日志。",
        "Each county load is a submission; once the city approves it the period is locked, and a correction needs the "
        "city to unlock it with a reason. Every step is in the audit log.",
    ),
    "quality_col_report": ("报表", "Report"),
    "quality_col_period": ("报送期", "Period"),
    "quality_col_county": ("县(区)", "County"),
    "quality_col_deadline": ("截止日期", "Deadline"),
    "quality_col_days_late": ("逾期天数", "Days overdue"),
    "quality_col_first": ("首次报送", "First submitted"),
    "quality_col_last": ("最近报送", "Last submitted"),
    "quality_col_by": ("报送人", "By"),
    "quality_col_status": ("审核状态", "Approval"),
    "quality_col_decided_by": ("审核人", "Decided by"),
    "quality_col_reason": ("原因", "Reason"),
    "quality_col_warnings": ("警告", "Warnings"),
    "quality_decide_title": ("审核操作", "Decide"),
    "quality_pick": ("选择报送", "Submission"),
    "quality_reason": ("原因（退回、解锁必填）", "Reason (required to return or unlock)"),
    "quality_approve": ("审核通过并锁定", "Approve and lock"),
    "quality_return": ("退回", "Return"),
    "quality_unlock": ("解锁", "Unlock"),
    "quality_done": ("已完成：{what}", "Done: {what}"),
    "quality_none_to_decide": ("没有可审核或可解锁的报送。", "Nothing to approve or unlock."),
    "quality_approved_only": ("只看已审核的报送", "Approved submissions only"),
    "quality_download_grid": ("下载报送情况（CSV）", "Download the grid (CSV)"),
    "quality_footer": (
        "{year}年报送：应报 {due} 期次，按时 {on_time}，逾期 {late}，未报 {missing}；已审核 {approved} 期次，"
        "待审核或退回 {unapproved} 期次。本页数字含未经审核的数据。",
        "{year} reporting: {due} due, {on_time} on time, {late} late, {missing} missing; {approved} approved, "
        "{unapproved} awaiting approval or returned. Figures here include data not yet approved.",
    ),
    "quality_submit_report": ("作为报表报送", "Submit as report"),
    "quality_submit_none": ("不作为报送（仅导入）", "Not a submission (load only)"),
    "quality_submit_help": (
        "县(区)数据管理员的每次导入都是一次报送，只能导入本县(区)的数据；已审核锁定的报送期须市残联先解锁。",
        "Every load by a county's data staff is a submission of its own county's data; approved periods must be "
        "unlocked by the city first.",
    ),
    "quality_submit_period": ("报送期", "Period"),
    "quality_footer_link": ("查看数据质量", "See data quality"),
}
