"""The deck's optional gap-ledger slide (整改台账): gaps listed, built, not yet built, overdue,
with the progress chart by county and its table. Kept apart from ``reporting.slides`` (being
rewritten); hook it in where the deck is assembled, like the quality slide::

    from .gap_slide import with_gaps
    deck = with_gaps(deck, queries.gap_progress(conn, f), gap_slide)

A city with no gaps gets no slide."""

from __future__ import annotations

import pandas as pd

from charts import gaps as gap_charts
from words.i18n import text

from .slides import Deck, KeyFigure, Slide


def gap_slide(progress: pd.DataFrame, area: str, lang: str) -> Slide | None:
    """The slide, or None when the ledger is empty for the deck's area."""
    n = gap_charts.progress_totals(progress)
    if n["opened"] == 0:
        return None
    figures = [
        KeyFigure(k, text(f"gaps_{k}", lang), f"{n[k]:,}", None, n[k]) for k in ("opened", "closed", "open", "overdue")
    ]
    return Slide(
        "gaps",
        text("gaps_slide_title", lang),
        gap_charts.progress_summary(progress, area, lang),
        figure=gap_charts.progress_figure(progress, lang) if len(progress) > 1 else None,
        chart_caption=text("gaps_chart_title", lang),
        figures=figures,
        table=gap_charts.progress_table(progress, lang),
    )


def with_gaps(deck: Deck, progress: pd.DataFrame, slide: bool = True) -> Deck:
    """The deck with the gap slide appended when asked and there are gaps."""
    s = gap_slide(progress, deck.scope, deck.lang) if slide else None
    if s is not None:
        deck.slides.append(s)
    return deck
