"""Many users at once: N sessions use the served Overview at the same time, each with its
own county and its own sequence of years, changing the year a fixed number of times. After
every change a session checks that the page shows *its* county and year and the figure the
data layer gives for them — a session that saw another's filters or figures is an error.

Two kinds of session:
- ``--mode ws`` (default): each session speaks Streamlit's own websocket protocol, as the
  browser's front end does (protobuf BackMsg/ForwardMsg on ``/_stcore/stream``): opens the
  shared link ``?county=…&year=…`` and then sets the year widget. It measures the server.
- ``--mode browser``: one Chromium with a context per session, clicking the real sidebar.
  Faithful, but on a small machine it measures Chromium drawing 20 pages more than the server.

Loopback only, a fixed number of actions, a hard stop: it ends by itself.

    python benchmarks/many_users.py                                  # 20 mix sessions, own server
    python benchmarks/many_users.py --mode ws                        # the Overview's year only
    python benchmarks/many_users.py --sessions 30 --actions 20 --write docs/performance-many-users.md
    python benchmarks/many_users.py --url http://127.0.0.1:8501 --db sqlite:///data/canlian.sqlite
    python benchmarks/many_users.py --processes 2 --db postgresql://…/canlian_bench --port 8660   # the cluster of deploy/

With ``--processes N`` it starts the deployment of ``deploy/`` (``python -m deploy.local``: N app
processes behind HAProxy, on the ``--db`` given, filled with the demo city if empty) and reports
the CPU seconds its processes used during the sessions, from /proc (``--shared-cache off`` runs the
processes without the shared result tier, for comparison).

Prints sessions, actions, errors, and the median / 95th percentile / worst response time (from
sending the change to the end of the script run the page shows); in ``--mode mix`` (the
default: each session opens every page, changes county and year on it, opens 服务's tabs)
also n / median / p90 / max per kind of action, and the load average during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_access import catalog, queries  # noqa: E402
from data_access.db import make_engine, open_database  # noqa: E402
from data_access.demo import ensure_demo  # noqa: E402
from data_access.filters import Filters  # noqa: E402
from reporting.browser import chromium_args, chromium_path  # noqa: E402
from tests.browser.helpers import served_app  # noqa: E402
from ui.components import value_text  # noqa: E402

TILE = "rehab_beneficiaries"  # a tile that differs between counties and years
APP = '[data-testid="stApp"]'


@dataclass
class Result:
    sessions: int
    actions_planned: int
    timings: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_loads: list[float] = field(default_factory=list)
    wall: float = 0.0
    stopped: bool = False
    by_action: dict[str, list[float]] = field(default_factory=dict)
    load_during: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        t = sorted(self.timings)
        q = statistics.quantiles(t, n=20, method="inclusive")[-1] if len(t) >= 2 else (t[0] if t else None)
        return {
            "sessions": self.sessions,
            "actions planned": self.actions_planned,
            "actions done": len(t),
            "first page load median s": round(statistics.median(self.first_loads), 2) if self.first_loads else None,
            "errors": len(self.errors),
            "median s": round(statistics.median(t), 2) if t else None,
            "p95 s": round(q, 2) if t else None,
            "worst s": round(t[-1], 2) if t else None,
            "wall s": round(self.wall, 1),
            "hard stop hit": self.stopped,
            **{
                f"{what}: n / median / p90 / max s": (
                    f"{len(v)} / {statistics.median(v):.2f} / {_percentile(v, 0.9):.2f} / {max(v):.2f}"
                )
                for what, v in self.by_action.items()
            },
            "load average (1 min) during the run: min / max": (
                f"{min(self.load_during):.1f} / {max(self.load_during):.1f}" if self.load_during else None
            ),
            "load average (1 min) at end": round(os.getloadavg()[0], 1),
            "CPUs": os.cpu_count(),
        }


def plan(db_url: str, sessions: int, actions: int) -> tuple[list[dict], dict]:
    """Each session's county and years (no two sessions share a county-year at the same
    step), and what the page must show for each, from the data layer."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        counties = queries.all_counties(conn)
        years = sorted(queries.available_years(conn))
        codes, names = list(counties["code"]), dict(zip(counties["code"], counties["name"], strict=True))
        plans, expect = [], {}
        for i in range(sessions):
            code = codes[i % len(codes)]
            seq = [years[(i + k) % len(years)] for k in range(actions + 1)]
            plans.append({"code": code, "name": names[code], "years": seq})
            for y in seq:
                if (code, y) not in expect:
                    k = queries.kpis(conn, Filters(year=y, counties=(code,)), (TILE,)).iloc[0]
                    expect[(code, y)] = value_text(k["value"], int(k["decimals"]), k["unit_zh"])
                    expect["label"] = k["name_zh"]
    engine.dispose()
    assert TILE in catalog.OVERVIEW_CODES
    return plans, expect


