"""The rules and their breaches as data: a rule as declared, a breach (where, what, in both
languages), the indicators and names they are told with."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, select

from ..loading.definitions import RULE_KINDS
from ..models import Area, Indicator, ValidationRule

TOL = 1e-6
MAX_LISTED = 500


@dataclass(frozen=True)
class Rule:
    code: str
    name_zh: str
    rule: str
    severity: str
    target: str
    other: str | None = None
    low: float | None = None
    high: float | None = None
    threshold: float | None = None
    name_en: str | None = None


# a breach's message: a key and its parameters, told in Chinese or in English. A parameter ``x``
# with an ``x_en`` beside it (an indicator's name, a unit, a month) takes that in English; names
# of places are proper names, the same in both.
MESSAGES: dict[str, tuple[str, str]] = {
    "part_le_whole": (
        "{county} {year}年{part} {pv}{part_unit}，大于{whole} {wv}{whole_unit}（部分不能大于整体）",
        "{county} {year}: {part} {pv} {part_unit} is more than {whole} {wv} {whole_unit} (a part cannot exceed "
        "its whole)",
    ),
    "rate_ratio": (
        "{county} {year}年{ind}为 {rate}{unit}，超出 {lo}–{hi}{unit}",
        "{county} {year}: {ind} is {rate}{unit}, outside {lo}–{hi}{unit}",
    ),
    "rate_value": (
        "{county} {when}{ind}为 {val}{unit}，超出 {lo}–{hi}",
        "{county} {when}: {ind} is {val} {unit}, outside {lo}–{hi}",
    ),
    "yoy_jump": (
        "{county} {year}年{ind}（{span}）{cur}{unit}，比上年同期 {prev} {updown} {pct}%（超过 {limit}%），请核实",
        "{county} {year}: {ind} ({span}) {cur} {unit}, {updown} {pct}% on the same months of the year before "
        "({prev}; more than {limit}%); please verify",
    ),
    "outlier": (
        "{county} {year}年{month}月{ind} {x}{unit}，与该县(区)当年各月（中位数 {med}）相差悬殊，"
        "修正 Z 分数 {z}（阈值 {limit}），请核实",
        "{county} {month} {year}: {ind} {x} {unit}, far from the county's other months (median {med}; "
        "modified z-score {z}, threshold {limit}); please verify",
    ),
    "township_sum": (
        "{county} {when}{ind}：县(区)合计 {c}，各乡镇(街道)之和 {t}，两者不等",
        "{county} {when}: {ind} is {c} for the county, but its townships add up to {t}",
    ),
    "parts_sum": (
        "{county} {when}{total} {tv}，而{parts}之和为 {s}",
        "{county} {when}: {total} is {tv}, but {parts} add up to {s}",
    ),
    "negative": ("{area} {when}{ind}为 {val}，不能为负数", "{area} {when}: {ind} is {val}; it cannot be negative"),
    "negative_row": ("{ind}为 {val}，不能为负数", "{ind} is {val}; it cannot be negative"),
}


def message(key: str, params: dict, lang: str) -> str:
    zh, en = MESSAGES[key]
    if lang != "en":
        return zh.format(**params)
    return en.format(**{k: params.get(f"{k}_en", v) for k, v in params.items()})


@dataclass(frozen=True)
class Violation:
    """One breach of a rule, where and what: ``message`` in Chinese; :meth:`text` in either
    language from ``key`` and ``params`` (a breach built without a key is Chinese only)."""

    rule: str
    rule_zh: str
    kind: str
    severity: str  # error | warning
    county_code: str | None
    county: str
    year: int | None
    month: int | None
    message: str
    indicator: str | None = None
    rows: tuple[tuple[str, int], ...] = field(default=())
    key: str = ""
    params: tuple[tuple[str, object], ...] = field(default=())
    rule_en: str | None = None

    def text(self, lang: str) -> str:
        return message(self.key, dict(self.params), lang) if lang == "en" and self.key else self.message

    def name(self, lang: str) -> str:
        return self.rule_en if lang == "en" and self.rule_en else self.rule_zh

    def row(self, lang: str = "zh") -> dict:
        """A row of the 数据质量 page's table; the column keys stay Chinese (the page names them)."""
        return {
            "级别": "错误" if self.severity == "error" else "警告",
            "规则": self.name(lang),
            "规则类型": RULE_KINDS.get(self.kind, self.kind) if lang != "en" else self.kind.replace("_", " "),
            "县(区)": self.county,
            "年度": self.year,
            "月份": self.month if self.month else "",
            "说明": self.text(lang),
        }


