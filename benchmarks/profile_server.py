"""Where a served app spends its time under load: ``streamlit run app.py`` in this process,
with a sampling thread that reads every thread's stack (``sys._current_frames``) every 5 ms
— script runs are threads, which cProfile and pyinstrument (main thread only) do not see.
At exit (Ctrl-C, SIGTERM) it prints the functions of this project (and the libraries they
call) by the share of samples in which they were on a script thread's stack.

    python benchmarks/profile_server.py --port 8620 --out /tmp/profile.txt &
    python benchmarks/many_users.py --url http://127.0.0.1:8620 --db sqlite:///…
    kill %1     # the report is written to --out
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Sampler:
    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.leaf: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self._stop = threading.Event()

    def run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                if ident == me or not names.get(ident, "").startswith("ScriptRunner"):
                    continue
                self.samples += 1
                seen, first = set(), True
                while frame is not None:
                    code = frame.f_code
                    key = f"{Path(code.co_filename).name}:{code.co_name}"
                    if first:
                        self.leaf[key] += 1
                        first = False
                    if key not in seen:
                        self.inclusive[key] += 1
                        seen.add(key)
                    frame = frame.f_back

    def report(self, top: int = 60) -> str:
        n = max(self.samples, 1)
        lines = [f"{self.samples} samples of script threads (every {self.interval * 1000:.0f} ms)", "", "inclusive:"]
        lines += [f"{c / n:6.1%}  {k}" for k, c in self.inclusive.most_common(top)]
        lines += ["", "where the thread was (leaf):"]
        lines += [f"{c / n:6.1%}  {k}" for k, c in self.leaf.most_common(top // 2)]
        return "\n".join(lines)

    def stop(self) -> None:
        self._stop.set()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=8620)
    ap.add_argument("--out", default="profile.txt")
    a = ap.parse_args()
    sampler = Sampler()
    threading.Thread(target=sampler.run, daemon=True).start()

    def finish(*_):
        sampler.stop()
        Path(a.out).write_text(sampler.report(), encoding="utf-8")
        os._exit(0)

    signal.signal(signal.SIGTERM, finish)
    os.chdir(ROOT)
    sys.argv = [
        "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(a.port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    from streamlit.web.cli import main as st_main

    try:
        st_main()
    finally:
        time.sleep(0.1)
        finish()


if __name__ == "__main__":
    main()
