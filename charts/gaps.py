"""The gap ledger (整改台账) drawn: progress by county (a stacked bar of built, open and
overdue gaps), its one-line summary and its numbers as a table, and the ledger as a table in
the user's language. Pure: frames in (``queries.gap_progress``, ``queries.gap_ledger``), figures
and frames out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.memo import memo
from words import fmt
from words.i18n import text

from .basic import grouped_bars_labelled

PROGRESS = ("opened", "closed", "verified", "open", "overdue")
STACK = ("closed", "on_time", "overdue")  # the stacked parts: built, open within its deadline, overdue


def progress_totals(progress: pd.DataFrame) -> dict[str, int]:
    return {k: int(progress[k].sum()) if not progress.empty else 0 for k in PROGRESS}


def progress_summary(progress: pd.DataFrame, area: str, lang: str) -> str:
    """One sentence: listed, built (verified), not yet built, overdue — and who has most overdue."""
    n = progress_totals(progress)
    if n["opened"] == 0:
        return text("gaps_none", lang)
    out = text("gaps_summary", lang, area=area, **n)
    late = progress[progress["overdue"] > 0]
    if len(progress) > 1 and not late.empty:
        top = int(late["overdue"].max())
        names = late.loc[late["overdue"] == top, "county_name"].fillna("—").tolist()
        out += text("gaps_summary_most", lang, names=fmt.items(names, lang), n=top)
    return out


def progress_table(progress: pd.DataFrame, lang: str) -> pd.DataFrame:
    """County × (listed, built, verified, not yet built, overdue): the chart's numbers."""
    cols = {"county_name": text("gaps_county", lang)} | {k: text(f"gaps_{k}", lang) for k in PROGRESS}
    return progress[list(cols)].rename(columns=cols).reset_index(drop=True)


@memo
def progress_figure(progress: pd.DataFrame, lang: str) -> go.Figure:
    """Per county one bar of its gaps split into built, open within the deadline and overdue
    (colour and fill pattern, each part's count written on it)."""
    labels = {
        "closed": text("gaps_closed", lang),
        "on_time": text("gaps_open", lang),
        "overdue": text("gaps_overdue", lang),
    }
    rows = []
    for r in progress.itertuples():
        parts = {"closed": r.closed, "on_time": r.open - r.overdue, "overdue": r.overdue}
        # a part of none has no bar and no "0" label on top of the bar, but keeps its series (and colour)
        rows += [{"county": r.county_name or "—", "part": labels[k], "n": int(parts[k]) or None} for k in STACK]
    df = pd.DataFrame(rows, columns=["county", "part", "n"])
    fig = grouped_bars_labelled(
        df, "county", "n", "part", x_title=text("gaps_county", lang), y_title=text("gaps_count_axis", lang),
        text="%{y:.0f}",
    )  # fmt: skip
    fig.update_layout(barmode="stack", height=420, legend={"y": 1.1, "orientation": "h"})
    return fig


LEDGER = {
    "county_name": "gaps_col_county",
    "township_name": "gaps_col_township",
    "name": "gaps_col_name",
    "level": "gaps_col_level",
    "missing": "gaps_col_missing",
    "state": "gaps_col_state",
    "owner_unit": "gaps_col_owner",
    "owner_person": "gaps_col_person",
    "deadline": "gaps_col_deadline",
    "opened_on": "gaps_col_opened",
    "closed_on": "gaps_col_closed",
    "days_overdue": "gaps_col_overdue",
    "evidence": "gaps_col_evidence",
    "notes": "gaps_col_notes",
}


def filter_ledger(
    ledger: pd.DataFrame, states: list[str] | None = None, levels: list[str] | None = None, overdue_only: bool = False
) -> pd.DataFrame:
    out = ledger
    if states:
        out = out[out["state"].isin(states)]
    if levels:
        out = out[out["level"].isin(levels)]
    if overdue_only:
        out = out[out["days_overdue"] > 0]
    return out.reset_index(drop=True)


def ledger_table(ledger: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ledger as shown and downloaded: coded values in words, the columns in the language."""
    df = ledger[list(LEDGER)].copy()
    df["level"] = [text(f"level_{v}", lang) for v in df["level"]]
    df["missing"] = [text(f"missing_{v}", lang) for v in df["missing"]]
    df["state"] = [text(f"state_{v}", lang) for v in df["state"]]
    df["township_name"] = [
        t if lv == text("level_village", lang) else "" for t, lv in zip(df["township_name"], df["level"], strict=True)
    ]
    df = df.astype(object).where(df.notna(), "—")  # an empty cell reads as a dash, never "None"
    return df.rename(columns={k: text(v, lang) for k, v in LEDGER.items()})


def gap_label(row: pd.Series | dict, lang: str) -> str:
    """“青林县 · 东山镇 · 未建立组织 · 推进中”: a gap as a choice in the update form."""
    parts = [
        row["county_name"] or "",
        row["name"],
        text(f"missing_{row['missing']}", lang),
        text(f"state_{row['state']}", lang),
    ]
    return " · ".join(p for p in parts if p)
