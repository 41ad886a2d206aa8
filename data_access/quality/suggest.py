"""The report and period a load covers, inferred from what the file holds (issue 27, point 6):
a load by the city's staff is a submission when it covers one report period, so the Data
page proposes it instead of silently loading "仅导入"."""

from __future__ import annotations

from dataclasses import dataclass

from .periods import ReportDef, period_label


@dataclass(frozen=True)
class Suggestion:
    """``report`` and ``period`` ((year, month or quarter or None)) for ``load_file``; or, when
    the file holds several periods, none, with ``periods`` saying how many and which."""

    report: str | None
    period: tuple[int, int | None] | None
    label: str  # 2025年3月 / 2025年 / 2025年1月—2025年12月
    n_periods: int


def suggest_submission(kind: str, periods: tuple[tuple[int, int], ...], reports: list[ReportDef]) -> Suggestion | None:
    """What report period a file of ``kind`` whose records fall in ``periods`` ((year, month),
    month 0 for yearly figures) covers: the finest declared county report that covers the kind
    and has exactly one period holding all the records. None when no report covers the kind
    or the file is empty."""
    if not periods:
        return None
    covering = [
        r
        for r in reports
        if r.level == "county" and (r.covers_record(kind) or any(c.startswith(f"{kind}:") for c in r.covers))
    ]
    order = {"month": 0, "quarter": 1, "flash": 2, "year": 3}
    for rep in sorted(covering, key=lambda r: order.get(r.period, 9)):
        held = {(y, rep.record_period(y, m)) for y, m in periods}
        if None in {no for _, no in held}:
            continue  # some records are not part of this report's periods
        if len(held) == 1:
            (year, no) = next(iter(held))
            assert no is not None  # records outside the report's periods were passed over above
            return Suggestion(
                rep.code,
                (year, no if rep.period in ("month", "quarter") else None),
                period_label(rep.period, year, no),
                1,
            )
    first, last = periods[0], periods[-1]
    fine = covering[0] if covering else None
    if fine is None:
        return None
    pe = "month" if first[1] else "year"
    label = f"{period_label(pe, first[0], first[1] or 0)}—{period_label(pe, last[0], last[1] or 0)}"
    return Suggestion(None, None, label, len(periods))
