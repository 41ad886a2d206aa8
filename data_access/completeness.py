"""Completeness: for a scope, a year and a kind of figure, which counties are expected,
which are present, which are missing — the one notion every figure, sentence, slide and
score uses (the shared design §3a, issue 27).

Known, missing and zero are three different things:

* **expected** — the counties (in the filters' scope) that owe the figure for the year: those
  a declared report covering the kind expects (``reports`` table, county level, periods of the
  year that have *ended* by ``as_of``); where no report covers the kind, the counties that had
  rows of it in the comparison year (``year - 1``) or have rows this year.
* **present** — an expected county that delivered at least one expected period: it submitted
  the report for that period (``submissions``), or it has rows of any kind that report covers
  in that period (a load by the city's own staff counts: figures in hand are figures
  delivered). A present county that has no rows of the kind has **zero** — a true zero.
* **missing** — an expected county with no expected period delivered. Its figure is unknown:
  never shown, summed, ranked or scored as 0, never replaced by another year's value.
* **org_units** (organisations, a stock with dates): a county is present when any of its
  organisations is loaded as established by the year's end, missing when none is.
* **partial** — present, but some expected periods (months) are not delivered; its figure
  covers the delivered periods only (``Coverage.gaps`` says which). Only a county that uses
  the reporting workflow (it submitted some period of the report that year) can be partial
  for a finished year: for one whose figures the city loads without submissions, a month
  without rows is a zero; in a year under way such a county has delivered up to its last
  month with figures.

For a monthly kind, a month is delivered when the finest covering report (月报, else a
quarterly one, else 快报/年报) has its period in hand. City-level records (no county) are
the city federation's own and are never "missing".

API (all Streamlit-free; ``ui.data`` wraps the query functions as cached datasets)::

    cov = completeness(conn, f, "rehab_funds")      # an indicator code …
    cov = completeness(conn, f, "legal_aid")        # … or a kind (KINDS)
    cov.expected, cov.present, cov.missing, cov.partial   # tuples of county codes
    cov.names[code]                                 # county names
    cov.complete                                    # present and not partial
    cov.is_complete                                 # nothing missing, nothing partial
    cov.label("zh")  -> "7/8 县(区)"  ("" when complete)   cov.missing_names("zh") -> "安平县"
    cov.status(code) -> "present" | "partial" | "missing" | "not_expected"
    cov.through                                     # last month due so far (12: the year is over)

    ch = like_for_like(conn, f, "emp_new")          # one figure's change, like for like (counties);
                                                    # kpis_complete also compares a year under way
                                                    # with the same months of last year
    ch.value, ch.previous        # the figures as shown (current over present counties; previous all)
    ch.change, ch.change_pct     # over the counties COMPLETE in both years (None if not computable)
    ch.value_cmp, ch.previous_cmp  # the two totals that change is made of
    ch.areas, ch.left_out        # counties compared / left out (codes), ch.names for names
    ch.left_out_names("zh")

    doubts(conn, f)      # figures a validation rule doubts: indicator, county, month, confirmed
    kpis_complete(conn, f, codes)  # queries.kpis + coverage marks, like-for-like change, doubt:
        # value (NaN when nothing reported), change/change_pct (like for like), coverage ('7/8 县(区)'),
        # missing/partial/left_out (names), n_compared, through, doubt ('青林县12月'); _en twins
    kpis_approved(conn, f, codes)  # the same counting approved report periods only (additive figures)
    data_status(conn, f) -> DataStatus   # the year: counties present/complete, 数据截至 …, approved
    county_table_complete(conn, f, codes)  # queries.county_table + status, doubt; 0 vs missing
    blank_missing(conn, f, df, {"value": code})  # a per-county frame: missing counties' figures NaN
    county_values(conn, f, "rehab_funds")  # one row per expected county: county_code, county,
                                           # value (0.0 for a present county without rows, NaN
                                           # for a missing one), status
    completeness_frame(conn, f, codes)     # per code: expected, present, missing (names), label

The texts' data: ``reporting.data.ReportData`` holds ``kpis`` from :func:`kpis_complete`,
``by_area`` without counties not reported (reported zeros kept, a ``doubt`` column),
``areas_of`` (a doubted figure never first), ``coverage_label(code)``, ``missing_names(code)``
and ``status`` (:class:`DataStatus`: ``as_of_text()`` → '数据截至2025年12月（2026年1月31日更新）',
counties present/complete/missing, periods due/submitted/approved). Plan statuses ``no_data``
(○ 无法评估（未报送）) and ``partial_data`` (◐ 无法评估（数据不全）) come from
``queries.plan_progress``; counties not ranked from ``queries.assessment_unranked``.

Kinds (``KINDS``): the event tables ``legal_aid``, ``infringement``, ``access``, ``activities``,
``volunteers``, ``donations``; ``staffing``; ``org_units`` (org coverage). An indicator code
maps to the kinds its figure is made of (a ratio: both parts; a growth: its base in this and
the previous year; a coverage: ``org_units``); a county is present for an indicator when it is
present for every kind the indicator needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import Connection, func, select

from .filters import Filters
from .models import (
    AccessibilityProject,
    Activity,
    Area,
    Donation,
    Indicator,
    IndicatorValue,
    InfringementCase,
    LegalAidCase,
    LoadBatch,
    OrgUnit,
    Staffing,
    Submission,
    VolunteerRecord,
)
from .quality.periods import ReportDef, period_end, periods_of, reports

__all__ = [
    "KINDS",
    "Change",
    "Coverage",
    "DataStatus",
    "blank_missing",
    "completeness",
    "completeness_frame",
    "completeness_many",
    "county_table_complete",
    "county_values",
    "data_status",
    "doubt_text",
    "doubted_codes",
    "doubts",
    "kinds_of",
    "kpis_approved",
    "kpis_complete",
    "like_for_like",
]

EVENT_TABLES = {
    "legal_aid": LegalAidCase,
    "infringement": InfringementCase,
    "access": AccessibilityProject,
    "activities": Activity,
    "volunteers": VolunteerRecord,
    "donations": Donation,
}
KINDS: tuple[str, ...] = (*EVENT_TABLES, "staffing", "org_units")
# the event measures of the indicator engine → the table (kind) they count
_MEASURE_KIND = {
    "legal_aid": "legal_aid",
    "infringement": "infringement",
    "access_completed": "access",
    "culture_events": "activities",
    "culture_participants": "activities",
    "donations_total": "donations",
    "donations_money": "donations",
    "donations_goods": "donations",
    "volunteer_hours": "volunteers",
    "volunteers": "volunteers",
}
_FINE = ("month", "quarter")


@dataclass(frozen=True)
class Coverage:
    """Which counties a figure of ``kind`` for ``year`` covers. Codes are county codes, in order."""

    kind: str
    year: int
    expected: tuple[str, ...]
    present: tuple[str, ...]  # complete or partial
    missing: tuple[str, ...]
    partial: tuple[str, ...] = ()
    gaps: dict[str, tuple[int, ...]] = field(default_factory=dict)  # county -> months not delivered
    names: dict[str, str] = field(default_factory=dict)
    by_report: bool = True  # False: no report covers the kind; expected = had data last year or this
    through: int = 12  # the last month due so far (the year in progress: fewer than 12); 0: yearly

    @property
    def complete(self) -> tuple[str, ...]:
        """Present with every expected period delivered."""
        return tuple(c for c in self.present if c not in self.partial)

    @property
    def is_complete(self) -> bool:
        return not self.missing and not self.partial

    @property
    def has_data(self) -> bool:
        return bool(self.present)

    def status(self, county: str) -> str:
        if county in self.missing:
            return "missing"
        if county in self.partial:
            return "partial"
        if county in self.present:
            return "present"
        return "not_expected"

    def label(self, lang: str = "zh") -> str:
        """'7/8 县(区)' ('7/8 counties') when a county is missing; '' when none is."""
        if not self.missing:
            return ""
        n, of = len(self.present), len(self.expected)
        return f"{n}/{of} 县(区)" if lang == "zh" else f"{n}/{of} counties"

    def missing_names(self, lang: str = "zh") -> str:
        sep = "、" if lang == "zh" else ", "
        return sep.join(self.names.get(c, c) for c in self.missing)

    def partial_names(self, lang: str = "zh") -> str:
        sep = "、" if lang == "zh" else ", "
        return sep.join(self.names.get(c, c) for c in self.partial)


@dataclass(frozen=True)
class Change:
    """A figure, last year's, and the change between them computed like for like."""

    code: str
    year: int
    value: float | None  # this year's figure as shown (present counties); None: nothing present
    previous: float | None  # last year's figure over every county that had it
    value_cmp: float | None  # this year over ``areas``
    previous_cmp: float | None  # last year over ``areas``
    change: float | None
    change_pct: float | None  # None for rates (unit %) and when last year is 0 or unknown
    areas: tuple[str, ...]  # counties complete in both years
    left_out: tuple[str, ...]  # counties expected in either year and not in ``areas``
    names: dict[str, str] = field(default_factory=dict)

    @property
    def like_for_like(self) -> bool:
        """True when some county was left out, so the change is not value − previous."""
        return bool(self.left_out)

    def left_out_names(self, lang: str = "zh") -> str:
        sep = "、" if lang == "zh" else ", "
        return sep.join(self.names.get(c, c) for c in self.left_out)


