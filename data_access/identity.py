"""The federation's identity: its name and emblem, as the cover, the sidebar and the
login page show them.

The emblem is loaded on the Data page (data staff, administrators) and stored in the
database (``identity_files``), so every app process shows it; 恢复默认标志 removes it. An
installation may instead configure it — and its name — as files: a federation names itself with
``CANLIAN_FEDERATION_NAME`` or ``[identity] name`` in ``.streamlit/secrets.toml`` and
gives its emblem as an SVG or PNG file — ``CANLIAN_EMBLEM`` / ``[identity] emblem``, or
simply ``emblem.svg`` / ``emblem.png`` dropped into the identity folder
(``CANLIAN_IDENTITY_DIR``, default ``data/identity/``, which is not under version control).
Without either, a neutral default from ``assets/identity/`` is used (docs/decisions.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from sqlalchemy import Connection, delete, select

from .config import ROOT
from .db import bump_data_version
from .models import IdentityFile

DEFAULT_EMBLEM = ROOT / "assets" / "identity" / "emblem-default.svg"
SUFFIX = "残疾人联合会"
MIME = {".svg": "image/svg+xml", ".png": "image/png"}
MAX_BYTES = 2 * 1024 * 1024
EMBLEM_KEY = "emblem"
EMBLEM_PX = 512  # the longest side of a stored emblem (shown at 96 px; the deck's cover at about 300)
MAX_SIDE = 8192  # an uploaded PNG's sides and pixels, checked from its header before it is decoded
MAX_PIXELS = 16_000_000


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


_REFUSE_SVG = (  # what an emblem has no use for and a browser would run or fetch
    (re.compile(r"<!doctype|<!entity", re.I), "SVG 标志中不能含有 DOCTYPE 或实体声明。"),
    (re.compile(r"<\s*script", re.I), "SVG 标志中不能含有脚本（<script>）。"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "SVG 标志中不能含有事件脚本（如 onload=）。"),
    (re.compile(r"javascript:", re.I), "SVG 标志中不能含有 javascript: 链接。"),
    (re.compile(r"<\s*(foreignobject|iframe|embed|object|use)\b", re.I),
     "SVG 标志中不能嵌入其他文档或引用其他元素（foreignObject、iframe、use 等）。"),
    (re.compile(r"@import", re.I), "SVG 标志的样式中不能引用外部样式表（@import）。"),
)  # fmt: skip
# a reference is allowed only inside the file: href="#id", url(#id), or an inline PNG/JPEG picture
_HREF = re.compile(r"""(?:xlink:)?href\s*=\s*["']\s*([^"'\s]*)""", re.I)
_URL = re.compile(r"""url\(\s*["']?\s*([^"')\s]*)""", re.I)
_INLINE = ("#", "data:image/png;", "data:image/jpeg;")


def _kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head:
        return "image/svg+xml"
    return None


def check_emblem(data: bytes, suffix: str = "") -> str:
    """The MIME type of an emblem (told by its content, not its name), or a ValueError
    saying in Chinese what is wrong: empty or over MAX_BYTES, neither PNG nor SVG, a name
    that says otherwise, an SVG with a script, an event handler, an embedded document or a
    reference outside itself (a link, a picture, a style sheet or a font from elsewhere)."""
    if not data:
        raise ValueError("标志文件是空的。")
    if len(data) > MAX_BYTES:
        raise ValueError(f"标志文件 {len(data) / 1024 / 1024:.1f} MB，超过上限 {MAX_BYTES // 1024 // 1024} MB。")
    named = MIME.get(suffix.lower()) if suffix else None
    if suffix and named is None:
        raise ValueError(f"标志文件须为 SVG 或 PNG（收到“{suffix}”）。")
    mime = _kind(data)
    if mime is None:
        if named == "image/png":
            raise ValueError("标志文件扩展名为 .png，但内容不是 PNG 图片。")
        if named == "image/svg+xml":
            raise ValueError("标志文件扩展名为 .svg，但开头找不到 <svg> 元素。")
        raise ValueError("标志文件的内容既不是 PNG 图片，也不是 SVG 图形。")
    if named and named != mime:
        raise ValueError(f"标志文件扩展名为“{suffix}”，内容却是 {'PNG 图片' if mime == 'image/png' else 'SVG 图形'}。")
    if mime == "image/svg+xml":
        text = data.decode("utf-8", "replace")
        for pattern, message in _REFUSE_SVG:
            if pattern.search(text):
                raise ValueError(message)
        for ref in [*_HREF.findall(text), *_URL.findall(text)]:
            if not ref.lower().startswith(_INLINE):
                raise ValueError(f"SVG 标志中不能引用外部内容（“{ref[:60]}”）：图形须完全包含在文件内。")
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise ValueError(f"SVG 标志不是完整的 XML：{exc}") from None
        if root.tag.rsplit("}", 1)[-1] != "svg":
            raise ValueError("SVG 标志的根元素须为 <svg>。")
    return mime


# ------------------------------------------------------------- safe by construction (issue 30)
# An uploaded emblem is never stored as the file it came as: an SVG is drawn to a PNG by
# cairosvg (no script runs, entities are refused, nothing outside the file is fetched:
# only data: pictures), a PNG is decoded by Pillow within MAX_SIDE/MAX_PIXELS and encoded
# again. What is stored is a PNG of at most EMBLEM_PX on its longest side and nothing else
# (no text chunks, no bytes after its end) — whatever the browser or the deck makes of it.


def _svg_box(root) -> tuple[float, float]:
    """The SVG's width and height ratio (viewBox, else width/height), kept within 1:8."""

    def num(v: str | None) -> float | None:
        m = re.match(r"\s*([0-9.]+)", v or "")
        try:
            return float(m.group(1)) if m else None
        except ValueError:
            return None

    box = (root.get("viewBox") or "").replace(",", " ").split()
    w, h = (num(box[2]), num(box[3])) if len(box) == 4 else (num(root.get("width")), num(root.get("height")))
    if not w or not h:
        return 1.0, 1.0
    ratio = min(max(w / h, 1 / 8), 8)
    return (1.0, 1 / ratio) if ratio >= 1 else (ratio, 1.0)


def _svg_to_png(data: bytes) -> bytes:
    import cairosvg

    root = ElementTree.fromstring(data)  # check_emblem refused DOCTYPE and entities already
    w, h = _svg_box(root)
    try:
        return cairosvg.svg2png(
            bytestring=data, unsafe=False, output_width=max(1, round(EMBLEM_PX * w)),
            output_height=max(1, round(EMBLEM_PX * h)),
        )  # fmt: skip
    except Exception as exc:  # the drawing library's own errors, said in Chinese
        raise ValueError(
            f"SVG 标志无法绘制为图片（{type(exc).__name__}）：请另存为普通的 SVG 或 PNG 再上传。"
        ) from None


def _png_cleaned(data: bytes) -> bytes:
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        img: Image.Image = Image.open(io.BytesIO(data))  # converted below: an Image, not only a file
        w, h = img.size  # from the header: nothing decoded yet
        if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
            raise ValueError(
                f"标志图片 {w:,} × {h:,} 像素，过大（每边不超过 {MAX_SIDE:,}，共不超过 {MAX_PIXELS // 1_000_000} 百万像素）。"
            )
        img.load()
    except ValueError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"标志图片无法读取（{type(exc).__name__}）：文件不完整或已损坏。") from None
    img = img.convert("RGBA")
    img.thumbnail((EMBLEM_PX, EMBLEM_PX))
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def safe_emblem(data: bytes, suffix: str = "") -> Emblem:
    """The emblem as it is stored: a clean PNG drawn from the upload (ValueError, in Chinese,
    for a file that is refused)."""
    mime = check_emblem(data, suffix)
    png = _svg_to_png(data) if mime == "image/svg+xml" else data
    return Emblem(_png_cleaned(png), "image/png", False)


