"""A text (title line, headings, paragraphs) as a Word document in 公文 layout (GB/T 9704-2012):
A4, margins 37/35/28/26 mm, the title in 二号 小标宋 centred, body in 三号 (16 pt) 仿宋 with
a fixed line pitch (22 lines a page), 一、 headings in 黑体, （一） headings in 楷体, the page
number in the footer as "— 1 —".

Fonts: the official faces when this machine has them, else the closest installed CJK face
(Noto Serif CJK SC for 小标宋/仿宋/楷体, Noto Sans CJK SC for 黑体); with no CJK font at all
the official name is written, so Word on the reader's machine uses its own 仿宋. The choice
is in :data:`FONT_CHOICES` and :func:`fonts`.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess

TITLE_FONTS = ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC")
BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC")
HEI_FONTS = ("黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC")
KAI_FONTS = ("楷体_GB2312", "楷体", "KaiTi", "Noto Serif CJK SC", "Source Han Serif SC")
FONT_CHOICES = {"title": TITLE_FONTS, "body": BODY_FONTS, "h1": HEI_FONTS, "h2": KAI_FONTS}
LATIN = "Times New Roman"

PT_TITLE = 22  # 二号
PT_BODY = 16  # 三号
PT_PAGE = 14  # 四号
LINE_PITCH = 28.9  # pt: 22 lines in the 225 mm type area

HEADING_MAX = 40
H1 = re.compile(r"^([一二三四五六七八九十]+、|\d+\. )")
H2 = re.compile(r"^(（[一二三四五六七八九十]+）|\d+\.\d+ )")


@functools.cache
def installed_families() -> frozenset[str]:
    """Font families fontconfig knows (empty where fc-list is missing)."""
    if not shutil.which("fc-list"):
        return frozenset()
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def fonts(have: frozenset[str] | None = None) -> dict[str, str]:
    """role → font name: the first of its choices installed here, else the official name."""
    have = installed_families() if have is None else have
    return {role: next((f for f in choices if f in have), choices[0]) for role, choices in FONT_CHOICES.items()}


def _set_font(run_or_style, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), LATIN)


def _page_number(paragraph) -> None:
    """ "— N —" with N a PAGE field, so Word and LibreOffice number the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field(run, kind: str, text: str | None = None) -> None:
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    paragraph.add_run("— ")
    for kind, txt in (("begin", None), ("instr", " PAGE "), ("separate", None)):
        field(paragraph.add_run(), kind, txt)
    paragraph.add_run("1")
    field(paragraph.add_run(), "end")
    paragraph.add_run(" —")


def document(text: str, lang: str = "zh", have: frozenset[str] | None = None) -> bytes:
    """The text as .docx: the first non-empty line the title, 一、/（一） (or 1. / 3.1) lines
    headings, every other line a paragraph indented by two characters."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    f = fonts(have)
    doc = Document()
    sec = doc.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(25)

    normal = doc.styles["Normal"]
    _set_font(normal, f["body"], PT_BODY)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH)
    pf.space_before = pf.space_after = Pt(0)

    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    for r in footer.runs:
        _set_font(r, "宋体", PT_PAGE)

    # named styles, so a screen reader and Word's navigation pane see the headings
    for name, role, size in (("Title", "title", PT_TITLE), ("Heading 1", "h1", PT_BODY), ("Heading 2", "h2", PT_BODY)):
        st = doc.styles[name]
        _set_font(st, f[role], size, bold=lang == "en" and role != "title")
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.italic = False
        spf = st.paragraph_format
        spf.space_before = spf.space_after = Pt(0)
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.line_spacing = Pt(LINE_PITCH if role != "title" else PT_TITLE * 1.6)
        ppr = st.element.find(qn("w:pPr"))
        border = ppr.find(qn("w:pBdr")) if ppr is not None else None
        if border is not None:  # the template's Title has a rule under it; 公文 has none
            ppr.remove(border)

    first = True
    for raw in text.splitlines():
        ln = raw.strip()
        if not ln:
            continue
        # a heading is a short line; "（一）组织建设。乡镇…" is a paragraph that starts with a number
        short = len(ln) <= HEADING_MAX
        h2, h1 = short and H2.match(ln), short and H1.match(ln)
        style = "Title" if first else "Heading 2" if h2 else "Heading 1" if h1 else None
        p = doc.add_paragraph(style=style)
        if first:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(LINE_PITCH)
            _set_font(p.add_run(ln), f["title"], PT_TITLE)
            first = False
            continue
        run = p.add_run(ln)
        if h2:
            _set_font(run, f["h2"], PT_BODY, bold=lang == "en")
            p.paragraph_format.first_line_indent = Pt(PT_BODY * 2)
        elif h1:
            _set_font(run, f["h1"], PT_BODY, bold=lang == "en")
            p.paragraph_format.first_line_indent = Pt(PT_BODY * 2)
        else:
            _set_font(run, f["body"], PT_BODY)
            p.paragraph_format.first_line_indent = Pt(PT_BODY * 2)
            if lang == "en":
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