async def _idle(page, action: bool) -> None:
    if action:
        with contextlib.suppress(Exception):
            await page.wait_for_selector(f'{APP}[data-test-script-state="running"]', timeout=1500)
    await page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=180_000)


async def _check(page, p: dict, year: int, expect: dict, label: str) -> str | None:
    title = (await page.locator("[data-testid='stMain'] h1").first.inner_text()).strip()
    want = f"{p['name']}{year}年残疾人事业工作总览"
    if title != want:
        return f"{label}: title {title!r}, expected {want!r}"
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=expect["label"])
    shown = (await tile.locator('[data-testid="stMetricValue"]').inner_text()).strip()
    if shown != expect[(p["code"], year)]:
        return f"{label}: tile {shown!r}, expected {expect[(p['code'], year)]!r}"
    return None


async def _session(browser, base: str, i: int, p: dict, expect: dict, res: Result, ramp: float) -> None:
    await asyncio.sleep(i * ramp)  # open the pages one after another; then all of them act together
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await ctx.new_page()
    page.set_default_timeout(180_000)
    try:
        first = p["years"][0]
        await page.goto(f"{base}/?county={p['code']}&year={first}", wait_until="domcontentloaded")
        await page.wait_for_selector("[data-testid='stMain'] h1", timeout=180_000)
        await _idle(page, False)
        if err := await _check(page, p, first, expect, f"session {i} link"):
            res.errors.append(err)
        box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="年度", exact=True)
        for k, year in enumerate(p["years"][1:], 1):
            t0 = time.perf_counter()
            await box.click()
            await page.get_by_role("option", name=f"{year}年", exact=True).click()
            await page.locator("[data-testid='stMain'] h1").filter(has_text=f"{year}年").first.wait_for()
            await _idle(page, True)
            res.timings.append(time.perf_counter() - t0)
            if err := await _check(page, p, year, expect, f"session {i} action {k}"):
                res.errors.append(err)
    except Exception as exc:  # a session that breaks is an error, not a crash of the run
        res.errors.append(f"session {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await ctx.close()


async def _ws_run(ws, query: str, states: list, page: str = "") -> dict:
    """One script run over the websocket: what the page shows (title, tiles, select boxes)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.page_name = page
    msg.rerun_script.widget_states.widgets.extend(states)
    await ws.send(msg.SerializeToString())
    seen: dict = {"headings": [], "metrics": {}, "selects": {}, "exceptions": [], "tabs": {}}
    while True:
        m = ForwardMsg.FromString(await ws.recv())
        kind = m.WhichOneof("type")
        if kind == "delta" and m.delta.WhichOneof("type") == "add_block":
            b = m.delta.add_block
            if b.WhichOneof("type") == "tab_container":
                seen["tabs"]["id"] = b.tab_container.id
            elif b.WhichOneof("type") == "tab":
                seen["tabs"].setdefault("labels", []).append(b.tab.label)
        elif kind == "delta" and m.delta.WhichOneof("type") == "new_element":
            el = m.delta.new_element
            k = el.WhichOneof("type")
            if k == "heading":
                seen["headings"].append(el.heading.body)
            elif k == "metric":
                seen["metrics"][el.metric.label] = el.metric.body
            elif k == "selectbox":
                seen["selects"][el.selectbox.label] = el.selectbox.id
            elif k == "multiselect":
                seen["selects"][el.multiselect.label] = el.multiselect.id
            elif k == "exception":
                seen["exceptions"].append(el.exception.message[:200])
        elif kind == "script_finished":
            if m.script_finished == 2:  # FINISHED_EARLY_FOR_RERUN: the next run follows
                continue
            seen["status"] = m.script_finished
            return seen


async def _ws_session(base: str, i: int, p: dict, expect: dict, res: Result, think: float, ramp: float) -> None:
    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    await asyncio.sleep(i * ramp)
    url = base.replace("http://", "ws://") + "/_stcore/stream"

    def check(seen: dict, year: int, label: str) -> None:
        want = f"{p['name']}{year}年残疾人事业工作总览"
        title = seen["headings"][0] if seen["headings"] else None
        if seen.get("status") != 0 or seen["exceptions"]:
            res.errors.append(f"{label}: run ended {seen.get('status')} {seen['exceptions']}")
        elif title != want:
            res.errors.append(f"{label}: title {title!r}, expected {want!r}")
        elif seen["metrics"].get(expect["label"]) != expect[(p["code"], year)]:
            res.errors.append(
                f"{label}: tile {seen['metrics'].get(expect['label'])!r}, expected {expect[(p['code'], year)]!r}"
            )

    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=180) as ws:
            first = p["years"][0]
            t0 = time.perf_counter()
            seen = await _ws_run(ws, f"county={p['code']}&year={first}", [])
            res.first_loads.append(time.perf_counter() - t0)
            check(seen, first, f"session {i} link")
            # like the browser's front end, send the state of every filter with each change
            year_id, county_id = seen["selects"]["年度"], seen["selects"]["县(区)"]
            for k, year in enumerate(p["years"][1:], 1):
                await asyncio.sleep(think)
                t0 = time.perf_counter()
                county = WidgetState(id=county_id)
                county.string_array_value.data.append(p["name"])
                seen = await _ws_run(ws, "", [county, WidgetState(id=year_id, string_value=f"{year}年")])
                res.timings.append(time.perf_counter() - t0)
                check(seen, year, f"session {i} action {k}")
    except Exception as exc:
        res.errors.append(f"session {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}")


# the pages a user of the federation opens (url paths of dashboard.PAGES, open mode)
MIX_PAGES = ("overview", "organisation", "service", "rights", "social", "plan", "presentation", "quality")


def _percentile(t: list[float], q: float) -> float:
    t = sorted(t)
    return t[min(len(t) - 1, round(q * (len(t) - 1)))]


async def _ws_mix_session(
    base: str, i: int, p: dict, other: dict, res: Result, think: float, ramp: float, jitter: float = 0.0
) -> None:
    """A realistic session: the shared link, then every page — opened, its county changed to
    another, its year changed — and on 服务 each of its tabs. Each step is one timed action
    (``res.by_action``); a run that ends in an exception, or a page with no heading, is an error."""
    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    await asyncio.sleep(i * ramp)
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    county_names = [p["name"]]
    ids: dict[str, str] = {}  # the sidebar's widget ids, as the last run that drew them gave them

    def states(seen: dict, year: int) -> list:
        ids.update(seen["selects"])
        county = WidgetState(id=ids["县(区)"])
        county.string_array_value.data.extend(county_names)
        return [county, WidgetState(id=ids["年度"], string_value=f"{year}年")]

    rng = random.Random(i)  # each session its own pauses, the same in every run

    async def act(ws, what: str, label: str, st_: list, page: str) -> dict:
        # a person reads the page before the next click: think ± jitter (uniform), so that
        # sessions that began together do not keep clicking in the same instant
        await asyncio.sleep(think * (1 + jitter * (2 * rng.random() - 1)))
        t0 = time.perf_counter()
        seen = await _ws_run(ws, "", st_, page)
        res.by_action.setdefault(what, []).append(time.perf_counter() - t0)
        res.timings.append(res.by_action[what][-1])
        if seen.get("status") != 0 or seen["exceptions"]:
            res.errors.append(f"{label}: run ended {seen.get('status')} {seen['exceptions']}")
        elif not seen["headings"] and page != "presentation":  # the slides are drawn by a component
            res.errors.append(f"{label}: no heading")
        return seen

    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=180) as ws:
            year = p["years"][0]
            t0 = time.perf_counter()
            seen = await _ws_run(ws, f"county={p['code']}&year={year}", [])
            res.first_loads.append(time.perf_counter() - t0)
            for k, page in enumerate(MIX_PAGES):
                seen = await act(ws, "open page", f"session {i} open {page}", states(seen, year), page)
                county_names[:] = [other["name"]] if k % 2 == 0 else [p["name"]]
                seen = await act(ws, "change county", f"session {i} county on {page}", states(seen, year), page)
                year = p["years"][(k + 1) % len(p["years"])]
                seen = await act(ws, "change year", f"session {i} year on {page}", states(seen, year), page)
                if seen["tabs"].get("id") and seen["tabs"].get("labels"):
                    tab_id, labels = seen["tabs"]["id"], seen["tabs"]["labels"]
                    for label in labels[1:]:
                        tab = WidgetState(id=tab_id, string_value=label)
                        seen = await act(ws, "open tab", f"session {i} tab {label}", [*states(seen, year), tab], page)
    except Exception as exc:
        res.errors.append(f"session {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}")


async def run_mix(
    base: str,
    db_url: str,
    sessions: int = 20,
    think: float = 1.0,
    hard_stop: float = 600,
    ramp: float = 0.1,
    jitter: float = 0.0,
) -> Result:
    """N websocket sessions at once, each going through every page (``_ws_mix_session``)."""
    plans, _expect = plan(db_url, sessions, 3)
    res = Result(sessions, 0)
    t0 = time.perf_counter()
    tasks = [
        asyncio.create_task(_ws_mix_session(base, i, p, plans[(i + 1) % len(plans)], res, think, ramp, jitter))
        for i, p in enumerate(plans)
    ]
    _done, pending = await asyncio.wait(tasks, timeout=hard_stop)
    if pending:
        res.stopped = True
        res.errors.append(f"hard stop after {hard_stop:.0f} s: {len(pending)} sessions unfinished")
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    res.wall = time.perf_counter() - t0
    return res


async def warm_up(base: str) -> None:
    import websockets

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=180) as ws:
        await _ws_run(ws, "", [])


async def run_ws(
    base: str,
    db_url: str,
    sessions: int = 20,
    actions: int = 12,
    think: float = 3.0,
    hard_stop: float = 180,
    ramp: float = 0.1,
) -> Result:
    """N websocket sessions at once; returns the figures (``Result.summary()``)."""
    plans, expect = plan(db_url, sessions, actions)
    res = Result(sessions, sessions * actions)
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(_ws_session(base, i, p, expect, res, think, ramp)) for i, p in enumerate(plans)]
    _done, pending = await asyncio.wait(tasks, timeout=hard_stop)
    if pending:
        res.stopped = True
        res.errors.append(f"hard stop after {hard_stop:.0f} s: {len(pending)} sessions unfinished")
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    res.wall = time.perf_counter() - t0
    return res


async def run_browser(
    base: str, db_url: str, sessions: int = 20, actions: int = 8, hard_stop: float = 300, ramp: float = 1.0
) -> Result:
    from playwright.async_api import async_playwright

    plans, expect = plan(db_url, sessions, actions)
    res = Result(sessions, sessions * actions)
    t0 = time.perf_counter()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        tasks = [asyncio.create_task(_session(browser, base, i, p, expect, res, ramp)) for i, p in enumerate(plans)]
        _done, pending = await asyncio.wait(tasks, timeout=hard_stop)
        if pending:
            res.stopped = True
            res.errors.append(f"hard stop after {hard_stop:.0f} s: {len(pending)} sessions unfinished")
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        await browser.close()
    res.wall = time.perf_counter() - t0
    return res


class _LoadSampler:
    """The machine's 1-minute load average every 5 s while the sessions run."""

    def __init__(self) -> None:
        import threading

        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def start(self) -> None:
        self.samples.append(os.getloadavg()[0])
        self._thread.start()

    def stop(self) -> list[float]:
        self._stop.set()
        self._thread.join(6)
        return self.samples


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (Linux /proc), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _backend_cpu(db_url: str, before: dict[int, float] | None = None) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving this database (same machine
    only; other databases' backends are not counted). With ``before``: only the growth."""
    if not db_url.startswith("postgresql"):
        return {}
    from sqlalchemy import text

    engine = make_engine(db_url)
    with engine.connect() as conn:
        pids = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        ).scalars()
        now = {pid: _cpu_seconds([pid]) for pid in pids}
    engine.dispose()
    if before is None:
        return now
    return {pid: cpu - before.get(pid, 0.0) for pid, cpu in now.items()}


@contextlib.contextmanager
def cluster(db_url: str, processes: int, port: int, shared_cache: bool, run_dir: Path):
    """``python -m deploy.local`` as deployed; yields (base URL, the pids of its processes)."""
    import json
    import signal
    import subprocess

    from deploy import secretfile

    env_file = secretfile.write_env_file(run_dir / "canlian.env", db_url, "open")
    if not shared_cache:
        text = env_file.read_text().replace("CANLIAN_RESULT_CACHE=shared", "CANLIAN_RESULT_CACHE=off")
        env_file.write_text(text)
    out = (run_dir / "launcher.out").open("w")
    cmd = [sys.executable, "-m", "deploy.local", "--processes", str(processes), "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--env-file", str(env_file), "--run-dir", str(run_dir)], cwd=ROOT, stdout=out)
    try:
        end = time.monotonic() + 300
        while "ready" not in (run_dir / "launcher.out").read_text():
            if proc.poll() is not None or time.monotonic() > end:
                sys.exit(f"the cluster did not start: see {run_dir}")
            time.sleep(0.5)
        state = json.loads((run_dir / "cluster.json").read_text())
        for app_port in state["apps"]:  # st.navigation once in every process (see warm_up below)
            asyncio.run(warm_up(f"http://127.0.0.1:{app_port}"))
        yield f"http://127.0.0.1:{port}", [state["proxy_pid"], *state["apps"].values()]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
        out.close()


