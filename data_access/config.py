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
