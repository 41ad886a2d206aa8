"""Texts of the statistical analysis report block on the Presentation page (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "analysis_title": ("年度统计分析报告（可编辑后导出）", "Annual statistical analysis (edit, then export)"),
    "analysis_caption": (
        "按统计制度要求，由所选年度和范围的数据起草：主要进展、目标完成情况（已载入规划目标时）、"
        "存在的问题和建议；所用指标见文末。",
        "Drafted from the chosen year and area, as the statistics regime asks: the main progress, the plan's "
        "targets (where loaded), problems and proposals; the indicators used are listed at the end.",
    ),
    "analysis_length": ("共{n}字（不超过{max}字）。", "{n|characters} (at most {max} in Chinese)."),
    "analysis_too_long": ("已超过{max}字，请精简后再导出。", "Over {max|characters}: shorten it before export."),
    "analysis_file": ("统计分析报告", "statistical-analysis"),
}
