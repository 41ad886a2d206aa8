"""Tables as a reader sees them: thousands separators, one decimal rule, and "—" (never
``None`` or ``nan``) for a missing figure.

The rule: a column of whole numbers is printed without decimals (1,434); any other
number column with one decimal (99.3), unless the caller names the column's decimals.
Years and codes are labels, not quantities: no separator (2025, 990103000000). The frame
itself is left as it is, so a CSV download keeps full precision.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

MISSING = "—"
DECIMALS = 1
_LABEL = re.compile(r"(year|年度|年份|^年$|代码|code|_id$|^id$|编号)", re.I)


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
        d = decimals.get(col, 0 if _whole(s) else DECIMALS)
        out[col] = f"{{:,.{d}f}}"
    return out


def display(df: pd.DataFrame, decimals: dict[str, int] | None = None) -> Styler:
    """``df`` styled for ``st.dataframe``: numbers by the rule above, "—" where empty."""
    fmt = formats(df, decimals)
    return df.style.format(fmt, na_rep=MISSING).format(na_rep=MISSING, subset=[c for c in df.columns if c not in fmt])
