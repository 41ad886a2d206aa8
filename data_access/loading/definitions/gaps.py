"""The ``gaps`` kind: the gap ledger (整改台账) as a file — exported, edited in Excel, loaded back.

What the coverage data decides (which units are gaps, what they lack, when they were found
and built) is exported for the reader and never changed by a load; a row changes its gap's
owner, deadline, state and notes (``data_access.gaps.write_loaded``, under the same rules as
the page: a county's data staff their own county only, only the city confirms 已核实).
"""

from __future__ import annotations

from ... import models as m
from ...gaps import MISSING, STATES
from .base import AREA_NAME, Col, Kind
from .base import area as _area

GAPS = Kind(
    "gaps",
    "整改台账",
    "Gap ledger",
    m.Gap,
    (
        _area(("township", "village"), "990101101000", "未建立组织或无专职人员的乡镇(街道)、村(社区)"),
        AREA_NAME,
        Col(
            "missing",
            "缺口",
            required=False,
            allowed=MISSING,
            meaning="由组织数据决定，导入时不改",
            example="无专职人员",
        ),
        Col("owner_unit", "负责单位", required=False, meaning="通常为县(区)残联", example="示例区残联"),
        Col("owner_person", "责任人", required=False, meaning="负责整改的人", example="张三"),
        Col("deadline", "整改期限", "date", False, "应完成整改的日期", example="2026-12-31"),
        Col(
            "state", "状态", required=False, allowed=STATES, meaning="已核实由市残联填写；不填则不变", example="推进中"
        ),
        Col("notes", "备注", required=False, meaning="进展、困难", example="已选定专职委员人选"),
        Col("opened_on", "发现日期", "date", False, "数据显示缺口的日期，导入时不改", example="2026-01-10"),
        Col("closed_on", "建成日期", "date", False, "数据显示建成的日期，导入时不改", example=""),
    ),
    key=("area_code",),
    description="每个缺口一行：乡镇(街道)未建残联或无专职人员、村(社区)未建残协或无专职委员，由组织数据自动列入和关闭。"
    "导入只改负责单位、责任人、整改期限、状态和备注；县(区)数据管理员只能改本县(区)的事项，已核实由市残联填写。",
    order=("county_code", "area_code"),
)
