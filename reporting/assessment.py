"""The yearly assessment (年度目标考核) as the Excel a federation sends with its notice:
a titled results sheet (rank, county, points per indicator with its full points, total,
reasons for points lost), the per-indicator detail, and the rules it was scored by.
A pure function of the assessment frames (``queries.assessment_*``)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from data_access.loading.definitions import ASSESSMENT_METHODS
from data_access.loading.export import neutralise_frame

HEAD = PatternFill("solid", fgColor="DCE6F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _num(v: float | None) -> float | int | None:
    if v is None or pd.isna(v):
        return None  # not scored (a figure not reported): an empty cell, never 0
    return int(v) if float(v).is_integer() else round(float(v), 2)


def _sheet(ws, title: str, head: list[str], rows: list[list], widths: list[int], note: str = "") -> None:
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    if note:
        ws.append([note])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(head))
        ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[2].height = 48
    ws.append(head)
    hr = ws.max_row
    for cell in ws[hr]:
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in rows:
        ws.append(r)
        for cell in ws[ws.max_row]:
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = ws.cell(row=hr + 1, column=1)


def assessment_xlsx(
    city: str,
    year: int,
    ranking: pd.DataFrame,
    scores: pd.DataFrame,
    rules: pd.DataFrame,
    issued: str = "",
    unranked: pd.DataFrame | None = None,
    missing_rule: str = "",
) -> bytes:
    """The workbook: 考核结果, 逐项得分, 考核细则. ``unranked`` (``assessment_unranked``): the
    counties not ranked for figures not reported, listed after the ranking as 不参加排名 with
    their reasons; ``missing_rule``: the federation's rule for them, stated under the title."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核结果"
    codes = list(rules["code"])
    head = ["名次", "县(区)", *(f"{n}（{_num(w)}分）" for n, w in zip(rules["name_zh"], rules["weight"], strict=True))]
    head += [f"总分（满分{_num(rules['weight'].sum())}分）", "扣分原因"]
    text = neutralise_frame(ranking[["county_name", "reasons"]])
    rows = [
        [
            int(r["rank"]),
            text.loc[i, "county_name"],
            *(_num(r[c]) for c in codes),
            _num(r["total"]),
            text.loc[i, "reasons"],
        ]
        for i, r in ranking.iterrows()
    ]
    if unranked is not None and len(unranked):
        out = neutralise_frame(unranked[["county_name", "reasons"]])
        rows += [
            ["不参加排名", out.loc[i, "county_name"], *([None] * len(codes)), None, out.loc[i, "reasons"]]
            for i in unranked.index
        ]
    note = " ".join(x for x in (f"{city}残疾人联合会 {issued}".strip(), missing_rule) if x)
    _sheet(ws, f"{city}{year}年度县(区)残联目标考核结果", head, rows, [8, 14, *([16] * len(codes)), 16, 70], note)

    detail = neutralise_frame(scores[["county_name", "name_zh", "reason"]])
    _sheet(
        wb.create_sheet("逐项得分"),
        f"{year}年度逐项得分",
        ["县(区)", "指标", "分值", "计分方法", "完成值", "年度目标", "完成率(%)", "得分", "扣分", "扣分原因"],
        [
            [
                detail.loc[i, "county_name"],
                detail.loc[i, "name_zh"],
                _num(r["weight"]),
                ASSESSMENT_METHODS.get(r["method"], r["method"]),
                None if pd.isna(r["value"]) else _num(r["value"]),
                None if pd.isna(r["target"]) else round(float(r["target"]), 1),
                None if pd.isna(r["attainment"]) else round(float(r["attainment"]), 1),
                _num(r["points"]),
                _num(r["lost"]),
                detail.loc[i, "reason"],
            ]
            for i, r in scores.iterrows()
        ],
        [14, 30, 8, 12, 12, 12, 12, 10, 10, 60],
    )
    _sheet(
        wb.create_sheet("考核细则"),
        f"{year}年度考核细则",
        ["指标", "分值", "计分方法", "分档标准", "说明"],
        [
            [
                r["name_zh"],
                _num(r["weight"]),
                ASSESSMENT_METHODS.get(r["method"], r["method"]),
                r["thresholds"] or "",
                r["note"] or "",
            ]
            for r in rules.to_dict("records")
        ],
        [30, 8, 12, 24, 40],
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
