"""Every piece of UI text in one place (the ``words.texts`` package): Chinese first,
English second. Indicator names and units live in the indicator dictionary.
``text(key, lang, **values)`` returns the text in that language."""

from __future__ import annotations

import importlib
import pkgutil

from . import texts as _pkg

LANGS = {"zh": "中文", "en": "English"}


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(_pkg.__path__), key=lambda m: m.name):
        part = importlib.import_module(f"{_pkg.__name__}.{mod.name}").TEXTS
        clash = merged.keys() & part.keys()
        if clash:
            raise KeyError(f"duplicate UI text keys in words/texts/{mod.name}.py: {sorted(clash)}")
        merged |= part
    return merged


TEXTS = _merge()


def text(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = TEXTS[key]
    s = en if lang == "en" else zh
    return s.format(**values) if values else s
