"""The Overview and the app frame as a reader uses them in Chromium: the real sidebar
filters change the figures, a shared link carries its filters, the county table downloads
as a CSV that Excel/WPS read, the keyboard reaches every control with a visible focus
frame, the high-contrast switch, and the page at 200 % zoom (640×400 CSS px)."""

from __future__ import annotations

import csv
import io

import pytest

from data_access import catalog, queries
from data_access.db import make_engine
from data_access.filters import Filters
from tests.browser.helpers import assert_page_ok, choose, goto, metric_values, wait_idle
from ui.components import value_text


@pytest.fixture(scope="module")
def expected(demo_sqlite_url):
    """What the tiles must read, from the data layer (the same demo city the server reads)."""
    engine = make_engine(demo_sqlite_url)
    with engine.connect() as conn:
        counties = queries.all_counties(conn)

        def tiles(year: int, counties_: tuple[str, ...] = ()) -> dict[str, str]:
            k = queries.kpis(conn, Filters(year=year, counties=counties_), catalog.OVERVIEW_CODES)
            return {
                r["name_zh"]: value_text(r["value"], int(r["decimals"]), r["unit_zh"]) for r in k.to_dict("records")
            }

        out = {
            "counties": dict(zip(counties["code"], counties["name"], strict=True)),
            "city_2025": tiles(2025),
            "city_2024": tiles(2024),
        }
        code = counties["code"].iloc[2]
        out["county"] = (code, counties["name"].iloc[2])
        out["county_2024"] = tiles(2024, (code,))
    engine.dispose()
    return out


def _title(page) -> str:
    return page.locator("[data-testid='stMain'] h1").first.inner_text()


def tiles(page, expected: dict[str, str]) -> dict[str, str]:
    """The tiles of the indicators ``expected`` names, as shown (the staffing tiles beside them are
    checked by the AppTest of the Overview)."""
    shown = metric_values(page)
    return {k: shown.get(k, "(missing)") for k in expected}


def test_sidebar_filters_change_the_figures(page, app_url, expected):
    goto(page, f"{app_url}/")
    assert_page_ok(page, "overview")
    assert tiles(page, expected["city_2025"]) == expected["city_2025"]
    assert "2025年" in _title(page)
    assert metric_values(page)["康复知识普及受益人次"] == "10,000 人次"  # the work summary's figure

    choose(page, "年度", "2024年")
    assert "2024年" in _title(page)
    assert tiles(page, expected["city_2024"]) == expected["city_2024"]
    assert "year=2024" in page.url

    code, name = expected["county"]
    choose(page, "县(区)", name)
    assert _title(page).startswith(name)
    shown = tiles(page, expected["county_2024"])
    assert shown == expected["county_2024"]
    assert shown != expected["city_2024"]
    assert f"county={code}" in page.url


def test_shared_link_applies_its_filters(page, app_url, expected):
    code, name = expected["county"]
    goto(page, f"{app_url}/?county={code}&year=2024")
    assert_page_ok(page, "overview (shared link)")
    assert _title(page) == f"{name}2024年残疾人事业工作总览"
    assert tiles(page, expected["county_2024"]) == expected["county_2024"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert name in sidebar.locator('[data-testid="stMultiSelect"]').inner_text()
    assert sidebar.get_by_role("combobox", name="年度", exact=True).input_value() == "2024年"


def test_county_table_downloads_as_csv_for_excel(page, app_url, expected):
    goto(page, f"{app_url}/?year=2025")
    button = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"] button').first
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "总览_分县_2025.csv"
    raw = download.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel/WPS would show mojibake"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "县(区)"
    assert any("法律援助" in h for h in header) and any("（人次）" in h for h in header)
    assert [r[0] for r in body] == list(expected["counties"].values())  # the 8 counties, in code order
    assert len(body) == 8


def _focus_state(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const box = e.closest('[data-testid]');
            let visible = false;
            for (let n = e, i = 0; n && i < 4; n = n.parentElement, i++) {
                const s = getComputedStyle(n);
                if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none') {
                    visible = true; break;
                }
            }
            return {tag: e.tagName, testid: box ? box.dataset.testid : null,
                    inSidebar: !!e.closest('[data-testid="stSidebar"]'), inMain: !!e.closest('[data-testid="stMain"]'),
                    name: (e.getAttribute('aria-label') || e.innerText || '').slice(0, 40), visible};
        }"""
    )


def test_keyboard_reaches_filters_and_controls_with_visible_focus(page, app_url):
    goto(page, f"{app_url}/?year=2025")
    seen = []
    for _ in range(45):
        page.keyboard.press("Tab")
        seen.append(_focus_state(page))
    reached = {s["testid"] for s in seen}
    assert {"stPageLink-NavLink", "stMultiSelectTagsContainer", "stSelectbox", "stCheckbox"} <= reached, reached
    assert any(s["inMain"] and s["tag"] in ("BUTTON", "A", "INPUT") for s in seen), "no control in the page reached"
    invisible = [s for s in seen if s["tag"] != "BODY" and not s["visible"]]
    assert invisible == [], f"focus not visible on {invisible}"

    # and the keyboard works them: open the year list and choose the year before
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="年度").locator(
        "input"
    ).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_idle(page, action=True)
    assert "2024年" in _title(page)


def test_high_contrast_switch_and_link(page, app_url):
    goto(page, f"{app_url}/")
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text="高对比度大字号").locator(
        "label"
    ).click()
    wait_idle(page, action=True)
    assert "contrast=high" in page.url
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large >= base * 1.2
    value = page.locator('[data-testid="stMetricValue"] p').first
    assert value.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"

    other = page.context.new_page()
    goto(other, f"{app_url}/?contrast=high&year=2025")
    assert other.locator('[data-testid="stSidebar"]').get_by_role("switch", name="高对比度大字号").is_checked()
    assert other.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= base * 1.2


def test_language_switch_sets_page_language(page, app_url):
    goto(page, f"{app_url}/")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    choose(page, "语言 / Language", "English")
    assert "overview" in _title(page).lower()
    page.wait_for_function("document.documentElement.lang === 'en'")


def test_usable_at_200_percent_zoom(browser, app_url):
    """1280×800 at 200 % zoom is 640×400 CSS px: no sideways scrolling of the page's content,
    and the filters still reachable (Streamlit folds the sidebar behind a button)."""
    ctx = browser.new_context(viewport={"width": 640, "height": 400})
    try:
        page = ctx.new_page()
        goto(page, f"{app_url}/?year=2025")
        assert_page_ok(page, "overview at 640×400")
        overflow = page.evaluate(
            """() => { const m = document.querySelector('[data-testid="stMain"]');
                       return [m.scrollWidth - m.clientWidth, document.documentElement.scrollWidth - window.innerWidth]; }"""
        )
        assert max(overflow) <= 1, f"horizontal overflow at 200 % zoom: {overflow} px"
        sidebar = page.locator('[data-testid="stSidebar"]')
        year = sidebar.get_by_role("combobox", name="年度", exact=True)
        if not year.is_visible():
            page.locator(
                '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
            ).first.click()
        year.scroll_into_view_if_needed()
        assert year.is_visible()
    finally:
        ctx.close()
