"""The written texts as .docx in 公文 layout (GB/T 9704): page, fonts, sizes, page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from reporting import gongwen
from reporting.export import summary_docx

TEXT = """示例市2025年残疾人事业工作总结（数据部分）

一、持续推进基层残疾人组织建设
2025年，全市100个乡镇(街道)全部建立了残联组织。

三、全面提升残疾人公共服务水平
（一）残疾人康复服务
全年累计举办康复讲座和培训108场次，受益人群达1万人次。
"""


def _east_asia(run) -> str:
    return run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_layout_and_fonts():
    have = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"})
    doc = Document(io.BytesIO(gongwen.document(TEXT, "zh", have=have)))
    sec = doc.sections[0]
    mm = [round(x.mm) for x in (sec.page_width, sec.page_height)]
    assert mm == [210, 297]  # A4
    margins = [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)]
    assert margins == [37, 35, 28, 26]
    paras = [p for p in doc.paragraphs if p.text]
    title, h1, body, _h1b, h2, _body2 = paras
    assert title.text == "示例市2025年残疾人事业工作总结（数据部分）"
    assert _east_asia(title.runs[0]) == "Noto Serif CJK SC" and title.runs[0].font.size == Pt(22)
    assert _east_asia(h1.runs[0]) == "Noto Sans CJK SC"  # 黑体 → the sans face
    assert _east_asia(h2.runs[0]) == "Noto Serif CJK SC"  # 楷体 → the serif face
    assert _east_asia(body.runs[0]) == "Noto Serif CJK SC" and body.runs[0].font.size == Pt(16)  # 三号
    assert doc.styles["Normal"].paragraph_format.line_spacing == Pt(gongwen.LINE_PITCH)
    footer = sec.footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and footer.text.startswith("— ")


def test_official_fonts_when_installed_and_named_when_nothing_is():
    assert gongwen.fonts(frozenset({"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"})) == {
        "title": "方正小标宋简体",
        "body": "仿宋_GB2312",
        "h1": "黑体",
        "h2": "楷体_GB2312",
    }
    assert gongwen.fonts(frozenset())["body"] == "仿宋_GB2312"
    # this machine: whatever it has is what the document names (never Noto Sans for the body)
    assert gongwen.fonts()["body"] != "Noto Sans CJK SC"


def test_english_text_is_told_from_its_words():
    doc = Document(io.BytesIO(summary_docx("Title\n\n1. Grassroots organisation\nIn 2025, all 100 townships.\n")))
    paras = [p for p in doc.paragraphs if p.text]
    assert paras[1].runs[0].font.bold is True and paras[2].runs[0].font.name == "Times New Roman"
