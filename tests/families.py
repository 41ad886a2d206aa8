"""Markers and test families (a pytest plugin, loaded by ``-p tests.families`` in pyproject).

Markers, set from where a test lives and what it uses, so nobody has to remember them:
``browser`` (tests/browser/: a served app and Chromium), ``db`` (runs on a database server:
a ``[postgresql…]`` or ``[mariadb…]`` case), ``slow`` (over about ten seconds on a quiet
machine: whole servers, performance corpora, the real city's files). The fast local loop is
``pytest -m "not browser and not slow" -n 2``.

Families that must not silently vanish: when ``CANLIAN_REQUIRE_FAMILIES`` names them
(``.ci/run`` names the ones this machine has), a run in which such a family was selected but
did not run — every case skipped, or any case skipped because its service was missing —
fails, with the skip reasons. A run without PostgreSQL still passes on a developer's laptop
when the variable is unset; CI cannot pass that way.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# modules (or single tests) that take over ~10 s on a quiet machine: whole servers, corpora
SLOW_MODULES = {
    "test_multiprocess.py",
    "test_perf_bulk.py",
    "test_perf_loads.py",
    "test_perf_summaries.py",
    "test_real_city.py",
    "test_statement_timeout.py",
    "test_robustness_database.py",
    "test_session_cookie_routes.py",
    "test_cluster.py",
}

FAMILIES = {
    "postgresql": lambda nodeid: re.search(r"\[(?:.*-)?postgresql(?:-.*)?\]", nodeid) is not None,
    "mariadb": lambda nodeid: re.search(r"\[(?:.*-)?mariadb(?:-.*)?\]", nodeid) is not None,
    "browser": lambda nodeid: nodeid.startswith("tests/browser/"),
    "realcity": lambda nodeid: nodeid.startswith("tests/test_real_city.py"),
}
# a skip for one of these reasons means the family's service or files were missing
UNAVAILABLE = {
    "postgresql": ("not available on loopback",),
    "mariadb": ("not available on loopback",),
    "browser": ("no Chromium", "playwright is not installed"),
    "realcity": ("real public files not found",),
}

_seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
_reasons: dict[str, set[str]] = defaultdict(set)


def pytest_configure(config: pytest.Config) -> None:
    for line in (
        "browser: a served app driven by Chromium (tests/browser/)",
        "db: runs on a database server (PostgreSQL or MariaDB)",
        "slow: over about ten seconds on a quiet machine; left out of the fast loop",
    ):
        config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if HERE / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        if path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if FAMILIES["postgresql"](item.nodeid) or FAMILIES["mariadb"](item.nodeid):
            item.add_marker(pytest.mark.db)


def _skip_reason(report: pytest.TestReport) -> str:
    lr = report.longrepr
    if isinstance(lr, tuple) and len(lr) == 3:
        return str(lr[2])
    return str(lr)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for family, member in FAMILIES.items():
        if not member(report.nodeid):
            continue
        if report.skipped:
            _seen[family]["skipped"] += 1
            _reasons[family].add(_skip_reason(report).removeprefix("Skipped: "))
        elif report.when == "call" and report.passed:
            _seen[family]["passed"] += 1
        elif report.failed:
            _seen[family]["failed"] += 1


def missing_families(required: list[str]) -> list[str]:
    """The families named in ``required`` that were selected but did not run, with why."""
    out = []
    for family in required:
        seen = _seen.get(family)
        if not seen:
            continue  # not selected in this run (-m, -k or a file list)
        unavailable = sorted(r for r in _reasons.get(family, ()) if any(u in r for u in UNAVAILABLE.get(family, ())))
        if seen.get("passed", 0) + seen.get("failed", 0) == 0 or unavailable:
            why = "; ".join(unavailable or sorted(_reasons.get(family, ()))[:3]) or "no case ran"
            out.append(f"{family}: {seen.get('skipped', 0)} skipped, {seen.get('passed', 0)} passed — {why}")
    return out


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller sees every report and decides
    required = [f.strip() for f in os.environ.get("CANLIAN_REQUIRE_FAMILIES", "").split(",") if f.strip()]
    unknown = sorted(set(required) - set(FAMILIES))
    problems = [f"unknown family {u!r} in CANLIAN_REQUIRE_FAMILIES" for u in unknown]
    problems += missing_families([f for f in required if f in FAMILIES])
    session.config._canlian_family_problems = problems  # type: ignore[attr-defined]
    if problems and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    problems = getattr(config, "_canlian_family_problems", [])
    if problems:
        terminalreporter.section("test families that should have run here but did not", red=True)
        for p in problems:
            terminalreporter.write_line(p, red=True)
