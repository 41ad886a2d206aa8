"""Plans and their periods, and the assessment's threshold notation: small pure helpers
shared by loading (validation) and the queries.

A five-year plan is named by its ordinal (十四五 = the 14th, 2021–2025); a yearly plan by
its year (``2026``). The 14th plan is 2021–2025 and each plan follows the one before by
five years (十三五 2016–2020, 十五五 2026–2030).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


_ORDINAL_EN = {1: "st", 2: "nd", 3: "rd"}


def plan_name(plan: str, lang: str = "zh") -> str:
    """十四五 → 14th Five-Year Plan, 2026 → 2026 plan in English; the stored name in Chinese."""
    s = str(plan).strip()
    if lang != "en":
        return s
    if re.fullmatch(r"\d{4}", s):
        return f"{s} plan"
    n = _ordinal(s)
    if n is None:
        return s
    suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL_EN.get(n % 10, "th")
    return f"{n}{suffix} Five-Year Plan"


def _pts(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s or "0"


def assessment_reason(
    name: str, method: str, attainment: float | None, lost: float, rank: int | None = None,
    n: int = 0, missed: float | None = None, lang: str = "zh",
) -> str:  # fmt: skip
    """Why a county lost points on one rule ('' when it lost none):
    新增残疾人就业完成目标的 92%，扣 2.37 分 / New employment…: 92% of target, 2.37 points lost."""
    en = lang == "en"
    if attainment is None or attainment != attainment:  # no target or no figure (NaN)
        return (
            f"{name}: no target or no figure for the year, no points" if en else f"{name}无年度目标或无数据，本项不得分"
        )
    if lost <= 0:
        return ""
    att = f"{attainment:.0f}%"
    if en:
        s = f"{name}: {att} of target"
        if method == "rank":
            s += f", ranked {rank} of {n}"
        elif method == "thresholds" and missed is not None:
            s += f", below the {_pts(missed)}% level"
        return f"{s}, {_pts(lost)} points lost"
    s = f"{name}完成目标的 {att}"
    if method == "rank":
        s += f"，居第 {rank} 位（共 {n} 个）"
    elif method == "thresholds" and missed is not None:
        s += f"，未达 {_pts(missed)}% 档"
    return f"{s}，扣 {_pts(lost)} 分"


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


# ------------------------------------------------------------------ missing figures in the assessment

MISSING_RULE_KEY = "assessment_missing"  # meta row: the federation's rule for figures not reported


@dataclass(frozen=True)
class MissingRule:
    """What the assessment does with a county that has not reported a rule's figure, or some
    months of it (issue 27):
    ``exclude`` (the default) — the county is not ranked and has no total until it reports;
    ``deduct`` — it is ranked, with ``share`` of the rule's points deducted (1: all of them),
    and the reason says so. Never a silent 0.00. Declared as text: ``exclude``, ``deduct``,
    ``deduct=0.5``; kept in the ``meta`` table under ``assessment_missing``."""

    mode: str = "exclude"
    share: float = 1.0

    @property
    def excluded(self) -> bool:
        return self.mode == "exclude"

    def points(self, weight: float) -> float:
        return weight * (1 - self.share)

    def text(self, lang: str = "zh") -> str:
        if self.excluded:
            return "未报送的县(区)不参加排名" if lang == "zh" else "counties that have not reported are not ranked"
        if lang == "zh":
            return f"未报送的指标扣除该项分值的 {self.share * 100:.0f}%"
        return f"a figure not reported loses {self.share * 100:.0f}% of its points"

    def reason(self, name: str, lost: float | None, lang: str = "zh", partial: bool = False) -> str:
        what = (
            ("缺报部分月份" if partial else "未报送")
            if lang == "zh"
            else ("months missing" if partial else "not reported")
        )
        if self.excluded:
            return f"{name}{what}，不参加排名" if lang == "zh" else f"{name}: {what}, not ranked"
        if lang == "zh":
            return f"{name}{what}，按规定扣 {_pts(lost or 0)} 分"
        return f"{name}: {what}, {_pts(lost or 0)} points deducted as the rules state"


def parse_missing_rule(text: str | None) -> MissingRule:
    """'exclude' | 'deduct' | 'deduct=0.5' (also 排除 / 扣分); ValueError in Chinese otherwise."""
    s = str(text or "exclude").strip().lower().replace("＝", "=")
    if s in ("exclude", "排除", "不排名"):
        return MissingRule()
    m = re.fullmatch(r"(?:deduct|扣分)(?:\s*=\s*(\d+(?:\.\d+)?))?", s)
    if not m:
        raise ValueError(f"“{text}”不是有效的未报送考核规则（exclude、deduct 或 deduct=0.5）")
    share = float(m.group(1)) if m.group(1) else 1.0
    if not 0 <= share <= 1:
        raise ValueError(f"“{text}”的扣分比例应在 0–1 之间")
    return MissingRule("deduct", share)


def missing_rule(conn) -> MissingRule:
    """The federation's declared rule (``meta.assessment_missing``), else ``exclude``."""
    from sqlalchemy import select

    from .models import Meta

    return parse_missing_rule(conn.execute(select(Meta.value).where(Meta.key == MISSING_RULE_KEY)).scalar())


def set_missing_rule(conn, text: str) -> MissingRule:
    """Declare the rule (checked first); in the caller's transaction."""
    from sqlalchemy import delete, insert

    from .models import Meta

    rule = parse_missing_rule(text)
    conn.execute(delete(Meta).where(Meta.key == MISSING_RULE_KEY))
    conn.execute(insert(Meta).values(key=MISSING_RULE_KEY, value=text.strip()))
    return rule
