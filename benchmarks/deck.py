"""How long a whole-city deck takes to build: data, charts (one browser), PPTX and PDF.

    python benchmarks/deck.py [--db URL] [--year 2025] [--runs 3]

Prints each run and the median; no timed tests (the machine's load varies).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access.config import database_url
from data_access.db import open_database
from data_access.filters import Filters
from reporting.export import chart_pngs, deck_pdf, deck_pptx, make_deck


def one(engine, year: int) -> dict[str, float]:
    t0 = time.perf_counter()
    with engine.connect() as conn:
        deck = make_deck(conn, Filters(year), "zh")
    t1 = time.perf_counter()
    pngs = chart_pngs(deck)
    t2 = time.perf_counter()
    deck_pptx(deck, pngs)
    t3 = time.perf_counter()
    deck_pdf(deck, pngs)
    t4 = time.perf_counter()
    return {
        "data": t1 - t0,
        "charts": t2 - t1,
        "pptx": t3 - t2,
        "pdf": t4 - t3,
        "deck_pptx": t3 - t0,  # what `python -m reporting deck --format pptx` does
        "deck_pdf": (t2 - t0) + (t4 - t3),
        "both": t4 - t0,
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default=None)
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    engine = open_database(a.db or database_url()[0])
    runs = []
    for i in range(a.runs):
        r = one(engine, a.year)
        runs.append(r)
        print(f"run {i + 1}: " + "  ".join(f"{k} {v:.1f}s" for k, v in r.items()), flush=True)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print("median: " + "  ".join(f"{k} {v:.1f}s" for k, v in med.items()))
    print(f"whole-city deck (PPTX) {med['deck_pptx']:.1f} s, (PDF) {med['deck_pdf']:.1f} s — target < 20 s")


if __name__ == "__main__":
    main()
