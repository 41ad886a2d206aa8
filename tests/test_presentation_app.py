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


def test_served_by_app_py_the_browser_draws_the_charts_and_no_chromium_starts(monkeypatch):
    """Under ``streamlit run app.py`` (ui.client_assets mounted) the slides carry each chart's
    figure for the browser to draw: opening 汇报 starts no Chromium on the server."""
    from reporting import export
    from ui import client_assets

    def no_browser(deck):
        raise AssertionError("a Chromium was started on the server for the slides")

    monkeypatch.setattr(client_assets, "MOUNTED", True)
    monkeypatch.setattr(export, "chart_pngs", no_browser)
    at = open_app(page=PAGE)
    assert not at.exception
    show = _show(at)
    slides, charts = show["slides"], show["charts"]
    assert charts["url"] == client_assets.plotly_js_url() and charts["url"].startswith("/_canlian/plotly-")
    assert (charts["w"], charts["h"]) == (1100, 630)
    drawn = sorted(int(k) for k in charts["specs"])
    assert drawn == [i for i, s in enumerate(slides) if 'data-chart="' in s] and len(drawn) >= 8
    assert 'data-chart="4"' in slides[4] and "data:image/png" not in "".join(slides)
    rehab = json.loads(charts["specs"]["4"])  # slide 5: rehabilitation, the chart of its figures
    assert rehab["data"] and rehab["layout"]["template"]  # drawn with our template, offline
    assert "新增康复床位200张" in slides[4]


def test_the_plotly_route_serves_the_installed_plotly_js():
    """A GET of the route through Starlette, as the server answers the browser."""
    import asyncio

    from starlette.applications import Starlette

    from ui import client_assets

    app = Starlette(routes=client_assets.routes())
    sent: list[dict] = []

    asked = []

    async def receive():  # the request, then a client that stays connected
        if asked:
            await asyncio.sleep(3600)
        asked.append(1)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "path": client_assets.plotly_js_url(),
        "raw_path": client_assets.plotly_js_url().encode(), "query_string": b"", "headers": [], "root_path": "",
        "server": ("127.0.0.1", 8501), "client": ("127.0.0.1", 50000),
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 200 and headers["content-type"].startswith("text/javascript")
    assert "immutable" in headers["cache-control"]
    assert body == client_assets.PLOTLY_JS.read_bytes() and b"plotly.js v" in body[:400]


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
