"""No import cycles among our modules. Read from the source with ``ast``: each module's imports,
resolved to our modules (importing ``a.b.c`` also imports ``a`` and ``a.b``, except the packages a
module sits in, which are already being imported), then the strongly connected components.

At import time (module-level imports, not those under ``if TYPE_CHECKING``): no cycle anywhere in
our packages. In the data layer also none through imports inside functions — the ones that used to
say "imported here: the loaders import the queries" (summaries ⇄ queries.coverage, loading ⇄
quality ⇄ queries); a lazy import there hid a cycle rather than cutting it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("words", "data_access", "charts", "reporting", "ui")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:  # Alembic loads these by file, not by import
                continue
            rel = path.relative_to(ROOT).with_suffix("")
            found[".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)] = path
    return found


MODULES = modules()


def imports_of(name: str, path: Path, inside_functions: bool) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    named: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                for part in (node.body, getattr(node, "orelse", []), getattr(node, "finalbody", [])):
                    visit(part)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if inside_functions or isinstance(node, ast.ClassDef):
                    visit(node.body)
            elif isinstance(node, ast.Import):
                named.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                named.add(module)
                named.update(f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    out = set()
    for module in named:
        parts = module.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in MODULES and prefix != name and not name.startswith(prefix + "."):
                out.add(prefix)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def describe(graph: dict[str, set[str]], component: list[str]) -> str:
    edges = [f"  {a} -> {b}" for a in component for b in sorted(graph[a]) if b in component]
    return "\n".join(edges)


def test_the_graph_sees_our_imports():
    graph = {name: imports_of(name, path, False) for name, path in MODULES.items()}
    assert "data_access.rollups" in graph["data_access.queries.coverage"]
    assert "words.fmt" in graph["charts.basic"] or any(m.startswith("words") for m in graph["charts.basic"])
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_at_import_time():
    graph = {name: imports_of(name, path, False) for name, path in MODULES.items()}
    found = cycles(graph)
    assert not found, "import cycles at import time:\n" + "\n\n".join(describe(graph, c) for c in found)


@pytest.mark.parametrize("package", ["data_access"])
def test_no_cycle_hidden_in_a_function_level_import(package):
    graph = {
        name: {m for m in imports_of(name, path, True) if m.split(".")[0] == package}
        for name, path in MODULES.items()
        if name.split(".")[0] == package
    }
    found = cycles(graph)
    assert not found, "import cycles through imports inside functions:\n" + "\n\n".join(
        describe(graph, c) for c in found
    )
