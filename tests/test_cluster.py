"""The deployment of ``deploy/`` run for real: two app processes on one PostgreSQL behind HAProxy.

``python -m deploy.local --processes 2`` starts what ``deploy/canlian@.service`` and
``deploy/haproxy.cfg.in`` describe (docs/deploy.md). Through the proxy: pages and Streamlit's
static files (compressed), the websocket (a page drawn in Chromium); a user signed in on one
process goes on after that process is killed — the page reconnects to the other process,
still signed in, and an upload works there; a load shows in both processes within seconds.

The configuration checks are quick; the cluster test is ``slow`` and skipped, with its reason,
only when haproxy or PostgreSQL (or Debian's Chromium) is absent. Every wait is generous: it
must pass on a busy two-core machine.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from deploy import haproxy, local, secretfile

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Cluster-Password-2025"
LABEL = "受理残疾人法律援助案件"  # an Overview tile: legal-aid cases accepted
WAIT_S = 240  # a page on a busy two-core machine, with two app processes starting
RESTART_HOLD_S = 40  # the launcher's --restart-sec in the cluster test


# ------------------------------------------------------------------ the files of deploy/


def test_both_haproxy_configurations_pass_haproxys_own_check(tmp_path):
    if haproxy.haproxy_binary() is None:
        pytest.skip("haproxy not installed (apt-get install haproxy)")
    for name, local_mode in (("system", False), ("local", True)):
        cfg = tmp_path / f"{name}.cfg"
        cfg.write_text(haproxy.render("127.0.0.1:8680", [8681, 8682, 8683], local=local_mode), encoding="utf-8")
        out = haproxy.check(cfg)
        assert out.returncode == 0, f"{name}: {out.stdout}{out.stderr}"
        assert "Warnings were found" not in out.stdout + out.stderr, f"{name}: {out.stdout}{out.stderr}"


def test_the_https_configuration_passes_haproxys_check_with_a_certificate(tmp_path):
    if haproxy.haproxy_binary() is None or shutil.which("openssl") is None:
        pytest.skip("haproxy or openssl not installed")
    key, crt = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=canlian.test",
         "-keyout", str(key), "-out", str(crt)],
        check=True, capture_output=True,
    )  # fmt: skip
    pem = tmp_path / "canlian.pem"
    pem.write_bytes(crt.read_bytes() + key.read_bytes())
    text = haproxy.render(":443", [8501, 8502], tls_cert=str(pem))
    assert "X-Forwarded-Proto https" in text and "redirect scheme https" in text
    cfg = tmp_path / "tls.cfg"
    cfg.write_text(text, encoding="utf-8")
    out = haproxy.check(cfg)
    assert out.returncode == 0 and "Warnings were found" not in out.stdout + out.stderr, out.stdout + out.stderr


def test_the_rendered_configuration_names_every_process_with_its_own_cookie():
    text = haproxy.render(":80", [8501, 8502, 8503])
    servers = re.findall(r"^\s+server (\S+) (\S+) cookie (\S+)$", text, flags=re.M)
    assert servers == [(f"app{p}", f"127.0.0.1:{p}", f"app{p}") for p in (8501, 8502, 8503)]
    assert re.search(r"^\s+cookie CANLIAN_SRV insert indirect nocache", text, flags=re.M)
    assert "option httpchk GET /_stcore/health" in text
    assert not re.search(r"@[A-Z]+@", text)  # every placeholder filled


def test_the_launcher_runs_the_units_command_with_the_port_and_this_python():
    unit = (ROOT / "deploy" / "canlian@.service").read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    cmd = local.unit_command(8671)
    assert cmd[0] == sys.executable
    assert " ".join(cmd[1:]) == exec_start.split(" ", 1)[1].replace("%i", "8671")
    assert cmd[1:5] == ["-m", "streamlit", "run", "app.py"]
    # behind a proxy: a ping keeps the websocket busy well inside HAProxy's tunnel timeout
    assert cmd[cmd.index("--server.websocketPingInterval") + 1] == "20"
    assert local.unit_environment_file() == "/etc/canlian/canlian.env"
    # a crashed process comes back as systemd would bring it back
    assert f"RestartSec={local.RESTART_SEC:g}" in unit.splitlines()


def test_systemd_reads_the_unit_without_a_complaint(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    shutil.copy(ROOT / "deploy" / "canlian@.service", tmp_path / "canlian@.service")
    out = subprocess.run(
        ["systemd-analyze", "verify", "./canlian@8501.service"], cwd=tmp_path, capture_output=True, text=True
    )
    # the one thing it may say here: the interpreter of the installed app is not on this machine
    said = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    said = [line for line in said if "/opt/canlian/.venv/bin/python is not executable" not in line]
    assert said == [], said


def test_the_secret_file_is_read_as_systemd_reads_it(tmp_path):
    path = secretfile.write_env_file(tmp_path / "canlian.env", "postgresql://u:p@h/db")
    assert path.stat().st_mode & 0o077 == 0, "the secret file must be readable by its owner only"
    env = secretfile.read_env_file(path)
    assert re.fullmatch(r"[0-9a-f]{64}", env[secretfile.COOKIE_SECRET])
    assert env["DATABASE_URL"] == "postgresql://u:p@h/db"
    example = secretfile.read_env_file(ROOT / "deploy" / "canlian.env.example")
    assert set(example) == set(env), "the example names the same variables the generator writes"
    bad = tmp_path / "bad.env"
    bad.write_text("DATABASE_URL\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 1 行"):
        secretfile.read_env_file(bad)


# ------------------------------------------------------------------ the cluster


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _ports(n: int) -> int:
    """A base port P with P … P+n free (the proxy and n processes)."""
    for base in (8670, 8675, 8680, *range(20000, 30000, 7)):
        if all(_free(base + i) for i in range(n + 1)):
            return base
    pytest.skip("no free ports for the cluster")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two processes behind HAProxy on a PostgreSQL demo city with accounts."""
    if haproxy.haproxy_binary() is None:
        pytest.skip("haproxy not installed (apt-get install haproxy): the cluster test needs it")
    from reporting.browser import chromium_path

    if not Path(chromium_path()).exists():
        pytest.skip("Debian chromium not installed")
    from data_access import auth
    from data_access.demo import load_demo
    from tests.conftest import Database

    db = Database("postgresql", tmp_path_factory)  # skips, with its reason, without PostgreSQL
    load_demo(db.engine)
    with db.engine.begin() as conn:
        auth.add_user(conn, "c_staff", "data_staff", PASSWORD)
        auth.add_user(conn, "c_lead", "leadership", PASSWORD)
    run = tmp_path_factory.mktemp("cluster")
    env_file = secretfile.write_env_file(run / "canlian.env", db.url)
    port = _ports(2)
    out = (run / "launcher.out").open("w")
    launcher = subprocess.Popen(
        [sys.executable, "-m", "deploy.local", "--processes", "2", "--port", str(port)]
        + ["--env-file", str(env_file), "--run-dir", str(run)]
        # a killed process comes back only after the page has moved: with the unit's 2 s, on a busy
        # machine the page could reconnect to the process started again under the same name (the
        # user goes on there too, but the test is of the other process taking over)
        + ["--restart-sec", str(RESTART_HOLD_S)],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        end = time.monotonic() + WAIT_S
        while "ready" not in (run / "launcher.out").read_text():
            assert launcher.poll() is None, (run / "launcher.out").read_text()
            assert time.monotonic() < end, "the cluster did not start in time"
            time.sleep(0.5)
        yield {"base": f"http://127.0.0.1:{port}", "run": run, "db": db, "ports": [port + 1, port + 2]}
    finally:
        launcher.send_signal(signal.SIGTERM)  # as systemd or Ctrl-C would stop it
        try:
            launcher.wait(timeout=60)
        except subprocess.TimeoutExpired:
            launcher.kill()
        out.close()
        db.drop()
    state = json.loads((run / "cluster.json").read_text())
    for pid in [state["proxy_pid"], *state["apps"].values()]:
        assert not _alive(pid), f"process {pid} outlived the launcher"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as fh:  # a zombie is gone for good
        return fh.read().split()[2] != "Z"


def _get(url: str, **headers: str):
    req = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, {k.lower(): ", ".join(r.headers.get_all(k)) for k in r.headers}, r.read()


def _wait_idle(page) -> None:
    from tests.browser.helpers import wait_idle

    wait_idle(page)


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/?year=2025", wait_until="domcontentloaded")
    page.get_by_role("textbox", name="用户名").fill(username)
    page.get_by_role("textbox", name="密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.locator('[data-testid="stSidebar"]').get_by_text("当前用户").wait_for()
    _wait_idle(page)


def _wait_until_up(ports: list[int]) -> None:
    end = time.monotonic() + WAIT_S
    while not all(local.healthy(p) for p in ports):
        assert time.monotonic() < end, f"ports {ports} not all up again"
        time.sleep(1)
    time.sleep(8)  # HAProxy's check: two good answers 2 s apart (rise 2, inter 2s), then a margin


def _server(ctx) -> str:
    return next(c["value"] for c in ctx.cookies() if c["name"] == "CANLIAN_SRV")


def _legal_aid(page) -> int:
    tile = page.locator('[data-testid="stMetric"]', has_text=LABEL).first
    return int(re.sub(r"[^\d]", "", tile.locator('[data-testid="stMetricValue"]').inner_text()))


@pytest.mark.slow
def test_pages_and_static_files_through_the_proxy(cluster):
    status, headers, body = _get(cluster["base"] + "/")
    assert status == 200 and b'id="root"' in body
    assert re.fullmatch(r"CANLIAN_SRV=app\d+; path=/; HttpOnly", headers["set-cookie"]), headers["set-cookie"]
    bundle = re.search(rb"static/js/index\.[\w-]+\.js", body).group().decode()
    status, headers, packed = _get(f"{cluster['base']}/{bundle}", **{"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip", headers
    assert "max-age=31536000" in headers["cache-control"] and "private" not in headers["cache-control"], headers
    assert "set-cookie" not in headers, "a static file sets no stickiness cookie"
    _, _, plain = _get(f"{cluster['base']}/{bundle}")
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 2
    for port in cluster["ports"]:  # both processes answer the proxy's health check
        assert _get(f"http://127.0.0.1:{port}/_stcore/health")[2] == b"ok"


@pytest.mark.slow
def test_a_user_goes_on_after_their_process_dies_and_a_load_shows_in_both(cluster):
    from playwright.sync_api import sync_playwright

    from data_access import loading
    from data_access.finish import Touched, finish_load
    from data_access.models import LegalAidCase
    from reporting.browser import chromium_args, chromium_path
    from tests.browser.helpers import NAV_LINK, VIEWPORT

    base, run = cluster["base"], cluster["run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        try:
            staff = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            staff.set_default_timeout(WAIT_S * 1000)
            page = staff.new_page()
            _sign_in(page, base, "c_staff")  # the websocket through the proxy: the login form, then the Overview
            first = _server(staff)
            assert _legal_aid(page) == 100

            # its process dies (as a crash would); the page reconnects, to the other process
            state = json.loads((run / "cluster.json").read_text())
            os.kill(state["apps"][first.removeprefix("app")], signal.SIGKILL)
            killed = time.monotonic()
            while _server(staff) == first:  # the proxy moves the reconnecting page, and says so in its cookie
                waited = time.monotonic() - killed
                assert waited < RESTART_HOLD_S, (
                    f"the proxy kept the user on the dead process for {waited:.0f} s; "
                    f"launcher: {(run / 'launcher.out').read_text()[-2000:]}"
                )
                page.wait_for_timeout(250)
            print(f"the page moved {time.monotonic() - killed:.1f} s after the kill")
            page.locator('[data-testid="stSidebar"]').get_by_text("当前用户").wait_for()
            _wait_idle(page)
            assert page.get_by_role("textbox", name="密码").count() == 0, "signed out by the failover"

            # and uploads there: the data page takes a file and names its problems
            page.locator(NAV_LINK).filter(has_text="数据管理").click()
            _wait_idle(page)
            page.locator('[role="tab"]').filter(has_text="导入数据").first.click()
            name, kind = next(iter(loading.KINDS.items()))
            header = ",".join(c.zh for c in kind.columns)
            bad = ",".join("不是数字" for _ in kind.columns)
            page.locator('input[type="file"][accept*=".xlsx"]').set_input_files(
                files=[{"name": f"{name}.csv", "mimeType": "text/csv", "buffer": f"{header}\n{bad}\n".encode()}]
            )
            page.locator('[data-testid="stAlertContentError"]').first.wait_for()
            assert page.locator('[data-testid="stException"]').count() == 0
            assert re.search("问题|错误", page.locator('[data-testid="stAlertContentError"]').first.inner_text())

            # a second user on each process (the cookie pins a context to one), both showing 100
            viewers = {}
            _wait_until_up(cluster["ports"])  # the launcher has started the killed one again
            for port in cluster["ports"]:
                ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
                ctx.set_default_timeout(WAIT_S * 1000)
                ctx.add_cookies([{"name": "CANLIAN_SRV", "value": f"app{port}", "url": base}])
                viewer = ctx.new_page()
                _sign_in(viewer, base, "c_lead")
                assert _server(ctx) == f"app{port}"
                assert _legal_aid(viewer) == 100
                viewers[port] = viewer

            # a load: seven cases accepted in 2025, finished as every loader finishes
            rows = [
                dict(area_code="990101000000", county_code="990101000000", year=2025, month=12,
                     case_no=f"CL-2025-{i}", case_type="其他", service_kind="咨询",
                     opened_on=dt.date(2025, 12, 1), status="办理中")
                for i in range(7)
            ]  # fmt: skip
            with cluster["db"].engine.begin() as conn:
                conn.execute(LegalAidCase.__table__.insert(), rows)
                finish_load(conn, Touched.rows(LegalAidCase.__table__, rows))
            loaded = time.monotonic()
            seen = {}
            for port, viewer in viewers.items():
                while True:
                    viewer.reload(wait_until="domcontentloaded")  # a new view: the session cookie keeps the sign-in
                    viewer.locator('[data-testid="stMetric"]', has_text=LABEL).first.wait_for()
                    _wait_idle(viewer)
                    n = _legal_aid(viewer)
                    if n == 107:
                        seen[port] = round(time.monotonic() - loaded, 1)
                        break
                    assert n == 100, n
                    # the data version is read every VERSION_TTL (3 s); generous for a busy machine
                    assert time.monotonic() - loaded < WAIT_S, f"process {port} still shows {n}"
                    viewer.wait_for_timeout(1000)
            print(f"the load was seen after {seen} s")
        finally:
            browser.close()
