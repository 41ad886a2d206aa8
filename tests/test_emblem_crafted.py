"""The emblem made safe by construction (issue 30, finding 8): 39 crafted files of this
finding class — scripts under another prefix, foreign objects, escaped @import and url(,
image-set(), XHTML iframes, entities, polyglots, a 30,000 × 30,000 PNG … Each is either
refused with a Chinese message (nothing stored) or stored harmless: a PNG of at most
512 px a side, decoded and encoded again, with no markup, no link and no text chunk in it;
and nothing outside the file is ever fetched (every reference points at a loopback server
that counts requests)."""

from __future__ import annotations

import base64
import functools
import http.server
import io
import struct
import threading
import zlib

import pytest
from PIL import Image
from sqlalchemy import select

from data_access import identity
from data_access.models import IdentityFile
from tests.conftest import Database

HITS: list[str] = []


class _Counter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        HITS.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(base64.b64decode(PNG_B64))

    def log_message(self, *args):
        pass


PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
PNG = base64.b64decode(PNG_B64)


@pytest.fixture(scope="module")
def sink():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png(width: int, height: int, extra: bytes = b"", rows: bool = True) -> bytes:
    """A 1-bit greyscale PNG of ``width`` × ``height``, zeros compressed as they stream (small file)."""
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    z, out = zlib.compressobj(9), []
    row = b"\0" * (1 + (width + 7) // 8)
    if rows:
        step = max(1, 4_000_000 // len(row))
        for i in range(0, height, step):
            out.append(z.compress(row * min(step, height - i)))
    out.append(z.flush())
    return b"\x89PNG\r\n\x1a\n" + ihdr + extra + _chunk(b"IDAT", b"".join(out)) + _chunk(b"IEND", b"")


NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"'


def _svg(inner: str, attrs: str = "") -> bytes:
    return f'<svg {NS} {attrs}><circle cx="5" cy="5" r="4" fill="#0B4F9C"/>{inner}</svg>'.encode()


@functools.cache
def crafted(u: str) -> dict[str, bytes]:
    """name → file; ``u`` is the loopback server every outside reference points at."""
    svg = {
        "x-prefixed-script": '<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>',
        "e-foreignobject": '<e:foreignObject xmlns:e="http://www.w3.org/2000/svg"><p>hi</p></e:foreignObject>',
        "xhtml-iframe": f'<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="{u}/iframe"/>',
        "xhtml-script": '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
        "entity-import": f"<style>&#64;import '{u}/entity.css';</style>",
        "css-escaped-import": f"<style>@\\69mport '{u}/escaped.css';</style>",
        "css-escaped-url": f"<style>circle{{fill:u\\72l({u}/escaped-url.svg#p)}}</style>",
        "entity-url-attr": f'<rect width="5" height="5" style="fill:&#117;rl({u}/attr.svg#p)"/>',
        "image-set": f'<rect width="5" height="5" style="background:image-set(&quot;{u}/set.png&quot; 1x)"/>',
        "css-comment-url": f"<style>rect{{fill:url/**/({u}/comment.svg#p)}}</style>",
        "entity-javascript-href": '<a xlink:href="java&#x73;cript:alert(1)"><rect width="5" height="5"/></a>',
        "tab-javascript-href": '<a href="&#9;javascript:alert(1)"><rect width="5" height="5"/></a>',
        "animate-href": '<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>',
        "set-handler": '<set attributeName="onmouseover" to="alert(1)"/>',
        "xml-events-handler": '<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>',
        "remote-image": f'<image href="{u}/remote.png" width="10" height="10"/>',
        "file-image": '<image href="file:///etc/passwd" width="10" height="10"/>',
        "entity-remote-image": f'<image href="{u.replace("http", "&#104;ttp")}/ent.png" width="10" height="10"/>',
        "feimage": f'<filter id="f"><feImage href="{u}/fe.png"/></filter><rect filter="url(#f)" width="5" height="5"/>',
        "use-remote": f'<use href="{u}/use.svg#x"/>',
        "font-face": f"<style>@font-face{{font-family:x;src:url({u}/f.woff)}}</style>",
        "svg-data-image": '<image width="10" height="10" href="data:image/svg+xml;base64,'
        + base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').decode()
        + '"/>',
        "xml-base": f'<g xml:base="{u}/"><use href="x.svg#y"/></g>',
        "onload-upper": '<rect ONLOAD="alert(1)" width="1" height="1"/>',
        "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/>',
        "embedded-png": f'<image width="10" height="10" href="data:image/png;base64,{PNG_B64}"/>',
    }
    files = {f"{k}.svg": _svg(v) for k, v in svg.items()}
    files["script-onload-root.svg"] = _svg("", 'onload="alert(1)"')
    files["behavior-htc.svg"] = _svg("", f'style="behavior:url({u}/x.htc)"')
    files["giant-canvas.svg"] = (
        f'<svg {NS.replace("0 0 10 10", "0 0 100000 100000")} width="100000" height="100000"/>'.encode()
    )
    files["doctype-external.svg"] = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "{u}/xxe">]><svg {NS}>&x;</svg>'
    ).encode()
    files["billion-laughs.svg"] = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><svg {NS}>&c;</svg>'
    ).encode()
    files["stylesheet-pi.svg"] = f'<?xml-stylesheet href="{u}/pi.css"?>'.encode() + _svg("")
    files["gzip.svg"] = zlib.compress(_svg(""))  # neither PNG nor SVG
    files["html-as-svg.svg"] = f'<html><body><iframe src="{u}/h"></iframe><svg {NS}/></body></html>'.encode()
    files["png-30000-square.png"] = _png(30_000, 30_000)
    files["png-tall-strip.png"] = _png(1, 1_000_000)
    files["png-text-script.png"] = _png(
        8, 8, _chunk(b"tEXt", b"Comment\0<script>alert(1)</script>") + _chunk(b"iTXt", f"URL\0\0\0\0\0{u}".encode())
    )
    files["png-polyglot.png"] = PNG + f'<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'{u}\')"/>'.encode()
    files["png-truncated.png"] = PNG[:40]
    return files


