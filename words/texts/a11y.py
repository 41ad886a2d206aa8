"""Texts of the accessibility options (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "a11y_contrast": ("高对比度大字号", "High contrast, large type"),
    "a11y_contrast_help": (
        "黑白高对比、字号放大、焦点框加粗，适合低视力用户和投影仪；此设置也写入地址栏（?contrast=high），可随链接分享。",
        "Black-on-white, larger type and a thicker focus frame, for low vision and projectors; "
        "kept in the address (?contrast=high) so a link carries it.",
    ),
    # our own navigation (ui/nav.py)
    "nav_label": ("页面导航", "Pages"),
    "nav_unknown_path": (
        "没有找到地址 {path} 对应的页面，已为您打开总览。请从左侧导航选择页面。",
        "There is no page at {path}; the Overview is shown instead. Choose a page in the navigation on the left.",
    ),
    # names Streamlit 1.67 gives its own controls in English (ui/a11y.py puts these in their place)
    "a11y_help_for": ("{label}的说明", "Help for {label}"),
    "a11y_help": ("说明", "Help"),
    "a11y_sidebar": ("侧边栏", "Sidebar"),
    "a11y_sidebar_collapse": ("收起侧边栏", "Collapse sidebar"),
    "a11y_sidebar_expand": ("展开侧边栏", "Expand sidebar"),
    "a11y_file_input": ("选择文件", "Choose a file"),
    "a11y_columns": ("显示或隐藏列", "Show/hide columns"),
    "a11y_download_csv": ("下载为 CSV", "Download as CSV"),
    "a11y_search": ("搜索", "Search"),
    "a11y_fullscreen": ("全屏", "Fullscreen"),
    "a11y_fullscreen_close": ("退出全屏", "Close fullscreen"),
    "a11y_main_menu": ("主菜单", "Main menu"),
    "a11y_heading_link": ("本标题的链接", "Link to this heading"),
    "a11y_open_options": ("展开选项", "Show the options"),
    "a11y_options": ("选项", "Options"),
    "a11y_close": ("关闭", "Close"),
    "a11y_dismiss": ("关闭", "Dismiss"),
    "a11y_clear_value": ("清除所选", "Clear the choice"),
    "a11y_clear_all": ("全部清除", "Clear all"),
    "a11y_running": ("正在计算…", "Running…"),
    "a11y_stop": ("停止", "Stop"),
    "a11y_stopping": ("正在停止…", "Stopping…"),
    "a11y_chart": ("图表", "Chart"),
    # Streamlit's own words shown as text: the skip link, the select boxes' lists, the ⋮ menu
    "a11y_skip": ("跳到主要内容", "Skip to main content"),
    "a11y_no_results": ("没有匹配的选项", "No matching options"),
    "a11y_select_all": ("全选", "Select all"),
    "a11y_select_matches": ("选择匹配的 {n} 项", "Select the {n|matches}"),
    "a11y_options_available": ("共 {n} 个选项", "{n|options} available"),
    "a11y_choose_one": ("请选择", "Choose an option"),
    "a11y_choose_many": ("请选择（可多选）", "Choose options"),
    "a11y_print": ("打印", "Print"),
    "a11y_record": ("录制屏幕", "Record screen"),
    "a11y_made_with": ("Streamlit 版本 v", "Made with Streamlit v"),
    "a11y_connecting": ("正在连接…", "Connecting…"),
    "a11y_please_wait": ("请稍候…", "Please wait…"),
    "a11y_connection_error": ("连接中断", "Connection error"),
    # the file uploader
    "a11y_upload_button": ("选择文件", "Browse files"),
    "a11y_upload_drop": ("松开鼠标即可放入文件", "Drop the file here"),
    "a11y_upload_limit": (
        "可将文件拖到此处，或点击“选择文件”。每个文件不超过 {size}，格式：{types}",
        "Drag a file here or choose one. Up to {size} per file: {types}",
    ),
    "a11y_upload_limit_any": (
        "可将文件拖到此处，或点击“选择文件”。每个文件不超过 {size}",
        "Drag a file here or choose one. Up to {size} per file",
    ),
    "a11y_list_sep": ("、", ", "),
    "a11y_colon": ("：", ": "),
}
