"""Benchmark: loads at city and province scale (issue 15 point 4, issue 13 point 3).

    python benchmarks/loads.py [--scale province] [--backend sqlite|postgresql|mariadb]
                               [--repeat 5] [--rebuilds 3] [--city-db URL] [--big-db URL]
                               [--prefix canlian_bench_loads] [--dir DIR] [--json out.json]

In one run, on one backend:

1. **The demo loads**: the city and the ``--scale`` demo (province by default) are
   generated and loaded into fresh databases (SQLite files under ``--dir``, or server
   databases named ``<prefix>_<scale>`` created on the admin URL of ``TEST_PG_ADMIN`` /
   ``TEST_MYSQL_ADMIN`` and dropped at the end), each timed by wall clock and by this
   process's CPU time (user + system; for a server backend the server's own CPU is not
   in it), with the load average before and after. ``--city-db`` / ``--big-db`` reuse
   databases that already hold the demo instead (nothing is created or dropped).
2. **A one-row correction** (one reported value of one county and year, as a CSV file
   through ``loading.load_file``, the Data page's path) loaded ``--repeat`` times into
   each database, alternately +1 and -1 so the data end as they began: the whole load
   and its finish step (``finish.finish_load``) timed, with the summary rows the finish
   step rewrote. Medians; the big/city ratio is of medians of this same run.
3. **A full rebuild** of the summaries (``rollups.rebuild_rollups``, what every
   load did before issue 13), ``--rebuilds`` times on each database.

Speed is measured here, never asserted in tests. Prints the figures; ``--json`` writes them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from data_access import rollups  # noqa: E402
from data_access.catalog import BY_CODE  # noqa: E402
from data_access.db import open_database  # noqa: E402
from data_access.demo import load_demo  # noqa: E402
from data_access.loading import csv_bytes, load, load_file, table_frame  # noqa: E402
from data_access.models import Area, FactSummary, IndicatorValue  # noqa: E402

ADMIN = {
    "postgresql": os.environ.get("TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("TEST_MYSQL_ADMIN", "mysql+pymysql://root@127.0.0.1:3306/test"),
}
CORRECTED = "emp_new"  # 新增残疾人就业: reported monthly by township at every scale


def cpu() -> float:
    return time.process_time()  # user + system of this process, to the nanosecond


def loadavg() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


@contextlib.contextmanager
def server_db(backend: str, name: str):
    admin = create_engine(ADMIN[backend], isolation_level="AUTOCOMMIT")
    q = f'"{name}"' if backend == "postgresql" else f"`{name}`"
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {q}" + (" WITH (FORCE)" if backend == "postgresql" else "")))
        if backend == "postgresql":
            c.execute(text(f"CREATE DATABASE {q} ENCODING 'UTF8' TEMPLATE template0"))
        else:
            c.execute(text(f"CREATE DATABASE {q} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
    try:
        yield ADMIN[backend].rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {q}" + (" WITH (FORCE)" if backend == "postgresql" else "")))
        admin.dispose()


def demo_database(stack: contextlib.ExitStack, a: argparse.Namespace, scale: str, reuse: str | None) -> dict:
    """A database holding the ``scale`` demo, and how long its load took (None if reused)."""
    if reuse:
        return {"url": reuse, "engine": open_database(reuse), "load": None}
    if a.backend == "sqlite":
        url = f"sqlite:///{Path(a.dir) / f'{scale}.sqlite'}"
    else:
        url = stack.enter_context(server_db(a.backend, f"{a.prefix}_{scale}"))
    engine = open_database(url)
    stack.callback(engine.dispose)
    before = loadavg()
    w0, c0 = time.perf_counter(), cpu()
    load_demo(engine, scale)
    wall, used = time.perf_counter() - w0, cpu() - c0
    return {"url": url, "engine": engine, "load": {"wall_s": wall, "cpu_s": used, "loadavg": [before, loadavg()]}}


def sizes(engine) -> dict:
    with engine.connect() as conn:

        def n(model):
            return conn.execute(select(func.count()).select_from(model)).scalar()

        return {"areas": n(Area), "indicator_values": n(IndicatorValue), "fact_summary": n(FactSummary)}


def correction_frames(engine):
    """The +1 and -1 versions of one reported value (the third county, December of the report year)."""
    with engine.connect() as conn:
        county = conn.execute(select(Area.code).where(Area.level == "county").order_by(Area.code)).scalars().all()[2]
        iv = IndicatorValue
        year = conn.execute(select(func.max(iv.year))).scalar()
        df = table_frame(conn, "indicator_values", county=county, year=year)
    # December: the demo's reporting history has approved (locked) the months up to October
    row = df[(df["指标"] == BY_CODE[CORRECTED].name_zh) & (df["月份"].astype(int) == 12)].head(1).copy()
    up = row.copy()
    up["数值"] = row["数值"].astype(float) + 1
    return csv_bytes(up), csv_bytes(row), f"{county} {year}"


def time_corrections(engine, repeat: int) -> dict:
    up, back, where = correction_frames(engine)
    finishes: list[tuple[float, int, bool]] = []
    real = load.finish_load

    def timed(conn, touched, audit=None):
        t0 = time.perf_counter()
        done = real(conn, touched, audit)
        finishes.append((time.perf_counter() - t0, done.summary_rows, done.full))
        return done

    load.finish_load = timed
    walls, cpus = [], []
    try:
        for i in range(repeat):
            content = up if i % 2 == 0 else back
            w0, c0 = time.perf_counter(), cpu()
            res = load_file(engine, content, "更正.csv", "benchmark", kind="indicator_values")
            walls.append(time.perf_counter() - w0)
            cpus.append(cpu() - c0)
            assert res.status == "done" and res.rows_replaced == 1, res.problems[:3]
        if repeat % 2:
            load_file(engine, back, "更正.csv", "benchmark", kind="indicator_values")
    finally:
        load.finish_load = real
    return {
        "where": where,
        "load_s": statistics.median(walls),
        "load_cpu_s": statistics.median(cpus),
        "finish_s": statistics.median(f[0] for f in finishes[:repeat]),
        "summary_rows_rewritten": statistics.median(f[1] for f in finishes[:repeat]),
        "full_rebuilds": sum(f[2] for f in finishes[:repeat]),
        "runs": walls,
    }


def time_rebuild(engine, n: int) -> dict:
    times = []
    for _ in range(n):
        with engine.begin() as conn:
            t0 = time.perf_counter()
            rows = rollups.rebuild_rollups(conn)
            times.append(time.perf_counter() - t0)
    return {"rebuild_s": statistics.median(times), "rows": rows, "runs": times}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="province", help="the big demo (province, counties)")
    ap.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql", "mariadb"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rebuilds", type=int, default=3)
    ap.add_argument("--city-db", help="a database that already holds the city demo")
    ap.add_argument("--big-db", help="a database that already holds the --scale demo")
    ap.add_argument("--prefix", default="canlian_bench_loads", help="server database names")
    ap.add_argument("--dir", help="where SQLite files go (default: a temporary folder)")
    ap.add_argument("--json", help="write every figure here")
    a = ap.parse_args(argv)
    out: dict = {"backend": a.backend, "scale": a.scale, "repeat": a.repeat, "loadavg_start": loadavg()}
    print(f"{a.backend}, city and {a.scale}; load average at start {out['loadavg_start']} ({os.cpu_count()} cores)")
    with contextlib.ExitStack() as stack:
        if a.backend == "sqlite" and not a.dir:
            a.dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-loads-"))
        dbs = {}
        for label, scale, reuse in (("city", "city", a.city_db), ("big", a.scale, a.big_db)):
            db = dbs[label] = demo_database(stack, a, scale, reuse)
            db["sizes"] = sizes(db["engine"])
            if db["load"]:
                ld = db["load"]
                print(
                    f"demo {scale:9} load: wall {ld['wall_s']:7.1f} s, CPU of this process {ld['cpu_s']:6.1f} s, "
                    f"load average {ld['loadavg'][0]} → {ld['loadavg'][1]}; {db['sizes']}",
                    flush=True,
                )
        for label in ("city", "big"):
            db = dbs[label]
            db["correction"] = time_corrections(db["engine"], a.repeat)
            db["rebuild"] = time_rebuild(db["engine"], a.rebuilds)
        print()
        print(f"one-row correction (medians of {a.repeat}; load = the whole load_file, finish = its finish step)")
        print("| | city | " + a.scale + " | ratio |")
        print("|---|---|---|---|")
        c, b = dbs["city"], dbs["big"]
        for key, name in (
            ("load_s", "one-row load, wall (s)"),
            ("load_cpu_s", "one-row load, CPU of this process (s)"),
            ("finish_s", "its finish step (s)"),
            ("summary_rows_rewritten", "summary rows rewritten"),
        ):
            x, y = c["correction"][key], b["correction"][key]
            fmt = "{:,.0f}" if key == "summary_rows_rewritten" else "{:.3f}"
            print(f"| {name} | {fmt.format(x)} | {fmt.format(y)} | {y / x if x else float('nan'):.2f} |")
        x, y = c["rebuild"]["rebuild_s"], b["rebuild"]["rebuild_s"]
        print(f"| full rebuild of the summaries (s, median of {a.rebuilds}) | {x:.3f} | {y:.3f} | {y / x:.2f} |")
        print(f"| summary rows | {c['rebuild']['rows']:,} | {b['rebuild']['rows']:,} | |")
        print(
            f"\nfull rebuilds by the finish step: city {c['correction']['full_rebuilds']}, "
            f"{a.scale} {b['correction']['full_rebuilds']} (0: only the slice was refreshed)"
        )
        out["loadavg_end"] = loadavg()
        print(f"load average at end {out['loadavg_end']}")
        for label in ("city", "big"):
            db = dbs[label]
            out[label] = {k: db[k] for k in ("load", "sizes", "correction", "rebuild")}
    if a.json:
        Path(a.json).parent.mkdir(parents=True, exist_ok=True)
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
