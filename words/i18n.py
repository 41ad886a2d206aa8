"""Every piece of UI text in one place (the ``words.texts`` package): Chinese first,
English second. Indicator names and units live in the indicator dictionary.
``text(key, lang, **values)`` returns the text in that language."""

from __future__ import annotations

import importlib
import pkgutil
import re

from . import fmt
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


# in an English text, {n|noun} is the count with its noun in agreement ("1 problem", "2 problems")
# and {n?one|many} the word that agrees with it ("1 report is", "2 reports are"): words.fmt.count
COUNTED = re.compile(r"\{(\w+)\|([^{}]+)\}")
AGREES = re.compile(r"\{(\w+)\?([^{}|]*)\|([^{}]*)\}")


def _counted(s: str, values: dict) -> str:
    s = COUNTED.sub(lambda m: fmt.count(values[m.group(1)], m.group(2)).replace("{", "{{").replace("}", "}}"), s)
    return AGREES.sub(lambda m: fmt.verb(values[m.group(1)], m.group(2), m.group(3)), s)


def text(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = TEXTS[key]
    s = en if lang == "en" else zh
    if not values:
        return s
    if lang == "en":
        s = _counted(s, values)
    return s.format(**values)