def test_there_are_39_crafted_files(sink):
    assert len(crafted(sink)) == 39


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One SQLite database: the emblem's checks do not depend on the database."""
    d = Database("sqlite", tmp_path_factory)
    yield d
    d.drop()


NAMES = sorted(crafted("http://127.0.0.1:1"))


@pytest.mark.parametrize("name", NAMES)
def test_each_crafted_emblem_is_refused_or_stored_harmless(name, sink, db):
    empty_db = db
    with db.engine.begin() as conn:
        conn.execute(IdentityFile.__table__.delete())
    data = crafted(sink)[name]
    HITS.clear()
    try:
        with empty_db.engine.begin() as conn:
            identity.store_emblem(conn, data, name, "tester")
    except ValueError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc)), f"{name}: not a Chinese message: {exc}"
        with empty_db.engine.connect() as conn:
            assert conn.execute(select(IdentityFile.name)).first() is None, f"{name}: refused but something stored"
    else:
        with empty_db.engine.connect() as conn:
            mime, stored = conn.execute(select(IdentityFile.mime, IdentityFile.data)).one()
        stored = bytes(stored)
        assert mime == "image/png" and stored.startswith(b"\x89PNG\r\n\x1a\n"), f"{name}: stored as {mime}, not a PNG"
        img = Image.open(io.BytesIO(stored))
        assert max(img.size) <= identity.EMBLEM_PX, f"{name}: stored at {img.size}"
        img.load()
        assert not img.text, f"{name}: text chunks kept: {img.text}"
        assert stored.endswith(b"IEND\xaeB`\x82"), f"{name}: bytes after the image's end"
        low = stored.lower()
        for bad in (b"<script", b"javascript", b"<svg", b"http:", b"onload"):
            assert bad not in low, f"{name}: {bad!r} kept in the stored emblem"
    assert not HITS, f"{name}: the server fetched {HITS}"
