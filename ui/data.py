"""The one cached facade between the app and ``data_access``: one typed function per dataset.

Each dataset here is a query function of ``data_access.queries`` wrapped by
:func:`dataset`, which keeps the query's own signature minus the connection — so a
page calls ``data.org_gaps(f)``, a type checker knows its arguments, and a reader goes
from the page to the SQL by following the name. A dataset that takes ``Filters`` cannot
be called without them, and the filters carry the user's scope.

One result cache, keyed by the database and its data version. :func:`data_version` is
the database's identity (``result_cache.database_identity`` of the configured URL) joined
to its data version, which every load bumps; every cache of the app keys on it (results
here, built figures in ``ui/built.py``, the filters' options), so a load made in any
process shows in every process within ``VERSION_TTL`` seconds, with no restart, and two
databases never share a cached result — not even with the same version number. The
engine is kept per URL (``st.cache_resource``).

Results are kept in ``st.cache_data`` by the query, its arguments (filters and scope
included) and that version. With ``CANLIAN_RESULT_CACHE=shared`` (the deployment's secret
file, deploy/) a result missing here is first looked up in the database's ``result_cache``
table, where another process may have stored it, and stored there once computed: a
county-year that one process computed is not computed again by the next.
"""

from __future__ import annotations

import functools
import pickle
import time
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Connection, Engine

from data_access import complete_figures, db, demo, gaps, identity, loading, result_cache, writes
from data_access import completeness as completeness_mod
from data_access import plan as plan_rules
from data_access.auth import Principal
from data_access.config import database_url
from data_access.filters import Filters
from data_access.loading.load import LoadResult
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
from data_access.queries import (
    gaps as gaps_q,
)

VERSION_TTL = 3  # seconds between checks of the data version
RESULT_TTL = 3600

P = ParamSpec("P")
R = TypeVar("R")
_QUERIES: dict[str, Callable] = {}  # the cache's key -> the query function
_DATASETS: dict[Callable, Callable] = {}  # the query function -> its cached dataset


@st.cache_resource(show_spinner="正在打开数据库……")
def _engine(url: str, is_default: bool) -> Engine:
    engine = db.open_database(url)
    if is_default:  # the first start on the default file: the demo city, so the app has something to show
        demo.ensure_demo(engine)
    return engine


def engine() -> Engine:
    """The engine of the configured database (one per URL, opened once)."""
    return _engine(*database_url())


@st.cache_data(ttl=VERSION_TTL, show_spinner=False)
def _version_of(url: str, is_default: bool) -> str:
    with _engine(url, is_default).connect() as conn:
        return f"{result_cache.database_identity(url)}:{db.data_version(conn)}"


def data_version() -> str:
    """``<database identity>:<data version>``: what every cached view keys on."""
    return _version_of(*database_url())


data_version.clear = _version_of.clear  # type: ignore[attr-defined]  # after a write of this process


