"""The documents say what is there: docs/data-model.md names every table of data_access/models.py,
and the README's Layout names every top-level folder and module and every package of the data layer."""

from __future__ import annotations

import re
from pathlib import Path

from data_access.models import Base

ROOT = Path(__file__).resolve().parents[1]


def layout_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"## Layout\n\n```\n(.*?)```", readme, re.S).group(1)


def test_every_table_is_in_the_data_model():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    missing = [name for name in sorted(Base.metadata.tables) if f"`{name}`" not in doc]
    assert not missing, f"docs/data-model.md does not describe {missing} (tables of data_access/models.py)"


def test_the_readme_layout_names_every_top_level_folder_and_module():
    block = layout_block()
    names = [p.name + ("/" if p.is_dir() else "") for p in ROOT.iterdir() if not p.name.startswith(".")]
    names = [n for n in names if n.endswith("/") or n.endswith(".py")]
    names = [n for n in names if n not in ("__pycache__/", "data/") and not n.endswith(".egg-info/")]
    missing = [n for n in sorted(names) if not re.search(rf"(^|\s){re.escape(n)}", block, re.M)]
    assert not missing, f"README's Layout does not name {missing}"


def test_the_readme_layout_names_every_package_of_the_data_layer():
    block = layout_block()
    packages = sorted(p.parent.name + "/" for p in (ROOT / "data_access").glob("*/__init__.py"))
    missing = [n for n in packages if not re.search(rf"(^|\s){re.escape(n)}", block, re.M)]
    assert not missing, f"README's Layout does not name data_access/{missing}"
