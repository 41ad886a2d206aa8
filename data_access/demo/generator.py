"""The demo city 示例市 (and, scaled up, a demo province), deterministic by seed.

The report year is 2025. Its whole-city figures are exactly ``TARGETS_2025`` (the
shared design §5, the work summary's figures); earlier years grow towards them,
counties differ by size and by their own pace, 2020 has the dip of a year of closures,
and organisation coverage has gaps that close by 2025.

This module only puts the parts together, each from its own random stream, in a fixed
order (the same seed gives the same rows):

* ``areas`` — areas and their geometry;
* ``organisations`` — federations, associations, party groups, staffing;
* ``indicator_values`` — the reported monthly and yearly figures;
* ``events`` — cases, projects, activities, volunteer records, donations.

The figures they aim at and the whole-unit splitting are in ``figures``; the sizes in
``scales``. Demo data of other tables (a plan, a reporting history) are loaded as
parts (``data_access.demo.parts``), after these.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .areas import build_areas
from .events import build_events, iter_events
from .indicator_values import build_values, iter_values
from .organisations import build_orgs
from .rows import EVENT_KINDS, VALUE_COLS, DemoData
from .scales import SCALES, Scale
from .totals import CITY_CODE, REPORT_YEAR, TARGETS_2025, alloc

__all__ = [
    "CITY_CODE",
    "EVENT_KINDS",
    "REPORT_YEAR",
    "SCALES",
    "TARGETS_2025",
    "VALUE_COLS",
    "DemoData",
    "Scale",
    "alloc",
    "generate",
    "generate_head",
    "iter_facts",
]


def generate_head(scale: str = "city", seed: int = 2025) -> DemoData:
    """Areas, shapes, organisations and staffing (small even for a province); no facts yet."""
    data = DemoData(SCALES[scale])
    build_areas(data, random.Random(seed), seed)
    build_orgs(data, random.Random(seed + 1))
    return data


def iter_facts(data: DemoData, seed: int = 2025) -> Iterator[tuple[str, tuple | dict]]:
    """The facts of ``generate_head(scale, seed)`` as a stream: ("values", tuple in
    ``VALUE_COLS`` order) rows first, then (kind, dict) event rows. The same rows, in
    the same order, as ``generate`` puts in its lists — without holding them all."""
    for row in iter_values(data, random.Random(seed + 2)):
        yield "values", row
    yield from iter_events(data, random.Random(seed + 3))


def generate(scale: str = "city", seed: int = 2025) -> DemoData:
    """The whole demo dataset as plain rows; same seed, same rows."""
    data = generate_head(scale, seed)
    build_values(data, random.Random(seed + 2))
    build_events(data, random.Random(seed + 3))
    return data
