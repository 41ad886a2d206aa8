"""Texts drawn on the charts and in their shared phrases (charts/): axis titles, legend and
button labels, hover lines, and the small words the findings are built from (zh, en).
Plotly's own placeholders (``%{y}``, ``%Y``) and pydeck's (``{name}``) pass through as they
are: these texts are read without values."""

TEXTS: dict[str, tuple[str, str]] = {
    # shared phrases of the findings (charts.basic, charts.ties)
    "chart_span_one": ("{year}年", "{year}"),
    "chart_span_range": ("{first}—{last}年", "{first}–{last}"),
    "chart_change_flat": ("持平", "unchanged"),
    "chart_change_up": ("增加{n}{unit}", "up {n} {unit}"),
    "chart_change_down": ("减少{n}{unit}", "down {n} {unit}"),
    "chart_named_last": ("{head}、{last}", "{head} and {last}"),
    "chart_each": ("各", " each"),
    # axes, legends and buttons
    "chart_axis_year": ("年度", "Year"),
    "chart_axis_year_of": ("年份", "Year"),
    "chart_axis_month": ("月份", "Month"),
    "chart_county": ("县(区)", "County"),
    "chart_axis_coverage": ("覆盖率（%）", "Coverage (%)"),
    "chart_year_total": ("全年合计", "Year total"),
    "chart_by_month": ("按月", "By month"),
    "chart_button_yearly": ("按年合计", "Yearly"),
    "chart_button_monthly": ("按月明细", "Monthly"),
    # plotly date formats and hover templates (read without values: their braces are plotly's)
    "chart_hover_year": ("%{x|%Y}年：%{y}", "%{x|%Y}: %{y}"),
    "chart_hover_month": ("%{x|%Y年%-m月}：%{y}", "%{x|%b %Y}: %{y}"),
    "chart_tick_year": ("%Y年", "%Y"),
    "chart_tick_month": ("%Y年%-m月", "%b %Y"),
    # organisation (charts.org_associations, charts.org_map)
    "chart_org_counties_axis": ("已设立的县(区)数（个）", "Counties"),
    "chart_org_counties_total": ("县(区)总数 {n}", "all {n} counties"),
    "chart_map_legend_mark": ("（{mark}）", " ({mark})"),
    "chart_map_tooltip": (
        "<b>{name}</b>（{level_label}）<br/>区划代码：{code}<br/>{status_label}<br/>成立日期：{established}<br/>专职人员：{staff}",
        "<b>{name}</b> ({level_label})<br/>Code: {code}<br/>{status_label}<br/>Established: {established}<br/>Full-time staff: {staff}",
    ),
    "chart_map_summary": (
        "{scope}{year}年末：{nt}个乡镇(街道)中，{t_staffed}个已建残联并配备专职人员，"
        "{t_no_staff}个已建残联但未配专职人员，{t_none}个未建残联；"
        "{nv}个村(社区)中，{v_staffed}个已建残协并配备专职委员，{v_no_staff}个已建残协但未配专职委员，"
        "{v_none}个未建残协。",
        "{scope}, end of {year}: of {nt} townships, {t_staffed} have a federation with full-time staff, "
        "{t_no_staff} a federation without staff, {t_none} no federation; of {nv} villages, "
        "{v_staffed} have an association with full-time staff, {v_no_staff} an association "
        "without staff, {v_none} no association.",
    ),
    "chart_map_no_federation": ("未建残联的乡镇(街道)：{names}。", " Townships without a federation: {names}."),
    "chart_map_no_staff": ("未配专职人员的乡镇(街道)：{names}。", " Without full-time staff: {names}."),
    "chart_map_all_served": (
        "已实现“乡乡有机构、村村有服务”。",
        "Every township has a federation and every village an association.",
    ),
    "chart_map_names_more": (
        "{head}等 {n} 个（全部见下方“缺口清单”）",
        "{head} and {more} more (all in the gap list below)",
    ),
    # plan (charts.plan)
    "chart_plan_attained": ("已完成（截至所选年度）", "Attained so far"),
    "chart_plan_projected": ("预计期末（线性趋势）", "Projected at the end (linear trend)"),
    "chart_plan_share_axis": ("完成目标的百分比（%）", "Share of target (%)"),
    "chart_plan_rule": ("{name}（{weight}分）", "{name} ({weight} points)"),
    "chart_plan_points": ("{v} 分", "{v}"),
    "chart_plan_points_axis": ("得分", "Points"),
    # rights (charts.rights)
    "chart_rights_share": ("{n}件（{p}%）", "{n} ({p}%)"),
    "chart_rights_share_none": ("0件", "0"),
    # service (charts.service)
    "chart_statement": ("{name}{value}", "{name} {value}"),
    "chart_statement_is": ("{name}为{value}", "{name} {value}"),
    # social (charts.social)
    "chart_speaker": ("<br>主讲：{name}", "<br>Speaker: {name}"),
    "chart_participants": ("<br>{p}人次", "<br>{p} participant-times"),
    "chart_day_month": ("{m}月{d}日", "{d} {month}"),
    # table columns, axis titles and set phrases of the findings (read where a finding says en / zh)
    "chart_stop": ("。", "."),
    "chart_no_data": ("所选范围没有数据。", "No data for this selection."),
    "chart_cov_townships": ("乡镇(街道)数", "Townships"),
    "chart_cov_with_federation": ("已建残联", "with federation"),
    "chart_cov_federation_pct": ("残联覆盖率(%)", "federation %"),
    "chart_cov_with_staff": ("已配专职人员", "with staff"),
    "chart_cov_staff_pct": ("专职人员配备率(%)", "staff %"),
    "chart_cov_villages": ("村(社区)数", "Villages"),
    "chart_cov_with_association": ("已建残协", "with association"),
    "chart_cov_association_pct": ("残协覆盖率(%)", "association %"),
    "chart_cov_with_member": ("已配专职委员", "with full-time staff"),
    "chart_cov_member_pct": ("专职委员配备率(%)", "full-time staff %"),
    "chart_cov_no_villages": (
        "所选范围尚未载入村(社区)，村(社区)覆盖情况暂无法统计。",
        "No villages are loaded for this selection, so village coverage cannot be counted yet.",
    ),
    "chart_comma": ("，", ", "),
    "chart_col_measure": ("指标", "Measure"),
    "chart_col_covered": ("已覆盖", "Covered"),
    "chart_col_total": ("总数", "Total"),
    "chart_col_coverage_pct": ("覆盖率(%)", "%"),
    "chart_earlier_first_year": (
        "选择更早的“趋势起始年”可查看历年变化。",
        " Choose an earlier first year to see the change.",
    ),
    "chart_col_level": ("层级", "Level"),
    "chart_col_parent_township": ("所属乡镇(街道)", "Township"),
    "chart_col_name": ("名称", "Name"),
    "chart_col_code": ("区划代码", "Division code"),
    "chart_col_gap": ("缺口", "Gap"),
    "chart_col_established": ("成立日期", "Established"),
    "chart_map_staff_none": ("未配备", "none"),
    "chart_col_status": ("状态", "Status"),
    "chart_col_staff": ("专职人员", "Full-time staff"),
    "chart_col_township": ("乡镇(街道)", "Township"),
    "chart_col_kind": ("类别", "Kind"),
    "chart_col_count_people": ("人数(名)", "Count"),
    "chart_staffing_axis": ("新增编制和人员（名）", "Posts and people added"),
    "chart_axis_period": ("报送期", "Period"),
    "chart_axis_counties": ("县(区)数", "Counties"),
    "chart_rights_no_cases": ("所选范围内没有法律援助案件。", "No legal-aid cases in this selection."),
    "chart_change_no_previous": ("上年无数据", "no figure for last year"),
    "chart_change_flat_year": ("与上年持平", "unchanged on last year"),
    "chart_change_zero_previous": ("上年为零", "nothing last year"),
    "chart_months_no_previous": ("，上年同期无数据。", "; no figures for the same months of last year."),
    "chart_months_flat": ("，与上年同期持平。", ", unchanged on the same months of last year."),
    "chart_social_no_donations": ("所选范围内没有社会捐赠记录。", "No donations recorded in this selection."),
    "chart_social_no_volunteering": (
        "所选范围内没有志愿服务记录。",
        "No volunteer service recorded in this selection.",
    ),
}
