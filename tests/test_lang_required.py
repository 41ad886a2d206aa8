"""One text system (issue "The house, round two", point 3): every function that speaks takes
``lang`` from its caller — never a default that quietly answers in Chinese — and the words
come from ``words/texts`` (``words.i18n.text``), not from a ``"…" if lang == "zh" else "…"``
written into a chart. Read from the source (ast), so a call that has not run yet is covered."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# packages whose every module is held to both rules (the reporting helper adds "reporting")
PACKAGES: tuple[str, ...] = ("charts",)
# single modules held to the first rule (lang required) only
MODULES: tuple[str, ...] = ("ui/components.py",)

LANGS = {"zh", "en"}


def _files(packages: tuple[str, ...], modules: tuple[str, ...] = ()) -> list[Path]:
    files = [f for p in packages for f in sorted((ROOT / p).rglob("*.py"))]
    return files + [ROOT / m for m in modules]


def lang_defaults(tree: ast.AST, where: str) -> list[str]:
    """'charts/basic.py:157 _change' for every function (or lambda) whose ``lang`` has a default."""
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        a = node.args
        positional = a.posonlyargs + a.args
        defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
        pairs = list(zip(positional, defaults, strict=True)) + list(zip(a.kwonlyargs, a.kw_defaults, strict=True))
        if any(arg.arg == "lang" and d is not None for arg, d in pairs):
            out.append(f"{where}:{node.lineno} {getattr(node, 'name', '<lambda>')}")
    return out


def _is_lang(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):  # lang() as well as lang
        node = node.func
    return isinstance(node, ast.Name) and node.id == "lang"


def _is_lang_test(node: ast.AST) -> bool:
    """``lang == "zh"``, ``lang != "en"``, ``"en" == lang``."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq))):
        return False
    left, right = node.left, node.comparators[0]
    for a, b in ((left, right), (right, left)):
        if _is_lang(a) and isinstance(b, ast.Constant) and b.value in LANGS:
            return True
    return False


def _is_words(node: ast.AST | None) -> bool:
    """A string literal or an f-string: words written into the code."""
    return isinstance(node, (ast.JoinedStr, ast.Constant)) and (
        isinstance(node, ast.JoinedStr) or isinstance(node.value, str)
    )


def _said(body: list[ast.stmt]) -> ast.AST | None:
    """The words a one-statement branch returns or assigns."""
    if len(body) == 1 and isinstance(body[0], (ast.Return, ast.Assign)):
        return body[0].value
    return None


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to the language test: ``en = lang == "en"``."""
    return {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_lang_test(node.value)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def _is_literal(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def lang_branches(tree: ast.AST, where: str) -> list[str]:
    """'charts/plan.py:71' for every choice between two written texts by the language:
    ``"年度" if lang == "zh" else "Year"``, or an ``if lang == "en":`` whose branches each
    return (or assign) a written text; and, through ``en = lang == "en"``, a choice between
    two string literals (``"Year" if en else "年份"``). The findings' sentences built with
    f-strings under ``if en`` are not held to it yet."""
    out = []
    aliases = _aliases(tree)
    for node in ast.walk(tree):
        pair: tuple[ast.AST | None, ast.AST | None]
        if isinstance(node, ast.IfExp):
            pair = (node.body, node.orelse)
        elif isinstance(node, ast.If):
            pair = (_said(node.body), _said(node.orelse))
        else:
            continue
        direct = _is_lang_test(node.test) and all(_is_words(x) for x in pair)
        alias = isinstance(node.test, ast.Name) and node.test.id in aliases and all(_is_literal(x) for x in pair)
        if direct or alias:
            out.append(f"{where}:{node.lineno}")
    return out


def _scan(check, files: list[Path]) -> list[str]:
    found = []
    for f in files:
        found += check(ast.parse(f.read_text(encoding="utf-8")), str(f.relative_to(ROOT)))
    return found


def test_the_rules_see_what_they_forbid():
    """The checks themselves: a default, and each kind of branch, are found; keyword-only and
    required ``lang`` and a font chosen by language are not."""
    src = """
def a(df, lang="zh"): ...
def b(df, decimals=0, *, lang: str = "en"): ...
f = lambda lang="zh": lang
def ok(df, decimals=0, *, lang: str): ...
def ok2(df, lang, width=3): ...
x = "年度" if lang == "zh" else "Year"
y = f"{n}件" if "en" != lang else f"{n} cases"
def c(lang):
    if lang == "en":
        return "unchanged"
    else:
        return "持平"
font = FONT_EN if lang == "en" else FONT_ZH
def d(lang):
    en = lang == "en"
    col = "Year" if en else "年份"
    return f"{n} cases" if en else f"{n}件"
"""
    tree = ast.parse(src)
    assert lang_defaults(tree, "m.py") == ["m.py:2 a", "m.py:3 b", "m.py:4 <lambda>"]
    assert lang_branches(tree, "m.py") == ["m.py:7", "m.py:8", "m.py:10", "m.py:17"]
    assert len(_files(PACKAGES, MODULES)) > len(MODULES) + 10  # the charts are read, not an empty folder


def test_lang_is_a_required_argument():
    """No function in the chart builders or the page components defaults the language."""
    found = _scan(lang_defaults, _files(PACKAGES, MODULES))
    assert not found, "lang has a default (make it required; callers pass the reader's language):\n" + "\n".join(found)


def test_chart_words_come_from_the_words_layer():
    """No chart picks between a Chinese and an English text written in its code: the pair is a
    key in words/texts (read with words.i18n.text)."""
    found = _scan(lang_branches, _files(PACKAGES))
    assert not found, "text chosen by lang in the code (move the pair to words/texts):\n" + "\n".join(found)
