"""What one generation produces: ``DemoData``, the rows of every table as plain dicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .scales import Scale

# columns of a reported value row as iter_values yields it
VALUE_COLS = ("indicator_code", "area_code", "county_code", "township_code", "year", "month", "value")
EVENT_KINDS = ("legal_aid", "infringement", "access", "activities", "volunteers", "donations")


@dataclass
class DemoData:
    scale: Scale
    areas: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    org_units: list[dict] = field(default_factory=list)
    staffing: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    legal_aid: list[dict] = field(default_factory=list)
    infringement: list[dict] = field(default_factory=list)
    access: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    volunteers: list[dict] = field(default_factory=list)
    donations: list[dict] = field(default_factory=list)
    # areas by (level, parent), rebuilt when areas grow (a province asks it per event)
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def _children(self, level: str, parent: str | None) -> list[dict]:
        n = self._index.get("n", 0)
        if n != len(self.areas):
            if n > len(self.areas):  # replaced, not appended to: start again
                self._index.clear()
                n = 0
            self._index["n"] = len(self.areas)
            for a in self.areas[n:]:
                self._index.setdefault((a["level"], None), []).append(a)
                if a["level"] == "township":
                    self._index.setdefault(("township", a["county_code"]), []).append(a)
                elif a["level"] == "village":
                    self._index.setdefault(("village", a["township_code"]), []).append(a)
        return list(self._index.get((level, parent), ()))

    def counties(self) -> list[dict]:
        return self._children("county", None)

    def townships(self, county: str | None = None) -> list[dict]:
        return self._children("township", county)

    def villages(self, township: str | None = None) -> list[dict]:
        return self._children("village", township)
