"""Every page in the browser: it opens without an error, has its title, shows a chart or a
table, passes axe-core (WCAG 2.x A/AA: no serious or critical violation this project can
fix), and leaves a full-page screenshot in tests/browser/out/e2e-<page>.png (git-ignored;
``python tools/screenshot.py readme`` sends them to docs/screenshots/ for the README).

Pages that need a permission (数据管理, 系统管理) are not shown in open mode; they are
checked signed in, in test_login.py."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import (
    assert_page_ok,
    axe_report,
    declared_pages,
    goto,
    page_url,
    run_axe,
    screenshot,
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
def test_page_opens_and_passes_axe(page, app_url, p):
    """One visit per page (the machine is small): what a reader sees, then axe-core."""
    _require_file(p)
    goto(page, page_url(app_url, p, "year=2025"))
    assert_page_ok(page, p.file)
    current = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    assert current.count() == 1, "the page is not marked as current in the navigation"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    if p.group != "nav_group_tools":  # section pages draw figures; tools may be forms or slides
        assert page.locator(CONTENT).count() >= 1, f"{p.file}: no chart or table"
    screenshot(page, p.name)
    violations = run_axe(page)
    assert violations == [], f"{p.file}: axe found\n{axe_report(violations)}"


@pytest.mark.parametrize("p", [p for p in OPEN_PAGES if p.url == ""], ids=lambda p: p.name)
def test_page_passes_axe_in_high_contrast(page, app_url, p):
    """The 高对比度大字号 view is checked too (its colours must not break contrast)."""
    _require_file(p)
    goto(page, page_url(app_url, p, "year=2025&contrast=high"))
    violations = run_axe(page)
    assert violations == [], f"{p.file} (high contrast): axe found\n{axe_report(violations)}"


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
