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


@dataclass(frozen=True)
class Violation:
    """One breach of a rule, where and what, in Chinese."""

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

    def row(self) -> dict:
        return {
            "级别": "错误" if self.severity == "error" else "警告",
            "规则": self.rule_zh,
            "规则类型": RULE_KINDS.get(self.kind, self.kind),
            "县(区)": self.county,
            "年度": self.year,
            "月份": self.month if self.month else "",
            "说明": self.message,
        }


VIOLATION_COLUMNS = ["级别", "规则", "规则类型", "县(区)", "年度", "月份", "说明"]


def violations_frame(vs: list[Violation]) -> pd.DataFrame:
    return pd.DataFrame([v.row() for v in vs], columns=VIOLATION_COLUMNS)


def active_rules(conn: Connection) -> list[Rule]:
    t = ValidationRule
    stmt = select(t.code, t.name_zh, t.rule, t.severity, t.target, t.other, t.low, t.high, t.threshold)
    return [Rule(*r) for r in conn.execute(stmt.where(t.active == 1).order_by(t.code))]


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


def _indicators(conn: Connection) -> dict[str, Ind]:
    t = Indicator
    cols = (t.code, t.name_zh, t.unit_zh, t.aggregation, t.source, t.numerator, t.denominator, t.scale, t.decimals)
    return {r[0]: Ind(*r) for r in conn.execute(select(*cols))}


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
