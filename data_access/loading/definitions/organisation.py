"""The federation's own organisation: its bodies at each level (组织机构) and its posts (编制与人员)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import models as m
from ... import vocab as v
from .base import AREA_NAME, YEAR_RANGE, AtLevel, Col, Kind, NotBefore, area

if TYPE_CHECKING:
    from ..validate import Context

ORG_TYPES = {
    "township_federation": "乡镇(街道)残联",
    "village_association": "村(社区)残协",
    "party_group": "县级残联党组",
    **v.SPECIAL_ASSOCIATIONS,
    "legal_aid_station": "残疾人法律援助工作站",
}
# where each organisation type sits
ORG_LEVELS = {
    "township_federation": ("township",),
    "village_association": ("village",),
    "party_group": ("county",),
    "legal_aid_station": ("city", "county"),
    **{k: ("city", "county") for k in v.SPECIAL_ASSOCIATIONS},
}


def _derive_staffing(r: dict, ctx: Context) -> None:
    r["level"] = ctx.areas[r["area_code"]][0]


ORG_UNITS = Kind(
    "org_units",
    "组织机构",
    "Organisations",
    m.OrgUnit,
    (
        Col(
            "org_type",
            "机构类型",
            allowed=ORG_TYPES,
            meaning="乡镇残联、村(社区)残协、党组、专门协会等",
            example="乡镇(街道)残联",
        ),
        area(("city", "county", "township", "village"), "990101101000", "机构所在区划"),
        AREA_NAME,
        Col("name", "机构名称", required=False, meaning="机构全称", example="示例镇残联"),
        Col("established_on", "成立日期", "date", meaning="机构成立（或专门协会登记）的日期", example="2021-05-18"),
        Col(
            "staffed_on",
            "专职委员到位日期",
            "date",
            False,
            "首次配备专职委员（专职干事）的日期",
            example="2021-08-01",
        ),
        Col("staff_count", "工作人员数", "int", False, "现有工作人员", "人", min=0, max=1000, example=2),
    ),
    key=("org_type", "area_code"),
    description="每个区划每类机构一行；再次导入同一机构类型和区划即更新该行。",
    order=("org_type", "area_code"),
    checks=(
        AtLevel("org_type", ORG_LEVELS, ORG_TYPES),
        NotBefore("staffed_on", "established_on", "data_date_staffed_before_established"),
    ),
)

STAFFING = Kind(
    "staffing",
    "编制与人员",
    "Staffing",
    m.Staffing,
    (
        area(("city", "county"), "990100000000", "市或县(区)"),
        AREA_NAME,
        Col("year", "年度", "int", meaning="新增的年度", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
        Col("post_kind", "编制或人员类别", allowed=v.POST_KINDS, example="市残疾人事业服务中心编制"),
        Col("count", "新增数", "int", meaning="当年新增的编制或人数", unit="个/人", min=0, max=10000, example=5),
    ),
    key=("area_code", "year", "post_kind"),
    description="按年度、区划和类别填写当年新增的编制或人员。",
    order=("year", "area_code", "post_kind"),
    derive=_derive_staffing,
)
