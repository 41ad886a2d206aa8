"""The written summary: the work summary's sentences for the demo city, and every figure
in it equal to the query it came from (three databases)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from data_access import queries
from data_access.filters import Filters
from reporting.data import gather
from reporting.summary import build_summary, parse_printed

WORK_SUMMARY_PHRASES = (
    "全市100个乡镇(街道)、1434个村(社区)全部建立了残联组织",
    "实现了“乡乡有机构、村村有服务”",
    "村(社区)残协覆盖率100%，比上年提高3个百分点",
    "市残联新增市残疾人事业服务中心编制5名、新增“以钱养事”工作人员3名",
    "县级残联新增行政编制3名",
    "配备市、县两级残联兼(挂)职副理事长10名",
    "4月18日，党组书记、理事长作了题为《不断增强法治意识，加快推进残疾人事业高质量发展》的专题宣讲",
    "全市共投入康复专项资金2036万元，比上年增加183.24万元、增长9.9%，用于残疾人康复设施建设及设备更新",
    "新建和改扩建康复中心10个，新增康复床位200张",
    "全年累计举办康复讲座和培训108场次，受益人群达1万人次",
    "从县(区)看，康复专项资金投入青林县（467.01万元）、临江县（464.46万元）居前。",
    # the change belongs to 新增就业 (+60, +6.4 %); 自主创业 has its own (+9)
    "全市新增残疾人就业1000人，比上年增加60人、增长6.4%，其中自主创业100人（比上年增加9人、增长9.9%）",
    "实现残疾人家庭人均可支配收入同比增长10%",
    "全市共资助残疾学生200人次",
    "发放助学金50万元",
    "全市共举办残疾人文化体育活动50场次",
    "参与人数达5000人次",
    "一是加强残疾人法律援助服务。2025年，全市共受理残疾人法律援助案件100件",
    "二是推进无障碍环境建设。全年共完成无障碍改造项目50个",
    "共查处侵害残疾人权益案件20起",
    "全市共收到社会捐赠款物价值300万元",
    "全市共有500名志愿者参与助残服务，累计服务时间达1万小时",
)


def test_whole_city_2025_states_the_work_summary(demo_db):
    with demo_db.engine.connect() as conn:
        s = build_summary(gather(conn, Filters(2025)), "zh")
    body = s.text()
    assert s.title == "示例市2025年残疾人事业工作总结（数据部分）"
    for phrase in WORK_SUMMARY_PHRASES:
        assert phrase in body, phrase
    # headings numbered as the work summary numbers them: 三 with its four parts
    lines = body.splitlines()
    heads = [ln for ln in lines if re.match(r"^([一二三四五六]、|（[一二三四]）)", ln)]
    assert [h.split("、")[0] if "、" in h[:2] else h[:3] for h in heads] == [
        "一",
        "二",
        "三",
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "四",
        "五",
        "六",
    ]
    assert "三、（一）" not in body and "10000" not in body


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
    if fact.code.startswith("outreach:"):
        kind = fact.code.split(":")[1]
        col = "COUNT(*)" if fact.kind == "events" else "SUM(participants)"
        sql = f"SELECT {col} FROM activities WHERE year = {y} AND kind = '{kind}'{where}"
        return float(conn.execute(text(sql)).scalar())
    if fact.code.startswith("coverage:"):
        kind = fact.code.split(":")[1]
        c = queries.coverage_counts(conn, f, y, kind)
        if fact.kind == "gap":
            return float(c["total"].sum() - c["covered"].sum())
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
        s = build_summary(gather(conn, f), "zh")
        decimals = queries.indicator_dictionary(conn)["decimals"].astype(int).to_dict()
        assert len(s.facts) >= 25
        for fact in s.facts:
            assert fact.text in fact.sentence, fact
            assert parse_printed(fact.text) == pytest.approx(fact.value), fact
            assert fact.value == pytest.approx(_expected(conn, f, fact, decimals), abs=1e-9), fact
    # and no figure in the text comes from anywhere else: every number is a recorded fact
    for section in s.sections:
        for sentence in section.sentences:
            # titles (《…》, “…”) and dates (4月18日) are not figures
            bare = re.sub(r"《[^》]*》|“[^”]*”|\d+月\d+日|\d+月(?=数据待核实|、)", "", sentence)
            shown = re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?:万(?!元))?(?![\d.]*年)", bare)
            recorded = [x.text for x in section.facts if x.sentence == sentence]
            for number in shown:
                assert number in recorded, (number, sentence)
                recorded.remove(number)


def test_english_on_request(demo_db):
    with demo_db.engine.connect() as conn:
        s = build_summary(gather(conn, Filters(2025)), "en")
    body = s.text()
    assert (
        "1,000 disabled persons newly employed, up 60 persons (+6.4%) on the year before, 100 of them self-employed"
        in body
    )
    # the indicator dictionary's English name, as the slides and the analysis print it
    assert "invested CNY 20.36 million of earmarked rehabilitation funds in facilities and equipment" in body
    assert "special funds" not in body
    assert "500 volunteers served disabled persons for 10,000 hours" in body
    assert "10k yuan" not in body and "万元" not in body
    # only place names and the titles of talks stay Chinese
    rest = re.sub(
        r"《[^》]*》|\(专题宣讲\)|\(全国助残日\)|\(国际残疾人日\)|\(以钱养事\)|[\u4e00-\u9fff]+[县区]", "", body
    )
    rest = rest.replace(s.title, "")
    assert not re.search(r"[\u4e00-\u9fff]", rest), re.findall(r"[\u4e00-\u9fff]+", rest)
