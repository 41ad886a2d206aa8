"""What every query is asked for: the years, the counties chosen, and the user's scope.

The scope is the set of counties a user may see (None: all). It is applied in SQL
by every query function through :func:`Filters.counties_in_scope`, so a crafted
URL or widget value can narrow what is shown but never widen it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Filters:
    year: int
    year_from: int | None = None  # trend range; defaults to `year`
    counties: tuple[str, ...] = ()  # chosen counties; () = whole city
    scope: tuple[str, ...] | None = field(default=None)  # counties allowed; None = all

    @property
    def first_year(self) -> int:
        return min(self.year_from or self.year, self.year)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.year + 1))

    def counties_in_scope(self) -> tuple[str, ...] | None:
        """Counties to filter on in SQL: None means no filter (whole city, unscoped).

        An empty tuple means nothing may be shown (chosen counties all outside scope).
        """
        if self.scope is None:
            return tuple(sorted(self.counties)) or None
        if not self.counties:
            return tuple(sorted(self.scope))
        return tuple(sorted(set(self.counties) & set(self.scope)))

    def with_year(self, year: int) -> Filters:
        return replace(self, year=year, year_from=None)

    def previous(self) -> Filters:
        return self.with_year(self.year - 1)