@functools.lru_cache(maxsize=4)
def _configured(path: Path, mtime_ns: int) -> Emblem:
    """A configured emblem file, made safe like an upload (drawn once per version of the file)."""
    return safe_emblem(path.read_bytes(), path.suffix)


def stored_emblem(conn: Connection) -> Emblem | None:
    """The emblem loaded on the Data page, if one is stored."""
    row = conn.execute(select(IdentityFile.data, IdentityFile.mime).where(IdentityFile.name == EMBLEM_KEY)).first()
    return Emblem(bytes(row.data), row.mime, False) if row else None


def emblem(conn: Connection | None = None) -> Emblem:
    """The emblem stored in the database (with ``conn``), else the configured file, else the
    neutral default; a configured file that cannot be read or is not a safe SVG/PNG falls
    back to the default (the page says nothing is broken)."""
    if conn is not None:
        stored = stored_emblem(conn)
        if stored is not None:
            return stored
    p = _emblem_file()
    if p is not None and p.is_file():
        try:
            return _configured(p, p.stat().st_mtime_ns)
        except (ValueError, OSError):
            pass
    return Emblem(DEFAULT_EMBLEM.read_bytes(), "image/svg+xml", True)


def store_emblem(conn: Connection, data: bytes, file_name: str, by: str) -> Emblem:
    """Check and store an uploaded emblem (replacing an earlier one), in the caller's
    transaction, with an audit entry; the data version moves so every process shows it at once."""
    from .auth import audit

    safe = safe_emblem(data, Path(file_name).suffix)  # only the drawn PNG is kept, never the upload
    audit(conn, by, "emblem", f"{file_name[:200]}（{len(data):,} 字节，存为 PNG {len(safe.data):,} 字节）")
    conn.execute(delete(IdentityFile).where(IdentityFile.name == EMBLEM_KEY))
    conn.execute(
        IdentityFile.__table__.insert().values(
            name=EMBLEM_KEY, mime=safe.mime, data=safe.data, file_name=file_name[:255], uploaded_by=by[:64],
            uploaded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    )  # fmt: skip
    bump_data_version(conn)
    return safe


def reset_emblem(conn: Connection, by: str) -> bool:
    """Back to the configured or neutral default; True if a stored emblem was removed."""
    from .auth import audit

    gone = conn.execute(delete(IdentityFile).where(IdentityFile.name == EMBLEM_KEY)).rowcount
    if gone:
        audit(conn, by, "emblem", "恢复默认标志")
        bump_data_version(conn)
    return bool(gone)


def save_emblem(data: bytes, file_name: str) -> Path:
    """Store an emblem file in the identity folder (replacing an earlier one): for an
    installation configured by files; the Data page stores it in the database."""
    safe = safe_emblem(data, Path(file_name).suffix.lower())  # stored as the drawn PNG, like the Data page's
    d = identity_dir()
    d.mkdir(parents=True, exist_ok=True)
    for old in ("emblem.svg", "emblem.png"):
        (d / old).unlink(missing_ok=True)
    target = d / "emblem.png"
    target.write_bytes(safe.data)
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
