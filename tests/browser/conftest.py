"""Fixtures of the browser tests: the served app (open mode) on its own copy of the demo
city, Debian's Chromium, and a fresh browser context per test. Helpers: ``helpers.py``."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.many_users import warm_up
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, HERE, TIMEOUT_MS, VIEWPORT, copy_database, served_app

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs it (requirements-test.txt)
    sync_playwright = None


def pytest_collection_modifyitems(config, items):
    reason = None
    if sync_playwright is None:
        reason = "playwright is not installed (pip install -r requirements-test.txt)"
    elif not Path(CHROMIUM).is_file():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it)"
    if reason:
        for item in items:
            if HERE in Path(str(item.fspath)).parents:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """Per module, not per session: Playwright's sync API holds an event loop in the main
    thread while it runs, which would break later tests that call ``asyncio.run``."""
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app_url(demo_sqlite_url, tmp_path_factory) -> str:
    """The app in open mode (no login) on its own copy of the demo city."""
    d = tmp_path_factory.mktemp("served")
    url = copy_database(demo_sqlite_url, d / "demo.sqlite")
    with served_app(url, d / "streamlit.log") as base:
        # Run dashboard.py once before any deep link: until st.navigation has run in this
        # process, Streamlit treats pages/ as a v1 multipage folder (see test_login.py).
        with ThreadPoolExecutor(1) as pool:  # one script run over Streamlit's websocket
            pool.submit(asyncio.run, warm_up(base)).result()
        yield base


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
