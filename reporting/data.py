"""Everything the deck and the written summary show, read once for a set of filters.

The figures come from the indicator engine (``kpis``, ``indicator_series``) and a few
datasets of ``data_access.queries.report``; the slide and summary builders are pure
functions of a :class:`ReportData`, so the same numbers appear on the slides, in the
speaker notes and in the summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd
from sqlalchemy import Connection

from data_access import complete_figures, completeness, identity, queries
from data_access.completeness import Coverage, DataStatus
from data_access.filters import Filters
from words.i18n import text

from .known import Known, know, silent

# the figures of each section (its key in words.sections), in the work summary's order
SECTION_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("org", ("org_township_coverage", "org_village_coverage", "org_village_staff_coverage")),
    ("rehab", ("rehab_funds", "rehab_centres", "rehab_beds", "rehab_trainings", "rehab_beneficiaries")),
    ("employment", ("emp_new", "emp_self", "emp_training", "emp_income_growth")),
    ("education", ("edu_students", "edu_aid", "edu_enrol_rate")),
    ("culture", ("culture_events", "culture_participants")),
    ("rights", ("rights_legal_aid", "rights_access_projects", "rights_infringement")),
    ("social", ("social_donations", "social_volunteers", "social_volunteer_hours")),
)
CODES: tuple[str, ...] = tuple(c for _, codes in SECTION_FIGURES for c in codes)
# figures compared across counties (or townships of one county); amounts only, never rates
AREA_CODES = (
    "rehab_funds",
    "emp_new",
    "edu_students",
    "culture_events",
    "rights_legal_aid",
    "social_donations",
    "social_volunteers",
    "social_volunteer_hours",
)
TREND_CODES = ("emp_new", "emp_self", "culture_events", "culture_participants")
TREND_SPAN = 7  # years shown in trend charts when the filters give no range


@dataclass
class ReportData:
    f: Filters
    city: str  # 示例市
    scope_codes: tuple[str, ...] | None  # counties shown; None = whole city
    county_names: dict[str, str]
    kpis: pd.DataFrame  # complete_figures.kpis_complete (queries.kpis + coverage, like-for-like change), by code
    # code, area_code, area_name, value, doubt (selected year): counties not reported left out, a
    # county that reported none of a count has 0; doubt: an unconfirmed figure a rule doubts
    by_area: pd.DataFrame
    area_level: str  # county | township
    trend: pd.DataFrame  # code, year, value
    coverage: dict[str, dict[str, int]]  # kind -> {total, covered} at year end
    township_map: pd.DataFrame
    staffing: pd.DataFrame
    legal_types: pd.DataFrame
    today: dt.date = field(default_factory=dt.date.today)
    # the plan slide and the optional assessment slide (queries.plan_progress, assessment_*)
    plan: pd.DataFrame | None = None
    ranking: pd.DataFrame | None = None
    rules: pd.DataFrame | None = None
    # campaigns and lectures of the year (queries.outreach_timeline), for sections 二 and 五
    outreach: pd.DataFrame = field(default_factory=pd.DataFrame)
    lectures: pd.DataFrame = field(default_factory=pd.DataFrame)  # held_on, county, title, speaker, participants
    county_units: pd.DataFrame = field(default_factory=pd.DataFrame)  # county_code, org_type, established_on
    county_shapes: pd.DataFrame = field(default_factory=pd.DataFrame)  # code, name, geometry (county outlines)
    counties_total: int = 0  # counties in scope (党组 and associations are counted against it)
    emblem: str = ""  # the federation's emblem as a data: URI (data_access.identity)
    # how complete the year is and the date of its data ("数据截至 …"; data_access.complete_figures.data_status)
    status: DataStatus | None = None
    # what the sentences rest on: per indicator the counties present / missing and the like-for-like
    # change (reporting.known), and the unconfirmed figures a validation rule doubts (code, county_code,
    # month: data_access.complete_figures.doubts)
    known: dict[str, Known] = field(default_factory=dict)
    silent: tuple[str, ...] = ()  # counties in scope that have not reported the year at all
    doubts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["code", "county_code", "month"]))

    @property
    def year(self) -> int:
        return self.f.year

    @property
    def whole_city(self) -> bool:
        return self.scope_codes is None

    def scope_label(self, lang: str) -> str:
        """全市 for the whole city, else the county names (县(区) joined with 、)."""
        if self.scope_codes is None:
            return text("report_whole_city", lang)
        names = [self.county_names.get(c, c) for c in self.scope_codes]
        return "、".join(names) if lang == "zh" else ", ".join(names)

    def coverage_label(self, code: str, lang: str) -> str:
        """'7/8 县(区)' when the figure lacks a county that has not reported; '' when complete."""
        k = self.kpis
        col = "coverage_en" if lang == "en" else "coverage"
        return str(k.loc[code, col]) if col in k.columns and isinstance(k.loc[code, col], str) else ""

    def missing_names(self, code: str, lang: str) -> str:
        """The counties that have not reported the figure, joined ('' when none)."""
        k = self.kpis
        col = "missing_en" if lang == "en" else "missing"
        return str(k.loc[code, col]) if col in k.columns and isinstance(k.loc[code, col], str) else ""

    def value(self, code: str) -> float | None:
        v = self.kpis.loc[code, "value"]
        return None if pd.isna(v) else float(v)

    @property
    def as_of(self) -> dict:
        """The date of the data and the year's reporting in counts, from ``status``: last_month,
        due, submitted, approved, missing (periods)."""
        st = self.status
        if st is None:
            return {}
        return {
            "last_month": st.last_month,
            "due": st.periods_due,
            "submitted": st.periods_in,
            "approved": st.periods_approved,
            "missing": st.periods_due - st.periods_in,
        }

    def known_of(self, code: str) -> Known:
        return self.known.get(code) or Known(code)

    @property
    def scope_size(self) -> int:
        return len(self.scope_codes) if self.scope_codes is not None else self.counties_total

    @property
    def reporting(self) -> tuple[str, ...]:
        """Counties in scope that reported something for the year."""
        scope = self.scope_codes if self.scope_codes is not None else tuple(self.county_names)
        return tuple(c for c in scope if c not in self.silent)

    @property
    def no_data(self) -> bool:
        """Nothing (or too little to write about) of the year's figures in scope: a year just begun
        with most counties not reported, a county that did not report. Texts then say so and stop;
        they never borrow another year's figures."""
        if len(self.silent) * 2 > self.scope_size:
            return True
        return all(self.value(c) is None for c in CODES if c in self.kpis.index and not c.startswith("org_"))

    def doubted(self, code: str, county: str | None = None) -> bool:
        """A validation rule flags this figure (of ``county``, or of any county in the scope)."""
        d = self.doubts
        if d is None or d.empty:
            return False
        d = d[d["code"] == code]
        return bool(len(d) if county is None else (d["county_code"] == county).any())

    def row(self, code: str) -> pd.Series:
        return self.kpis.loc[code]

    def areas_of(self, code: str) -> pd.DataFrame:
        """One indicator by area, largest first (records with no county left out; counties not
        reported are not in it; a figure a rule doubts, unconfirmed, is never first)."""
        d = self.by_area[(self.by_area["code"] == code) & self.by_area["area_code"].notna()]
        if "doubt" not in d.columns:
            d = d.assign(doubt=False)
        d = d.assign(_doubt=d["doubt"].astype(bool))
        d = d.sort_values(["_doubt", "value", "area_code"], ascending=[True, False, True])
        return d.drop(columns="_doubt").reset_index(drop=True)


