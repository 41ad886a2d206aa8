"""House rules checked with the tests: ruff is clean, pages hold no SQL, the data layer never imports Streamlit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None and sys.modules.get("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


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
