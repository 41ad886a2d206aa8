"""How each event table gives an indicator: which rows count, what is added up.

Shared by the query engine (``queries.indicators``, which reads the facts) and the summary
tables (``rollups``, which pre-add them), so both add up the same rows; it knows only
the models, so either can import it without importing the other. The same for coverage:
which organisation covers which level of unit (``COVERAGE``) and which units count
(``counted``), read by ``queries.coverage`` and pre-counted by ``rollups``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func

from . import vocab
from .models import AccessibilityProject, Activity, Area, Donation, InfringementCase, LegalAidCase, VolunteerRecord


@dataclass(frozen=True)
class EventMeasure:
    """How an event table gives an indicator: which rows, what to add up."""

    model: type[Any]  # a mapped model: its columns are read by name
    value: str  # "count", "team_max" or column names joined by "+"
    where: tuple = ()


EVENT_MEASURES: dict[str, EventMeasure] = {
    "legal_aid": EventMeasure(LegalAidCase, "count"),
    "infringement": EventMeasure(InfringementCase, "count"),
    "access_completed": EventMeasure(
        AccessibilityProject, "count", (AccessibilityProject.status == vocab.ACCESS_DONE,)
    ),
    "culture_events": EventMeasure(Activity, "count", (Activity.kind == "culture_sport",)),
    "culture_participants": EventMeasure(Activity, "participants", (Activity.kind == "culture_sport",)),
    "donations_total": EventMeasure(Donation, "money_wan+goods_wan"),
    "donations_money": EventMeasure(Donation, "money_wan"),
    "donations_goods": EventMeasure(Donation, "goods_wan"),
    "volunteer_hours": EventMeasure(VolunteerRecord, "hours"),
    "volunteers": EventMeasure(VolunteerRecord, "team_max"),
}


def measure_aggregate(em: EventMeasure) -> ColumnElement:
    """The SQL aggregate of an event measure (not ``team_max``): a count or a sum."""
    if em.value == "count":
        return func.count()
    expr = None
    for part in em.value.split("+"):
        col = getattr(em.model, part)
        expr = col if expr is None else expr + col
    return func.sum(expr)


# coverage kind -> (numerator org type, area level, also require a full-time staff member)
COVERAGE = {
    "township": ("township_federation", "township", False),
    "township_staff": ("township_federation", "township", True),
    "village": ("village_association", "village", False),
    "village_staff": ("village_association", "village", True),
}


def counted(level: str) -> list:
    """Units that count in coverage: every village; townships unless left out (类似乡级单位 by default)."""
    return [Area.counts_in_coverage == 1] if level == "township" else []
