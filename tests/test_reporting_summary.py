"""The written summary: the work summary's sentences for the demo city, and every figure
in it equal to the query it came from (three databases)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from data_access import queries
from data_access.filters import Filters
from reporting.data import gather
from reporting.summary import build_summary

WORK_SUMMARY_PHRASES = (
    "全市100个乡镇(街道)、1434个村(社区)全部建立了残联组织",
    "实现了“乡乡有机构、村村有服务”",
    "市残联新增市残疾人事业服务中心编制5名、新增“以钱养事”工作人员3名",
    "县级残联新增行政编制3名",
    "配备市、县两级残联兼(挂)职副理事长10名",
    "全市共投入康复专项资金2036万元",
    "新建和改扩建康复中心10个，新增康复床位200张",
    "全年累计举办康复讲座和培训108场次，受益人群达10000人次",
    "全市新增残疾人就业1000人，其中自主创业100人",
    "实现残疾人家庭人均可支配收入同比增长10%",
    "全市共资助残疾学生200人次",
    "发放助学金50万元",
    "全市共举办残疾人文化体育活动50场次",
    "参与人数达5000人次",
    "全市共受理残疾人法律援助案件100件",
    "完成无障碍改造项目50个，查处侵害残疾人权益案件20起",
    "全市共收到社会捐赠款物价值300万元",
    "全市共有500名志愿者参与助残服务，累计服务时间达10000小时",
)


def test_whole_city_2025_states_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        s = build_summary(gather(conn, Filters(2025)))
    body = s.text()
    assert s.title == "示例市2025年残疾人事业工作总结（数据部分）"
    for phrase in WORK_SUMMARY_PHRASES:
        assert phrase in body, phrase
    assert [x.heading[:2] for x in s.sections] == ["一、", "三、", "三、", "三、", "三、", "四、", "五、"]


def _indicator(conn, f: Filters, code: str, year: int, county: str | None = None) -> float | None:
    by = ("county", "year") if county else ("year",)
    s = queries.indicator_series(conn, f, [code], by=by, years=(year,))
    if county:
        s = s[s["county_code"] == county]
    return None if s.empty else float(s["value"].iloc[0])


def _expected(conn, f: Filters, fact, decimals: dict[str, int]) -> float:
    y = f.year
    scope = f.counties_in_scope()
    where = "" if scope is None else " AND county_code IN (" + ",".join(f"'{c}'" for c in scope) + ")"
    if fact.code.startswith("coverage:"):
        kind = fact.code.split(":")[1]
        c = queries.coverage_counts(conn, f, y, kind)
        if fact.kind == "total":
            level = "township" if kind == "township" else "village"
            hand = conn.execute(text(f"SELECT COUNT(*) FROM areas WHERE level = '{level}'{where}")).scalar()
            assert hand == c["total"].sum()
        return float(c[fact.kind].sum())
    if fact.code.startswith("staffing:"):
        parts = fact.code.split(":")
        cond = f"post_kind = '{parts[-1]}'" + (f" AND level = '{parts[1]}'" if len(parts) == 3 else "")
        return float(conn.execute(text(f"SELECT SUM(count) FROM staffing WHERE year = {y} AND {cond}{where}")).scalar())
    if fact.code.startswith("legal_aid_type:"):
        t = fact.code.split(":", 1)[1]
        sql = f"SELECT COUNT(*) FROM legal_aid_cases WHERE year = {y} AND case_type = :t{where}"
        return float(conn.execute(text(sql), {"t": t}).scalar())
    d = decimals[fact.code]
    cur = _indicator(conn, f, fact.code, y, fact.county_code)
    if fact.kind == "value":
        return round(cur, d)
    prev = _indicator(conn, f, fact.code, y - 1, fact.county_code)
    if fact.kind == "change":
        return round(abs(cur - prev), 1 if fact.code.endswith(("coverage", "rate", "growth")) else d)
    if fact.kind == "change_pct":
        return round(abs(cur / prev - 1) * 100, 1)
    raise AssertionError(fact)


@pytest.mark.parametrize(
    "year,county", [(2025, None), (2024, 2), (2021, None)], ids=["2025-city", "2024-county", "2021-city"]
)
def test_every_figure_equals_its_query(demo_db, year, county):
    with demo_db.engine.connect() as conn:
        counties = tuple(queries.all_counties(conn)["code"])
        f = Filters(year, counties=(counties[county],) if county is not None else ())
        s = build_summary(gather(conn, f))
        decimals = queries.indicator_dictionary(conn)["decimals"].astype(int).to_dict()
        assert len(s.facts) >= 25
        for fact in s.facts:
            assert fact.text in fact.sentence, fact
            assert float(fact.text) == fact.value, fact
            assert fact.value == pytest.approx(_expected(conn, f, fact, decimals), abs=1e-9), fact
    # and no figure in the text comes from anywhere else: every number is a recorded fact
    for section in s.sections:
        for sentence in section.sentences:
            shown = re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*年)", sentence)
            recorded = [x.text for x in section.facts if x.sentence == sentence]
            for number in shown:
                assert number in recorded, (number, sentence)
                recorded.remove(number)


def test_english_on_request(demo_db):
    with demo_db.engine.connect() as conn:
        s = build_summary(gather(conn, Filters(2025)), "en")
    body = s.text()
    assert "1,000 disabled persons newly employed, 100 of them self-employed" in body
    assert "500 volunteers served disabled persons for 10,000 hours" in body
    assert "新增" not in body and "全市" not in body  # the sentences are English, only place names stay Chinese
