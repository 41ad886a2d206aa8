"""Texts of the boundary-file report (``data_access.geo_load``): what a file would load, why a
feature is not loaded, why a file is refused. The report keeps its findings as a key of this
dict and its values (``geo_load.Reason``); names of places stay as the file and the division
list write them, in either language."""

_REDO = "请先简化边界（如 mapshaper 简化到 10%）或按县(区)分成几个文件。"
_REDO_EN = "simplify the boundaries first (mapshaper to 10%, say) or split the file by county."
_TO_DEGREES = "请先转换为经纬度（WGS 84 / CGCS2000，EPSG:4326 或 EPSG:4490）"
_TO_DEGREES_EN = "convert it to longitude/latitude first (WGS 84 / CGCS2000, EPSG:4326 or EPSG:4490)"

TEXTS: dict[str, tuple[str, str]] = {
    # how a feature was matched (the report's 结果 column)
    "geo_status_code": ("按代码匹配", "matched by division code"),
    "geo_status_history": ("按区划代码变更匹配", "matched through a division code change"),
    "geo_status_name": ("按名称匹配", "matched by name"),
    "geo_status_rename": (
        "按名称匹配（县/市/区变更，请核对）",
        "matched by name (county became a district or city: please check)",
    ),
    "geo_status_unmatched": ("未匹配，不载入", "not matched, not loaded"),
    "geo_status_invalid": ("几何有误，不载入", "bad geometry, not loaded"),
    # the report's tables
    "geo_col_index": ("序号", "#"),
    "geo_col_file_name": ("文件中的名称", "Name in file"),
    "geo_col_file_code": ("文件中的代码", "Code in file"),
    "geo_col_result": ("结果", "Result"),
    "geo_col_code": ("对应区划代码", "Division code"),
    "geo_col_area": ("区划名称", "Official name"),
    "geo_col_why": ("说明", "Why"),
    "geo_col_missing_code": ("区划代码", "Division code"),
    "geo_col_missing_name": ("名称", "Name"),
    "geo_col_missing_kind": ("类型", "Kind"),
    "geo_kind_city": ("市", "city"),
    "geo_kind_district": ("区", "district"),
    "geo_kind_county": ("县", "county"),
    "geo_kind_banner": ("旗", "banner"),
    "geo_kind_xiang": ("乡", "township (xiang)"),
    "geo_kind_town": ("镇", "town"),
    "geo_kind_street": ("街道", "sub-district"),
    "geo_kind_township_like": ("类似乡级单位", "township-level unit (development zone, farm …)"),
    "geo_kind_village": ("村", "village"),
    "geo_kind_community": ("社区", "community"),
    # the report's lines
    "geo_summary": (
        "文件共 {n} 个要素：按代码匹配 {by_code} 个，按区划代码变更匹配 {by_history} 个，"
        "按名称匹配 {by_name} 个{renamed}，未匹配 {unmatched} 个，几何有误 {invalid} 个；将载入 {loadable} 个。",
        "The file has {n|features}: {by_code} matched by division code, {by_history} through a division code "
        "change, {by_name} by name{renamed}, {unmatched} not matched, {invalid} with bad geometry; "
        "{loadable} will be loaded.",
    ),
    "geo_summary_renamed": (
        "（其中县/市/区变更 {n} 个，请核对）",
        " ({n} of them a county that became a district or city: please check)",
    ),
    "geo_system": ("坐标系：{system}（{how}）。", "Coordinate system: {system} ({how})."),
    "geo_system_converted": (
        "坐标系：{system}（{how}），载入时转换为 WGS-84。",
        "Coordinate system: {system} ({how}); converted to WGS-84 on loading.",
    ),
    "geo_merged": (
        "{name}（{code}）的边界由第 {features} 个要素合并而成（区划合并：各部分的范围合在一起）。",
        "The boundary of {name} ({code}) is features {features} joined into one (divisions merged: "
        "the land of every part together).",
    ),
    "geo_split": ("第 {i} 个要素（{name}）：{why}", "Feature {i} ({name}): {why}"),
    # coordinate systems: how the file's system is known
    "geo_crs_declared_gcj": ("文件声明为 GCJ-02", "the file declares GCJ-02"),
    "geo_crs_declared_wgs": ("文件声明为 WGS-84 / CGCS2000", "the file declares WGS-84 / CGCS2000"),
    "geo_crs_datav": (
        "DataV GeoAtlas 格式（adcode、center、centroid 等属性），其坐标为 GCJ-02",
        "DataV GeoAtlas format (adcode, center, centroid properties), whose coordinates are GCJ-02",
    ),
    "geo_crs_undeclared": ("文件未声明坐标系", "the file declares no coordinate system"),
    "geo_crs_by_loader": ("由载入人指定", "chosen by the person loading it"),
    "geo_crs_by_loader_seen": (
        "由载入人指定；文件看起来是 {found}（{how}）",
        "chosen by the person loading it; the file looks like {found} ({how})",
    ),
    "geo_crs_assumed": (
        "文件未声明坐标系，按 WGS-84 处理；如为网络地图（DataV、高德）下载的 GCJ-02 坐标，请指定 GCJ-02",
        "the file declares no coordinate system and is read as WGS-84; if it came from a web map such as DataV or "
        "AMap, its coordinates are GCJ-02: choose GCJ-02",
    ),
    # why a feature is matched as it is, or not matched
    "geo_code_form": ("区划代码“{raw}”不是 6、9 或 12 位数字", "division code “{raw}” is not 6, 9 or 12 digits"),
    "geo_no_code_no_name": (
        "缺少区划代码（属性 adcode、code 或 区划代码）和名称",
        "no division code (property adcode, code or 区划代码) and no name",
    ),
    "geo_no_code": (
        "缺少区划代码（属性 adcode、code 或 区划代码）",
        "no division code (property adcode, code or 区划代码)",
    ),
    "geo_no_code_then": ("缺少区划代码，{why}", "no division code; {why}"),
    "geo_city_code": (
        "区划代码 {code} 是市级，只能载入县(区)、乡镇(街道)边界和村(社区)位置",
        "division code {code} is the city's own; only county and township boundaries and village points can be loaded",
    ),
    "geo_code_changed": ("区划代码 {code} 已变更为 {new}", "division code {code} has changed to {new}"),
    "geo_code_not_listed": ("代码 {code} 不在区划表中", "code {code} is not in the division list"),
    "geo_code_absent_then": (
        "区划代码 {code} 在区划表中不存在，{why}",
        "division code {code} is not in the division list; {why}",
    ),
    "geo_code_unknown": (
        "区划代码 {code} 在区划表中不存在（未知代码）",
        "division code {code} is not in the division list (unknown code)",
    ),
    "geo_code_unknown_then": (
        "区划代码 {code} 在区划表中不存在（未知代码），{why}",
        "division code {code} is not in the division list (unknown code); {why}",
    ),
    "geo_name_none": ("没有名称，无法按名称匹配", "no name, so it cannot be matched by name"),
    "geo_name_same": ("名称“{name}”相同", "the same name “{name}”"),
    "geo_name_changed": ("区划代码变更：{name} → {new}", "division code change: {name} → {new}"),
    "geo_name_stem": (
        "名称去掉乡/镇/街道后相同（{name} ↔ {official}）",
        "the same name but for its township, town or sub-district ending: {name} ↔ {official}",
    ),
    "geo_name_absent_parent": ("上级 {parent}中没有名为“{name}”的单位", "no unit named “{name}” under {parent}"),
    "geo_name_absent": ("区划表中没有名为“{name}”的单位", "no unit named “{name}” in the division list"),
    "geo_rename": (
        "名称仅县/市/区不同（{name} → {new}，撤县设区等），请核对并按建议写入区划代码变更",
        "the names differ only in their county, city or district ending ({name} → {new}: a county made a "
        "district, or the like); please check it and load the suggested division code changes",
    ),
    "geo_rename_split": (
        "“{name}”对应多个现行单位（{names}），可能已拆分，未载入；请写入区划代码变更后重新载入",
        "“{name}” fits several current divisions ({names}) and may have been split, so it is not loaded; load the "
        "division code changes, then load the file again",
    ),
    "geo_bad_geometry": ("区划代码 {code}：{why}", "division code {code}: {why}"),
    "geo_merged_with": (
        "与第 {first} 个要素同属 {code}，边界合并载入",
        "the same division {code} as feature {first}: their boundaries are joined and loaded as one",
    ),
    "geo_duplicate": (
        "与第 {first} 个要素对应同一区划 {code}，不重复载入",
        "the same division {code} as feature {first}: not loaded twice",
    ),
    # geometry
    "geo_no_geometry": ("缺少几何图形（geometry）", "no geometry"),
    "geo_village_not_point": (
        "村(社区)应为点（Point），而不是 {kind}",
        "a village (community) should be a Point, not a {kind}",
    ),
    "geo_not_polygon": (
        "乡镇(街道)和县(区)应为多边形（Polygon 或 MultiPolygon），而不是 {kind}",
        "a township or county should be a Polygon or MultiPolygon, not a {kind}",
    ),
    "geo_poly_empty": ("多边形坐标为空或格式不正确", "the polygon's coordinates are empty or malformed"),
    "geo_poly_format": ("多边形坐标格式不正确", "the polygon's coordinates are malformed"),
    "geo_poly_self": (
        "多边形边界自相交（{why}），不是有效的多边形",
        "the polygon's boundary crosses itself ({why}); it is not a valid polygon",
    ),
    "geo_poly_invalid": ("多边形无效（{why}）", "the polygon is not valid ({why})"),
    "geo_bad_position": (
        "坐标点格式不正确（应为 [经度, 纬度]）",
        "a coordinate is malformed (it should be [longitude, latitude])",
    ),
    "geo_out_of_range": (
        "坐标 ({lon}, {lat}) 超出经纬度范围，疑似投影坐标（米），" + _TO_DEGREES,
        "coordinate ({lon}, {lat}) is outside longitude/latitude: projected coordinates (metres), it seems; "
        + _TO_DEGREES_EN,
    ),
    "geo_ring_short": (
        "多边形的环至少需要4个坐标点（首尾相同）",
        "a polygon's ring needs at least 4 coordinates (the first and last the same)",
    ),
    "geo_ring_open": (
        "多边形的环没有闭合（首尾坐标不同）",
        "a polygon's ring is not closed (its first and last coordinates differ)",
    ),
    "geo_ring_zero": (
        "多边形面积为零（坐标点重合或共线）",
        "a polygon has no area (its coordinates coincide or lie on a line)",
    ),
    "geo_ring_self": (
        "多边形边界自相交（如“8”字形），不是有效的多边形",
        "a polygon's boundary crosses itself (like a figure 8); it is not a valid polygon",
    ),
    # offsets between files, village points outside their township
    "geo_offset": (
        "本文件的乡镇(街道)边界整体在{county}的县界以{side}约 {metres} 米{like}："
        "两个文件的坐标系可能不同（GCJ-02 与 WGS-84 相差约 300–600 米），请核对各自的坐标系后重新载入。",
        "This file's township boundaries lie about {metres} m {side} of {county}'s county boundary{like}: "
        "the two files may be in different coordinate systems (GCJ-02 and WGS-84 differ by about 300–600 m); "
        "check each file's coordinate system and load it again.",
    ),
    "geo_east": ("东", "east"),
    "geo_west": ("西", "west"),
    "geo_offset_once": ("，与一次 GCJ-02 偏移相符", ", as one GCJ-02 offset would put them"),
    "geo_offset_twice": (
        "，相当于两次 GCJ-02 偏移（有一个文件可能被重复转换）",
        ", as two GCJ-02 offsets would (one file may have been converted twice)",
    ),
    "geo_points_outside": (
        "村(社区)位置不在所属乡镇(街道)边界内 {n} 个（坐标系不同或位置有误）：{points}{more}",
        "{n|village points} outside their township's boundary (another coordinate system, or a wrong position): "
        "{points}{more}",
    ),
    "geo_point_outside": ("{name}（{code}）的位置不在{town}的边界内", "{name} ({code}) lies outside {town}'s boundary"),
    "geo_more": ("……", " …"),
    "geo_more_problems": ("……另有 {n} 处问题。", "… and {n|more problems}."),
    # a file refused
    "geo_feature_named": ("第 {i} 个要素（{name}）：{why}。", "Feature {i} ({name}): {why}."),
    "geo_feature": ("第 {i} 个要素：{why}。", "Feature {i}: {why}."),
    "geo_nothing_to_load": (
        "文件中没有可以载入的乡镇(街道)或县(区)边界多边形，也没有村(社区)位置。",
        "The file has no township or county boundary polygon and no village point that can be loaded.",
    ),
    "geo_strict": (
        "（--strict：有要素未能匹配或几何有误时整份文件不载入）",
        "(--strict: the whole file is refused when any feature is not matched or has bad geometry)",
    ),
    "geo_not_feature": ("第 {i} 个要素：不是 GeoJSON 要素（Feature）。", "Feature {i} is not a GeoJSON Feature."),
    "geo_not_utf8": (
        "文件不是 UTF-8 编码的文本（第 {at} 个字节起无法解码），不是 GeoJSON 文件。",
        "The file is not UTF-8 text (it cannot be read from byte {at} on); it is not a GeoJSON file.",
    ),
    "geo_not_json": (
        "文件不是有效的 JSON（第 {line} 行第 {col} 列：{msg}），不是 GeoJSON 文件。",
        "The file is not valid JSON (line {line}, column {col}: {msg}); it is not a GeoJSON file.",
    ),
    "geo_not_collection": (
        "文件不是 GeoJSON 要素集合：顶层应为 {top}。",
        "The file is not a GeoJSON FeatureCollection: its top level should be {top}.",
    ),
    "geo_no_features": (
        "GeoJSON 中没有任何要素（features 为空）。",
        "The GeoJSON has no features (features is empty).",
    ),
    "geo_projected": (
        "文件声明的坐标系为 {name}，不是经纬度坐标；" + _TO_DEGREES + "。",
        "The file declares the coordinate system {name}, which is not longitude/latitude; " + _TO_DEGREES_EN + ".",
    ),
    "geo_too_slow": (
        "检查边界文件超过 {seconds} 秒，已停止，未载入；" + _REDO,
        "Checking the boundary file took over {seconds} seconds and was stopped; nothing was loaded. "
        + _REDO_EN[0].upper()
        + _REDO_EN[1:],
    ),
    "geo_too_large": (
        "文件过大（{mb} MB，上限 {cap} MB），未载入；请按县(区)分成几个文件。",
        "The file is too large ({mb} MB; at most {cap} MB) and was not loaded; split it by county.",
    ),
    "geo_too_many_points_about": (
        "文件的坐标点过多（约 {k} 千个，上限 {cap} 千个），未载入；" + _REDO,
        "The file has too many coordinates (about {k} thousand; at most {cap} thousand) and was not loaded; "
        + _REDO_EN,
    ),
    "geo_too_many_points": (
        "文件的坐标点过多（超过 {cap} 千个），未载入；请先简化边界或按县(区)分成几个文件。",
        "The file has too many coordinates (over {cap} thousand) and was not loaded; simplify the boundaries first "
        "or split the file by county.",
    ),
    "geo_too_deep": (
        "文件的括号嵌套层数过深（超过 {n} 层），不是有效的 GeoJSON 文件。",
        "The file's brackets are nested too deep (over {n} levels); it is not a valid GeoJSON file.",
    ),
    "geo_bad_number": (
        "文件中有无法读取的数值（如位数过多的数字：{msg}），不是有效的 GeoJSON 文件。",
        "The file has a number that cannot be read (one with too many digits, say: {msg}); it is not a valid "
        "GeoJSON file.",
    ),
    "geo_outside": (
        "第 {i} 个要素（{name}，区划代码 {code}）属于{county}，不在您负责的{mine}范围内。",
        "Feature {i} ({name}, division code {code}) belongs to {county}, outside {mine}, which you are responsible "
        "for.",
    ),
    "geo_city_itself": ("市本级", "the city itself"),
    "geo_outside_all": (
        "县(区)数据管理员只能载入本县(区)（{mine}）的边界和村(社区)位置；整份文件未载入，未作任何改动。",
        "A county's data staff load only their own county's ({mine}) boundaries and village points; the whole file "
        "was not loaded and nothing was changed.",
    ),
    "geo_unreadable": ("无法读取文件 {path}：{err}。", "Cannot read the file {path}: {err}."),
}
