"""From filters to files: the deck (PPTX, PDF), its charts (PNG) and the written
summary (.txt, .docx). The browser behind kaleido is started once per deck."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection

from data_access.filters import Filters
from words import i18n

from .data import gather
from .render import render_pngs
from .slides import Deck, build_deck, with_quality
from .summary import Summary, build_summary


def make_deck(
    conn: Connection,
    f: Filters,
    lang: str,
    today: dt.date | None = None,
    assessment: bool = False,
    quality_slide: bool = False,
    gap_slide: bool = False,
) -> Deck:
    from data_access import queries

    from .gap_slide import with_gaps

    d = gather(conn, f, today)
    deck = build_deck(d, lang, build_summary(d, lang), assessment=assessment)
    deck = with_quality(deck, queries.quality_summary(conn, f), queries.quality_approval_counts(conn, f), quality_slide)
    # the gap ledger's progress (整改台账, issue 32) when asked and the deck's area has gaps
    return with_gaps(deck, queries.gap_progress(conn, f), gap_slide) if gap_slide else deck


def make_summary(conn: Connection, f: Filters, lang: str) -> Summary:
    return build_summary(gather(conn, f), lang)


def chart_pngs(deck: Deck) -> dict[int, bytes]:
    """Every slide's chart as PNG (slide index → bytes), in one browser session."""
    charts = deck.charts()
    return dict(zip([i for i, _ in charts], render_pngs([fig for _, fig in charts]), strict=True))


def deck_pptx(deck: Deck, pngs: dict[int, bytes] | None = None) -> bytes:
    from .pptx import build_pptx

    return build_pptx(deck, chart_pngs(deck) if pngs is None else pngs)


def deck_pdf(deck: Deck, pngs: dict[int, bytes] | None = None) -> bytes:
    from .pdf import build_pdf

    return build_pdf(deck, chart_pngs(deck) if pngs is None else pngs)


def summary_docx(text: str, lang: str | None, issuer: str | None = None, date: dt.date | None = None) -> bytes:
    """The (possibly edited) summary or analysis text as a Word document in 公文 layout
    (see ``reporting.gongwen``), signed by ``issuer`` (the federation's name) on ``date``; the
    language is told from the text when ``lang`` is None (a text pasted in)."""
    from .gongwen import document

    if lang is None:
        cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
        lang = "zh" if cjk > len(text) * 0.1 else "en"
    return document(text, lang, issuer=issuer, date=date)


def issuer_name(city: str, lang: str) -> str:
    """The federation that signs a document: 示例市残疾人联合会."""
    return i18n.text("report_federation", lang, city=city)
