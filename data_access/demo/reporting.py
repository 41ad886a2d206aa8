"""The demo city's reporting history: each county's 月报, 快报 and 年报 submissions for every
demo year, and the city's decisions on them — so the 数据质量 page has something to show.

Realistic, not perfect, and deterministic: most counties submit a few days before the
deadline; in the report year one county (永和县, the sixth) is late twice, one (长宁县,
the eighth) never sent its November 月报, and the city returned one December 月报 with a
reason. Everything up to October of the report year is approved (locked); November,
December and the 年报 wait for the city. The one warning the rules find in the demo
figures (computed by the rules engine at load time, not typed here) is noted on the
submission of the month it concerns. Writes no figures: the demo's numbers stay as
they are.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select, update

from ..auth import audit
from ..models import Submission
from ..quality.defaults import DEFAULT_REPORTS
from ..quality.periods import ReportDef, deadline, period_end, periods_of
from ..quality.rules import check_year
from .part_context import PartContext
from .rows import DemoData
from .totals import REPORT_YEAR

CITY_STAFF = "市残联数据科"
LATE_COUNTY = 5  # index among the counties: 永和县 in the city
MISSING_COUNTY = 7  # 长宁县
RETURNED_COUNTY = 3  # 白河县
MISSING = ("monthly", 11)


def _reports() -> list[ReportDef]:
    return [
        ReportDef(r["code"], r["name_zh"], tuple(r["covers"].split(",")), r["period"], r["deadline_days"], r["level"])
        for r in DEFAULT_REPORTS
    ]


def history_rows(data: DemoData, rng: random.Random) -> list[dict]:
    """Submissions for every county, report and period of the demo years."""
    counties = [a for a in data.areas if a["level"] == "county"]
    rows = []
    last_open = dt.date(REPORT_YEAR, 10, 31)  # approved up to here
    for year in data.scale.years:
        for rep in _reports():
            for no in periods_of(rep.period, year):
                due = deadline(rep, year, no)
                end = period_end(rep.period, year, no)
                for i, c in enumerate(counties):
                    in_report_year = year == REPORT_YEAR
                    if in_report_year and i == MISSING_COUNTY and (rep.code, no) == MISSING:
                        continue
                    early = rng.randint(0, max(1, rep.deadline_days - 3))
                    day = due - dt.timedelta(days=early)
                    if in_report_year and i == LATE_COUNTY and (rep.code, no) in (("monthly", 5), ("flash", 0)):
                        day = due + dt.timedelta(days=8 if rep.code == "monthly" else 5)
                    day = max(day, end + dt.timedelta(days=1))
                    at = dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.randint(0, 59)))
                    row = dict(
                        report_code=rep.code,
                        area_code=c["code"],
                        county_code=c["code"],
                        year=year,
                        period_no=no,
                        first_submitted_at=at,
                        submitted_at=at,
                        submitted_by=f"{c['name']}数据员",
                        warnings=0,
                        note=None,
                        status="submitted",
                        decided_by=None,
                        decided_at=None,
                        reason=None,
                    )
                    if end <= last_open:
                        row |= dict(
                            status="approved",
                            decided_by=CITY_STAFF,
                            decided_at=at + dt.timedelta(days=rng.randint(1, 4), hours=2),
                        )
                    elif in_report_year and i == RETURNED_COUNTY and (rep.code, no) == ("monthly", 12):
                        row |= dict(
                            status="returned",
                            decided_by=CITY_STAFF,
                            decided_at=at + dt.timedelta(days=2),
                            reason="12月康复讲座和培训场次与台账不一致，请核对后重新报送",
                        )
                    rows.append(row)
    return rows


def load(ctx: PartContext) -> int:
    """The demo part (``parts.PARTS``): write the history in the demo load's transaction."""
    rows = history_rows(ctx.data, ctx.rng("reporting"))
    n = ctx.insert(Submission, rows)
    conn = ctx.conn
    # the warnings the rules find in the report year, noted on the 月报 they concern
    s = Submission
    for v in check_year(conn, REPORT_YEAR):
        if v.severity != "warning" or not v.county_code or not v.month:
            continue
        key = (s.report_code == "monthly", s.area_code == v.county_code, s.year == v.year, s.period_no == v.month)
        old = conn.execute(select(s.id, s.warnings, s.note).where(*key)).first()
        if old is not None:
            note = "\n".join(x for x in (old.note, f"警告：{v.message}（规则：{v.rule_zh}）") if x)
            conn.execute(update(s).where(s.id == old.id).values(warnings=old.warnings + 1, note=note))
    audit(conn, "system", "demo_reporting", f"示例报送记录 {n} 条（批次 {ctx.batch_id}）")
    return n
