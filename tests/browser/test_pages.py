"""Every page in the browser: it opens without an error, has its title, shows a chart or a
table, is marked as the current page in the navigation, and leaves a full-page screenshot in
tests/browser/out/e2e-<page>.png (git-ignored; ``python tools/screenshot.py readme`` sends them
to docs/screenshots/ for the README). axe-core on every page, in both languages and in
高对比度 mode: test_a11y.py. Paths users guess (/overview, an old address) open a page in
Chinese, never Streamlit's English "Page not found" dialog.

Pages that need a permission (数据管理, 系统管理) are not shown in open mode; they are
checked signed in, in test_login.py and test_a11y.py."""

from __future__ import annotations

import contextlib
import re

import pytest

from tests.browser.helpers import (
    NAV_LINK,
    assert_page_ok,
    copy_database,
    declared_pages,
    goto,
    page_url,
    screenshot,
    served_app,
    wait_idle,
)

OPEN_PAGES = [p for p in declared_pages() if p.permission is None]
CONTENT = (
    '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"], [data-testid="stDataFrame"], '
    '[data-testid="stTable"], [data-testid="stVegaLiteChart"], [data-testid="stImage"]'
)


def _require_file(p):
    assert p.exists, f"{p.file} is declared in dashboard.py but missing"


@pytest.mark.parametrize("p", OPEN_PAGES, ids=[p.name for p in OPEN_PAGES])
def test_page_opens(page, app_url, p):
    """One visit per page (the machine is small): what a reader sees."""
    _require_file(p)
    goto(page, page_url(app_url, p, "year=2025"))
    assert_page_ok(page, p.file)
    current = page.locator(f'{NAV_LINK}[aria-current="page"]')
    assert current.count() == 1, "the page is not marked as current in the navigation"
    assert current.get_attribute("href").lstrip("./").split("?")[0] == p.url
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    if p.group != "nav_group_tools":  # section pages draw figures; tools may be forms or slides
        assert page.locator(CONTENT).count() >= 1, f"{p.file}: no chart or table"
    screenshot(page, p.name)


def test_presentation_goes_to_the_next_slide(page, app_url):
    p = next(p for p in declared_pages() if p.name == "presentation")
    assert p.exists, f"{p.file} is declared in dashboard.py but missing"
    goto(page, page_url(app_url, p, "year=2025"))
    assert_page_ok(page, p.file)
    counter = page.get_by_text(re.compile(r"第 \d+ / \d+ 页"))
    first = counter.first.inner_text()
    assert first.startswith("第 1 /"), first
    page.get_by_role("button", name=re.compile("下一页")).first.click()
    wait_idle(page, action=True)
    assert page.get_by_text(re.compile(r"第 2 / \d+ 页")).count() >= 1
    assert "slide=2" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def _no_english_dialog(page, what: str) -> None:
    dialog = page.locator('[role="dialog"]')
    assert dialog.count() == 0, f"{what}: dialog shown: {dialog.first.inner_text()[:300]}"
    assert "Page not found" not in page.locator("body").inner_text()


def test_overview_path_opens_the_overview(page, app_url):
    """The default page is served at /; /overview is the address users guess (and the page's name)."""
    goto(page, f"{app_url}/overview?year=2024")
    _no_english_dialog(page, "/overview")
    assert_page_ok(page, "/overview")
    assert "2024年残疾人事业工作总览" in page.locator("[data-testid='stMain'] h1").first.inner_text()
    assert page.locator(f'{NAV_LINK}[aria-current="page"]').inner_text().endswith("总览")
    assert page.locator('[data-testid="stAlert"]').count() == 0  # it is the page meant: no notice


def test_unknown_path_opens_the_overview_with_a_chinese_notice(page, app_url):
    goto(page, f"{app_url}/home?year=2025")  # an alias of the overview: no notice
    _no_english_dialog(page, "/home")
    assert page.locator('[data-testid="stAlert"]').count() == 0
    goto(page, f"{app_url}/no-such-page")
    _no_english_dialog(page, "/no-such-page")
    assert_page_ok(page, "/no-such-page")
    notice = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "没有找到地址 /no-such-page 对应的页面" in notice
    assert "总览" in page.locator("[data-testid='stMain'] h1").first.inner_text()


@contextlib.contextmanager
def _first_visit(browser, demo_sqlite_url: str, tmp_path, path: str):
    """A server no one has opened yet (no warm-up run) and the page of its very first visit, to ``path``."""
    url = copy_database(demo_sqlite_url, tmp_path / "demo.sqlite")
    with served_app(url, tmp_path / "streamlit.log") as base:
        ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        try:
            page = ctx.new_page()
            goto(page, f"{base}{path}")
            yield page
        finally:
            ctx.close()


def test_the_first_visit_after_a_start_keeps_its_links_filters_and_slide(browser, demo_sqlite_url, tmp_path):
    """A server no one has opened yet (no warm-up run): the very first visitor's link is obeyed —
    the year of the link and the slide. Before app.py told Streamlit that pages/ is not an
    old-style multipage folder, this visit opened slide 1 of the latest year."""
    with _first_visit(browser, demo_sqlite_url, tmp_path, "/presentation?year=2022&slide=3") as page:
        count = page.wait_for_function(
            """() => { const h = [...document.querySelectorAll('*')]
                         .find((e) => e.shadowRoot && e.shadowRoot.querySelector('.ss-count'));
                       const c = h && h.shadowRoot.querySelector('.ss-count');
                       return c && c.textContent; }""",
            timeout=180_000,
        ).json_value()
        wait_idle(page)
        assert "3 / " in count
        assert "year=2022" in page.url and "slide=3" in page.url
        shown = page.evaluate(
            """() => [...document.querySelectorAll('*')].find((e) => e.shadowRoot && e.shadowRoot.querySelector('.ss-root'))
                       .shadowRoot.querySelector('.slide.on').textContent"""
        )
        assert "2022年" in shown and "2025年" not in shown  # the slide's footer: the link's year


def test_an_unknown_path_as_the_very_first_visit_gets_the_chinese_notice(browser, demo_sqlite_url, tmp_path):
    """The first request after a server start is a guessed address: until app.py set Streamlit's
    multipage flag itself, Streamlit answered it from pages/ with its English "Page not found"
    dialog before our script ran. Now it is the Overview with our notice, like any later visit."""
    with _first_visit(browser, demo_sqlite_url, tmp_path, "/no-such-page?year=2024") as page:
        _no_english_dialog(page, "/no-such-page (first visit)")
        assert_page_ok(page, "/no-such-page (first visit)")
        notice = page.locator('[data-testid="stAlert"]').first.inner_text()
        assert "没有找到地址 /no-such-page 对应的页面" in notice
        assert "2024年残疾人事业工作总览" in page.locator("[data-testid='stMain'] h1").first.inner_text()
