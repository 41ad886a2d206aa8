"""Texts of the Service delivery page (公共服务) (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "service_title": ("{scope}{year}年公共服务", "{scope} {year}: service delivery"),
    "service_caption": (
        "康复、就业、教育、文体四项服务的年度数字及与上年相比的变化；选择指标查看分县(区)比较、历年趋势和逐月累计进度。"
        "比率按分子分母计算，不做相加。",
        "Rehabilitation, employment, education, culture and sport: the year's figures and the change on last year; "
        "pick an indicator for counties compared, the trend and the month-by-month progress. Rates are computed "
        "from their parts and never added up.",
    ),
    "service_tab_rehab": ("康复服务", "Rehabilitation"),
    "service_tab_employment": ("就业创业", "Employment"),
    "service_tab_education": ("教育扶持", "Education"),
    "service_tab_culture": ("文化体育", "Culture and sport"),
    "service_tab_security": ("社会保障", "Social security"),
    "service_pick": ("选择指标", "Indicator"),
    "service_per_1000": ("按每千名持证残疾人计", "Per 1,000 registered disabled persons"),
    "service_per_1000_help": (
        "用各地持证残疾人数折算，便于人数多少不同的县(区)、乡镇(街道)相互比较。",
        "Divides by each area's registered disabled persons so that large and small areas compare fairly.",
    ),
    "service_per_1000_na": (
        "比率和增速类指标不按人数折算。",
        "Rates and growth figures are not divided by population.",
    ),
    "service_counties_title": ("各县(区)比较", "Counties compared"),
    "service_townships_title": ("{county}各乡镇(街道)", "Townships of {county}"),
    "service_trend_title": ("历年趋势", "Trend over the years"),
    "service_monthly_title": (
        "{year}年逐月累计进度（与上年同期比较）",
        "{year}: cumulative progress by month, against last year",
    ),
    "service_no_township": (
        "该指标按县(区)上报，没有乡镇(街道)明细。",
        "This indicator is reported by county; there are no township figures.",
    ),
    "service_no_monthly": (
        "该指标按年度统计，没有逐月进度。",
        "This indicator is a yearly figure; there is no monthly progress.",
    ),
    "service_drill_hint": (
        "在侧栏只选一个县(区)，可查看该县(区)各乡镇(街道)的明细。",
        "Choose a single county in the sidebar to see its townships.",
    ),
    "service_city_ref": ("全市", "City"),
    "service_axis_county": ("县(区)", "County / district"),
    "service_axis_township": ("乡镇(街道)", "Township"),
    "service_axis_year": ("年度", "Year"),
    "service_axis_month": ("月份", "Month"),
    "service_axis_cumulative": ("累计{name}（{unit}）", "Cumulative {name} ({unit})"),
    "service_per_1000_axis": ("{name}（{unit}/千名持证残疾人）", "{name} ({unit} per 1,000 registered)"),
    "service_month_label": ("{m}月", "M{m}"),
    # download file names: the indicator's code keeps them short and unambiguous in both languages
    "service_file_areas": ("公共服务_{name}_分县_{year}.csv", "service_{name}_by_county_{year}.csv"),
    "service_file_townships": ("公共服务_{name}_乡镇_{year}.csv", "service_{name}_by_township_{year}.csv"),
    "service_file_trend": ("公共服务_{name}_{first}-{year}.csv", "service_{name}_{first}-{year}.csv"),
    "service_file_monthly": ("公共服务_{name}_逐月累计_{year}.csv", "service_{name}_monthly_{year}.csv"),
    "service_where_counties": ("各县(区)", "the counties"),
    "service_where_townships": ("{county}各乡镇(街道)", "the townships of {county}"),
    "service_col_area": ("地区", "Area"),
    "service_col_value": ("{year}年", "{year}"),
    "service_col_registered": ("持证残疾人数（人）", "Registered disabled persons"),
    "service_col_per_1000": ("每千名持证残疾人（{unit}）", "Per 1,000 registered ({unit})"),
    "service_col_year": ("年度", "Year"),
    "service_col_month": ("月份", "Month"),
    "service_col_month_value": ("当月（{unit}）", "Month ({unit})"),
    "service_col_cumulative": ("累计（{unit}）", "Cumulative ({unit})"),
    "service_col_indicator_value": ("{name}（{unit}）", "{name} ({unit})"),
}
