"""The one formatter: figures, changes and the one rule for 持平 — and the text and format
modules import without Streamlit, so charts/ and reporting/ can use them anywhere."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

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
    assert fmt.money_en(50) == "CNY 500,000" and fmt.unit_of(FUNDS, "en") == "CNY 10,000"
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


@pytest.mark.parametrize(
    ("n", "noun", "shown"),
    [
        (1, "administrative posts", "1 administrative post"),
        (3, "administrative post", "3 administrative posts"),
        (1, "centres", "1 centre"),
        (1, "reports", "1 report"),
        (0, "errors", "0 errors"),
        (1, "warnings", "1 warning"),
        (1, "person-times", "1 person-time"),
        (2, "county", "2 counties"),
        (1, "counties", "1 county"),
        (1, "persons", "1 person"),
        (1, "classes", "1 class"),
    ],
)
def test_one_pluraliser_for_every_count(n, noun, shown):
    assert fmt.count(n, noun) == shown
    assert fmt.count(1, "个", lang="zh") == "1个"
    assert f"{fmt.count(1, 'reports')} {fmt.verb(1, 'is', 'are')} overdue" == "1 report is overdue"


def test_a_money_change_in_the_headlines_unit():
    c = fmt.change(2036, 1852.76, 2)
    assert fmt.with_unit(2036, 2, "万元", "10k yuan", "en") == "CNY 20.36 million"
    assert fmt.delta_text(c, "en", "万元") == "+9.9% (+CNY 1.83 million)"
    assert fmt.delta_text(c, "zh", "万元") == "+9.9%（+183.24）"
    assert fmt.delta_text(fmt.change(50, 46, 2), "en", "万元") == "+8.7% (+CNY 40,000)"
    # a count on a tile agrees in number
    assert fmt.with_unit(1, 0, "个", "centres", "en") == "1 centre"
    assert fmt.with_unit(10, 0, "个", "centres", "en") == "10 centres"


def test_english_texts_count_in_agreement():
    from words.i18n import TEXTS, text

    assert text("quality_rules_count", "en", errors=0, warnings=1) == "0 errors, 1 warning"
    assert text("quality_rules_count", "en", errors=2, warnings=3) == "2 errors, 3 warnings"
    assert text("data_geo_missing", "en", n=1).startswith("1 division has no boundary")
    assert text("data_geo_missing", "en", n=4).startswith("4 divisions have no boundary")
    assert text("quality_rules_count", "zh", errors=0, warnings=1) == "错误 0 条，警告 1 条"
    # every English text with a count placeholder formats with 1 and with 2 (no stray braces)
    import re

    for key, (_zh, en) in TEXTS.items():
        names = set(re.findall(r"\{(\w+)[|?}]", en)) | set(re.findall(r"\{(\w+)\}", _zh))
        for n in (1, 2):
            out = text(key, "en", **dict.fromkeys(names, n))
            assert "{" not in out and "|" not in out.replace("||", ""), (key, out)
