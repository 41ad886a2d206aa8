"""English for the words the records store in Chinese (case types, service kinds, categories,
partners, statuses, roles): the values stay Chinese in the database and in load files; what
a reader sees in English comes from here. Proper names (places, titles of talks) stay as
they are. Streamlit-free."""

from __future__ import annotations

EN: dict[str, str] = {
    # legal aid: case types and service kinds
    "劳动争议": "labour disputes",
    "交通事故": "traffic accidents",
    "婚姻家庭": "marriage and family",
    "财产权益": "property rights",
    "其他": "other",
    "咨询": "advice",
    "代书": "document drafting",
    "诉讼代理": "representation in court",
    # accessibility
    "公共建筑": "public buildings",
    "公共交通": "public transport",
    "信息交流": "information and communication",
    "家庭无障碍": "homes",
    "已完成": "completed",
    "实施中": "in progress",
    # partner agencies and organisations
    "公安": "police",
    "市场监管": "market regulation",
    "人社": "human resources and social security",
    "民政": "civil affairs",
    "共青团": "Communist Youth League",
    "妇联": "Women's Federation",
    "高校": "universities",
    "社会组织": "social organisations",
    # donation purposes
    "贫困残疾人家庭救助": "relief for poor families",
    "残疾人服务机构": "service institutions",
    "助学": "student aid",
    "康复辅具": "assistive devices",
    # speakers and levels
    "党组书记、理事长": "the federation's party secretary and chair",
    "市委党校教授": "a professor of the municipal Party School",
    "市本级": "city level",
    "全市": "the whole city",
}


def word(zh: object, lang: str = "zh") -> str:
    """The stored Chinese word in the reader's language (unknown words as stored)."""
    s = "" if zh is None else str(zh)
    return EN.get(s, s) if lang == "en" else s


CAMPAIGNS_EN = {
    "全国助残日": "the National Day for Helping Disabled Persons (全国助残日)",
    "国际残疾人日": "the International Day of Persons with Disabilities (国际残疾人日)",
}


def campaign(title: str, lang: str = "zh") -> str:
    """A campaign's title in English by the day it marks; other titles as stored."""
    if lang != "en":
        return title
    return next((en for zh, en in CAMPAIGNS_EN.items() if zh in title), title)
