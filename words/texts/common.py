"""Texts of the app frame and the Overview (zh, en)."""

from words import sections

TEXTS: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("残联工作数据看板", "Disabled Persons' Federation Dashboard"),
    "nav_overview": ("总览", "Overview"),
    "nav_org": ("组织建设", "Organisation"),
    "nav_service": ("公共服务", "Service delivery"),
    "nav_rights": ("权益保障", "Rights protection"),
    "nav_social": ("社会力量", "Social mobilisation"),
    "nav_present": ("汇报", "Presentation"),
    "nav_data": ("数据管理", "Data"),
    "nav_group_main": ("工作概况", "At a glance"),
    "nav_group_sections": ("工作板块", "Work areas"),
    "nav_group_tools": ("汇报与数据", "Reporting and data"),
    "language": ("语言 / Language", "语言 / Language"),
    "filters": ("筛选", "Filters"),
    "county": ("县(区)", "County / district"),
    "county_help": ("不选即为全市；可选一个或多个县(区)", "Leave empty for the whole city; choose one or more"),
    "whole_city": ("全市", "Whole city"),
    "year": ("年度", "Year"),
    "year_from": ("趋势起始年", "Trend from"),
    "share_link": (
        "本页链接已包含筛选条件，可直接复制地址栏分享。",
        "The address bar holds these filters: copy it to share this view.",
    ),
    "scope_label": ("范围", "Scope"),
    "data_source": ("数据来源", "Data source"),
    "demo_data": ("示例数据（示例市，虚构）", "Demo data (fictional city)"),
    # database errors
    "db_error_title": ("无法打开数据库", "The database cannot be opened"),
    "db_error_help": (
        "请检查环境变量 DATABASE_URL 或 .streamlit/secrets.toml 中的数据库地址、用户名和密码，确认数据库服务已启动、网络可达。"
        "不设置数据库地址时，看板会使用内置的 SQLite 示例数据库。",
        "Check DATABASE_URL (environment) or .streamlit/secrets.toml: address, user and password; make sure the server "
        "is running and reachable. Without any database address the dashboard uses its embedded SQLite demo.",
    ),
    "db_error_detail": ("技术细节（不含密码）", "Technical detail (no password)"),
    "db_error_retry": (
        "页面每 5 秒自动重试一次，数据库恢复后会自动恢复显示，无需刷新。",
        "The page retries every 5 seconds and comes back by itself once the database answers again.",
    ),
    "db_error_timeout": (
        "数据库在 {seconds} 秒内没有答复（服务器繁忙、数据表被锁住或正在维护）：{where}",
        "The database did not answer within {seconds} s (busy, a table locked, or under maintenance): {where}",
    ),
    "db_error_query": (
        "数据库可以连接，但读取数据失败（数据表缺失，数据库可能被替换、清空或正在维护）",
        "The database answers but its data cannot be read (tables missing: replaced, emptied or under maintenance)",
    ),
    # overview
    "overview_staffing": (
        "机构与队伍：{year}年新增编制、人员和兼(挂)职副理事长（名），设立党组和五个专门协会均已注册的县(区)",
        "Posts and people added in {year}; counties with a party group and with all five special associations",
    ),
    "overview_title": ("{scope}{year}年残疾人事业工作总览", "{scope} {year}: overview of the federation's work"),
    "overview_caption": (
        "各项数字为所选年度、所选范围的合计（比率按分子分母计算），括号内为与上年相比的变化。",
        "Figures are totals for the chosen year and area (rates computed from their parts); changes are against the year before.",
    ),
    # the Overview's groups: numbers and titles from the one table of sections (words/sections.py)
    **{f"section_{k}": (sections.label(k, "zh"), sections.label(k, "en")) for k in sections.OVERVIEW_KEYS},
    "vs_last_year": ("较上年", "vs last year"),
    "pp": ("个百分点", " pp"),
    "no_previous": ("上年无数据", "no data for last year"),
    "no_data": ("所选范围和年度没有数据。", "No data for this selection."),
    "by_county_title": ("分县(区)情况", "By county"),
    "by_county_caption": (
        "{year}年各县(区)主要指标；比率为本县(区)的比率，不可相加。",
        "{year}, main figures by county; rates are each county's own and do not add up.",
    ),
    "download_csv": ("下载 CSV", "Download CSV"),
    "show_table": ("查看数据表", "Show the numbers as a table"),
    "show_chart": ("查看图表", "Show the chart"),
    "show_all_tables": ("一次显示全部内容", "Show everything at once"),
    "show_all_tables_help": (
        "打开后，各标签页的内容和每个图表的数据表一次全部显示（便于读屏软件逐项阅读）；"
        "关闭时只加载当前标签页，次要图表和数据表点开后才加载，页面打开更快。",
        "On: every tab's content, chart and table are shown at once (for screen readers). "
        "Off: only the open tab is loaded, and a secondary chart or a table loads when you open it, "
        "so pages open faster.",
    ),
    "county_col": ("县(区)", "County"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "value": ("数值", "Value"),
    "previous": ("上年", "Last year"),
    "change": ("变化", "Change"),
    "up": ("增加", "up"),
    "down": ("减少", "down"),
    "flat": ("持平", "unchanged"),
    "summary_line": ("{scope}{year}年：{items}。", "{scope} {year}: {items}."),
}
