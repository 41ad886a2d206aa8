"""The .docx documents as an office sees them: converted by LibreOffice to PDF and measured —
28 characters a line, 22 lines a page, "— N —" at the right of odd pages and the left of even
pages one character in, the 落款 at the end, the official faces named. Slow (LibreOffice starts
for each conversion): run with ``-m slow`` or by name."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reporting import gongwen
from reporting.convert import docx_to_pdf, soffice

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler missing"),
]

MM = 72 / 25.4
PAGE_W = 210 * MM
LEFT, RIGHT = 28 * MM, (210 - 26) * MM
BOTTOM_OF_TYPE = (37 + 225) * MM
SAMPLES = Path(__file__).resolve().parent.parent / "docs" / "samples"

# prose with no digits or Latin letters, so every full line is exactly 28 characters
PROSE = (
    "全市各级残联坚持以人民为中心的发展思想，围绕残疾人最关心最直接最现实的利益问题，"
    "持续推进基层组织建设，扎实做好康复、就业、教育、文化体育等各项服务，"
    "不断健全残疾人权益保障制度，广泛动员社会力量关心支持残疾人事业，"
    "推动残疾人事业高质量发展取得新的成效。"
)
NUMS = "一二三四五"
LONG = "关于示例市残疾人联合会二〇二五年度残疾人事业发展统计数据的分析报告\n\n" + "\n".join(
    f"{n}、第{n}部分工作情况\n{PROSE * 3}" for n in NUMS
)


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    y0: float
    text: str


def lines_of(pdf: bytes, tmp: Path) -> list[Line]:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True).stdout
    out: list[Line] = []
    for page_no, page in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = re.findall(r">([^<]*)</word>", m.group(4))
            text = "".join(words)
            out.append(Line(page_no, float(m.group(1)), float(m.group(3)), float(m.group(2)), text))
    return out


PUNCT = "，。、；：？！”’）》"


def in_type_area(ln: Line) -> int:
    """Characters of a line inside the 版心: LibreOffice hangs a line's last punctuation mark past
    the edge (Word and WPS do not, told so by w:overflowPunct, which LibreOffice 7.4 ignores)."""
    hangs = ln.x1 > RIGHT + 4 and ln.text[-1] in PUNCT
    return len(ln.text) - hangs + round((ln.x0 - LEFT) / gongwen.CHAR_PITCH)


def body(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.y0 < BOTTOM_OF_TYPE]


def footers(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.y0 >= BOTTOM_OF_TYPE]


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> tuple[bytes, list[Line]]:
    data = gongwen.document(LONG, "zh", issuer="示例市残疾人联合会", date=dt.date(2025, 12, 31))
    return data, lines_of(docx_to_pdf(data), tmp_path_factory.mktemp("gw"))


def test_28_characters_a_line_and_22_lines_a_page(long_pdf):
    _, lines = long_pdf
    text = body(lines)
    pages = sorted({ln.page for ln in text})
    assert len(pages) >= 3
    # every line of prose that is not a paragraph's last is 28 characters and fills the 版心
    prose = [ln for ln in text if ln.text and set(ln.text) <= set(PROSE) and "部分" not in ln.text]
    full = [ln for ln in prose if ln.x1 > RIGHT - 8]
    assert len(full) > 40
    # 28 characters, or 26 after the two-character indent of a paragraph's first line
    indents = [round((ln.x0 - LEFT) / gongwen.CHAR_PITCH) for ln in full]
    assert set(indents) == {0, 2}
    assert [len(ln.text) + i for ln, i in zip(full, indents, strict=True)] == [28] * len(full)
    # the pages between the first and the last are full: 22 lines — but the one before the last,
    # which gives its last lines to the 落款's page so the signature never stands alone
    per_page = {p: sum(1 for ln in text if ln.page == p) for p in pages}
    assert [per_page[p] for p in pages[1:-2]] == [22] * (len(pages) - 3), per_page
    assert 18 <= per_page[pages[-2]] <= 22 and per_page[pages[-1]] >= 3, per_page


def test_page_numbers_odd_right_even_left_one_character_in(long_pdf):
    _, lines = long_pdf
    feet = footers(lines)
    pages = sorted({ln.page for ln in lines})
    assert [ln.page for ln in feet] == pages
    for ln in feet:
        assert re.fullmatch(r"—\s*(\d+)\s*—", ln.text.replace(" ", "")), ln.text
        assert int(re.search(r"\d+", ln.text).group()) == ln.page
        if ln.page % 2:  # odd: right, one 4号 character (14 pt) from the 版心's right edge
            assert abs(ln.x1 - (RIGHT - 14)) < 3, (ln.page, ln.x1)
        else:
            assert abs(ln.x0 - (LEFT + 14)) < 3, (ln.page, ln.x0)
        # 7 mm under the 版心 (the line box starts about there)
        assert BOTTOM_OF_TYPE + 4 * MM < ln.y0 < BOTTOM_OF_TYPE + 10 * MM


def test_signature_at_the_end(long_pdf):
    _, lines = long_pdf
    text = body(lines)
    issuer, date = text[-2], text[-1]
    assert issuer.text == "示例市残疾人联合会" and date.text == "2025年12月31日"
    # the body's name right-aligned two characters (2 × 15.79 pt) in; the date starts two characters
    # to the right of the name's first character
    assert abs(issuer.x1 - (RIGHT - 2 * gongwen.CHAR_PITCH)) < 4
    assert abs(date.x0 - (issuer.x0 + 2 * gongwen.CHAR_PITCH)) < 4
    assert date.y0 > issuer.y0


def test_title_whole_and_centred(long_pdf):
    _, lines = long_pdf
    first = [ln for ln in lines if ln.page == 1][:2]
    assert "".join(ln.text for ln in first) == LONG.splitlines()[0]
    assert first[0].text == "关于示例市残疾人联合会二〇二五年度"  # broken at a phrase, not mid-word
    for ln in first:
        assert abs((ln.x0 + ln.x1) / 2 - (LEFT + RIGHT) / 2) < 6


def test_fonts_named_and_embedded(long_pdf, tmp_path):
    data, _ = long_pdf
    doc = Document(io.BytesIO(data))
    east = {r.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs}
    assert east == {"方正小标宋简体", "黑体", "仿宋_GB2312"}
    (tmp_path / "d.pdf").write_bytes(docx_to_pdf(data))
    fonts = subprocess.run(["pdffonts", str(tmp_path / "d.pdf")], capture_output=True, text=True).stdout
    # LibreOffice found a Chinese serif for 仿宋 and a sans for 黑体 (the fontconfig fall-backs)
    assert "SerifCJK" in fonts and "SansCJK" in fonts
    assert "DejaVu" not in fonts


@pytest.mark.parametrize("name", ["year-end-summary.zh", "statistical-analysis.zh", "circular-2025.zh"])
def test_committed_samples_convert_with_signature_and_no_code_names(name, tmp_path):
    data = (SAMPLES / f"{name}.docx").read_bytes()
    lines = lines_of(docx_to_pdf(data), tmp_path)
    text = body(lines)
    at = next(i for i, ln in enumerate(text) if ln.text == "示例市残疾人联合会")
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text[at + 1].text)
    # under the 落款 only an annex (附：…) or a 附注 in brackets
    assert all(ln.text[0] in "附（" for ln in text[at + 2 : at + 3])
    # full lines of Chinese whose next line starts with Chinese too (a number that does not fit
    # goes whole to the next line, leaving 27 characters justified)
    han = re.compile(r"[\u4e00-\u9fff，、。；：“”（）《》]+")
    full = [
        ln
        for ln, nxt in zip(text, text[1:], strict=False)
        if ln.x1 > RIGHT - 8 and han.fullmatch(ln.text) and han.match(nxt.text[:1])
    ]
    assert full and {in_type_area(ln) for ln in full} == {28}
    assert not re.search(r"[a-z]+_[a-z_]+", "".join(ln.text for ln in lines)), "code names in the document"
    # no number broken over two lines ("8" / "6.08分")
    split = [
        (a.text, b.text) for a, b in zip(text, text[1:], strict=False) if a.text[-1:].isdigit() and b.text[:1].isdigit()
    ]
    assert split == []
    pages = max(ln.page for ln in lines)
    assert len(footers(lines)) == pages
    # no last page that holds only a line or two
    assert sum(1 for ln in text if ln.page == pages) >= 3


def test_the_pdf_is_tagged_with_title_and_headings(tmp_path):
    from pypdf import PdfReader

    data = gongwen.document(LONG, "zh", issuer="示例市残疾人联合会", date=dt.date(2025, 12, 31))
    root = PdfReader(io.BytesIO(docx_to_pdf(data))).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    kinds: list[str] = []

    def walk(n) -> None:
        n = n.get_object() if hasattr(n, "get_object") else n
        if isinstance(n, list):
            for k in n:
                walk(k)
        elif hasattr(n, "get"):
            if n.get("/S") is not None:
                kinds.append(str(n["/S"]))
            if n.get("/K") is not None:
                walk(n["/K"])

    walk(root["/StructTreeRoot"].get("/K"))
    assert kinds.count("/Title") == 1 and kinds.count("/H1") == len(NUMS)  # 一、… 五、 headings