# ------------------------------------------------------------------ kinds of a figure


def _dictionary(conn: Connection) -> dict[str, dict]:
    return {r["code"]: dict(r) for r in conn.execute(select(*Indicator.__table__.columns)).mappings()}


def kinds_of(conn: Connection, code: str, _defs: dict | None = None) -> list[tuple[str, int]]:
    """What a figure is made of: (kind, year offset) pairs. A kind is a KINDS name or
    ``indicator_values:<code>:<period>``; offset -1 for a growth's base of last year."""
    if code in KINDS:
        return [(code, 0)]
    defs = _defs if _defs is not None else _dictionary(conn)
    d = defs.get(code)
    if d is None:
        raise KeyError(f"未知指标代码：{code}")
    src = d["source"]
    if src == "values":
        return [(f"indicator_values:{code}:{d['period']}", 0)]
    if src.startswith("event:"):
        return [(_MEASURE_KIND[src.split(":", 1)[1]], 0)]
    if src.startswith("coverage:"):
        return [("org_units", 0)]
    if src == "ratio":
        return sorted(set(kinds_of(conn, d["numerator"], defs) + kinds_of(conn, d["denominator"], defs)))
    if src == "growth":
        base = kinds_of(conn, d["numerator"], defs)
        return sorted(set(base + [(k, o - 1) for k, o in base]))
    raise ValueError(f"unknown source {src!r} for {code}")


def _covers(rep: ReportDef, kind: str) -> bool:
    if kind.startswith("indicator_values:"):
        _, code, period = kind.split(":")
        return rep.covers_record("indicator_values", code, period)
    return rep.covers_record(kind)


# ------------------------------------------------------------------ what is in hand


