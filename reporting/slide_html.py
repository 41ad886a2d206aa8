"""The slides as HTML: one ``<section class="slide">`` of 1280 × 720 CSS px each (13.333 ×
7.5 in at 96 px an inch, the PPTX's size), self-contained — the charts are the deck's
PNGs inlined as data URIs, the emblem too, no script or font from anywhere else.

The same markup is printed to PDF (reporting.pdf) and shown on the 汇报 page as the slide
show (ui.slideshow), so what the video conference sees and what is sent ahead agree.
``FIT_JS`` shrinks a title or a figure that would not fit its box (a long county name,
a 10,000,000) instead of letting it wrap out of the frame.
"""

from __future__ import annotations

import base64
import html

import plotly.io as pio

from words.assets import asset_text
from words.i18n import text

from .slides import Deck, KeyFigure, Slide

W, H = 1280, 720

CSS = asset_text("css/slide.css")

# Shrinks the font of each [data-fit] box until its text fits (no overflow), never below
# half its size. Runs once a slide is laid out; box sizes are CSS px, so scaling the slide
# to a screen (transform) leaves the result unchanged.
FIT_JS = asset_text("js/slide-fit.js")


def _e(s: str) -> str:
    return html.escape(s or "")


NUMBER_LEFT = 1180  # the slide number's text starts right of this x (right-aligned to 1240)


def _box(
    left: int, top: int, width: int, height: int, cls: str, inner: str, fit: bool = False, heading: int = 0
) -> str:
    f = (" data-fit" if fit else "") + (f' role="heading" aria-level="{heading}"' if heading else "")
    return (
        f'<div class="box {cls}"{f} style="left:{left}px;top:{top}px;width:{width}px;height:{height}px">{inner}</div>'
    )


BODY_W = 1188  # the body's width, 52 to 1240: a slide without a chart uses all of it
BAND_H, BAND_GAP = 112, 24  # the key figures' band across the top of such a slide


def _figure(k: KeyFigure) -> str:
    inner = (
        f'<div class="label" data-fit style="height:24px">{_e(k.label)}</div>'
        f'<div class="value" data-fit style="height:44px">{_e(k.value)}</div>'
    )
    if k.change:
        inner += f'<div class="change" data-fit style="height:22px">{_e(k.change)}</div>'
    return inner


def alt_text(deck: Deck, s: Slide) -> str:
    """What a screen reader says for a slide's chart (PDF, HTML, PPTX): its finding, what it
    shows, its key figures."""
    lang = deck.lang
    figures = text("report_alt_join", lang).join(
        text("report_alt_label", lang, label=k.label, value=k.value) for k in s.figures
    )
    parts = [s.title, s.chart_caption, figures]
    return text("report_alt_sentence", lang).join(p.rstrip("。.") for p in parts if p) + text("report_full_stop", lang)


def cover_html(deck: Deck, s: Slide) -> str:
    scope = text("report_scope", deck.lang, scope=deck.scope)
    emblem = f'<img src="{deck.emblem}" alt="">' if deck.emblem else ""
    return (
        '<section class="slide cover" data-key="cover"><div class="topbar"></div>'
        + _box(560, 70, 160, 140, "emblem", emblem)
        + _box(100, 226, 1080, 44, "federation", _e(s.section), fit=True)
        + _box(80, 290, 1120, 170, "title", _e(s.title), fit=True, heading=1)
        + _box(100, 476, 1080, 48, "sub", _e(s.subtitle), fit=True)
        + _box(100, 548, 1080, 80, "meta", f"<div>{_e(scope)}</div><div>{_e(deck.date_text)}</div>", fit=True)
        + "</section>"
    )


def content_html(deck: Deck, s: Slide, number: int, png: bytes | None, drawn_there: bool = False) -> str:
    """A slide's markup. Its chart is ``png``, or with ``drawn_there`` an empty picture that
    the page's slide show draws from the figure (``data-chart`` = the slide's index)."""
    parts = [f'<section class="slide" data-key="{_e(s.key)}"><div class="bar"></div>']
    parts.append(_box(52, 20, 1180, 38, "section", _e(s.section), fit=True))
    parts.append(_box(52, 60, 1180, 100, "title", _e(s.title), fit=True, heading=2))
    listed = not (drawn_there and s.figure is not None) and png is None and bool(s.items)
    if drawn_there and s.figure is not None:
        img = f'<img data-chart="{number - 1}" alt="{_e(alt_text(deck, s))}">'
        parts.append(_box(44, 172, 800, 458, "chart", img))
        parts.append(_box(52, 634, 790, 30, "caption", _e(s.chart_caption), fit=True))
    elif png is not None:
        src = "data:image/png;base64," + base64.b64encode(png).decode()
        parts.append(_box(44, 172, 800, 458, "chart", f'<img src="{src}" alt="{_e(alt_text(deck, s))}">'))
        parts.append(_box(52, 634, 790, 30, "caption", _e(s.chart_caption), fit=True))
    elif listed:
        # a list instead of a chart: the key figures in a band across the top and the list the
        # whole width beneath, its rows sharing the height (not two lines atop half a slide)
        top = 172
        if s.figures:
            n = len(s.figures)
            w = (BODY_W - BAND_GAP * (n - 1)) // n
            for i, k in enumerate(s.figures):
                parts.append(_box(52 + i * (w + BAND_GAP), top, w, BAND_H, "kf", _figure(k)))
            top += BAND_H + 20
        rows = "".join(
            f'<div class="item"><div class="when">{_e(a)}</div><div class="what">{_e(b)}</div></div>'
            for a, b in s.items
        )
        parts.append(_box(52, top, BODY_W, 630 - top, "items wide", rows, fit=True))
        parts.append(_box(52, 634, BODY_W, 30, "caption", _e(s.chart_caption), fit=True))
    if not listed:  # beside the chart, down the right
        n = max(len(s.figures), 1)
        step = min(490 // n, 124)
        for i, k in enumerate(s.figures):
            parts.append(_box(868, 172 + i * step, 372, step - 8, "kf", _figure(k)))
    parts.append(_box(52, 680, 900, 30, "footer", _e(deck.footer), fit=True))
    parts.append(
        _box(1040, 680, 200, 30, "footer number", f'<div style="text-align:right">{number} / {len(deck.slides)}</div>')
    )
    parts.append("</section>")
    return "".join(parts)


def slides_html(deck: Deck, pngs: dict[int, bytes], drawn_there: bool = False) -> list[str]:
    """Each slide's markup, in order; with ``drawn_there`` the charts are left for the page
    to draw (:func:`chart_specs`), and ``pngs`` is not read."""
    return [
        cover_html(deck, s) if s.key == "cover" else content_html(deck, s, i + 1, pngs.get(i), drawn_there)
        for i, s in enumerate(deck.slides)
    ]


def chart_specs(deck: Deck) -> dict[str, str]:
    """Each slide's chart as plotly's JSON (slide index → JSON), for the browser to draw at
    the size the PNGs are rendered at (``CHART_W`` × ``CHART_H``)."""
    return {str(i): pio.to_json(fig, validate=False) for i, fig in deck.charts()}


def document(deck: Deck, pngs: dict[int, bytes], page_css: str = "") -> str:
    """All slides as one HTML document (the PDF's source), fitted once loaded."""
    lang = "zh-CN" if deck.lang == "zh" else "en"
    body = "".join(slides_html(deck, pngs))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(deck.slides[0].title)}</title>'
        f"<style>{CSS}{page_css}</style></head><body>{body}"
        f"<script>{FIT_JS}canlianFit(document);</script></body></html>"
    )
