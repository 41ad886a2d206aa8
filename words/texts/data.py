"""Texts of the data management page (数据管理)."""

TEXTS: dict[str, tuple[str, str]] = {
    "data_title": ("数据管理", "Data management"),
    "data_caption": (
        "下载模板填写后导入；导入前先检查，全部通过才写入，任何一处错误都不会改动数据库。也可在此导出数据。",
        "Download a template, fill it in and load it. Every row is checked first; a file is loaded only when all of it "
        "passes, and nothing changes otherwise. Data can be exported here too.",
    ),
    "data_tab_templates": ("模板下载", "Templates"),
    "data_tab_import": ("导入数据", "Load a file"),
    "data_tab_history": ("导入记录", "Load history"),
    "data_tab_export": ("导出数据", "Export"),
    "data_templates_intro": (
        "每类数据一个 Excel 模板：中文表头、下拉选项，“填写说明”工作表列出每列的含义、单位、允许的值和示例。"
        "县(区)、乡镇、年度、月份由区划代码和日期自动计算，不必填写。",
        "One Excel template per kind of record: Chinese headers, drop-down lists, and an instructions sheet with each "
        "column's meaning, unit, allowed values and an example. County, township, year and month are computed.",
    ),
    "data_template_button": ("下载模板", "Download template"),
    "data_kind_col": ("数据类别", "Kind"),
    "data_key_col": ("再次导入时按此替换", "Re-load replaces rows with the same"),
    "data_kind_auto": ("自动判断（按工作表名和列名）", "Detect (from sheet name and headers)"),
    "data_kind_label": ("数据类别", "Kind of data"),
    "data_upload_label": ("选择 Excel（.xlsx）或 CSV 文件", "Choose an Excel (.xlsx) or CSV file"),
    "data_upload_help": (
        "CSV 可为 UTF-8 或 GBK 编码（Excel、WPS 另存的 CSV 均可）；表头可用中文或英文列名。",
        "CSV in UTF-8 or GBK (as Excel and WPS save it); Chinese or English headers.",
    ),
    "data_problems_title": ("发现 {n} 个问题，文件未导入", "{n|problems} found; nothing was loaded"),
    "data_problems_help": (
        "请按下表逐条改正（行号即 Excel 中的行号），然后重新上传。数据库未作任何改动。",
        "Fix each problem below (row numbers as Excel shows them) and upload again. The database is unchanged.",
    ),
    # problems with dates in a loaded file (data_access.loading: to_date, NotBefore, RequiredWhen)
    "data_date_invalid": (
        "“{value}”不是有效日期（请写成 2025-03-15）",
        "“{value}” is not a date (write it as 2025-03-15)",
    ),
    "data_date_year_range": (
        "日期“{date}”的年份不在 {lo}–{hi} 年之间，请检查是否写错",
        "The date {date} is not in the years {lo}–{hi}; please check it for a typing error",
    ),
    "data_date_closed_before_accepted": (
        "结案日期早于受理日期",
        "The closing date is before the date the case was accepted",
    ),
    "data_date_closed_required": (
        "状态为“{value}”的案件须填写结案日期",
        "A case whose status is “{value}” needs its closing date",
    ),
    "data_date_concluded_before_opened": (
        "办结日期早于立案日期",
        "The date concluded is before the date the case was opened",
    ),
    "data_date_concluded_required": (
        "状态为“{value}”的案件须填写办结日期",
        "A case whose status is “{value}” needs the date it was concluded",
    ),
    "data_date_completed_required": (
        "{value}的项目须填写完工日期",
        "A project marked “{value}” needs its completion date",
    ),
    "data_date_completed_before_started": ("完工日期早于开工日期", "The completion date is before the start date"),
    "data_date_staffed_before_established": (
        "专职委员到位日期早于成立日期",
        "The date the full-time officer took up the post is before the date the organisation was founded",
    ),
    "data_problems_download": ("下载问题清单（CSV）", "Download the problems (CSV)"),
    "data_preview_title": ("检查通过，请确认", "All rows pass; please confirm"),
    "data_preview_years": ("按年度的行数", "Rows by year"),
    "data_year": ("年度", "Year"),
    "data_rows": ("行数", "Rows"),
    "data_confirm": ("确认导入", "Load it"),
    "data_loaded": ("导入完成", "Loaded"),
    "data_file_info": ("文件：{name}　编码：{enc}　校验码：{sum}", "File: {name}  encoding: {enc}  checksum: {sum}"),
    "data_history_intro": (
        "每次导入的文件名、校验码、导入人、时间和新增/替换行数。选择一个批次可查看它写入的数据。",
        "Each load: file, checksum, who, when, rows added and replaced. Choose a load to see the rows it wrote.",
    ),
    "data_history_pick": ("查看批次", "Show load"),
    "data_history_rows": (
        "{kind}：本批次现有 {n} 行（被后来的导入替换的行不再计入）",
        "{kind}: {n|rows} {n?holds|hold} this load",
    ),
    "data_history_none": (
        "本批次的数据已全部被后来的导入替换。",
        "All rows of this load were replaced by later loads.",
    ),
    "data_history_empty": ("还没有导入记录。", "No loads yet."),
    "data_export_pages": ("页面数据（按当前筛选）", "Page data (as currently filtered)"),
    "data_export_pages_help": (
        "范围：{scope}，{year}年（趋势自 {first} 年）。与页面上显示的数据一致。",
        "Scope: {scope}, {year} (trends from {first}). The same figures the pages show.",
    ),
    "data_export_dataset": ("数据集", "Dataset"),
    "data_bundle": ("{name}页全部数据", "All data of the {name} page"),
    "data_export_tables": ("整表导出（导入格式，可再导入）", "Whole tables (load format, loads back)"),
    "data_export_tables_help": (
        "按侧栏所选县(区)导出；勾选“仅所选年度”则只导出 {year} 年。",
        "Exported for the counties chosen in the sidebar; tick “only the chosen year” for {year} only.",
    ),
    "data_only_year": ("仅所选年度（{year}年）", "Only the chosen year ({year})"),
    "data_table": ("数据表", "Table"),
    "data_rows_ready": ("共 {n} 行", "{n|rows}"),
    "data_download_xlsx": ("下载 Excel", "Download Excel"),
    "data_download_csv": ("下载 CSV", "Download CSV"),
    "data_prepare": ("生成导出文件", "Prepare the file"),
    "data_csv_note": (
        "CSV 为带 BOM 的 UTF-8 编码，Excel 和 WPS 可直接打开；以 = + - @ 开头的文本前加了单引号，不会被当作公式执行。",
        "CSV is UTF-8 with BOM (opens in Excel and WPS); text starting with = + - @ gets a leading apostrophe so it "
        "never runs as a formula.",
    ),
    # what a half-filled city lacks (issue 14): said on every page that shows tiles
    "missing_tiles": (
        "{n} 项指标本年度还没有数据：{how}。",
        "{n|figures} {n?has|have} no data for the year yet: {how}.",
    ),
    "missing_how": (
        "{names}——在“数据管理”下载“{kind}”模板填写后导入",
        "{names} — download the “{kind}” template on the Data page, fill it in and load it",
    ),
    "more_title": ("本会其他指标", "More indicators of the federation"),
    "more_caption": (
        "指标库中属于本部分、由本会自行增加的指标（“指标定义”导入）；数值用“指标数据”报送。",
        "Indicators of this section that the federation added to the dictionary (indicator definitions load); "
        "their figures come with the indicator values load.",
    ),
    "more_pick": ("选择指标", "Indicator"),
    "more_counties": ("{year}年各县(区)", "Counties, {year}"),
    "more_trend": ("历年趋势", "Over the years"),
    "more_col_area": ("县(区)", "County"),
    "more_col_year": ("年度", "Year"),
    "more_axis_county": ("县(区)", "County"),
    # first-day guide and boundaries (issue 14)
    "data_tab_geo": ("边界文件", "Boundaries"),
    "data_tab_emblem": ("机构标志", "Emblem"),
    "data_emblem_intro": (
        "本会的标志显示在登录页、侧栏顶部和汇报封面上。可上传 SVG 或 PNG 文件（不超过 2 MB）；SVG 中不能含有脚本、"
        "事件或对外部内容的引用。保存在数据库中，所有用户即时可见。",
        "The federation's emblem is shown on the login page, at the top of the sidebar and on the deck's cover. Load "
        "an SVG or PNG (at most 2 MB); an SVG may carry no script, event handler or reference to anything outside it. "
        "It is kept in the database and every user sees it at once.",
    ),
    "data_emblem_alt": ("当前标志", "Current emblem"),
    "data_emblem_now_loaded": ("当前使用已上传的标志。", "The loaded emblem is in use."),
    "data_emblem_now_default": ("当前使用默认的中性标志。", "The neutral default emblem is in use."),
    "data_emblem_city_only": (
        "机构标志由市级数据管理员或系统管理员上传。",
        "The emblem is loaded by the city's data staff or an administrator.",
    ),
    "data_emblem_upload": ("上传标志（SVG 或 PNG）", "Load an emblem (SVG or PNG)"),
    "data_emblem_refused": ("未采用此文件：{why}", "This file was not used: {why}"),
    "data_emblem_preview": ("预览：", "Preview:"),
    "data_emblem_confirm": ("使用此标志", "Use this emblem"),
    "data_emblem_saved": (
        "已保存，登录页、侧栏和汇报封面即显示新标志。",
        "Saved: the login page, sidebar and cover show it.",
    ),
    "data_emblem_reset": ("恢复默认标志", "Back to the default emblem"),
    "data_emblem_was_reset": ("已恢复默认标志。", "The default emblem is back."),
    "guide_title": ("{city}：数据准备进度", "{city}: getting the data in"),
    "guide_no_city": ("本市", "Your city"),
    "guide_caption": (
        "按顺序完成以下几步，就能看到本市自己的总览：先区划，再边界和组织机构，最后各年度的数字。",
        "Do these steps in order to get your own Overview: divisions first, then boundaries and organisations, "
        "then each year's figures.",
    ),
    "guide_areas": (
        "**行政区划**：{counties} 个县(区)、{towns} 个乡镇(街道)（另有类似乡级单位 {like} 个，不计入覆盖率）、{villages} 个村(社区)",
        "**Divisions**: {counties|counties}, {towns|townships} (plus {like|township-like units}, not counted in "
        "coverage), {villages|villages}",
    ),
    "guide_areas_next": (
        "导入本市区划：国家统计局统计用区划代码的 CSV（cities.csv、areas.csv、streets.csv 等，全国文件亦可）原样上传，"
        "在“导入数据”中选“行政区划”并填本市代码（如 1408）；或下载“行政区划”模板，只填区划代码和名称。",
        "Load the city's divisions: upload the national statistical division code CSVs as published (the national "
        "files are fine) under Load a file, kind Areas, with your city's code (e.g. 1408); or fill the areas "
        "template with just codes and names.",
    ),
    "guide_geo": (
        "**边界**：县(区) {cs} / {c} 个有边界，乡镇(街道) {ts} / {towns} 个有边界"
        "（乡镇边界可选：多数城市没有公开的乡镇边界，地图按县(区)显示）",
        "**Boundaries**: {cs} of {c|counties} and {ts} of {towns|townships} have a polygon (township polygons are "
        "optional: most cities have none public, and the maps then show counties)",
    ),
    "guide_geo_next": (
        "在“边界文件”上传县(区)或乡镇(街道)的 GeoJSON（DataV GeoAtlas 下载的文件可直接用）；代码对不上的按名称匹配，确认后载入。",
        "Upload county or township GeoJSON under Boundaries (DataV GeoAtlas files work as they are); features whose "
        "code does not match are matched by name; confirm to load.",
    ),
    "guide_orgs": (
        "**组织机构**：乡镇(街道)残联 {fed} / {towns} 个，村(社区)残协 {vil} / {villages} 个",
        "**Organisations**: {fed} of {towns} township federations, {vil} of {villages} village associations",
    ),
    "guide_orgs_next": (
        "下载“组织机构”模板，填写各乡镇(街道)残联、村(社区)残协的成立日期和专职委员到位日期后导入。",
        "Download the organisations template, fill in each federation's and association's founding date and staff "
        "date, and load it.",
    ),
    "guide_figures": (
        "**各年度数字**：{years} 个年度有数据，本会自定义指标 {own} 个",
        "**Figures**: {years|years} with data, {own|indicators} of your own",
    ),
    "guide_year": (
        "{year}年 指标数据 {values} 条、业务记录 {records} 条",
        "{year}: {values|figures}, {records|records}",
    ),
    "guide_figures_next": (
        "下载“指标数据”模板报送各县(区)的年度或月度数字；本会自己的指标（如年报指标）先用“指标定义”导入，"
        "可直接导入模板页提供的“中国残联年报主要指标”。",
        "Download the indicator values template and report the counties' yearly or monthly figures; load your own "
        "indicators (e.g. the annual report's) first as indicator definitions — the CDPF annual-report dictionary "
        "offered under Templates loads as it is.",
    ),
    "guide_next": ("下一步：", "Next:"),
    "guide_template": ("下载“{kind}”模板", "Download the “{kind}” template"),
    "guide_all_done": (
        "区划、边界、组织机构和年度数字都已具备，各页面已按本市数据显示。",
        "Divisions, boundaries, organisations and figures are all in; every page shows your city.",
    ),
    "data_dictionary_intro": (
        "**可选：中国残联年报主要指标**（精准康复服务分类别、辅助器具适配、两项补贴、托养服务、养老和医疗保险参保率）。"
        "下载后可按需删改，在“导入数据”中选“指标定义”导入，之后即可用“指标数据”报送这些指标。",
        "**Optional: the CDPF annual report's main indicators** (rehabilitation by disability type, assistive devices, "
        "the two subsidies, care services, pension and medical insurance rates). Edit as needed and load it as "
        "indicator definitions; their figures then load with indicator values.",
    ),
    "data_dictionary_button": ("下载年报指标定义（CSV）", "Download the annual-report dictionary (CSV)"),
    "data_city_label": ("本市区划代码（导入全国区划代码名单时填写）", "Your city's code (for a national code list)"),
    "data_city_help": (
        "如 1408 或 140800000000。全国名单只导入本市的行；库中已有本市时可不填。",
        "E.g. 1408 or 140800000000. Only your city's rows of a national list are loaded; not needed once the city "
        "is in the database.",
    ),
    "data_geo_intro": (
        "上传县(区)或乡镇(街道)边界（GeoJSON；DataV GeoAtlas 下载的文件可直接用）。属性 adcode、code 或 区划代码"
        "（6、9 或 12 位，数字或文本）先按代码匹配，对不上的按区划代码变更和同一上级下的名称匹配（横桥乡 ↔ 横桥镇）。"
        "先看匹配结果，确认后只载入已匹配的要素。",
        "Upload county or township boundaries (GeoJSON; DataV GeoAtlas files work as they are). Features are matched "
        "by their adcode / code / 区划代码 (6, 9 or 12 digits, number or text), else by the code history and by name "
        "within the parent (横桥乡 ↔ 横桥镇). Review the matches; confirming loads the matched features only.",
    ),
    "data_geo_upload": ("选择 GeoJSON 文件", "Choose a GeoJSON file"),
    "data_geo_missing": (
        "以下 {n} 个区划没有边界（地图上只列出，不画出）：",
        "{n|divisions} {n?has|have} no boundary (listed, not drawn):",
    ),
    "data_geo_partial": (
        "{n} 个要素未能匹配或几何有误，不会载入（原因见上表）；将载入其余 {ok} 个。",
        "{n|features} {n?is|are} not matched or {n?has|have} bad geometry and will not be loaded (see why above); {ok} will be.",
    ),
    "data_geo_confirm": ("确认载入 {n} 个边界", "Load {n|boundaries}"),
    "data_geo_crs_label": ("文件的坐标系", "The file's coordinate system"),
    "data_geo_crs_auto": (
        "按文件判断（DataV GeoAtlas 为 GCJ-02，其余 WGS-84）",
        "From the file (DataV GeoAtlas: GCJ-02; others WGS-84)",
    ),
    "data_geo_crs_help": (
        "网络地图（DataV GeoAtlas、高德、腾讯）下载的文件为 GCJ-02，载入时转换为 WGS-84；GPS、天地图和 GIS 导出的为 "
        "WGS-84 / CGCS2000。两者相差约 300–600 米，选错会让村(社区)落到相邻乡镇。",
        "Files from web maps (DataV GeoAtlas, AMap, Tencent) are GCJ-02 and are converted to WGS-84 on load; GPS, "
        "Tianditu and GIS exports are WGS-84 / CGCS2000. The two differ by 300–600 m: the wrong one puts villages in "
        "the next township.",
    ),
    "data_geo_changes": (
        "**建议写入的区划代码变更**（{n} 行）：文件中的旧代码已按名称对应到现行区划。填上变更年度后，在“导入数据”中按"
        "“区划代码变更”导入，往年数据和以后的边界文件即按新区划计。",
        "**Division code changes to write** ({n} rows): the file's old codes were matched by name to today's "
        "divisions. Fill in the year of the change and load the file as Division code changes; earlier figures and "
        "later boundary files then count for the new divisions.",
    ),
    "data_geo_changes_button": ("下载建议的区划代码变更（CSV）", "Download the suggested code changes (CSV)"),
    "data_geo_refused": ("文件未载入，数据库未作任何改动。原因：", "The file was not loaded; nothing changed. Why:"),
    "data_geo_loaded": (
        "边界已载入（批次 {batch}）：新增 {added} 个、替换 {replaced} 个边界，更新 {points} 个村(社区)位置。",
        "Boundaries loaded (load {batch}): {added} added, {replaced} replaced, {points} village locations moved.",
    ),
    # the kinds in English (issue 29): the templates' descriptions and key columns; Chinese comes from the kind itself
    "kind_desc_areas": (
        "",
        "The city's divisions (city, counties, townships, villages): at least the code and the name; level, type and "
        "parent follow from the code. The national statistical division code CSVs load as published (code,name,"
        "areaCode,…); from a national list only your city's rows are loaded. A parent must be in the database or in "
        "the same file.",
    ),
    "kind_desc_code_changes": (
        "",
        "Old and new codes after a re-districting (a township became a town, a merger, a new name). Earlier figures "
        "and boundary files under the old code count for the new division.",
    ),
    "kind_desc_indicators": (
        "",
        "Your own indicators (e.g. the annual report's): add or change entries of the dictionary; their figures then "
        "load as indicator values.",
    ),
    "kind_desc_org_units": (
        "",
        "One row per division and kind of organisation; loading the same kind and division again updates the row.",
    ),
    "kind_desc_staffing": ("", "Posts or people added in a year, by division and kind."),
    "kind_desc_indicator_values": (
        "",
        "By indicator, division, year and month; the same indicator, division, year and month loaded again replaces "
        "the figure.",
    ),
    "kind_desc_legal_aid": ("", "One case a row; year and month from the date the case was accepted."),
    "kind_desc_infringement": ("", "One case a row; year and month from the date the case was opened."),
    "kind_desc_access": (
        "",
        "One project a row; finished projects count in the year and month they were finished, others when they "
        "started.",
    ),
    "kind_desc_activities": ("", "Talks, campaigns, cultural and sports events: one event a row."),
    "kind_desc_volunteers": ("", "One row per volunteer team and month."),
    "kind_desc_donations": ("", "One donation a row; money and goods (at their value) in separate columns."),
    "kind_desc_plan_targets": (
        "",
        "One row per plan indicator and division; the same indicator, division and plan loaded again replaces it.",
    ),
    "kind_desc_assessment_rules": (
        "",
        "One row per assessment year and indicator; a county's yearly target is its plan target (see Plan targets).",
    ),
    "kind_desc_reports": (
        "",
        "The reports the city asks of the counties: what, how often, the deadline (days after the period) and who "
        "reports.",
    ),
    "kind_desc_validation_rules": (
        "",
        "Checks run on every load and on demand; an error refuses the load and names the row, a warning loads and "
        "is listed.",
    ),
    "kind_desc_gaps": (
        "",
        "One gap a row: a township without its federation or full-time staff, a village without its association "
        "or full-time member, listed and closed by the organisation data. A load changes only the owner, the "
        "person, the deadline, the state and the notes; a county's data staff change their own county's gaps, "
        "and only the city marks a gap verified.",
    ),
    "data_key_sep": ("、", ", "),
    "data_key_colon": ("：", ": "),
    # a key column in English: its Chinese header (as in the template) and what it is
    "key_col_code": ("{zh}", "{zh} (code)"),
    "key_col_old_code": ("{zh}", "{zh} (old code)"),
    "key_col_org_type": ("{zh}", "{zh} (kind of organisation)"),
    "key_col_area_code": ("{zh}", "{zh} (division code)"),
    "key_col_year": ("{zh}", "{zh} (year)"),
    "key_col_post_kind": ("{zh}", "{zh} (kind of post)"),
    "key_col_indicator_code": ("{zh}", "{zh} (indicator)"),
    "key_col_month": ("{zh}", "{zh} (month)"),
    "key_col_case_no": ("{zh}", "{zh} (case number)"),
    "key_col_project_no": ("{zh}", "{zh} (project number)"),
    "key_col_activity_no": ("{zh}", "{zh} (event number)"),
    "key_col_record_no": ("{zh}", "{zh} (record number)"),
    "key_col_donation_no": ("{zh}", "{zh} (donation number)"),
    "key_col_plan": ("{zh}", "{zh} (plan)"),
}
