"""The federation's identity: its name and emblem, as the cover, the sidebar and the
login page show them.

Configured, not stored in the database (no migration): a federation names itself with
``CANLIAN_FEDERATION_NAME`` or ``[identity] name`` in ``.streamlit/secrets.toml`` and
gives its emblem as an SVG or PNG file — ``CANLIAN_EMBLEM`` / ``[identity] emblem``, or
simply ``emblem.svg`` / ``emblem.png`` dropped into the identity folder
(``CANLIAN_IDENTITY_DIR``, default ``data/identity/``, which is not under version control).
Without one, a neutral default from ``assets/identity/`` is used. Why a file and not a
table: see docs/decisions.md.
"""

from __future__ import annotations

import base64
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .config import ROOT

DEFAULT_EMBLEM = ROOT / "assets" / "identity" / "emblem-default.svg"
SUFFIX = "残疾人联合会"
MIME = {".svg": "image/svg+xml", ".png": "image/png"}
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Emblem:
    data: bytes
    mime: str
    default: bool

    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}"


def _section(path: Path | None = None) -> dict:
    path = path or ROOT / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return dict(tomllib.load(fh).get("identity", {}))


def identity_dir() -> Path:
    return Path(os.environ.get("CANLIAN_IDENTITY_DIR") or ROOT / "data" / "identity")


def _emblem_file() -> Path | None:
    named = os.environ.get("CANLIAN_EMBLEM") or _section().get("emblem")
    if named:
        p = Path(named)
        return p if p.is_absolute() else ROOT / p
    for name in ("emblem.svg", "emblem.png"):
        p = identity_dir() / name
        if p.is_file():
            return p
    return None


def check_emblem(data: bytes, suffix: str) -> str:
    """The MIME type of an emblem file, or a ValueError saying in Chinese what is wrong."""
    mime = MIME.get(suffix.lower())
    if mime is None:
        raise ValueError(f"标志文件须为 SVG 或 PNG（收到“{suffix or '无扩展名'}”）。")
    if not data or len(data) > MAX_BYTES:
        raise ValueError(f"标志文件为空或超过 {MAX_BYTES // 1024 // 1024} MB。")
    if mime == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("标志文件扩展名为 .png，但内容不是 PNG 图片。")
    if mime == "image/svg+xml":
        head = data[:2048].decode("utf-8", "replace").lower()
        if "<svg" not in head:
            raise ValueError("标志文件扩展名为 .svg，但开头找不到 <svg> 元素。")
        if "<script" in data.decode("utf-8", "replace").lower():
            raise ValueError("SVG 标志中不能含有脚本（<script>）。")
    return mime


def emblem() -> Emblem:
    """The configured emblem, else the neutral default; a configured file that cannot be
    read or is not an SVG/PNG falls back to the default (the page says nothing is broken)."""
    p = _emblem_file()
    if p is not None and p.is_file():
        data = p.read_bytes()
        try:
            return Emblem(data, check_emblem(data, p.suffix), False)
        except ValueError:
            pass
    return Emblem(DEFAULT_EMBLEM.read_bytes(), "image/svg+xml", True)


def save_emblem(data: bytes, file_name: str) -> Path:
    """Store an uploaded emblem in the identity folder (replacing an earlier one)."""
    suffix = Path(file_name).suffix.lower()
    check_emblem(data, suffix)
    d = identity_dir()
    d.mkdir(parents=True, exist_ok=True)
    for old in ("emblem.svg", "emblem.png"):
        (d / old).unlink(missing_ok=True)
    target = d / f"emblem{suffix}"
    target.write_bytes(data)
    return target


def federation_name(city: str, county: str | None = None, lang: str = "zh") -> str:
    """示例市残疾人联合会; a county's own federation (青林县残疾人联合会) for a county deck.
    A configured name replaces the city federation's."""
    if county:
        return f"{county}{SUFFIX}" if lang == "zh" else f"{county} Disabled Persons' Federation"
    named = os.environ.get("CANLIAN_FEDERATION_NAME") or _section().get("name")
    if named and lang == "zh":
        return str(named)
    return f"{city}{SUFFIX}" if lang == "zh" else f"{city} Disabled Persons' Federation"
