"""The PDF deck for those who cannot see the slides: tagged (a structure tree with the headings in
reading order) and every chart a Figure whose alternative text is its slide's finding. Read with
pypdf's structure: what a screen reader walks. Slow (Chromium prints the PDF)."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine

from data_access.filters import Filters
from reporting.export import deck_pdf, make_deck
from reporting.slide_html import alt_text

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("chromium") is None, reason="no Chromium")]

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e2"
    "21bc330000000049454e44ae426082"
)


def _walk(node, out: list) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for k in node:
            _walk(k, out)
        return
    if not hasattr(node, "get"):
        return
    s = node.get("/S")
    if s is not None:
        out.append((str(s), str(node.get("/Alt", "")), node))
    kids = node.get("/K")
    if kids is not None:
        _walk(kids, out)


def test_deck_pdf_is_tagged_with_headings_and_chart_alt_text(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        deck = make_deck(conn, Filters(2025), "zh")
    pngs = {i: PNG for i, s in enumerate(deck.slides) if s.figure is not None}
    reader = PdfReader(io.BytesIO(deck_pdf(deck, pngs)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "zh-CN"
    tree = root["/StructTreeRoot"]
    found: list = []
    _walk(tree.get("/K"), found)
    kinds = [s for s, _, _ in found]
    # the cover's title is the one H1, every content slide's title an H2, in the slides' order
    assert kinds.count("/H1") == 1
    assert kinds.count("/H2") == len(deck.slides) - 1
    assert kinds.index("/H1") < kinds.index("/H2")
    figures = [alt for s, alt, _ in found if s == "/Figure" and alt]
    expected = [alt_text(deck, s) for i, s in enumerate(deck.slides) if i in pngs]
    for want in expected:
        assert want in figures, want

    # the outline (bookmarks) lists the slides by their headings
    def flat(items) -> list:
        return [x for i in items for x in (flat(i) if isinstance(i, list) else [i])]

    titles = [str(o["/Title"]) for o in flat(reader.outline)]
    assert titles == [s.title for s in deck.slides]
