"""The demo city: generated (``generator`` and the modules it names), its geometry kept
in ``assets/`` (``geojson``), loaded in one transaction (``load``), extended by parts of
other tables (``parts``)."""

from __future__ import annotations

from .generator import generate
from .geojson import GEOJSON_PATH, geojson, write_geojson
from .load import EVENT_TABLES, ensure_demo, load_demo, load_into, load_stream
from .parts import PARTS, Part, PartContext
from .totals import CITY_CODE, REPORT_YEAR, TARGETS_2025

__all__ = [
    "CITY_CODE",
    "EVENT_TABLES",
    "GEOJSON_PATH",
    "PARTS",
    "REPORT_YEAR",
    "TARGETS_2025",
    "Part",
    "PartContext",
    "ensure_demo",
    "generate",
    "geojson",
    "load_demo",
    "load_into",
    "load_stream",
    "write_geojson",
]
