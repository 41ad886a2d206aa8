"""The committed samples (docs/samples) are what the generators write now for the demo
city's 2025: regenerate them with `python -m reporting samples --out docs/samples`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from data_access.db import make_engine
from reporting.__main__ import SAMPLES, sample_date, write_samples
from reporting.gongwen import ANNEX, date_en, date_zh

DOCS = Path(__file__).resolve().parents[1] / "docs" / "samples"


@pytest.fixture(scope="module")
def fresh(demo_sqlite_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    with make_engine(demo_sqlite_url).connect() as conn:
        write_samples(conn, 2025, out)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", SAMPLES)
def test_committed_sample_is_current(fresh, name, lang):
    committed = (DOCS / f"{name}.{lang}.txt").read_text(encoding="utf-8")
    assert committed == (fresh / f"{name}.{lang}.txt").read_text(encoding="utf-8"), (
        "docs/samples is stale: run python -m reporting samples --out docs/samples"
    )
    doc = Document(io.BytesIO((DOCS / f"{name}.{lang}.docx").read_bytes()))
    paragraphs = [p.text.replace("\n", "") for p in doc.paragraphs if p.text]  # the title's line break
    signed = [
        "示例市残疾人联合会" if lang == "zh" else "示例市 Disabled Persons' Federation",
        (date_zh if lang == "zh" else date_en)(sample_date(2025)),
    ]
    lines = [ln.strip() for ln in committed.splitlines() if ln.strip()]
    at = next((i for i, ln in enumerate(lines) if ANNEX.match(ln)), len(lines))  # the annex under the 落款
    assert paragraphs == lines[:at] + signed + lines[at:]
