"""The sizes the demo comes in: the city of the shared design §5, a province for
benchmarks, and a few province-shaped counties for quick tests of the bulk loader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    county_grid: tuple[int, int]  # counties across, down
    block: tuple[int, int] | None  # cells per county (province) or None: the city layout
    years: tuple[int, ...]
    villages_per_township: tuple[int, int]
    factor: float  # multiplies the city's totals
    # province scale only (benchmarks): indicators reported monthly by village instead
    # of by township, event volumes raised beyond ``factor``, volunteer teams per township
    village_monthly: tuple[str, ...] = ()
    event_factor: float = 1.0
    township_teams: bool = False

    @property
    def n_counties(self) -> int:
        return self.county_grid[0] * self.county_grid[1] if self.block else 8


CITY = Scale("city", (0, 0), None, tuple(range(2019, 2026)), (8, 22), 1.0)
PROVINCE = Scale(
    "province",
    (10, 10),
    (4, 4),
    tuple(range(2016, 2026)),
    (11, 23),
    12.5,
    village_monthly=("rehab_beneficiaries", "emp_training"),
    event_factor=8.0,
    township_teams=True,
)
# a few counties shaped like the province (village reporting, township teams): for tests
# of the bulk loader and the rollups, quick on every backend
COUNTIES = Scale(
    "counties",
    (2, 2),
    (2, 2),
    tuple(range(2022, 2026)),
    (6, 10),
    0.5,
    village_monthly=("rehab_beneficiaries", "emp_training"),
    event_factor=4.0,
    township_teams=True,
)
SCALES = {"city": CITY, "province": PROVINCE, "counties": COUNTIES}
