"""Who is first (or last), told truly: every label tied at the top is named, and a "most" is
only said when one stands out — "11月、12月最多（各13件）", never "11月最多（13件）" when
December had 13 too (issue 27). Pure; the words come from the caller and ``words.texts.charts``."""

from __future__ import annotations

import pandas as pd

from words import fmt
from words.i18n import text


def leaders(values: pd.Series, decimals: int = 0, largest: bool = True) -> tuple[list, float | None]:
    """The labels (index) whose value, rounded as printed, equals the extreme; missing values
    (NaN) are never ranked. ``([], None)`` when nothing is known."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return [], None
    r = v.round(decimals)
    best = r.max() if largest else r.min()
    return list(r[r == best].index), float(v[r == best].iloc[0])


def named(labels: list, lang: str, word=str) -> str:
    """'11月、12月' / 'Nov and Dec'."""
    names = [word(x) for x in labels]
    if len(names) < 2:
        return "".join(names)
    return text("chart_named_last", lang, head=fmt.items(names[:-1], lang), last=names[-1])


def each(labels: list, lang: str) -> str:
    """'各' / ' each' when several are tied, '' for one."""
    if len(labels) < 2:
        return ""
    return text("chart_each", lang)
