"""Benchmark: every page's datasets and every page, at one or more database sizes.

    python -m benchmarks.run --db city=postgresql://…/canlian_bench_city \\
                             --db province=postgresql://…/canlian_bench_province \\
                             [--repeat 5] [--pages overview,service] [--json out.json]

For each database (label=URL), in one run:

1. **Pages** with AppTest (``streamlit.testing.v1``), the way a server runs them:
   *cold* (result cache emptied, as after a load or a restart of the cache), *warm*
   (the same view again: everything cached) and *filter change* (a warm page, another
   county chosen: its datasets are computed, the rest is cached). While the cold run
   runs, every dataset the page asks of the cached facade (``ui.data``) is recorded
   (its query function and arguments): those are the page's datasets.
2. **Datasets**: each recorded call is timed through the query layer
   (``data_access.queries``, as the page calls it), through the query layer reading
   the facts instead of the summaries, and as the smallest hand-written SQL that gives
   the same numbers (``benchmarks/handsql.py``; checked equal before timing). The ratio
   query layer / hand SQL is the figure of issue 9 (target ≤ 1.5).
3. **Naive**: the Overview's figures the naive way — whole tables read into pandas
   and summed there — once, with its memory.
4. **Memory**: the process's peak RSS after the pages and datasets (the app's share)
   and after the naive way.

Medians of ``--repeat`` runs. Prints tables; ``--json`` writes every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import baselines  # noqa: E402
from data_access import queries  # noqa: E402
from data_access.db import make_engine  # noqa: E402
from data_access.filters import Filters  # noqa: E402
from data_access.queries import common  # noqa: E402

PAGES = ("overview", "organisation", "service", "rights", "social")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``fn()``: on a shared machine the
    CPU time moves less with the load than the wall time (AppTest runs the script in a
    thread of this process, so its CPU is counted; a database server's is not)."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


# ------------------------------------------------------------------------ pages


def run_pages(url: str, pages: list[str], repeat: int, year: int, counties: list[str]) -> tuple[dict, list]:
    """AppTest timings per page and the dataset calls each page made."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from ui import data
    from ui.filters import K_COUNTIES, K_FROM, K_YEAR

    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    st.cache_data.clear()
    calls: list = []
    page_now = {"name": None}
    real_cached = data._cached

    # every dataset of ui.data goes through _cached (a cache hit too): record it there
    def cached(key, version, args, kwargs):
        fn = data._QUERIES[key]
        f, rest = (args[0], args[1:]) if args and isinstance(args[0], Filters) else (None, args)
        calls.append((page_now["name"], fn, f, rest, dict(kwargs)))
        return real_cached(key, version, args, kwargs)

    data._cached = cached
    out = {}
    try:
        # the process's first run opens the engine (migrations checked): not a page's cost
        t = time.perf_counter()
        first = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        first.session_state[K_YEAR] = year
        first.run()
        out["_process_start_s"] = time.perf_counter() - t
        for page in pages:
            path = ROOT / "pages" / f"{page}.py"
            if not path.exists():
                continue
            cold, warm, change, year_change = [], [], [], []
            for rep in range(repeat):
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
                at.session_state[K_YEAR] = year
                at.session_state[K_FROM] = year - 6
                at.run()
                at.switch_page(f"pages/{page}.py")
                st.cache_data.clear()
                page_now["name"] = page if rep == 0 else None
                cold.append(timed(at.run))
                page_now["name"] = None
                if at.exception:
                    raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
                warm.append(timed(at.run))
                # a filter change on a warm page: another county (or the year before), whose
                # datasets are not cached yet (the rest is). AppTest cannot set the sidebar's widgets after a
                # page switch (the shared design §7, docs/shared-design.md), so a session starts with the county chosen; its
                # page run is the server's work for that change (every change reruns the script).
                # The Overview is the default page: its timed run is the session's first run
                # (an upper bound; set_value on the sidebar's multiselect does not hold in AppTest)
                for what, store in (("county", change), ("year", year_change)):
                    chg = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
                    y = year if what == "county" else year - 1 - rep % 3
                    chg.session_state[K_YEAR] = y
                    chg.session_state[K_FROM] = y - 6
                    if what == "county":
                        chg.session_state[K_COUNTIES] = [counties[(rep + 1) % len(counties)]]
                    if page != "overview":
                        chg.run()
                        chg.switch_page(f"pages/{page}.py")
                    store.append(timed(chg.run))
                    if chg.exception:
                        raise RuntimeError(f"{page}: {[e.value for e in chg.exception]}")
            out[page] = {
                "cold_s": statistics.median(w for w, _ in cold),
                "warm_s": statistics.median(w for w, _ in warm),
                "filter_change_s": statistics.median(w for w, _ in change),
                "year_change_s": statistics.median(w for w, _ in year_change),
                "cold_cpu_s": statistics.median(c for _, c in cold),
                "warm_cpu_s": statistics.median(c for _, c in warm),
                "filter_change_cpu_s": statistics.median(c for _, c in change),
                "year_change_cpu_s": statistics.median(c for _, c in year_change),
                "runs": repeat,
            }
    finally:
        data._cached = real_cached
    return out, [c for c in calls if c[0] is not None]


