"""The annual statistical analysis report: progress, problems with their figures and a
proposal each, optional targets, ≤ 3000 字, every figure traceable to its code."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data_access import queries
from data_access.db import make_engine
from data_access.filters import Filters
from reporting import analysis
from reporting.__main__ import main
from reporting.summary import parse_printed

QING = "990103000000"  # 青林县


@pytest.fixture(scope="module")
def conn(demo_sqlite_url):
    with make_engine(demo_sqlite_url).connect() as c:
        yield c


def _numbers(sentence: str) -> list[str]:
    bare = re.sub(r"《[^》]*》|“[^”]*”|\d+月\d+日|（[a-z_]+）", "", sentence)
    return re.findall(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?:万(?!元))?(?![\d.]*年)", bare)


def _check_traceable(a: analysis.Analysis, conn, f: Filters) -> None:
    kp = queries.kpis(conn, f, [c for c, _ in a.sources]).set_index("code")
    for x in a.facts:
        assert x.text in x.sentence, x
        assert x.code in kp.index or x.code.split(":")[0] in ("coverage", "plan", "quality"), x
        if x.kind == "value" and x.county_code is None and x.code in kp.index:
            dec = int(kp.loc[x.code, "decimals"])
            assert parse_printed(x.text) == pytest.approx(round(kp.loc[x.code, "value"], dec)), x
    for part in a.parts[:-1]:  # the annex lists codes, not figures
        for sentence in part.sentences:
            recorded = [x.text for x in a.facts if x.sentence == sentence]
            for n in _numbers(sentence):
                assert any(n == r or n in r for r in recorded), (n, sentence)


def test_whole_city_2025(conn):
    f = Filters(2025)
    a = analysis.make_analysis(conn, f, "zh")
    text = a.text()
    assert a.title == "示例市2025年残疾人事业统计分析报告"
    assert len(text) <= analysis.MAX_CHARS
    assert "（二）康复服务。康复专项资金投入2036万元，比上年增加183.24万元、增长9.9%" in text
    assert "志愿服务时长1万小时，比上年增加1100小时、增长12.4%" in text
    # 2025: coverage complete, so no gap is named; the falls and the low per-1,000 are
    assert "未建残联" not in text
    # every amount is looked at, and a county that reported the year without a donation has fallen to 0
    # (−100 %), not gone missing (issue 27: the −59.6 % and −55.6 % falls the demo has)
    assert (
        "一是部分指标比上年下降：中江区社会捐赠款物0万元，比上年下降100%；安平县社会捐赠款物13.8万元，"
        "比上年下降59.6%；长宁县完成无障碍改造项目4个，比上年下降55.6%" in text
    )
    assert "东林区文体活动参与人次每千名持证残疾人12.8，全部县(区)合计为42.9" in text
    problems = a.parts[-2].sentences
    assert problems and all("下一步，要" in s for s in problems)
    # the annex names the indicators in words, never by their code names (a document sent upward)
    assert "康复专项资金投入" in a.parts[-1].sentences[0] and "rehab_funds" not in a.parts[-1].sentences[0]
    # the demo's 十四五 plan: city targets met, two counties short of theirs
    assert "二、目标完成情况" in text and "三、存在的问题和建议" in text
    assert "从县(区)看，未完成目标的有：东林区新增残疾人就业目标55人、2025年为48人，完成87.3%" in text
    _check_traceable(a, conn, f)


def test_gaps_of_an_earlier_year_are_named_with_their_figures(conn):
    f = Filters(2022)
    a = analysis.make_analysis(conn, f, "zh")
    text = a.text()
    cov = queries.org_coverage(conn, f, by_county=True).set_index(["county_code", "measure"])
    gap = int(cov.loc[("990107000000", "village_staff"), "gap"])
    assert f"临江县1个乡镇(街道)未建残联、82个村(社区)未建残协、{gap}个村(社区)未配专职委员" in text
    assert "督促上述县(区)限期建立组织" in text
    assert len(text) <= analysis.MAX_CHARS
    _check_traceable(a, conn, f)


def test_one_county_never_ranks_one(conn):
    f = Filters(2025, counties=(QING,))
    a = analysis.make_analysis(conn, f, "zh")
    text = a.text()
    assert a.title.startswith("青林县2025年")
    assert "全部县(区)合计" not in text  # no per-1,000 comparison of a county with itself
    assert "康复专项资金投入467.01万元" in text
    _check_traceable(a, conn, f)


def test_targets_where_a_plan_is_loaded(conn):
    f = Filters(2025)
    data = analysis.gather_analysis(conn, f)
    assert data.targets is None or isinstance(data.targets, pd.DataFrame)
    data.targets = pd.DataFrame(
        [
            dict(plan="十四五", plan_first=2021, plan_last=2025, code="emp_new", name_zh="新增残疾人就业",
                 name_en="New employment", unit_zh="人", unit_en="persons", decimals=0, area_code=None,
                 level="city", latest=1000.0, target=1200.0, target_year=2025, attainment=83.3, status="off_track"),
            dict(plan="十四五", plan_first=2021, plan_last=2025, code="rehab_beds", name_zh="新增康复床位",
                 name_en="New beds", unit_zh="张", unit_en="beds", decimals=0, area_code=None,
                 level="city", latest=200.0, target=180.0, target_year=2025, attainment=111.1, status="on_track"),
        ]
    )  # fmt: skip
    a = analysis.build_analysis(data, "zh")
    text = a.text()
    assert "二、目标完成情况" in text and "三、存在的问题和建议" in text
    assert "2025年在实施的规划指标共2项，已达到目标值的1项。" in text
    assert "新增残疾人就业目标1200人（2025年），2025年为1000人，完成83.3%" in text


def test_english_states_the_same_facts(conn):
    f = Filters(2022)
    zh, en = analysis.make_analysis(conn, f, "zh"), analysis.make_analysis(conn, f, "en")
    assert sorted((x.code, x.kind, x.value) for x in zh.facts) == sorted((x.code, x.kind, x.value) for x in en.facts)
    body = en.text()
    assert "Earmarked rehabilitation funds CNY 15.34 million, up CNY 1.38 million (+9.9%)" in body
    rest = re.sub(r"[\u4e00-\u9fff]+[县区市]", "", body)  # place names stay Chinese
    assert not re.search(r"[\u4e00-\u9fff]", rest), re.findall(r"[\u4e00-\u9fff]+", rest)


def test_command_line(demo_sqlite_url, tmp_path, capsys):
    out = tmp_path / "a.txt"
    assert main(["analysis", "--db", demo_sqlite_url, "--year", "2025", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("示例市2025年残疾人事业统计分析报告")
    docx = tmp_path / "a.docx"
    assert main(["analysis", "--db", demo_sqlite_url, "--year", "2025", "--format", "docx", "--out", str(docx)]) == 0
    assert docx.read_bytes()[:2] == b"PK"
