"""What a demo part (``parts.PARTS``) is given, and how it writes its rows."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from .. import bulk
from .rows import DemoData


@dataclass(frozen=True)
class PartContext:
    """One demo load as a part sees it, inside the load's transaction.

    ``data`` holds the areas, shapes, organisation records and staffing of the demo
    (not the facts: a province's millions of rows are streamed, never held). The facts
    are already written when a part runs: read them through ``conn`` (the query
    functions of ``data_access.queries`` work, reading the facts). Nothing here commits.
    """

    conn: Connection
    data: DemoData
    seed: int
    batch_id: int

    def rng(self, part: str) -> random.Random:
        """A random stream of the part's own, so that adding a part changes no other part's rows."""
        return random.Random(f"{self.seed}:{part}")

    def insert(self, model, rows: Iterable[dict]) -> int:
        """Bulk-write dict rows into ``model``'s table; ``batch_id`` (if the table has one) is this load's."""
        cols = tuple(c.name for c in model.__table__.columns if c.name != "id")
        tuples = (tuple(self.batch_id if c == "batch_id" else r.get(c) for c in cols) for r in rows)
        return bulk.insert_rows(self.conn, model.__table__, cols, tuples)


@dataclass(frozen=True)
class Part:
    """Demo rows of tables the generator does not fill: ``load(ctx)`` writes them, returns how many."""

    name: str
    load: Callable[[PartContext], int]
    # the scales it runs at (None: every scale); a part that needs the city's years
    # (2019–2025) names the scales that have them
    scales: tuple[str, ...] | None = None

    def runs_at(self, scale: str) -> bool:
        return self.scales is None or scale in self.scales
