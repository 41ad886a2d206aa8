"""Data management: templates, validated all-or-nothing loading, load history, export.

``definitions`` declares every kind of record once; ``templates`` and ``validate``
are generated from it; ``readers`` refuses unsafe files; ``load`` writes in one
transaction; ``history`` lists past loads; ``export`` takes data out.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# name -> the module that defines it. Imported on first use (PEP 562), so that importing one
# module of the package (``loading.definitions``, as the quality rules and the queries do) does not
# import the loaders, which import the quality rules and the queries: no import cycle.
_WHERE = {
    "BUNDLES": "export",
    "Col": "definitions",
    "DEFAULT_LIMITS": "readers",
    "DatasetCall": "export",
    "Export": "export",
    "KINDS": "definitions",
    "Kind": "definitions",
    "LOAD_ORDER": "definitions",
    "Limits": "readers",
    "LoadResult": "load",
    "PROBLEM_COLUMNS": "validate",
    "Problem": "validate",
    "Refused": "readers",
    "SIMPLE_DATASETS": "export",
    "batch_rows": "history",
    "batch_rows_for": "history",
    "check": "load",
    "checksum": "load",
    "csv_bytes": "export",
    "export_frames": "export",
    "exports": "export",
    "history_for": "history",
    "load_file": "load",
    "load_history": "history",
    "neutralise": "export",
    "problems_frame": "validate",
    "table_for": "history",
    "table_frame": "export",
    "template_bytes": "templates",
    "xlsx_bytes": "export",
}

if TYPE_CHECKING:
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


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
