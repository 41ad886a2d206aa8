"""The corpus of bad files: one per kind of fault, each with the exact message expected.

``python tests/data/bad/make_bad_files.py`` writes the files beside this script (the
tests build them in a temporary folder with :func:`build`). Codes are the demo city's.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

COUNTY, TOWN, VILLAGE = "990101000000", "990101003000", "990101003001"
LEGAL_HEAD = "案件编号,区划代码,案件类型,服务方式,受理日期,结案日期,办理状态"


@dataclass
class Case:
    """A bad file and the problem it must give: message, and where (sheet, row, column)."""

    name: str
    content: bytes
    message: str
    row: int | str = ""
    column: str = ""
    limits: dict = field(default_factory=dict)
    match: str = "exact"  # or "prefix"


def _legal(*rows: str) -> bytes:
    return ("\n".join([LEGAL_HEAD, *rows]) + "\n").encode("utf-8")


def _ok_case(no: str = "T0001") -> str:
    return f"{no},{TOWN},劳动争议,咨询,2025-03-15,2025-04-20,已结案"


def _xlsx(rows: list[list[object]], sheet: str = "法律援助案件") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _legal_xlsx() -> bytes:
    return _xlsx([LEGAL_HEAD.split(","), _ok_case().split(",")])


def _rezip(content: bytes, change: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(content))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
        for n, data in (add or {}).items():
            z.writestr(n, data)
    return buf.getvalue()


def _encrypted() -> bytes:
    import msoffcrypto.format.ooxml as ooxml  # test-only dependency (msoffcrypto-tool)

    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(_legal_xlsx())).encrypt("123456", out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A workbook whose sheet inflates 1,000-fold: 60 MB of spaces behind the header."""
    base = _legal_xlsx()
    src = zipfile.ZipFile(io.BytesIO(base))
    sheet = src.read("xl/worksheets/sheet1.xml")
    bomb = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (60 * 1024 * 1024), 1)
    return _rezip(base, {"xl/worksheets/sheet1.xml": bomb})


def _xxe() -> bytes:
    """Billion laughs in the shared strings (entities expanding into each other)."""
    base = _xlsx([LEGAL_HEAD.split(","), _ok_case().split(",")])
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>&lol3;</t></si></sst>"
    )
    src = zipfile.ZipFile(io.BytesIO(base))
    sheet = src.read("xl/worksheets/sheet1.xml")
    return _rezip(base, {"xl/worksheets/sheet1.xml": sheet}, {"xl/sharedStrings.xml": laughs})


