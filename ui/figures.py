"""KPI tiles whose figure and unit stay on one line ("2,036 万元", never "2,036 万 / 元"), at
every width and in 高对比度 mode, with no script: deterministic CSS.

Each tile (``tile``) is an ``st.metric`` inside a keyed container whose key carries the
figure's width in em, estimated here from its characters (digits, separators, CJK units).
The figure's box is a CSS size container (``container-type: inline-size``), and the figure's font
size is ``min(the theme's size, 100cqi / width)``: the largest size at which the figure fits
the tile, worked out by the browser's layout in the same pass as the tile's width — nothing
to wait for, nothing measured after the fact, nothing that can lose a race on a busy machine.
The rules are ``css()``, added to the page by ``ui/a11y.py``.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

# The theme's figure size (.streamlit/config.toml metricValueFontSize) and 高对比度's.
MAX_SIZE, MAX_SIZE_HIGH = "1.9rem", "2.4rem"
# Widths in em of the characters a figure is made of, a little over Source Sans (the theme's
# Latin font, bold in 高对比度) and Noto Sans CJK (the units); a figure is rounded up to STEP.
_EM = {",": 0.28, ".": 0.28, " ": 0.26, "/": 0.40, "%": 0.86, "-": 0.40, "+": 0.60, "—": 1.0, "～": 1.0}
DIGIT, LATIN, WIDE = 0.56, 0.62, 1.0
SAFETY = 1.0  # the widths above are already a little over
STEP = 0.2
WIDEST = 16.0  # em; a longer figure is sized as this (and still never wraps)
PREFIX = "figw"


def em_width(text: str) -> float:
    """The width of ``text`` in em at the tile's font, a slight over-estimate."""
    w = 0.0
    for ch in text:
        if ch in _EM:
            w += _EM[ch]
        elif ch.isdigit():
            w += DIGIT
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            w += WIDE
        else:
            w += LATIN
    return w * SAFETY


def width_class(text: str) -> int:
    """The figure's width bucket in tenths of an em (a multiple of STEP, at least 1 em)."""
    steps = math.ceil(min(max(em_width(text), 1.0), WIDEST) / STEP - 1e-9)
    return round(steps * STEP * 10)


def css(high_contrast: bool = False) -> str:
    """The rules that size every tile's figure to its tile (one per width bucket)."""
    top = MAX_SIZE_HIGH if high_contrast else MAX_SIZE
    out = [
        '[data-testid="stMetricValue"] { container-type: inline-size; }',
        f":root {{ --canlian-figure-max: {top}; }}",
    ]
    for tenths in range(10, round(WIDEST * 10) + 1, round(STEP * 10)):
        out.append(
            f'[class*="st-key-{PREFIX}{tenths}-"] [data-testid="stMetricValue"] p '
            f"{{ font-size: min(var(--canlian-figure-max), calc(100cqi / {tenths / 10:g})) !important; }}"
        )
    return "\n".join(out)


def tile(label: str, value: str, *, key: str | None = None, **metric) -> None:
    """``st.metric(label, value, **metric)`` whose figure fits its tile on one line."""
    stem = f"{PREFIX}{width_class(str(value))}-" + hashlib.sha1(f"{key or label}".encode()).hexdigest()[:10]
    for n in range(100):  # the same label twice on a page: a second key, not an error
        try:
            box = st.container(key=stem if n == 0 else f"{stem}-{n}")
            break
        except StreamlitDuplicateElementKey:
            continue
    with box:
        st.metric(label, value, **metric)
