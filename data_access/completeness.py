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

This module depends only on the models and the report periods, so the query modules may use
it; the figures told on it (``like_for_like``, ``kpis_complete``, ``county_values``,
``county_table_complete``, ``doubts``, ``data_status``, ``kpis_approved``, ``city_totals``) need
the indicator engine and live above the queries in ``data_access.complete_figures``.

API (all Streamlit-free; ``ui.data`` wraps the query functions as cached datasets; the
functions marked * are in ``complete_figures``)::

    cov = completeness(conn, f, "rehab_funds")      # an indicator code …
    cov = completeness(conn, f, "legal_aid")        # … or a kind (KINDS)
    cov.expected, cov.present, cov.missing, cov.partial   # tuples of county codes
    cov.names[code]                                 # county names
    cov.complete                                    # present and not partial
    cov.is_complete                                 # nothing missing, nothing partial
    cov.label("zh")  -> "7/8 县(区)"  ("" when complete)   cov.missing_names("zh") -> "安平县"
    cov.status(code) -> "present" | "partial" | "missing" | "not_expected"
    cov.through                                     # last month due so far (12: the year is over)

  * ch = like_for_like(conn, f, "emp_new")          # one figure's change, like for like (counties);
                                                    # kpis_complete also compares a year under way
                                                    # with the same months of last year
    ch.value, ch.previous        # the figures as shown (current over present counties; previous all)
    ch.change, ch.change_pct     # over the counties COMPLETE in both years (None if not computable)
    ch.value_cmp, ch.previous_cmp  # the two totals that change is made of
    ch.areas, ch.left_out        # counties compared / left out (codes), ch.names for names
    ch.left_out_names("zh")

  * doubts(conn, f)      # figures a validation rule doubts: indicator, county, month, confirmed
  * kpis_complete(conn, f, codes)  # queries.kpis + coverage marks, like-for-like change, doubt:
        # value (NaN when nothing reported), change/change_pct (like for like), coverage ('7/8 县(区)'),
        # missing/partial/left_out (names), n_compared, through, doubt ('青林县12月'); _en twins
  * kpis_approved(conn, f, codes)  # the same counting approved report periods only (additive figures)
  * data_status(conn, f) -> DataStatus   # the year: counties present/complete, 数据截至 …, approved
  * county_table_complete(conn, f, codes)  # queries.county_table + status, doubt; 0 vs missing
    blank_missing(conn, f, df, {"value": code})  # a per-county frame: missing counties' figures NaN
  * county_values(conn, f, "rehab_funds")  # one row per expected county: county_code, county,
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
from sqlalchemy import Connection, select

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
    OrgUnit,
    Staffing,
    Submission,
    VolunteerRecord,
)
from .quality.periods import ReportDef, period_end, periods_of, reports

__all__ = [
    "EVENT_TABLES",
    "FINE",
    "KINDS",
    "Change",
    "Coverage",
    "DataStatus",
    "blank_missing",
    "completeness",
    "completeness_frame",
    "completeness_many",
    "counties_of",
    "covers",
    "definitions",
    "kinds_of",
    "rows_by_month",
    "rows_in_hand",
]

# example arguments of the scoped functions here for tests/test_auth.py (the county scope check):
# an indicator code and a kind (the demo has both)
EXAMPLES: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
    "completeness": (("legal_aid",), {}),
    "completeness_many": ((("emp_new", "legal_aid", "org_units"),), {}),
    "completeness_frame": ((["emp_new", "rehab_funds"],), {}),
}

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
FINE = ("month", "quarter")


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


def definitions(conn: Connection) -> dict[str, dict]:
    return {r["code"]: dict(r) for r in conn.execute(select(*Indicator.__table__.columns)).mappings()}


def kinds_of(conn: Connection, code: str, _defs: dict | None = None) -> list[tuple[str, int]]:
    """What a figure is made of: (kind, year offset) pairs. A kind is a KINDS name or
    ``indicator_values:<code>:<period>``; offset -1 for a growth's base of last year."""
    if code in KINDS:
        return [(code, 0)]
    defs = _defs if _defs is not None else definitions(conn)
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


def covers(rep: ReportDef, kind: str) -> bool:
    if kind.startswith("indicator_values:"):
        _, code, period = kind.split(":")
        return rep.covers_record("indicator_values", code, period)
    return rep.covers_record(kind)


# ------------------------------------------------------------------ what is in hand


