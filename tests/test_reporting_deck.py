"""The deck: slides with computed titles, the PPTX opened with python-pptx, the PDF's
text read with pdftotext, a slide rendered to PNG and checked not blank, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.util import Inches
from sqlalchemy import create_engine

from data_access import queries
from data_access.filters import Filters
from reporting.__main__ import main
from reporting.data import gather
from reporting.export import chart_pngs, deck_pdf, deck_pptx, summary_docx
from reporting.slides import build_deck

TITLES_2025 = [
    "示例市2025年残疾人事业发展情况汇报",
    "100个乡镇(街道)、1434个村(社区)残联组织全覆盖，实现“乡乡有机构、村村有服务”",
    "市级新增编制5名，县级新增行政编制3名，招聘“以钱养事”人员3名，配备兼(挂)职副理事长10名",
    "举办专题宣讲2场，参与323人次，强化法治观念和服务意识",
    "投入康复专项资金2036万元，比上年增长9.9%，新增康复床位200张",
    "新增残疾人就业1000人，比上年增长6.4%，其中自主创业100人",
    # 资助残疾学生 holds 临江县's December, which a validation rule doubts: not the headline
    "发放助学金50万元，比上年增长8.7%",
    "举办残疾人文化体育活动50场次，比上年增长8.7%，参与5000人次",
    "受理残疾人法律援助案件100件，比上年增长7.5%，劳动争议最多（30件）",
    "500名志愿者助残服务1万小时，社会捐赠款物300万元",
    "十四五规划6项指标：6项按期完成",
]


@pytest.fixture(scope="module")
def built(demo_sqlite_url):
    """The whole-city 2025 deck, its charts (one browser), PPTX and PDF — built once."""
    with create_engine(demo_sqlite_url).connect() as conn:
        deck = build_deck(gather(conn, Filters(2025), today=dt.date(2026, 1, 15)), "zh")
    pngs = chart_pngs(deck)
    return deck, pngs, deck_pptx(deck, pngs), deck_pdf(deck, pngs)


def test_slides_state_the_findings(built):
    deck = built[0]
    assert [s.key for s in deck.slides] == [
        "cover", "org", "staffing", "ideology", "rehab", "employment", "education", "culture", "rights", "social", "plan",
    ]  # fmt: skip
    assert [s.section[:2] for s in deck.slides[1:]] == [
        "一、",
        "一、",
        "二、",
        "三、",
        "三、",
        "三、",
        "三、",
        "四、",
        "五、",
        "六、",
    ]
    assert [s.section.split(" ")[-1] for s in deck.slides[4:8]] == [
        "（一）康复服务",
        "（二）就业创业",
        "（三）教育扶持",
        "（四）文化体育",
    ]
    assert [s.title for s in deck.slides] == TITLES_2025
    assert deck.slides[0].subtitle == "全省残联系统电视电话会" and deck.date_text == "数据截至2025年12月"
    emp = {k.code: k for k in deck.slides[5].figures}
    assert emp["emp_new"].value == "1,000 人" and emp["emp_new"].change == "较上年 +6.4%（+60）"
    staff = {k.code: k.value for k in deck.slides[2].figures}
    assert staff["staff_city_posts"] == "5 名" and staff["staff_county_posts"] == "3 名"
    assert staff["staff_hires"] == "3 名" and staff["staff_vice_chairs"] == "10 名"
    assert staff["staff_party_groups"] == "8 / 8 个"
    lectures = deck.slides[3].items
    assert [a for a, _ in lectures] == ["4月18日", "10月16日"] and "落实残疾人保障法" in lectures[1][1]
    assert all(s.figure is not None for s in deck.slides[1:] if s.key != "ideology")


def test_org_slide_names_the_gaps_in_an_earlier_year(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        f = Filters(2020)
        c = queries.coverage_counts(conn, f, 2020, "township")
        deck = build_deck(gather(conn, f), "zh")
    missing = int(c["total"].sum() - c["covered"].sum())
    assert missing > 0
    org = deck.slides[1]
    assert org.title.endswith(f"尚有{missing}个乡镇(街道)未建立残联")
    names = [t.name for t in org.figure.data]
    assert names[1] == f"尚未建立（{missing}个）"
    notes = [a.text for a in org.figure.layout.annotations]
    assert f"尚未建立（{missing}个）" in notes  # the legend says it in words, beside an area swatch
    gap_list = next(n for n in notes if n.startswith("<b>尚未建立残联的乡镇(街道)"))
    gaps = org.table[org.table["covered"] == 0]
    assert len(gaps) == missing and all(name in gap_list for name in gaps["name"])  # every gap named beside the map
    swatches = [s for s in org.figure.layout.shapes if s.type == "rect"]
    fills = {s.fillcolor for s in swatches}
    assert fills == {t.fillcolor for t in org.figure.data[:2]}  # legend colours are the map's, opaque
    assert all(c.startswith("#") and len(c) == 7 for c in fills)


def test_english_slides_name_the_stored_words_in_english(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        deck = build_deck(gather(conn, Filters(2025), today=dt.date(2026, 1, 15)), lang="en")
    by_key = {s.key: s for s in deck.slides}
    assert by_key["rights"].title.endswith("most of them labour disputes (30)")
    assert by_key["plan"].title == "14th Five-Year Plan, 6 targets: 6 on track"
    speakers = [what.split(":")[0] for _when, what in by_key["ideology"].items]
    assert speakers == ["the federation's party secretary and chair", "a professor of the municipal Party School"]
    # a money figure's change carries its unit, as the headline does: not a bare "+183.24"
    funds = {k.code: k for k in by_key["rehab"].figures}["rehab_funds"]
    assert funds.value == "CNY 20.36 million" and funds.change == "vs last year +9.9% (+CNY 1.83 million)"
    aid = {k.code: k for k in by_key["education"].figures}["edu_aid"]
    assert aid.change == "vs last year +8.7% (+CNY 40,000)"


def test_one_county_compares_its_townships(demo_sqlite_url):
    with create_engine(demo_sqlite_url).connect() as conn:
        county = queries.all_counties(conn).iloc[2]
        deck = build_deck(gather(conn, Filters(2025, counties=(county["code"],))), "zh")
        towns = queries.areas(conn, Filters(2025, counties=(county["code"],)), level="township")
    assert deck.scope == county["name"]
    assert deck.federation == f"{county['name']}残疾人联合会"
    by = {s.key: s for s in deck.slides}
    # the county held no lecture in 2025: that slide is dropped, and the cover says a part was left out
    assert "ideology" not in by and "1个部分无数据，未列入" in deck.slides[0].subtitle
    edu = by["education"]  # reported by township: the county's townships compared
    assert set(edu.table["area_name"]) <= set(towns["name"]) and len(edu.table) > 3
    assert edu.chart_caption.startswith("各乡镇(街道)")
    rehab = by["rehab"]  # reported for the county only: its years instead
    assert rehab.chart_caption.startswith("历年") and rehab.table["year"].max() == 2025


def test_pptx_has_16_9_slides_titles_pictures_and_notes(built):
    deck, _, data, _ = built
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == len(TITLES_2025)
    for i, slide in enumerate(prs.slides):
        title = next(s for s in slide.shapes if s.name == "title")
        assert title.text_frame.text == TITLES_2025[i]
        for s in slide.shapes:  # everything on the slide, nothing outside it
            assert s.left >= 0 and s.top >= 0
            assert s.left + s.width <= prs.slide_width and s.top + s.height <= prs.slide_height
        notes = slide.notes_slide.notes_text_frame.text
        if i == 0:
            assert "全市新增残疾人就业1000人，比上年增加60人、增长6.4%，其中自主创业100人" in notes  # the whole summary
            names = {s.name for s in slide.shapes}
            assert "emblem" in names  # the federation's emblem (the default SVG, drawn to PNG)
            assert next(s for s in slide.shapes if s.name == "federation").text_frame.text == "示例市残疾人联合会"
            continue
        pics = [s for s in slide.shapes if s.shape_type == 13]
        if deck.slides[i].key == "ideology":  # a list of lectures, no chart
            assert not pics and "落实残疾人保障法" in next(s for s in slide.shapes if s.name == "items").text_frame.text
            continue
        assert len(pics) == 1
        w, h = Image.open(io.BytesIO(pics[0].image.blob)).size
        assert w >= 2000 and abs(w / h - 1100 / 630) < 0.01  # high resolution, chart's proportions
        assert notes == deck.slides[i].notes and notes
    fig_box = next(s for s in prs.slides[5].shapes if s.name == "figure_emp_new")
    assert fig_box.text_frame.text.split("\n")[:2] == ["新增残疾人就业", "1,000 人"]
    # the Simplified Chinese face is named for East Asian text, not left to the viewer
    xml = prs.slides[4].shapes[2]._element.xml
    assert 'ea typeface="Noto Sans CJK SC"' in xml


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_searchable_chinese(built, tmp_path):
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(built[3])
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    assert len([p for p in pages if p.strip()]) == len(TITLES_2025)
    flat = re.sub(r"\s+", "", out)
    for title in TITLES_2025:
        assert title in flat, title
    for figure in ("2,036万元", "1,000人", "10,000人次", "100.0%", "300万元", "较上年+6.4%（+60）"):
        assert figure in flat, figure


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_slide_renders_to_a_picture_that_is_not_blank(built, tmp_path):
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(built[3])
    subprocess.run(["pdftoppm", "-r", "72", "-f", "5", "-l", "5", "-png", str(pdf), str(tmp_path / "s")], check=True)
    img = Image.open(next(tmp_path.glob("s*.png"))).convert("L")
    assert img.size == (960, 540)  # 13.333 × 7.5 in at 72 dpi: 16:9
    stat = ImageStat.Stat(img)
    assert stat.stddev[0] > 30  # text and bars, not an empty page
    dark = sum(img.histogram()[:128]) / (img.size[0] * img.size[1])
    assert 0.03 < dark < 0.6
    chart = Image.open(io.BytesIO(built[1][4])).convert("L")
    assert ImageStat.Stat(chart).stddev[0] > 30


def _ink_box(img: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The bounding box of whatever is drawn (not white) inside ``box`` of the page, in its pixels."""
    part = img.crop(box).point(lambda v: 255 if v < 235 else 0)
    bb = part.getbbox()
    return None if bb is None else (bb[0] + box[0], bb[1] + box[1], bb[2] + box[0], bb[3] + box[1])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_lectures_slide_fills_its_body(built, tmp_path):
    """Slide 4 has a list and no chart: its key figures go across the top and the list takes the
    body's whole width and height — not two lines in the top-left with half the slide empty."""
    deck, _, data, pdf_bytes = built
    assert deck.slides[3].key == "ideology" and deck.slides[3].figure is None
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-r", "72", "-f", "4", "-l", "4", "-png", str(pdf), str(tmp_path / "s")], check=True)
    img = Image.open(next(tmp_path.glob("s*.png"))).convert("L")
    k = img.size[0] / 1280  # the slide's CSS px to the picture's
    body = tuple(round(v * k) for v in (30, 165, 1280, 630))  # under the title, above the caption
    ink = _ink_box(img, body)
    assert ink is not None
    assert (ink[2] - 52 * k) / (1188 * k) > 0.9, ink  # across the body, 52 to 1240 px
    assert (ink[3] - body[1]) / (body[3] - body[1]) > 0.85, ink  # and down to the caption
    # the PowerPoint the same: the list's box spans the body, the figures above it
    prs = Presentation(io.BytesIO(data))
    shapes = {s.name: s for s in prs.slides[3].shapes}
    items = shapes["items"]
    assert items.width > 0.9 * prs.slide_width and items.top + items.height > Inches(6.5)
    figures = [s for n, s in shapes.items() if n.startswith("figure_")]
    assert len(figures) == 2 and all(f.top + f.height <= items.top for f in figures)
    assert max(f.left + f.width for f in figures) - min(f.left for f in figures) > 0.9 * prs.slide_width


