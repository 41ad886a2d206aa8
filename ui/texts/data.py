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
    "data_problems_title": ("发现 {n} 个问题，文件未导入", "{n} problems found; nothing was loaded"),
    "data_problems_help": (
        "请按下表逐条改正（行号即 Excel 中的行号），然后重新上传。数据库未作任何改动。",
        "Fix each problem below (row numbers as Excel shows them) and upload again. The database is unchanged.",
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
        "{kind}: {n} rows hold this load",
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
    "data_rows_ready": ("共 {n} 行", "{n} rows"),
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
        "{n} 项指标本年度还没有数据（显示为“—”）：{how}。",
        "{n} figures have no data for the year yet (shown as “—”): {how}.",
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
}
