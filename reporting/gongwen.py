"""A text (title line, headings, paragraphs) as a Word document in 公文 layout (GB/T 9704-2012).

What the standard asks and where it is done here:

- A4; 上白边 37 mm, 订口 (left) 28 mm, 版心 156 × 225 mm (so right 26 mm, bottom 35 mm): :func:`_page`.
- 22 lines of 28 characters in the 版心: a line grid (``w:docGrid`` type lines, pitch 579 twips =
  28.95 pt) with the same exact line spacing, and the characters 0.25 pt closer than their 16 pt
  (15.75 pt a character: 28 fit in 156 mm = 442.2 pt, 29 do not), so Word, WPS and LibreOffice
  all lay out 28 × 22 (:func:`_page`, :func:`_defaults`).
- Fonts by their official names whatever this machine has — title 方正小标宋简体 二号, body 仿宋_GB2312
  三号, 一、 headings 黑体, （一） headings 楷体_GB2312, page numbers 宋体 四号 — with the fall-backs
  declared in the font table (``w:altName`` 仿宋 / 楷体 / 宋体 / SimHei, GB2312 charset, PANOSE,
  family), so an office PC without the GB2312 faces substitutes the Windows ones, and the
  East-Asian language zh-CN, so LibreOffice on a server picks the Simplified Chinese face of
  whatever CJK font it has (:data:`OFFICIAL`, :func:`_font_table`).
- The title kept whole: broken at a phrase into lines no wider than the 版心 (:func:`title_lines`).
- Page numbers "— N —" in 4号 半角宋体 below the 版心, odd pages right and even pages left, one
  character in (:func:`_page_numbers`).
- 落款: the issuing body right-aligned two characters in, the date (Arabic numerals) a line below,
  starting two characters right of the body's first character (:func:`_signature`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

OFFICIAL = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "page": "宋体",
}
# name → (altName, PANOSE, family, pitch): what Word/WPS read to substitute a missing face
FONT_TABLE = {
    "方正小标宋简体": ("宋体", "02000000000000000000", "script", "variable"),
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "02010609030101010101", "modern", "fixed"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
    "宋体": ("SimSun", "02010600030101010101", "auto", "variable"),
}
LATIN = "Times New Roman"

PT_TITLE = 22  # 二号
PT_BODY = 16  # 三号
PT_PAGE = 14  # 四号
LINES, CHARS = 22, 28
TYPE_W_MM, TYPE_H_MM = 156, 225
TWIPS_PER_MM = 1440 / 25.4
LINE_PITCH_TW = 579  # 225 mm / 22 = 579.9 twips, rounded down so 22 lines always fit
LINE_PITCH = LINE_PITCH_TW / 20  # pt
CHAR_PITCH = TYPE_W_MM * 72 / 25.4 / CHARS  # 15.79 pt
CONDENSE_TW = -5  # character spacing in twips (1/20 pt)
TITLE_CHARS = int(TYPE_W_MM * 72 / 25.4 // PT_TITLE) - 1  # 20 characters of 二号 in the 版心, less one to spare

HEADING_MAX = 40
H1 = re.compile(r"^([一二三四五六七八九十]+、|\d+\. )")
ANNEX = re.compile(r"^(附[：:]|附件|Annex\b)")
NOTE = re.compile(r"^（(本|数据).{4,}）$")  # 附注: "（数据截至…）", the text's last line
H2 = re.compile(r"^(（[一二三四五六七八九十]+）|\d+\.\d+ )")

# where a title may break: after these words (a place, a year, "关于", a body) or before these
BREAK_AFTER = ("关于", "年度", "年", "市", "县", "区", "联合会", "残联", "的", "、", "和")
BREAK_BEFORE = ("（", "工作", "情况", "通报", "报告", "总结", "分析", "考核", "结果", "残疾人事业")
# words a title never breaks inside
WHOLE = (
    "年度",
    "残疾人",
    "联合会",
    "残联",
    "工作",
    "情况",
    "通报",
    "报告",
    "总结",
    "分析",
    "考核",
    "统计",
    "数据",
    "事业",
)


def fonts(have: frozenset[str] | None = None) -> dict[str, str]:
    """role → the font name the document carries: always the official one (``have``, the fonts of
    the machine that writes it, is not asked: the reader's machine decides, by the font table)."""
    return dict(OFFICIAL)


def width(s: str) -> float:
    """Width in characters of the 版心: a CJK or full-width character 1, a half-width one ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in s)


def title_width(s: str) -> float:
    """:func:`width` and a quarter character at each change between Chinese and Latin (2025年):
    the space a program may put there (LibreOffice always does)."""
    wide = [unicodedata.east_asian_width(c) in "WF" for c in s]
    return width(s) + 0.25 * sum(a != b for a, b in zip(wide, wide[1:], strict=False))


def title_lines(title: str, limit: float = TITLE_CHARS) -> list[str]:
    """The title as lines no wider than ``limit`` characters, broken at a phrase (after a place,
    a year, 关于, …; before （, 工作, 情况, …), never inside a word or a number; the most even
    split, the upper line no longer than the lower (a 梯形 or 菱形 as the standard asks)."""
    if title_width(title) <= limit:
        return [title]
    cuts = set()
    for w in BREAK_AFTER:
        cuts |= {m.end() for m in re.finditer(re.escape(w), title)}
    for w in BREAK_BEFORE:
        cuts |= {m.start() for m in re.finditer(re.escape(w), title)}
    inside = {m.start() + i for w in WHOLE for m in re.finditer(re.escape(w), title) for i in range(1, len(w))}
    cuts = {
        c
        for c in cuts
        if 0 < c < len(title)
        and c not in inside
        and not (title[c - 1].isalnum() and title[c].isalnum() and title[c].isascii())
    }
    best: list[str] | None = None
    for c in sorted(cuts):
        head, tail = title[:c], title[c:]
        rest = title_lines(tail, limit) if title_width(tail) > limit else [tail]
        if title_width(head) > limit or title_width(rest[0]) > limit:
            continue
        lines = [head, *rest]
        score = (
            len(lines),
            max(title_width(x) for x in lines) - min(title_width(x) for x in lines),
            title_width(head) > title_width(rest[0]),
        )
        if best is None or score < best[0]:
            best = (score, lines)
    if best is not None:
        return best[1]
    # no phrase fits: an even split that keeps numbers and Latin words whole
    c = len(title) // 2
    while 0 < c < len(title) - 1 and title[c - 1].isascii() and title[c].isascii():
        c += 1
    return [title[:c], *title_lines(title[c:], limit)]


def date_zh(d: dt.date) -> str:
    """成文日期 in Arabic numerals, the year whole, month and day without a leading zero."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_en(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


# ------------------------------------------------------------------ XML helpers
# the order of the children of w:pPr and w:rPr in the schema (Word refuses a file out of order)
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _child(parent, tag: str, order: list[str]):
    """``parent``'s child w:``tag``, made and put in its place in the schema's order if missing."""
    from docx.oxml.ns import qn

    el = parent.find(qn(f"w:{tag}"))
    if el is not None:
        return el
    el = parent.makeelement(qn(f"w:{tag}"), {})
    rank = order.index(tag)
    for i, sib in enumerate(parent):
        name = sib.tag.split("}")[-1]
        if name in order and order.index(name) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _rfonts(rpr, east_asia: str, latin: str) -> None:
    from docx.oxml.ns import qn

    rfonts = _child(rpr, "rFonts", RPR_ORDER)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    lang = _child(rpr, "lang", RPR_ORDER)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_font(run_or_style, east_asia: str, size: float | None = None, bold: bool | None = None, latin=LATIN):
    from docx.shared import Pt

    font = run_or_style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    _rfonts(run_or_style.element.get_or_add_rPr(), east_asia, latin)


def _font_table(doc) -> None:
    """Declare every official face with its fall-backs in word/fontTable.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for old in root.findall(qn("w:font")):
        if old.get(qn("w:name")) in FONT_TABLE:
            root.remove(old)
    for name, (alt, panose, family, pitch) in FONT_TABLE.items():
        el = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(el, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(el, qn("w:panose1"), {qn("w:val"): panose})
        etree.SubElement(el, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
        etree.SubElement(el, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(el, qn("w:pitch"), {qn("w:val"): pitch})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _defaults(doc, lang: str) -> None:
    """docDefaults: the body's fonts and zh-CN as the East-Asian language, for every part (footers
    included) and every style that does not say otherwise."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rfonts(rpr, OFFICIAL["body"], LATIN)
    # (w:lang w:val stays en-US: with zh-CN as the Latin language LibreOffice breaks numbers anywhere,
    # "8 / 6.08分"; the East-Asian language zh-CN is what a screen reader and fontconfig need)
    # the grid's character pitch is counted from the default size (LibreOffice reads it here)
    for tag in ("sz", "szCs"):
        _child(rpr, tag, RPR_ORDER).set(qn("w:val"), str(PT_BODY * 2))
    if lang == "zh":
        # characters 0.25 pt closer (15.75 pt a character): 28 fit in the 156 mm line in any office
        # program (a full line is justified to the 版心's edge)
        _child(rpr, "spacing", RPR_ORDER).set(qn("w:val"), str(CONDENSE_TW))
        ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
        if ppr is None:
            ppr = _child(styles.find(qn("w:docDefaults")), "pPrDefault", ["rPrDefault", "pPrDefault"])
        _no_autospace(_child(ppr, "pPr", ["pPr"]))