def markdown(res: Result, note: str) -> str:
    s = res.summary()
    rows = "\n".join(f"| {k} | {v} |" for k, v in s.items())
    errs = "\n".join(f"- {e}" for e in res.errors[:20]) or "- none"
    return f"""# Many users at once — measured

{note}

| figure | value |
|---|---|
{rows}

Errors (first 20):

{errs}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument(
        "--mode",
        choices=("mix", "ws", "browser"),
        default="mix",
        help="mix: every page, county, year and tab over the websocket (default); ws: the Overview's year only",
    )
    ap.add_argument("--actions", type=int, default=12, help="year changes per session")
    ap.add_argument("--think", type=float, default=3.0, help="seconds a ws session waits between changes")
    ap.add_argument(
        "--jitter",
        type=float,
        default=0.5,
        help="mix: each pause is think × (1 ± jitter), uniform, seeded per session (0: every session in step)",
    )
    ap.add_argument("--ramp", type=float, default=0.1, help="seconds between the sessions' first page loads")
    ap.add_argument("--hard-stop", type=float, default=180, help="seconds; unfinished sessions count as errors")
    ap.add_argument("--url", help="an app already served on loopback (else one is started)")
    ap.add_argument("--db", help="the database that app reads (with --url)")
    ap.add_argument("--no-warm-up", action="store_true", help="start the sessions on a server no one has opened")
    ap.add_argument("--write", help="write the figures as Markdown to this file")
    ap.add_argument(
        "--processes", type=int, help="start deploy/'s cluster: N app processes behind HAProxy (needs --db)"
    )
    ap.add_argument("--port", type=int, default=8660, help="with --processes: HAProxy's port (apps take the next N)")
    ap.add_argument("--shared-cache", choices=("on", "off"), default="on", help="with --processes: the shared tier")
    a = ap.parse_args()
    if a.processes and not a.db:
        sys.exit("--processes needs --db (the shared database, e.g. PostgreSQL)")
    if a.url and not a.url.startswith(("http://127.0.0.1", "http://localhost")):
        sys.exit("loopback only: --url must be http://127.0.0.1:… or http://localhost:…")
    pids: list[int] = []
    with contextlib.ExitStack() as stack:
        if a.processes:
            db_url = a.db
            engine = open_database(db_url)
            ensure_demo(engine)  # an empty database gets the demo city; a filled one is left as it is
            engine.dispose()
            run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            base, pids = stack.enter_context(cluster(db_url, a.processes, a.port, a.shared_cache == "on", run_dir))
        elif a.url:
            base, db_url = a.url.rstrip("/"), a.db or f"sqlite:///{ROOT / 'data' / 'canlian.sqlite'}"
        else:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            db_url = f"sqlite:///{tmp / 'demo.sqlite'}"
            print("building the demo city …", flush=True)
            engine = open_database(db_url)
            ensure_demo(engine)
            engine.dispose()
            base = stack.enter_context(served_app(db_url, tmp / "streamlit.log"))
        what = "every page: open, county, year, tabs" if a.mode == "mix" else f"{a.actions} year changes"
        print(f"{a.sessions} {a.mode} sessions × {what} against {base}", flush=True)
        if not a.no_warm_up:
            # One run of dashboard.py first: until st.navigation has run once in the process,
            # Streamlit treats pages/ as a v1 multipage folder, and sessions that start then
            # lose their filters on their first change (see docs/performance-many-users.md).
            asyncio.run(warm_up(base))
        sampler = _LoadSampler()
        sampler.start()
        cpu0, wall0 = _cpu_seconds(pids), time.perf_counter()
        pg0 = _backend_cpu(db_url) if pids else {}
        if a.mode == "mix":
            res = asyncio.run(run_mix(base, db_url, a.sessions, a.think, max(a.hard_stop, 600), a.ramp, a.jitter))
        elif a.mode == "ws":
            res = asyncio.run(run_ws(base, db_url, a.sessions, a.actions, a.think, a.hard_stop, a.ramp))
        else:
            res = asyncio.run(run_browser(base, db_url, a.sessions, a.actions, a.hard_stop, max(a.ramp, 1.0)))
        res.load_during = sampler.stop()
        cpu = _cpu_seconds(pids) - cpu0 if pids else None
        pg = sum(_backend_cpu(db_url, pg0).values()) if pids else 0.0
        wall = time.perf_counter() - wall0
    summary = res.summary()
    if cpu is not None:
        summary["processes"] = f"{a.processes} behind HAProxy, shared cache {a.shared_cache}"
        summary["server CPU s (apps + haproxy)"] = round(cpu, 1)
        summary["server CPU per action ms"] = round(1000 * cpu / max(1, len(res.timings)), 1)
        summary["server cores busy (CPU s / wall s)"] = round(cpu / wall, 2)
        summary["PostgreSQL CPU s (this database's backends)"] = round(pg, 1)
        summary["app + PostgreSQL CPU per action ms"] = round(1000 * (cpu + pg) / max(1, len(res.timings)), 1)
    for k, v in summary.items():
        print(f"{k:>16}: {v}")
    for e in res.errors[:20]:
        print("ERROR", e)
    if a.write:
        Path(a.write).write_text(
            markdown(
                res,
                f"Run by `python benchmarks/many_users.py --mode {a.mode} --sessions {a.sessions} --actions {a.actions}`.",
            ),
            encoding="utf-8",
        )
    sys.exit(1 if res.errors else 0)


if __name__ == "__main__":
    main()
