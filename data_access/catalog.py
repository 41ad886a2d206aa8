"""The indicator dictionary as shipped: one code per figure, its names, unit, how it
aggregates and where its numbers come from. ``db.seed_catalog`` writes it into the
``indicators`` table; the query layer reads the table, so a federation can add
its own reported indicators without code.

Sections follow the work summary: org (一), service (三), rights (四), social (五).
Topics split the service section into its four parts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from . import vocab


@dataclass(frozen=True, kw_only=True)
class IndicatorDef:
    """One dictionary entry, written with keywords (``code=…, section=…``) so an entry reads on its own."""

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
    description_en: str | None = None  # shown in English; not stored (the table has 说明 only)

    def row(self, sort: int) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "description_en"} | {"sort": sort}


I = IndicatorDef

INDICATORS: tuple[IndicatorDef, ...] = (
    # 一 organisation coverage (computed from org_units and areas)
    I(
        code="org_township_coverage",
        section="org",
        topic="org",
        name_zh="乡镇(街道)残联覆盖率",
        name_en="Townships with a federation",
        unit_zh="%",
        unit_en="%",
        aggregation="ratio",
        source="coverage:township",
        period="year",
        decimals=1,
        description_zh="已建立残联的乡镇(街道)数 / 乡镇(街道)总数",
        description_en="Townships (sub-districts) with a federation / all townships (sub-districts)",
    ),
    I(
        code="org_village_coverage",
        section="org",
        topic="org",
        name_zh="村(社区)残协覆盖率",
        name_en="Villages with an association",
        unit_zh="%",
        unit_en="%",
        aggregation="ratio",
        source="coverage:village",
        period="year",
        decimals=1,
        description_zh="已建立残协的村(社区)数 / 村(社区)总数",
        description_en="Villages (communities) with an association / all villages (communities)",
    ),
    I(
        code="org_village_staff_coverage",
        section="org",
        topic="org",
        name_zh="村(社区)专职委员配备率",
        name_en="Villages with full-time staff",
        unit_zh="%",
        unit_en="%",
        aggregation="ratio",
        source="coverage:village_staff",
        period="year",
        decimals=1,
        description_zh="已建残协且配备专职委员的村(社区)数 / 村(社区)总数",
        description_en="Villages (communities) with an association and a full-time officer / all villages (communities)",
    ),
    # 三 service delivery: rehabilitation
    I(
        code="rehab_funds",
        section="service",
        topic="rehab",
        name_zh="康复专项资金投入",
        name_en="Earmarked rehabilitation funds",
        unit_zh="万元",
        unit_en="10k yuan",
        decimals=2,
        description_zh="用于残疾人康复设施建设及设备更新的专项资金",
        description_en="Special funds for building rehabilitation facilities and renewing their equipment",
    ),
    I(
        code="rehab_centres",
        section="service",
        topic="rehab",
        name_zh="新建和改扩建康复中心",
        name_en="New and expanded rehab centres",
        unit_zh="个",
        unit_en="centres",
    ),
    I(
        code="rehab_beds",
        section="service",
        topic="rehab",
        name_zh="新增康复床位",
        name_en="New rehabilitation beds",
        unit_zh="张",
        unit_en="beds",
    ),
    I(
        code="rehab_trainings",
        section="service",
        topic="rehab",
        name_zh="康复讲座和培训",
        name_en="Rehabilitation lectures and trainings",
        unit_zh="场次",
        unit_en="sessions",
    ),
    I(
        code="rehab_beneficiaries",
        section="service",
        topic="rehab",
        name_zh="康复知识普及受益人次",
        name_en="Rehabilitation beneficiaries",
        unit_zh="人次",
        unit_en="person-times",
    ),
    # employment
    I(
        code="emp_new",
        section="service",
        topic="employment",
        name_zh="新增残疾人就业",
        name_en="New employment of disabled persons",
        unit_zh="人",
        unit_en="persons",
    ),
    I(
        code="emp_self",
        section="service",
        topic="employment",
        name_zh="其中自主创业",
        name_en="of which self-employed",
        unit_zh="人",
        unit_en="persons",
    ),
    I(
        code="emp_training",
        section="service",
        topic="employment",
        name_zh="免费职业培训",
        name_en="Free vocational training",
        unit_zh="人次",
        unit_en="person-times",
    ),
    I(
        code="emp_loan_subsidy",
        section="service",
        topic="employment",
        name_zh="创业贷款贴息",
        name_en="Entrepreneurship loan interest subsidy",
        unit_zh="万元",
        unit_en="10k yuan",
        decimals=2,
    ),
    I(
        code="emp_income_total",
        section="service",
        topic="employment",
        name_zh="调查户可支配收入总额",
        name_en="Disposable income of surveyed disabled persons' households",
        unit_zh="万元",
        unit_en="10k yuan",
        period="year",
        decimals=2,
        visible=0,
    ),
    I(
        code="emp_income_persons",
        section="service",
        topic="employment",
        name_zh="调查户家庭人口",
        name_en="Members of surveyed disabled persons' households",
        unit_zh="人",
        unit_en="persons",
        period="year",
        visible=0,
    ),
    I(
        code="emp_income_pc",
        section="service",
        topic="employment",
        name_zh="残疾人家庭人均可支配收入",
        name_en="Per-capita disposable income of disabled persons' households",
        unit_zh="元",
        unit_en="yuan",
        aggregation="ratio",
        source="ratio",
        period="year",
        numerator="emp_income_total",
        denominator="emp_income_persons",
        scale=10000.0,
        decimals=0,
    ),
    I(
        code="emp_income_growth",
        section="service",
        topic="employment",
        name_zh="残疾人家庭人均可支配收入同比增长",
        name_en="Growth of per-capita disposable income of disabled persons' households",
        unit_zh="%",
        unit_en="%",
        aggregation="growth",
        source="growth",
        period="year",
        numerator="emp_income_pc",
        decimals=1,
    ),
    # education
    I(
        code="edu_students",
        section="service",
        topic="education",
        name_zh="资助残疾学生",
        name_en="Disabled students aided",
        unit_zh="人次",
        unit_en="person-times",
    ),
    I(
        code="edu_aid",
        section="service",
        topic="education",
        name_zh="发放助学金",
        name_en="Student aid paid to disabled students",
        unit_zh="万元",
        unit_en="10k yuan",
        decimals=2,
    ),
    I(
        code="edu_school_age",
        section="service",
        topic="education",
        name_zh="适龄残疾儿童少年",
        name_en="School-age disabled children",
        unit_zh="人",
        unit_en="persons",
        period="year",
        visible=0,
    ),
    I(
        code="edu_enrolled",
        section="service",
        topic="education",
        name_zh="接受义务教育的适龄残疾儿童少年",
        name_en="of whom in compulsory education",
        unit_zh="人",
        unit_en="persons",
        period="year",
        visible=0,
    ),
    I(
        code="edu_enrol_rate",
        section="service",
        topic="education",
        name_zh="适龄残疾儿童少年义务教育入学率",
        name_en="Compulsory-education enrolment rate of school-age disabled children",
        unit_zh="%",
        unit_en="%",
        aggregation="ratio",
        source="ratio",
        period="year",
        numerator="edu_enrolled",
        denominator="edu_school_age",
        scale=100.0,
        decimals=1,
    ),
    # culture and sport (counted from activity records)
    I(
        code="culture_events",
        section="service",
        topic="culture",
        name_zh="残疾人文化体育活动",
        name_en="Culture and sport events",
        unit_zh="场次",
        unit_en="events",
        source="event:culture_events",
    ),
    I(
        code="culture_participants",
        section="service",
        topic="culture",
        name_zh="文体活动参与人次",
        name_en="Participants in culture and sport",
        unit_zh="人次",
        unit_en="person-times",
        source="event:culture_participants",
    ),
    # 四 rights protection
    I(
        code="rights_legal_aid",
        section="rights",
        topic="rights",
        name_zh="受理残疾人法律援助案件",
        name_en="Legal-aid cases accepted",
        unit_zh="件",
        unit_en="cases",
        source="event:legal_aid",
    ),
    I(
        code="rights_access_projects",
        section="rights",
        topic="rights",
        name_zh="完成无障碍改造项目",
        name_en="Accessibility retrofits completed",
        unit_zh="个",
        unit_en="projects",
        source="event:access_completed",
    ),
    I(
        code="rights_infringement",
        section="rights",
        topic="rights",
        name_zh="查处侵害残疾人权益案件",
        name_en="Infringement cases investigated",
        unit_zh="起",
        unit_en="cases",
        source="event:infringement",
    ),
    # 五 social mobilisation
    I(
        code="social_donations",
        section="social",
        topic="social",
        name_zh="社会捐赠款物",
        name_en="Donations (money and goods)",
        unit_zh="万元",
        unit_en="10k yuan",
        source="event:donations_total",
        decimals=2,
    ),
    I(
        code="social_volunteers",
        section="social",
        topic="social",
        name_zh="助残志愿者",
        name_en="Volunteers",
        unit_zh="人",
        unit_en="persons",
        aggregation="max",
        source="event:volunteers",
    ),
    I(
        code="social_volunteer_hours",
        section="social",
        topic="social",
        name_zh="志愿服务时长",
        name_en="Volunteer service hours",
        unit_zh="小时",
        unit_en="hours",
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

# the fixed words of the records have one home (vocab); re-exported for existing callers
SPECIAL_ASSOCIATIONS = vocab.SPECIAL_ASSOCIATIONS
LEGAL_AID_TYPES = vocab.LEGAL_AID_TYPES
LEGAL_SERVICE_KINDS = vocab.LEGAL_SERVICE_KINDS
ACCESS_CATEGORIES = vocab.ACCESS_CATEGORIES
PARTNER_AGENCIES = vocab.PARTNER_AGENCIES
VOLUNTEER_PARTNERS = vocab.VOLUNTEER_PARTNERS
DONATION_PURPOSES = vocab.DONATION_PURPOSES
POST_KINDS = vocab.POST_KINDS
