"""Reports and their periods: which periods a year has, when each is due, how it is named,
and which report periods a record falls in.

``period_no``: the month (1–12) of a monthly report, the quarter (1–4) of a quarterly one,
0 for 快报 (January to September) and 年报. A period is due ``deadline_days`` after its
last day: 月报 10 days after the month, 快报 on 10 October, 年报 by 31 January.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from ..models import Report


@dataclass(frozen=True)
class ReportDef:
    code: str
    name_zh: str
    covers: tuple[str, ...]
    period: str  # month | quarter | flash | year
    deadline_days: int
    level: str = "county"
    first_year: int | None = None
    sort: int = 0

    def covers_record(self, kind: str, indicator: str | None = None, indicator_period: str | None = None) -> bool:
        """Does a record of this kind (and indicator) belong to this report?"""
        if kind in self.covers or (indicator and indicator in self.covers):
            return True
        return kind == "indicator_values" and f"indicator_values:{indicator_period}" in self.covers

    def record_period(self, year: int, month: int) -> int | None:
        """The period of this report a record of ``year``/``month`` (0 = whole year) falls in."""
        if self.period == "year":
            return 0
        if month == 0:
            return None  # a yearly figure is not part of a monthly, quarterly or 快报 report
        if self.period == "month":
            return month
        if self.period == "quarter":
            return (month - 1) // 3 + 1
        return 0 if month <= 9 else None  # 快报: January to September


def reports(conn: Connection) -> list[ReportDef]:
    rows = conn.execute(select(Report.__table__).order_by(Report.sort, Report.code))
    return [
        ReportDef(
            r.code,
            r.name_zh,
            tuple(x.strip() for x in r.covers.split(",") if x.strip()),
            r.period,
            int(r.deadline_days),
            r.level,
            r.first_year,
            r.sort,
        )
        for r in rows
    ]


def periods_of(period: str, year: int) -> list[int]:
    return {"month": list(range(1, 13)), "quarter": [1, 2, 3, 4]}.get(period, [0])


def period_end(period: str, year: int, no: int) -> dt.date:
    if period == "month":
        return dt.date(year, no, calendar.monthrange(year, no)[1])
    if period == "quarter":
        m = no * 3
        return dt.date(year, m, calendar.monthrange(year, m)[1])
    if period == "flash":
        return dt.date(year, 9, 30)
    return dt.date(year, 12, 31)


def deadline(r: ReportDef, year: int, no: int) -> dt.date:
    return period_end(r.period, year, no) + dt.timedelta(days=r.deadline_days)


def period_label(period: str, year: int, no: int, lang: str = "zh") -> str:
    if lang == "en":
        return {
            "month": f"{year}-{no:02d}",
            "quarter": f"{year} Q{no}",
            "flash": f"{year} Jan–Sep",
        }.get(period, str(year))
    return {
        "month": f"{year}年{no}月",
        "quarter": f"{year}年第{no}季度",
        "flash": f"{year}年1–9月",
    }.get(period, f"{year}年")


def short_label(period: str, no: int, lang: str = "zh") -> str:
    """The grid's column header: 1月 … 12月, 1季度, 1–9月, 全年 (Jan … Dec, Q1, Jan–Sep, Year)."""
    if lang == "en":
        months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        return {"month": months[no - 1] if 1 <= no <= 12 else str(no), "quarter": f"Q{no}", "flash": "Jan–Sep"}.get(
            period, "Year"
        )
    return {"month": f"{no}月", "quarter": f"{no}季度", "flash": "1–9月"}.get(period, "全年")


_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*[-/年.]\s*(?:(\d{1,2})月?|[Qq](\d)))?\s*$")


def parse_period(text: str) -> tuple[int, int | None, str | None]:
    """'2025' → (2025, None, None); '2025-03' → (2025, 3, 'month'); '2025-Q1' → (2025, 1, 'quarter')."""
    m = _PERIOD_RE.match(text or "")
    if not m:
        raise ValueError(f"“{text}”不是有效的报送期（如 2025、2025-03、2025-Q1）")
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"“{text}”的月份应为 1–12")
        return year, month, "month"
    if m.group(3):
        q = int(m.group(3))
        if not 1 <= q <= 4:
            raise ValueError(f"“{text}”的季度应为 1–4")
        return year, q, "quarter"
    return year, None, None
