"""The JavaScript and CSS the pages, the slide show and the PDF send to a browser, kept as files
under ``assets/js/`` and ``assets/css/`` (where an editor, ``node --check`` and a CSS parser can
read them: tests/test_assets_syntax.py) rather than inside Python strings. Read once each."""

from __future__ import annotations

from functools import cache
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def asset_text(name: str) -> str:
    """The text of ``assets/<name>`` (``"js/a11y.js"``, ``"css/slide.css"``)."""
    return (ASSETS / name).read_text(encoding="utf-8")
