"""The one shared secret file (``/etc/canlian/canlian.env``): read it, or write a fresh one.

The file is systemd's ``EnvironmentFile=`` format — ``KEY=value`` lines, ``#`` comments,
optional double quotes — and holds what every app process must share: Streamlit's
``server.cookieSecret`` (as ``STREAMLIT_SERVER_COOKIE_SECRET``) and the app's own secrets
(``DATABASE_URL``, ``CANLIAN_AUTH_MODE``…). ``python -m deploy.secretfile --db URL`` prints a
new one with a random cookie secret.
"""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

COOKIE_SECRET = "STREAMLIT_SERVER_COOKIE_SECRET"


def read_env_file(path: Path) -> dict[str, str]:
    """The variables of an EnvironmentFile (the subset of its format used here)."""
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"{path} 第 {n} 行不是“名称=值”：{line[:40]}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        out[key.strip()] = value
    return out


def new_env(db_url: str, auth_mode: str = "accounts") -> str:
    return (
        "# the one secret file every app process reads (python -m deploy.secretfile)\n"
        f"{COOKIE_SECRET}={secrets.token_hex(32)}\n"
        f"DATABASE_URL={db_url}\n"
        f"CANLIAN_AUTH_MODE={auth_mode}\n"
        "# results one process computed are read by the others (data_access/result_cache.py)\n"
        "CANLIAN_RESULT_CACHE=shared\n"
    )


def write_env_file(path: Path, db_url: str, auth_mode: str = "accounts") -> Path:
    """A new secret file, readable by its owner only."""
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(new_env(db_url, auth_mode), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m deploy.secretfile", description="print a new shared secret file")
    ap.add_argument("--db", required=True, help="DATABASE_URL of the shared database")
    ap.add_argument("--auth", default="accounts", choices=["open", "accounts", "oidc"], help="CANLIAN_AUTH_MODE")
    args = ap.parse_args(argv)
    print(new_env(args.db, args.auth), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
