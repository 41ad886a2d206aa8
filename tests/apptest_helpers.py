"""Helpers for driving dashboard.py with AppTest."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.filters import K_COUNTIES, K_FROM, K_TABLES, K_YEAR
from ui.internals.pages_manager import apptest_as_in_production

# one at.run() executes dashboard.py once, as `streamlit run app.py` does (not twice, in Streamlit's
# old multipage wrapper first): tests/test_apptest_runs_once.py
apptest_as_in_production()

TIMEOUT = 120
DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def open_app(
    page: str | None = None,
    year: int | None = None,
    counties: tuple[str, ...] = (),
    year_from: int | None = None,
    query: dict | None = None,
    tables: bool = True,
    state: dict | None = None,
) -> AppTest:
    """Run the app (optionally on a page), with global filters set through session state.

    ``tables``: the sidebar's 显示全部数据表 switch, so the tables a page sends only on
    demand are in the element tree (the tests read the numbers from them)."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    at.session_state[K_TABLES] = tables
    for k, v in (state or {}).items():  # a page's own widgets (set before the run: kept across switch_page)
        at.session_state[k] = v
    if query:
        for k, v in query.items():
            at.query_params[k] = v
    if year is not None:
        at.session_state[K_YEAR] = year
    if year_from is not None:
        at.session_state[K_FROM] = year_from
    if counties:
        at.session_state[K_COUNTIES] = list(counties)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label → value as shown."""
    return {m.label: m.value for m in at.metric}


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def deck_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def sign_in(
    name: str, password: str, state: dict | None = None, page: str | None = None, query: dict | None = None
) -> AppTest:
    """The app in accounts mode, signed in through its login form (a session row of its own:
    a principal put in the session state alone is signed out), then on ``page``."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    for k, v in (state or {}).items():
        at.session_state[k] = v
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    if page:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    return at
