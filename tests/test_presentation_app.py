"""The Presentation page as a user drives it (AppTest through dashboard.py). The slide
show itself runs in the browser (keys, full screen: tests/browser/test_slideshow.py);
here: which slides it is given, in which mode, and what the page offers around it."""

from __future__ import annotations

import json

import pytest
import streamlit as st

from tests.apptest_helpers import open_app

PAGE = "pages/presentation.py"


@pytest.fixture(autouse=True)
def _fresh_cache(app_env):
    st.cache_data.clear()
    st.cache_resource.clear()


def _show(at) -> dict:
    (el,) = at.get("bidi_component")
    return json.loads(el.proto.json)


def _html(at) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_preview_holds_every_slide_numbered_as_the_work_summary():
    at = open_app(page=PAGE)
    show = _show(at)
    assert show["mode"] == "preview" and show["start"] == 0
    slides = show["slides"]
    assert len(slides) == 11  # …五, then the plan (六)
    assert "示例市2025年残疾人事业发展情况汇报" in slides[0] and "示例市残疾人联合会" in slides[0]
    assert 'src="data:image/svg+xml;base64,' in slides[0]  # the emblem, inline
    sections = [s.split('class="box section"', 1)[1].split(">", 1)[1].split("<", 1)[0] for s in slides[1:]]
    assert [s[:2] for s in sections] == ["一、", "一、", "二、", "三、", "三、", "三、", "三、", "四、", "五、", "六、"]
    assert [s.split(" ")[-1][:3] for s in sections[3:7]] == ["（一）", "（二）", "（三）", "（四）"]
    assert "新增康复床位200张" in slides[4] and "2,036 万元" in slides[4] and "较上年 +9.9%（+183.24）" in slides[4]
    assert 'src="data:image/png;base64,' in slides[4]  # the chart, the same PNG as in the PPTX
    assert "http://" not in "".join(slides) and "https://" not in "".join(slides)  # nothing fetched from anywhere
    staffing = slides[2]
    assert "市级新增编制5名，县级新增行政编制3名" in staffing and "配备兼(挂)职副理事长10名" in staffing
    assert "8 / 8 个" in staffing  # county party groups


def test_show_mode_draws_only_the_slide():
    at = open_app(page=PAGE)
    at.session_state["presentation_show"] = True
    at.run()
    assert _show(at)["mode"] == "show"
    assert 'section[data-testid="stSidebar"]' in _html(at)  # the app's frame hidden
    assert not at.get("download_button") and not at.text_area  # exports stay on the page, outside the show


def test_a_county_on_slide_4_and_its_link():
    # (AppTest drops the query string on switching page, so the slide is set as the link would set it)
    at = open_app(page=PAGE, counties=("990103000000",))
    at.session_state["presentation_slide"] = 3
    at.run()
    show = _show(at)
    assert show["start"] == 3
    assert "青林县残疾人联合会" in show["slides"][0]  # the county's own federation on its deck
    assert "示例市残疾人联合会" not in "".join(show["slides"])
    links = [m.value for m in at.markdown if "/presentation?" in m.value]
    assert links and "year=2025" in links[0] and "slide=4" in links[0] and "county=990103000000" in links[0]
    assert "show=1" in links[0]


def test_summary_is_editable_and_downloads_are_offered():
    at = open_app(page=PAGE)
    area = next(a for a in at.text_area if a.key.startswith("presentation_summary"))
    assert "全市新增残疾人就业1000人，比上年增加60人、增长6.4%，其中自主创业100人" in area.value
    labels = [el.proto.label for el in at.get("download_button")]
    assert {"下载 PPT（.pptx）", "下载 PDF", "下载 Word（.docx）", "下载文本（.txt）"} <= set(labels)
