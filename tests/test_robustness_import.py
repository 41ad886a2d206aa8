"""Import robustness (issue 20): implausible dates, a case number re-used by another
county, the cost a workbook may take, control characters, hidden sheets and rows,
decimal commas and formulas without a saved value. Each case is refused (or warned
about) in Chinese naming the place, and a refused file leaves the database as it was."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from data_access.demo import load_demo
from data_access.loading import Limits, load_file
from data_access.models import Activity, LegalAidCase
from tests.conftest import Database
from tests.test_loading_corpus import snapshot

LEGAL_HEAD = "案件编号,区划代码,案件类型,服务方式,受理日期,结案日期,办理状态\n"
ACT_HEAD = ["活动编号", "区划代码", "活动类别", "活动名称", "举办日期", "参与人次"]
TOWN_A, TOWN_B = "990101003000", "990102001000"  # a township of 中江区, one of 东林区


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def db(request, tmp_path_factory):
    d = Database(request.param, tmp_path_factory)
    load_demo(d.engine)
    yield d
    d.drop()


def _csv(rows: list[str], head: str = LEGAL_HEAD) -> bytes:
    return (head + "\n".join(rows) + "\n").encode("utf-8")


def _refused(db, content: bytes, name: str, **kw):
    before = snapshot(db.engine)
    res = load_file(db.engine, content, name, "测试", **kw)
    assert res.status == "refused", res.summary_zh()
    assert snapshot(db.engine) == before
    return res


# ------------------------------------------------------------ 1. plausible dates


@pytest.mark.parametrize("day", ["0001-03-15", "1899-12-31", "2099-01-01"])
def test_a_date_outside_the_plausible_years_is_refused_with_its_row(db, day):
    res = _refused(
        db,
        _csv([f"R1,{TOWN_A},劳动争议,咨询,2026-10-15,,办理中", f"R2,{TOWN_A},劳动争议,咨询,{day},,办理中"]),
        "法律援助.csv",
    )
    p = res.problems[0]
    assert (p.row, p.column) == (3, "受理日期")
    assert "年份不在 2000–" in p.message and day in p.message


def test_the_plausible_range_is_configurable(db, monkeypatch):
    monkeypatch.setenv("CANLIAN_YEAR_MIN", "1995")
    res = load_file(db.engine, _csv([f"R3,{TOWN_A},劳动争议,咨询,1996-03-15,,办理中"]), "a.csv", "测试", dry_run=True)
    assert res.status == "preview", res.problems


# ------------------------------------------------- 2. another county's case number


def test_a_case_number_of_another_county_is_refused_naming_both_rows(db):
    with db.engine.connect() as c:
        case_no, area, county = c.execute(
            select(LegalAidCase.case_no, LegalAidCase.area_code, LegalAidCase.county_code)
            .where(LegalAidCase.county_code == "990101000000")
            .order_by(LegalAidCase.opened_on.desc())  # the newest: its month is not yet approved and locked
        ).first()
    res = _refused(db, _csv([f"{case_no},{TOWN_B},劳动争议,咨询,2026-10-15,,办理中"]), "东林区.csv")
    p = res.problems[0]
    assert (p.row, p.column) == (2, "案件编号")
    assert f"“{case_no}”已是中江区的记录（区划代码 {area}" in p.message
    assert f"本行属于东林区（区划代码 {TOWN_B}）" in p.message
    with db.engine.connect() as c:
        assert c.execute(select(LegalAidCase.county_code).where(LegalAidCase.case_no == case_no)).scalar() == county


def test_the_same_county_may_still_correct_its_own_case(db):
    with db.engine.connect() as c:
        case_no, area = c.execute(
            select(LegalAidCase.case_no, LegalAidCase.area_code)
            .where(LegalAidCase.county_code == "990101000000")
            .order_by(LegalAidCase.opened_on.desc())
        ).first()
    res = load_file(
        db.engine, _csv([f"{case_no},{area},劳动争议,咨询,2026-10-15,,办理中"]), "a.csv", "测试", dry_run=True
    )
    assert res.status == "preview" and res.rows_replaced == 1


# ------------------------------------------------------- 3. bounded workbook cost


def _many_sheets(n: int, rows: int) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    for i in range(n):
        ws = wb.create_sheet(f"S{i}")
        ws.append(ACT_HEAD)
        for r in range(rows):
            ws.append([f"WT{i:03d}{r:05d}", TOWN_A, "文体活动", "x" * 40, "2026-10-18", 3])
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def test_a_workbook_of_too_many_sheets_is_refused_at_once(db):
    content = _many_sheets(60, 2)
    t0 = time.monotonic()
    res = _refused(db, content, "很多表.xlsx")
    assert time.monotonic() - t0 < 60
    assert res.problems[0].message.startswith("工作簿有 60 个工作表，超过 50 个的上限")


def test_a_workbook_over_the_cell_budget_is_refused_in_chinese(db):
    res = _refused(db, _many_sheets(3, 400), "大.xlsx", limits=Limits(max_cells=2000))
    assert res.problems[0].message.startswith("文件的单元格过多（超过 2,000 个")


def test_a_workbook_over_the_time_budget_is_refused_in_chinese(db):
    res = _refused(db, _many_sheets(2, 2000), "慢.xlsx", limits=Limits(max_seconds=0.01))
    assert "秒仍未读完" in res.problems[0].message


def test_the_decompressed_size_is_bounded():
    assert Limits().max_uncompressed <= 200 * 1024 * 1024  # 390 sheets of 1 MB no longer fit


# ------------------------------------------- 4. control characters, hidden content


def _raw_xlsx(cells: list[list[str]]) -> bytes:
    """A minimal workbook with shared strings written as Excel writes them (``_x0000_``
    escapes are decoded by readers from sharedStrings.xml)."""
    strings: list[str] = []
    rows = []
    for r, vals in enumerate(cells, start=1):
        cs = []
        for j, v in enumerate(vals):
            strings.append(v)
            cs.append(f'<c r="{chr(65 + j)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cs)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets>'
        '<sheet name="活动" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {ns}><sheetData>{"".join(rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {ns}>'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>",
    }
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return b.getvalue()


def test_a_nul_in_a_cell_is_refused_with_the_cell_named(db):
    content = _raw_xlsx([ACT_HEAD, ["WT1", TOWN_A, "文体活动", "运动_x0000_会", "2026-10-18", "3"]])
    res = _refused(db, content, "nul.xlsx")
    p = res.problems[0]
    assert p.row == 2
    assert p.message.startswith("工作表“活动”的单元格 D2 含有不可见的控制字符")


def test_a_control_character_in_a_csv_is_refused_with_its_line(db):
    res = _refused(
        db,
        _csv([f"R1,{TOWN_A},劳动争议,咨询,2026-10-15,,办理中", f"R2\x07,{TOWN_A},劳动争议,咨询,2026-10-15,,办理中"]),
        "bel.csv",
    )
    assert res.problems[0].message == "文件第 3 行含有不可见的控制字符，请删除后再导入。"


def _activities_workbook(hidden_sheet: bool, hidden_row: bool) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "活动"
    ws.append(ACT_HEAD)
    for i in range(1, 4):
        ws.append([f"HID{i}", TOWN_A, "文体活动", f"活动{i}", "2026-10-18", 10 * i])
    if hidden_row:
        ws.row_dimensions[3].hidden = True
    if hidden_sheet:
        h = wb.create_sheet("旧数据")
        h.append(ACT_HEAD)
        h.append(["HID9", TOWN_A, "文体活动", "隐藏的活动", "2026-10-18", 99])
        h.sheet_state = "hidden"
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def test_hidden_sheets_and_rows_are_skipped_with_a_warning(db):
    res = load_file(db.engine, _activities_workbook(True, True), "隐藏.xlsx", "测试", dry_run=True)
    assert res.status == "preview", res.problems
    assert res.rows_read == 2  # rows 2 and 4; row 3 hidden, sheet 旧数据 hidden
    assert "工作表“旧数据”是隐藏的，已跳过、未导入；如需导入，请在 Excel 中取消隐藏后重新导入。" in res.warnings
    assert "工作表“活动”有 1 个隐藏行（第 3 行），已跳过、未导入；请核对。" in res.warnings


def test_without_hidden_content_no_warning(db):
    res = load_file(db.engine, _activities_workbook(False, False), "a.xlsx", "测试", dry_run=True)
    assert res.rows_read == 3 and not [w for w in res.warnings if "隐藏" in w]


# ----------------------------------------------- 5. decimal comma, unsaved formula


@pytest.mark.parametrize("value", ["1,5", "12,34", "1,2345"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(db, value):
    content = ",".join(ACT_HEAD) + f'\nWT9,{TOWN_A},文体活动,运动会,2026-10-18,"{value}"\n'
    res = _refused(db, content.encode(), "活动.csv")
    p = res.problems[0]
    assert (p.row, p.column) == (2, "参与人次")
    assert p.message.startswith(f"“{value}”不是整数：逗号只能作千位分隔符")


def test_thousands_separators_still_load(db):
    content = ",".join(ACT_HEAD) + f'\nWT9,{TOWN_A},文体活动,运动会,2026-10-18,"1,500"\n'
    res = load_file(db.engine, content.encode(), "活动.csv", "测试", dry_run=True)
    assert res.status == "preview", res.problems


def test_a_formula_without_a_saved_value_is_refused_with_the_cell(db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "活动"
    ws.append(ACT_HEAD)
    ws.append(["WT8", TOWN_A, "文体活动", "运动会", "2026-10-18", "=10*3"])  # openpyxl saves no value
    b = io.BytesIO()
    wb.save(b)
    res = _refused(db, b.getvalue(), "公式.xlsx")
    assert res.problems[0].message.startswith("工作表“活动”的单元格 F2 是公式，但文件中没有保存计算结果")
    with db.engine.connect() as c:
        assert c.execute(select(Activity.id).where(Activity.activity_no == "WT8")).first() is None


# ------------------------------------------- 1. odd values already in the database


def test_years_outside_the_range_stored_by_sql_are_not_offered(db):
    from data_access.db import bump_data_version
    from data_access.queries import available_years

    odd = [("ODD1", "0001-03-15"), ("ODD2", "1899-12-31")]
    try:
        with db.engine.begin() as c:
            for no, day in odd:
                y, mth = int(day[:4]), int(day[5:7])
                c.execute(
                    Activity.__table__.insert().values(
                        activity_no=no,
                        kind="lecture",
                        title="x",
                        held_on=dt.date(y, mth, int(day[8:])),
                        participants=1,
                        area_code=TOWN_A,
                        county_code="990101000000",
                        township_code=TOWN_A,
                        year=y,
                        month=mth,
                    )
                )
            bump_data_version(c)
        with db.engine.connect() as c:
            years = available_years(c)
        assert years and min(years) >= 2000 and 1 not in years and 1899 not in years
    finally:
        with db.engine.begin() as c:
            c.execute(Activity.__table__.delete().where(Activity.activity_no.in_([n for n, _ in odd])))
            bump_data_version(c)


def test_the_county_check_is_repeated_when_writing(db, monkeypatch):
    """Another county may load the number between the check and the write."""
    from data_access.loading import load as load_mod

    with db.engine.connect() as c:
        case_no = c.execute(select(LegalAidCase.case_no).where(LegalAidCase.county_code == "990101000000")).scalar()
    real = load_mod.check

    def check_that_misses(conn, *a, **kw):  # the state before the other county's load
        res, checked = real(conn, *a, **kw)
        res.problems, res.status = [], "preview"
        return res, checked

    monkeypatch.setattr(load_mod, "check", check_that_misses)
    res = _refused(db, _csv([f"{case_no},{TOWN_B},劳动争议,咨询,2026-10-15,,办理中"]), "东林区.csv")
    assert "已是中江区的记录" in res.problems[0].message
