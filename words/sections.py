"""The work summary's sections in one place: their numbers and titles as the seed numbers
them (一 organisation, 二 thought and political work, 三 public services with （一）康复
（二）就业（三）教育（四）文体, 四 rights, 五 social forces, 六 outlook), for the written
summary, the statistical analysis and the slides. Streamlit-free."""

from __future__ import annotations

from dataclasses import dataclass

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SectionInfo:
    number: int  # 1 … 6: 一 … 六
    sub: int | None  # 1 … 4 for the parts of 三: （一） … （四）
    zh: str  # heading as the written summary prints it
    en: str
    short_zh: str  # on a slide, next to its number
    short_en: str


SECTION_HEADINGS: dict[str, SectionInfo] = {
    "org": SectionInfo(
        1, None, "持续推进基层残疾人组织建设", "Grassroots organisation", "基层组织建设", "Grassroots organisation"
    ),
    "political": SectionInfo(
        2, None, "持续加强和改进思想政治工作", "Thought and political work", "思想政治工作", "Political work"
    ),
    "services": SectionInfo(
        3, None, "全面提升残疾人公共服务水平", "Public services for disabled persons", "公共服务", "Public services"
    ),
    "rehab": SectionInfo(3, 1, "残疾人康复服务", "Rehabilitation", "康复服务", "Rehabilitation"),
    "employment": SectionInfo(3, 2, "残疾人就业创业", "Employment", "就业创业", "Employment"),
    "education": SectionInfo(3, 3, "残疾人教育扶持", "Education", "教育扶持", "Education"),
    "culture": SectionInfo(3, 4, "残疾人文化体育", "Culture and sport", "文化体育", "Culture and sport"),
    "rights": SectionInfo(4, None, "深入推进残疾人权益保障工作", "Rights protection", "权益保障", "Rights protection"),
    "social": SectionInfo(
        5, None, "广泛动员社会力量参与残疾人事业", "Social mobilisation", "社会力量", "Social mobilisation"
    ),
    "outlook": SectionInfo(6, None, "下一步工作打算", "Next steps", "下一步工作", "Next steps"),
}


# the Overview's tile groups and the slides, in the work summary's order
OVERVIEW_KEYS = ("org", "rehab", "employment", "education", "culture", "rights", "social")


def numeral(n: int) -> str:
    return NUMERALS[n - 1]


def parent(key: str) -> str | None:
    """The section a part belongs to (rehab → services), None for a top-level section."""
    s = SECTION_HEADINGS[key]
    if s.sub is None:
        return None
    return next(k for k, v in SECTION_HEADINGS.items() if v.number == s.number and v.sub is None)


def heading(key: str, lang: str = "zh", number: int | None = None, sub: int | None = None) -> str:
    """一、持续推进基层残疾人组织建设 / （一）残疾人康复服务 / 1. Grassroots organisation / 3.1 Rehabilitation.
    ``number``/``sub``: the place it takes when sections before it were left out (numbering stays
    contiguous)."""
    s = SECTION_HEADINGS[key]
    n = number or s.number
    if not s.sub:  # a section of its own: 一、 / 1.
        return f"{n}. {s.en}" if lang == "en" else f"{numeral(n)}、{s.zh}"
    k = sub or s.sub
    return f"{n}.{k} {s.en}" if lang == "en" else f"（{numeral(k)}）{s.zh}"


def label(key: str, lang: str = "zh") -> str:
    """A slide's section line: 一、基层组织建设 / 三、公共服务 · 康复服务 / 3. Public services · Rehabilitation."""
    s = SECTION_HEADINGS[key]
    if s.sub is None:
        return f"{s.number}. {s.short_en}" if lang == "en" else f"{numeral(s.number)}、{s.short_zh}"
    top = SECTION_HEADINGS[parent(key) or key]
    if lang == "en":
        return f"{s.number}. {top.short_en} · {s.short_en}"
    return f"{numeral(s.number)}、{top.short_zh} · {s.short_zh}"


def ordinal(i: int, lang: str = "zh") -> str:
    """一是 / 二是 … for the seed's enumerations; First, Second … in English."""
    if lang == "en":
        return ("First", "Second", "Third", "Fourth", "Fifth", "Sixth")[i - 1] + ","
    return f"{numeral(i)}是"
