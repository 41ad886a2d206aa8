"""tests/families.py: a family that should have run here but was skipped fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = """
import pytest

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_figure(backend):
    if backend == "postgresql":
        pytest.skip("postgresql not available on loopback: connection refused")
    assert 1 + 1 == 2
"""


def _run(tmp_path: Path, required: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_case.py").write_text(CASES, encoding="utf-8")
    env = os.environ | {"CANLIAN_REQUIRE_FAMILIES": required, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.families", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_required_family_that_was_skipped_fails_the_run(tmp_path):
    r = _run(tmp_path, "postgresql,mariadb")
    assert r.returncode == 1, r.stdout
    assert "test families that should have run here but did not" in r.stdout
    assert "postgresql: 1 skipped, 0 passed — postgresql not available on loopback" in r.stdout
    assert "mariadb" not in r.stdout.split("did not")[-1]  # not selected: nothing to say


def test_a_family_not_required_may_be_skipped(tmp_path):
    r = _run(tmp_path, "")
    assert r.returncode == 0, r.stdout
    assert "1 passed, 1 skipped" in r.stdout
