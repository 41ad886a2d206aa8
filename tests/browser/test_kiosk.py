"""Kiosk mode for the wall screen of the federation's hall (?show=1&auto=N): the show goes to the
next slide by itself every N seconds and from the last to the first, and when a load lands the
wall shows the new figures without anyone touching it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import update

from benchmarks.many_users import warm_up
from data_access.db import bump_data_version, make_engine
from data_access.models import Area
from tests.browser.helpers import copy_database, goto, served_app

COUNT = """() => {
  const h = [...document.querySelectorAll('*')].find((e) => e.shadowRoot && e.shadowRoot.querySelector('.ss-root'));
  const root = h.shadowRoot.querySelector('.ss-root');
  return {count: root.querySelector('.ss-count').textContent, auto: root.dataset.auto,
          text: root.querySelector('.slide.on').textContent};
}"""


@pytest.fixture(scope="module")
def kiosk_app(demo_sqlite_url, tmp_path_factory):
    d = tmp_path_factory.mktemp("kiosk")
    url = copy_database(demo_sqlite_url, d / "demo.sqlite")
    with served_app(url, d / "streamlit.log", CANLIAN_KIOSK_WATCH="3") as base:
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, warm_up(base)).result()
        yield base, url


def test_the_show_advances_by_itself_and_loops(kiosk_app, context):
    base, _ = kiosk_app
    page = context.new_page()
    goto(page, f"{base}/presentation?show=1&slide=10&auto=5")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    first = page.evaluate(COUNT)
    assert first["auto"] == "5" and first["count"].startswith("第 10 / ")
    total = first["count"].split("/ ")[1].split(" ")[0]
    page.wait_for_function(f"() => ({COUNT})().count === '第 {total} / {total} 页'", timeout=15_000)
    page.wait_for_function(f"() => ({COUNT})().count === '第 1 / {total} 页'", timeout=15_000)  # loops


def test_without_auto_the_show_stays(kiosk_app, context):
    base, _ = kiosk_app
    page = context.new_page()
    goto(page, f"{base}/presentation?show=1&slide=2")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    assert page.evaluate(COUNT)["auto"] == "0"
    page.wait_for_timeout(7_000)
    assert page.evaluate(COUNT)["count"].startswith("第 2 / ")


def test_a_load_landing_shows_on_the_wall(kiosk_app, context):
    base, url = kiosk_app
    page = context.new_page()
    goto(page, f"{base}/presentation?show=1&slide=1&auto=600")
    page.wait_for_selector(".ss-root.show .slide.on", timeout=180_000)
    assert "示例市" in page.evaluate(COUNT)["text"]
    engine = make_engine(url)
    with engine.begin() as conn:  # what a load does: change the data, move the version
        conn.execute(update(Area).where(Area.level == "city").values(name="示范市"))
        bump_data_version(conn)
    page.wait_for_function(f"() => ({COUNT})().text.includes('示范市')", timeout=90_000)
