"""A real city's first day in the browser alone (issue 29): from an empty database to the
presentation deck, through the Data page only, in Chromium, as a clerk of 运城市 does it.

What is done outside the browser is what the README's recipe does before the browser:
``python -m data_access init`` on an empty database and one data-staff account. Then, signed in
as that clerk, the Data page takes the national 2023 code list as published (with the city
code 1408), the DataV county boundaries, the organisations on the guide's own template filled
in (openpyxl, as Excel would), the indicator dictionary, one indicator of the federation's own
and a year of figures; at each step the guide names the next one. Last, the 汇报 page gives a
deck whose slides speak of 运城市, downloaded as a PowerPoint file.

Every wait is generous (a busy two-core machine): the national street list is 1.6 MB.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from data_access import auth
from data_access.db import make_engine
from tests import realcity
from tests.browser.helpers import NAV_LINK, TIMEOUT_MS, goto, screenshot, served_app, wait_idle

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not realcity.available(), reason=realcity.SKIP_REASON),
]

PASSWORD = "Yuncheng-First-Day-2025"


@pytest.fixture(scope="module")
def empty_city(tmp_path_factory):
    d = tmp_path_factory.mktemp("first_day")
    url = f"sqlite:///{d / 'new-city.sqlite'}"
    assert realcity.run("init", "--db", url) == 0  # the README's recipe: init, then an account
    eng = make_engine(url)
    with eng.begin() as conn:
        auth.add_user(conn, "clerk", "data_staff", PASSWORD, None, None)
    eng.dispose()
    with served_app(url, d / "streamlit.log", CANLIAN_AUTH_MODE="accounts") as base:
        yield {"base": base, "url": url, "dir": d}


def _main(page):
    return page.locator('[data-testid="stMain"]')


def _guide(page) -> str:
    """The guide's box as a reader sees it (bold marks gone)."""
    return (
        _main(page)
        .locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]')
        .filter(has_text="数据准备进度")
        .last.inner_text()
    )


def _tab(page, name: str) -> None:
    _main(page).locator('[role="tab"]').filter(has_text=name).first.click()
    page.wait_for_timeout(300)


def _kind(page, name: str) -> None:
    _main(page).get_by_role("combobox", name="数据类别").click()
    page.get_by_role("option", name=name, exact=True).click()
    wait_idle(page, action=True)


