"""Data management: templates, validated all-or-nothing loading, load history, export.

``definitions`` declares every kind of record once; ``templates`` and ``validate``
are generated from it; ``readers`` refuses unsafe files; ``load`` writes in one
transaction; ``history`` lists past loads; ``export`` takes data out.
"""

from __future__ import annotations

from .definitions import KINDS, LOAD_ORDER, Col, Kind
from .export import (
    BUNDLES,
    bundle_frames,
    csv_bytes,
    dataset_frames,
    neutralise,
    simple_datasets,
    table_frame,
    xlsx_bytes,
)
from .history import batch_rows, batch_rows_for, history_for, load_history, table_for
from .load import LoadResult, check, checksum, load_file
from .readers import DEFAULT_LIMITS, Limits, Refused
from .templates import template_bytes
from .validate import PROBLEM_COLUMNS, Problem, problems_frame

__all__ = [
    "BUNDLES",
    "DEFAULT_LIMITS",
    "KINDS",
    "LOAD_ORDER",
    "PROBLEM_COLUMNS",
    "Col",
    "Kind",
    "Limits",
    "LoadResult",
    "Problem",
    "Refused",
    "batch_rows",
    "batch_rows_for",
    "bundle_frames",
    "check",
    "checksum",
    "csv_bytes",
    "dataset_frames",
    "history_for",
    "load_file",
    "load_history",
    "neutralise",
    "problems_frame",
    "simple_datasets",
    "table_for",
    "table_frame",
    "template_bytes",
    "xlsx_bytes",
]
