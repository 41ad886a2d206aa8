"""The one cached facade between the app and ``data_access``: one typed function per dataset.

Each dataset here is a query function of ``data_access.queries`` wrapped by
:func:`dataset`, which keeps the query's own signature minus the connection — so a
page calls ``data.org_gaps(f)``, a type checker knows its arguments, and a reader goes
from the page to the SQL by following the name. A dataset that takes ``Filters`` cannot
be called without them, and the filters carry the user's scope.

The engine lives in ``st.cache_resource``; results in ``st.cache_data`` keyed by the
query, its arguments (filters and scope included) and the database's data version,
which every load bumps: a load made in any process shows in every process within
``VERSION_TTL`` seconds, with no restart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Connection, Engine

from data_access import completeness as completeness_mod
from data_access import db, demo, identity
from data_access import plan as plan_rules
from data_access.config import database_url
from data_access.filters import Filters
from data_access.quality import periods as quality_periods
from data_access.queries import (
    areas_years,
    coverage,
    indicators,
    org,
    plan,
    quality,
    report,
    rights,
    service,
    setup,
    social,
)

VERSION_TTL = 3  # seconds between checks of the data version
RESULT_TTL = 3600

P = ParamSpec("P")
R = TypeVar("R")
_QUERIES: dict[str, Callable] = {}  # the cache's key -> the query function
_DATASETS: dict[Callable, Callable] = {}  # the query function -> its cached dataset


@st.cache_resource(show_spinner="正在打开数据库……")
def engine() -> Engine:
    url, is_default = database_url()
    engine = db.open_database(url)
    if is_default:  # the first start on the default file: the demo city, so the app has something to show
        demo.ensure_demo(engine)
    return engine


@st.cache_data(ttl=VERSION_TTL, show_spinner=False)
def data_version() -> str:
    with engine().connect() as conn:
        return db.data_version(conn)


@st.cache_data(ttl=RESULT_TTL, max_entries=2000, show_spinner=False)
def _cached(key: str, version: str, args: tuple, kwargs: tuple) -> object:
    with engine().connect() as conn:
        return _QUERIES[key](conn, *args, **dict(kwargs))


def dataset(fn: Callable[Concatenate[Connection, P], R]) -> Callable[P, R]:
    """``fn(conn, *args)`` as a cached ``dataset(*args)`` with the same signature."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    _QUERIES[key] = fn

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return _cached(key, data_version(), args, tuple(sorted(kwargs.items())))  # type: ignore[return-value]

    _DATASETS[fn] = call
    return call


def cached(fn: Callable[Concatenate[Connection, P], R]) -> Callable[P, R]:
    """The dataset made of query function ``fn`` below, for code that holds query
    functions rather than names (the export's list of datasets). A query function
    without a dataset here is an error, not a silent uncached call."""
    try:
        return _DATASETS[fn]
    except KeyError:
        raise KeyError(f"{fn.__module__}.{fn.__qualname__} has no dataset in ui.data") from None


# ------------------------------------------------------------- shared: areas, years, dictionary
_all_counties = dataset(areas_years.all_counties)


def all_counties(scope: tuple[str, ...] | None) -> pd.DataFrame:
    """The counties a user may choose: ``scope`` is required (None only for an unscoped user)."""
    return _all_counties(scope)


available_years = dataset(areas_years.available_years)
city_name = dataset(areas_years.city_name)
stored_emblem = dataset(identity.stored_emblem)  # loaded on the Data page; the data version moves with it


def emblem_uri() -> str:
    """The federation's emblem as a data: URI (stored, else configured, else the default)."""
    return (stored_emblem() or identity.emblem()).data_uri()


def save_emblem(raw: bytes, file_name: str, by: str) -> None:
    """Store an uploaded emblem (one transaction) and let every view see it."""
    with engine().begin() as conn:
        identity.store_emblem(conn, raw, file_name, by)
    data_version.clear()


def reset_emblem(by: str) -> None:
    """Back to the neutral default (or the configured file)."""
    with engine().begin() as conn:
        identity.reset_emblem(conn, by)
    data_version.clear()