def _open(doubts: pd.DataFrame) -> pd.DataFrame:
    """The unconfirmed doubts as the sentences read them: code, county_code, month (None: the year)."""
    if doubts is None or doubts.empty:
        return pd.DataFrame(columns=["code", "county_code", "month"])
    d = doubts[~doubts["confirmed"].astype(bool)]
    return pd.DataFrame(
        {"code": d["indicator"], "county_code": d["county_code"], "month": d["month"].where(d["month"] > 0)}
    ).reset_index(drop=True)


def trend_years(f: Filters) -> tuple[int, ...]:
    if f.first_year < f.year:
        return f.years
    return tuple(range(f.year - TREND_SPAN + 1, f.year + 1))


class ReportSource(Protocol):
    """The datasets the deck and the written summary read, with the signatures of
    ``data_access.queries`` minus the connection. The app passes its cached facade
    (the module ``ui.data`` has these functions), the command line and the tests an
    :class:`OnConnection`; so the report never opens a connection in the app, and a
    reader goes from here to the SQL by the name of the function."""

    def all_counties(self, scope: tuple[str, ...] | None) -> pd.DataFrame: ...
    def city_name(self) -> str: ...
    def emblem_uri(self) -> str: ...
    def kpis(self, f: Filters, codes: Sequence[str]) -> pd.DataFrame: ...
    def kpis_complete(self, f: Filters, codes: Sequence[str]) -> pd.DataFrame: ...
    def completeness_many(self, f: Filters, kinds: Sequence[str]) -> dict[str, Coverage]: ...
    def doubts(self, f: Filters) -> pd.DataFrame: ...
    def data_status(self, f: Filters) -> DataStatus: ...
    def indicator_series(
        self, f: Filters, codes: Sequence[str], by: Sequence[str] = ..., years: Sequence[int] | None = ...
    ) -> pd.DataFrame: ...
    def areas(self, f: Filters, level: str = ...) -> pd.DataFrame: ...
    def coverage_counts(self, f: Filters, year: int, kind: str = ..., by: Sequence[str] = ...) -> pd.DataFrame: ...
    def report_township_map(self, f: Filters, year: int | None = ...) -> pd.DataFrame: ...
    def report_staffing(self, f: Filters, year: int | None = ...) -> pd.DataFrame: ...
    def report_legal_aid_types(self, f: Filters, year: int | None = ...) -> pd.DataFrame: ...
    def plan_progress(self, f: Filters, plan: str | None = ...) -> pd.DataFrame: ...
    def assessment_ranking(self, f: Filters, year: int | None = ...) -> pd.DataFrame: ...
    def assessment_rules(self, year: int) -> pd.DataFrame: ...
    def outreach_timeline(self, f: Filters) -> pd.DataFrame: ...
    def org_county_units(self, f: Filters) -> pd.DataFrame: ...
    def org_county_shapes(self, f: Filters) -> pd.DataFrame: ...