def counties_of(conn: Connection, f: Filters) -> dict[str, str]:
    stmt = select(Area.code, Area.name).where(Area.level == "county").order_by(Area.code)
    counties = f.counties_in_scope()
    if counties is not None:
        stmt = stmt.where(Area.code.in_(counties or ("",)))
    return dict(conn.execute(stmt).all())


def rows_in_hand(conn: Connection, rep: ReportDef, year: int, counties: tuple[str, ...]) -> set[tuple[str, int]]:
    """(county, period) pairs of report ``rep`` in ``year`` for which the county has figures of
    anything the report covers (a load, submitted or not). For the 数据质量 grid."""
    return _Memo(conn, counties, definitions(conn)).rows_in_hand(rep, year)


class _Memo:
    """What one question reads, read once: rows by (kind, year), reports, in-hand periods."""

    def __init__(self, conn: Connection, codes: tuple[str, ...], defs: dict) -> None:
        self.conn, self.codes, self.defs = conn, codes, defs
        self.reports = reports(conn)
        self._rows: dict[tuple, set[tuple[str, int]]] = {}
        self._hand: dict[tuple[str, int], set[tuple[str, int]]] = {}
        self._subs: dict[tuple[str, int], set[str]] = {}
        self._pairs: dict[tuple[str, int], set[tuple[str, int]]] = {}

    def submitters(self, rep: ReportDef, year: int) -> set[str]:
        """Counties that submitted any period of ``rep`` in ``year`` (they use the workflow)."""
        self.in_hand(rep, year)
        return self._subs[(rep.code, year)]

    def rows(self, kind: str, year: int) -> set[tuple[str, int]]:
        """(county, month) pairs with rows of ``kind`` in ``year`` (month 0: a yearly row)."""
        key = (kind, year)
        if key not in self._rows:
            self._rows[key] = rows_by_month(self.conn, [kind], year, self.codes)
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
            self._pairs[key] = subs
            self._hand[key] = subs | self.rows_in_hand(rep, year)
        return self._hand[key]

    def kind_in_hand(self, rep: ReportDef, kind: str, year: int) -> set[tuple[str, int]]:
        """(county, period) pairs of ``rep`` delivered for ``kind``: submitted (a submitted period
        without rows of the kind is a true zero); or loaded — rows of this kind in the period, or
        rows of anything the report covers in the period from a county whose figures of this kind
        are loaded for the year (a month without a lecture is none). A county with no row of the
        kind all year has not reported it: a city that loaded only its employment figures has not
        reported its legal-aid cases as none."""
        hand = self.in_hand(rep, year)
        key = ("kind", rep.code, kind, year)
        if key not in self._rows:
            out = set(self._pairs[(rep.code, year)])
            loads_it = set()
            for county, month in self.rows(kind, year):
                loads_it.add(county)
                no = rep.record_period(year, month)
                if no is not None:
                    out.add((county, no))
            out |= {(c, no) for c, no in hand if c in loads_it}
            self._rows[key] = out
        return self._rows[key]

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
            for county, month in rows_by_month(self.conn, kinds, year, self.codes):
                no = rep.record_period(year, month)
                if no is not None:
                    out.add((county, no))
            self._rows[key] = out
        return self._rows[key]


def rows_by_month(conn: Connection, kinds: list[str], year: int, counties: tuple[str, ...]) -> set[tuple[str, int]]:
    """(county, month) pairs with rows of any of ``kinds`` in ``year`` (month 0: a yearly row)."""
    out: set[tuple[str | None, int]] = set()  # city-level rows (no county) are dropped at the end
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
            ev = EVENT_TABLES[kind].__table__.c
            by_month = (
                select(ev.county_code, ev.month)
                .where(ev.year == year, ev.county_code.in_(where_c))
                .group_by(ev.county_code, ev.month)
            )
            out |= {(c, int(m)) for c, m in conn.execute(by_month)}
        elif kind == "staffing":
            staffed = select(Staffing.county_code).where(Staffing.year == year, Staffing.county_code.in_(where_c))
            out |= {(c, 0) for (c,) in conn.execute(staffed.distinct())}
        elif kind == "org_units":
            built = select(OrgUnit.county_code).where(
                OrgUnit.established_on <= dt.date(year, 12, 31), OrgUnit.county_code.in_(where_c)
            )
            out |= {(c, 0) for (c,) in conn.execute(built.distinct())}
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
    defs = definitions(conn)
    names = counties_of(conn, f)
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
        if r.level == "county" and covers(r, kind) and not (r.first_year and year < r.first_year)
    ]
    use = [r for r in reps if r.period in FINE] or reps
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
        in_hand = memo.kind_in_hand(rep, kind, year)
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
