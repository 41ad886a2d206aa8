"""The indicator dictionary as shipped: one code per figure, its names, unit, how it
aggregates and where its numbers come from. ``db.seed_catalog`` writes it into the
``indicators`` table; the query layer reads the table, so a federation can add
its own reported indicators without code.

Sections follow the work summary: org (一), service (三), rights (四), social (五).
Topics split the service section into its four parts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    section: str
    topic: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    aggregation: str = "sum"  # sum | ratio | growth | max
    source: str = "values"
    period: str = "month"  # month: reported monthly; year: once a year (month 0)
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    decimals: int = 0
    visible: int = 1
    description_zh: str | None = None

    def row(self, sort: int) -> dict:
        return asdict(self) | {"sort": sort}


I = IndicatorDef

INDICATORS: tuple[IndicatorDef, ...] = (
    # 一 organisation coverage (computed from org_units and areas)
    I(
        "org_township_coverage",
        "org",
        "org",
        "乡镇(街道)残联覆盖率",
        "Townships with a federation",
        "%",
        "%",
        "ratio",
        "coverage:township",
        "year",
        decimals=1,
        description_zh="已建立残联的乡镇(街道)数 / 乡镇(街道)总数",
    ),
    I(
        "org_village_coverage",
        "org",
        "org",
        "村(社区)残协覆盖率",
        "Villages with an association",
        "%",
        "%",
        "ratio",
        "coverage:village",
        "year",
        decimals=1,
        description_zh="已建立残协的村(社区)数 / 村(社区)总数",
    ),
    I(
        "org_village_staff_coverage",
        "org",
        "org",
        "村(社区)专职委员配备率",
        "Villages with full-time staff",
        "%",
        "%",
        "ratio",
        "coverage:village_staff",
        "year",
        decimals=1,
        description_zh="已建残协且配备专职委员的村(社区)数 / 村(社区)总数",
    ),
    # 三 service delivery: rehabilitation
    I(
        "rehab_funds",
        "service",
        "rehab",
        "康复专项资金投入",
        "Rehabilitation special funds",
        "万元",
        "10k yuan",
        decimals=2,
        description_zh="用于残疾人康复设施建设及设备更新的专项资金",
    ),
    I("rehab_centres", "service", "rehab", "新建和改扩建康复中心", "New and expanded rehab centres", "个", "centres"),
    I("rehab_beds", "service", "rehab", "新增康复床位", "New rehabilitation beds", "张", "beds"),
    I(
        "rehab_trainings",
        "service",
        "rehab",
        "康复讲座和培训",
        "Rehabilitation lectures and trainings",
        "场次",
        "sessions",
    ),
    I(
        "rehab_beneficiaries",
        "service",
        "rehab",
        "康复知识普及受益人次",
        "Rehabilitation beneficiaries",
        "人次",
        "person-times",
    ),
    # employment
    I("emp_new", "service", "employment", "新增残疾人就业", "New employment of disabled persons", "人", "persons"),
    I("emp_self", "service", "employment", "其中自主创业", "of which self-employed", "人", "persons"),
    I("emp_training", "service", "employment", "免费职业培训", "Free vocational training", "人次", "person-times"),
    I(
        "emp_loan_subsidy",
        "service",
        "employment",
        "创业贷款贴息",
        "Entrepreneurship loan interest subsidy",
        "万元",
        "10k yuan",
        decimals=2,
    ),
    I(
        "emp_income_total",
        "service",
        "employment",
        "调查户可支配收入总额",
        "Disposable income of surveyed households",
        "万元",
        "10k yuan",
        period="year",
        decimals=2,
        visible=0,
    ),
    I(
        "emp_income_persons",
        "service",
        "employment",
        "调查户家庭人口",
        "Members of surveyed households",
        "人",
        "persons",
        period="year",
        visible=0,
    ),
    I(
        "emp_income_pc",
        "service",
        "employment",
        "残疾人家庭人均可支配收入",
        "Per-capita disposable income of households",
        "元",
        "yuan",
        "ratio",
        "ratio",
        "year",
        "emp_income_total",
        "emp_income_persons",
        10000.0,
        0,
    ),
    I(
        "emp_income_growth",
        "service",
        "employment",
        "残疾人家庭人均可支配收入同比增长",
        "Growth of household per-capita disposable income",
        "%",
        "%",
        "growth",
        "growth",
        "year",
        "emp_income_pc",
        decimals=1,
    ),
    # education
    I("edu_students", "service", "education", "资助残疾学生", "Students aided", "人次", "person-times"),
    I("edu_aid", "service", "education", "发放助学金", "Student aid paid", "万元", "10k yuan", decimals=2),
    I(
        "edu_school_age",
        "service",
        "education",
        "适龄残疾儿童少年",
        "School-age disabled children",
        "人",
        "persons",
        period="year",
        visible=0,
    ),
    I(
        "edu_enrolled",
        "service",
        "education",
        "接受义务教育的适龄残疾儿童少年",
        "of whom in compulsory education",
        "人",
        "persons",
        period="year",
        visible=0,
    ),
    I(
        "edu_enrol_rate",
        "service",
        "education",
        "适龄残疾儿童少年义务教育入学率",
        "Compulsory-education enrolment rate",
        "%",
        "%",
        "ratio",
        "ratio",
        "year",
        "edu_enrolled",
        "edu_school_age",
        100.0,
        1,
    ),
    # culture and sport (counted from activity records)
    I(
        "culture_events",
        "service",
        "culture",
        "残疾人文化体育活动",
        "Culture and sport events",
        "场次",
        "events",
        source="event:culture_events",
    ),
    I(
        "culture_participants",
        "service",
        "culture",
        "文体活动参与人次",
        "Participants in culture and sport",
        "人次",
        "person-times",
        source="event:culture_participants",
    ),
    # 四 rights protection
    I(
        "rights_legal_aid",
        "rights",
        "rights",
        "受理残疾人法律援助案件",
        "Legal-aid cases accepted",
        "件",
        "cases",
        source="event:legal_aid",
    ),
    I(
        "rights_access_projects",
        "rights",
        "rights",
        "完成无障碍改造项目",
        "Accessibility retrofits completed",
        "个",
        "projects",
        source="event:access_completed",
    ),
    I(
        "rights_infringement",
        "rights",
        "rights",
        "查处侵害残疾人权益案件",
        "Infringement cases investigated",
        "起",
        "cases",
        source="event:infringement",
    ),
    # 五 social mobilisation
    I(
        "social_donations",
        "social",
        "social",
        "社会捐赠款物",
        "Donations (money and goods)",
        "万元",
        "10k yuan",
        source="event:donations_total",
        decimals=2,
    ),
    I(
        "social_volunteers",
        "social",
        "social",
        "助残志愿者",
        "Volunteers",
        "人",
        "persons",
        "max",
        source="event:volunteers",
    ),
    I(
        "social_volunteer_hours",
        "social",
        "social",
        "志愿服务时长",
        "Volunteer service hours",
        "小时",
        "hours",
        source="event:volunteer_hours",
    ),
)

BY_CODE = {d.code: d for d in INDICATORS}

# What the Overview shows, grouped as the work summary's sections.
OVERVIEW_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("org", ("org_township_coverage", "org_village_coverage")),
    ("rehab", ("rehab_funds", "rehab_centres", "rehab_beds", "rehab_trainings", "rehab_beneficiaries")),
    ("employment", ("emp_new", "emp_self", "emp_income_growth")),
    ("education", ("edu_students", "edu_aid")),
    ("culture", ("culture_events", "culture_participants")),
    ("rights", ("rights_legal_aid", "rights_access_projects", "rights_infringement")),
    ("social", ("social_donations", "social_volunteers", "social_volunteer_hours")),
)
OVERVIEW_CODES: tuple[str, ...] = tuple(c for _, codes in OVERVIEW_GROUPS for c in codes)

SPECIAL_ASSOCIATIONS = {
    "assoc_blind": "盲协",
    "assoc_deaf": "聋协",
    "assoc_physical": "肢协",
    "assoc_intellectual": "智协",
    "assoc_mental": "精协",
}
LEGAL_AID_TYPES = ("劳动争议", "交通事故", "婚姻家庭", "财产权益", "其他")
LEGAL_SERVICE_KINDS = ("咨询", "代书", "诉讼代理")
ACCESS_CATEGORIES = ("公共建筑", "公共交通", "信息交流", "家庭无障碍")
PARTNER_AGENCIES = ("公安", "市场监管", "人社", "民政")
VOLUNTEER_PARTNERS = ("共青团", "妇联", "高校", "社会组织")
DONATION_PURPOSES = ("贫困残疾人家庭救助", "残疾人服务机构", "助学", "康复辅具")
POST_KINDS = {
    "centre_posts": "市残疾人事业服务中心编制",
    "admin_posts": "行政编制",
    "public_welfare_posts": "公益一类事业编制",
    "paid_hires": "“以钱养事”工作人员",
    "vice_chairs": "兼(挂)职副理事长",
}
