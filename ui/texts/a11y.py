"""Texts of the accessibility options (zh, en)."""

TEXTS: dict[str, tuple[str, str]] = {
    "a11y_contrast": ("高对比度大字号", "High contrast, large type"),
    "a11y_contrast_help": (
        "黑白高对比、字号放大、焦点框加粗，适合低视力用户和投影仪；此设置也写入地址栏（?contrast=high），可随链接分享。",
        "Black-on-white, larger type and a thicker focus frame, for low vision and projectors; "
        "kept in the address (?contrast=high) so a link carries it.",
    ),
}
