"""The one step that ends every load: rollups of the touched slices, the data version, the audit row.

Every writer of data — an import (``loading.load``), boundaries (``geo_load``), the demo
(``demo.load``) — writes its rows and then calls :func:`finish_load` in the same
transaction, before it commits:

1. the data version goes up by one, in SQL (``db.bump_data_version``). Its row stays
   locked until the load commits, so the finish steps of two concurrent loads run one
   after the other and each sees the other's committed facts;
2. the rollup tables (``rollups``) are recomputed for the (county, year) slices the
   load changed, and only those — a one-row correction rewrites one small slice, not a
   province's rollups. If the rollups were not current before this load (a hand
   edit, an interrupted rebuild), everything is recomputed instead, so they are never
   marked current while wrong;
3. the rollups are marked current for the new version, the results shared by the app
   processes (``result_cache``) are deleted — all of them are of older versions now — and
   the audit row is written.

Nothing shows until the load commits; a load that fails anywhere leaves all of it undone.
Account changes are not loads: they change no figure, so they keep the data version
(bumping it would empty every user's cached pages) and write their audit rows themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Table

from . import db, result_cache, rollups
from .auth import audit as write_audit
from .gap_sync import sync_gaps

__all__ = ["Audit", "Finished", "Touched", "finish_load"]


@dataclass(frozen=True)
class Touched:
    """The (county, year) slices whose facts a load added, changed or removed.

    ``county`` is None for city-level records. ``everything``: a load that may have
    changed any slice (the demo, a bulk load of a whole table). ``coverage``: a load of
    areas or organisations, which changes the coverage counts (``rollups.refresh_coverage``).
    """

    slices: frozenset[tuple[str | None, int]] = frozenset()
    everything: bool = False
    coverage: bool = False

    @classmethod
    def all(cls) -> Touched:
        return cls(everything=True)

    @classmethod
    def nothing(cls) -> Touched:
        return cls()

    @classmethod
    def rows(cls, table: Table | str, rows: Iterable[Mapping]) -> Touched:
        """The slices of ``rows`` (dicts with ``county_code`` and ``year``) of ``table``;
        none if the table is not added up in the rollups (shapes); areas and
        organisations touch the coverage counts."""
        if not rollups.fed_by(table):
            return cls(coverage=rollups.feeds_coverage(table))
        return cls(frozenset((r.get("county_code"), int(r["year"])) for r in rows if r.get("year") is not None))

    def __or__(self, other: Touched) -> Touched:
        return Touched(self.slices | other.slices, self.everything or other.everything, self.coverage or other.coverage)


@dataclass(frozen=True)
class Audit:
    """The audit row a load writes: who, what (``load``, ``geo_load``, ``demo_load``…), details."""

    username: str
    action: str
    detail: str | None = None


@dataclass(frozen=True)
class Finished:
    """What a finish step did: the new data version, summary rows rewritten, whether all of them."""

    version: str
    summary_rows: int
    full: bool


def finish_load(conn: Connection, touched: Touched, audit: Audit | None = None) -> Finished:
    """End a load in its own transaction (see the module's text); never commits."""
    version = db.bump_data_version(conn)  # first: the version row's lock orders concurrent finishes
    was_current = rollups.summary_version(conn) == str(int(version) - 1)
    full = touched.everything or not was_current
    if full:
        rows = rollups.refresh_rollups(conn)
    elif touched.slices:
        rows = rollups.refresh_slices(conn, touched.slices)
    else:
        rows = 0
    if touched.coverage and not full:
        rows += rollups.refresh_coverage(conn)
    if touched.coverage or touched.everything:  # the gap ledger follows the coverage data (issue 32)
        sync_gaps(conn)
    rollups.mark_current(conn, version)
    result_cache.drop_all(conn)
    if audit is not None:
        write_audit(conn, audit.username[:64], audit.action[:32], audit.detail)
    return Finished(version, rows, full)
