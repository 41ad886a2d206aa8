"""``python -m data_access rollups`` rebuilds the rollup tables; ``summaries``, its first name, still does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_access", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.mark.parametrize("command", ["rollups", "summaries"])
def test_rollups_and_its_old_name_rebuild(tmp_path, command):
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    assert run("init", "--db", url).returncode == 0
    done = run(command, "--db", url)
    assert done.returncode == 0, done.stderr
    assert "汇总表已重建" in done.stdout and "行" in done.stdout
