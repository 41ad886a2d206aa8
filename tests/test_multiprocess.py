"""Two app processes on one PostgreSQL: a load made in one shows in the other, no restart.

As a reverse proxy spreads users over several ``streamlit run`` processes (docs/deploy.md):
both processes show a figure, a load changes it (facts written and the data version
bumped in one transaction, as every loader does), and the other process shows the new
figure within seconds — its cache re-reads ``meta.data_version`` every few seconds
(``ui/data.py``). Loopback only, bounded in time; skipped without PostgreSQL or Chromium.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import insert

from data_access.db import bump_data_version
from data_access.demo import load_demo
from data_access.models import LegalAidCase
from reporting.browser import chromium_args, chromium_path

ROOT = Path(__file__).resolve().parent.parent
PORTS = (8631, 8632)
LABEL = "受理残疾人法律援助案件"

pytestmark = pytest.mark.skipif(not Path(chromium_path()).exists(), reason="Debian chromium not installed")


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _start(port: int, url: str, log: Path) -> subprocess.Popen:
    env = os.environ | {"DATABASE_URL": url}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _wait_healthy(port: int, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit on port {port} did not answer")


def _legal_aid_shown(page, port: int) -> int:
    """Open the Overview for 2025 and read the legal-aid tile's number."""
    page.goto(f"http://127.0.0.1:{port}/?year=2025", timeout=180_000)  # the Overview is the default page
    page.wait_for_selector('[data-testid="stMetric"]', timeout=180_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=180_000)
    tile = page.locator('[data-testid="stMetric"]', has_text=LABEL).first
    value = tile.locator('[data-testid="stMetricValue"]').inner_text(timeout=60_000)
    return int(re.sub(r"[^\d]", "", value))


@pytest.fixture
def pg_demo(tmp_path_factory):
    from tests.conftest import Database

    db = Database("postgresql", tmp_path_factory)  # skips without PostgreSQL on loopback
    load_demo(db.engine)
    yield db
    db.drop()


def test_a_load_shows_in_the_other_process_without_restart(pg_demo, tmp_path):
    pw = pytest.importorskip("playwright.sync_api")
    if not all(_free(p) for p in PORTS):
        pytest.skip(f"ports {PORTS} in use")
    url = pg_demo.url.replace("postgresql+psycopg://", "postgresql://")
    procs = [_start(p, url, tmp_path / f"st-{p}.log") for p in PORTS]
    try:
        for p in PORTS:
            _wait_healthy(p)
        with pw.sync_playwright() as play:
            browser = play.chromium.launch(executable_path=chromium_path(), args=chromium_args())
            a, b = browser.new_page(), browser.new_page()
            # both processes have the figure in their caches
            assert _legal_aid_shown(a, PORTS[0]) == 100
            assert _legal_aid_shown(b, PORTS[1]) == 100
            # a load: seven more cases accepted in 2025, committed with a new data version
            with pg_demo.engine.begin() as conn:
                conn.execute(
                    insert(LegalAidCase),
                    [
                        dict(
                            area_code="990101000000",
                            county_code="990101000000",
                            year=2025,
                            month=12,
                            case_no=f"MP-2025-{i}",
                            case_type="其他",
                            service_kind="咨询",
                            opened_on=dt.date(2025, 12, 1),
                            status="办理中",
                        )
                        for i in range(7)
                    ],
                )
                bump_data_version(conn)
            loaded = time.monotonic()
            # the other process shows it within seconds, and so does the first
            seen = {}
            for port, page in ((PORTS[1], b), (PORTS[0], a)):
                while True:
                    n = _legal_aid_shown(page, port)
                    if n == 107:
                        seen[port] = time.monotonic() - loaded
                        break
                    assert n == 100, n
                    # a version check every VERSION_TTL (3 s) plus a page run on a busy machine
                    assert time.monotonic() - loaded < 120, f"port {port} still shows {n} after 120 s"
                    time.sleep(1)
            browser.close()
        print(f"new figure seen after {seen} s")
        assert all(p.poll() is None for p in procs), "a server stopped"
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
