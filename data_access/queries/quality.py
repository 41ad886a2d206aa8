"""数据质量 datasets: per report and period, which counties were expected, which submitted
(on time or late), which are missing; the submissions and the city's decisions; the rule
violations of a year. Scoped like every query (``Filters.counties_in_scope``).

``as_of`` is the day the question is asked (default: today): a period is expected once it
has ended, and missing once its deadline has passed with no submission.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, select

from ..completeness import rows_in_hand
from ..filters import Filters
from ..loading.definitions import KINDS
from ..models import Area, Indicator, Submission
from ..quality.periods import deadline, period_end, period_label, periods_of, reports, short_label
from ..quality.rules import VIOLATION_COLUMNS, check_year, violations_frame

__all__ = [
    "quality_approval_counts",
    "quality_missing",
    "quality_reports",
    "quality_status",
    "quality_submissions",
    "quality_summary",
    "quality_violations",
]

STATUS_COLUMNS = [
    "report",
    "report_zh",
    "period",
    "period_no",
    "period_label",
    "column",
    "county_code",
    "county",
    "deadline",
    "submitted_at",
    "status",  # on_time, late, missing, pending, loaded: named (with its mark) by words (quality_mark_*)
    "approval",
    "days_late",
]


def _today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def _areas(conn: Connection, f: Filters, level: str) -> list[tuple[str, str]]:
    stmt = select(Area.code, Area.name).where(Area.level == level).order_by(Area.code)
    counties = f.counties_in_scope()
    if counties is not None:
        stmt = stmt.where(Area.county_code.in_(counties or ("",)))
    return [(code, name) for code, name in conn.execute(stmt)]


def quality_reports(conn: Connection) -> pd.DataFrame:
    """The declared reports: code, name, period, deadline rule, level, what they cover."""
    names = conn.execute(select(Indicator.code, Indicator.name_zh, Indicator.name_en)).all()
    zh = {"indicator_values:month": "按月报送的指标", "indicator_values:year": "按年报送的指标"}
    zh |= {k: v.zh for k, v in KINDS.items()} | {c: n for c, n, _ in names}
    en = {"indicator_values:month": "monthly indicators", "indicator_values:year": "yearly indicators"}
    en |= {k: v.en for k, v in KINDS.items()} | {c: n for c, _, n in names}
    rows = [
        (
            r.code, r.name_zh, r.period, r.deadline_days, r.level,
            "、".join(zh.get(c, c) for c in r.covers), ", ".join(en.get(c, c) for c in r.covers),
        )
        for r in reports(conn)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["code", "name", "period", "deadline_days", "level", "covers", "covers_en"])


def quality_status(
    conn: Connection, f: Filters, report: str | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per report, period of ``f.year`` that has ended, and expected county."""
    today = _today(as_of)
    year = f.year
    s = Submission
    subs = {
        (code, area, no): (first, status)
        for code, area, no, first, status in conn.execute(
            select(s.report_code, s.area_code, s.period_no, s.first_submitted_at, s.status).where(s.year == year)
        )
    }
    rows = []
    for rep in reports(conn):
        if report and rep.code != report:
            continue
        if rep.first_year and year < rep.first_year:
            continue
        areas = _areas(conn, f, rep.level)
        # a county that submits none of this report's periods this year, whose figures the city
        # loads: a period with its figures is delivered (loaded), not "未报" (issue 27)
        submitting = {a for (c, a, _n) in subs if c == rep.code}
        loaded = rows_in_hand(conn, rep, year, tuple(c for c, _ in areas)) if rep.level == "county" else set()
        for no in periods_of(rep.period, year):
            if period_end(rep.period, year, no) >= today:
                continue  # not over yet: nothing is expected
            due = deadline(rep, year, no)
            for code, name in areas:
                sub = subs.get((rep.code, code, no))
                if sub is not None and sub[0].date() > today:
                    sub = None  # asked as of a day before it came
                if sub is not None:
                    late = (sub[0].date() - due).days
                    status = "on_time" if late <= 0 else "late"
                    at, approval = sub[0], sub[1]
                elif code not in submitting and (code, no) in loaded:
                    late, status, at, approval = 0, "loaded", None, None
                else:
                    late = (today - due).days
                    status = "missing" if late > 0 else "pending"
                    at, approval = None, None
                rows.append(
                    (
                        rep.code,
                        rep.name_zh,
                        rep.period,
                        no,
                        period_label(rep.period, year, no),
                        short_label(rep.period, no),
                        code,
                        name,
                        due,
                        at,
                        status,
                        approval,
                        max(late, 0) if status in ("late", "missing") else 0,
                    )
                )
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def quality_summary(
    conn: Connection, f: Filters, report: str | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Per report and period: expected, submitted (on time, late, or loaded by the city without a
    submission), on time, late, missing, not yet due, approved."""
    st = quality_status(conn, f, report, as_of)
    cols = [
        "report",
        "report_zh",
        "period_no",
        "period_label",
        "expected",
        "submitted",
        "on_time",
        "late",
        "missing",
        "pending",
        "approved",
        "on_time_pct",
    ]
    if st.empty:
        return pd.DataFrame(columns=cols)
    g = st.groupby(["report", "report_zh", "period_no", "period_label"], sort=False)
    out = g.agg(
        expected=("status", "size"),
        on_time=("status", lambda x: int((x == "on_time").sum())),
        late=("status", lambda x: int((x == "late").sum())),
        missing=("status", lambda x: int((x == "missing").sum())),
        pending=("status", lambda x: int((x == "pending").sum())),
        approved=("approval", lambda x: int((x == "approved").sum())),
        loaded=("status", lambda x: int((x == "loaded").sum())),
    ).reset_index()
    out["submitted"] = out["on_time"] + out["late"] + out["loaded"]  # loaded by the city: delivered
    out["on_time_pct"] = (out["on_time"] / out["expected"] * 100).round(1)
    return out[cols]


def quality_missing(
    conn: Connection, f: Filters, report: str | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """What is missing (deadline passed, nothing submitted), most overdue first."""
    st = quality_status(conn, f, report, as_of)
    miss = st[st["status"] == "missing"].sort_values(["days_late", "county_code"], ascending=[False, True])
    cols = ["report_zh", "period_label", "county_code", "county", "deadline", "days_late", "report", "period_no"]
    return miss[cols].reset_index(drop=True)


def quality_submissions(conn: Connection, f: Filters) -> pd.DataFrame:
    """The year's submissions and the city's decisions on them."""
    s = Submission
    stmt = select(
        s.report_code,
        s.area_code,
        s.county_code,
        s.period_no,
        s.status,
        s.first_submitted_at,
        s.submitted_at,
        s.submitted_by,
        s.batch_id,
        s.warnings,
        s.note,
        s.decided_by,
        s.decided_at,
        s.reason,
    ).where(s.year == f.year)
    counties = f.counties_in_scope()
    if counties is not None:
        stmt = stmt.where(s.county_code.in_(counties or ("",)))
    stmt = stmt.order_by(s.report_code, s.period_no, s.area_code)
    cols = [
        "report",
        "area_code",
        "county_code",
        "period_no",
        "status",
        "first_submitted_at",
        "submitted_at",
        "submitted_by",
        "batch_id",
        "warnings",
        "note",
        "decided_by",
        "decided_at",
        "reason",
    ]
    df = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=cols)
    reps = {r.code: r for r in reports(conn)}
    names = dict(conn.execute(select(Area.code, Area.name).where(Area.level == "county")).all())
    df.insert(1, "report_zh", df["report"].map(lambda c: reps[c].name_zh if c in reps else c))
    df.insert(3, "county", df["area_code"].map(lambda c: names.get(c, c)))
    df["period_label"] = [
        period_label(reps[r].period, f.year, int(n)) if r in reps else str(n)
        for r, n in zip(df["report"], df["period_no"], strict=True)
    ]
    # the reports in their declared order (月报, 快报, 年报), then by period and county
    rank = {c: i for i, c in enumerate(reps)}
    df["_rank"] = df["report"].map(lambda c: rank.get(c, len(rank)))
    return df.sort_values(["_rank", "period_no", "area_code"]).drop(columns="_rank").reset_index(drop=True)


def quality_violations(conn: Connection, f: Filters, as_of: dt.date | None = None, lang: str = "zh") -> pd.DataFrame:
    """Every breach of the active validation rules in ``f.year``, errors first; rule names and
    messages in ``lang`` (column keys Chinese, as the page and the export name them)."""
    vs = check_year(conn, f.year, f.counties_in_scope(), today=as_of)
    df = violations_frame(vs, lang)
    return df if len(df) else pd.DataFrame(columns=VIOLATION_COLUMNS)


DOUBT_COLUMNS = ["severity", "rule", "county_code", "county", "indicator", "year", "month", "message"]


def quality_doubts(conn: Connection, f: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
    """The breaches of :func:`quality_violations` with their codes (county, indicator): the
    figures a rule doubts, which a text marks 待核实 and never praises."""
    from ..quality.rules import check_year

    vs = check_year(conn, f.year, f.counties_in_scope(), today=as_of)
    rows = [(v.severity, v.rule, v.county_code, v.county, v.indicator, v.year, v.month, v.message) for v in vs]
    return pd.DataFrame(rows, columns=DOUBT_COLUMNS)


def quality_approval_counts(conn: Connection, f: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
    """The year in one row: periods due, submitted on time / late, missing, approved."""
    st = quality_status(conn, f, None, as_of)
    due = st[st["status"] != "pending"]
    row = {
        "year": f.year,
        "due": len(due),
        "on_time": int((due["status"] == "on_time").sum()),
        "late": int((due["status"] == "late").sum()),
        "missing": int((due["status"] == "missing").sum()),
        "submitted": int(due["status"].isin(["on_time", "late", "loaded"]).sum()),
        "loaded": int((due["status"] == "loaded").sum()),
        "approved": int((st["approval"] == "approved").sum()),
        "unapproved": int(st["approval"].isin(["submitted", "unlocked", "returned"]).sum()),
    }
    return pd.DataFrame([row])
