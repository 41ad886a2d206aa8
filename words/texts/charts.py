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
    "chart_axis_county": ("县(区)", "County"),
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
}
