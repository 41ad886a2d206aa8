"""The deck as a PowerPoint file (python-pptx), 16:9.

The default template's layouts keep their placeholders where they were for 4:3 when
the slide size changes, so every slide uses the blank layout and its text boxes and
pictures are placed here. Every run names its Latin *and* East Asian font
('Noto Sans CJK SC'): without an explicit Simplified Chinese face, LibreOffice and
WPS pick the Japanese face of Noto CJK. The written summary goes in the speaker notes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from words.i18n import text

from .slide_html import alt_text
from .slides import Deck, KeyFigure, Slide

FONT = "Noto Sans CJK SC"
W, H = Inches(13.333), Inches(7.5)
BLUE = RGBColor(0x00, 0x72, 0xB2)
INK = RGBColor(0x11, 0x18, 0x27)
GREY = RGBColor(0x4B, 0x55, 0x63)
# where things go (inches); the PDF's HTML uses the same boxes
MARGIN = 0.6
CHART = (0.5, 2.0, 8.3, 4.75)  # left, top, width, height (chart PNGs are 1100 × 630 → 1.746)
PANEL = (9.1, 2.0, 3.75, 4.95)
BODY = (0.5, 2.0, 12.35, 4.75)  # a slide without a chart: all of the body, 0.5 to 12.85 in
BAND_H, BAND_GAP = 1.3, 0.3  # its key figures' band across the top
CAPTION_TOP = CHART[1] + CHART[3] + 0.02


def panel_sizes(n: int) -> tuple[float, float, float]:
    """Point sizes of a key figure's label, value and change when the panel holds n."""
    return (15, 30, 13) if n <= 3 else (14, 26, 12) if n == 4 else (13, 24, 12)


