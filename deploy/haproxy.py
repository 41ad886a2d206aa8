"""The HAProxy configuration, rendered from ``deploy/haproxy.cfg.in``.

``python -m deploy.haproxy --bind :80 --ports 8501 8502 8503 > /etc/haproxy/haproxy.cfg``
writes the production file (Debian's global section: chroot, the ``haproxy`` user, the
admin socket, syslog); ``--local`` the one the launcher ``deploy.local`` runs in the
foreground (no chroot, no user switch, logs to stderr). The defaults, frontend and
backend are the same text in both.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "haproxy.cfg.in"

GLOBAL_SYSTEM = """global
    log /dev/log local0
    chroot /var/lib/haproxy
    stats socket /run/haproxy/admin.sock mode 660 level admin
    stats timeout 30s
    user haproxy
    group haproxy
    daemon
    maxconn 4096"""

GLOBAL_LOCAL = """global
    log stderr format short local0 notice
    maxconn 4096"""


def server_lines(ports: list[int], host: str = "127.0.0.1") -> str:
    """One ``server`` line per app process; its cookie value is its name."""
    return "\n".join(f"    server app{port} {host}:{port} cookie app{port}" for port in ports)


def static_server_lines(ports: list[int], host: str = "127.0.0.1") -> str:
    """The same processes for the static files, up or down as the main backend's checks say."""
    return "\n".join(f"    server app{port} {host}:{port} track streamlit/app{port}" for port in ports)


def render(bind: str, ports: list[int], local: bool = False, tls_cert: str | None = None) -> str:
    """The configuration; ``tls_cert``: a PEM file (certificate and key) to serve HTTPS with,
    plain HTTP on port 80 then only redirects to it."""
    text = TEMPLATE.read_text(encoding="utf-8")
    if tls_cert:
        bind = f"{bind} ssl crt {tls_cert}\n    bind :80"
        scheme = (
            "    http-request redirect scheme https code 301 unless { ssl_fc }\n"
            "    http-request set-header X-Forwarded-Proto https\n"
            '    http-response set-header Strict-Transport-Security "max-age=31536000"'
        )
    else:
        scheme = "    http-request set-header X-Forwarded-Proto http"
    return (
        text.replace("@GLOBAL@", GLOBAL_LOCAL if local else GLOBAL_SYSTEM)
        .replace("@SCHEME@", scheme)
        .replace("@BIND@", bind)
        .replace("@STATIC_SERVERS@", static_server_lines(ports))
        .replace("@SERVERS@", server_lines(ports))
    )


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or (Path("/usr/sbin/haproxy").is_file() and "/usr/sbin/haproxy") or None


def check(path: Path) -> subprocess.CompletedProcess:
    """``haproxy -c -f path``: the configuration's syntax, as HAProxy reads it."""
    exe = haproxy_binary()
    if exe is None:
        raise FileNotFoundError("haproxy is not installed (apt-get install haproxy)")
    return subprocess.run([exe, "-c", "-f", str(path)], capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.haproxy", description=__doc__.split("\n\n")[0])
    ap.add_argument("--bind", default=":80", help="address:port HAProxy listens on (default :80)")
    ap.add_argument("--ports", type=int, nargs="+", required=True, help="the app processes' ports on 127.0.0.1")
    ap.add_argument("--local", action="store_true", help="the foreground configuration of deploy.local")
    ap.add_argument("--tls-cert", help="PEM with certificate and key: HTTPS on --bind, port 80 redirects to it")
    args = ap.parse_args(argv)
    print(render(args.bind, args.ports, args.local, args.tls_cert))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