def test_summary_docx_keeps_headings_and_edits():
    from docx import Document

    doc = Document(io.BytesIO(summary_docx("标题\n\n一、基层组织建设\n改过的一句话。\n", None)))
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Title", "标题"),
        ("Normal", ""),  # 公文: a blank line between the title and the text
        ("Heading 1", "一、基层组织建设"),
        ("Normal", "改过的一句话。"),
    ]


def test_command_line(demo_sqlite_url, tmp_path, capsys):
    out = tmp_path / "s.txt"
    assert main(["summary", "--db", demo_sqlite_url, "--year", "2025", "--out", str(out)]) == 0
    assert "全市新增残疾人就业1000人，比上年增加60人、增长6.4%，其中自主创业100人" in out.read_text(encoding="utf-8")
    assert main(["summary", "--db", demo_sqlite_url, "--year", "2025", "--lang", "en", "--format", "docx",
                 "--out", str(tmp_path / "s.docx")]) == 0  # fmt: skip
    assert (tmp_path / "s.docx").read_bytes()[:2] == b"PK"
    assert main(["deck", "--db", f"sqlite:///{tmp_path}/empty.sqlite", "--year", "2025", "--out", "x"]) == 2


def test_pdf_prints_from_inside_a_running_event_loop():
    import asyncio

    from reporting.pdf import html_to_pdf

    async def inside() -> bytes:
        return html_to_pdf("<html><body><p>全市新增残疾人就业1000人</p></body></html>")

    assert asyncio.run(inside())[:5] == b"%PDF-"


def test_a_year_nobody_reported_carries_no_stock_into_its_deck(demo_sqlite_url):
    """The demo's 2026: no county reported anything; the organisations' coverage of 2025 is not
    written as 2026's (the cover and the plan's 无法评估 only). A year some county reported keeps
    the organisations' slide (test_reporting_gaps, the first-day browser test)."""
    with create_engine(demo_sqlite_url).connect() as conn:
        d = gather(conn, Filters(2026), today=dt.date(2026, 1, 15))
    assert d.reporting == () and d.no_data
    assert [s.key for s in build_deck(d, "zh").slides] == ["cover", "plan"]