def build() -> list[Case]:
    big_rows = [_ok_case(f"T{i:04d}") for i in range(400)]
    return [
        Case(
            "missing_column.csv",
            "案件编号,区划代码,案件类型,服务方式,办理状态\nT1,990101003000,劳动争议,咨询,办理中\n".encode(),
            "缺少必填列“受理日期”",
            1,
            "受理日期",
        ),
        Case(
            "empty_required.csv",
            _legal(_ok_case("T1"), f"T2,{TOWN},,咨询,2025-03-15,,办理中"),
            "“案件类型”不能为空",
            3,
            "案件类型",
        ),
        Case(
            "not_a_whole_number.csv",
            "活动编号,区划代码,活动类别,活动名称,举办日期,参与人次\nA1,990101000000,文体活动,运动会,2025-05-18,三百\n".encode(),
            "“三百”不是整数",
            2,
            "参与人次",
        ),
        Case(
            "not_a_number.csv",
            "捐赠编号,区划代码,捐赠方类别,用途,接收日期,捐款(万元)\nJ1,990101003000,企业,助学,2025-09-01,5万\n".encode(),
            "“5万”不是数字",
            2,
            "捐款(万元)",
        ),
        Case(
            "bad_date.csv",
            _legal(f"T1,{TOWN},劳动争议,咨询,2025-13-01,,办理中"),
            "“2025-13-01”不是有效日期（请写成 2025-03-15）",
            2,
            "受理日期",
        ),
        Case(
            "out_of_range.csv",
            "记录编号,区划代码,年度,月份,志愿服务队,合作单位,参与志愿者,服务时长(小时)\nZ1,990101000000,2025,13,一队,共青团,20,100\n".encode(),
            "13 超出范围（应在 1 至 12 之间）",
            2,
            "月份",
        ),
        Case(
            "not_allowed_value.csv",
            _legal(f"T1,{TOWN},合同纠纷,咨询,2025-03-15,,办理中"),
            "“合同纠纷”不是允许的值（可选：劳动争议、交通事故、婚姻家庭、财产权益、其他）",
            2,
            "案件类型",
        ),
        Case(
            "unknown_area_code.csv",
            _legal("T1,990199101000,劳动争议,咨询,2025-03-15,,办理中"),
            "区划代码 990199101000 不存在（请先导入行政区划）",
            2,
            "区划代码",
        ),
        Case(
            "wrong_area_level.csv",
            f"指标,区划代码,年度,月份,数值\n新增残疾人就业,{VILLAGE},2025,3,12\n".encode(),
            f"区划代码 {VILLAGE} 是村(社区)，此处应为县(区)或乡镇(街道)",
            2,
            "区划代码",
        ),
        Case(
            "code_in_scientific_notation.csv",
            _legal("T1,9.90101E+11,劳动争议,咨询,2025-03-15,,办理中"),
            "“9.90101E+11”被 Excel 显示成了科学计数法，区划代码已丢失；请把该列设为“文本”后重新填写",
            2,
            "区划代码",
        ),
        Case(
            "duplicate_in_file.csv",
            _legal(_ok_case("T1"), _ok_case("T2"), _ok_case("T1")),
            "与第 2 行重复（案件编号相同）",
            4,
            "案件编号",
        ),
        Case(
            "closed_before_opened.csv",
            _legal(f"T1,{TOWN},劳动争议,咨询,2025-03-15,2025-03-01,已结案"),
            "结案日期早于受理日期",
            2,
            "结案日期",
        ),
        Case(
            "yearly_indicator_with_month.csv",
            f"指标,区划代码,年度,月份,数值\n调查户家庭人口,{COUNTY},2025,6,500\n".encode(),
            "指标“调查户家庭人口”按年报送，月份应填 0",
            2,
            "月份",
        ),
        Case(
            "org_at_wrong_level.csv",
            f"机构类型,区划代码,成立日期\n乡镇(街道)残联,{COUNTY},2021-05-18\n".encode(),
            f"乡镇(街道)残联应设在乡镇(街道)，区划代码 {COUNTY} 是县(区)",
            2,
            "区划代码",
        ),
        Case(
            "area_code_and_level_disagree.csv",
            "区划代码,名称,层级,类型\n990101003999,新村,乡镇(街道),村\n".encode(),
            "区划代码 990101003999 与层级“乡镇(街道)”不符（按代码应为村(社区)）",
            2,
            "区划代码",
        ),
        Case(
            "text_too_long.csv",
            (
                "活动编号,区划代码,活动类别,活动名称,举办日期,参与人次\nA1,990101000000,文体活动,"
                + "长" * 201
                + ",2025-05-18,30\n"
            ).encode(),
            "“长长长长长长长长长长长长长长长长长长长长…”超过 200 个字",
            2,
            "活动名称",
        ),
        Case(
            "unknown_kind.csv",
            "姓名,电话,地址\n张三,123,某地\n".encode(),
            "无法判断这是哪一类数据：请使用本系统下载的模板，或在导入时选择数据类别。",
        ),
        Case("empty.csv", b"", "文件中没有数据：文件是空的。"),
        Case("header_only.csv", _legal(), "文件中没有数据行。"),
        Case(
            "bad_encoding.csv",
            LEGAL_HEAD.encode("utf-8") + b"\n\x81\x20\x81\x20,\xff\xfe\n",
            "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。",
        ),
        Case("too_large.csv", _legal(*big_rows), "文件过大：28 KB，超过上限 10 KB。", limits={"max_bytes": 10 * 1024}),
        Case(
            "too_many_rows.csv",
            _legal(*big_rows[:11]),
            "文件“too_many_rows.csv”的数据超过 10 行的上限，请分成几个文件导入。",
            limits={"max_rows": 10},
        ),
        Case(
            "too_many_rows.xlsx",
            _xlsx([LEGAL_HEAD.split(",")] + [r.split(",") for r in big_rows[:11]]),
            "工作表“法律援助案件”的数据超过 10 行的上限，请分成几个文件导入。",
            limits={"max_rows": 10},
        ),
        Case(
            "macro_enabled.xlsm",
            _legal_xlsx(),
            "不接受含宏的工作簿（.xlsm 等），请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。",
        ),
        Case(
            "macro_renamed.xlsx",
            _rezip(_legal_xlsx(), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512}),
            "不接受含宏的工作簿（文件中有宏代码 vbaProject.bin），请另存为不含宏的 .xlsx 后再导入。",
        ),
        Case("encrypted.xlsx", _encrypted(), "文件已加密（设置了打开密码），请在 Excel 中取消密码后再导入。"),
        Case("corrupt.xlsx", _legal_xlsx()[:1500], "文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。"),
        Case(
            "not_a_workbook.xlsx",
            b"this is not a workbook",
            "文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。",
        ),
        Case(
            "zip_bomb.xlsx", _zip_bomb(), "文件压缩比异常（xl/worksheets/sheet1.xml 解压后是压缩大小的", match="prefix"
        ),
        Case(
            "zip_bomb_total.xlsx",
            _zip_bomb(),
            "文件解压后过大（60.0 MB，上限 10.0 MB），疑似压缩炸弹，拒绝打开。",
            limits={"max_uncompressed": 10 * 1024 * 1024, "max_ratio": 10**9},
        ),
        Case(
            "xml_entities.xlsx",
            _xxe(),
            "文件中含有不安全的 XML 内容（xl/sharedStrings.xml 中定义了 DTD 或实体），拒绝打开。",
        ),
        Case("unsupported_type.pdf", b"%PDF-1.4\n", "不支持的文件类型：.pdf（请上传 .xlsx 或 .csv 文件）。"),
    ]


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parents[2]))
    for c in build():
        (here / c.name).write_bytes(c.content)
        print(c.name, len(c.content), c.message)
