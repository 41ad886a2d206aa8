"""Loads that succeed: the demo exported and loaded into an empty database gives the same
figures; a GBK CSV saved by Excel on Chinese Windows loads; a filled-in template loads on
every backend; a re-load replaces instead of doubling; exports never carry a formula."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pandas as pd
from sqlalchemy import func, select

from data_access import catalog, queries
from data_access.db import data_version
from data_access.filters import Filters
from data_access.loading import (
    KINDS,
    LOAD_ORDER,
    csv_bytes,
    load_file,
    neutralise,
    table_frame,
    template_bytes,
    xlsx_bytes,
)
from data_access.models import LegalAidCase, LoadBatch
from tests.conftest import Database

COUNTY = "990103000000"


def _kpis(engine, year, counties=()):
    with engine.connect() as conn:
        k = queries.kpis(conn, Filters(year=year, counties=counties), catalog.OVERVIEW_CODES)
    return k.set_index("code")["value"].round(6)


def test_round_trip_export_demo_and_load_into_an_empty_database(demo_db, tmp_path_factory):
    """Every kind exported from the demo (areas and volunteer records as Excel, the rest as CSV) loads
    into an empty database of the same backend and the Overview's figures come out the same."""
    empty_db = Database(demo_db.kind, tmp_path_factory)
    try:
        _round_trip(demo_db, empty_db)
    finally:
        empty_db.drop()


def _round_trip(demo_db, empty_db):
    loaded = []
    for name in LOAD_ORDER:
        with demo_db.engine.connect() as conn:
            df = table_frame(conn, name)
        if df.empty:  # the demo has no code changes: an empty file is refused, as it should be
            continue
        if name in ("areas", "volunteers"):
            content, file_name = xlsx_bytes({KINDS[name].zh: df}), f"{name}.xlsx"
        else:
            content, file_name = csv_bytes(df), f"{name}.csv"
        res = load_file(empty_db.engine, content, file_name, "往返测试")
        assert res.status == "done", (name, res.problems[:5])
        # every database starts with the shipped dictionary: its entries come back as replacements
        want = (0, len(df)) if name == "indicators" else (len(df), 0)
        assert (res.rows_added, res.rows_replaced) == want, name
        loaded.append(name)
    for year in (2024, 2025):
        pd.testing.assert_series_equal(_kpis(empty_db.engine, year), _kpis(demo_db.engine, year))
        pd.testing.assert_series_equal(_kpis(empty_db.engine, year, (COUNTY,)), _kpis(demo_db.engine, year, (COUNTY,)))
    with empty_db.engine.connect() as conn:
        for name in ("legal_aid", "volunteers"):
            pd.testing.assert_frame_equal(table_frame(conn, name), table_frames_demo(demo_db, name))
        assert data_version(conn) == str(len(loaded))
        batches = conn.execute(select(LoadBatch.kind, LoadBatch.loaded_by, LoadBatch.rows_added)).all()
    assert [b.kind for b in batches] == loaded
    assert {b.loaded_by for b in batches} == {"往返测试"}


def table_frames_demo(demo_db, name):
    with demo_db.engine.connect() as conn:
        return table_frame(conn, name)


def _areas_rows():
    return [
        ["990100000000", "测试市", "市", "市"],
        ["990101000000", "测试区", "县(区)", "区"],
        ["990101001000", "一号街道", "乡镇(街道)", "街道"],
        ["990101001001", "一号社区", "村(社区)", "社区"],
    ]


