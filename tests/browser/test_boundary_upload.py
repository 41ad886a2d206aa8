"""The Data page's 边界文件 tab in Chromium (issue 29), as a new city's clerk uses it: a boundary
file from before the re-districting (孟津县, 吉利区, 偃师市) on 洛阳市's 2023 list. The report says
the file's coordinate system, matches 孟津县 → 孟津区 and 偃师市 → 偃师区 as 县/市/区 changes, shows
every reason in full (not cut), offers the 区划代码变更 rows to write as a CSV, and loads on confirm."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from data_access import auth
from data_access.db import make_engine
from tests.browser.helpers import NAV_LINK, TIMEOUT_MS, goto, served_app, wait_idle
from tests.test_geo_redistricting import OLD, city, feature

PASSWORD = "Boundary-Clerk-2025"


@pytest.fixture(scope="module")
def clerk_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("served_boundaries")
    url, eng = city(d)
    with eng.begin() as conn:
        auth.add_user(conn, "wang", "data_staff", PASSWORD, None, None)
    eng.dispose()
    with served_app(url, d / "streamlit.log", CANLIAN_AUTH_MODE="accounts") as base:
        yield {"base": base, "url": url}


def test_a_pre_redistricting_file_is_understood_on_the_data_page(browser, clerk_app):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    goto(page, clerk_app["base"] + "/")
    page.get_by_role("textbox", name="用户名").fill("wang")
    page.get_by_role("textbox", name="密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    wait_idle(page, action=True)
    page.locator(NAV_LINK).filter(has_text="数据管理").click()
    wait_idle(page, action=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.locator('[role="tab"]').filter(has_text="边界文件").first.click()
    doc = {"type": "FeatureCollection", "features": [feature(n, c, g) for n, (c, g) in OLD.items()]}
    page.locator('input[type="file"][accept*=".geojson"]').set_input_files(
        files=[
            {
                "name": "洛阳市_2019.geojson",
                "mimeType": "application/json",
                "buffer": json.dumps(doc, ensure_ascii=False).encode(),
            }
        ]
    )
    wait_idle(page, action=True)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("坐标系：WGS-84（文件未声明坐标系").first.wait_for()
    assert "（其中县/市/区变更 2 个，请核对）" in main.inner_text()
    # the reason in full, wrapped in its cell, as a reader sees it
    cell = main.locator("td").filter(has_text="名称仅县/市/区不同（孟津县 → 孟津区，撤县设区等）").first
    assert cell.is_visible()
    assert cell.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert "建议写入的区划代码变更" in main.inner_text()
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载建议的区划代码变更（CSV）").click()
    rows = list(csv.reader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["原区划代码", "原名称", "新区划代码", "新名称", "变更年度", "说明"]
    assert ["410322000000", "孟津县", "410308000000", "孟津区", "", "撤县设区"] in rows
    page.get_by_role("button", name="确认载入 3 个边界").click()
    wait_idle(page, action=True)
    main.get_by_text("边界已载入").first.wait_for()
    with make_engine(clerk_app["url"]).connect() as conn:
        n = conn.exec_driver_sql("SELECT COUNT(*) FROM area_shapes").scalar()
    assert n == 3
    ctx.close()
