"""Demo data beyond the generator's own tables, loaded after it in the same transaction.

To add demo data for a table of yours (a plan with targets, a reporting history, …):

1. write ``data_access/demo/<what>.py`` with ``def load(ctx: PartContext) -> int``
   that builds its rows from ``ctx.data`` (areas, organisations) and the facts already
   in ``ctx.conn``, draws randomness only from ``ctx.rng("<what>")`` (so the demo stays
   deterministic and no other part's rows change), writes them with ``ctx.insert(Model,
   rows)`` and returns how many it wrote;
2. add one line ``Part("<what>", <what>.load),`` to ``PARTS`` below (one import, one
   entry: merges of several new parts stay easy).

Parts run in this order, at every scale (city, province, counties) unless a part names
its scales (``Part(..., scales=("city", "province"))``), after the areas,
organisation records, indicator values and event records, and before the load's
finish step (rollups, data version) — a failing part leaves the database empty.
"""

from __future__ import annotations

from . import plan, reporting
from .part_context import Part, PartContext

__all__ = ["PARTS", "Part", "PartContext"]

PARTS: tuple[Part, ...] = (
    # baselines from 2020: not at the "counties" test scale (2022–2025)
    Part("plan", plan.load, scales=("city", "province")),
    Part("reporting", reporting.load),
)
