"""Plans and their periods, and the assessment's threshold notation: small pure helpers
shared by loading (validation) and the queries.

A five-year plan is named by its ordinal (十四五 = the 14th, 2021–2025); a yearly plan by
its year (``2026``). The 14th plan is 2021–2025 and each plan follows the one before by
five years (十三五 2016–2020, 十五五 2026–2030).
"""

from __future__ import annotations

import re

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FIVE_YEAR = re.compile(r"^十([一二三四五六七八九]?)五$")


def _ordinal(plan: str) -> int | None:
    m = _FIVE_YEAR.match(plan.strip())
    if not m:
        return None
    return 10 + (_DIGITS[m.group(1)] if m.group(1) else 0)


def plan_period(plan: str) -> tuple[int, int] | None:
    """(first year, last year) of a plan; None when the name is not a plan."""
    s = str(plan).strip()
    if re.fullmatch(r"\d{4}", s):
        return int(s), int(s)
    n = _ordinal(s)
    if n is None or n < 6:
        return None
    first = 2021 + 5 * (n - 14)
    return first, first + 4


def parse_thresholds(text: str) -> list[tuple[float, float]]:
    """``100=1;90=0.8;80=0.5`` → [(100, 1.0), (90, 0.8), (80, 0.5)], highest level first.

    Raises ValueError with a Chinese message when the text is not of that form."""
    s = str(text or "").replace("；", ";").replace("，", ";").replace(",", ";").replace("＝", "=")
    out: list[tuple[float, float]] = []
    for part in (p.strip() for p in s.split(";")):
        if not part:
            continue
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?\s*=\s*(\d+(?:\.\d+)?)", part)
        if not m:
            raise ValueError(f"“{part}”不是“完成率=得分比例”的形式（如 100=1;90=0.8;80=0.5）")
        level, share = float(m.group(1)), float(m.group(2))
        if share > 1:
            raise ValueError(f"“{part}”的得分比例应在 0 至 1 之间")
        out.append((level, share))
    if not out:
        raise ValueError("分档标准为空（如 100=1;90=0.8;80=0.5）")
    return sorted(out, reverse=True)
