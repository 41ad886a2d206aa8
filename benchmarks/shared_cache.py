"""The shared result tier measured: a page's cold run in a process whose memory holds nothing,
with the tier off (every dataset computed), on and empty (computed and stored: the first
process), and on and filled (read: the next process).

    python -m benchmarks.shared_cache --db postgresql://…/canlian_bench [--repeat 3] [--pages overview,rights]

Pages run with AppTest as ``benchmarks/run.py`` runs them (dashboard.py, the page switched to,
the year set), in this one process; "memory holds nothing" is ``st.cache_data.clear()`` (the
results and the built figures both). Prints the medians of wall and CPU seconds per page and
mode, the load average before and after, and the same-run ratio filled / off. Nothing asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import timed  # noqa: E402

PAGES = ("overview", "organisation", "service", "rights", "social")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.shared_cache", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a database with the demo city (PostgreSQL, as deployed)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--year", type=int, default=2025)
    a = ap.parse_args(argv)
    os.environ["DATABASE_URL"] = a.db
    os.environ.setdefault("CANLIAN_RESULT_CACHE_KEY", "benchmark")  # the tier signs what it stores

    import streamlit as st
    from sqlalchemy import delete
    from streamlit.testing.v1 import AppTest

    from data_access.models import ResultCacheEntry
    from ui import data
    from ui.filters import K_FROM, K_YEAR

    def page_session(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.session_state[K_YEAR] = a.year
        at.session_state[K_FROM] = a.year - 6
        at.run()
        at.switch_page(f"pages/{page}.py")
        return at

    def empty_table() -> None:
        with data.engine().begin() as conn:
            conn.execute(delete(ResultCacheEntry))

    page_session("overview")  # the process's first run opens the engine
    load0 = os.getloadavg()
    rows = []
    for page in a.pages.split(","):
        got: dict[str, list[tuple[float, float]]] = {"off": [], "on, empty": [], "on, filled": []}
        for _ in range(a.repeat):
            for mode in ("off", "on, empty", "on, filled"):
                if mode == "off":
                    os.environ["CANLIAN_RESULT_CACHE"] = "off"
                else:
                    os.environ["CANLIAN_RESULT_CACHE"] = "shared"
                    if mode == "on, empty":
                        empty_table()
                at = page_session(page)
                st.cache_data.clear()  # a process that has computed nothing
                data.data_version()  # not a page's cost
                got[mode].append(timed(at.run))
                if at.exception:
                    raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
        med = {m: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for m, v in got.items()}
        rows.append((page, med))
    load1 = os.getloadavg()
    print(f"# shared result tier, cold page runs, medians of {a.repeat}; load average {load0[0]:.1f} → {load1[0]:.1f}")
    print("| page | off: wall / CPU s | on, empty | on, filled (the next process) | filled / off, CPU |")
    print("|---|---|---|---|---|")
    for page, med in rows:
        cells = " | ".join(f"{w:.2f} / {c:.2f}" for w, c in med.values())
        print(f"| {page} | {cells} | {med['on, filled'][1] / med['off'][1]:.2f} |")
    empty_table()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
