"""Bad files: each gives its exact Chinese message at the right sheet, row and column, and
leaves every table of the database exactly as it was — also when the database itself
fails halfway through a load."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access.demo import load_demo
from data_access.loading import Limits, load_file
from data_access.loading import validate as validate_mod
from data_access.models import Base, LegalAidCase
from tests.conftest import BACKENDS, Database

BAD_DIR = Path(__file__).resolve().parent / "data" / "bad"


def _corpus():
    spec = importlib.util.spec_from_file_location("make_bad_files", BAD_DIR / "make_bad_files.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_bad_files"] = mod
    spec.loader.exec_module(mod)
    return mod.build()


CASES = _corpus()


def snapshot(engine) -> dict[str, tuple[int, str]]:
    """Every table's rows: how many, and a digest of all of them in key order."""
    out = {}
    with engine.connect() as conn:
        for t in Base.metadata.sorted_tables:
            h = hashlib.sha256()
            n = 0
            for row in conn.execute(select(t).order_by(*t.primary_key.columns)):
                h.update(repr(tuple(row)).encode())
                n += 1
            out[t.name] = (n, h.hexdigest())
    return out


@pytest.fixture(scope="module", params=BACKENDS)
def demo_copy(request, tmp_path_factory):
    """The demo city in a database of this module's own (refused loads must not touch it)."""
    db = Database(request.param, tmp_path_factory)
    load_demo(db.engine)
    db.before = snapshot(db.engine)
    yield db
    db.drop()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_file_is_refused_with_its_message_and_nothing_changes(demo_copy, case):
    limits = Limits(**case.limits) if case.limits else Limits()
    res = load_file(demo_copy.engine, case.content, case.name, "测试", limits=limits)
    assert res.status == "refused"
    assert res.problems, "a refused file must say why"
    p = res.problems[0]
    if case.match == "exact":
        assert p.message == case.message
    else:
        assert p.message.startswith(case.message)
    assert (p.row or "") == case.row
    assert p.column == case.column
    table = res.problems_frame("zh")
    assert list(table.columns) == ["工作表", "行号", "列", "问题"]
    assert snapshot(demo_copy.engine) == demo_copy.before


def test_every_problem_is_reported_at_once(demo_copy):
    content = (
        "案件编号,区划代码,案件类型,服务方式,受理日期,结案日期,办理状态\n"
        "T1,990101003000,劳动争议,咨询,2025-03-15,,办理中\n"
        "T2,990199101000,合同纠纷,咨询,2025-02-30,,办理中\n"
        "T3,990101003000,劳动争议,上门,2025-03-15,,结了\n"
        "T1,990101003000,劳动争议,咨询,2025-03-15,,办理中\n"
    ).encode()
    res = load_file(demo_copy.engine, content, "多处错误.csv", "测试")
    got = [(p.row, p.column, p.message) for p in res.problems]
    assert got == [
        (3, "区划代码", "区划代码 990199101000 不存在（请先导入行政区划）"),
        (3, "案件类型", "“合同纠纷”不是允许的值（可选：劳动争议、交通事故、婚姻家庭、财产权益、其他）"),
        (3, "受理日期", "“2025-02-30”不是有效日期（请写成 2025-03-15）"),
        (4, "服务方式", "“上门”不是允许的值（可选：咨询、代书、诉讼代理）"),
        (4, "办理状态", "“结了”不是允许的值（可选：办理中、已结案）"),
        (5, "案件编号", "与第 2 行重复（案件编号相同）"),
    ]
    assert res.rows_read == 4 and res.rows_refused == 3
    assert snapshot(demo_copy.engine) == demo_copy.before


def test_a_database_error_halfway_leaves_everything_as_it_was(demo_copy, monkeypatch):
    """1,500 new cases pass the checks, but the 1,200th names an area the database does
    not have (the check is fooled here on purpose): the first chunk of 1,000 rows is
    written before the foreign key refuses the second, and all of it is rolled back."""
    ghost = "990101003999"
    real_load = validate_mod.Context.load.__func__

    def fooled(cls, conn, codes):
        ctx = real_load(cls, conn, codes)
        ctx.areas[ghost] = ("township", "990101000000", ghost)
        return ctx

    monkeypatch.setattr(validate_mod.Context, "load", classmethod(fooled))
    rows = ["案件编号,区划代码,案件类型,服务方式,受理日期,结案日期,办理状态"]
    for i in range(1500):
        area = ghost if i == 1199 else "990101003000"
        # November and December 2025 are the demo's periods the city has not approved (locked) yet
        rows.append(f"NEW{i:05d},{area},劳动争议,咨询,2025-11-15,,办理中")
    # and a replacement of an existing case, so updates are in the same transaction
    with demo_copy.engine.connect() as conn:
        old = conn.execute(
            select(LegalAidCase.case_no)
            .where(LegalAidCase.year == 2025, LegalAidCase.month == 12, LegalAidCase.county_code == "990101000000")
            .order_by(LegalAidCase.case_no)
            .limit(1)
        ).scalar()
    rows.append(f"{old},990101003000,其他,代书,2025-12-05,,办理中")
    res = load_file(demo_copy.engine, ("\n".join(rows) + "\n").encode(), "半途出错.csv", "测试")
    assert res.status == "failed"
    assert res.problems[0].message.startswith("写入数据库时出错，已全部撤销，数据库未作任何改动：")
    assert res.batch_id is None
    assert snapshot(demo_copy.engine) == demo_copy.before


def test_date_problems_read_in_the_users_language(demo_copy, monkeypatch):
    """The Data page shows the problem table in the language the user chose: a date that is no
    date, a year out of range, a closing date before the case was accepted, a closed case with no
    closing date — in English for an English reader, in Chinese as stored and downloaded in Chinese."""
    monkeypatch.setenv("CANLIAN_YEAR_MAX", "2030")
    content = (
        "案件编号,区划代码,案件类型,服务方式,受理日期,结案日期,办理状态\n"
        "D1,990101003000,劳动争议,咨询,2025-02-30,,办理中\n"
        "D2,990101003000,劳动争议,咨询,1025-03-15,,办理中\n"
        "D3,990101003000,劳动争议,咨询,2025-03-15,2025-03-01,已结案\n"
        "D4,990101003000,劳动争议,咨询,2025-03-15,,已结案\n"
    ).encode()
    res = load_file(demo_copy.engine, content, "日期.csv", "测试")
    assert res.status == "refused"
    en, zh = res.problems_frame("en"), res.problems_frame("zh")
    assert list(en.columns) == ["Sheet", "Row", "Column", "Problem"]  # the table's headers in English too
    assert list(zip(en["Row"], en["Column"], en["Problem"], strict=True)) == [
        (2, "受理日期", "“2025-02-30” is not a date (write it as 2025-03-15)"),
        (3, "受理日期", "The date 1025-03-15 is not in the years 2000–2030; please check it for a typing error"),
        (4, "结案日期", "The closing date is before the date the case was accepted"),
        (5, "结案日期", "A case whose status is “已结案” needs its closing date"),
    ]
    assert list(zh["问题"]) == [
        "“2025-02-30”不是有效日期（请写成 2025-03-15）",
        "日期“1025-03-15”的年份不在 2000–2030 年之间，请检查是否写错",
        "结案日期早于受理日期",
        "状态为“已结案”的案件须填写结案日期",
    ]
    assert [p.message for p in res.problems] == list(zh["问题"])  # stored in Chinese, as the CLI prints it
    assert snapshot(demo_copy.engine) == demo_copy.before
