"""House rules checked with the tests: ruff is clean and formatted, pages hold no SQL, the data layer never
imports Streamlit, no dataset is looked up by name and every query function has its cached dataset."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff_is_clean(command):
    r = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_dataset_is_looked_up_by_name():
    # a reader follows a page to its SQL by the function's name; getattr over the query
    # namespace or the facade hides that step (and let a caller skip the filters)
    pattern = re.compile(r"getattr\(\s*(queries|data)\s*,|\bdata\.(query|plain)\(")
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for d in ("pages", "ui", "reporting", "data_access", "charts", "benchmarks", "tools", "dashboard.py")
        for p in ([ROOT / d] if d.endswith(".py") else (ROOT / d).rglob("*.py"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "demo" not in p.parts
    ]
    assert offenders == []


def test_every_query_function_has_its_cached_dataset_and_plain_ones_are_exportable():
    import inspect

    from data_access import loading, queries
    from ui import data

    functions = [
        fn
        for fn in vars(queries).values()
        if inspect.isfunction(fn) and next(iter(inspect.signature(fn).parameters), None) == "conn"
    ]
    assert len(functions) > 30
    assert [fn.__name__ for fn in functions if fn not in data._DATASETS] == []
    plain = {
        fn
        for fn in functions
        if [p.name for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty]
        == ["conn", "f"]
    }
    assert sorted(fn.__name__ for fn in plain - set(loading.SIMPLE_DATASETS)) == []


def test_pages_hold_no_sql_engine_or_session():
    pattern = re.compile(r"((?<![.\w])select\(|SELECT |(?<![.\w])text\(|read_sql|create_engine|Session\()")
    offenders = [p.name for p in (ROOT / "pages").glob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_data_access_and_charts_never_import_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for d in ("data_access", "charts")
        for p in (ROOT / d).rglob("*.py")
        if re.search(r"^\s*(import|from) streamlit", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_every_page_keeps_inside_the_frame():
    """A session that starts on /<page> must still pass through dashboard.py (login, scope)."""
    missing = [p.name for p in (ROOT / "pages").glob("*.py") if "guard(__file__)" not in p.read_text(encoding="utf-8")]
    assert missing == []


def test_chromium_is_started_in_one_place(monkeypatch):
    from reporting import browser

    copies = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "node_modules" not in p.parts and ".venv" not in p.parts and p != ROOT / "reporting" / "browser.py"
        if "--disable-" + "dev-shm-usage" in p.read_text(encoding="utf-8")  # split: this file is no copy
    ]
    assert copies == [], "launch Chromium with reporting.browser.chromium_args()"
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/old/chromium")
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    assert browser.chromium_path() == "/opt/old/chromium"
    monkeypatch.setenv("BROWSER_PATH", "/opt/kaleido/chromium")
    assert browser.chromium_path() == "/opt/kaleido/chromium"
    assert "--no-sandbox" in browser.chromium_args()