VIOLATION_COLUMNS = ["级别", "规则", "规则类型", "县(区)", "年度", "月份", "说明"]


def violations_frame(vs: list[Violation], lang: str = "zh") -> pd.DataFrame:
    return pd.DataFrame([v.row(lang) for v in vs], columns=VIOLATION_COLUMNS)


def breach(rule: Rule, county, county_name, year, month, key: str, params: dict, code=None, rows=()) -> Violation:
    """A breach of ``rule`` told by the message ``key`` with ``params``."""
    return Violation(
        rule.code,
        rule.name_zh,
        rule.rule,
        rule.severity,
        county,
        county_name,
        int(year) if year is not None else None,
        int(month) if month else None,
        message(key, params, "zh"),
        code,
        tuple(rows),
        key,
        tuple(params.items()),
        rule.name_en,
    )


def active_rules(conn: Connection) -> list[Rule]:
    t = ValidationRule
    stmt = select(t.code, t.name_zh, t.rule, t.severity, t.target, t.other, t.low, t.high, t.threshold, t.name_en)
    # by column name: the columns are the Rule's fields
    return [Rule(**dict(r._mapping)) for r in conn.execute(stmt.where(t.active == 1).order_by(t.code))]


@dataclass(frozen=True)
class Ind:
    code: str
    name: str
    unit: str
    aggregation: str
    source: str
    numerator: str | None
    denominator: str | None
    scale: float
    decimals: int
    name_en: str = ""
    unit_en: str = ""

    def said(self, key: str = "ind") -> dict:
        """The indicator's name and unit as message parameters, in both languages."""
        unit_en = "CNY 10,000" if self.unit == "万元" else self.unit_en
        return {key: self.name, f"{key}_en": self.name_en or self.name, "unit": self.unit, "unit_en": unit_en}


def _indicators(conn: Connection) -> dict[str, Ind]:
    t = Indicator
    cols = (t.code, t.name_zh, t.unit_zh, t.aggregation, t.source, t.numerator, t.denominator, t.scale, t.decimals)
    return {r[0]: Ind(*r) for r in conn.execute(select(*cols, t.name_en, t.unit_en))}


def _names(conn: Connection, codes) -> dict[str, str]:
    codes = sorted({c for c in codes if c})
    out: dict[str, str] = {}
    for i in range(0, len(codes), 500):
        out |= dict(conn.execute(select(Area.code, Area.name).where(Area.code.in_(codes[i : i + 500]))).all())
    return out


def _fmt(v: float, decimals: int = 0) -> str:
    return f"{v:,.{decimals}f}" if decimals else f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _when(year: int, month: int | None) -> str:
    return f"{year}年{month}月" if month else f"{year}年"


MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _when_said(year: int, month: int | None) -> dict:
    """``when`` as a message parameter: 2025年12月 / December 2025."""
    return {"when": _when(year, month), "when_en": f"{MONTHS_EN[int(month) - 1]} {year}" if month else str(year)}


def _value_codes(rule: Rule, inds: dict[str, Ind]) -> list[str]:
    """The reported indicators a values rule applies to (``*``: every summable one)."""
    if rule.target == "*":
        return sorted(c for c, i in inds.items() if i.source == "values" and i.aggregation == "sum")
    return [rule.target] if rule.target in inds else []


def _involved(rule: Rule, inds: dict[str, Ind]) -> set[str]:
    if rule.rule == "part_le_whole":
        return {rule.target, rule.other or ""}
    if rule.rule == "rate_range":
        i = inds.get(rule.target)
        if i and i.source == "ratio":
            return {i.numerator or "", i.denominator or ""}
        return {rule.target}
    if rule.rule == "breakdown_sum" and rule.other and not rule.other.startswith("@"):
        return {rule.target, *(p.strip() for p in rule.other.split(","))}
    return set(_value_codes(rule, inds))