def _fill(kind: str, rows: list[list[object]]) -> bytes:
    """The downloaded template, filled in as a user would (dates as dates, codes as text)."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))
    ws = wb[KINDS[kind].zh]
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r, start=1):
            ws.cell(row=i, column=j, value=v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_filled_in_templates_load_on_every_backend(empty_db):
    e = empty_db.engine
    res = load_file(e, _fill("areas", _areas_rows()), "区划模板.xlsx", "张三")
    assert res.status == "done", res.problems
    assert res.rows_added == 4
    cases = [
        ["FY1", "990101001000", None, "劳动争议", "咨询", dt.datetime(2025, 3, 15), dt.datetime(2025, 4, 2), "已结案"],
        ["FY2", "990101001001", "一号社区", "交通事故", "诉讼代理", dt.datetime(2025, 11, 3), None, "办理中"],
    ]
    res = load_file(e, _fill("legal_aid", cases), "案件模板.xlsx", "张三")
    assert res.status == "done", res.problems
    values = [
        ["新增残疾人就业", "990101000000", None, 2025, 3, 12],
        ["emp_new", "990101001000", None, 2025, 4, 8],
        ["调查户家庭人口", "990101000000", None, 2025, 0, 300],
    ]
    res = load_file(e, _fill("indicator_values", values), "指标模板.xlsx", "张三")
    assert res.status == "done", res.problems
    with e.connect() as conn:
        rows = conn.execute(
            select(
                LegalAidCase.case_no,
                LegalAidCase.county_code,
                LegalAidCase.township_code,
                LegalAidCase.year,
                LegalAidCase.month,
            ).order_by(LegalAidCase.case_no)
        ).all()
        s = queries.indicator_series(conn, Filters(year=2025), ["emp_new", "rights_legal_aid"], by=("year",))
    assert [tuple(r) for r in rows] == [
        ("FY1", "990101000000", "990101001000", 2025, 3),
        ("FY2", "990101000000", "990101001000", 2025, 11),  # a community counts to its township
    ]
    assert dict(zip(s["code"], s["value"], strict=True)) == {"emp_new": 20.0, "rights_legal_aid": 2.0}


def test_gbk_csv_saved_by_excel_on_chinese_windows_loads(demo_db, empty_db):
    """Excel's “CSV (逗号分隔)” on Chinese Windows: GBK, no BOM, CRLF, dates as 2025/3/15,
    empty trailing cells, big numbers with thousands separators in quotes."""
    load_file(empty_db.engine, _fill("areas", _areas_rows()), "区划.xlsx", "李四")
    text = (
        "捐赠编号,区划代码,区划名称,捐赠方类别,用途,接收日期,捐款(万元),捐物折价(万元)\r\n"
        'JZ1,990101001000,一号街道,企业,贫困残疾人家庭救助,2025/3/15,"1,200.5",\r\n'
        "JZ2,990101000000,测试区,个人,助学,2025/12/1,0.8,0.2\r\n"
    )
    content = text.encode("gbk")
    assert content.decode("gbk") == text and b"\xef\xbb\xbf" not in content
    res = load_file(empty_db.engine, content, "捐赠.csv", "李四")
    assert res.status == "done", res.problems
    assert res.encoding == "GBK/GB18030"
    with empty_db.engine.connect() as conn:
        df = table_frame(conn, "donations")
    assert df.to_dict("records") == [
        {
            "捐赠编号": "JZ1",
            "区划代码": "990101001000",
            "区划名称": "一号街道",
            "捐赠方类别": "企业",
            "用途": "贫困残疾人家庭救助",
            "接收日期": dt.date(2025, 3, 15),
            "捐款(万元)": 1200.5,
            "捐物折价(万元)": 0.0,
        },
        {
            "捐赠编号": "JZ2",
            "区划代码": "990101000000",
            "区划名称": "测试区",
            "捐赠方类别": "个人",
            "用途": "助学",
            "接收日期": dt.date(2025, 12, 1),
            "捐款(万元)": 0.8,
            "捐物折价(万元)": 0.2,
        },
    ]


def test_reload_replaces_instead_of_doubling_and_the_preview_says_so(empty_db):
    e = empty_db.engine
    load_file(e, _fill("areas", _areas_rows()), "区划.xlsx", "王五")
    first = (
        "指标,区划代码,年度,月份,数值\n新增残疾人就业,990101000000,2025,3,12\n新增残疾人就业,990101000000,2025,4,5\n"
    )
    assert load_file(e, first.encode(), "三四月.csv", "王五").status == "done"
    again = "指标,区划代码,年度,月份,数值\n新增残疾人就业,990101000000,2025,4,7\n新增残疾人就业,990101000000,2025,5,1\n"
    preview = load_file(e, again.encode(), "四五月.csv", "王五", dry_run=True)
    assert (preview.status, preview.rows_added, preview.rows_replaced) == ("preview", 1, 1)
    assert "将新增 1 行，替换已有的 1 行" in preview.summary_zh()
    res = load_file(e, again.encode(), "四五月.csv", "王五")
    assert (res.rows_added, res.rows_replaced) == (1, 1)
    with e.connect() as conn:
        s = queries.indicator_series(conn, Filters(year=2025), ["emp_new"], by=("month",))
        last = conn.execute(
            select(LoadBatch.rows_added, LoadBatch.rows_replaced, LoadBatch.file_name, LoadBatch.loaded_by).order_by(
                LoadBatch.id.desc()
            )
        ).first()
    assert dict(zip(s["month"], s["value"], strict=True)) == {3: 12.0, 4: 7.0, 5: 1.0}
    assert (last.rows_added, last.rows_replaced, last.file_name, last.loaded_by) == (1, 1, "四五月.csv", "王五")


def test_exports_neutralise_formulas_and_loading_takes_the_guard_off(empty_db):
    e = empty_db.engine
    load_file(e, _fill("areas", _areas_rows()), "区划.xlsx", "赵六")
    evil = ['=HYPERLINK("http://x","点我")', "+1+1", "-2", "@SUM(A1)", "普通名称"]
    # a leading tab or carriage return is trimmed on load, so those are checked on their own
    assert [neutralise(v) for v in ("\t=1", "\r=1", "a=1", 5)] == ["'\t=1", "'\r=1", "a=1", 5]
    rows = ["活动编号,区划代码,活动类别,活动名称,举办日期,参与人次"]
    rows += [
        f'A{i},990101000000,文体活动,"{t.replace(chr(34), chr(34) * 2)}",2025-05-18,10' for i, t in enumerate(evil)
    ]
    assert load_file(e, ("\n".join(rows) + "\n").encode(), "活动.csv", "赵六").status == "done"
    with e.connect() as conn:
        df = table_frame(conn, "activities")
    text = csv_bytes(df).decode("utf-8-sig")
    assert csv_bytes(df).startswith(b"\xef\xbb\xbf")
    for t in evil[:-1]:
        assert ("'" + t).replace('"', '""') in text
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"活动": df})))
    cells = [c.value for c in wb["活动"]["D"][1:]]
    assert all(isinstance(v, str) and not v.startswith(("=", "+", "-", "@", "\t")) for v in cells)
    assert all(c.data_type == "s" for c in wb["活动"]["D"][1:])
    # the export loads back with the titles as they were
    res = load_file(e, csv_bytes(df), "活动导出.csv", "赵六")
    assert (res.status, res.rows_replaced) == ("done", len(evil))
    with e.connect() as conn:
        assert sorted(table_frame(conn, "activities")["活动名称"]) == sorted(t.strip() for t in evil)


def test_templates_have_chinese_headers_instructions_and_lists():
    for name, kind in KINDS.items():
        wb = openpyxl.load_workbook(io.BytesIO(template_bytes(name)))
        assert wb.sheetnames == [kind.zh, "填写说明", "选项"]
        ws = wb[kind.zh]
        assert [c.value for c in ws[1]] == [c.zh for c in kind.columns]
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        # a list per column with allowed values, per indicator column and per yes/no column
        assert len(lists) == sum(1 for c in kind.columns if c.allowed or c.type in ("indicator", "bool"))
        info = [r[0] for r in wb["填写说明"].iter_rows(values_only=True)]
        assert all(c.zh in info for c in kind.columns)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("legal_aid")))
    opts = [r[3] for r in wb["选项"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert opts == list(catalog.LEGAL_AID_TYPES)


def test_command_line_template_import_export(tmp_path, empty_db):
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "data_access", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[1]), "PATH": "/usr/bin:/bin"},
        )

    r = run("template", "areas", "--out", "areas.xlsx")
    assert r.returncode == 0 and (tmp_path / "areas.xlsx").is_file()
    (tmp_path / "areas.xlsx").write_bytes(_fill("areas", _areas_rows()))
    r = run("import", "areas.xlsx", "--db", empty_db.url, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "将新增 4 行" in r.stdout
    with empty_db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(LoadBatch)).scalar() == 0
    r = run("import", "areas.xlsx", "--db", empty_db.url, "--user", "命令行测试")
    assert r.returncode == 0 and "新增 4 行" in r.stdout
    (tmp_path / "bad.csv").write_text(
        "案件编号,区划代码,案件类型,服务方式,受理日期,办理状态\nX,990101001000,劳动争议,咨询,2025-02-30,办理中\n"
    )
    r = run("import", "bad.csv", "--db", empty_db.url, "--errors", "problems.csv")
    assert r.returncode == 1
    assert "“2025-02-30”不是有效日期" in r.stderr
    problems = pd.read_csv(tmp_path / "problems.csv", encoding="utf-8-sig")
    assert problems.to_dict("records") == [
        {"工作表": "bad.csv", "行号": 2, "列": "受理日期", "问题": "“2025-02-30”不是有效日期（请写成 2025-03-15）"}
    ]
    r = run("export", "areas", "--db", empty_db.url, "--county", "990101000000", "--out", "areas.csv")
    assert r.returncode == 0
    out = pd.read_csv(tmp_path / "areas.csv", encoding="utf-8-sig", dtype=str)
    assert list(out["区划代码"]) == ["990101000000", "990101001000", "990101001001"]
