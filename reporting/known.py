"""What each figure of a report knows and does not know, for the sentences that state it
(the shared design §3a): the counties whose figure is in it, the counties that have not
reported the year (missing — never written as 0, never compared with last year's full
total), and the change computed like for like over the counties present in both years.

A county that reported the year but has no row of one indicator has zero of it (its rows
were deleted, or it had none); a county with no figure at all for the year has not reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# year-end stocks carried from the organisation records: present in a year nobody reported
STOCK_PREFIX = "org_"


@dataclass(frozen=True)
class Known:
    code: str
    present: tuple[str, ...] = ()  # counties with this figure in the year (a zero included)
    silent: tuple[str, ...] = ()  # counties in scope with no figure at all for the year
    missing: tuple[str, ...] = ()  # silent counties that had this figure the year before
    like_value: float | None = None  # the year over counties present in both years (sums only)
    like_previous: float | None = None  # the year before over the same counties
    summable: bool = False

    @property
    def partial(self) -> bool:
        return bool(self.missing)


def reported(by_county: pd.DataFrame, year: int) -> set[str]:
    """Counties with at least one figure (not a stock) in ``year``."""
    if by_county.empty:
        return set()
    d = by_county[(by_county["year"] == year) & by_county["value"].notna() & by_county["county_code"].notna()]
    d = d[~d["code"].str.startswith(STOCK_PREFIX)]
    return set(d["county_code"])


def know(by_county: pd.DataFrame, kpis: pd.DataFrame, year: int, scope: tuple[str, ...]) -> dict[str, Known]:
    """``by_county``: indicator_series by (county, year) for the year and the one before;
    ``kpis``: the dictionary rows (aggregation); ``scope``: the counties in view."""
    now = reported(by_county, year)
    before = reported(by_county, year - 1)
    silent = tuple(c for c in scope if c not in now)
    out: dict[str, Known] = {}
    for code in kpis.index:
        d = by_county[(by_county["code"] == code) & by_county["county_code"].notna()] if len(by_county) else by_county
        cur = d[(d["year"] == year) & d["value"].notna()].set_index("county_code")["value"] if len(d) else pd.Series()
        prev = d[(d["year"] == year - 1) & d["value"].notna()].set_index("county_code")["value"] if len(d) else cur
        summable = kpis.loc[code, "aggregation"] == "sum"
        stock = str(code).startswith(STOCK_PREFIX)
        missing = () if stock else tuple(c for c in silent if c in prev.index)
        like_v = like_p = None
        if summable and len(prev):
            # counties present in both years; one that reported the year without this figure has 0 of it
            both = [c for c in prev.index if c in now and c in before]
            if both:
                like_v = float(sum(float(cur.get(c, 0.0)) for c in both))
                like_p = float(prev[both].sum())
        out[code] = Known(
            code,
            tuple(cur.index),
            () if stock else silent,
            missing,
            like_v,
            like_p,
            summable,
        )
    return out


def zero_by_absence(by_county: pd.DataFrame, code: str, year: int) -> list[str]:
    """Counties that reported ``year`` and had ``code`` the year before, but have no row of it
    now: their figure is 0 (a −100 % fall), not missing."""
    now = reported(by_county, year)
    d = by_county[(by_county["code"] == code) & by_county["value"].notna()]
    had = set(d[d["year"] == year - 1]["county_code"].dropna())
    has = set(d[d["year"] == year]["county_code"].dropna())
    return sorted(c for c in had if c in now and c not in has)
