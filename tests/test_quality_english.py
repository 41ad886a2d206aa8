"""The 数据质量 rules told in both languages: every shipped rule has an English name, and a breach's
message is built from a key and its parameters, so the English page reads English (only place
names stay Chinese)."""

from __future__ import annotations

import re

from data_access.db import make_engine
from data_access.filters import Filters
from data_access.quality.defaults import DEFAULT_RULES
from data_access.quality.model import MESSAGES, Ind, Rule, breach
from data_access.queries import quality_violations

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACES = re.compile(r"(示例市|[\u4e00-\u9fff]{2}(县|区|市))")


def test_every_shipped_rule_has_an_english_name():
    assert all(r["name_en"] and not CJK.search(r["name_en"]) for r in DEFAULT_RULES)


def test_every_message_key_reads_in_both_languages():
    ind = Ind("emp_new", "新增残疾人就业", "人", "sum", "values", None, None, 1.0, 0, "New employment", "persons")
    rule = Rule("r", "规则", "outlier", "warning", "*", name_en="A rule")
    params = {
        "county": "东林区",
        "area": "东林区",
        "year": 2025,
        "month": 3,
        "month_en": "March",
        "when": "2025年3月",
        "when_en": "March 2025",
        **ind.said(),
        **ind.said("part"),
        **ind.said("whole"),
        "part_unit": "人",
        "part_unit_en": "persons",
        "whole_unit": "人",
        "whole_unit_en": "persons",
        "total": "总数",
        "total_en": "Total",
        "parts": "甲、乙",
        "parts_en": "A, B",
        **dict.fromkeys(("pv", "wv", "rate", "lo", "hi", "val", "cur", "prev", "pct", "limit", "x", "med", "z"), "1"),
        **dict.fromkeys(("c", "t", "tv", "s"), "2"),
        "span": "全年",
        "span_en": "the whole year",
        "updown": "增长",
        "updown_en": "up",
    }
    for key in MESSAGES:
        v = breach(rule, "990102000000", "东林区", 2025, 3, key, params, "emp_new")
        assert CJK.search(v.message), key
        english = PLACES.sub("", v.text("en"))
        assert not CJK.search(english), (key, v.text("en"))
        assert v.name("en") == "A rule" and v.name("zh") == "规则"


def test_the_demo_warning_in_english(demo_sqlite_url):
    with make_engine(demo_sqlite_url).connect() as conn:
        zh = quality_violations(conn, Filters(2025))
        en = quality_violations(conn, Filters(2025), lang="en")
    assert list(zh["规则"]) == ["县(区)月度数据异常（修正 Z 分数）"]
    assert list(en["规则"]) == ["A county's month far from its other months (modified z-score)"]
    assert en["说明"].iloc[0] == (
        "临江县 December 2025: Disabled students aided 13 person-times, far from the county's other months "
        "(median 2; modified z-score +7.4, threshold 7); please verify"
    )
    assert zh["说明"].iloc[0].startswith("临江县 2025年12月资助残疾学生 13人次，与该县(区)当年各月（中位数 2）相差悬殊")
