"""Texts of the Organisation coverage page (组织建设), zh and en."""

TEXTS: dict[str, tuple[str, str]] = {
    "org_title": ("{scope}{year}年基层组织建设", "{scope} {year}: grassroots organisation"),
    "org_caption": (
        "“乡乡有机构、村村有服务”：乡镇(街道)建立残联、村(社区)建立残协并配备专职人员的情况，按所选年度年末计。",
        "Townships with a federation and villages with an association and full-time staff, at the end of the chosen year.",
    ),
    "org_figures": ("覆盖情况", "Coverage"),
    "org_figures_caption": (
        "第一行为所选范围合计，其下为各县(区)；比率按个数计算，不可相加。表格可点击列名排序。",
        "First row: the whole selection; then each county. Rates are computed from counts. Click a column to sort.",
    ),
    "org_count_township": ("已建残联的乡镇(街道)", "Townships with a federation"),
    "org_count_township_staff": ("已配专职人员的乡镇(街道)", "Townships with full-time staff"),
    "org_count_village": ("已建残协的村(社区)", "Villages with an association"),
    "org_count_village_staff": ("已配专职委员的村(社区)", "Villages with full-time staff"),
    "org_count_value": ("{covered} / {total} 个", "{covered} / {total}"),
    "org_count_help": ("{pct}，尚缺 {gap} 个", "{pct}; {gap} missing"),
    "org_map": ("覆盖地图", "Coverage map"),
    "org_map_legend_line": ("**图例**：{swatches}", "**Legend**: {swatches}"),
    "org_legend_item": ("{name}＝{meaning}", "{name} = {meaning}"),
    "org_legend_sep": ("；", "; "),
    "org_map_gaps_title": ("地图上编号的乡镇(街道)", "Townships numbered on the map"),
    "org_map_gaps_none_t": ("未建残联", "No federation"),
    "org_map_gaps_no_staff": ("已建残联、未配专职人员", "Federation, no full-time staff"),
    "org_map_gap_row": ("{n}\\. {name}（{county}）", "{n}\\. {name} ({county})"),  # "\\." : not a markdown list
    "org_map_gaps_more": ("等共 {n} 个，全部见下方“缺口清单”。", "{n} in all; every one is in the gap list below."),
    "org_map_gaps_empty": (
        "每个乡镇(街道)都已建残联并配备专职人员，地图上没有编号。",
        "Every township has its federation with full-time staff: nothing is numbered on the map.",
    ),
    "org_legend_township": (
        "乡镇(街道)面：{items}。未达标的乡镇(街道)上另有编号和文字标注，编号与地图旁的清单对应。",
        "Township areas: {items}. Townships with a gap also carry a number and a text mark; the list beside the map "
        "names them by number.",
    ),
    "org_legend_village": (
        "村(社区)点：实心蓝点＝已建残协并配备专职委员；实心橙点（深色边）＝已建残协、未配专职委员；空心朱红圈＝未建残协。粗黑线为县(区)界。",
        "Village points: solid blue = association with full-time staff; solid orange (dark rim) = association without "
        "staff; hollow vermillion ring = no association. Thick black lines: county borders.",
    ),
    "org_map_villages_hidden": (
        "本范围内有 {n} 个村(社区)，超过 {max} 个时地图只画乡镇(街道)，不逐一标点；选择一个或几个县(区)即可看到各村(社区)，"
        "全部村(社区)的情况见下方“地图数据表：村(社区)”。",
        "{n} villages/communities are in view; above {max} the map draws townships only. Choose one or a few counties "
        "to see every village; all of them are in the village table below.",
    ),
    "org_map_offline": (
        "地图不需要联网底图，乡镇(街道)边界即地图本身；将鼠标移到乡镇或村上可查看名称、区划代码、成立日期和专职人员。",
        "The map needs no internet base map: the township boundaries are the map. Hover a township or village for its "
        "name, code, date established and staff.",
    ),
    "org_map_table": ("地图数据表：乡镇(街道)（可排序）", "The map as a table: townships (sortable)"),
    "org_map_table_v": ("地图数据表：村(社区)（可排序）", "The map as a table: villages (sortable)"),
    "org_gaps": ("缺口清单", "Gap list"),
    "org_gaps_caption": (
        "{year}年末未建残联(残协)或未配专职人员的乡镇(街道)和村(社区)，按县(区)排列，可下载后交各县(区)落实。",
        "Townships and villages without a federation/association or without full-time staff at the end of {year}, by "
        "county; download it to hand to each county.",
    ),
    "org_gaps_none": ("没有缺口。", "No gaps."),
    "org_gaps_download": ("下载缺口清单（CSV）", "Download the gap list (CSV)"),
    "org_by_county": ("各县(区)覆盖率", "Coverage by county"),
    "org_trend": ("历年覆盖率", "Coverage over the years"),
    "org_full_year": ("全覆盖年份", "Full coverage since"),
    "org_full_year_value": ("{year}年", "{year}"),
    "org_full_year_not": ("尚未实现", "not yet"),
    "org_full_year_help": (
        "乡镇(街道)残联、乡镇专职人员、村(社区)残协、村(社区)专职委员四项均达到100%的年份。",
        "The year all four measures reached 100 %.",
    ),
    "org_staffing": ("编制与人员", "Posts and staff"),
    "org_staffing_caption": (
        "每年新增的编制（市残疾人事业服务中心、县级行政和公益一类事业编制）、“以钱养事”工作人员和兼(挂)职副理事长。",
        "Posts and people added each year: service-centre, administrative and public-service posts, contracted staff "
        "and part-time/seconded vice-chairs.",
    ),
    "org_staffing_by_level": ("按层级", "By level"),
    "org_units": ("县级残联党组与专门协会", "County party groups and special associations"),
    "org_units_caption": (
        "各县(区)残联党组和五个专门协会（盲协、聋协、肢协、智协、精协）的设立情况，按所选年度年末计。",
        "Party groups and the five special associations by county, at the end of the chosen year.",
    ),
    "org_units_grid": ("县(区) × 组织 一览（{year}年末）", "County × organisation ({year})"),
    "org_level_col": ("层级", "Level"),
    "org_year_col": ("年份", "Year"),
    "org_kind_col": ("类别", "Kind"),
    "org_count_col": ("人数(名)", "Count"),
    # a real city, half filled (issue 14)
    "org_left_out": (
        "乡镇(街道)总数不含类似乡级单位 {n} 个（{names}）：开发区、农场、监狱等不计入“乡乡有机构”。"
        "如某个单位应计入，在行政区划中把它的“计入乡镇覆盖率”填“是”后重新导入。",
        "The township count leaves out {n} township-like units ({names}): development zones, farms, prisons and the "
        "like do not count towards “a federation in every township”. To count one, set its “counts in township "
        "coverage” to 是 in the areas file and load it again.",
    ),
    "org_no_townships": (
        "尚未导入乡镇(街道)：覆盖率、地图和缺口清单都需要本市的区划。请在“数据管理”导入行政区划"
        "（国家统计局统计用区划代码 CSV，或“行政区划”模板：区划代码 + 名称）。",
        "No townships loaded yet: coverage, the map and the gap list need the city's divisions. Load the areas on "
        "the Data page (the national statistical division codes as published, or the areas template: code + name).",
    ),
    "org_no_villages": (
        "尚未导入村(社区)：村级残协和专职委员的覆盖率暂无法计算（显示为空）。在“数据管理”导入含村级 12 位代码的行政区划后即显示。",
        "No villages loaded yet: village association and staff coverage cannot be computed (left empty). Load the "
        "areas with 12-digit village codes on the Data page.",
    ),
    "org_no_orgs": (
        "尚未导入乡镇(街道)残联：覆盖率为 0。在“数据管理”下载“组织机构”模板，填写各乡镇残联的成立日期后导入。",
        "No township federations loaded yet: coverage is 0. Download the organisations template on the Data page, "
        "fill in each federation's founding date and load it.",
    ),
    "org_map_missing": (
        "{n} 个乡镇(街道)没有边界，地图上未画出：{names}。可在“数据管理 → 边界文件”上传 GeoJSON（DataV GeoAtlas 亦可）。",
        "{n|townships} {n?has|have} no boundary and {n?is|are} not drawn: {names}. Upload a GeoJSON (DataV GeoAtlas files work) "
        "under Data → Boundaries.",
    ),
    "org_map_missing_many": (
        "{n} 个乡镇(街道)没有边界，地图上未画出，其所在县(区)按乡镇(街道)残联覆盖情况着色（见地图旁的表）。"
        "乡镇边界可选：有 GeoJSON 时可在“数据管理 → 边界文件”上传。",
        "{n} townships have no boundary and are not drawn; their counties are coloured by township federation "
        "coverage (see the table beside the map). Township boundaries are optional: upload a GeoJSON under Data → "
        "Boundaries if you have one.",
    ),
    "org_map_county_legend": (
        "县(区)面（无乡镇边界的县）：{items}",
        "County areas (counties without township boundaries): {items}",
    ),
    "org_and_more": ("等", " and more"),
    "org_map_county_title": ("各县(区)乡镇(街道)残联", "Township federations by county"),
    "org_map_none": (
        "还没有任何边界：地图无从绘制。可在“数据管理 → 边界文件”上传县(区)或乡镇(街道)的 GeoJSON（DataV GeoAtlas 亦可）；"
        "各乡镇的覆盖情况见下方表格。",
        "No boundaries yet, so there is no map. Upload county or township GeoJSON (DataV GeoAtlas files work) under "
        "Data → Boundaries; each township's coverage is in the tables below.",
    ),
}
