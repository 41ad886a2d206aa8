"""The one formatter: figures, changes and the one rule for 持平 — and the text and format
modules import without Streamlit, so charts/ and reporting/ can use them anywhere."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from reporting import slides
from words import fmt

RATE = {"unit_zh": "%", "unit_en": "%", "decimals": 1, "aggregation": "ratio", "value": 99.34, "previous": 99.30}
JOBS = {"unit_zh": "人", "unit_en": "persons", "decimals": 0, "aggregation": "sum", "value": 1000.0, "previous": 940.0}
FUNDS = {
    "unit_zh": "万元",
    "unit_en": "10k yuan",
    "decimals": 2,
    "aggregation": "sum",
    "value": 2036.0,
    "previous": 1852.76,
}


def test_a_change_that_rounds_to_zero_is_unchanged_everywhere():
    c = fmt.row_change(RATE)
    assert c.flat
    assert fmt.delta_text(c) == "持平" and fmt.delta_text(c, "en") == "unchanged"  # the tile
    assert fmt.change_words(c) == "与上年持平"  # the summary
    assert slides.change_text(pd.Series(RATE), "zh") == "与上年持平"  # the slide
    moved = fmt.row_change(RATE | {"value": 99.36})
    assert not moved.flat and fmt.delta_text(moved) == "+0.1个百分点"


def test_amounts_and_money():
    assert fmt.delta_text(fmt.row_change(JOBS)) == "+6.4%（+60）"
    assert fmt.change_words(fmt.row_change(JOBS), "人", "persons") == "比上年增加60人、增长6.4%"
    assert fmt.change_words(fmt.row_change(JOBS), "人", "persons", "en") == "up 60 persons (+6.4%) on the year before"
    assert fmt.figure(FUNDS) == "2,036 万元" and fmt.figure(FUNDS, "en") == "CNY 20.36 million"
    assert fmt.money_en(50) == "CNY 500,000" and fmt.unit_of(FUNDS, "en") == "CNY 10,000 (万元)"
    assert fmt.wan_words(10000) == "1万" and fmt.wan_words(25000) == "2.5万" and fmt.wan_words(10850) == "10850"
    assert fmt.figure(RATE) == "99.3%" and fmt.figure(RATE | {"value": None}) == "—"
    assert fmt.month_label(1, "en") == "Jan" and fmt.month_label(12) == "12月"


def test_text_and_format_modules_import_without_streamlit():
    code = (
        "import sys; import words.fmt, words.i18n, words.sections, words.vocab, charts.service, charts.org_map, "
        "charts.org_coverage, charts.rights, charts.social, charts.breakdowns, reporting.summary, "
        "reporting.analysis, reporting.slides; print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
