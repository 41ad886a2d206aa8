"""The kinds issue 14 added or changed: areas from just 区划代码 + 名称 (level, parent, kind and
coverage inferred, explicit columns win), the federation's own indicators (what is refused and
why), and a reported stock (aggregation max) added up per area, not per month."""

from __future__ import annotations

from sqlalchemy import select

from data_access.db import open_database
from data_access.filters import Filters
from data_access.loading import load_file
from data_access.models import Area
from data_access.queries import coverage_counts, kpis


def csv(rows: list[list]) -> bytes:
    return "\n".join(",".join(str(c) for c in r) for r in rows).encode("utf-8")


AREAS = [
    ["区划代码", "名称", "计入乡镇覆盖率"],
    ["9901", "测试市", ""],
    ["990101", "甲县", ""],
    ["990101001", "城关街道", ""],
    ["990101101", "甲镇", ""],
    ["990101201", "乙乡", ""],
    ["990101400", "甲县经济开发区", ""],
    ["990101401", "甲县农场", "是"],
    ["990101101201", "甲村", ""],
]


def test_areas_from_codes_and_names(empty_db):
    eng = open_database(empty_db.url)
    res = load_file(eng, csv(AREAS), "areas.csv", "t", kind="areas")
    assert res.status == "done", res.problems
    with eng.connect() as conn:
        got = {
            r.code: (r.level, r.kind, r.parent_code, r.counts_in_coverage)
            for r in conn.execute(select(Area.code, Area.level, Area.kind, Area.parent_code, Area.counts_in_coverage))
        }
        cov = coverage_counts(conn, Filters(year=2025), 2025)
    assert got["990100000000"] == ("city", "市", None, 1)
    assert got["990101000000"] == ("county", "县", "990100000000", 1)
    assert got["990101001000"][1] == "街道" and got["990101101000"][1] == "镇" and got["990101201000"][1] == "乡"
    assert got["990101400000"] == ("township", "类似乡级单位", "990101000000", 0)
    assert got["990101401000"] == ("township", "类似乡级单位", "990101000000", 1)  # the federation counts it
    assert got["990101101201"] == ("village", "村", "990101101000", 1)
    assert int(cov["total"].iloc[0]) == 4  # 街道, 镇, 乡 and the farm that is counted


def test_explicit_columns_win_and_a_wrong_level_is_refused(empty_db):
    eng = open_database(empty_db.url)
    rows = [["区划代码", "名称", "层级", "类型"], ["9901", "测试市", "", ""], ["990101", "甲区", "", "县"]]
    assert load_file(eng, csv(rows), "a.csv", "t", kind="areas").status == "done"
    with eng.connect() as conn:
        assert conn.execute(select(Area.kind).where(Area.code == "990101000000")).scalar() == "县"
    bad = [["区划代码", "名称", "层级"], ["990101001", "城关街道", "县(区)"]]
    res = load_file(eng, csv(bad), "b.csv", "t", kind="areas")
    assert res.status == "refused"
    assert "区划代码 990101001000 与层级“县(区)”不符（按代码应为乡镇(街道)）" in res.problems[0].message


def _city(eng) -> None:
    assert load_file(eng, csv(AREAS), "areas.csv", "t", kind="areas").status == "done"


HEAD = ["指标代码", "指标名称", "单位", "所属部分", "主题", "汇总方式", "分子指标代码", "分母指标代码", "报送周期"]


def test_indicator_definitions_are_checked(empty_db):
    eng = open_database(empty_db.url)
    rows = [
        HEAD,
        ["x_rate", "某率", "%", "公共服务", "康复", "两项之比", "x_num", "", "按年"],
        ["x_bad code", "坏代码", "人", "权益保障", "", "求和", "", "", "按年"],
        ["rights_legal_aid", "法律援助", "件", "权益保障", "", "取最大值", "", "", "按月"],
        ["x_topic", "无主题", "人", "公共服务", "", "求和", "", "", "按年"],
    ]
    res = load_file(eng, csv(rows), "ind.csv", "t", kind="indicators")
    msgs = [(p.row, p.column, p.message) for p in res.problems]
    assert res.status == "refused"
    assert (2, "分母指标代码", "两项之比的指标须填分母指标代码") in msgs
    assert (2, "分子指标代码", "指标代码“x_num”不存在（须已在指标库中，或在本文件中排在前面）") in msgs
    assert any(r == 3 and "只能用英文字母、数字和下划线" in m for r, _, m in msgs)
    assert any(r == 4 and "由业务记录计算，不能改汇总方式" in m for r, _, m in msgs)
    assert (5, "主题", "公共服务的指标须填主题：康复、就业、教育、文体或社会保障") in msgs


def test_a_stock_is_each_areas_most_added_up(empty_db):
    eng = open_database(empty_db.url)
    _city(eng)
    rows = [HEAD, ["x_staff", "专职委员在岗", "人", "组织建设", "", "取最大值", "", "", "按月"]]
    assert load_file(eng, csv(rows), "ind.csv", "t", kind="indicators").status == "done"
    values = [["指标", "区划代码", "年度", "月份", "数值"]]
    values += [["x_staff", "990101001", 2025, m, v] for m, v in ((1, 3), (2, 5), (3, 4))]
    values += [["x_staff", "990101101", 2025, m, v] for m, v in ((1, 2), (2, 2))]
    res = load_file(eng, csv(values), "v.csv", "t", kind="indicator_values")
    assert res.status == "done", res.problems
    with eng.connect() as conn:
        k = kpis(conn, Filters(year=2025), ("x_staff",))
    assert float(k["value"].iloc[0]) == 5 + 2  # not 3+5+4+2+2


def test_another_kinds_template_under_a_chosen_kind_is_named_not_misread(empty_db):
    """数据类别 still says 行政区划 from the last file; the clerk uploads the 组织机构 template the
    guide offered. The file is refused with what it is and what to choose, and nothing is written."""
    import io

    import openpyxl

    from data_access.loading import template_bytes
    from data_access.models import OrgUnit

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("org_units")))
    ws = wb.worksheets[0]
    ws.append(["乡镇(街道)残联", "990101101000", "", "甲镇残联"])
    out = io.BytesIO()
    wb.save(out)
    eng = open_database(empty_db.url)
    res = load_file(eng, out.getvalue(), "组织机构导入模板.xlsx", "t", kind="areas")
    assert res.status != "done"
    assert [p.message for p in res.problems] == [
        "所选数据类别为“行政区划”，但这是“组织机构”模板（工作表“组织机构”）："
        "请把“数据类别”改为“组织机构”或“自动判断”，再重新选择文件。"
    ]
    with eng.connect() as conn:
        assert conn.execute(select(OrgUnit.id)).first() is None
