"""The deck as a PDF: the slides written as HTML pages (13.333 × 7.5 in, the PPTX's
boxes) and printed by Debian's Chromium through Playwright (``page.pdf``).

Chromium embeds the subset of 'Noto Sans CJK SC' it used and writes real text, so
the Chinese titles and figures can be searched and copied (``pdftotext`` finds
them); the charts are the same PNGs as in the PPTX. Why this and not LibreOffice:
see docs/decisions.md.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import html

from .browser import chromium_args, chromium_path
from .pptx import CHART, MARGIN, PANEL, panel_sizes
from .slides import Deck, Slide

CSS = """
@page { size: 13.333in 7.5in; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; color: #111827; }
.slide { position: relative; width: 13.333in; height: 7.5in; overflow: hidden; page-break-after: always;
         break-after: page; background: white; }
.slide:last-child { page-break-after: auto; break-after: auto; }
.box { position: absolute; }
.bar { position: absolute; left: 0; top: 0; width: 0.18in; height: 7.5in; background: #0072B2; }
.topbar { position: absolute; left: 0; top: 0; width: 13.333in; height: 0.35in; background: #0072B2; }
.section { font-size: 18pt; font-weight: 700; color: #0072B2; }
.title { font-size: 30pt; font-weight: 700; line-height: 1.2; }
.caption, .footer { font-size: 12pt; color: #4B5563; }
.label { font-size: 15pt; color: #4B5563; }
.value { font-size: 30pt; font-weight: 700; line-height: 1.25; }
.change { font-size: 13pt; color: #4B5563; }
.cover { text-align: center; }
.cover .title { font-size: 44pt; }
.chart img { width: 100%; height: 100%; object-fit: contain; object-position: left top; }
"""


def _box(left: float, top: float, width: float, height: float, cls: str, inner: str) -> str:
    return f'<div class="box {cls}" style="left:{left}in;top:{top}in;width:{width}in;height:{height}in">{inner}</div>'


def _e(s: str) -> str:
    return html.escape(s or "")


def _cover(deck: Deck, s: Slide) -> str:
    scope = ("范围：" if deck.lang == "zh" else "Scope: ") + deck.scope
    return (
        '<section class="slide cover"><div class="topbar"></div>'
        + _box(1.0, 1.6, 11.33, 0.6, "label", f'<span style="font-size:24pt">{_e(s.section)}</span>')
        + _box(1.0, 2.6, 11.33, 1.9, "title", _e(s.title))
        + _box(1.0, 4.5, 11.33, 0.6, "", f'<span style="font-size:26pt;color:#0072B2">{_e(s.subtitle)}</span>')
        + _box(
            1.0,
            5.4,
            11.33,
            1.0,
            "label",
            f'<div style="font-size:20pt">{_e(scope)}</div><div style="font-size:20pt">{_e(deck.date_text)}</div>',
        )
        + "</section>"
    )


def _content(deck: Deck, s: Slide, number: int, png: bytes | None) -> str:
    parts = ['<section class="slide"><div class="bar"></div>']
    parts.append(_box(MARGIN, 0.3, 12.1, 0.45, "section", _e(s.section)))
    parts.append(_box(MARGIN, 0.72, 12.1, 1.15, "title", _e(s.title)))
    left, top, width, height = CHART
    if png is not None:
        src = "data:image/png;base64," + base64.b64encode(png).decode()
        parts.append(_box(left, top, width, height, "chart", f'<img src="{src}" alt="{_e(s.chart_caption)}">'))
        parts.append(_box(left, top + height + 0.02, width, 0.3, "caption", _e(s.chart_caption)))
    left, top, width, height = PANEL
    step = min(height / max(len(s.figures), 1), 1.6)
    ls, vs, cs = panel_sizes(len(s.figures))
    for i, k in enumerate(s.figures):
        inner = (
            f'<div class="label" style="font-size:{ls}pt">{_e(k.label)}</div>'
            f'<div class="value" style="font-size:{vs}pt">{_e(k.value)}</div>'
        )
        if k.change:
            inner += f'<div class="change" style="font-size:{cs}pt">{_e(k.change)}</div>'
        parts.append(_box(left, top + i * step, width, step, "", inner))
    parts.append(_box(MARGIN, 7.05, 9.0, 0.35, "footer", _e(deck.footer)))
    parts.append(
        _box(11.3, 7.05, 1.6, 0.35, "footer", f'<div style="text-align:right">{number} / {len(deck.slides)}</div>')
    )
    parts.append("</section>")
    return "".join(parts)


def build_html(deck: Deck, pngs: dict[int, bytes]) -> str:
    """All slides as one HTML document, one 16:9 page per slide."""
    body = "".join(
        _cover(deck, s) if s.key == "cover" else _content(deck, s, i + 1, pngs.get(i))
        for i, s in enumerate(deck.slides)
    )
    lang = "zh-CN" if deck.lang == "zh" else "en"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(deck.slides[0].title)}</title>'
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def html_to_pdf(doc: str) -> bytes:
    """Print the HTML with Chromium. Playwright's sync API refuses to run in a thread that
    has an event loop running (a notebook, async test fixtures): then use a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print(doc)
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(_print, doc).result()


def _print(doc: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        try:
            page = browser.new_page()
            page.set_content(doc, wait_until="load")
            page.evaluate("document.fonts.ready")
            return page.pdf(width="13.333in", height="7.5in", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()


def build_pdf(deck: Deck, pngs: dict[int, bytes]) -> bytes:
    return html_to_pdf(build_html(deck, pngs))