def _counties(conn: Connection, f: Filters) -> dict[str, str]:
    stmt = select(Area.code, Area.name).where(Area.level == "county").order_by(Area.code)
    counties = f.counties_in_scope()
    if counties is not None:
        stmt = stmt.where(Area.code.in_(counties or ("",)))
    return dict(conn.execute(stmt).all())


def rows_in_hand(conn: Connection, rep: ReportDef, year: int, counties: tuple[str, ...]) -> set[tuple[str, int]]:
    """(county, period) pairs of report ``rep`` in ``year`` for which the county has figures of
    anything the report covers (a load, submitted or not). For the 数据质量 grid."""
    return _Memo(conn, counties, _dictionary(conn)).rows_in_hand(rep, year)


class _Memo:
    """What one question reads, read once: rows by (kind, year), reports, in-hand periods."""

    def __init__(self, conn: Connection, codes: tuple[str, ...], defs: dict) -> None:
        self.conn, self.codes, self.defs = conn, codes, defs
        self.reports = reports(conn)
        self._rows: dict[tuple, set[tuple[str, int]]] = {}
        self._hand: dict[tuple[str, int], set[tuple[str, int]]] = {}
        self._subs: dict[tuple[str, int], set[str]] = {}

    def submitters(self, rep: ReportDef, year: int) -> set[str]:
        """Counties that submitted any period of ``rep`` in ``year`` (they use the workflow)."""
        self.in_hand(rep, year)
        return self._subs[(rep.code, year)]

    def rows(self, kind: str, year: int) -> set[tuple[str, int]]:
        """(county, month) pairs with rows of ``kind`` in ``year`` (month 0: a yearly row)."""
        key = (kind, year)
        if key not in self._rows:
            self._rows[key] = _rows_by_month(self.conn, [kind], year, self.codes)
        return self._rows[key]

    def in_hand(self, rep: ReportDef, year: int) -> set[tuple[str, int]]:
        """(county, period) pairs of ``rep`` delivered: submitted, or rows of anything it covers."""
        key = (rep.code, year)
        if key not in self._hand:
            s = Submission
            subs = {
                (a, int(no))
                for a, no in self.conn.execute(
                    select(s.area_code, s.period_no).where(
                        s.report_code == rep.code, s.year == year, s.area_code.in_(self.codes or ("",))
                    )
                )
            }
            self._subs[key] = {a for a, _ in subs}
            self._hand[key] = subs | self.rows_in_hand(rep, year)
        return self._hand[key]

    def rows_in_hand(self, rep: ReportDef, year: int) -> set[tuple[str, int]]:
        """(county, period) pairs of ``rep`` for which the county has rows of anything it covers."""
        key = ("rows", rep.code, year)
        if key not in self._rows:
            # organisations are a stock, not a period's delivery: they are no evidence of one
            kinds = [k for k in KINDS if rep.covers_record(k) and k != "org_units"]
            kinds += [
                f"indicator_values:{c}:{d['period']}"
                for c, d in self.defs.items()
                if d["source"] == "values" and rep.covers_record("indicator_values", c, d["period"])
            ]
            out = set()
            for county, month in _rows_by_month(self.conn, kinds, year, self.codes):
                no = rep.record_period(year, month)
                if no is not None:
                    out.add((county, no))
            self._rows[key] = out
        return self._rows[key]


def _rows_by_month(conn: Connection, kinds: list[str], year: int, counties: tuple[str, ...]) -> set[tuple[str, int]]:
    """(county, month) pairs with rows of any of ``kinds`` in ``year`` (month 0: a yearly row)."""
    out: set[tuple[str, int]] = set()
    where_c = counties or ("",)
    iv = [k.split(":")[1] for k in kinds if k.startswith("indicator_values:")]
    if iv:
        t = IndicatorValue
        stmt = (
            select(t.county_code, t.month)
            .where(t.indicator_code.in_(iv), t.year == year, t.county_code.in_(where_c))
            .group_by(t.county_code, t.month)
        )
        out |= {(c, int(m)) for c, m in conn.execute(stmt)}
    for kind in kinds:
        if kind in EVENT_TABLES:
            t = EVENT_TABLES[kind]
            stmt = (
                select(t.county_code, t.month)
                .where(t.year == year, t.county_code.in_(where_c))
                .group_by(t.county_code, t.month)
            )
            out |= {(c, int(m)) for c, m in conn.execute(stmt)}
        elif kind == "staffing":
            stmt = select(Staffing.county_code).where(Staffing.year == year, Staffing.county_code.in_(where_c))
            out |= {(c, 0) for (c,) in conn.execute(stmt.distinct())}
        elif kind == "org_units":
            stmt = select(OrgUnit.county_code).where(
                OrgUnit.established_on <= dt.date(year, 12, 31), OrgUnit.county_code.in_(where_c)
            )
            out |= {(c, 0) for (c,) in conn.execute(stmt.distinct())}
        elif not kind.startswith("indicator_values:"):
            raise KeyError(kind)
    return {(c, m) for c, m in out if c is not None}


def completeness(
    conn: Connection, f: Filters, kind: str, year: int | None = None, as_of: dt.date | None = None
) -> Coverage:
    """Which counties of ``f``'s scope a figure of ``kind`` (an indicator code or a KINDS name)
    covers in ``year`` (default ``f.year``), as of ``as_of`` (default today)."""
    return completeness_many(conn, f, (kind,), year, as_of)[kind]


