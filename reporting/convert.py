"""A .docx as PDF through LibreOffice (Debian's libreoffice-writer-nogui), with the 公文 faces
mapped to the installed Chinese fonts (assets/fontconfig/gongwen.conf) and a profile of its own
in a temporary directory, so conversions never share (or lock) a user's profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTCONFIG = Path(__file__).resolve().parent.parent / "assets" / "fontconfig" / "gongwen.conf"


class ConvertError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, timeout: float = 180) -> bytes:
    exe = soffice()
    if exe is None:
        raise ConvertError("未安装 LibreOffice，无法生成 PDF（Debian：apt-get install libreoffice-writer-nogui）。")
    with tempfile.TemporaryDirectory(prefix="canlian-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(data)
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG), HOME=tmp)
        cmd = [
            exe,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            # tagged (headings, reading order for a screen reader), with the document's outline
            'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
            '"ExportBookmarks":{"type":"boolean","value":"true"}}',
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConvertError(f"LibreOffice 转换超时（{timeout:.0f} 秒）。") from exc
        out = Path(tmp) / "document.pdf"
        if not out.exists():
            raise ConvertError("LibreOffice 未能把文档转换为 PDF。")
        return out.read_bytes()