def _load(page, name: str, content: bytes, kind: str | None = None) -> str:
    """A file through 导入数据: the preview passes, 确认导入, 导入完成. Returns the success line."""
    _tab(page, "导入数据")
    if kind:
        _kind(page, kind)
    mime = "text/csv" if name.endswith(".csv") else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _main(page).locator('input[type="file"][accept*=".xlsx"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    wait_idle(page, action=True)
    errors = _main(page).locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, f"{name}: {_main(page).inner_text()[-3000:]}"
    _main(page).get_by_text("检查通过，请确认").first.wait_for()
    _main(page).get_by_role("button", name="确认导入").click()
    wait_idle(page, action=True)
    done = _main(page).locator('[data-testid="stAlertContentSuccess"]').filter(has_text="导入完成").first
    done.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    # the next file is usually another kind: the choice is back at 自动判断
    box = _main(page).get_by_role("combobox", name="数据类别")
    shown = box.evaluate("e => [e.value, e.placeholder, e.closest('[data-baseweb=\"select\"]')?.innerText].join('|')")
    assert "自动判断" in shown, shown
    return done.inner_text()


def _filled_template(path: Path, rows: list[dict]) -> bytes:
    """The guide's template with the clerk's rows typed under its header, columns matched by name."""
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))  # a download has no file extension
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for i, row in enumerate(rows, start=2):
        for col, value in row.items():
            ws.cell(row=i, column=header.index(col) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_new_city_goes_from_an_empty_database_to_its_deck_in_the_browser(browser, empty_city):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    goto(page, empty_city["base"] + "/")
    page.get_by_role("textbox", name="用户名").fill("clerk")
    page.get_by_role("textbox", name="密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    wait_idle(page, action=True)
    page.locator(NAV_LINK).filter(has_text="数据管理").click()
    wait_idle(page, action=True)
    assert page.locator('[data-testid="stException"]').count() == 0, "the Data page of an empty database"

    # 1. the empty database: the guide's first step is the divisions, with its template
    guide = _guide(page)
    assert "⬜ 行政区划：0 个县(区)" in guide and "导入本市区划" in guide, guide
    assert _main(page).get_by_role("button", name="下载“行政区划”模板").count() == 1

    # 2. the national code list as published, the city code typed once
    _tab(page, "导入数据")
    _main(page).get_by_role("textbox", name=re.compile("本市区划代码")).fill("1408")
    _main(page).get_by_role("textbox", name=re.compile("本市区划代码")).press("Enter")
    wait_idle(page, action=True)
    for name in ("cities.csv", "areas.csv", "streets.csv"):
        _load(page, name, (realcity.CODES / name).read_bytes(), kind="行政区划")
    guide = _guide(page)
    assert "运城市：数据准备进度" in guide, guide
    assert "✅ 行政区划：13 个县(区)、147 个乡镇(街道)" in guide, guide
    assert "“边界文件”" in guide  # next: the boundaries, a GeoJSON file (no template)

    # 3. the county boundaries, as DataV publishes them; township polygons are optional
    _tab(page, "边界文件")
    _main(page).locator('input[type="file"][accept*=".geojson"]').set_input_files(
        str(realcity.REALDATA / "yuncheng_140800_counties.geojson")
    )
    wait_idle(page, action=True)
    _main(page).get_by_role("button", name="确认载入 13 个边界").click()
    wait_idle(page, action=True)
    _main(page).get_by_text("边界已载入").first.wait_for()
    guide = _guide(page)
    assert "✅ 边界：县(区) 13 / 13 个有边界，乡镇(街道) 0 / 147 个有边界" in guide, guide

    # 4. the organisations, on the template the guide offers, filled in as a clerk would
    with page.expect_download() as dl:
        _main(page).get_by_role("button", name="下载“组织机构”模板").click()
    assert dl.value.suggested_filename == "组织机构导入模板.xlsx"
    rows = []
    for code, name in realcity.streets_of(realcity.XINJIANG):
        if name != "万安镇" and not code.endswith("400"):
            rows.append(
                {
                    "机构类型": "乡镇(街道)残联",
                    "区划代码": code + "000",
                    "机构名称": f"{name}残联",
                    "成立日期": "2021-06-01",
                }
            )
    filled = _filled_template(Path(dl.value.path()), rows)
    said = _load(page, "组织机构导入模板.xlsx", filled)
    assert f"{len(rows)}" in said, said
    guide = _guide(page)
    # eight 镇 (万安镇 has none yet); the ninth row, 新绛县经济技术开发区, is not a 乡镇 of the coverage
    assert len(rows) == 9 and "✅ 组织机构：乡镇(街道)残联 8 / 147 个" in guide, guide

    # 5. the dictionary, an indicator of the federation's own, a year of figures: the guide is done
    _load(page, "cdpf-annual.csv", realcity.DICTIONARY.read_bytes(), kind="指标定义")
    _load(page, "本会指标.csv", realcity.own_indicator(empty_city["dir"]).read_bytes(), kind="指标定义")
    _load(page, "指标数据2025.csv", realcity.figures(empty_city["dir"]).read_bytes(), kind="指标数据")
    _main(page).get_by_text("区划、边界、组织机构和年度数字都已具备").first.wait_for()
    guide = _guide(page)
    # the 18 indicators of the 中国残联年报 dictionary and the 12385 hotline; 8 figures of 2025
    assert "✅ 各年度数字：1 个年度有数据，本会自定义指标 19 个　2025年 指标数据 8 条" in guide, guide
    screenshot(page, "first-day-data-done")

    # 6. the deck of the city's own data, downloaded
    page.locator(NAV_LINK).filter(has_text="汇报").click()
    wait_idle(page, action=True)
    assert page.locator('[data-testid="stException"]').count() == 0, "the 汇报 page of a new city"
    screenshot(page, "first-day-presentation")
    with page.expect_download(timeout=TIMEOUT_MS) as dl:
        _main(page).get_by_role("button", name="下载 PPT（.pptx）").click()
    assert dl.value.suggested_filename.endswith(".pptx")
    deck = Presentation(dl.value.path())
    texts = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    words = "\n".join(texts)
    assert "运城市2025年残疾人事业发展情况汇报" in words, texts[:10]
    # two counties of thirteen reported: the figures wait, the coverage of the organisations is there
    assert "乡镇(街道)残联覆盖率5.4%，尚有139个乡镇(街道)未建立残联" in words, texts
    assert "示例市" not in words, "the demo city's name in a new city's deck"
    ctx.close()
