"""Helpers of the browser tests: the app served for real and driven with Debian's Chromium (Playwright, never a downloaded
browser): a session-wide server on loopback with a demo SQLite database of its own, the
browser, a fresh browser context per test, and helpers shared by the browser tests.

Pages are discovered from ``dashboard.PAGES`` (read with ``ast``, not imported) and the page
files present, so a page added later is opened, checked and screenshotted automatically.
"""

from __future__ import annotations

import ast
import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from reporting.browser import chromium_args, chromium_path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = chromium_path()
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
# screenshots of a test run: git-ignored, so a run never rewrites tracked files; the
# README's pictures are refreshed on purpose with ``python tools/screenshot.py readme``
SCREENSHOTS = Path(os.environ.get("CANLIAN_SCREENSHOTS") or HERE / "out")
CHROMIUM_ARGS = chromium_args()
VIEWPORT = {"width": 1400, "height": 900}
# a first page load on a loaded two-core machine took over 60 s once (CI on a busy box)
TIMEOUT_MS = 180_000

# ------------------------------------------------------------------ pages of the app


@dataclass(frozen=True)
class AppPage:
    file: str
    title_key: str
    url: str  # url path; "" for the default page (Streamlit serves it at "/", not "/overview")
    group: str
    permission: str | None

    @property
    def name(self) -> str:
        return Path(self.file).stem

    @property
    def exists(self) -> bool:
        return (ROOT / self.file).is_file()


def declared_pages() -> list[AppPage]:
    """Every page ``dashboard.PAGES`` declares, whether its file exists yet or not."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            spec = ast.literal_eval(node.value)
            break
    else:  # pragma: no cover
        raise AssertionError("dashboard.py declares no PAGES")
    out = []
    for group, entries in spec.items():
        for file, title_key, _icon, url, *permission in entries:
            default = url == "overview"
            out.append(AppPage(file, title_key, "" if default else url, group, permission[0] if permission else None))
    return out


def page_named(name: str) -> AppPage:
    return next(p for p in declared_pages() if p.name == name)


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_app(database_url: str, log: Path, **env: str):
    """``streamlit run app.py`` (the dashboard with its cookie routes, as deployed) on
    127.0.0.1 and a free port; yields the base URL."""
    port = free_port()
    environ = {**os.environ, "DATABASE_URL": database_url, "CANLIAN_AUTH_MODE": "open", **env}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    fh = log.open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=environ, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited ({proc.returncode}): {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer on {base}: {log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        fh.close()


def copy_database(url: str, target: Path) -> str:
    """A copy of a SQLite database (through SQLite's backup, so a pending WAL is included)."""
    src = sqlite3.connect(url.removeprefix("sqlite:///"))
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


# ------------------------------------------------------------------ helpers


# a link of the app's page navigation (ui/nav.py draws it with st.page_link in the sidebar)
NAV_LINK = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'


def wait_idle(page, action: bool = False) -> None:
    """Wait until Streamlit's script run has ended and its lazily loaded elements (charts,
    maps) have replaced their skeletons. ``action``: a widget was just used, so first give
    the rerun it causes a moment to start."""
    app = '[data-testid="stApp"]'
    if action:
        with contextlib.suppress(Exception):
            page.wait_for_selector(f'{app}[data-test-script-state="running"]', timeout=1500)
    page.wait_for_selector(
        f'{app}[data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]', timeout=TIMEOUT_MS
    )
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stSkeleton"], [data-testid="stStatusWidget"]\')',
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(600)


def goto(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"]', timeout=TIMEOUT_MS)
    wait_idle(page)


def page_url(base: str, p: AppPage, query: str = "") -> str:
    return f"{base}/{p.url}" + (f"?{query}" if query else "")


def assert_page_ok(page, what: str) -> None:
    """No exception box, no 'page not found' dialog, and a heading (h1, h2, or role=heading on a slide's title)."""
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, f"{what}: exception shown: {errors.first.inner_text()[:800]}"
    dialog = page.locator('[role="dialog"]')
    assert dialog.count() == 0, f"{what}: dialog shown: {dialog.first.inner_text()[:300]}"
    heading = page.locator("[data-testid='stMain'] :is(h1, h2, [role='heading'])")
    assert heading.count() >= 1 and heading.first.inner_text().strip(), f"{what}: no heading (h1, h2 or role=heading)"


def metric_values(page) -> dict[str, str]:
    """The KPI tiles as label -> value text, as a reader sees them."""
    out = {}
    for m in page.locator('[data-testid="stMetric"]').all():
        label = m.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = m.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar select box or multiselect labelled ``label`` (Streamlit
    draws them as ARIA comboboxes named by their label)."""
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page, action=True)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"e2e-{name}.png"
    size = page.viewport_size
    # Streamlit scrolls inside its main area, not the document: grow the window to the content
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 9000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


# ------------------------------------------------------------------ axe-core

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> list[dict]:
    """axe-core on the whole page (WCAG 2.x A/AA); every serious and critical violation, one
    dict per offending element (no exceptions: the navigation Streamlit draws, whose list
    markup failed, is replaced by our own, ``ui/nav.py``)."""
    assert AXE_JS.is_file(), (
        f"axe-core missing: run `npm install --prefix tests/browser --no-save axe-core@4` ({AXE_JS})"
    )
    if not page.evaluate("() => !!window.axe"):  # pages change without a reload: inject once
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            const out = [];
            for (const v of r.violations) {
                if (!['serious', 'critical'].includes(v.impact)) continue;
                for (const n of v.nodes) {
                    out.push({rule: v.id, impact: v.impact, help: v.help, target: n.target.join(' '),
                              html: n.html.slice(0, 200), why: n.failureSummary.slice(0, 300)});
                }
            }
            return out;
        }""",
        WCAG_TAGS,
    )


def axe_report(violations: list[dict]) -> str:
    return "\n".join(f"{v['rule']} ({v['impact']}): {v['help']}\n  at {v['target']}\n  {v['html']}\n  {v['why']}"
                     for v in violations)  # fmt: skip
