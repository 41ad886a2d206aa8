"""The deck as a PDF: the slide show's HTML (reporting.slide_html, 1280 × 720 px =
13.333 × 7.5 in, the PPTX's size) printed by Debian's Chromium through Playwright (``page.pdf``).

Chromium embeds the subset of 'Noto Sans CJK SC' it used and writes real text, so
the Chinese titles and figures can be searched and copied (``pdftotext`` finds
them); the charts are the same PNGs as in the PPTX. Why this and not LibreOffice:
see docs/decisions.md.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

from words.assets import asset_text

from .browser import chromium_args, chromium_path
from .slide_html import document
from .slides import Deck

PAGE_CSS = asset_text("css/slide-print.css")


def build_html(deck: Deck, pngs: dict[int, bytes]) -> str:
    """All slides as one HTML document, one 16:9 page per slide (the slide show's markup)."""
    return document(deck, pngs, PAGE_CSS)


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
            # tagged: headings, reading order and the charts' alternative text for a screen reader
            return page.pdf(
                width="13.333in",
                height="7.5in",
                print_background=True,
                prefer_css_page_size=True,
                tagged=True,
                outline=True,
            )
        finally:
            browser.close()


def build_pdf(deck: Deck, pngs: dict[int, bytes]) -> bytes:
    return html_to_pdf(build_html(deck, pngs))


def svg_to_png(svg: bytes, height: int) -> bytes:
    """An SVG (the emblem) drawn to PNG by Chromium, for the PPTX (which takes no SVG)."""

    def run() -> bytes:
        import base64

        from playwright.sync_api import sync_playwright

        src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
            try:
                page = browser.new_page(viewport={"width": height, "height": height})
                page.set_content(
                    f'<html><body style="margin:0;background:transparent"><img id="e" src="{src}" style="height:{height}px"></body></html>'
                )
                return page.locator("#e").screenshot(omit_background=True)
            finally:
                browser.close()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(run).result()
