"""reporting/ is told its language: no function there has a default ``lang`` (a caller that
forgets it would get Chinese in an English report), and no sentence is chosen inline between a
Chinese and an English literal on ``lang`` — the words are in words/texts/reporting.py.

Read from the source with ``ast``. (charts/ and ui/components.py have their own check.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("reporting",)
LANG_NAMES = {"lang", "en", "zh"}  # a parameter, or a flag of it (en = lang == "en")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (p, ast.parse(p.read_text(encoding="utf-8"))) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))
    ]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"


def lang_defaults(tree: ast.Module) -> list[ast.AST]:
    """Functions with a default for a parameter named lang."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        a = node.args
        positional = a.posonlyargs + a.args
        with_default = positional[len(positional) - len(a.defaults) :]
        named = [p for p in with_default if p.arg == "lang"]
        named += [p for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None and p.arg == "lang"]
        if named:
            found.append(node)
    return found


def _mentions_lang(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in LANG_NAMES:
            return True
        if isinstance(n, ast.Attribute) and n.attr in LANG_NAMES:
            return True
    return False


def _is_str(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


# a column of a frame ("name_en" / "name_zh") or a language tag ("zh-CN" / "en") chosen by language is no wording
KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _is_key(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value) is not None


def inline_choices(tree: ast.Module) -> list[ast.AST]:
    """``"…" if lang == "zh" else "…"``: a choice on the language between two string literals."""
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.IfExp)
        and _mentions_lang(n.test)
        and _is_str(n.body)
        and _is_str(n.orelse)
        and not (_is_key(n.body) and _is_key(n.orelse))
    ]


def test_no_lang_default_in_reporting():
    wrong = [f"{_where(p, n)} {getattr(n, 'name', 'lambda')}" for p, tree in _sources() for n in lang_defaults(tree)]
    assert not wrong, "pass lang explicitly; no default:\n" + "\n".join(wrong)


def test_no_inline_language_choice_in_reporting():
    wrong = [f"{_where(p, n)} {ast.unparse(n)[:80]}" for p, tree in _sources() for n in inline_choices(tree)]
    assert not wrong, "words go in words/texts/reporting.py (text(key, lang)):\n" + "\n".join(wrong)


def test_the_check_finds_what_it_forbids():
    tree = ast.parse(
        "def f(x, lang='zh'):\n    return '是' if lang == 'zh' else 'yes'\n"
        "def g(x, *, lang: str = 'en'):\n    return f'{x}个' if self.en else f'{x}'\n"
        "def h(x, lang):\n    return x if lang == 'zh' else 'y'\n"
        "def k(r, lang):\n    return r['name_en' if lang == 'en' else 'name_zh']\n"
    )
    assert [n.name for n in lang_defaults(tree)] == ["f", "g"]
    assert len(inline_choices(tree)) == 2
