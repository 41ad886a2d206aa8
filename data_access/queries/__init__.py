"""Named query functions: ``(connection, filters, …) -> small aggregated DataFrame``.

``indicators`` is the indicator engine (every figure of the dictionary by code), ``areas_years``
the areas and years the filters are made of, ``coverage`` the organisations in place at
a year end, ``common`` the scope condition and result-to-frame helper; each page's own
datasets live in a module of their own. They are re-exported here by explicit imports
(no lookup by name), so ``queries.kpis`` is ``queries.indicators.kpis`` for a reader and for
a type checker alike. The figures told on incomplete data (``kpis_complete``, ``like_for_like``,
``county_values``, ``city_totals`` …) need the indicator engine and the coverage notion together
and live above these modules, in ``data_access.complete_figures``. The app reaches them through the typed cached facade
``ui.data``, which wraps each one and keeps its signature.
"""

from __future__ import annotations

from ..completeness import completeness, completeness_frame, completeness_many
from .areas_years import all_counties, areas, available_years, city_name
from .common import CITY_LEVEL, county_filter
from .coverage import coverage_by_year, coverage_counts
from .gaps import gap_evidence_file, gap_evidence_files, gap_history, gap_ledger, gap_progress
from .indicators import county_table, indicator_dictionary, indicator_series, kpis
from .org import (
    org_area_status,
    org_county_shapes,
    org_county_units,
    org_county_units_trend,
    org_coverage,
    org_coverage_trend,
    org_full_coverage,
    org_gaps,
    org_staffing,
    org_status_counts,
)
from .plan import (
    PLAN_STATUS,
    assessment_ranking,
    assessment_rules,
    assessment_scores,
    assessment_unranked,
    plan_attainment,
    plan_list,
    plan_progress,
    plan_summary,
)
from .quality import (
    quality_approval_counts,
    quality_doubts,
    quality_missing,
    quality_reports,
    quality_status,
    quality_submissions,
    quality_summary,
    quality_violations,
)
from .report import report_legal_aid_types, report_staffing, report_township_map
from .rights import (
    access_by_category,
    infringement_by_agency,
    legal_aid_by_service,
    legal_aid_by_type,
    legal_aid_closing,
    legal_aid_days_histogram,
    legal_aid_stations,
    rights_by_county,
)
from .service import service_by_area, service_indicators, service_monthly
from .setup import city_setup, coverage_left_out, figures_by_year
from .social import donations_by_purpose, outreach_timeline, social_by_county, volunteers_by_partner

__all__ = [
    "CITY_LEVEL",
    "PLAN_STATUS",
    "access_by_category",
    "all_counties",
    "areas",
    "assessment_ranking",
    "assessment_rules",
    "assessment_scores",
    "assessment_unranked",
    "available_years",
    "city_name",
    "city_setup",
    "completeness",
    "completeness_frame",
    "completeness_many",
    "county_filter",
    "county_table",
    "coverage_by_year",
    "coverage_counts",
    "coverage_left_out",
    "donations_by_purpose",
    "figures_by_year",
    "gap_evidence_file",
    "gap_evidence_files",
    "gap_history",
    "gap_ledger",
    "gap_progress",
    "indicator_dictionary",
    "indicator_series",
    "infringement_by_agency",
    "kpis",
    "legal_aid_by_service",
    "legal_aid_by_type",
    "legal_aid_closing",
    "legal_aid_days_histogram",
    "legal_aid_stations",
    "org_area_status",
    "org_county_shapes",
    "org_county_units",
    "org_county_units_trend",
    "org_coverage",
    "org_coverage_trend",
    "org_full_coverage",
    "org_gaps",
    "org_staffing",
    "org_status_counts",
    "outreach_timeline",
    "plan_attainment",
    "plan_list",
    "plan_progress",
    "plan_summary",
    "quality_approval_counts",
    "quality_doubts",
    "quality_missing",
    "quality_reports",
    "quality_status",
    "quality_submissions",
    "quality_summary",
    "quality_violations",
    "report_legal_aid_types",
    "report_staffing",
    "report_township_map",
    "rights_by_county",
    "service_by_area",
    "service_indicators",
    "service_monthly",
    "social_by_county",
    "volunteers_by_partner",
]
