"""The division list and its code changes (行政区划, 区划代码变更): the kinds everything else points at."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ... import models as m
from ... import vocab as v
from .base import LEVELS, YEAR_RANGE, Col, Kind, choices
from .codes import code_level, code_parent, infer_kind

if TYPE_CHECKING:
    from ..validate import Context

AREA_KINDS = v.AREA_KINDS


def _infer_area(r: dict, ctx: Context) -> None:
    """Level, kind and whether a unit counts in coverage, from the code and the name where the file is silent."""
    code = r["code"]
    r["level"] = r.get("level") or code_level(code)
    r["kind"] = r.get("kind") or infer_kind(code, r.get("name") or "")
    if r.get("counts_in_coverage") is None:
        r["counts_in_coverage"] = 0 if r["kind"] == v.TOWNSHIP_LIKE else 1


def _area_in_hierarchy(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """Level agrees with the code; the parent is the code's own and is known (in the database or earlier in the file)."""
    code, level = r["code"], r["level"]
    if code_level(code) != level:
        yield "code", f"区划代码 {code} 与层级“{LEVELS[level]}”不符（按代码应为{LEVELS[code_level(code)]}）"
        return
    parent = code_parent(code)
    if r.get("parent_code") and r["parent_code"] != parent:
        yield "parent_code", f"上级区划代码应为 {parent}"
    elif parent and parent not in ctx.areas and parent not in ctx.file_areas:
        yield "parent_code", f"上级区划 {parent} 不存在（须已在库中，或在本文件中排在前面）"
    else:
        ctx.file_areas[code] = level


def _derive_area(r: dict, ctx: Context) -> None:
    code, level = r["code"], r["level"]
    r["parent_code"] = r.get("parent_code") or code_parent(code)
    r["county_code"] = code[:6] + "0" * 6 if level in ("county", "township", "village") else None
    r["township_code"] = code[:9] + "000" if level in ("township", "village") else None


def _code_change_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """Old and new code name the same level of unit, and differ."""
    if r["old_code"] == r["new_code"]:
        yield "new_code", "新代码与原代码相同"
    elif code_level(r["old_code"]) != code_level(r["new_code"]):
        yield "old_code", f"原代码 {r['old_code']} 与新代码 {r['new_code']} 不是同一层级"


AREAS = Kind(
    "areas",
    "行政区划",
    "Areas",
    m.Area,
    (
        Col(
            "code",
            "区划代码",
            "code",
            meaning="统计用区划代码：12 位，或省略末尾 0 的 4 位（市）、6 位（县）、9 位（乡级）",
            example="990101101000",
            known=False,
            aliases=("统计用区划代码", "adcode"),
        ),
        Col("name", "名称", meaning="区划名称", example="示例镇", aliases=("区划名称",)),
        Col(
            "level",
            "层级",
            required=False,
            allowed=LEVELS,
            meaning="市、县(区)、乡镇(街道)、村(社区)；不填则按代码推算",
            example="乡镇(街道)",
        ),
        Col(
            "kind",
            "类型",
            required=False,
            allowed=choices(AREA_KINDS),
            meaning="市、区、县、旗、乡、镇、街道、类似乡级单位、村、社区；不填则按代码（乡级第 7–9 位：001–099 街道、"
            "100–199 镇、200–399 乡、400–599 类似乡级单位）和名称推算",
            example="镇",
        ),
        Col(
            "parent_code",
            "上级区划代码",
            "code",
            required=False,
            meaning="上级区划的代码；不填则按代码推算",
            example="990101000000",
            known=False,
        ),
        Col("population", "户籍人口", "int", False, "户籍人口数", "人", min=0, max=50_000_000, example=35000),
        Col(
            "disabled_registered",
            "持证残疾人数",
            "int",
            False,
            "持有残疾人证的人数",
            "人",
            min=0,
            max=5_000_000,
            example=1050,
        ),
        Col("lon", "经度", "float", False, "中心点经度", "度", min=-180, max=180, example=112.35),
        Col("lat", "纬度", "float", False, "中心点纬度", "度", min=-90, max=90, example=29.71),
        Col(
            "counts_in_coverage",
            "计入乡镇覆盖率",
            "bool",
            False,
            "是否计入“乡乡有机构”的乡镇(街道)总数；不填时类似乡级单位（开发区、农场、监狱等）不计入，其余计入",
            example="是",
        ),
    ),
    key=("code",),
    area_col=None,
    description="市、县(区)、乡镇(街道)、村(社区)的名单：至少填区划代码和名称，层级、类型、上级按代码推算。"
    "可直接导入国家统计局统计用区划代码的常见 CSV（code,name,areaCode,…）；全国名单只导入本市的行。"
    "上级区划须已在库中或在同一文件中。",
    order=("code",),
    infer=_infer_area,
    checks=(_area_in_hierarchy,),
    derive=_derive_area,
    ignore_headers=("areaCode", "cityCode", "provinceCode", "streetCode", "城乡分类代码"),
    city_scoped=True,
)

CODE_CHANGES = Kind(
    "code_changes",
    "区划代码变更",
    "Division code changes",
    m.AreaCodeChange,
    (
        Col(
            "old_code",
            "原区划代码",
            "code",
            meaning="变更前的代码（往年文件、边界文件中的代码）",
            example="140825200000",
            known=False,
        ),
        Col("old_name", "原名称", required=False, meaning="变更前的名称", example="横桥乡"),
        Col(
            "new_code",
            "新区划代码",
            "code",
            meaning="变更后的代码（须已在行政区划中）",
            levels=("county", "township", "village"),
            example="140825108000",
        ),
        Col("new_name", "新名称", required=False, meaning="变更后的名称", example="横桥镇"),
        Col(
            "from_year",
            "变更年度",
            "int",
            meaning="新代码开始使用的年度",
            min=YEAR_RANGE[0],
            max=YEAR_RANGE[1],
            example=2021,
        ),
        Col("note", "说明", required=False, meaning="如撤乡设镇、合并", example="撤乡设镇"),
    ),
    key=("old_code",),
    area_col=None,
    description="区划调整（撤乡设镇、合并、改名）后，原代码与新代码的对照。往年数据和边界文件中的原代码按此计入新区划。",
    order=("old_code",),
    checks=(_code_change_fits,),
)
