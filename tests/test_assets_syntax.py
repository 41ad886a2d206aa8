"""The JavaScript and CSS the app sends to browsers live as files under ``assets/`` (words/assets.py):
each must parse, or the browser drops it without a word — a script with a syntax error does nothing
(no Chinese for Streamlit's English, no slide show), a broken rule takes the rules after it along.

JavaScript is checked by ``node --check`` (node comes with npm, which .ci/run installs for axe-core),
as a module when it exports (the slide show's component), else as a classic script; CSS by tinycss2."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import tinycss2

from words.assets import ASSETS, asset_text

JS = sorted((ASSETS / "js").glob("*.js"))
CSS = sorted([*(ASSETS / "css").glob("*.css"), *(ASSETS / "theme").glob("*.css")])


def css_errors(text: str) -> list[str]:
    """tinycss2's parse errors of a style sheet, rule by rule and declaration by declaration."""
    found: list[str] = []

    def rules(nodes) -> None:
        for r in nodes:
            if r.type == "error":
                found.append(f"line {r.source_line}: {r.message}")
            elif r.type == "qualified-rule" or (r.type == "at-rule" and r.content is not None):
                if r.type == "at-rule" and r.lower_at_keyword in ("media", "supports", "container", "layer"):
                    rules(tinycss2.parse_rule_list(r.content, skip_comments=True, skip_whitespace=True))
                    continue
                for d in tinycss2.parse_declaration_list(r.content, skip_comments=True, skip_whitespace=True):
                    if d.type == "error":
                        found.append(f"line {d.source_line}: {d.message}")

    rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    for token in tinycss2.parse_component_value_list(text, skip_comments=True):
        if token.type == "literal" and token.value == "}":
            found.append(f"line {token.source_line}: a '}}' that closes nothing")
    return found


def node_check(path: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    text = path.read_text(encoding="utf-8")
    # a module (export/import) is checked as one; a classic script as a script
    suffix = ".mjs" if "\nexport " in "\n" + text else ".cjs"
    copy = tmp_path / (path.stem + suffix)
    copy.write_text(text, encoding="utf-8")
    return subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True, timeout=60)


def test_the_assets_are_there():
    names = {p.name for p in JS} | {p.name for p in CSS}
    assert {"a11y.js", "slide-fit.js", "slideshow.js", "slide.css", "slideshow.css", "base.css"} <= names


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (.ci/run installs npm, with it node)")
@pytest.mark.parametrize("path", JS, ids=lambda p: p.name)
def test_javascript_parses(path, tmp_path):
    done = node_check(path, tmp_path)
    assert done.returncode == 0, f"assets/js/{path.name} does not parse:\n{done.stderr}"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_javascript_syntax_error_is_caught(tmp_path):
    """The check itself can fail: a missing bracket in a copy of the a11y script."""
    (tmp_path / "src").mkdir()
    broken = tmp_path / "src" / "broken.js"
    broken.write_text(asset_text("js/a11y.js").replace("const fix = () => {", "const fix = () => {{", 1))
    assert node_check(broken, tmp_path).returncode != 0


@pytest.mark.parametrize("path", CSS, ids=lambda p: p.name)
def test_css_parses(path):
    errors = css_errors(path.read_text(encoding="utf-8"))
    assert not errors, f"{path.relative_to(ASSETS.parent)} has CSS errors:\n" + "\n".join(errors)


def test_a_css_syntax_error_is_caught():
    sheet = asset_text("css/slide.css")
    assert css_errors(sheet) == []
    assert css_errors(sheet.replace("overflow: hidden;", "overflow hidden;", 1))
    assert css_errors(sheet + "\n}")
