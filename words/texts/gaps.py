"""Texts of the gap ledger (整改台账) on the Organisation page, its update form, the deck's gap
slide, and the subscriptions (admin page, messages sent) — zh, en."""

TEXTS: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the ledger on the Organisation page
    "gaps_title": ("整改台账：缺口从发现到建成", "Gap ledger: from found to built"),
    "gaps_caption": (
        "未建残联或无专职人员的乡镇(街道)、未建残协或无专职委员的村(社区)，由组织数据自动列入；数据显示建成即关闭（已完成），"
        "由市残联核实（已核实）。逾期：数据尚未显示建成，且已过整改期限。截至 {today}。",
        "Townships without a federation or full-time staff and villages without an association or full-time "
        "member (专职委员) are listed by the organisation data and closed when the data shows them built (done); "
        "the city then confirms them (verified). Overdue: not yet built by the data and past the deadline. "
        "As of {today}.",
    ),
    "gaps_none": (
        "整改台账中没有缺口：组织数据显示所选范围的乡镇(街道)和村(社区)均已建立组织并配备专职人员。",
        "The gap ledger is empty: the organisation data shows every township and village in the selection "
        "with its organisation and full-time staff.",
    ),
    "gaps_summary": (
        "{area}共列入缺口 {opened} 个，数据显示已建成 {closed} 个（其中市残联已核实 {verified} 个），尚未建成 {open} 个，"
        "其中逾期 {overdue} 个。",
        "{area}: {opened} gaps listed, {closed} built according to the data ({verified} of them verified by the "
        "city), {open} not yet built, {overdue} of them overdue.",
    ),
    "gaps_summary_most": ("逾期最多的是{names}（{n} 个）。", "Most overdue: {names} ({n})."),
    "gaps_chart_title": ("各县(区)缺口整改进度", "Gap closure by county"),
    "gaps_opened": ("列入", "Listed"),
    "gaps_closed": ("已建成", "Built"),
    "gaps_verified": ("已核实", "Verified"),
    "gaps_open": ("未建成", "Not yet built"),
    "gaps_overdue": ("逾期", "Overdue"),
    "gaps_count_axis": ("缺口（个）", "Gaps"),
    "gaps_county": ("县(区)", "County / district"),
    "gaps_table_title": ("整改台账", "The ledger"),
    "gaps_filter_state": ("状态", "State"),
    "gaps_filter_level": ("层级", "Level"),
    "gaps_only_overdue": ("只看逾期", "Overdue only"),
    "gaps_col_county": ("县(区)", "County"),
    "gaps_col_township": ("所属乡镇(街道)", "Township"),
    "gaps_col_name": ("单位", "Unit"),
    "gaps_col_level": ("层级", "Level"),
    "gaps_col_missing": ("缺口", "Lacks"),
    "gaps_col_state": ("状态", "State"),
    "gaps_col_owner": ("负责单位", "Responsible unit"),
    "gaps_col_person": ("责任人", "Responsible person"),
    "gaps_col_deadline": ("整改期限", "Deadline"),
    "gaps_col_opened": ("发现日期", "Found"),
    "gaps_col_closed": ("建成日期", "Built"),
    "gaps_col_overdue": ("逾期天数", "Days overdue"),
    "gaps_col_evidence": ("佐证材料", "Evidence"),
    "gaps_col_notes": ("备注", "Notes"),
    "gaps_rows": ("共 {n} 条", "{n} rows"),
    "state_open": ("未启动", "Not started"),
    "state_in_progress": ("推进中", "In progress"),
    "state_done": ("已完成", "Done"),
    "state_verified": ("已核实", "Verified"),
    "missing_none": ("未建立组织", "No organisation"),
    "missing_no_staff": ("无专职人员", "No full-time staff"),
    "level_township": ("乡镇(街道)", "Township"),
    "level_village": ("村(社区)", "Village"),
    # ---------------------------------------------------------------- the update form
    "gaps_edit_title": ("更新整改事项", "Update a gap"),
    "gaps_edit_caption": (
        "县(区)数据管理员只能更新本县(区)的事项；“已核实”由市残联在数据显示建成后填写。",
        "A county's data staff update their own county's gaps only; the city marks a gap verified once the "
        "data shows it built.",
    ),
    "gaps_edit_pick": ("选择事项", "Gap"),
    "gaps_edit_evidence": ("佐证材料（PDF、PNG 或 JPG，最大 5 MB）", "Evidence (PDF, PNG or JPG, at most 5 MB)"),
    "gaps_edit_save": ("保存", "Save"),
    "gaps_edit_saved": ("已保存：{name}", "Saved: {name}"),
    "gaps_edit_nothing": ("没有改动。", "Nothing changed."),
    "gaps_history": ("变更记录", "History"),
    "gaps_history_at": ("时间", "When"),
    "gaps_history_by": ("操作人", "Who"),
    "gaps_history_what": ("内容", "What"),
    "gaps_download": ("下载 {name}", "Download {name}"),
    "gaps_map_overdue": ("逾期缺口 {n} 个（红圈）", "{n} overdue gaps (red rings)"),
    # ---------------------------------------------------------------- the deck's optional slide
    "gaps_slide_title": ("“乡乡有机构、村村有服务”缺口整改", "Closing the coverage gaps"),
    # ---------------------------------------------------------------- subscriptions
    "subs_title": ("订阅与发送记录", "Subscriptions and deliveries"),
    "subs_caption": (
        "按计划把汇报材料发给领导和县(区)：每月（月报截止后）或每周；县(区)的订阅只含本县(区)。"
        "由 python -m reporting subscriptions run-due 定时发送（cron 或 systemd 定时器），同一期只发一次。",
        "Figures sent to leaders and counties on a schedule — monthly (after the monthly report's deadline) or "
        "weekly; a county's subscription holds its county only. Sent by python -m reporting subscriptions "
        "run-due (cron or a systemd timer), each period once.",
    ),
    "subs_none": (
        "还没有订阅。可用 python -m reporting subscriptions add 添加。",
        "No subscriptions yet. Add one with python -m reporting subscriptions add.",
    ),
    "subs_send_now": ("立即发送", "Send now"),
    "subs_pick": ("订阅", "Subscription"),
    "subs_sent_now": ("发送结果：{states}", "Result: {states}"),
    "subs_log": ("发送记录", "Delivery log"),
    "subs_log_none": ("还没有发送记录。", "Nothing sent yet."),
    "subs_col_name": ("订阅", "Subscription"),
    "subs_col_scope": ("范围", "Scope"),
    "subs_col_content": ("内容", "Content"),
    "subs_col_schedule": ("周期", "Schedule"),
    "subs_col_to": ("接收", "Recipients"),
    "subs_col_period": ("报告期", "Period"),
    "subs_col_channel": ("渠道", "Channel"),
    "subs_col_state": ("状态", "State"),
    "subs_col_attempts": ("尝试次数", "Attempts"),
    "subs_col_sent": ("发送时间", "Sent"),
    "subs_col_next": ("下次重试", "Next try"),
    "subs_col_error": ("错误", "Error"),
    "subs_whole_city": ("全市", "Whole city"),
    "subs_channel_email": ("邮件", "E-mail"),
    "subs_channel_webhook": ("群机器人", "Group robot"),
    "subs_schedule_monthly": ("每月", "Monthly"),
    "subs_schedule_weekly": ("每周", "Weekly"),
    "subs_state_pending": ("待发送", "Pending"),
    "subs_state_sending": ("发送中", "Sending"),
    "subs_state_sent": ("已发送", "Sent"),
    "subs_state_failed": ("失败待重试", "Failed, will retry"),
    "subs_state_dead": ("失败（已停止重试）", "Failed (gave up)"),
    "subs_deck_file": ("汇报", "Deck"),
    "subs_summary_file": ("书面总结", "Summary"),
    "subs_subject": ("【{area}残联】{what}（{period}）", "[{area} DPF] {what} ({period})"),
    "subs_body": (
        "您好！\n\n按订阅发送{area}{year}年的数据材料（报告期 {period}），见附件。\n\n{lead}\n\n在看板中查看：{link}\n\n"
        "（此邮件由残联工作数据看板自动发送。）",
        "Hello,\n\nAs subscribed, the figures of {area} for {year} (period {period}) are attached.\n\n{lead}\n\n"
        "On the dashboard: {link}\n\n(Sent automatically by the federation's dashboard.)",
    ),
    "subs_robot": ("{subject}\n{lead}\n查看：{link}", "{subject}\n{lead}\nView: {link}"),
}
