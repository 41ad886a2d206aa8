"""The written texts as .docx in 公文 layout (GB/T 9704-2012), read from the document's XML: the
page and its margins, the official faces named whatever this machine has (with their fall-backs
in the font table), the title broken at a phrase, page numbers odd right / even left, the 落款.
How LibreOffice lays it out (28 × 22, the numbers' places) is measured in test_gongwen_pdf."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
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

附：数据来源
本报告数字由残联工作数据看板按指标字典计算。
"""


def _east_asia(run) -> str:
    return run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def doc():
    return Document(io.BytesIO(gongwen.document(TEXT, "zh", issuer="示例市残疾人联合会", date=dt.date(2025, 12, 31))))


def test_page_margins_and_line_grid(doc):
    sec = doc.sections[0]
    assert [round(x.mm) for x in (sec.page_width, sec.page_height)] == [210, 297]  # A4
    # 上白边 37 mm, 订口 28 mm, 版心 156 × 225 mm
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    assert round(sec.page_width.mm - sec.left_margin.mm - sec.right_margin.mm) == 156
    assert round(sec.page_height.mm - sec.top_margin.mm - sec.bottom_margin.mm) == 225
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines
    assert doc.styles["Normal"].paragraph_format.line_spacing == Pt(28.95)
    # 28 characters: 16 pt less 0.25 pt each, 28 × 15.75 pt ≤ 156 mm < 29 × 15.75 pt
    spacing = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * pitch <= 156 * 72 / 25.4 < 29 * pitch


def test_official_faces_whatever_the_machine_has(doc):
    paras = [p for p in doc.paragraphs if p.text]
    title, h1, body, _h1b, h2 = paras[:5]
    assert _east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)  # 二号
    assert _east_asia(h1.runs[0]) == "黑体"
    assert _east_asia(h2.runs[0]) == "楷体_GB2312"
    assert _east_asia(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)  # 三号
    assert gongwen.fonts(frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"}))["body"] == "仿宋_GB2312"
    # the East-Asian language, so a server's fontconfig picks the Simplified Chinese face
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_font_table_declares_the_fall_backs():
    data = gongwen.document(TEXT, "zh")
    table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei")):
        entry = table.split(f'w:name="{name}"')[1].split("</w:font>")[0]
        assert f'w:altName w:val="{alt}"' in entry and 'w:charset w:val="86"' in entry


def test_page_numbers_odd_right_even_left(doc):
    sec = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = sec.footer.paragraphs[0], sec.even_page_footer.paragraphs[0]
    for p in (odd, even):
        assert "PAGE" in p._p.xml and p.text.startswith("— ") and p.text.endswith(" —")
        run = p.runs[0]
        assert _east_asia(run) == "宋体" and run.font.size == Pt(14)  # 4号 宋体
        assert run.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "宋体"  # 半角宋体 digits
    assert odd.alignment == 2 and odd.paragraph_format.right_indent == Pt(14)  # right, one character in
    assert even.alignment == 0 and even.paragraph_format.left_indent == Pt(14)


def test_signature_before_the_annex(doc):
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[-4:] == [
        "示例市残疾人联合会",
        "2025年12月31日",
        "附：数据来源",
        "本报告数字由残联工作数据看板按指标字典计算。",
    ]
    issuer = next(p for p in doc.paragraphs if p.text == "示例市残疾人联合会")
    assert issuer.alignment == 2 and abs(issuer.paragraph_format.right_indent.pt - 2 * gongwen.CHAR_PITCH) < 0.1


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("示例市2025年残疾人事业工作总结（数据部分）", ["示例市2025年残疾人事业", "工作总结（数据部分）"]),
        ("示例市2025年残疾人事业统计分析报告", ["示例市2025年残疾人事业统计分析报告"]),  # 17 of 20
        (
            "示例市残疾人联合会关于2025年度县(区)残联工作情况的通报",
            ["示例市残疾人联合会关于2025年度", "县(区)残联工作情况的通报"],
        ),
        ("关于残疾人事业的通报", ["关于残疾人事业的通报"]),
    ],
)
def test_title_broken_at_a_phrase(title, lines):
    got = gongwen.title_lines(title)
    assert got == lines
    assert all(gongwen.width(x) <= gongwen.TITLE_CHARS for x in got)


def test_title_never_breaks_a_number_or_a_word():
    for title in ("示例市残疾人联合会关于2025年度康复服务和就业服务工作完成情况的通报", "临江县" * 12):
        got = gongwen.title_lines(title)
        assert "".join(got) == title
        for a, b in zip(got, got[1:], strict=False):
            assert not (a[-1].isdigit() and b[0].isdigit())
            assert not (a.endswith("残疾") and b.startswith("人"))


def test_english_text_is_told_from_its_words():
    doc = Document(io.BytesIO(summary_docx("Title\n\n1. Grassroots organisation\nIn 2025, all 100 townships.\n", None)))
    paras = [p for p in doc.paragraphs if p.text]
    assert paras[1].runs[0].font.bold is True and paras[2].runs[0].font.name == "Times New Roman"
