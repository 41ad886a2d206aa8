"""Where the database is: ``DATABASE_URL``, else ``.streamlit/secrets.toml``, else the
embedded SQLite demo file under ``data/``.

Reads the secrets file itself (TOML) so that the data layer never imports Streamlit.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "data" / "canlian.sqlite"


def default_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE}"


def secrets_url(path: Path | None = None) -> str | None:
    path = path or ROOT / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    url = data.get("DATABASE_URL") or data.get("database", {}).get("url")
    return str(url) if url else None


def database_url() -> tuple[str, bool]:
    """The URL to use and whether it is the embedded default (to be filled with the demo)."""
    url = os.environ.get("DATABASE_URL") or secrets_url()
    if url:
        return url, False
    return default_url(), True


AUTH_MODES = ("open", "accounts", "oidc")


def auth_settings(path: Path | None = None) -> dict:
    """Access-control settings: ``CANLIAN_AUTH_MODE`` in the environment, else ``[access]`` in
    ``.streamlit/secrets.toml``; default mode ``open`` (the demo: no login, read-only)."""
    path = path or ROOT / ".streamlit" / "secrets.toml"
    section: dict = {}
    if path.is_file():
        with path.open("rb") as fh:
            section = dict(tomllib.load(fh).get("access", {}))
    mode = os.environ.get("CANLIAN_AUTH_MODE") or section.get("mode") or "open"
    if mode not in AUTH_MODES:
        raise ValueError(f"未知的访问控制模式“{mode}”，可选：{'、'.join(AUTH_MODES)}")
    return {
        "mode": mode,
        "session_minutes": int(os.environ.get("CANLIAN_SESSION_MINUTES") or section.get("session_minutes", 30)),
        "oidc_provider": section.get("oidc_provider"),
    }


def year_range() -> tuple[int, int]:
    """The years a date or year may lie in (``CANLIAN_YEAR_MIN`` / ``CANLIAN_YEAR_MAX``;
    default 2000 to next year). Outside it a value is a typo (``0001-03-15``), refused on
    load and, if it got in some other way, never offered as a year of the dashboard."""
    import datetime as dt

    lo = int(os.environ.get("CANLIAN_YEAR_MIN") or 2000)
    hi = int(os.environ.get("CANLIAN_YEAR_MAX") or dt.date.today().year + 1)
    return lo, hi
