"""The records of the federation's work, one row per case, project, activity, service month or gift:
legal aid, infringement cases, accessibility projects, activities, volunteer service, donations."""

from __future__ import annotations

from ... import models as m
from ... import vocab as v
from .base import AREA_NAME, YEAR_RANGE, Col, Kind, NotBefore, RequiredWhen, area, choices

ACTIVITY_KINDS = v.ACTIVITY_KINDS


LEGAL_AID = Kind(
    "legal_aid",
    "法律援助案件",
    "Legal-aid cases",
    m.LegalAidCase,
    (
        Col("case_no", "案件编号", meaning="本单位的案件编号，唯一", example="FY2025010100001"),
        area(("county", "township", "village"), "990101101000", "受理案件的县(区)或乡镇(街道)"),
        AREA_NAME,
        Col("case_type", "案件类型", allowed=choices(v.LEGAL_AID_TYPES), example="劳动争议"),
        Col("service_kind", "服务方式", allowed=choices(v.LEGAL_SERVICE_KINDS), example="咨询"),
        Col("opened_on", "受理日期", "date", example="2025-03-15"),
        Col("closed_on", "结案日期", "date", False, example="2025-04-20"),
        Col("status", "办理状态", allowed=choices(v.LEGAL_AID_STATUSES), example=v.LEGAL_AID_CLOSED),
    ),
    key=("case_no",),
    date_col=("opened_on",),
    description="一案一行；年度和月份按受理日期计算。",
    order=("case_no",),
    checks=(
        NotBefore("closed_on", "opened_on", "data_date_closed_before_accepted"),
        RequiredWhen("closed_on", "status", (v.LEGAL_AID_CLOSED,), "data_date_closed_required"),
    ),
)

INFRINGEMENT = Kind(
    "infringement",
    "侵权案件",
    "Infringement cases",
    m.InfringementCase,
    (
        Col("case_no", "案件编号", meaning="案件编号，唯一", example="QQ2025010100001"),
        area(("county", "township", "village"), "990101101000"),
        AREA_NAME,
        Col("partner_agency", "联合查处部门", allowed=choices((*v.PARTNER_AGENCIES, v.OTHER)), example="公安"),
        Col("case_type", "案件性质", meaning="如侵占财产、虐待遗弃、欺诈、就业歧视", example="侵占财产"),
        Col("opened_on", "立案日期", "date", example="2025-06-02"),
        Col("closed_on", "办结日期", "date", False, example="2025-07-10"),
        Col("status", "办理状态", allowed=choices(v.INFRINGEMENT_STATUSES), example=v.INFRINGEMENT_CLOSED),
    ),
    key=("case_no",),
    date_col=("opened_on",),
    description="一案一行；年度和月份按立案日期计算。",
    order=("case_no",),
    checks=(
        NotBefore("closed_on", "opened_on", "data_date_concluded_before_opened"),
        RequiredWhen("closed_on", "status", (v.INFRINGEMENT_CLOSED,), "data_date_concluded_required"),
    ),
)

ACCESS = Kind(
    "access",
    "无障碍改造项目",
    "Accessibility projects",
    m.AccessibilityProject,
    (
        Col("project_no", "项目编号", meaning="项目编号，唯一", example="WZA2025010100001"),
        area(("county", "township", "village"), "990101101000"),
        AREA_NAME,
        Col("name", "项目名称", example="示例镇卫生院无障碍改造"),
        Col("category", "改造类别", allowed=choices(v.ACCESS_CATEGORIES), example="公共建筑"),
        Col("status", "项目状态", allowed=choices(v.ACCESS_STATUSES), example=v.ACCESS_DONE),
        Col("started_on", "开工日期", "date", example="2025-02-10"),
        Col("completed_on", "完工日期", "date", False, "已完成的项目必填", example="2025-06-30"),
        Col("cost_wan", "投入金额(万元)", "float", False, unit="万元", min=0, max=1e6, example=12.5),
    ),
    key=("project_no",),
    date_col=("completed_on", "started_on"),
    description="一项目一行；已完成的按完工日期、实施中的按开工日期计入年度和月份。",
    order=("project_no",),
    checks=(
        RequiredWhen("completed_on", "status", (v.ACCESS_DONE,), "data_date_completed_required"),
        NotBefore("completed_on", "started_on", "data_date_completed_before_started"),
    ),
)

ACTIVITIES = Kind(
    "activities",
    "活动",
    "Activities",
    m.Activity,
    (
        Col("activity_no", "活动编号", meaning="活动编号，唯一", example="WT202500001"),
        area(("city", "county", "township", "village"), "990101000000", "举办活动的区划；市残联举办的填市代码"),
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

VOLUNTEERS = Kind(
    "volunteers",
    "志愿服务记录",
    "Volunteer service records",
    m.VolunteerRecord,
    (
        Col("record_no", "记录编号", meaning="记录编号，唯一（如队伍+年月）", example="ZY2025010101"),
        area(("city", "county", "township"), "990101000000", "志愿服务队所属区划"),
        AREA_NAME,
        Col("year", "年度", "int", min=YEAR_RANGE[0], max=YEAR_RANGE[1], example=2025),
        Col("month", "月份", "int", min=1, max=12, example=5),
        Col("team", "志愿服务队", example="示例区助残志愿服务一队"),
        Col("partner_org", "合作单位", allowed=choices((*v.VOLUNTEER_PARTNERS, v.OTHER)), example="共青团"),
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

DONATIONS = Kind(
    "donations",
    "社会捐赠",
    "Donations",
    m.Donation,
    (
        Col("donation_no", "捐赠编号", meaning="捐赠登记编号，唯一", example="JZ202500001"),
        area(("city", "county", "township", "village"), "990101101000", "接收捐赠的区划"),
        AREA_NAME,
        Col("donor_kind", "捐赠方类别", allowed=choices(v.DONOR_KINDS), example="企业"),
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
