"""Figures and changes in words: the one place that decides how a number is printed.

Used by the pages (tiles), the chart builders and findings (``charts/``), the slides and the
written texts (``reporting/``); it never imports Streamlit, so ``charts`` and ``reporting``
can use it from the command line.

One rule for "unchanged": a change reads 持平 / "unchanged" when it rounds to zero at the
precision it would be printed with (a rate moved by +0.04 points is "unchanged" on the tile,
on the slide and in the summary alike, never "+0.0个百分点").

Money: the dictionary keeps 万元 (10,000 yuan). Chinese prints ``2,036 万元``; English prints
``CNY 20.36 million`` (or ``CNY 500,000`` below one million), never "10k yuan".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

POINT_DECIMALS = 1  # a rate's change is printed in points with one decimal
PCT_DECIMALS = 1  # a relative change is printed in % with one decimal
WAN = "万元"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _missing(v: object) -> bool:
    if v is None:
        return True
    try:
        return math.isnan(float(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def number(v: float | None, decimals: int = 0, grouping: bool = True, strip: bool = True) -> str:
    """1,234 / 1,234.5 / — . ``strip`` drops trailing zeros (2,036.00 → 2,036)."""
    if v is None or _missing(v):
        return "—"
    r = round(float(v), decimals)
    s = f"{r:,.{decimals}f}" if grouping else f"{r:.{decimals}f}"
    if strip and "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def plain(v: float, decimals: int = 0, lang: str = "zh") -> str:
    """As written texts print figures: no separators in Chinese (1000人, 2036万元),
    separators in English (1,000), trailing zeros dropped."""
    return number(v, decimals, grouping=lang == "en")


def wan_words(v: float, decimals: int = 0) -> str:
    """The work summary's 万 for large round counts: 10000 → 1万, 25000 → 2.5万; other
    figures as :func:`plain` (10850 stays 10850)."""
    r = round(float(v), decimals)
    if abs(r) >= 10000 and r % 1000 == 0:
        return f"{number(r / 10000, 1, grouping=False)}万"
    return plain(r, decimals)


# plural → singular where dropping the "s" is wrong (or the noun is not a count)
SINGULAR = {"people": "person", "person-times": "person-time", "children": "child", "staff": "staff", "%": "%"}
PLURAL = {v: k for k, v in SINGULAR.items() if k != v} | {"person": "persons"}


def singular(noun: str) -> str:
    """The singular of an English count noun (its last word): centres → centre, person-times →
    person-time, cases → case, administrative posts → administrative post."""
    head, _, last = noun.rpartition(" ")
    if last in SINGULAR:
        one = SINGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        one = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        one = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        one = last[:-1]
    else:
        one = last
    return f"{head} {one}" if head else one


def plural(noun: str) -> str:
    """The plural of an English count noun (its last word): centre → centres, county → counties."""
    head, _, last = noun.rpartition(" ")
    if last in PLURAL:
        many = PLURAL[last]
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        many = last[:-1] + "ies"
    elif last.endswith(("ch", "sh", "ss", "x")):
        many = last + "es"
    elif last.endswith("s") or last in SINGULAR:
        many = last
    else:
        many = last + "s"
    return f"{head} {many}" if head else many


def count(n: float, noun: str, decimals: int = 0, lang: str = "en") -> str:
    """The one pluraliser of every English count: ``count(1, "administrative posts")`` →
    "1 administrative post", ``count(2, "centre")`` → "2 centres", ``count(0, "error")`` → "0 errors"
    (the noun given in either number). Chinese has no plural: ``count(1, "个", lang="zh")`` → "1个"."""
    shown = n if isinstance(n, str) else number(n, decimals)
    if lang != "en":
        return f"{shown}{noun}"
    one = shown == "1"
    return f"{shown} {singular(noun) if one else plural(noun)}"


def verb(n: float, one: str, many: str) -> str:
    """The verb agreeing with a count: ``verb(1, "is", "are")``."""
    return one if (n if isinstance(n, str) else number(n)) == "1" else many


def money_en(wan: float, decimals: int = 2) -> str:
    """万元 in English: 2036 → CNY 20.36 million, 50 → CNY 500,000."""
    if _missing(wan):
        return "—"
    yuan = float(wan) * 10000
    if abs(yuan) >= 1_000_000:
        return f"CNY {number(yuan / 1_000_000, 2)} million"
    return f"CNY {number(yuan, max(decimals - 4, 0))}"


def unit_of(row: Mapping, lang: str = "zh") -> str:
    """The unit as a label (axis titles, table headers): 万元 keeps its gloss in English."""
    if lang != "en":
        return str(row["unit_zh"])
    if row["unit_zh"] == WAN:  # an axis title puts it in brackets itself: no "(CNY 10,000 (万元))"
        return "CNY 10,000"
    return str(row["unit_en"])


def with_unit(v: float | None, decimals: int, unit_zh: str, unit_en: str | None = None, lang: str = "zh") -> str:
    """A figure as a tile or a key figure shows it: ``2,036 万元`` / ``100%`` /
    ``CNY 20.36 million`` / ``1,000 persons``."""
    if v is None or _missing(v):
        return "—"
    if unit_zh == "%":  # a rate keeps its decimal on a tile: 100.0%
        return f"{number(v, decimals, strip=False)}%"
    if lang == "en" and unit_zh == WAN:
        return money_en(float(v), decimals)
    if lang == "en" and unit_en and unit_en[0].isalpha():
        return count(float(v), unit_en, decimals)  # "1 centre", "2 centres"
    unit = unit_en if lang == "en" and unit_en is not None else unit_zh
    return f"{number(v, decimals)} {unit}".strip()


def figure(row: Mapping, lang: str = "zh", key: str = "value") -> str:
    """A dictionary row's figure with its unit (``row``: value, decimals, unit_zh, unit_en)."""
    return with_unit(row[key], int(row["decimals"]), row["unit_zh"], row.get("unit_en"), lang)


