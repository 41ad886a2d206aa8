"""The migration files sort in the order Alembic runs them: reading data_access/migrations/versions/
top to bottom is reading the schema's history. (Revision ids are never renamed — existing databases
store them — only the files are, so a file's prefix may differ from its revision id.)"""

from __future__ import annotations

import ast
from pathlib import Path

VERSIONS = Path(__file__).resolve().parents[1] / "data_access" / "migrations" / "versions"


def declared(path: Path) -> tuple[str, str | None]:
    values = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(node.value)
    return values["revision"], values.get("down_revision")


def chain() -> list[str]:
    """The revisions from the first to the head, following down_revision."""
    files = {declared(p)[0]: p for p in VERSIONS.glob("[0-9]*.py")}
    after = {}
    for rev, path in files.items():
        down = declared(path)[1]
        assert down not in after, f"two migrations follow {down}: {after[down]} and {rev} (a branch)"
        after[down] = rev
    order, rev = [], after.get(None)
    while rev is not None:
        order.append(rev)
        rev = after.get(rev)
    assert sorted(order) == sorted(files), f"not one chain: {sorted(set(files) - set(order))} are off it"
    return [files[r].name for r in order]


def test_the_files_sort_in_chain_order():
    in_chain = chain()
    by_name = sorted(p.name for p in VERSIONS.glob("[0-9]*.py"))
    assert by_name == in_chain, (
        "the migration files do not sort in the order they run; rename the files (never the revision ids):\n"
        + "\n".join(f"  runs {i + 1}: {name}" for i, name in enumerate(in_chain))
    )


def test_the_chain_starts_at_the_initial_schema():
    assert chain()[0] == "0001_initial_schema.py"