@dataclass(frozen=True)
class OnConnection:
    """:class:`ReportSource` on an open connection: each method is the query function of
    the same name with ``conn`` bound."""

    conn: Connection

    def all_counties(self, scope: tuple[str, ...] | None) -> pd.DataFrame:
        return queries.all_counties(self.conn, scope)

    def city_name(self) -> str:
        return queries.city_name(self.conn)

    def emblem_uri(self) -> str:
        return identity.emblem(self.conn).data_uri()

    def kpis(self, f: Filters, codes: Sequence[str]) -> pd.DataFrame:
        return queries.kpis(self.conn, f, codes)

    def kpis_complete(self, f: Filters, codes: Sequence[str]) -> pd.DataFrame:
        return complete_figures.kpis_complete(self.conn, f, codes)

    def completeness_many(self, f: Filters, kinds: Sequence[str]) -> dict[str, Coverage]:
        return completeness.completeness_many(self.conn, f, tuple(kinds))

    def doubts(self, f: Filters) -> pd.DataFrame:
        return complete_figures.doubts(self.conn, f)

    def data_status(self, f: Filters) -> DataStatus:
        return complete_figures.data_status(self.conn, f)

    def indicator_series(
        self, f: Filters, codes: Sequence[str], by: Sequence[str] = ("year",), years: Sequence[int] | None = None
    ) -> pd.DataFrame:
        return queries.indicator_series(self.conn, f, codes, by, years)

    def areas(self, f: Filters, level: str = "county") -> pd.DataFrame:
        return queries.areas(self.conn, f, level)

    def coverage_counts(self, f: Filters, year: int, kind: str = "township", by: Sequence[str] = ()) -> pd.DataFrame:
        return queries.coverage_counts(self.conn, f, year, kind, by)

    def report_township_map(self, f: Filters, year: int | None = None) -> pd.DataFrame:
        return queries.report_township_map(self.conn, f, year)

    def report_staffing(self, f: Filters, year: int | None = None) -> pd.DataFrame:
        return queries.report_staffing(self.conn, f, year)

    def report_legal_aid_types(self, f: Filters, year: int | None = None) -> pd.DataFrame:
        return queries.report_legal_aid_types(self.conn, f, year)

    def plan_progress(self, f: Filters, plan: str | None = None) -> pd.DataFrame:
        return queries.plan_progress(self.conn, f, plan)

    def assessment_ranking(self, f: Filters, year: int | None = None) -> pd.DataFrame:
        return queries.assessment_ranking(self.conn, f, year)

    def assessment_rules(self, year: int) -> pd.DataFrame:
        return queries.assessment_rules(self.conn, year)

    def outreach_timeline(self, f: Filters) -> pd.DataFrame:
        return queries.outreach_timeline(self.conn, f)

    def org_county_units(self, f: Filters) -> pd.DataFrame:
        return queries.org_county_units(self.conn, f)

    def org_county_shapes(self, f: Filters) -> pd.DataFrame:
        return queries.org_county_shapes(self.conn, f)