def completeness_many(
    conn: Connection,
    f: Filters,
    kinds: tuple[str, ...] | list[str],
    year: int | None = None,
    as_of: dt.date | None = None,
) -> dict[str, Coverage]:
    """:func:`completeness` of several kinds or codes at once (each table read once)."""
    year = f.year if year is None else year
    today = as_of or dt.date.today()
    defs = _dictionary(conn)
    names = _counties(conn, f)
    memo = _Memo(conn, tuple(names), defs)
    out = {}
    for kind in kinds:
        covs = [_one(memo, k, year + off, today, names) for k, off in kinds_of(conn, kind, defs)]
        out[kind] = _combine(kind, year, covs, names)
    return out


def _combine(kind: str, year: int, covs: list[Coverage], names: dict[str, str]) -> Coverage:
    if len(covs) == 1:
        return replace(covs[0], kind=kind, year=year)
    if not any(cv.expected for cv in covs if cv.year == year):  # nothing of it due this year
        return Coverage(kind, year, (), (), (), (), {}, names)
    codes = tuple(names)
    expected = tuple(c for c in codes if any(c in cv.expected for cv in covs))
    missing = tuple(c for c in expected if any(c in cv.missing for cv in covs))
    present = tuple(c for c in expected if c not in missing)
    gaps: dict[str, tuple[int, ...]] = {}
    for cv in covs:
        if cv.year != year:
            continue  # a growth's base last year: its gaps are last year's
        for c, ms in cv.gaps.items():
            if c in present:
                gaps[c] = tuple(sorted(set(gaps.get(c, ())) | set(ms)))
    partial = tuple(c for c in present if c in gaps)
    return Coverage(kind, year, expected, present, missing, partial, gaps, names, all(cv.by_report for cv in covs))


def _one(memo: _Memo, kind: str, year: int, today: dt.date, names: dict[str, str]) -> Coverage:
    codes = memo.codes
    reps = [
        r
        for r in memo.reports
        if r.level == "county" and _covers(r, kind) and not (r.first_year and year < r.first_year)
    ]
    use = [r for r in reps if r.period in _FINE] or reps
    if kind == "org_units":  # a stock: in hand when the county's organisations are loaded at all
        now = {c for c, _ in memo.rows(kind, year)}
        present = tuple(c for c in codes if c in now)
        missing = tuple(c for c in codes if c not in now)
        return Coverage(kind, year, codes, present, missing, (), {}, names, by_report=bool(use))
    if not use:  # no report declared: the counties that had data last year or have it this year
        now = {c for c, _ in memo.rows(kind, year)}
        before = {c for c, _ in memo.rows(kind, year - 1)}
        expected = tuple(c for c in codes if c in now | before)
        present = tuple(c for c in expected if c in now)
        missing = tuple(c for c in expected if c not in now)
        return Coverage(kind, year, expected, present, missing, (), {}, names, by_report=False)
    delivered: dict[str, set[int]] = {c: set() for c in codes}  # months (0: the year) in hand
    due_months: set[int] = set()
    for rep in use:
        in_hand = memo.in_hand(rep, year)
        submitting = memo.submitters(rep, year)
        due_here: set[int] = set()
        for no in periods_of(rep.period, year):
            if period_end(rep.period, year, no) >= today:
                continue  # not over yet: not expected
            months = _months(rep, no)
            due_here |= months
            for c in codes:
                if (c, no) in in_hand:
                    delivered[c] |= months
        due_months |= due_here
        whole_year = len(due_here) == len(periods_of(rep.period, year)) * max(1, len(_months(rep, 1)))
        for c in codes:
            # a county that submits none of this report's periods (the city loads its figures):
            # a finished year with figures is delivered (a month without rows is zero); a year
            # under way is delivered up to its last month with figures
            if c not in submitting and delivered[c] & due_here:
                last = max(delivered[c] & due_here)
                delivered[c] |= due_here if whole_year else {m for m in due_here if m <= last}
    if not due_months:
        return Coverage(kind, year, (), (), (), (), {}, names)
    present = tuple(c for c in codes if delivered[c] & due_months)
    missing = tuple(c for c in codes if c not in present)
    gaps = {c: tuple(sorted(due_months - delivered[c])) for c in present if due_months - delivered[c]}
    partial = tuple(c for c in present if c in gaps)
    through = max(due_months)
    return Coverage(kind, year, codes, present, missing, partial, gaps, names, through=through)


def _months(rep: ReportDef, no: int) -> set[int]:
    """The months (0 = the year) a report period stands for."""
    if rep.period == "month":
        return {no}
    if rep.period == "quarter":
        return {3 * no - 2, 3 * no - 1, 3 * no}
    if rep.period == "flash":
        return set(range(1, 10))
    return {0}


# ------------------------------------------------------------------ figures on it


