"""The fixed words of the records: statuses, categories, area levels and kinds.

These strings are stored in the database and typed by users in their files, so each
has exactly one spelling, here. The generator, the load definitions, the queries and
the charts import them instead of writing "已结案" themselves: a new status or a
renamed category is one edit.
"""

from __future__ import annotations

# ------------------------------------------------------------------ case and project status
LEGAL_AID_OPEN = "办理中"
LEGAL_AID_CLOSED = "已结案"
LEGAL_AID_STATUSES = (LEGAL_AID_OPEN, LEGAL_AID_CLOSED)

INFRINGEMENT_OPEN = "查处中"
INFRINGEMENT_CLOSED = "已办结"
INFRINGEMENT_STATUSES = (INFRINGEMENT_OPEN, INFRINGEMENT_CLOSED)

ACCESS_ONGOING = "实施中"
ACCESS_DONE = "已完成"
ACCESS_STATUSES = (ACCESS_DONE, ACCESS_ONGOING)

# ------------------------------------------------------------------ categories
LEGAL_AID_TYPES = ("劳动争议", "交通事故", "婚姻家庭", "财产权益", "其他")
LEGAL_SERVICE_KINDS = ("咨询", "代书", "诉讼代理")
ACCESS_CATEGORIES = ("公共建筑", "公共交通", "信息交流", "家庭无障碍")
PARTNER_AGENCIES = ("公安", "市场监管", "人社", "民政")
VOLUNTEER_PARTNERS = ("共青团", "妇联", "高校", "社会组织")
DONATION_PURPOSES = ("贫困残疾人家庭救助", "残疾人服务机构", "助学", "康复辅具")
DONOR_KINDS = ("企业", "个人", "社会组织")
OTHER = "其他"

SPECIAL_ASSOCIATIONS = {
    "assoc_blind": "盲协",
    "assoc_deaf": "聋协",
    "assoc_physical": "肢协",
    "assoc_intellectual": "智协",
    "assoc_mental": "精协",
}
POST_KINDS = {
    "centre_posts": "市残疾人事业服务中心编制",
    "admin_posts": "行政编制",
    "public_welfare_posts": "公益一类事业编制",
    "paid_hires": "“以钱养事”工作人员",
    "vice_chairs": "兼(挂)职副理事长",
}
ACTIVITY_KINDS = {"lecture": "专题宣讲", "campaign": "主题宣传", "culture_sport": "文体活动"}

# ------------------------------------------------------------------ areas
LEVELS = {"city": "市", "county": "县(区)", "township": "乡镇(街道)", "village": "村(社区)"}

CITY = "市"
DISTRICT = "区"
COUNTY = "县"
BANNER = "旗"
STREET = "街道"
TOWN = "镇"
XIANG = "乡"
# 类似乡级单位: 开发区, 农场, 监狱, 社区服务中心 … (统计用区划代码 township digits 400–599)
TOWNSHIP_LIKE = "类似乡级单位"
VILLAGE = "村"
COMMUNITY = "社区"
AREA_KINDS = (CITY, DISTRICT, COUNTY, BANNER, XIANG, TOWN, STREET, TOWNSHIP_LIKE, VILLAGE, COMMUNITY)
# 乡级 kinds with a suffix of their own: a 乡 that became a 镇 keeps its stem (横桥乡 → 横桥镇)
TOWNSHIP_SUFFIXES = (STREET, TOWN, XIANG)
