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

from data_access import identity, queries
from data_access.filters import Filters

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
# the old name, until reporting/slides.py and reporting/analysis.py (being split) read SECTION_FIGURES
SECTIONS = SECTION_FIGURES
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
    kpis: pd.DataFrame  # queries.kpis, indexed by code
    by_area: pd.DataFrame  # code, area_code, area_name, value (selected year)
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

    @property
    def year(self) -> int:
        return self.f.year

    @property
    def whole_city(self) -> bool:
        return self.scope_codes is None

    def scope_label(self, lang: str = "zh") -> str:
        """全市 for the whole city, else the county names (县(区) joined with 、)."""
        if self.scope_codes is None:
            return "全市" if lang == "zh" else "the whole city"
        names = [self.county_names.get(c, c) for c in self.scope_codes]
        return "、".join(names) if lang == "zh" else ", ".join(names)

    def value(self, code: str) -> float | None:
        v = self.kpis.loc[code, "value"]
        return None if pd.isna(v) else float(v)

    def row(self, code: str) -> pd.Series:
        return self.kpis.loc[code]

    def areas_of(self, code: str) -> pd.DataFrame:
        """One indicator by area, largest first (records with no county left out)."""
        d = self.by_area[(self.by_area["code"] == code) & self.by_area["area_code"].notna()]
        return d.sort_values(["value", "area_code"], ascending=[False, True]).reset_index(drop=True)


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
    kp = src.kpis(f, CODES).set_index("code", drop=False)

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
    )
