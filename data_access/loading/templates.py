"""Excel templates, generated from the definitions that validate a load.

Each template has the data sheet (named as the kind, Chinese headers, code columns
formatted as text so Excel keeps all 12 digits, dates as dates, drop-down lists and
number checks), an instructions sheet (每列的含义、单位、是否必填、允许的值、示例) and
a hidden options sheet the drop-down lists point at.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import catalog
from .definitions import KINDS, Kind

ROWS = 5000  # rows the drop-downs and checks cover
TYPE_ZH = {
    "str": "文本",
    "int": "整数",
    "float": "数字",
    "date": "日期",
    "code": "区划代码（文本）",
    "indicator": "指标名称或代码",
    "bool": "是或否",
}
HEAD_FILL = PatternFill("solid", fgColor="DCE6F2")
REQ_FILL = PatternFill("solid", fgColor="FBE3C8")


def options(kind: Kind, c) -> list[str]:
    if c.type == "indicator":
        return [d.name_zh for d in catalog.INDICATORS if d.source == "values"]
    if c.type == "bool":
        return ["是", "否"]
    return list(c.allowed.values()) if c.allowed else []


def template_bytes(kind_name: str) -> bytes:
    kind = KINDS[kind_name]
    wb = Workbook()
    ws = wb.active
    ws.title = kind.zh
    info = wb.create_sheet("填写说明")
    opts = wb.create_sheet("选项")

    for j, c in enumerate(kind.columns, start=1):
        cell = ws.cell(row=1, column=j, value=c.zh)
        cell.font = Font(bold=True)
        cell.fill = REQ_FILL if c.required else HEAD_FILL
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(12, len(c.zh) * 2 + 4)
        rng = f"{letter}2:{letter}{ROWS + 1}"
        if c.type in ("code", "str"):
            for r in range(2, 202):  # text format for the first rows; Excel copies it down as one types
                ws.cell(row=r, column=j).number_format = "@"
        elif c.type == "date":
            for r in range(2, 202):
                ws.cell(row=r, column=j).number_format = "yyyy-mm-dd"
            dv = DataValidation(type="date", operator="greaterThan", formula1="32874")  # after 1990-01-01
            dv.error, dv.errorTitle, dv.showErrorMessage = "请填写日期，如 2025-03-15", "日期有误", True
            dv.add(rng)
            ws.add_data_validation(dv)
        elif c.type in ("int", "float") and (c.min is not None and c.max is not None):
            dv = DataValidation(
                type="whole" if c.type == "int" else "decimal",
                operator="between",
                formula1=str(c.min),
                formula2=str(c.max),
            )
            dv.error = f"请填写 {c.allowed_text()} 之间的{'整数' if c.type == 'int' else '数字'}"
            dv.errorTitle, dv.showErrorMessage = "数值有误", True
            dv.add(rng)
            ws.add_data_validation(dv)
        values = options(kind, c)
        if values:
            opts.cell(row=1, column=j, value=c.zh).font = Font(bold=True)
            for i, v in enumerate(values, start=2):
                opts.cell(row=i, column=j, value=v)
            dv = DataValidation(
                type="list", formula1=f"'选项'!${letter}$2:${letter}${len(values) + 1}", allow_blank=not c.required
            )
            dv.error, dv.errorTitle, dv.showErrorMessage = "请从下拉列表中选择", "不是允许的值", True
            dv.add(rng)
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    opts.sheet_state = "hidden"

    info.append([f"{kind.zh}导入模板 · 填写说明"])
    info["A1"].font = Font(bold=True, size=14)
    info.append([kind.description])
    info.append(
        [
            "橙色表头为必填列；县(区)、乡镇、年度、月份等由区划代码和日期自动计算，不必填写。"
            f"再次导入时，{'、'.join(kind.col(k).zh for k in kind.key)}相同的行将替换原有数据，不会重复计算。"
        ]
    )
    info.append(["文件中有任何一处错误，整份文件都不会导入；系统会列出全部问题（工作表、行号、列、原因）。"])
    info.append([])
    head = ["列名", "英文列名", "含义", "类型", "单位", "是否必填", "允许的值或范围", "示例"]
    info.append(head)
    for cell in info[info.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
    for c in kind.columns:
        allowed = c.allowed_text()
        if c.type == "indicator":
            allowed = "见“选项”工作表（可填指标名称或代码）"
        info.append(
            [
                c.zh,
                c.name,
                c.meaning,
                TYPE_ZH[c.type],
                c.unit,
                "必填" if c.required else ("仅供核对，不导入" if not c.stored else "选填"),
                allowed,
                "" if c.example is None else str(c.example),
            ]
        )
    info.append([])
    info.append(["示例行（可复制到数据表）："])
    info.append([c.zh for c in kind.columns])
    info.append([c.example for c in kind.columns])
    for j, w in enumerate((18, 18, 40, 16, 10, 16, 44, 26), start=1):
        info.column_dimensions[get_column_letter(j)].width = w
    if any(c.type == "indicator" for c in kind.columns):
        info.append([])
        info.append(["可报送的指标：", "指标代码", "单位", "报送周期"])
        for d in catalog.INDICATORS:
            if d.source == "values":
                info.append([d.name_zh, d.code, d.unit_zh, "按年（月份填 0）" if d.period == "year" else "按月"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
