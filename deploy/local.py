"""The cluster on one machine, in the foreground: N app processes behind HAProxy.

    python -m deploy.local --processes 2 --port 8660 --db postgresql://…/canlian

starts ``streamlit run app.py`` on ports P+1 … P+N exactly as ``deploy/canlian@.service``
does (its ExecStart, with this Python and the port for ``%i``), each with the variables of
one shared secret file (``--env-file``; without it a fresh one is written into the run
folder, with a random cookie secret), waits until every process answers
``/_stcore/health``, then runs HAProxy on port P with ``deploy/haproxy.cfg.in`` rendered
for these ports. An app process that dies is started again after 2 s (systemd's
``Restart=on-failure``, ``RestartSec=2``). Ctrl-C or SIGTERM stops all of them.

The run folder (``--run-dir``, else a temporary one) holds the secret file, the rendered
``haproxy.cfg``, one log per process and ``cluster.json`` (ports and process ids, for the
test and the benchmark). It prints ``ready http://127.0.0.1:P/`` when the proxy listens.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy import haproxy, secretfile

ROOT = Path(__file__).resolve().parent.parent
UNIT = Path(__file__).resolve().parent / "canlian@.service"
RESTART_SEC = 2.0


def unit_command(port: int, python: str = sys.executable) -> list[str]:
    """The unit's ExecStart for one port, with ``python`` for the unit's interpreter."""
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line.startswith("ExecStart="):
            argv = shlex.split(line.removeprefix("ExecStart="))
            return [python, *[a.replace("%i", str(port)) for a in argv[1:]]]
    raise ValueError(f"{UNIT} has no ExecStart")


def unit_environment_file() -> str:
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line.startswith("EnvironmentFile="):
            return line.removeprefix("EnvironmentFile=")
    raise ValueError(f"{UNIT} has no EnvironmentFile")


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class Cluster:
    def __init__(
        self,
        processes: int,
        port: int,
        db: str | None,
        env_file: Path | None,
        run_dir: Path,
        restart_sec: float = RESTART_SEC,
    ):
        self.port = port
        self.restart_sec = restart_sec
        self.app_ports = [port + 1 + i for i in range(processes)]
        self.run_dir = run_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        if env_file is None:
            if not db:
                raise SystemExit("需要 --db 或 --env-file（共享密钥文件）")
            env_file = secretfile.write_env_file(run_dir / "canlian.env", db)
        self.env_file = env_file
        self.env = {**os.environ, **secretfile.read_env_file(env_file)}
        if db:
            self.env["DATABASE_URL"] = db
        self.apps: dict[int, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None
        self.stopping = False
        self.restarts = 0

    def start_app(self, port: int) -> None:
        log = (self.run_dir / f"app-{port}.log").open("a")
        self.apps[port] = subprocess.Popen(
            unit_command(port), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def write_state(self) -> None:
        state = {
            "proxy_port": self.port,
            "proxy_pid": self.proxy.pid if self.proxy else None,
            "apps": {str(p): proc.pid for p, proc in self.apps.items()},
            "env_file": str(self.env_file),
            "restarts": self.restarts,
        }
        tmp = self.run_dir / "cluster.json.tmp"
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(self.run_dir / "cluster.json")

    def start(self, timeout: float = 300) -> None:
        for p in self.app_ports:
            self.start_app(p)
        self.write_state()
        end = time.monotonic() + timeout
        waiting = set(self.app_ports)
        while waiting:
            for p in list(waiting):
                if self.apps[p].poll() is not None:
                    raise SystemExit(f"app on port {p} exited; see {self.run_dir / f'app-{p}.log'}")
                if healthy(p):
                    waiting.discard(p)
            if time.monotonic() > end:
                raise SystemExit(f"no answer from ports {sorted(waiting)} after {timeout:.0f} s")
            time.sleep(0.3)
        cfg = self.run_dir / "haproxy.cfg"
        cfg.write_text(haproxy.render(f"127.0.0.1:{self.port}", self.app_ports, local=True), encoding="utf-8")
        checked = haproxy.check(cfg)
        if checked.returncode != 0:
            raise SystemExit(f"haproxy -c failed:\n{checked.stdout}{checked.stderr}")
        log = (self.run_dir / "haproxy.log").open("a")
        exe = haproxy.haproxy_binary()
        if exe is None:
            raise SystemExit("haproxy is not installed (apt-get install haproxy)")
        self.proxy = subprocess.Popen([exe, "-db", "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.write_state()
        while not healthy(self.port):
            if self.proxy.poll() is not None:
                raise SystemExit(f"haproxy exited; see {self.run_dir / 'haproxy.log'}")
            if time.monotonic() > end:
                raise SystemExit("haproxy did not answer")
            time.sleep(0.2)
        print(f"ready http://127.0.0.1:{self.port}/ ({len(self.app_ports)} processes)", flush=True)

    def watch(self) -> None:
        """Restart a dead app process after ``restart_sec`` (the unit's RestartSec), until asked to stop."""
        died: dict[int, float] = {}
        while not self.stopping:
            for p, proc in self.apps.items():
                if proc.poll() is not None and p not in died:
                    died[p] = time.monotonic()
            for p, when in list(died.items()):
                if time.monotonic() - when >= self.restart_sec and not self.stopping:
                    self.start_app(p)
                    self.restarts += 1
                    del died[p]
                    self.write_state()
            if self.proxy is not None and self.proxy.poll() is not None and not self.stopping:
                raise SystemExit(f"haproxy exited ({self.proxy.returncode}); see {self.run_dir / 'haproxy.log'}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.stopping = True
        procs = [p for p in [self.proxy, *self.apps.values()] if p is not None]
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.local", description=__doc__.split("\n\n")[0])
    ap.add_argument("--processes", type=int, default=2, help="app processes (default 2)")
    ap.add_argument("--port", type=int, default=8080, help="HAProxy's port; the apps take the next N ports")
    ap.add_argument("--db", help="DATABASE_URL (overrides the secret file's)")
    ap.add_argument("--env-file", type=Path, help="the shared secret file (default: a new one in the run folder)")
    ap.add_argument("--run-dir", type=Path, help="logs, rendered haproxy.cfg, cluster.json (default: a temp folder)")
    ap.add_argument(
        "--restart-sec",
        type=float,
        default=RESTART_SEC,
        help=f"seconds before a dead process is started again (default {RESTART_SEC:g}, the unit's RestartSec)",
    )
    args = ap.parse_args(argv)
    if args.processes < 1:
        ap.error("--processes must be at least 1")
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="canlian-cluster-"))
    cluster = Cluster(args.processes, args.port, args.db, args.env_file, run_dir, args.restart_sec)

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        cluster.start()
        cluster.watch()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
