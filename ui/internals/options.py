"""Streamlit configuration options that ``.streamlit/config.toml`` sets although Streamlit hides them
(``streamlit config show`` does not list them, the documentation does not name them).

- ``runner.postScriptGC = false``: no ``gc.collect()`` of the whole process after every script run
  (0.15 s of CPU a rerun here, under the interpreter lock; docs/performance.md). A Streamlit without
  the option would only warn about an unknown key, and the collection would come back: every click
  slower under load, silently.

tests/test_internals_contract.py checks that every option of the file is one the installed Streamlit
defines, and that these hidden ones still take the value the file gives.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# hidden option -> the value config.toml sets
HIDDEN = {"runner.postScriptGC": False}