def _page(sec, lang: str) -> None:
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Mm

    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.left_margin = Mm(37), Mm(28)
    sec.bottom_margin = Mm(297 - 37 - TYPE_H_MM)
    sec.right_margin = Mm(210 - 28 - TYPE_W_MM)
    # the number's dash 7 mm under the 版心: footer text top at 35 − 7 mm, its line ~5 mm high
    sec.footer_distance = Mm(297 - 37 - TYPE_H_MM - 7 - 5)
    sec.header_distance = Mm(15)
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = sec._sectPr.makeelement(qn("w:docGrid"), {})
        sec._sectPr.append(grid)
    grid.attrib.clear()
    # a line grid of 22 lines; the 28 characters come from the character spacing (see _defaults):
    # Word's own 公文 templates use type linesAndChars with charSpace −842, but LibreOffice lays a
    # 16 pt character in a 15.79 pt cell of that grid over two cells and every half-width run
    # (2025, 100%) over whole cells, which breaks lines mid-phrase (docs/decisions.md)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TW))


def _field_page(paragraph) -> None:
    """A PAGE field (Word, WPS and LibreOffice number the pages themselves)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(kind: str, text: str | None = None) -> None:
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    field("begin")
    field("instr", " PAGE ")
    field("separate")
    paragraph.add_run("1")
    field("end")


def _page_numbers(doc, sec) -> None:
    """ "— N —" in 4号 半角宋体: odd pages at the right, even pages at the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True
    for footer, odd in ((sec.footer, True), (sec.even_page_footer, False)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        pf = p.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        if odd:
            pf.right_indent = Pt(PT_PAGE)
        else:
            pf.left_indent = Pt(PT_PAGE)
        p.add_run("— ")
        _field_page(p)
        p.add_run(" —")
        for r in p.runs:
            _set_font(r, OFFICIAL["page"], PT_PAGE, latin=OFFICIAL["page"])


def _no_autospace(ppr) -> None:
    """No extra space between Chinese and digits (Word's and LibreOffice's default adds a quarter
    em): a digit is half a character, as the grid and the 落款's alignment count it."""
    from docx.oxml.ns import qn

    for tag in ("autoSpaceDE", "autoSpaceDN"):
        _child(ppr, tag, PPR_ORDER).set(qn("w:val"), "0")
    # and no punctuation hanging past the 版心's edge (a 29th character on the line)
    _child(ppr, "overflowPunct", PPR_ORDER).set(qn("w:val"), "0")


def _no_snap(p) -> None:
    """A paragraph outside the character grid (the 二号 title would take two cells a character)."""
    from docx.oxml.ns import qn

    _child(p._p.get_or_add_pPr(), "snapToGrid", PPR_ORDER).set(qn("w:val"), "0")


def _signature(doc, issuer: str, date: dt.date, lang: str, font: str) -> None:
    """落款 of a document without a seal (GB/T 9704 7.3.5.2): a blank line under the text, the
    issuing body right-aligned two characters in, the date under it starting two characters to the
    right of the body's first character (the body moved left when the date is the longer)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    when = date_zh(date) if lang == "zh" else date_en(date)
    # the 落款 never stands alone on a last page: the text's last lines go over with it
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    wi, wd = width(issuer), width(when)
    for text, which in ((issuer, "issuer"), (when, "date")):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.keep_with_next = which == "issuer"
        pf.first_line_indent = Pt(0)
        if lang != "zh":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif which == "issuer" or wd + 2 > wi:
            # the name two characters in (or further left, when the date is the longer)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            pf.right_indent = Pt((2 + (max(0.0, wd + 2 - wi) if which == "issuer" else 0)) * CHAR_PITCH)
        else:
            # the date's first character two characters right of the name's: placed from the left,
            # so the width of its digits (a program may space them from the Chinese) cannot move it
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            pf.left_indent = Pt((CHARS - wi) * CHAR_PITCH)
        _set_font(p.add_run(text), font, PT_BODY)


def document(
    text: str,
    lang: str,
    issuer: str | None = None,
    date: dt.date | None = None,
    have: frozenset[str] | None = None,
) -> bytes:
    """The text as .docx: the first non-empty line the title, 一、/（一） (or 1. / 3.1) lines
    headings, every other line a paragraph indented by two characters; from a line "附：…" (or
    "附件…", "Annex…") on, the annex, set under the 落款. ``issuer`` (the federation's name) and ``date``
    make the 落款 (the date today when only the issuer is given)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    f = fonts(have)
    latin_body = LATIN
    doc = Document()
    sec = doc.sections[0]
    _page(sec, lang)
    _defaults(doc, lang)
    _font_table(doc)

    normal = doc.styles["Normal"]
    _set_font(normal, f["body"], PT_BODY, latin=latin_body)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH)
    pf.space_before = pf.space_after = Pt(0)
    pf.widow_control = False  # a widow rule moves lines and breaks the 22-line page
    if lang == "zh":
        _no_autospace(normal.element.get_or_add_pPr())
    _page_numbers(doc, sec)

    # named styles, so a screen reader and Word's navigation pane see the headings
    for name, role, size in (("Title", "title", PT_TITLE), ("Heading 1", "h1", PT_BODY), ("Heading 2", "h2", PT_BODY)):
        st = doc.styles[name]
        _set_font(st, f[role], size, bold=lang == "en" and role != "title")
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.italic = False
        spf = st.paragraph_format
        spf.space_before = spf.space_after = Pt(0)
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.line_spacing = Pt(LINE_PITCH)
        spf.keep_with_next = True
        ppr = st.element.pPr
        if ppr is not None:
            from docx.oxml.ns import qn

            for tag in ("w:pBdr", "w:numPr"):  # the template's Title has a rule under it; 公文 has none
                el = ppr.find(qn(tag))
                if el is not None:
                    ppr.remove(el)

    lines = [raw.strip() for raw in text.splitlines() if raw.strip()]
    # an annex ("附：数据来源") goes under the 落款, where the standard puts 附注
    at = next((i for i, ln in enumerate(lines) if i and len(ln) <= HEADING_MAX and ANNEX.match(ln)), len(lines))
    annex = lines[at:]
    # a 附注 in brackets, last: under the date, two characters in (GB/T 9704 7.3.6)
    note = lines.pop(at - 1) if issuer and at > 1 and at == len(lines) and NOTE.match(lines[at - 1]) else None
    at = min(at, len(lines))
    first = addressee = True
    for ln in lines[:at] + ([None] if issuer else []) + annex:
        if ln is None:
            _signature(doc, issuer, date or dt.date.today(), lang, f["body"])
            if note:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(CHAR_PITCH * 2)
                _set_font(p.add_run(note), f["body"], PT_BODY)
            if annex:
                doc.add_paragraph()
            continue
        if first:
            p = doc.add_paragraph(style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _no_snap(p)
            lines = title_lines(ln) if lang == "zh" else [ln]
            for i, part in enumerate(lines):
                run = p.add_run(part)
                _set_font(run, f["title"], PT_TITLE, latin=LATIN)
                if i < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)
            p.paragraph_format.line_spacing = Pt(LINE_PITCH * 1.25)
            doc.add_paragraph()  # the title, a blank line, the text
            first = False
            addressee = True
            continue
        # 主送机关 ("各县(区)残联："), the first line after the title: flush left (GB/T 9704 7.3.3)
        if addressee and lang == "zh" and len(ln) <= 30 and ln.endswith("：") and not H1.match(ln):
            p = doc.add_paragraph()
            _set_font(p.add_run(ln), f["body"], PT_BODY)
            addressee = False
            continue
        addressee = False
        # a heading is a short line; "（一）组织建设。乡镇…" is a paragraph that starts with a number
        short = len(ln) <= HEADING_MAX
        h2, h1 = short and H2.match(ln), short and H1.match(ln)
        p = doc.add_paragraph(style="Heading 2" if h2 else "Heading 1" if h1 else None)
        p.paragraph_format.first_line_indent = Pt(CHAR_PITCH * 2 if lang == "zh" else PT_BODY * 2)
        run = p.add_run(ln)
        if h2:
            _set_font(run, f["h2"], PT_BODY, bold=lang == "en")
        elif h1:
            _set_font(run, f["h1"], PT_BODY, bold=lang == "en")
        else:
            _set_font(run, f["body"], PT_BODY)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
