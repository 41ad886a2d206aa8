"""Texts of the Presentation page (汇报), zh and en."""

TEXTS: dict[str, tuple[str, str]] = {
    "presentation_prev": ("◀ 上一页", "◀ Previous"),
    "presentation_next": ("下一页 ▶", "Next ▶"),
    "presentation_prev_help": ("上一页（键盘 ←）", "Previous slide (← key)"),
    "presentation_next_help": ("下一页（键盘 →）", "Next slide (→ key)"),
    "presentation_counter": ("第 {n} / {total} 页", "Slide {n} of {total}"),
    "presentation_mode": ("全屏汇报（隐藏侧边栏）", "Presentation mode (hide the sidebar)"),
    "presentation_jump": ("跳到", "Go to"),
    "presentation_link": (
        "直接打开本页汇报的链接（可发给参会单位）：",
        "Link that opens this slide in presentation mode (to send ahead):",
    ),
    "presentation_tools": ("导出与书面总结", "Export and written summary"),
    "presentation_downloads": ("下载演示文稿", "Download the deck"),
    "presentation_pptx": ("下载 PPT（.pptx）", "Download PowerPoint (.pptx)"),
    "presentation_pdf": ("下载 PDF", "Download PDF"),
    "presentation_png": ("本页图表（PNG）", "This slide's chart (PNG)"),
    "presentation_png_all": ("各页图表（PNG）", "Each slide's chart (PNG)"),
    "presentation_export_note": (
        "PPT 与 PDF 在点击时生成（约十几秒），图表为高分辨率图片，书面总结在备注中。",
        "The PowerPoint and PDF are built when clicked (some seconds); charts are high-resolution images, "
        "the written summary is in the speaker notes.",
    ),
    "presentation_summary": ("书面总结（可编辑后导出）", "Written summary (edit, then export)"),
    "presentation_summary_help": (
        "按工作总结的体例，由所选年度和范围的数据生成；可直接修改文字，再下载。",
        "Generated from the chosen year's and area's figures in the style of the year-end work summary; "
        "edit before downloading.",
    ),
    "presentation_docx": ("下载 Word（.docx）", "Download Word (.docx)"),
    "presentation_txt": ("下载文本（.txt）", "Download text (.txt)"),
    "presentation_table": ("本页图表数据", "This chart's numbers"),
    "presentation_no_chart": ("本页没有图表。", "No chart on this slide."),
}
