"""The layers point one way (the shared design, §3): pages → ui → charts/reporting → words.

Read from the source with ``ast``, so a lazy import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> top-level packages of ours (and Streamlit) it must never import
FORBIDDEN = {
    "words": {"ui", "charts", "reporting", "data_access", "pages", "streamlit", "dashboard", "app"},
    "charts": {"ui", "pages", "streamlit", "reporting"},
    "reporting": {"ui", "pages", "streamlit"},
    "data_access": {"ui", "pages", "streamlit", "charts", "reporting"},
}


def _imports(path: Path) -> set[tuple[int, str]]:
    found: set[tuple[int, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {(node.lineno, a.name.split(".")[0]) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.lineno, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(package):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, name in sorted(_imports(path))
        if name in FORBIDDEN[package]
    ]
    assert not wrong, "layers point one way (pages → ui → charts/reporting → words):\n" + "\n".join(wrong)