def _font(run, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = color
    run.font.name = FONT
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", FONT)


def _text(
    slide,
    box: tuple[float, float, float, float],
    lines: Sequence[tuple[str, float, bool, RGBColor]],
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
    name: str | None = None,
):
    tb = slide.shapes.add_textbox(*(Inches(v) for v in box))
    if name:
        tb.name = name
    tf = tb.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # the viewer shrinks a long title into its box
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    for i, (s, size, bold, color) in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = s
        _font(run, size, bold, color)
    return tb


def _rect(slide, box, rgb: RGBColor) -> None:
    shp = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
    shp.fill.solid()
    shp.fill.fore_color.rgb = rgb
    shp.line.fill.background()


def _notes(slide, text: str) -> None:
    if not text:
        return
    tf = slide.notes_slide.notes_text_frame
    tf.text = text
    for p in tf.paragraphs:
        for r in p.runs:
            _font(r, 12)


def _emblem_png(deck: Deck) -> bytes | None:
    """The emblem as PowerPoint can place it: a PNG as it is; an SVG drawn to PNG by
    Chromium (python-pptx takes no SVG)."""
    if not deck.emblem.startswith("data:"):
        return None
    head, b64 = deck.emblem.split(",", 1)
    data = base64.b64decode(b64)
    if "image/png" in head:
        return data
    try:
        from .pdf import svg_to_png

        return svg_to_png(data, 320)
    except Exception:  # no browser: the cover goes without the emblem rather than failing
        return None


def _alt(pic, text: str) -> None:
    pic._element.nvPicPr.cNvPr.set("descr", text)


def _cover(prs, deck: Deck, s: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _rect(slide, (0, 0, 13.333, 0.27), BLUE)
    if (png := _emblem_png(deck)) is not None:
        pic = slide.shapes.add_picture(io.BytesIO(png), Inches(5.83), Inches(0.73), height=Inches(1.46))
        pic.left = int((W - pic.width) / 2)
        pic.name = "emblem"
        _alt(pic, text("report_emblem", deck.lang, federation=deck.federation))
    _text(slide, (1.0, 2.3, 11.33, 0.5), [(s.section, 26, True, BLUE)], PP_ALIGN.CENTER, name="federation")
    _text(slide, (0.8, 3.0, 11.73, 1.8), [(s.title, 42, True, INK)], PP_ALIGN.CENTER, MSO_ANCHOR.MIDDLE, "title")
    _text(slide, (1.0, 4.95, 11.33, 0.55), [(s.subtitle, 26, False, BLUE)], PP_ALIGN.CENTER)
    scope = text("report_scope", deck.lang, scope=deck.scope)
    _text(slide, (1.0, 5.7, 11.33, 1.0), [(scope, 20, False, GREY), (deck.date_text, 20, False, GREY)], PP_ALIGN.CENTER)
    _notes(slide, s.notes)


def _figure(slide, box: tuple[float, float, float, float], k: KeyFigure, sizes: tuple[float, float, float]) -> None:
    ls, vs, cs = sizes
    lines = [(k.label, ls, False, GREY), (k.value, vs, True, INK)]
    if k.change:
        lines.append((k.change, cs, False, GREY))
    _text(slide, box, lines, name=f"figure_{k.code}")


def _listed(slide, deck: Deck, s: Slide) -> None:
    """A slide with a list and no chart (the lectures): its key figures in a band across the
    top, the list the body's whole width beneath, spaced down to the caption."""
    left, top, width, _ = BODY
    if s.figures:
        n = len(s.figures)
        w = (width - BAND_GAP * (n - 1)) / n
        for i, k in enumerate(s.figures):
            _figure(slide, (left + i * (w + BAND_GAP), top, w, BAND_H), k, panel_sizes(1))
        top += BAND_H + 0.2
    height = CAPTION_TOP - 0.05 - top
    gap = text("report_item_gap", deck.lang)
    lines = [(f"{a}{gap}{b}", 22, False, INK) for a, b in s.items]
    tb = _text(slide, (left, top, width, height), lines, name="items")
    for p in tb.text_frame.paragraphs:
        p.space_after = Pt(max(6.0, min(24.0, height * 72 / len(s.items) / 4)))
    _text(slide, (left, CAPTION_TOP, width, 0.3), [(s.chart_caption, 12, False, GREY)])


def _content(prs, deck: Deck, s: Slide, number: int, png: bytes | None) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _rect(slide, (0, 0, 0.18, 7.5), BLUE)
    _text(slide, (MARGIN, 0.3, 12.1, 0.45), [(s.section, 18, True, BLUE)])
    _text(slide, (MARGIN, 0.72, 12.1, 1.15), [(s.title, 30, True, INK)], anchor=MSO_ANCHOR.TOP, name="title")
    if png is not None:
        left, top, width, height = CHART
        pic = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))
        if pic.height > Inches(height):  # keep the picture's proportions inside its box
            ratio = Inches(height) / pic.height
            pic.height = Emu(int(pic.height * ratio))
            pic.width = Emu(int(pic.width * ratio))
        pic.name = "chart"
        _alt(pic, alt_text(deck, s))
        _text(slide, (left, top + height + 0.02, width, 0.3), [(s.chart_caption, 12, False, GREY)])
    elif s.items:  # a list instead of a chart: the key figures across the top, the list the whole width beneath
        _listed(slide, deck, s)
    if png is not None or not s.items:
        left, top, width, height = PANEL
        n = max(len(s.figures), 1)
        step = min(height / n, 1.6)
        for i, k in enumerate(s.figures):
            _figure(slide, (left, top + i * step, width, step), k, panel_sizes(n))
    _text(slide, (MARGIN, 7.05, 9.0, 0.35), [(deck.footer, 12, False, GREY)])
    _text(slide, (11.3, 7.05, 1.6, 0.35), [(f"{number} / {len(deck.slides)}", 12, False, GREY)], PP_ALIGN.RIGHT)
    _notes(slide, s.notes)


def build_pptx(deck: Deck, pngs: dict[int, bytes]) -> bytes:
    """The deck as .pptx bytes; ``pngs`` maps a slide's index to its chart image."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    prs.core_properties.title = deck.slides[0].title
    prs.core_properties.author = deck.federation
    prs.core_properties.language = "zh-CN" if deck.lang == "zh" else "en"
    for i, s in enumerate(deck.slides):
        if s.key == "cover":
            _cover(prs, deck, s)
        else:
            _content(prs, deck, s, i + 1, pngs.get(i))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
