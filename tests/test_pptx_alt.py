"""Every picture of the PPTX deck has an alternative text worth reading: a chart says its slide's
finding, what it shows and its key figures; the emblem says whose it is."""

from __future__ import annotations

import io

from pptx import Presentation
from sqlalchemy import create_engine

from data_access.filters import Filters
from reporting.export import deck_pptx, make_deck

# a 1×1 PNG stands in for each chart (no browser needed to test the words around it)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e2"
    "21bc330000000049454e44ae426082"
)


def test_every_picture_has_alt_text_from_its_finding(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        deck = make_deck(conn, Filters(2025), "zh")
    pngs = {i: PNG for i, s in enumerate(deck.slides) if s.figure is not None}
    prs = Presentation(io.BytesIO(deck_pptx(deck, pngs)))
    charts = 0
    for slide, s in zip(prs.slides, deck.slides, strict=True):
        for shape in slide.shapes:
            if shape.shape_type != 13:  # a picture
                continue
            descr = shape._element.nvPicPr.cNvPr.get("descr")
            assert descr, (s.key, shape.name)
            if shape.name == "chart":
                charts += 1
                assert descr.startswith(s.title) and s.chart_caption.rstrip("。") in descr
                assert all(k.value in descr for k in s.figures)
    assert charts == len(pngs) > 5
