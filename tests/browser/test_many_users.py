"""Many users at once, bounded for CI: 20 websocket sessions (Streamlit's own protocol, as
the browser's front end speaks it) on the served app, each with its own county and years,
changing the year a fixed number of times. No errors, every action done, and no session
sees another's county, year or figures. The full run (a minute, figures written to
docs/performance-many-users.md) is ``python benchmarks/many_users.py --write …``."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from benchmarks.many_users import run_ws


def test_twenty_sessions_each_see_only_their_own_filters(app_url, demo_sqlite_url, record_property):
    # a thread of its own: Playwright's sync API keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        res = pool.submit(
            asyncio.run, run_ws(app_url, demo_sqlite_url, sessions=20, actions=5, think=1.0, hard_stop=400)
        ).result()
    summary = res.summary()
    print("many users:", summary)
    for k, v in summary.items():
        record_property(k, v)
    assert res.errors == [], "\n".join(res.errors[:20])
    assert summary["actions done"] == 20 * 5
    assert not res.stopped