# ------------------------------------------------------------------------ changes


@dataclass(frozen=True)
class Change:
    """The change of a figure on an earlier one, rounded as it will be printed.

    ``delta``: absolute change (points for a rate) rounded to its printed precision;
    ``pct``: relative change in % (None for rates and when the earlier figure is 0).
    """

    delta: float
    pct: float | None
    decimals: int  # of delta as printed
    rate: bool

    @property
    def flat(self) -> bool:
        return self.delta == 0

    @property
    def up(self) -> bool:
        return self.delta > 0


def change(value: float | None, previous: float | None, decimals: int = 0, rate: bool = False) -> Change | None:
    """None when either figure is missing; otherwise the change with its printed rounding."""
    if _missing(value) or _missing(previous):
        return None
    v, p = float(value), float(previous)  # type: ignore[arg-type]
    dec = POINT_DECIMALS if rate else decimals
    delta = round(v - p, dec)
    delta = 0.0 if delta == 0 else delta  # no -0.0
    pct = None if rate or p == 0 else round((v / p - 1) * 100, PCT_DECIMALS)
    if delta == 0:
        pct = 0.0 if pct is not None else None
    return Change(delta, pct, dec, rate)


def row_change(row: Mapping) -> Change | None:
    """The change of a ``queries.kpis`` row (value, previous, decimals, unit_zh)."""
    return change(row.get("value"), row.get("previous"), int(row["decimals"]), is_rate(row))


def is_rate(row: Mapping) -> bool:
    """A rate or growth (%): compared in points, never summed."""
    return row["unit_zh"] == "%" or row.get("aggregation") in ("ratio", "growth")


def signed(v: float, decimals: int) -> str:
    s = number(abs(v), decimals)
    return ("+" if v > 0 else "-" if v < 0 else "") + s