def county_values(conn: Connection, f: Filters, code: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """The year's figure of indicator ``code`` by county, missing kept apart from zero.

    One row per county of the scope: ``county_code``, ``county``, ``value`` (the figure;
    0.0 for a present county with no rows of an additive figure; NaN when missing or not
    computable), ``status`` (present | partial | missing | not_expected)."""
    from .queries.indicators import indicator_series

    cov = completeness(conn, f, code, as_of=as_of)
    s = indicator_series(conn, f, [code], by=("county",), years=(f.year,))
    vals = dict(zip(s["county_code"], s["value"], strict=True))
    d = _dictionary(conn)[code]
    additive = d["source"] == "values" or d["source"].startswith("event:")
    rows = []
    for c, name in cov.names.items():
        status = cov.status(c)
        v = vals.get(c)
        if status == "missing":
            v = None
        elif v is None and additive and status in ("present", "partial"):
            v = 0.0
        rows.append((c, name, float("nan") if v is None else float(v), status))
    return pd.DataFrame(rows, columns=["county_code", "county", "value", "status"])


def like_for_like(conn: Connection, f: Filters, code: str, as_of: dt.date | None = None) -> Change:
    """The figure of ``code`` this year and last, and its change over the counties in
    both years — complete: a county with a month not delivered in either year is left out
    too (rates and ratios recomputed over those counties, never by adding
    percentages). With nothing left out it is the plain change of the two figures."""
    from .queries.indicators import kpis

    now = completeness(conn, f, code, as_of=as_of)
    before = completeness(conn, f, code, year=f.year - 1, as_of=as_of)
    k = kpis(conn, f, [code]).iloc[0]
    value = None if (now.expected and not now.present) or pd.isna(k["value"]) else float(k["value"])
    previous = None if pd.isna(k["previous"]) else float(k["previous"])
    is_rate = k["unit_zh"] == "%"
    growth = _dictionary(conn)[code]["source"] == "growth" if code not in KINDS else False
    both = tuple(c for c in now.complete if c in before.complete)
    left_out = tuple(c for c in dict.fromkeys((*now.expected, *before.expected)) if c not in both and c in now.names)
    names = {**before.names, **now.names}
    if not left_out:
        vc, pc = value, previous
    elif both:
        sub = kpis(conn, replace(f, counties=both), [code]).iloc[0]
        vc = None if pd.isna(sub["value"]) else float(sub["value"])
        pc = None if pd.isna(sub["previous"]) else float(sub["previous"])
    else:
        vc = pc = None
    if growth:  # a growth is itself a change: the figure shown is the like-for-like one
        value = vc
    change = None if vc is None or pc is None else vc - pc
    pct = None if change is None or is_rate or not pc else change / pc * 100
    return Change(code, f.year, value, previous, vc, pc, change, pct, both, left_out, names)


def completeness_frame(conn: Connection, f: Filters, codes: list[str] | tuple[str, ...], as_of=None) -> pd.DataFrame:
    """Per code: n_expected, n_present, missing (names), partial (names), label (zh), label_en."""
    rows = []
    covs = completeness_many(conn, f, tuple(codes), as_of=as_of)
    for code in codes:
        cv = covs[code]
        rows.append(
            (
                code,
                len(cv.expected),
                len(cv.present),
                cv.missing_names("zh"),
                cv.missing_names("en"),
                cv.partial_names("zh"),
                cv.label("zh"),
                cv.label("en"),
            )
        )
    cols = ["code", "n_expected", "n_present", "missing", "missing_en", "partial", "label", "label_en"]
    return pd.DataFrame(rows, columns=cols)


KPI_COLUMNS = [
    "n_expected",
    "n_present",
    "coverage",
    "coverage_en",
    "missing",
    "missing_en",
    "partial",
    "partial_en",
    "value_cmp",
    "previous_cmp",
    "left_out",
    "left_out_en",
    "n_compared",
    "through",
    "doubt",
    "doubt_en",
]


def kpis_complete(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``queries.kpis`` told truly on incomplete data: what tiles, key figures and slides show.

    The kpis columns, with ``value`` NaN when the figure's counties are expected and none is
    present (never 0, never last year's), ``change``/``change_pct`` computed like for like, and:
    ``n_expected``, ``n_present``; ``coverage`` ('7/8 县(区)', '' when no county is missing) and
    ``coverage_en``; ``missing``/``partial`` (county names joined with 、; ``_en`` with ', ');
    ``value_cmp``/``previous_cmp`` (the two figures the change is made of; in a year under way,
    last year's over the same months: ``through`` is the last month due, 12 when the year is
    over); ``left_out``
    (names of the counties not in the comparison) and ``n_compared``; ``doubt``/``doubt_en``
    (where an unconfirmed figure a validation rule doubts sits: '青林县12月'; '' when none). A growth's ``value`` is
    itself computed over the counties complete in both years."""
    from .queries.indicators import kpis

    k = kpis(conn, f, list(codes))
    now = completeness_many(conn, f, tuple(codes), as_of=as_of)
    before = completeness_many(conn, f, tuple(codes), year=f.year - 1, as_of=as_of)
    defs = _dictionary(conn)
    # ``doubt_frame``: :func:`doubts` of ``f`` when the caller holds it (the app's cache): the
    # validation rules are the costly part
    doubted = doubted_codes(conn, codes, doubts(conn, f, as_of) if doubt_frame is None else doubt_frame)
    narrower: dict[tuple[str, ...], pd.DataFrame] = {}
    extra = []
    for row in k.to_dict("records"):
        code = row["code"]
        cn, cb = now[code], before[code]
        names = {**cb.names, **cn.names}
        both = tuple(c for c in cn.complete if c in cb.complete)
        left = tuple(c for c in dict.fromkeys((*cn.expected, *cb.expected)) if c not in both and c in cn.names)
        value = row["value"]
        additive = defs[code]["source"] == "values" or defs[code]["source"].startswith("event:")
        if cn.expected and not cn.present:
            value = float("nan")
        elif cn.present and additive and pd.isna(value):
            value = 0.0  # the present counties reported none: a true zero
        vc, pc = value, row["previous"]
        if left:
            if both:
                if both not in narrower:
                    narrower[both] = kpis(conn, replace(f, counties=both), list(codes)).set_index("code")
                sub = narrower[both].loc[code]
                vc, pc = sub["value"], sub["previous"]
            else:
                vc = pc = float("nan")
            if defs[code]["source"] == "growth":
                value = vc
        through = cn.through if cn.expected else 12
        by_month = additive and defs[code]["source"] != "event:volunteers"  # team maxima do not add up by month
        if by_month and 0 < through < 12 and both and not pd.isna(vc):
            # a year under way against the same months of last year, not against the whole year
            from .queries.indicators import indicator_series

            m = indicator_series(conn, replace(f, counties=both), [code], by=("month",), years=(f.year - 1,))
            pc = float(m.loc[m["month"].astype(int) <= through, "value"].sum())
        sep_zh, sep_en = "、", ", "
        extra.append(
            dict(
                value=value,
                n_expected=len(cn.expected),
                n_present=len(cn.present),
                coverage=cn.label("zh"),
                coverage_en=cn.label("en"),
                missing=cn.missing_names("zh"),
                missing_en=sep_en.join(cn.names.get(c, c) for c in cn.missing),
                partial=cn.partial_names("zh"),
                partial_en=sep_en.join(cn.names.get(c, c) for c in cn.partial),
                value_cmp=vc,
                previous_cmp=pc,
                left_out=sep_zh.join(names.get(c, c) for c in left),
                left_out_en=sep_en.join(names.get(c, c) for c in left),
                n_compared=len(both),
                through=through,
                doubt=doubt_text(doubted[code], "zh") if code in doubted else "",
                doubt_en=doubt_text(doubted[code], "en") if code in doubted else "",
            )
        )
    e = pd.DataFrame(extra, columns=["value", *KPI_COLUMNS], index=k.index)
    out = k.copy()
    out["value"] = e["value"].astype(float)
    for c in KPI_COLUMNS:
        out[c] = e[c]
    vc, pc = out["value_cmp"].astype(float), out["previous_cmp"].astype(float)
    out["change"] = vc - pc
    is_rate = out["unit_zh"] == "%"
    out["change_pct"] = (out["change"] / pc.where(pc != 0) * 100).where(~is_rate)
    return out


DOUBT_COLUMNS = ["indicator", "county_code", "county", "month", "rule", "rule_zh", "severity", "message", "confirmed"]


def doubts(conn: Connection, f: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
    """The year's figures a validation rule doubts (an outlier, a part larger than its whole, a
    jump, a township sum that does not add up…), one row per indicator, county and month
    (0: the year), with ``confirmed``: True once the city approved the report period that
    holds it (the city has looked at it and kept it). An unconfirmed doubt is shown
    '待核实' and never wins a ranking (docs/decisions.md, "Doubtful figures")."""
    from .quality.rules import check_year

    vs = [v for v in check_year(conn, f.year, f.counties_in_scope(), today=as_of) if v.indicator and v.county_code]
    if not vs:
        return pd.DataFrame(columns=DOUBT_COLUMNS)
    s = Submission
    approved = {
        (r.report_code, r.area_code, int(r.period_no))
        for r in conn.execute(
            select(s.report_code, s.area_code, s.period_no).where(s.year == f.year, s.status == "approved")
        )
    }
    defs = _dictionary(conn)
    reps = [r for r in reports(conn) if r.level == "county"]
    rows = []
    for v in vs:
        d = defs.get(v.indicator, {})
        month = int(v.month or 0)
        holding = [
            (r.code, r.record_period(f.year, month))
            for r in reps
            if r.covers_record("indicator_values", v.indicator, d.get("period"))
        ]
        holding = [(c, no) for c, no in holding if no is not None]
        if month == 0 and d.get("period") == "month":  # a year's total: every monthly period holds it
            holding = [(r.code, no) for r in reps if r.period == "month" for no in range(1, 13)]
        confirmed = bool(holding) and all((c, v.county_code, no) in approved for c, no in holding)
        rows.append((v.indicator, v.county_code, v.county, month, v.rule, v.rule_zh, v.severity, v.message, confirmed))
    return pd.DataFrame(rows, columns=DOUBT_COLUMNS)


def doubted_codes(conn: Connection, codes, d: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per indicator code: the unconfirmed doubts on it or on the parts it is made of."""
    defs = _dictionary(conn)
    open_ = d[~d["confirmed"].astype(bool)]
    out = {}
    for code in codes:
        parts = {code}
        want = [code]
        while want:
            x = defs.get(want.pop(), {})
            for p in (x.get("numerator"), x.get("denominator")):
                if p and p not in parts:
                    parts.add(p)
                    want.append(p)
        hit = open_[open_["indicator"].isin(parts)]
        if len(hit):
            out[code] = hit
    return out


def doubt_text(hit: pd.DataFrame, lang: str = "zh") -> str:
    """'青林县12月、临江县全年' — where the doubted figures are."""
    seen = []
    with_month = {c for c, m in zip(hit["county"], hit["month"], strict=True) if m}
    for county, month in zip(hit["county"], hit["month"], strict=True):
        if not month and county in with_month:
            continue  # the year is doubted because of that month: the month says where
        if lang == "zh":
            w = f"{county}{int(month)}月" if month else f"{county}全年"
        else:
            w = f"{county} month {int(month)}" if month else f"{county} (year)"
        if w not in seen:
            seen.append(w)
    return ("、" if lang == "zh" else ", ").join(seen)


def county_table_complete(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``queries.county_table`` with missing kept apart from zero: a county present for a figure
    with no rows of an additive one has 0; a missing county has NaN (shown as not reported);
    every county of the scope has a row. Extra columns: ``status`` (present | partial |
    missing, over the figures: missing when it reported none of them) and ``doubt`` (the
    codes of its unconfirmed doubted figures, joined with ',')."""
    from .queries.common import CITY_LEVEL
    from .queries.indicators import county_table

    wide = county_table(conn, f, list(codes)).set_index("county")
    covs = completeness_many(conn, f, tuple(codes), as_of=as_of)
    defs = _dictionary(conn)
    names = next(iter(covs.values())).names if covs else _counties(conn, f)
    d = doubts(conn, f, as_of) if doubt_frame is None else doubt_frame
    d = d[~d["confirmed"].astype(bool)]
    rows = []
    for c, name in names.items():
        row = {"county": name}
        states = []
        for code in codes:
            cov = covs[code]
            st = cov.status(c)
            v = wide.at[name, code] if name in wide.index else float("nan")
            additive = defs[code]["source"] == "values" or defs[code]["source"].startswith("event:")
            if st == "missing":
                v = float("nan")
            elif st in ("present", "partial") and additive and pd.isna(v):
                v = 0.0
            row[code] = v
            if st != "not_expected" and not defs[code]["source"].startswith("coverage:"):
                states.append(st)  # organisations are a stock: they say nothing of the year's reports
        row["status"] = (
            "missing"
            if states and all(s == "missing" for s in states)
            else "partial"
            if "partial" in states or "missing" in states
            else "present"
        )
        row["doubt"] = ",".join(sorted(set(d.loc[d["county_code"] == c, "indicator"]) & set(codes)))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["county", *codes, "status", "doubt"])
    if CITY_LEVEL in wide.index:  # the city federation's own records, as county_table has them
        city = {"county": CITY_LEVEL, **{c: wide.at[CITY_LEVEL, c] for c in codes}, "status": "present", "doubt": ""}
        out = pd.concat([out, pd.DataFrame([city])], ignore_index=True)
    return out


@dataclass(frozen=True)
class DataStatus:
    """How complete a year is, and the date of its data — for "数据截至 …" in decks and texts
    and the year's statement on pages. Counties are those of the scope."""

    year: int
    through: int  # the last month due so far (12: the year is over; 0: nothing due yet)
    n_expected: int  # counties owing the year's 月报 figures
    n_present: int  # counties that delivered at least one period of the year
    n_complete: int  # counties that delivered every period due
    missing: tuple[str, ...]  # names of the counties with nothing for the year
    partial: tuple[str, ...]  # names of the counties with some periods not delivered
    last_month: int | None  # the latest month with any figure in the scope (None: no monthly figure)
    last_loaded: dt.date | None  # the day the latest figures came in (a load or a submission)
    periods_due: int  # report periods due (county × period)
    periods_in: int  # of them submitted
    periods_approved: int  # of them approved by the city
    no_figures: tuple[str, ...] = ()  # names of the counties with no figure of any kind for the year, due or not
    n_counties: int = 0  # counties in the scope

    @property
    def empty(self) -> bool:
        """No figure at all for the year in the scope, due or not."""
        return len(self.no_figures) == self.n_counties

    @property
    def complete(self) -> bool:
        return self.n_expected > 0 and self.n_complete == self.n_expected

    @property
    def approved_share(self) -> float | None:
        return None if not self.periods_due else self.periods_approved / self.periods_due * 100

    def as_of_text(self, lang: str = "zh") -> str:
        """'数据截至2025年12月（2026年1月20日导入）' / 'Data up to December 2025 (loaded 20 January 2026)'."""
        if self.last_month is None:
            return f"{self.year}年尚无数据" if lang == "zh" else f"No data for {self.year} yet"
        d = self.last_loaded
        if lang == "zh":
            loaded = f"（{d.year}年{d.month}月{d.day}日更新）" if d else ""
            return f"数据截至{self.year}年{self.last_month}月{loaded}"
        months = [
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
        loaded = f" (updated {d.day} {months[d.month - 1]} {d.year})" if d else ""
        return f"Data up to {months[self.last_month - 1]} {self.year}{loaded}"


def data_status(conn: Connection, f: Filters, as_of: dt.date | None = None) -> DataStatus:
    """The year of ``f`` in its scope: counties present / complete / missing over the monthly
    report's figures (or the yearly report's, when no monthly one is declared), the latest
    month with figures, the day they came in, and the report periods due, in and approved."""
    from .queries.quality import quality_status

    today = as_of or dt.date.today()
    kind = "legal_aid"  # a 月报 kind: its coverage is the monthly report's, all kinds alike
    cov = completeness(conn, f, kind, as_of=today)
    names = cov.names
    codes = tuple(names)
    month_rows = _rows_by_month(conn, [*EVENT_TABLES, *_monthly_value_kinds(conn)], f.year, codes)
    months = [m for _, m in month_rows if m]
    with_rows = {c for c, _ in month_rows} | {c for c, _ in _rows_by_month(conn, ["staffing"], f.year, codes)}
    last_month = max(months) if months else None
    t = Submission
    sub_at = conn.execute(
        select(func.max(t.submitted_at)).where(t.year == f.year, t.area_code.in_(codes or ("",)))
    ).scalar()
    lb = LoadBatch
    load_at = conn.execute(
        select(func.max(lb.loaded_at)).where(lb.status == "done", lb.kind != "demo", lb.kind != "geo")
    ).scalar()
    days = [d.date() if isinstance(d, dt.datetime) else d for d in (sub_at, load_at) if d is not None]
    last_loaded = max(days) if days and last_month is not None else None
    st = quality_status(conn, f, None, today)
    due = st[st["status"] != "pending"] if len(st) else st
    return DataStatus(
        year=f.year,
        through=cov.through if cov.expected else 0,
        n_expected=len(cov.expected),
        n_present=len(cov.present),
        n_complete=len(cov.complete),
        missing=tuple(names[c] for c in cov.missing),
        partial=tuple(names[c] for c in cov.partial),
        last_month=last_month,
        last_loaded=last_loaded,
        periods_due=len(due),
        periods_in=int(due["status"].isin(["on_time", "late", "loaded"]).sum()) if len(due) else 0,
        periods_approved=int((due["approval"] == "approved").sum()) if len(due) else 0,
        no_figures=tuple(n for c, n in names.items() if c not in with_rows),
        n_counties=len(names),
    )


def _monthly_value_kinds(conn: Connection) -> list[str]:
    """Every reported indicator (monthly and yearly rows alike: month 0 is a yearly row)."""
    return [f"indicator_values:{c}:{d['period']}" for c, d in _dictionary(conn).items() if d["source"] == "values"]


def kpis_approved(
    conn: Connection,
    f: Filters,
    codes: list[str] | tuple[str, ...],
    as_of: dt.date | None = None,
    doubt_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`kpis_complete` counting approved figures only: per county and month, a figure
    counts when the city approved the report period holding it (the finest covering report;
    a yearly figure: the 年报). Additive figures (reported sums, counts and sums of records)
    only; a ratio, a growth or a stock has NaN here (it cannot be split by approval).
    ``value``/``previous`` are the approved totals of the year and the year before;
    ``unapproved`` the share (%) of the year's total not yet approved (NaN when not additive)."""
    from .measures import EVENT_MEASURES
    from .queries.indicators import indicator_series

    k = kpis_complete(conn, f, codes, as_of, doubt_frame)
    defs = _dictionary(conn)
    additive = [
        c
        for c in codes
        if (defs[c]["source"] == "values" and defs[c]["aggregation"] != "max")
        or (defs[c]["source"].startswith("event:") and EVENT_MEASURES[defs[c]["source"][6:]].value != "team_max")
    ]
    s = Submission
    approved = {
        (r.report_code, r.area_code, int(r.year), int(r.period_no))
        for r in conn.execute(
            select(s.report_code, s.area_code, s.year, s.period_no).where(
                s.year.in_((f.year - 1, f.year)), s.status == "approved"
            )
        )
    }
    reps = [r for r in reports(conn) if r.level == "county"]
    series = (
        indicator_series(conn, f, additive, by=("county", "year", "month"), years=(f.year - 1, f.year))
        if additive
        else pd.DataFrame(columns=["code", "county_code", "year", "month", "value"])
    )
    sums: dict[tuple[str, int], float] = {}
    totals: dict[tuple[str, int], float] = {}
    for code, g in series.groupby("code"):
        kinds = kinds_of(conn, code, defs)
        holding = [r for r in reps if _covers(r, kinds[0][0])]
        holding = [r for r in holding if r.period in _FINE] or holding
        for county, year, month, value in zip(g["county_code"], g["year"], g["month"], g["value"], strict=True):
            y, m = int(year), int(month)
            totals[(code, y)] = totals.get((code, y), 0.0) + float(value)
            ok = county is not None and any(
                (r.code, county, y, r.record_period(y, m)) in approved
                for r in holding
                if r.record_period(y, m) is not None
            )
            if ok:
                sums[(code, y)] = sums.get((code, y), 0.0) + float(value)
    out = k.copy()
    nan = float("nan")
    out["value"] = [sums.get((c, f.year), 0.0) if c in additive else nan for c in out["code"]]
    out["previous"] = [sums.get((c, f.year - 1), 0.0) if c in additive else nan for c in out["code"]]
    # approved periods of a year under way against a whole approved year are not like for like:
    # no change is told in this mode
    out["value_cmp"] = out["previous_cmp"] = out["change"] = out["change_pct"] = nan
    out["unapproved"] = [
        (1 - sums.get((c, f.year), 0.0) / totals[(c, f.year)]) * 100 if totals.get((c, f.year)) else nan
        for c in out["code"]
    ]
    out["left_out"] = out["left_out_en"] = ""
    return out


def blank_missing(
    conn: Connection,
    f: Filters,
    df: pd.DataFrame,
    columns: dict[str, str],
    county_col: str = "county_code",
    previous: dict[str, str] | None = None,
) -> pd.DataFrame:
    """``df`` (one row per county) with the figures of counties that have not reported set to
    NaN — never the 0 a sum over no rows gives — and a ``status`` column (present | partial |
    missing | not_expected, over the figures of ``columns``). ``columns``: column → indicator
    code (or kind); ``previous``: column → code, for last year's figures (year − 1)."""
    if df.empty:
        return df.assign(status=pd.Series(dtype=object))
    codes = tuple(dict.fromkeys(columns.values()))
    now = completeness_many(conn, f, codes)
    out = df.copy()
    for col, code in columns.items():
        gone = out[county_col].isin(now[code].missing)
        out[col] = out[col].astype(float).where(~gone)
    if previous:
        before = completeness_many(conn, f, tuple(dict.fromkeys(previous.values())), year=f.year - 1)
        for col, code in previous.items():
            out[col] = out[col].astype(float).where(~out[county_col].isin(before[code].missing))
    states = []
    for c in out[county_col]:
        st = [now[code].status(c) for code in codes] if isinstance(c, str) else ["present"]
        st = [s for s in st if s != "not_expected"] or ["not_expected"]
        states.append(
            "missing" if all(s == "missing" for s in st) else "partial" if set(st) - {"present"} else "present"
        )
    out["status"] = states
    return out