# --------------------------------------------------------------------- datasets


def describe(name: str, f: Filters | None, args: tuple, kwargs: dict) -> str:
    parts = []
    for a in args:
        parts.append(f"{len(a)} codes" if isinstance(a, list | tuple) and len(a) > 3 else repr(a))
    parts += [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def run_datasets(engine, calls: list, repeat: int) -> list[dict]:
    rows, seen = [], set()
    with engine.connect() as conn:
        for page, fn, f, args, kwargs in calls:
            name = fn.__name__
            key = (fn, f, repr(args), repr(sorted(kwargs.items())))
            if key in seen:
                continue
            seen.add(key)

            def call(fn=fn, f=f, args=args, kwargs=kwargs):
                return fn(conn, *args, **kwargs) if f is None else fn(conn, f, *args, **kwargs)

            call()  # first call: statements prepared, pages in the database's cache
            t_q, result = median_time(call, repeat)
            common.USE_ROLLUPS = False
            try:
                t_raw, _ = median_time(call, repeat)
            finally:
                common.USE_ROLLUPS = True
            row = {
                "page": page,
                "dataset": describe(name, f, args, kwargs),
                "rows": len(result) if hasattr(result, "__len__") else None,
                "query_ms": t_q * 1000,
                "engine_on_facts_ms": t_raw * 1000,
                "hand_sql_ms": None,
                "ratio": None,
                "same_numbers": None,
            }
            base = baselines.for_call(name, f, args, kwargs)
            if base is not None:
                hand, check = base
                hand(conn)
                t_h, numbers = median_time(lambda hand=hand: hand(conn), repeat)
                row["hand_sql_ms"] = t_h * 1000
                row["ratio"] = t_q / t_h if t_h else None
                row["same_numbers"] = bool(check(result, numbers))
            rows.append(row)
    return rows


# ------------------------------------------------------------------------ naive


def run_naive(engine, year: int) -> dict:
    """The Overview's reported and counted figures by reading whole tables into pandas."""
    before = rss_mb()
    t = time.perf_counter()
    with engine.connect() as conn:
        iv = pd.read_sql_table("indicator_values", conn)
        la = pd.read_sql_table("legal_aid_cases", conn)
        vr = pd.read_sql_table("volunteer_records", conn)
        dn = pd.read_sql_table("donations", conn)
    rows = len(iv) + len(la) + len(vr) + len(dn)
    cur = iv[iv["year"].isin((year - 1, year))].groupby(["indicator_code", "year"])["value"].sum()
    figures = {
        "values": cur.to_dict(),
        "legal_aid": la[la["year"].isin((year - 1, year))].groupby("year").size().to_dict(),
        "hours": vr[vr["year"].isin((year - 1, year))].groupby("year")["hours"].sum().to_dict(),
        "donations": (dn["money_wan"] + dn["goods_wan"]).groupby(dn["year"]).sum().to_dict(),
    }
    secs = time.perf_counter() - t
    del iv, la, vr, dn
    return {
        "seconds": secs,
        "rows_read": rows,
        "peak_rss_mb": rss_mb(),
        "rss_before_mb": before,
        "figures": len(figures),
    }


# ------------------------------------------------------------------------ main


def facts_count(engine) -> dict:
    from sqlalchemy import text

    out = {}
    with engine.connect() as conn:
        for t in (
            "indicator_values",
            "legal_aid_cases",
            "infringement_cases",
            "accessibility_projects",
            "activities",
            "volunteer_records",
            "donations",
            "fact_summary",
            "areas",
        ):
            out[t] = conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
    out["events"] = sum(
        out[t]
        for t in (
            "legal_aid_cases",
            "infringement_cases",
            "accessibility_projects",
            "activities",
            "volunteer_records",
            "donations",
        )
    )
    return out


def bench_one(label: str, url: str, args) -> dict:
    engine = make_engine(url)
    counts = facts_count(engine)
    with engine.connect() as conn:
        counties = list(queries.all_counties(conn)["code"])
        year = queries.available_years(conn)[-1]
    pages = [p for p in args.pages.split(",") if p]
    load_before = os.getloadavg()[0]
    page_times, calls = run_pages(url, pages, args.repeat, year, counties[:: max(1, len(counties) // 5)])
    load = f"{load_before:.1f} → {os.getloadavg()[0]:.1f} over the page runs"
    datasets = [] if args.no_datasets else run_datasets(engine, calls, args.repeat)
    app_rss = rss_mb()
    naive = run_naive(engine, year) if not args.no_naive else None
    engine.dispose()
    return {
        "label": label,
        "url": url.split("@")[-1],
        "counts": counts,
        "year": year,
        "pages": page_times,
        "load": load,
        "datasets": datasets,
        "app_peak_rss_mb": app_rss,
        "naive": naive,
    }


def fmt(v, unit="", digits=1) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    return f"{v:.{digits}f}{unit}"


def report(results: list[dict]) -> str:
    lines = []
    for r in results:
        c = r["counts"]
        lines.append(
            f"\n## {r['label']} ({r['url']}): {c['indicator_values']:,} reported values, {c['events']:,} event records,"
            f" {c['fact_summary']:,} summary rows, {c['areas']:,} areas; year {r['year']}"
        )
        lines.append(f"load average: {r.get('load', '—')}")
        lines.append(
            f"\n{'page':<14}{'cold s':>9}{'warm s':>9}{'county s':>10}{'year s':>9}"
            f"{'cold cpu':>10}{'warm cpu':>10}{'county cpu':>11}{'year cpu':>10}"
        )
        for p, v in r["pages"].items():
            if p.startswith("_"):
                continue
            lines.append(
                f"{p:<14}{fmt(v['cold_s'], '', 3):>9}{fmt(v['warm_s'], '', 3):>9}{fmt(v['filter_change_s'], '', 3):>10}"
                f"{fmt(v['year_change_s'], '', 3):>9}{fmt(v['cold_cpu_s'], '', 3):>10}{fmt(v['warm_cpu_s'], '', 3):>10}"
                f"{fmt(v['filter_change_cpu_s'], '', 3):>11}{fmt(v['year_change_cpu_s'], '', 3):>10}"
            )
        lines.append(
            f"\n{'page':<13}{'dataset':<58}{'rows':>7}{'query ms':>10}{'facts ms':>10}{'hand ms':>9}{'ratio':>7}  same"
        )
        for d in r["datasets"]:
            lines.append(
                f"{d['page']:<13}{d['dataset'][:57]:<58}{d['rows'] or 0:>7}{fmt(d['query_ms']):>10}"
                f"{fmt(d['engine_on_facts_ms']):>10}{fmt(d['hand_sql_ms']):>9}{fmt(d['ratio'], '', 2):>7}  {fmt(d['same_numbers'])}"
            )
        lines.append(f"\napp process peak RSS: {r['app_peak_rss_mb']:.0f} MB")
        if r["naive"]:
            n = r["naive"]
            lines.append(
                f"naive (whole tables into pandas, Overview's sums): {n['seconds']:.2f} s, {n['rows_read']:,} rows read,"
                f" peak RSS {n['peak_rss_mb']:.0f} MB"
            )
    if len(results) >= 2:
        a, b = results[0], results[-1]
        grow = b["counts"]["indicator_values"] / max(1, a["counts"]["indicator_values"])
        lines.append(f"\n## growth {a['label']} → {b['label']} ({grow:.0f}× the reported values)")
        lines.append(f"{'page':<14}{'cold ×':>9}{'warm ×':>9}{'county ×':>10}{'year ×':>9}")
        for p in b["pages"]:
            if p.startswith("_") or p not in a["pages"]:
                continue
            pa, pb = a["pages"][p], b["pages"][p]
            lines.append(
                f"{p:<14}{pb['cold_s'] / pa['cold_s']:>9.2f}{pb['warm_s'] / pa['warm_s']:>9.2f}"
                f"{pb['filter_change_s'] / pa['filter_change_s']:>10.2f}{pb['year_change_s'] / pa['year_change_s']:>9.2f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--db", action="append", required=True, help="label=URL (repeat: smallest first)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--pages", default=",".join(PAGES))
    p.add_argument("--json", help="write every figure to this file")
    p.add_argument("--no-naive", action="store_true", help="skip reading whole tables into pandas")
    p.add_argument("--no-datasets", action="store_true", help="pages only: skip timing each dataset")
    args = p.parse_args(argv)
    results = []
    for spec in args.db:
        label, _, url = spec.partition("=") if "=" in spec.split("://")[0] else ("db", "", spec)
        print(f"… {label}", file=sys.stderr, flush=True)
        results.append(bench_one(label, url, args))
    text_out = report(results)
    print(text_out)
    if args.json:
        meta = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "repeat": args.repeat,
            "at": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        Path(args.json).write_text(
            json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