areas = dataset(areas_years.areas)
indicator_dictionary = dataset(indicators.indicator_dictionary)
# ------------------------------------------------------------- the indicator engine
kpis = dataset(indicators.kpis)
indicator_series = dataset(indicators.indicator_series)
county_table = dataset(indicators.county_table)
city_totals = dataset(indicators.city_totals)
coverage_counts = dataset(coverage.coverage_counts)
# ------------------------------------------------------------- completeness (issue 27): expected, present, missing
completeness = dataset(completeness_mod.completeness)
completeness_many = dataset(completeness_mod.completeness_many)
completeness_frame = dataset(completeness_mod.completeness_frame)
county_values = dataset(completeness_mod.county_values)
like_for_like = dataset(completeness_mod.like_for_like)
_kpis_complete = dataset(completeness_mod.kpis_complete)
_kpis_approved = dataset(completeness_mod.kpis_approved)


def kpis_complete(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """``completeness.kpis_complete`` with the year's doubts from their own cached dataset (the
    validation rules run once per filters and data version, not once per page's figures)."""
    return _kpis_complete(f, tuple(codes), None, doubts(f))


def kpis_approved(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    return _kpis_approved(f, tuple(codes), None, doubts(f))


_county_table_complete = dataset(completeness_mod.county_table_complete)


def county_table_complete(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """``completeness.county_table_complete`` with the year's doubts from their cached dataset."""
    return _county_table_complete(f, tuple(codes), None, doubts(f))


doubts = dataset(completeness_mod.doubts)
data_status = dataset(completeness_mod.data_status)
coverage_by_year = dataset(coverage.coverage_by_year)
# ------------------------------------------------------------- 组织建设
org_coverage = dataset(org.org_coverage)
org_coverage_trend = dataset(org.org_coverage_trend)
org_full_coverage = dataset(org.org_full_coverage)
org_area_status = dataset(org.org_area_status)
org_status_counts = dataset(org.org_status_counts)
org_gaps = dataset(org.org_gaps)
org_staffing = dataset(org.org_staffing)
org_county_units = dataset(org.org_county_units)
org_county_units_trend = dataset(org.org_county_units_trend)
org_county_shapes = dataset(org.org_county_shapes)
coverage_left_out = dataset(setup.coverage_left_out)
# ------------------------------------------------------------- 公共服务
service_indicators = dataset(service.service_indicators)
service_by_area = dataset(service.service_by_area)
service_monthly = dataset(service.service_monthly)
# ------------------------------------------------------------- 权益保障
legal_aid_by_type = dataset(rights.legal_aid_by_type)
legal_aid_by_service = dataset(rights.legal_aid_by_service)
legal_aid_closing = dataset(rights.legal_aid_closing)
legal_aid_days_histogram = dataset(rights.legal_aid_days_histogram)
infringement_by_agency = dataset(rights.infringement_by_agency)
access_by_category = dataset(rights.access_by_category)
legal_aid_stations = dataset(rights.legal_aid_stations)
rights_by_county = dataset(rights.rights_by_county)
# ------------------------------------------------------------- 社会力量
volunteers_by_partner = dataset(social.volunteers_by_partner)
social_by_county = dataset(social.social_by_county)
donations_by_purpose = dataset(social.donations_by_purpose)
outreach_timeline = dataset(social.outreach_timeline)
# ------------------------------------------------------------- 汇报 (the deck and the written summary)
report_township_map = dataset(report.report_township_map)
report_staffing = dataset(report.report_staffing)
report_legal_aid_types = dataset(report.report_legal_aid_types)

# ------------------------------------------------------------- 数据管理: the first-day guide
city_setup = dataset(setup.city_setup)
figures_by_year = dataset(setup.figures_by_year)
# ------------------------------------------------------------- 规划目标 (plan targets and the assessment)
plan_list = dataset(plan.plan_list)
plan_progress = dataset(plan.plan_progress)
plan_attainment = dataset(plan.plan_attainment)
plan_summary = dataset(plan.plan_summary)
assessment_rules = dataset(plan.assessment_rules)
assessment_scores = dataset(plan.assessment_scores)
assessment_ranking = dataset(plan.assessment_ranking)
assessment_unranked = dataset(plan.assessment_unranked)
assessment_missing_rule = dataset(plan_rules.missing_rule)
# ------------------------------------------------------------- 数据质量
quality_reports = dataset(quality.quality_reports)
report_definitions = dataset(quality_periods.reports)  # the declared reports as ReportDef
quality_status = dataset(quality.quality_status)
quality_summary = dataset(quality.quality_summary)
quality_missing = dataset(quality.quality_missing)
quality_submissions = dataset(quality.quality_submissions)
quality_violations = dataset(quality.quality_violations)
quality_approval_counts = dataset(quality.quality_approval_counts)
