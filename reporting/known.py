"""What each figure of a report knows and does not know, for the sentences that state it
(the shared design §3a), read from the data layer's one notion of completeness
(:mod:`data_access.completeness`): the counties whose figure is in it, the counties that
have not reported the year (missing — never written as 0, never compared with last year's
full total), the counties with months missing, and the change computed like for like over
the counties complete in both years (``kpis_complete``'s ``value_cmp``/``previous_cmp``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_access.completeness import Coverage

# year-end stocks carried from the organisation records
STOCK_PREFIX = "org_"


@dataclass(frozen=True)
class Known:
    code: str
    present: tuple[str, ...] = ()  # counties with this figure in the year (a zero included)
    missing: tuple[str, ...] = ()  # counties expected that have not reported it
    partial: tuple[str, ...] = ()  # present with months not delivered
    gaps: dict[str, tuple[int, ...]] = field(default_factory=dict)  # county -> months missing
    left_out: tuple[str, ...] = ()  # counties not in the like-for-like comparison
    compared: int = 0  # counties in the comparison
    like_value: float | None = None  # the year over the counties compared
    like_previous: float | None = None  # the year before over the same counties
    summable: bool = False

    @property
    def incomplete(self) -> bool:
        """Some county is missing or has months missing: the change is stated like for like."""
        return bool(self.missing or self.partial)


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]


def know(kpis: pd.DataFrame, cov: dict[str, Coverage]) -> dict[str, Known]:
    """``kpis``: ``kpis_complete`` indexed by code; ``cov``: ``completeness_many`` of the year."""
    out = {}
    for code, r in kpis.iterrows():
        c = cov.get(code)
        if c is None:
            out[code] = Known(code)
            continue
        out[code] = Known(
            code,
            tuple(c.present),
            tuple(c.missing),
            tuple(c.partial),
            dict(c.gaps),
            tuple(x for x in str(r.get("left_out") or "").split("、") if x),
            int(r.get("n_compared") or 0),
            _num(r.get("value_cmp")),
            _num(r.get("previous_cmp")),
            r.get("aggregation") == "sum",
        )
    return out


def silent(cov: dict[str, Coverage]) -> tuple[str, ...]:
    """Counties missing for every figure they were expected to give (not a stock): they have not
    reported the year at all."""
    sets = [set(c.missing) for code, c in cov.items() if not code.startswith(STOCK_PREFIX) and c.expected]
    if not sets:
        return ()
    both = set.intersection(*sets)
    order = next(c.expected for code, c in cov.items() if not code.startswith(STOCK_PREFIX) and c.expected)
    return tuple(x for x in order if x in both)
