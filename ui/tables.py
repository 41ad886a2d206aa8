"""Tables as a reader sees them: thousands separators, one decimal rule, and "—" (never
``None`` or ``nan``) for a missing figure.

The rule: a column of whole numbers is printed without decimals (1,434); any other
number column with one decimal (99.3), unless the caller names the column's decimals.
Years, codes, batch and row numbers are labels, not quantities: no separator (2025,
990103000000); longitude and latitude keep five decimals. The frame
itself is left as it is, so a CSV download keeps full precision.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

MISSING = "—"
DECIMALS = 1
_LABEL = re.compile(r"(year|年度|年份|^年$|代码|code|_id$|^id$|编号|批次|batch|^行$|行号|^row$|序号|^#$)", re.I)
# longitude and latitude keep the precision of a point on a map (one decimal is 10 km)
_COORD = re.compile(r"(经度|纬度|^lon|^lat)", re.I)
COORD_DECIMALS = 5


def is_label(column: object) -> bool:
    return bool(_LABEL.search(str(column)))


def _whole(s: pd.Series) -> bool:
    v = pd.to_numeric(s, errors="coerce").dropna()
    return v.empty or bool(((v - v.round()).abs() < 1e-9).all())


def formats(df: pd.DataFrame, decimals: dict[str, int] | None = None) -> dict[str, str]:
    """The format string of each number column of ``df``."""
    decimals = decimals or {}
    out = {}
    for col in df.columns:
        s = df[col]
        if not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        if is_label(col):
            out[col] = "{:.0f}"
            continue
        if _COORD.search(str(col)) and col not in decimals:
            out[col] = f"{{:.{COORD_DECIMALS}f}}"
            continue
        d = decimals.get(col, 0 if _whole(s) else DECIMALS)
        out[col] = f"{{:,.{d}f}}"
    return out


def missing_text(reason: str | None) -> str:
    """'—', or '—（从未登录）' with the reason a cell is empty."""
    return f"{MISSING}（{reason}）" if reason else MISSING


def _when(v: object) -> str:
    return v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, pd.Timestamp) and not pd.isna(v) else MISSING


def display(df: pd.DataFrame, decimals: dict[str, int] | None = None, reasons: dict[str, str] | None = None) -> Styler:
    """``df`` styled for ``st.dataframe``: numbers by the rule above, date-times to the second,
    "—" where empty — with the column's reason when ``reasons`` names one ('—（从未登录）')."""
    reasons = reasons or {}
    fmt: dict[str, object] = dict(formats(df, decimals))
    for col in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[col]):
            fmt[col] = _when
    style = df.style.format(fmt, na_rep=MISSING)
    plain_cols = [c for c in df.columns if c not in fmt]
    if plain_cols:
        style = style.format(na_rep=MISSING, subset=plain_cols)
    for col, reason in reasons.items():
        if col in df.columns:
            style = style.format(fmt.get(col), na_rep=missing_text(reason), subset=[col])
    return style