def _shared(key: str, version: str, args: tuple, kwargs: tuple) -> object:
    """The query's result from the shared tier, else computed (and shared)."""
    try:
        digest = result_cache.key_of("", version, key, args, kwargs)  # the version names the database
    except (pickle.PicklingError, TypeError, AttributeError):
        digest = None
    if digest is not None:
        raw = result_cache.read(engine(), digest)
        if raw is not None:
            stats["shared_hits"] += 1
            return pickle.loads(raw)
    started = time.perf_counter()
    with engine().connect() as conn:
        result = _QUERIES[key](conn, *args, **dict(kwargs))
    stats["computed"] += 1
    stats["compute_s"] += time.perf_counter() - started
    if digest is not None:
        result_cache.write(engine(), digest, version, key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


stats = {"computed": 0, "shared_hits": 0, "compute_s": 0.0}  # this process's misses, for the benchmarks


@st.cache_data(ttl=RESULT_TTL, max_entries=2000, show_spinner=False)
def _cached(key: str, version: str, args: tuple, kwargs: tuple) -> object:
    if result_cache.enabled():
        return _shared(key, version, args, kwargs)
    started = time.perf_counter()
    with engine().connect() as conn:
        result = _QUERIES[key](conn, *args, **dict(kwargs))
    stats["computed"] += 1
    stats["compute_s"] += time.perf_counter() - started
    return result


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


def save_emblem(p: Principal, raw: bytes, file_name: str) -> None:
    """Store an uploaded emblem as ``p`` (the data layer checks who may) and let every view see it."""
    writes.save_emblem(engine(), p, raw, file_name)
    data_version.clear()


def reset_emblem(p: Principal) -> None:
    """Back to the neutral default (or the configured file)."""
    writes.reset_emblem(engine(), p)
    data_version.clear()


# ------------------------------------------------------------- 数据管理: loads, as the principal
# Every write goes through ``data_access.writes`` with the principal: its scope is applied
# there, not by the page.
def load_records(p: Principal, content: bytes, file_name: str, dry_run: bool = False, **kw) -> LoadResult:
    res = writes.load_records(engine(), p, content, file_name, dry_run=dry_run, **kw)
    if not dry_run and res.ok:
        data_version.clear()  # every page re-reads the new version at once
    return res


def preview_boundaries(p: Principal, raw: bytes, system: str | None = None):
    return writes.preview_boundaries(engine(), p, raw, system)


def load_boundaries(p: Principal, raw: bytes, file_name: str, system: str | None = None):
    r = writes.load_boundaries(engine(), p, raw, file_name, system)
    data_version.clear()
    return r


def load_history(p: Principal) -> pd.DataFrame:
    return writes.load_history(engine(), p)


def load_rows(p: Principal, batch_id: int) -> dict[str, tuple[int, pd.DataFrame]]:
    return writes.load_rows(engine(), p, batch_id)


def table_for(kind: str, f, year: int | None) -> pd.DataFrame:
    """A whole table for download, within the filters' scope."""
    return loading.table_for(engine(), kind, f, year=year)


areas = dataset(areas_years.areas)
indicator_dictionary = dataset(indicators.indicator_dictionary)
# ------------------------------------------------------------- the indicator engine
kpis = dataset(indicators.kpis)
indicator_series = dataset(indicators.indicator_series)
county_table = dataset(indicators.county_table)
city_totals = dataset(complete_figures.city_totals)
coverage_counts = dataset(coverage.coverage_counts)
# ------------------------------------------------------------- completeness (issue 27): expected, present, missing
completeness = dataset(completeness_mod.completeness)
completeness_many = dataset(completeness_mod.completeness_many)
completeness_frame = dataset(completeness_mod.completeness_frame)
county_values = dataset(complete_figures.county_values)
like_for_like = dataset(complete_figures.like_for_like)
_kpis_complete = dataset(complete_figures.kpis_complete)
_kpis_approved = dataset(complete_figures.kpis_approved)


def kpis_complete(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """``complete_figures.kpis_complete`` with the year's doubts from their own cached dataset (the
    validation rules run once per filters and data version, not once per page's figures)."""
    return _kpis_complete(f, tuple(codes), None, doubts(f))


def kpis_approved(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    return _kpis_approved(f, tuple(codes), None, doubts(f))


_county_table_complete = dataset(complete_figures.county_table_complete)


def county_table_complete(f: Filters, codes: Sequence[str]) -> pd.DataFrame:
    """``complete_figures.county_table_complete`` with the year's doubts from their cached dataset."""
    return _county_table_complete(f, tuple(codes), None, doubts(f))


doubts = dataset(complete_figures.doubts)
data_status = dataset(complete_figures.data_status)
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
quality_doubts = dataset(quality.quality_doubts)
quality_approval_counts = dataset(quality.quality_approval_counts)

# ------------------------------------------------------------- 整改台账 (the gap ledger, issue 32)
gap_ledger = dataset(gaps_q.gap_ledger)
gap_progress = dataset(gaps_q.gap_progress)
gap_history = dataset(gaps_q.gap_history)
gap_evidence_files = dataset(gaps_q.gap_evidence_files)
gap_evidence_file = dataset(gaps_q.gap_evidence_file)


def update_gap(who: Principal, gap_id: int, changes: dict, evidence: tuple[str, bytes] | None = None) -> bool:
    """Change a gap in its own transaction (``data_access.gaps.update_gap``; a refusal raises
    GapError in Chinese) and let every view see it."""
    changed = gaps.update_gap(engine(), who, gap_id, changes, evidence)
    data_version.clear()
    return changed
