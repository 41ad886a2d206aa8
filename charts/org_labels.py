"""Words and colours of the Organisation page (组织建设): status, measure, post and
association labels in both languages, shared by the map, the coverage charts and the tables."""

from __future__ import annotations

import pandas as pd

from .basic import fmt_number

# Okabe–Ito: blue, orange, vermillion differ in lightness as well as hue
STATUS_RGB = {"staffed": (0, 114, 178), "no_staff": (230, 159, 0), "none": (213, 94, 0)}

# Township fills, opaque so that a fill is exactly its legend swatch (a translucent fill
# over white changes the hue and no longer matches): the slide map's light blue for a
# township with its federation and staff, so the county borders, labels and the darker
# village points read on it; orange and vermillion for the gaps.
TOWN_RGB = {"staffed": (166, 206, 232), "no_staff": STATUS_RGB["no_staff"], "none": STATUS_RGB["none"]}
STATUS_COLOUR_NAME = {
    "staffed": ("浅蓝色", "light blue"),
    "no_staff": ("橙色", "orange"),
    "none": ("朱红色", "vermillion"),
}

STATUS_LABELS = {
    "township": {
        "staffed": ("已建残联，已配专职人员", "Federation with full-time staff"),
        "no_staff": ("已建残联，未配专职人员", "Federation, no full-time staff"),
        "none": ("未建残联", "No federation"),
    },
    "village": {
        "staffed": ("已建残协，已配专职委员", "Association with full-time staff"),
        "no_staff": ("已建残协，未配专职委员", "Association, no full-time staff"),
        "none": ("未建残协", "No association"),
    },
}

# the short mark written on a township with a gap (the map's non-colour cue)
GAP_MARK = {"no_staff": ("缺专职", "no staff"), "none": ("未建", "none")}

MEASURE_LABELS = {
    "township": ("乡镇(街道)残联覆盖率", "Townships with a federation"),
    "township_staff": ("乡镇(街道)专职人员配备率", "Township federations with full-time staff"),
    "village": ("村(社区)残协覆盖率", "Villages with an association"),
    "village_staff": ("村(社区)专职委员配备率", "Villages with full-time staff"),
}

MEASURE_UNITS = {  # what is counted, for "86 / 100 个乡镇(街道)"
    "township": ("个乡镇(街道)", "townships"),
    "township_staff": ("个乡镇(街道)", "townships"),
    "village": ("个村(社区)", "villages"),
    "village_staff": ("个村(社区)", "villages"),
}

ORG_TYPE_LABELS = {
    "party_group": ("残联党组", "Party group"),
    "assoc_blind": ("盲协", "Blind"),
    "assoc_deaf": ("聋协", "Deaf"),
    "assoc_physical": ("肢协", "Physical"),
    "assoc_intellectual": ("智协", "Intellectual"),
    "assoc_mental": ("精协", "Mental"),
}

POST_KIND_LABELS = {
    "centre_posts": ("市残疾人事业服务中心编制", "City service centre posts"),
    "admin_posts": ("县级行政编制", "County administrative posts"),
    "public_welfare_posts": ("县级公益一类事业编制", "County public-service posts"),
    "paid_hires": ("“以钱养事”工作人员", "Contracted staff (以钱养事)"),
    "vice_chairs": ("兼(挂)职副理事长", "Part-time/seconded vice-chairs"),
}

LEVEL_LABELS = {
    "township": ("乡镇(街道)", "Township"),
    "village": ("村(社区)", "Village"),
    "city": ("市级", "City"),
    "county": ("县级", "County"),
}

CITY_LEVEL = ("市本级", "City federation")


def _l(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def status_label(level: str, status: str, lang: str = "zh") -> str:
    return _l(STATUS_LABELS[level][status], lang)


def measure_label(measure: str, lang: str = "zh") -> str:
    return _l(MEASURE_LABELS[measure], lang)


def pct_text(v: float | None) -> str:
    return "—" if v is None or pd.isna(v) else f"{v:.1f}%"


def _date_text(d: object) -> str:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return "—"
    return str(d)[:10]


def fmt_count(covered: int, total: int, unit: str) -> str:
    return f"{fmt_number(covered)} / {fmt_number(total)} {unit}".strip()
