"""The Presentation page as a user drives it (AppTest through dashboard.py)."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.apptest_helpers import open_app, plotly_figures

PAGE = "pages/presentation.py"


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def _html(at) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_opens_on_the_cover_and_steps_through_the_slides():
    at = open_app(page=PAGE)
    assert "示例市2025年残疾人事业发展情况汇报" in _html(at)
    assert "第 1 / 8 页" in _html(at)
    assert plotly_figures(at) == []
    prev, nxt = at.button(key="presentation_prev"), at.button(key="presentation_next")
    assert prev.disabled and not nxt.disabled
    nxt.click().run()
    nxt = at.button(key="presentation_next")
    nxt.click().run()
    html = _html(at)
    assert "第 3 / 8 页" in html
    assert "投入康复专项资金2036万元，比上年增长9.9%，新增康复床位200张" in html
    assert "2,036 万元" in html and "较上年 +9.9%（+183.24）" in html
    (fig,) = plotly_figures(at)
    bars = fig["data"][0]
    assert len(bars["y"]) == 8 and bars["text"][0] == "467.01" and bars["y"][0] == "青林县"  # funds by county
    assert at.query_params["slide"] in ("3", ["3"])


def test_a_county_on_slide_4_and_its_link():
    # (AppTest drops the query string on switching page, so the slide is set as the link would set it;
    # opening /presentation?slide=4 in a browser is shown in docs/screenshots/presentation-employment.png)
    at = open_app(page=PAGE, counties=("990103000000",))
    at.session_state["presentation_slide"] = 3
    at.run()
    html = _html(at)
    assert "第 4 / 8 页" in html and "青林县" in html
    assert "新增残疾人就业" in html
    # the link to send ahead opens the same view
    links = [m.value for m in at.markdown if "/presentation?" in m.value]
    assert links and "year=2025" in links[0] and "slide=4" in links[0] and "county=990103000000" in links[0]


def test_summary_is_editable_and_downloads_are_offered():
    at = open_app(page=PAGE)
    area = next(a for a in at.text_area if a.key.startswith("presentation_summary"))
    assert "全市新增残疾人就业1000人，比上年增加60人、增长6.4%，其中自主创业100人" in area.value
    keys = {el.proto.id for el in at.get("download_button")}
    assert len(keys) >= 4  # pptx, pdf, docx, txt (the cover has no chart)
    labels = [el.proto.label for el in at.get("download_button")]
    assert {"下载 PPT（.pptx）", "下载 PDF", "下载 Word（.docx）", "下载文本（.txt）"} <= set(labels)


def test_keyboard_shortcuts_on_the_buttons():
    at = open_app(page=PAGE)
    assert at.button(key="presentation_prev").proto.shortcut.lower() == "left"
    assert at.button(key="presentation_next").proto.shortcut.lower() == "right"