def gather(conn: Connection, f: Filters, today: dt.date | None = None) -> ReportData:
    """Read everything for ``f`` on an open connection (the command line, tests)."""
    return assemble(f, OnConnection(conn), today)


def assemble(f: Filters, src: ReportSource, today: dt.date | None = None) -> ReportData:
    """Build the report's data from ``src`` (the app's cached facade, or a connection)."""
    counties = src.all_counties(f.scope)
    names = dict(zip(counties["code"], counties["name"], strict=True))
    shown = f.counties_in_scope()
    kp = src.kpis_complete(f, CODES).set_index("code", drop=False)  # missing never 0, changes like for like
    cov = src.completeness_many(f, CODES)
    doubts = src.doubts(f)

    level = "township" if shown is not None and len(shown) == 1 else "county"
    series = src.indicator_series(f, AREA_CODES, by=(level,), years=(f.year,))
    key = "township_code" if level == "township" else "county_code"
    if level == "township":
        towns = src.areas(f, level="township")
        area_names = dict(zip(towns["code"], towns["name"], strict=True))
    else:
        area_names = names
    by_area = pd.DataFrame(
        {
            "code": series["code"],
            "area_code": series[key],
            "area_name": [area_names.get(c, queries.CITY_LEVEL) for c in series[key]],
            "value": series["value"].astype(float),
        }
    )
    if level == "county":
        by_area = _complete_areas(by_area, src.completeness_many(f, AREA_CODES), doubts, names)
    trend_codes = tuple(dict.fromkeys(TREND_CODES + AREA_CODES))  # area charts fall back to a trend
    trend = src.indicator_series(f, trend_codes, by=("year",), years=trend_years(f))
    outreach = src.outreach_timeline(f)
    talks = outreach[(outreach["year"] == f.year) & (outreach["kind"] == "lecture")]
    talks = talks[["held_on", "county", "title", "speaker", "participants"]].reset_index(drop=True)
    units = src.org_county_units(f)
    end = dt.date(f.year, 12, 31)
    units = units[pd.to_datetime(units["established_on"]).dt.date <= end].reset_index(drop=True)
    coverage = {}
    for kind in ("township", "village", "village_staff"):
        c = src.coverage_counts(f, f.year, kind)
        coverage[kind] = {"total": int(c["total"].sum()), "covered": int(c["covered"].sum())}
    return ReportData(
        known=know(kp, cov),
        silent=silent(cov),
        doubts=_open(doubts),
        f=f,
        city=src.city_name(),
        scope_codes=shown,
        county_names=names,
        kpis=kp,
        by_area=by_area,
        area_level=level,
        trend=trend,
        coverage=coverage,
        township_map=src.report_township_map(f, f.year),
        staffing=src.report_staffing(f, f.year),
        legal_types=src.report_legal_aid_types(f, f.year),
        today=today or dt.date.today(),
        outreach=outreach,
        lectures=talks,
        county_units=units,
        county_shapes=src.org_county_shapes(f),
        counties_total=len(shown) if shown is not None else len(names),
        emblem=src.emblem_uri(),
        plan=src.plan_progress(f),
        ranking=src.assessment_ranking(f),
        rules=src.assessment_rules(f.year),
        status=src.data_status(f),
    )


def _complete_areas(by_area: pd.DataFrame, covs: dict, doubts: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Counties by figure, told truly: a county not reported is left out (never a 0), a county
    that reported but has no rows of a count gets 0, and ``doubt`` marks an unconfirmed figure
    a validation rule doubts."""
    open_ = doubts[~doubts["confirmed"].astype(bool)] if len(doubts) else doubts
    rows = []
    for code in AREA_CODES:
        cov = covs[code]
        mine = by_area[by_area["code"] == code]
        have = set(mine["area_code"])
        keep = mine[~mine["area_code"].isin(cov.missing)]
        rows.append(keep)
        zero = [c for c in cov.present if c not in have]
        if zero:
            rows.append(
                pd.DataFrame({"code": code, "area_code": zero, "area_name": [names.get(c, c) for c in zero]}).assign(
                    value=0.0
                )
            )
    out = pd.concat(rows, ignore_index=True) if rows else by_area
    hits = set(zip(open_["indicator"], open_["county_code"], strict=True)) if len(open_) else set()
    out["doubt"] = [(c, a) in hits for c, a in zip(out["code"], out["area_code"], strict=True)]
    return out.reset_index(drop=True)
