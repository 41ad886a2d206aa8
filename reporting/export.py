"""From filters to files: the deck (PPTX, PDF), its charts (PNG) and the written
summary (.txt, .docx). The browser behind kaleido is started once per deck."""

from __future__ import annotations

import datetime as dt
import io
import re

from sqlalchemy import Connection

from data_access.filters import Filters

from .data import gather
from .render import render_pngs
from .slides import Deck, build_deck, with_quality
from .summary import Summary, build_summary

FONT = "Noto Sans CJK SC"


def make_deck(
    conn: Connection, f: Filters, lang: str = "zh", today: dt.date | None = None, quality_slide: bool = False
) -> Deck:
    from data_access import queries

    d = gather(conn, f, today)
    deck = build_deck(d, lang, build_summary(d, lang))
    return with_quality(deck, queries.quality_summary(conn, f), queries.quality_approval_counts(conn, f), quality_slide)


def make_summary(conn: Connection, f: Filters, lang: str = "zh") -> Summary:
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


HEADING = re.compile(r"^([一二三四五六七八九十]+、|\d+(\.\d+)*\.? )")


def summary_docx(text: str) -> bytes:
    """The (possibly edited) summary text as a Word document: the first line the title,
    lines like 一、… / 3.1 … headings, the rest paragraphs; Chinese font named."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    for style in ("Normal", "Title", "Heading 1"):
        st = doc.styles[style]
        st.font.name = FONT
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)
    doc.styles["Normal"].font.size = Pt(12)
    lines = [ln.strip() for ln in text.splitlines()]
    first = True
    for ln in lines:
        if not ln:
            continue
        if first:
            doc.add_heading(ln, level=0)
            first = False
        elif HEADING.match(ln):
            doc.add_heading(ln, level=1)
        else:
            p = doc.add_paragraph(ln)
            p.paragraph_format.first_line_indent = Pt(24)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
