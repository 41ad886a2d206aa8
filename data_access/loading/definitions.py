"""What a federation loads, declared once: each kind's columns (Chinese and English
names, type, unit, required, allowed values, range), its natural key and how the
derived columns are computed. Templates, validation, loading and export are all
generated from these definitions — there is no second list of columns anywhere.

Derived columns (``county_code``, ``township_code``, ``year``, ``month``, an area's
``level`` for staffing) are computed from the division code and the date; the user is
never asked for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import catalog as _catalog
from .. import models as m
from .. import vocab as v
from ..config import year_range
from ..plan import parse_thresholds, plan_period

if TYPE_CHECKING:
    from .validate import Context

LEVELS = v.LEVELS
AREA_KINDS = v.AREA_KINDS
ACTIVITY_KINDS = v.ACTIVITY_KINDS
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

YEAR_RANGE = year_range()  # configurable: CANLIAN_YEAR_MIN / CANLIAN_YEAR_MAX


@dataclass(frozen=True)
class Col:
    """One column of a load file.

    ``type``: ``str``, ``int``, ``float``, ``date``, ``code`` (a 12-digit division code
    that must exist in ``areas`` at one of ``levels``; with ``known=False``, as in the
    areas kind itself, only its form is checked) or ``indicator`` (a reportable
    indicator, by code or Chinese name). ``allowed`` maps the stored value to the label shown to users;
    either is accepted on load, the label is written in templates and exports.
    ``stored=False``: shown in templates and exports for the reader (an area's name),
    ignored on load.
    """

    name: str
    zh: str
    type: str = "str"
    required: bool = True
    meaning: str = ""
    unit: str = ""
    allowed: dict[str, str] | None = None
    min: float | None = None
    max: float | None = None
    levels: tuple[str, ...] = ()
    example: object = None
    stored: bool = True
    known: bool = True
    aliases: tuple[str, ...] = ()  # other headers for the column, as published files spell them

    def allowed_text(self) -> str:
        if self.allowed:
            return "、".join(self.allowed.values())
        if self.min is not None or self.max is not None:
            lo = "" if self.min is None else _num(self.min)
            hi = "" if self.max is None else _num(self.max)
            return f"{lo} ~ {hi}"
        if self.type == "code" and self.levels:
            return "12 位区划代码，层级：" + "、".join(LEVELS[x] for x in self.levels)
        if self.type == "date":
            return "日期，如 2025-03-15"
        return ""


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# A rule across the columns of one checked row: yields (column, Chinese message) per problem.
Rule = Callable[[dict, "Context"], Iterable[tuple[str, str]]]
# Computes a kind's own derived columns in place (after the generic county/township/year/month).
Derive = Callable[[dict, "Context"], None]


@dataclass(frozen=True)
class Kind:
    """A kind of record a federation loads, and the table it goes to.

    ``checks`` are the kind's own rules across columns (run on rows whose cells all
    converted); ``derive`` fills the columns the kind computes for the user. Both are
    declared here with the columns, so a kind's whole contract is in one place.
    """

    name: str
    zh: str
    en: str
    model: type
    columns: tuple[Col, ...]
    key: tuple[str, ...]  # natural key: a re-load of the same key replaces the row
    date_col: tuple[str, ...] = ()  # first non-empty gives year and month
    area_col: str | None = "area_code"
    description: str = ""
    order: tuple[str, ...] = field(default=())  # export sort order
    checks: tuple[Rule, ...] = ()
    derive: Derive | None = None
    infer: Derive | None = None  # fills what the file may leave out, before the checks
    ignore_headers: tuple[str, ...] = ()  # columns of published files that are read past silently
    city_scoped: bool = False  # rows of other cities are skipped (a national list loads one city)

    @property
    def table(self):
        return self.model.__table__

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)

    def stored_columns(self) -> tuple[Col, ...]:
        return tuple(c for c in self.columns if c.stored)

    def max_len(self, name: str) -> int | None:
        col = self.table.columns.get(name)
        return getattr(col.type, "length", None) if col is not None else None


def _choices(values) -> dict[str, str]:
    return {v: v for v in values}


AREA_NAME = Col(
    "area_name", "区划名称", required=False, meaning="区划的名称，仅供核对，导入时以区划代码为准", stored=False
)


def _area(levels: tuple[str, ...], example: str, meaning: str = "记录所属的区划") -> Col:
    return Col("area_code", "区划代码", "code", meaning=meaning, levels=levels, example=example)


# ------------------------------------------------------------------ rules


def _or(levels: Iterable[str]) -> str:
    return "或".join(LEVELS[x] for x in levels)


@dataclass(frozen=True)
class NotBefore:
    """A date that may not be earlier than another of the same row (closing after opening)."""

    later: str
    earlier: str
    message: str

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
        if r.get(self.later) and r.get(self.earlier) and r[self.later] < r[self.earlier]:
            yield self.later, self.message


@dataclass(frozen=True)
class RequiredWhen:
    """A column that must be filled when another has one of ``values`` (a closed case has a closing date)."""

    column: str
    when: str
    values: tuple[str, ...]
    message: str

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
        if r.get(self.when) in self.values and not r.get(self.column):
            yield self.column, self.message.format(value=r[self.when])


@dataclass(frozen=True)
class AtLevel:
    """The area a row points at sits at a level allowed for the row's type (``levels`` by type)."""

    type_col: str
    levels: dict[str, tuple[str, ...]]
    labels: dict[str, str]

    def __call__(self, r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
        level = ctx.areas[r["area_code"]][0]
        want = self.levels[r[self.type_col]]
        if level not in want:
            label = self.labels[r[self.type_col]]
            yield "area_code", f"{label}应设在{_or(want)}，区划代码 {r['area_code']} 是{LEVELS[level]}"


def _period_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """A yearly indicator is reported as month 0, a monthly one as months 1–12."""
    name, period = ctx.indicators[r["indicator_code"]]
    if period == "year" and r["month"] != 0:
        yield "month", f"指标“{name}”按年报送，月份应填 0"
    elif period == "month" and r["month"] == 0:
        yield "month", f"指标“{name}”按月报送，月份应为 1–12"


def code_level(code: str) -> str:
    if code[4:] == "0" * 8:
        return "city"
    if code[6:] == "0" * 6:
        return "county"
    if code[9:] == "000":
        return "township"
    return "village"


def code_parent(code: str) -> str | None:
    return {
        "city": None,
        "county": code[:4] + "0" * 8,
        "township": code[:6] + "0" * 6,
        "village": code[:9] + "000",
    }[code_level(code)]


def township_kind(code: str, name: str = "") -> str:
    """统计用区划代码: 乡级 digits 001–099 街道, 100–199 镇, 200–399 乡, 400–599 类似乡级单位."""
    d = int(code[6:9])
    if 1 <= d <= 99:
        return v.STREET
    if 100 <= d <= 199:
        return v.TOWN
    if 200 <= d <= 399:
        return v.XIANG
    if 400 <= d <= 599:
        return v.TOWNSHIP_LIKE
    return next((k for k in v.TOWNSHIP_SUFFIXES if name.endswith(k)), v.TOWNSHIP_LIKE)


def village_kind(code: str, name: str = "") -> str:
    """Village digits 001–199 居民委员会 (社区), 200–399 村民委员会 (村); else the name says."""
    if name.endswith(("社区", "居委会", "居民委员会")):
        return v.COMMUNITY
    if name.endswith(("村", "村委会", "村民委员会")):
        return v.VILLAGE
    return v.COMMUNITY if int(code[9:]) < 200 else v.VILLAGE


def county_kind(name: str) -> str:
    for suffix, kind in (("区", v.DISTRICT), ("旗", v.BANNER), ("市", v.CITY), ("县", v.COUNTY)):
        if name.endswith(suffix):
            return kind
    return v.COUNTY


def infer_kind(code: str, name: str) -> str:
    level = code_level(code)
    if level == "city":
        return v.CITY
    if level == "county":
        return county_kind(name)
    if level == "township":
        return township_kind(code, name)
    return village_kind(code, name)


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


def _derive_staffing(r: dict, ctx: Context) -> None:
    r["level"] = ctx.areas[r["area_code"]][0]


KINDS: dict[str, Kind] = {}


def _add(k: Kind) -> None:
    KINDS[k.name] = k


_add(
    Kind(
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
                allowed=_choices(AREA_KINDS),
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
)

SECTIONS = {"org": "组织建设", "service": "公共服务", "rights": "权益保障", "social": "社会力量"}
TOPICS = {
    "org": "组织建设",
    "rehab": "康复",
    "employment": "就业",
    "education": "教育",
    "culture": "文体",
    "security": "社会保障",
    "rights": "权益保障",
    "social": "社会力量",
}
SERVICE_TOPICS = ("rehab", "employment", "education", "culture", "security")
AGGREGATIONS = {"sum": "求和", "ratio": "两项之比", "growth": "同比增长", "max": "取最大值"}
PERIODS = {"month": "按月", "year": "按年"}
YES_NO = {"1": "是", "0": "否"}


def _code_change_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """Old and new code name the same level of unit, and differ."""
    if r["old_code"] == r["new_code"]:
        yield "new_code", "新代码与原代码相同"
    elif code_level(r["old_code"]) != code_level(r["new_code"]):
        yield "old_code", f"原代码 {r['old_code']} 与新代码 {r['new_code']} 不是同一层级"


def _indicator_fits(r: dict, ctx: Context) -> Iterable[tuple[str, str]]:
    """Its parts exist; an indicator computed from records keeps how it is computed."""
    code, agg = r["code"], r["aggregation"]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", code):
        yield "code", f"指标代码“{code}”只能用英文字母、数字和下划线（字母开头，不超过 40 个字符）"
        return
    if r["section"] == "service" and r.get("topic") not in SERVICE_TOPICS:
        yield "topic", "公共服务的指标须填主题：康复、就业、教育、文体或社会保障"
    elif r["section"] != "service" and r.get("topic") not in (None, r["section"]):
        yield "topic", f"{SECTIONS[r['section']]}的指标不分主题，请留空"
    src = ctx.all_indicators.get(code)
    if src and src.split(":")[0] in ("event", "coverage"):
        # computed from the records: names, units, showing and order may change, not how it adds up
        if agg != ctx.indicator_aggregations.get(code, agg):
            yield "aggregation", f"指标“{code}”由业务记录计算，不能改汇总方式（可改名称、单位、显示与排序）"
        ctx.file_indicators[code] = agg
        return
    known = set(ctx.all_indicators) | set(ctx.file_indicators)
    if agg in ("ratio", "growth") and not r.get("numerator"):
        yield "numerator", f"{AGGREGATIONS[agg]}的指标须填分子（{'增长所依据的' if agg == 'growth' else ''}指标代码）"
    if agg == "ratio" and not r.get("denominator"):
        yield "denominator", "两项之比的指标须填分母指标代码"
    for col in ("numerator", "denominator"):
        part = r.get(col)
        if part and part not in known:
            yield col, f"指标代码“{part}”不存在（须已在指标库中，或在本文件中排在前面）"
        if part == code:
            yield col, "指标不能由自己计算"
    ctx.file_indicators[code] = agg


def _derive_indicator(r: dict, ctx: Context) -> None:
    src = ctx.all_indicators.get(r["code"])
    if src and src.split(":")[0] in ("event", "coverage"):
        r["source"] = src
    else:
        r["source"] = {"ratio": "ratio", "growth": "growth"}.get(r["aggregation"], "values")
    r["topic"] = r.get("topic") or r["section"]
    r["name_en"] = r.get("name_en") or r["name_zh"]
    r["unit_en"] = r.get("unit_en") or r["unit_zh"]
    r["period"] = r.get("period") or "year"
    for col, default in (("scale", 1.0), ("decimals", 0), ("visible", 1), ("sort", 1000 + len(ctx.file_indicators))):
        if r.get(col) is None:
            r[col] = default
    if r["aggregation"] not in ("ratio",):
        r["denominator"] = None
    if r["aggregation"] not in ("ratio", "growth"):
        r["numerator"] = None


_add(
    Kind(
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
)

_add(
    Kind(
        "indicators",
        "指标定义",
        "Indicator definitions",
        m.Indicator,
        (
            Col("code", "指标代码", meaning="英文字母、数字和下划线，唯一", example="rehab_devices"),
            Col("name_zh", "指标名称", meaning="页面和报告上显示的名称", example="辅助器具适配"),
            Col(
                "name_en",
                "英文名称",
                required=False,
                meaning="英文界面显示的名称；不填则同中文",
                example="Assistive devices fitted",
            ),
            Col("unit_zh", "单位", meaning="如 人、人次、万元、%", example="人次"),
            Col("unit_en", "英文单位", required=False, example="person-times"),
            Col("section", "所属部分", allowed=SECTIONS, meaning="显示在哪个页面", example="公共服务"),
            Col(
                "topic",
                "主题",
                required=False,
                allowed=TOPICS,
                meaning="公共服务须填康复、就业、教育、文体或社会保障；其余部分不填",
                example="康复",
            ),
            Col("aggregation", "汇总方式", allowed=AGGREGATIONS, meaning="各县(区)、各月如何合计", example="求和"),
            Col("numerator", "分子指标代码", required=False, meaning="两项之比的分子，或同比增长所依据的指标"),
            Col("denominator", "分母指标代码", required=False, meaning="两项之比的分母"),
            Col("scale", "比例系数", "float", False, "两项之比乘以的系数，百分比填 100", min=0, max=1e9, example=1),
            Col("period", "报送周期", required=False, allowed=PERIODS, meaning="不填则按年", example="按年"),
            Col("decimals", "小数位数", "int", False, min=0, max=4, example=0),
            Col("visible", "是否显示", "bool", False, "否：只作为其他指标的组成部分，不单独显示", example="是"),
            Col("sort", "排序", "int", False, "同一主题内的显示顺序，小的在前", min=0, max=100000, example=100),
            Col("description_zh", "说明", required=False, meaning="指标口径", example=""),
        ),
        key=("code",),
        area_col=None,
        description="本会自己的指标（如年报指标）：新增或修改指标库中的条目；导入后即可用“指标数据”报送其数值。",
        order=("sort", "code"),
        checks=(_indicator_fits,),
        derive=_derive_indicator,
    )
)

_add(
    Kind(
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
            _area(("city", "county", "township", "village"), "990101101000", "机构所在区划"),
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
            NotBefore("staffed_on", "established_on", "专职委员到位日期早于成立日期"),
        ),
    )
)

_add(
    Kind(
        "staffing",
        "编制与人员",
        "Staffing",
        m.Staffing,
        (
            _area(("city", "county"), "990100000000", "市或县(区)"),
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
)

_add(
    Kind(
        "indicator_values",
        "指标数据",
        "Indicator values",
        m.IndicatorValue,
        (
            Col(
                "indicator_code",
                "指标",
                "indicator",
                meaning="指标名称或指标代码（见“选项”）",
                example="新增残疾人就业",
            ),
            _area(("county", "township"), "990101101000", "县(区)或乡镇(街道)"),
            AREA_NAME,
            Col("year", "年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
            Col("month", "月份", "int", meaning="1–12 为当月数；按年报送的指标填 0", min=0, max=12, example=3),
            Col(
                "value",
                "数值",
                "float",
                meaning="当月（或全年）数，单位见指标",
                unit="见指标",
                min=0,
                max=1e10,
                example=12,
            ),
        ),
        key=("indicator_code", "area_code", "year", "month"),
        date_col=(),
        description="按指标、区划、年度、月份报送；同一指标、区划、年、月再次导入即替换原数。",
        order=("indicator_code", "year", "month", "area_code"),
        checks=(_period_fits,),
    )
)

_add(
    Kind(
        "legal_aid",
        "法律援助案件",
        "Legal-aid cases",
        m.LegalAidCase,
        (
            Col("case_no", "案件编号", meaning="本单位的案件编号，唯一", example="FY2025010100001"),
            _area(("county", "township", "village"), "990101101000", "受理案件的县(区)或乡镇(街道)"),
            AREA_NAME,
            Col("case_type", "案件类型", allowed=_choices(v.LEGAL_AID_TYPES), example="劳动争议"),
            Col("service_kind", "服务方式", allowed=_choices(v.LEGAL_SERVICE_KINDS), example="咨询"),
            Col("opened_on", "受理日期", "date", example="2025-03-15"),
            Col("closed_on", "结案日期", "date", False, example="2025-04-20"),
            Col("status", "办理状态", allowed=_choices(v.LEGAL_AID_STATUSES), example=v.LEGAL_AID_CLOSED),
        ),
        key=("case_no",),
        date_col=("opened_on",),
        description="一案一行；年度和月份按受理日期计算。",
        order=("case_no",),
        checks=(
            NotBefore("closed_on", "opened_on", "结案日期早于受理日期"),
            RequiredWhen("closed_on", "status", (v.LEGAL_AID_CLOSED,), "状态为“{value}”的案件须填写结案日期"),
        ),
    )
)

_add(
    Kind(
        "infringement",
        "侵权案件",
        "Infringement cases",
        m.InfringementCase,
        (
            Col("case_no", "案件编号", meaning="案件编号，唯一", example="QQ2025010100001"),
            _area(("county", "township", "village"), "990101101000"),
            AREA_NAME,
            Col("partner_agency", "联合查处部门", allowed=_choices((*v.PARTNER_AGENCIES, v.OTHER)), example="公安"),
            Col("case_type", "案件性质", meaning="如侵占财产、虐待遗弃、欺诈、就业歧视", example="侵占财产"),
            Col("opened_on", "立案日期", "date", example="2025-06-02"),
            Col("closed_on", "办结日期", "date", False, example="2025-07-10"),
            Col("status", "办理状态", allowed=_choices(v.INFRINGEMENT_STATUSES), example=v.INFRINGEMENT_CLOSED),
        ),
        key=("case_no",),
        date_col=("opened_on",),
        description="一案一行；年度和月份按立案日期计算。",
        order=("case_no",),
        checks=(
            NotBefore("closed_on", "opened_on", "办结日期早于立案日期"),
            RequiredWhen("closed_on", "status", (v.INFRINGEMENT_CLOSED,), "状态为“{value}”的案件须填写办结日期"),
        ),
    )
)

_add(
    Kind(
        "access",
        "无障碍改造项目",
        "Accessibility projects",
        m.AccessibilityProject,
        (
            Col("project_no", "项目编号", meaning="项目编号，唯一", example="WZA2025010100001"),
            _area(("county", "township", "village"), "990101101000"),
            AREA_NAME,
            Col("name", "项目名称", example="示例镇卫生院无障碍改造"),
            Col("category", "改造类别", allowed=_choices(v.ACCESS_CATEGORIES), example="公共建筑"),
            Col("status", "项目状态", allowed=_choices(v.ACCESS_STATUSES), example=v.ACCESS_DONE),
            Col("started_on", "开工日期", "date", example="2025-02-10"),
            Col("completed_on", "完工日期", "date", False, "已完成的项目必填", example="2025-06-30"),
            Col("cost_wan", "投入金额(万元)", "float", False, unit="万元", min=0, max=1e6, example=12.5),
        ),
        key=("project_no",),
        date_col=("completed_on", "started_on"),
        description="一项目一行；已完成的按完工日期、实施中的按开工日期计入年度和月份。",
        order=("project_no",),
        checks=(
            RequiredWhen("completed_on", "status", (v.ACCESS_DONE,), "{value}的项目须填写完工日期"),
            NotBefore("completed_on", "started_on", "完工日期早于开工日期"),
        ),
    )
)

_add(
    Kind(
        "activities",
        "活动",
        "Activities",
        m.Activity,
        (
            Col("activity_no", "活动编号", meaning="活动编号，唯一", example="WT202500001"),
            _area(("city", "county", "township", "village"), "990101000000", "举办活动的区划；市残联举办的填市代码"),
            AREA_NAME,
            Col("kind", "活动类别", allowed=ACTIVITY_KINDS, example="文体活动"),
            Col("title", "活动名称", example="残疾人运动会"),
            Col("speaker", "主讲人", required=False, meaning="专题宣讲的主讲人", example=""),
            Col("held_on", "举办日期", "date", example="2025-05-18"),
            Col("participants", "参与人次", "int", unit="人次", min=0, max=10_000_000, example=300),
        ),
        key=("activity_no",),
        date_col=("held_on",),
        description="专题宣讲、主题宣传、文体活动，一次活动一行。",
        order=("activity_no",),
    )
)

_add(
    Kind(
        "volunteers",
        "志愿服务记录",
        "Volunteer service records",
        m.VolunteerRecord,
        (
            Col("record_no", "记录编号", meaning="记录编号，唯一（如队伍+年月）", example="ZY2025010101"),
            _area(("city", "county", "township"), "990101000000", "志愿服务队所属区划"),
            AREA_NAME,
            Col("year", "年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
            Col("month", "月份", "int", min=1, max=12, example=5),
            Col("team", "志愿服务队", example="示例区助残志愿服务一队"),
            Col("partner_org", "合作单位", allowed=_choices((*v.VOLUNTEER_PARTNERS, v.OTHER)), example="共青团"),
            Col(
                "volunteers",
                "参与志愿者",
                "int",
                meaning="当月参加服务的志愿者人数",
                unit="人",
                min=0,
                max=1_000_000,
                example=20,
            ),
            Col("hours", "服务时长(小时)", "float", unit="小时", min=0, max=1e7, example=160),
        ),
        key=("record_no",),
        description="每支志愿服务队每月一行。",
        order=("record_no",),
    )
)

_add(
    Kind(
        "donations",
        "社会捐赠",
        "Donations",
        m.Donation,
        (
            Col("donation_no", "捐赠编号", meaning="捐赠登记编号，唯一", example="JZ202500001"),
            _area(("city", "county", "township", "village"), "990101101000", "接收捐赠的区划"),
            AREA_NAME,
            Col("donor_kind", "捐赠方类别", allowed=_choices(v.DONOR_KINDS), example="企业"),
            Col("purpose", "用途", meaning="如贫困残疾人家庭救助、助学、康复辅具", example="助学"),
            Col("received_on", "接收日期", "date", example="2025-09-01"),
            Col("money_wan", "捐款(万元)", "float", unit="万元", min=0, max=1e6, example=5),
            Col("goods_wan", "捐物折价(万元)", "float", False, unit="万元", min=0, max=1e6, example=0),
        ),
        key=("donation_no",),
        date_col=("received_on",),
        description="一笔捐赠一行；钱款和物资折价分列。",
        order=("donation_no",),
    )
)

# ------------------------------------------------------------- plan targets and the assessment
# (issue 18) Two kinds with their own row rules, so nothing above needs to know them.

PLAN_INDICATORS = {d.code: d.name_zh for d in _catalog.INDICATORS if d.visible}
TARGET_ATTRIBUTES = {"binding": "约束性", "expected": "预期性"}
TARGET_DIRECTIONS = {"at_least": "不低于", "at_most": "不高于"}
ASSESSMENT_METHODS = {"share": "按完成率", "rank": "按排名", "thresholds": "分档"}
PLAN_AHEAD = 10  # a target may lie up to two five-year plans beyond the years of the data


def _target_rules(r: dict, ctx: Context) -> list[tuple[str, str]]:
    period = plan_period(r["plan"])
    if period is None:
        return [("plan", f"“{r['plan']}”不是规划名称（可填 十四五、十五五 等五年规划，或年度如 2026）")]
    out = []
    first, last = period
    if not first <= r["target_year"] <= last:
        out.append(("target_year", f"目标年度 {r['target_year']} 不在{r['plan']}规划期（{first}—{last}年）内"))
    by, bv = r.get("baseline_year"), r.get("baseline_value")
    if (by is None) != (bv is None):
        out.append(("baseline_value" if by is not None else "baseline_year", "基期年度和基期值须同时填写或同时不填"))
    elif by is not None and by >= first:
        out.append(("baseline_year", f"基期年度 {by} 应早于规划期的第一年 {first}"))
    return out


def _rule_rules(r: dict, ctx: Context) -> list[tuple[str, str]]:
    if r["method"] == "thresholds":
        if not r.get("thresholds"):
            return [("thresholds", "计分方法为“分档”时须填写分档标准（如 100=1;90=0.8;80=0.5）")]
        try:
            parse_thresholds(r["thresholds"])
        except ValueError as exc:
            return [("thresholds", str(exc))]
    return []


_add(
    Kind(
        "plan_targets",
        "规划目标",
        "Plan targets",
        m.PlanTarget,
        (
            Col(
                "indicator_code",
                "指标",
                allowed=PLAN_INDICATORS,
                meaning="指标名称或指标代码",
                example="新增残疾人就业",
            ),
            _area(("city", "county"), "990100000000", "目标所属的市或县(区)"),
            AREA_NAME,
            Col("plan", "规划", meaning="十四五、十五五等五年规划，或年度计划填年份（如 2026）", example="十四五"),
            Col(
                "target_year",
                "目标年度",
                "int",
                meaning="目标值对应的年度",
                min=YEAR_RANGE[0],
                max=YEAR_RANGE[1] + PLAN_AHEAD,
                example=2025,
            ),
            Col(
                "value",
                "目标值",
                "float",
                meaning="目标年度的指标值，单位与指标相同",
                unit="见指标",
                min=0,
                max=1e10,
                example=1000,
            ),
            Col("attribute", "指标属性", allowed=TARGET_ATTRIBUTES, example="预期性"),
            Col("direction", "方向", allowed=TARGET_DIRECTIONS, meaning="指标应不低于或不高于目标值", example="不低于"),
            Col(
                "baseline_year",
                "基期年度",
                "int",
                False,
                "基期（通常为规划期前一年）",
                min=YEAR_RANGE[0],
                max=YEAR_RANGE[1],
                example=2020,
            ),
            Col("baseline_value", "基期值", "float", False, "基期年度的指标值", "见指标", min=0, max=1e10, example=800),
        ),
        key=("indicator_code", "area_code", "plan"),
        description="每项规划指标每个区划一行；同一指标、区划和规划再次导入即替换。",
        order=("plan", "indicator_code", "area_code"),
        checks=(_target_rules,),
    )
)

_add(
    Kind(
        "assessment_rules",
        "考核细则",
        "Assessment rules",
        m.AssessmentRule,
        (
            Col("year", "考核年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
            Col(
                "indicator_code",
                "指标",
                allowed=PLAN_INDICATORS,
                meaning="指标名称或指标代码",
                example="新增残疾人就业",
            ),
            Col("weight", "分值", "float", meaning="该项满分", unit="分", min=0, max=1000, example=30),
            Col(
                "method",
                "计分方法",
                allowed=ASSESSMENT_METHODS,
                meaning="按完成率：分值×完成率（最多满分）；按排名：按完成率排名，第 1 名满分，第 k 名得 (n−k+1)/n；分档：按分档标准",
                example="按完成率",
            ),
            Col(
                "thresholds",
                "分档标准",
                required=False,
                meaning="分档时填写：完成率(%)=得分比例，如 100=1;90=0.8;80=0.5，低于最低档不得分",
                example="",
            ),
            Col("note", "说明", required=False, example="以县(区)年度目标为准"),
        ),
        key=("year", "indicator_code"),
        area_col=None,
        description="每个考核年度每项指标一行；县(区)的年度目标取规划目标（见“规划目标”）。",
        order=("year", "indicator_code"),
        checks=(_rule_rules,),
    )
)

# load order for a whole database (areas before what points at them)
LOAD_ORDER = tuple(KINDS)

# ---- reporting and data quality (issue 19): the federation's reports and validation rules,
# loadable like the dictionary; the checks across their columns are in data_access.quality.
# Not in LOAD_ORDER: every database is seeded with the shipped ones (like the indicator
# dictionary), so a whole-database load of records leaves them be.
REPORT_PERIODS = {"month": "月报（每月）", "quarter": "季报（每季）", "flash": "快报（1–9月）", "year": "年报（每年）"}
RULE_KINDS = {
    "part_le_whole": "部分不大于整体",
    "non_negative": "不得为负数",
    "rate_range": "比率在范围内",
    "dates_order": "日期先后",
    "yoy_jump": "同比变化过大",
    "outlier": "月度异常值",
    "breakdown_sum": "分项之和等于合计",
}
SEVERITIES = {"error": "错误（拒绝导入）", "warning": "警告（导入并列出）"}


def _default(column: str, value: int) -> Derive:
    """An optional column left empty takes ``value`` (not the generic 0: a rule is active)."""

    def derive(r: dict, ctx: Context) -> None:
        if r.get(column) is None:
            r[column] = value

    return derive


_add(
    Kind(
        "reports",
        "报表与报送期",
        "Reports",
        m.Report,
        (
            Col("code", "报表代码", meaning="报表的代码，唯一", example="monthly"),
            Col("name_zh", "报表名称", meaning="如 月报、快报、年报", example="月报"),
            Col(
                "covers",
                "报送内容",
                meaning="数据类别或指标代码，用逗号分隔；indicator_values:month 表示全部按月指标",
                example="indicator_values:month,legal_aid",
            ),
            Col("period", "报送周期", allowed=REPORT_PERIODS, example="月报（每月）"),
            Col(
                "deadline_days",
                "截止天数",
                "int",
                meaning="报送期结束后第几天截止",
                unit="天",
                min=0,
                max=366,
                example=10,
            ),
            Col("level", "报送层级", allowed={"county": "县(区)", "township": "乡镇(街道)"}, example="县(区)"),
            Col(
                "first_year",
                "起报年度",
                "int",
                False,
                "从哪一年起要求报送",
                min=YEAR_RANGE[0],
                max=YEAR_RANGE[1],
                example=2019,
            ),
            Col("sort", "排序", "int", False, min=0, max=1000, example=1),
        ),
        key=("code",),
        area_col=None,
        description="市残联要求各县(区)报送的报表：报送内容、周期、截止日期（报送期结束后第几天）和报送层级。",
        order=("sort", "code"),
        derive=_default("sort", 0),
    )
)

_add(
    Kind(
        "validation_rules",
        "数据校验规则",
        "Validation rules",
        m.ValidationRule,
        (
            Col("code", "规则代码", meaning="规则的代码，唯一", example="emp_self_le_new"),
            Col("name_zh", "规则名称", example="自主创业不大于新增就业"),
            Col("rule", "规则类型", allowed=RULE_KINDS, example="部分不大于整体"),
            Col("severity", "级别", allowed=SEVERITIES, example="错误（拒绝导入）"),
            Col("target", "检查对象", meaning="指标代码；日期规则填“数据类别.列名”", example="emp_self"),
            Col(
                "other",
                "比较对象",
                required=False,
                meaning="整体指标、分项指标（逗号分隔，或 @township 表示各乡镇）、或日期（列名、today、2000-01-01）",
                example="emp_new",
            ),
            Col("low", "下限", "float", False, min=-1e12, max=1e12, example=None),
            Col("high", "上限", "float", False, min=-1e12, max=1e12, example=None),
            Col(
                "threshold",
                "阈值",
                "float",
                False,
                "同比变化的百分比，或异常值的修正 Z 分数",
                min=0,
                max=1e6,
                example=None,
            ),
            Col("active", "启用", "int", False, "1 启用，0 停用", min=0, max=1, example=1),
        ),
        key=("code",),
        area_col=None,
        description="每次导入和按需检查时执行的数据校验规则；“错误”拒绝导入并指出行，“警告”照常导入并列出。",
        order=("code",),
        derive=_default("active", 1),
    )
)


# the gap ledger (issue 32): its own module; not in LOAD_ORDER (the data opens the gaps)
from .kind_gaps import GAPS  # noqa: E402

_add(GAPS)


def header_map(kind: Kind) -> dict[str, str]:
    """Every accepted header (Chinese, English, normalised) → column name."""
    out: dict[str, str] = {}
    for c in kind.columns:
        for h in (c.zh, c.name, c.zh.replace("(", "（").replace(")", "）"), *c.aliases):
            out[norm_header(h)] = c.name
    return out


def norm_header(h: object) -> str:
    s = "" if h is None else str(h)
    s = s.replace("（", "(").replace("）", ")").replace("\ufeff", "").replace("*", "")
    return "".join(s.split()).lower()
