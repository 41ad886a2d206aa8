"""What a federation loads, declared once: each kind's columns (Chinese and English
names, type, unit, required, allowed values, range), its natural key and how the
derived columns are computed. Templates, validation, loading and export are all
generated from these definitions — there is no second list of columns anywhere.

Derived columns (``county_code``, ``township_code``, ``year``, ``month``, an area's
``level`` for staffing) are computed from the division code and the date; the user is
never asked for them.

One module per family of kinds (``areas``, ``indicators``, ``organisation``, ``events``,
``plan``, ``quality``) on the shared parts in ``base`` and ``codes``; the registry below is
the one list of kinds. A new kind is one module (or one more ``Kind`` in its family's) and
one line here.
"""

from __future__ import annotations

from . import areas, events, gaps, indicators, organisation, plan, quality
from .areas import AREA_KINDS
from .base import LEVELS, YEAR_RANGE, Col, Derive, Kind, Rule, Said, header_map, norm_header
from .codes import code_level, code_parent, county_kind, infer_kind, township_kind, village_kind
from .events import ACTIVITY_KINDS
from .indicators import AGGREGATIONS, PERIODS, SERVICE_TOPICS, TOPICS
from .organisation import ORG_LEVELS, ORG_TYPES
from .plan import ASSESSMENT_METHODS, PLAN_AHEAD, PLAN_INDICATORS, TARGET_ATTRIBUTES, TARGET_DIRECTIONS
from .quality import REPORT_PERIODS, RULE_KINDS, SEVERITIES

# ------------------------------------------------------------------ the registry of kinds
# The kinds of a whole-database load, in load order (areas before what points at them).
LOADED: tuple[Kind, ...] = (
    areas.AREAS,
    areas.CODE_CHANGES,
    indicators.INDICATORS,
    organisation.ORG_UNITS,
    organisation.STAFFING,
    indicators.INDICATOR_VALUES,
    events.LEGAL_AID,
    events.INFRINGEMENT,
    events.ACCESS,
    events.ACTIVITIES,
    events.VOLUNTEERS,
    events.DONATIONS,
    plan.PLAN_TARGETS,
    plan.ASSESSMENT_RULES,
)
# Loadable, but every database is seeded with the shipped ones (like the indicator dictionary),
# so a whole-database load of records leaves them be.
SEEDED: tuple[Kind, ...] = (
    quality.REPORTS,
    quality.VALIDATION_RULES,
)

# Loadable on their own, never part of a whole-database load: the gap ledger (issue 32) is
# opened and closed by the organisation data; a load only edits owners, deadlines and states.
LEDGERS: tuple[Kind, ...] = (gaps.GAPS,)

KINDS: dict[str, Kind] = {k.name: k for k in (*LOADED, *SEEDED, *LEDGERS)}
LOAD_ORDER = tuple(k.name for k in LOADED)
assert len(KINDS) == len(LOADED) + len(SEEDED) + len(LEDGERS), "two kinds share a name"

__all__ = [
    "ACTIVITY_KINDS",
    "AGGREGATIONS",
    "AREA_KINDS",
    "ASSESSMENT_METHODS",
    "KINDS",
    "LEVELS",
    "LOADED",
    "LOAD_ORDER",
    "ORG_LEVELS",
    "ORG_TYPES",
    "PERIODS",
    "PLAN_AHEAD",
    "PLAN_INDICATORS",
    "REPORT_PERIODS",
    "RULE_KINDS",
    "SEEDED",
    "SERVICE_TOPICS",
    "SEVERITIES",
    "TARGET_ATTRIBUTES",
    "TARGET_DIRECTIONS",
    "TOPICS",
    "YEAR_RANGE",
    "Col",
    "Derive",
    "Kind",
    "Rule",
    "Said",
    "code_level",
    "code_parent",
    "county_kind",
    "header_map",
    "infer_kind",
    "norm_header",
    "township_kind",
    "village_kind",
]
