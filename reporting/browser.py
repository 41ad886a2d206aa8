"""The one place that knows how this project starts Chromium (no Streamlit, no Playwright import).

Used by the PDF export, chart rendering (kaleido), the browser tests, the screenshot tool
and the benchmarks. The browser is the machine's own (Debian's ``chromium``), never a
downloaded one; ``BROWSER_PATH`` — the variable kaleido itself reads — names another.
``CHROMIUM_PATH``, the browser tests' earlier name, is still honoured when ``BROWSER_PATH``
is unset.
"""

from __future__ import annotations

import os

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# headless on a server or CI box: no sandbox (root in containers), no GPU, /tmp rather than
# a small /dev/shm, and nothing that would reach the network (updates, sync, first-run pages)
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> str:
    """The browser to start: ``BROWSER_PATH``, else ``CHROMIUM_PATH``, else the first of
    :data:`CANDIDATES` that exists (``/usr/bin/chromium`` when none does, so the error
    names the expected place)."""
    for var in ("BROWSER_PATH", "CHROMIUM_PATH"):
        if os.environ.get(var):
            return os.environ[var]
    return next((p for p in CANDIDATES if os.path.exists(p)), CANDIDATES[0])


def chromium_args() -> list[str]:
    """Launch arguments for ``playwright…chromium.launch(args=…)``."""
    return list(ARGS)