def delta_text(c: Change | None, lang: str = "zh", unit_zh: str = "") -> str | None:
    """For a tile or a key figure: +9.8%（+183） / +3.0个百分点 / 持平; None without last year.
    A money figure's change in English in the headline's unit: +9.9% (+CNY 1.83 million)."""
    if c is None:
        return None
    if c.flat:
        return "unchanged" if lang == "en" else "持平"
    if c.rate:
        s = f"{c.delta:+.{POINT_DECIMALS}f}"
        return f"{s} pp" if lang == "en" else f"{s}个百分点"
    a = signed(c.delta, c.decimals)
    if lang == "en" and unit_zh == WAN:
        a = ("+" if c.up else "-") + money_en(abs(c.delta), c.decimals)
    if c.pct is None:
        return a
    p = f"{c.pct:+.{PCT_DECIMALS}f}%"
    return f"{p} ({a})" if lang == "en" else f"{p}（{a}）"


def change_words(
    c: Change | None, unit_zh: str = "", unit_en: str = "", lang: str = "zh", than: str | None = None
) -> str:
    """A change in a sentence, naming what it is compared with (default: last year):

    比上年增加60人、增长6.4% / 比上年提高3个百分点 / 与上年持平 / 上年无数据;
    up 60 persons (+6.4%) on the year before / up 3 percentage points / unchanged.
    ``unit_zh`` 万元 prints as CNY in English.
    """
    en = lang == "en"
    than_zh = than or "上年"
    than_en = than or "the year before"
    if c is None:
        return f"no figure for {than_en}" if en else f"{than_zh}无数据"
    if c.flat:
        return f"unchanged on {than_en}" if en else f"与{than_zh}持平"
    a = number(abs(c.delta), c.decimals, grouping=en)
    if c.rate:
        if en:
            return f"{'up' if c.up else 'down'} {a} percentage points on {than_en}"
        return f"比{than_zh}{'提高' if c.up else '下降'}{a}个百分点"
    if en:
        if unit_zh == WAN:
            amount = money_en(abs(c.delta), c.decimals)
        elif unit_en and unit_en[0].isalpha():  # "up 1 case", not "up 1 cases"
            amount = count(abs(c.delta), unit_en, c.decimals)
        else:
            amount = f"{a} {unit_en}".strip()
        p = f" ({'+' if c.up else '-'}{number(abs(c.pct), PCT_DECIMALS)}%)" if c.pct is not None else ""
        return f"{'up' if c.up else 'down'} {amount}{p} on {than_en}"
    s = f"比{than_zh}{'增加' if c.up else '减少'}{a}{unit_zh}"
    if c.pct is not None:
        s += f"、{'增长' if c.up else '下降'}{number(abs(c.pct), PCT_DECIMALS)}%"
    return s


def year_label(y: int, lang: str = "zh") -> str:
    """2025年 / 2025 (the year selectors, titles)."""
    return str(int(y)) if lang == "en" else f"{int(y)}年"


def month_label(m: int, lang: str = "zh") -> str:
    return MONTHS_EN[int(m) - 1] if lang == "en" else f"{int(m)}月"


def year_month_label(y: int, m: int, lang: str = "zh") -> str:
    return f"{MONTHS_EN[int(m) - 1]} {int(y)}" if lang == "en" else f"{int(y)}年{int(m)}月"


def month_span(months, lang: str = "zh") -> str:
    """Months as runs: 2—11月 / 3月 / 3月、5月; Feb–Nov / Mar / Mar and May."""
    ms = sorted({int(m) for m in months})
    runs: list[tuple[int, int]] = []
    for m in ms:
        if runs and m == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    if lang == "en":
        return join([MONTHS_EN[a - 1] if a == b else f"{MONTHS_EN[a - 1]}–{MONTHS_EN[b - 1]}" for a, b in runs], "en")
    return "、".join(f"{a}月" if a == b else f"{a}—{b}月" for a, b in runs)


def join(items: list[str], lang: str = "zh") -> str:
    """A、B和C / A, B and C."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "en":
        return ", ".join(items[:-1]) + " and " + items[-1]
    return "、".join(items)


def items(names, lang: str = "zh") -> str:
    """A list of names inside a sentence: 甲、乙、丙 / A, B, C (an English sentence never takes “、”)."""
    return (", " if lang == "en" else "、").join(str(n) for n in names)
