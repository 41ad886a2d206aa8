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
        "直接放映本页的链接（可发给参会单位）：",
        "Link that opens the show on this slide (to send ahead):",
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
    "presentation_start": ("▶ 开始放映", "▶ Start the show"),
    "presentation_start_help": ("全窗口放映（键盘 Esc 退出）", "Fill the window (Esc to leave)"),
    "presentation_leave": ("退出放映", "Leave the show"),
    "presentation_leave_help": ("回到汇报页（键盘 Esc）", "Back to the page (Esc key)"),
    "presentation_full": ("全屏（F）", "Full screen (F)"),
    "presentation_full_help": ("浏览器全屏（键盘 F，再按 Esc 退出全屏）", "Browser full screen (F key; Esc to leave)"),
    "presentation_region": ("汇报幻灯片", "Presentation slides"),
    "presentation_chart_failed": (
        "此图未能在浏览器中绘制，可下载 PPT 或 PDF 查看：",
        "This chart could not be drawn in the browser; the PPTX or PDF has it: ",
    ),
    "presentation_keys": (
        "放映时：← → 或翻页笔翻页，Home / End 到首页 / 末页，F 浏览器全屏，Esc 退出。"
        "放映画面只有幻灯片本身，可直接共享到视频会议。",
        "While showing: ← → (or a clicker) to step, Home / End for the first / last slide, F for full screen, "
        "Esc to leave. Only the slide is on screen, ready to share on the video call.",
    ),
    "presentation_rendering": (
        "正在生成幻灯片图表（首次约十几秒）……",
        "Drawing the slides' charts (a few seconds the first time)…",
    ),
    "presentation_show_button": ("▶ 开始放映（全窗口）", "▶ Start the show (whole window)"),
}
