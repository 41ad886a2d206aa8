"""Data management: templates, validated all-or-nothing loading, load history, export.

``definitions`` declares every kind of record once; ``templates`` and ``validate``
are generated from it; ``readers`` refuses unsafe files; ``load`` writes in one
transaction; ``history`` lists past loads; ``export`` takes data out.
"""

from __future__ import annotations

from .definitions import KINDS, LOAD_ORDER, Col, Kind
from .export import (
    BUNDLES,
    SIMPLE_DATASETS,
    DatasetCall,
    Export,
    csv_bytes,
    export_frames,
    exports,
    neutralise,
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
    "SIMPLE_DATASETS",
    "Col",
    "DatasetCall",
    "Export",
    "Kind",
    "Limits",
    "LoadResult",
    "Problem",
    "Refused",
    "batch_rows",
    "batch_rows_for",
    "check",
    "checksum",
    "csv_bytes",
    "export_frames",
    "exports",
    "history_for",
    "load_file",
    "load_history",
    "neutralise",
    "problems_frame",
    "table_for",
    "table_frame",
    "template_bytes",
    "xlsx_bytes",
]
