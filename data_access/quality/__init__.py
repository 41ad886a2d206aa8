"""Reporting and data quality (issue 19): the federation's reports and when they are due
(``periods``), the shipped reports and validation rules (``defaults``), the rules
engine run on every load and on demand (``rules``), and submissions with the city's
approval, return and unlock (``approval``). Never imports Streamlit."""

from __future__ import annotations

from .approval import ApprovalError, approve, record_submission, return_submission, unlock
from .defaults import DEFAULT_REPORTS, DEFAULT_RULES, seed_quality
from .periods import ReportDef, deadline, parse_period, period_label, periods_of, reports
from .rules import Violation, check_load, check_year, load_step

__all__ = [
    "DEFAULT_REPORTS",
    "DEFAULT_RULES",
    "ApprovalError",
    "ReportDef",
    "Violation",
    "approve",
    "check_load",
    "check_year",
    "deadline",
    "load_step",
    "parse_period",
    "period_label",
    "periods_of",
    "record_submission",
    "reports",
    "return_submission",
    "seed_quality",
    "unlock",
]
